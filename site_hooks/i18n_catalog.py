"""The calculators' message catalogues: collect every msgid, merge, write .po, compile .mo.

A build and test helper in the standard library only (no Babel, no msgfmt):

    python -m site_hooks.i18n_catalog          # update calculators/locale/*/*.po and .mo

Messages come from four places: the calculators' own structures (titles, field
labels, units, help, choices, outputs, presets, formulas and the chart texts of
every preset's run), every ``N_("...")`` literal in the package's source, the texts
of the sourced data the site shows (claims, data tables, tokenizer samples), and the
site's own words: every ``_t("...")`` / ``_m("...")`` literal in site_hooks/.
"""

from __future__ import annotations

import ast
import dataclasses
import struct
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "calculators"
SITE_HOOKS = ROOT / "site_hooks"
LOCALE = PACKAGE / "locale"
DOMAIN = "calculators"
HEADER = "Content-Type: text/plain; charset=UTF-8\nLanguage: {lang}\n"


def po_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


MARKERS = {PACKAGE: ("N_",), SITE_HOOKS: ("_t", "_m")}


def marked_messages() -> dict[str, str]:
    """Every literal passed to N_() in the package and to _t()/_m() in the site's hooks."""
    found: dict[str, str] = {}
    for folder, names in MARKERS.items():
        for path in sorted(folder.glob("*.py")):
            _collect(path, names, found)
    return found


def _collect(path: Path, names: tuple[str, ...], found: dict[str, str]) -> None:
    tree = ast.parse(path.read_text("utf-8"))
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in names
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.setdefault(node.args[0].value, path.name)  # no line: edits keep the .po


def data_messages() -> dict[str, str]:
    """Texts of the sourced data the site shows: claims, data tables, tokenizer samples."""
    from calculators._data import load

    found: dict[str, str] = {}

    def add(text: str, where: str) -> None:
        if text:
            found.setdefault(text, where)

    for key, claim in load("claims.json")["claims"].items():
        where = f"data/claims.json {key}"
        add(claim["article_says"], where)
        add(claim["reading"], where)
        for verdict in claim["verdict"].values():
            add(verdict, where)
        for figure in claim["figures"].values():
            add(figure["label"], where)
    add(load("chars_per_token.json")["tool"], "data/chars_per_token.json")
    for row in load("chars_per_token.json")["measured"]:
        add(row["label"], "data/chars_per_token.json")
    for sample in load("token_samples.json")["samples"].values():
        add(sample["label"], "data/token_samples.json")
    from calculators import training_cost

    for key, run in training_cost.reported_runs().items():
        add(run["label"], f"data/runs.json {key}")
        add(run["assumptions"], f"data/runs.json {key}")
    for key, item in load("constants.json").items():
        if not key.startswith("_"):
            add(item["unit"], f"data/constants.json {key}")
            add(item["note"], f"data/constants.json {key}")
    from calculators import gpu_finance

    for key, figure in gpu_finance.figures().items():
        for part in ("unit", "kind", "note"):
            add(figure[part], f"data/gpu_finance.json {key}")
    for point in gpu_finance.rental_history():
        add(point["offer"], "data/gpu_finance.json rental history")
    prices = load("token_prices.json")
    add(prices["capability"], "data/token_prices.json")
    add(prices["unit"], "data/token_prices.json")
    return found


def _figure_texts(figure: dict[str, Any]) -> Iterable[str]:
    layout = figure.get("layout", {})
    yield layout.get("title", {}).get("text", "")
    for axis in ("xaxis", "yaxis", "yaxis2"):
        yield layout.get(axis, {}).get("title", {}).get("text", "")
    for trace in figure.get("data", []):
        yield trace.get("name", "")


def _sample_inputs(module: Any) -> list[dict[str, object]]:
    """Defaults, every preset and every value of every choice: the texts each one shows."""
    samples: list[dict[str, object]] = [{}]
    samples += [{"preset": key} for key in module.PRESETS]
    for field in dataclasses.fields(module.Inputs):
        spec = field.metadata["spec"]
        samples += [{field.name: value} for value, _ in spec.choices]
    return samples


def structural_messages() -> dict[str, str]:
    """Every human text the calculators' structures and charts show in English."""
    import calculators

    found: dict[str, str] = {}

    def add(text: str, where: str) -> None:
        if text:
            found.setdefault(text, where)

    for name in calculators.names():
        described = calculators.schema(name)
        add(described["title"], f"{name}: title")
        add(described["description"], f"{name}: description")
        for field in described["fields"]:
            where = f"{name}.{field['name']}"
            for key in ("label", "unit", "help"):
                add(field[key], f"{where} {key}")
            for option in field["choices"]:
                add(option["label"], f"{where} choice {option['value']}")
        for output in described["outputs"]:
            where = f"{name} output {output['name']}"
            for key in ("label", "unit", "missing"):
                add(output[key], f"{where} {key}")
        for preset in described["presets"]:
            where = f"{name} preset {preset['name']}"
            for key in ("label", "description", "reported_note"):
                add(preset[key], f"{where} {key}")
        for formula in described["formulas"]:
            add(formula["quantity"], f"{name} formula")
            add(formula["formula"], f"{name} formula {formula['quantity']}")
        for text, where in _chart_messages(name).items():
            add(text, where)
    # The chip catalogue's remarks appear among the notes as they are written there.
    from calculators.training_cost import catalogue

    for key, gpu in catalogue().items():
        add(gpu.get("note", ""), f"data/gpus.json {key} note")
    return found


def _chart_messages(name: str) -> dict[str, str]:
    """Titles, axis titles and trace names of both charts, over every sample input."""
    import calculators

    found: dict[str, str] = {}
    for sample in _sample_inputs(calculators._CALCULATORS[name]):
        result = calculators.run(name, sample)
        if result["ok"]:
            for key in ("chart", "sensitivity"):
                for text in _figure_texts(result[key]):
                    if text:
                        found.setdefault(text, f"{name} {key}")
    return found


def all_messages() -> dict[str, str]:
    """msgid -> one place it comes from, in a stable order."""
    found = structural_messages()
    for text, where in {**data_messages(), **marked_messages()}.items():
        found.setdefault(text, where)
    return dict(sorted(found.items()))


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")


def _unescape(text: str) -> str:
    out, index = [], 0
    while index < len(text):
        char = text[index]
        if char == "\\" and index + 1 < len(text):
            nxt = text[index + 1]
            out.append({"n": "\n", "t": "\t", '"': '"', "\\": "\\"}.get(nxt, nxt))
            index += 2
        else:
            out.append(char)
            index += 1
    return "".join(out)


def read_po(text: str) -> dict[str, str]:
    """msgid -> msgstr of a .po file (header entry included under "")."""
    entries: dict[str, str] = {}
    msgid: list[str] | None = None
    msgstr: list[str] | None = None
    current: list[str] | None = None

    def flush() -> None:
        if msgid is not None and msgstr is not None:
            entries["".join(msgid)] = "".join(msgstr)

    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("msgid "):
            flush()
            msgid, msgstr = [], None
            current = msgid
            line = line[len("msgid ") :]
        elif line.startswith("msgstr "):
            msgstr = []
            current = msgstr
            line = line[len("msgstr ") :]
        elif not line.startswith('"'):
            continue
        if current is not None and line.startswith('"') and line.endswith('"'):
            current.append(_unescape(line[1:-1]))
    flush()
    return entries


def write_po(lang: str, translations: dict[str, str], sources: dict[str, str]) -> str:
    """A .po file with every msgid in `sources`, translated where known."""
    lines = [
        f"# Chinese (Simplified) messages of the AI Reality Check calculators ({lang}).",
        "# Update with: python -m site_hooks.i18n_catalog",
        'msgid ""',
        f'msgstr "{_escape(HEADER.format(lang=lang))}"',
        "",
    ]
    for msgid, where in sources.items():
        lines += [
            f"#: {where}",
            f'msgid "{_escape(msgid)}"',
            f'msgstr "{_escape(translations.get(msgid, ""))}"',
            "",
        ]
    return "\n".join(lines)


def compile_mo(entries: dict[str, str]) -> bytes:
    """GNU .mo bytes for the translated entries (what gettext.GNUTranslations reads)."""
    pairs = sorted(
        (key.encode("utf-8"), value.encode("utf-8")) for key, value in entries.items() if value
    )
    count = len(pairs)
    originals_at = 7 * 4
    translations_at = originals_at + count * 8
    data_at = translations_at + count * 8
    blob = b""
    originals, translations = [], []
    for key, _ in pairs:
        originals.append((len(key), data_at + len(blob)))
        blob += key + b"\0"
    for _, value in pairs:
        translations.append((len(value), data_at + len(blob)))
        blob += value + b"\0"
    header = struct.pack("<7I", 0x950412DE, 0, count, originals_at, translations_at, 0, data_at)
    table = b"".join(struct.pack("<2I", *pair) for pair in originals + translations)
    return header + table + blob


def update(lang: str) -> list[str]:
    """Rewrite the .po with the current msgids (keeping translations) and compile it.

    Returns the msgids still untranslated.
    """
    path = po_path(lang)
    known = read_po(path.read_text("utf-8")) if path.exists() else {}
    sources = all_messages()
    path.parent.mkdir(parents=True, exist_ok=True)
    text = write_po(lang, known, sources)
    path.write_text(text, "utf-8")
    path.with_suffix(".mo").write_bytes(compile_mo(read_po(text)))
    return [msgid for msgid in sources if not known.get(msgid)]


if __name__ == "__main__":
    missing = update(sys.argv[1] if len(sys.argv) > 1 else "zh")
    print(f"{len(missing)} messages untranslated")
