"""Command line: ``python -m calculators list | schema NAME | NAME [--field VALUE ...]``.

``--lang`` (anywhere on the line) picks the language of every text; English
is the default. Exit status: 0 on success, 2 when any input is bad (every
field error printed).
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from collections.abc import Sequence

from . import names, run, schema
from ._fields import applies
from ._i18n import LANGUAGES, N_, translate


def _parser_for(name: str, lang: str) -> argparse.ArgumentParser:
    described = schema(name, lang)
    parser = argparse.ArgumentParser(
        prog=f"python -m calculators {name}", description=described["description"]
    )
    presets = ", ".join(preset["name"] for preset in described["presets"])
    parser.add_argument(
        "--preset",
        help=translate(N_("start from a preset: {presets}"), lang).format(presets=presets),
    )
    parser.add_argument(
        "--json", action="store_true", help=translate(N_("print the full result as JSON"), lang)
    )
    for field in described["fields"]:
        unit = f" [{field['unit']}]" if field["unit"] else ""
        default = translate(N_("empty"), lang) if field["default"] is None else field["default"]
        text = translate(N_("{label}{unit}: {help} (default: {default})"), lang).format(
            label=field["label"], unit=unit, help=field["help"], default=default
        )
        parser.add_argument(
            f"--{field['name']}",
            metavar="VALUE",
            # argparse treats % as a format character (checked since Python 3.14).
            help=text.replace("%", "%%"),
        )
    return parser


def _unit_suffix(output: dict[str, str]) -> str:
    # Money and shares carry their unit in the text already ("$2.8M", "40%").
    return "" if output["format"] in ("usd", "percent") else output["unit"]


def _table(name: str, result: dict[str, object], lang: str) -> str:
    described = schema(name, lang)
    display = result["display"]
    assert isinstance(display, dict)
    # Headline outputs first, then the rest, each in schema order.
    ordered = sorted(described["outputs"], key=lambda output: not output["headline"])
    inputs = result["inputs"]
    assert isinstance(inputs, dict)
    rows = [
        (output["label"], display[output["name"]], _unit_suffix(output))
        for output in ordered
        if output["name"] in display and applies(output, inputs)
    ]
    width = max(_width(label) for label, _, _ in rows)
    lines = [
        f"{label}{' ' * (width - _width(label))}  {value} {unit}".rstrip()
        for label, value, unit in rows
    ]
    notes = result.get("notes")
    if isinstance(notes, list) and notes:
        lines.append("")
        prefix = translate(N_("Note: "), lang)
        lines.extend(f"{prefix}{note}" for note in notes)
    return "\n".join(lines)


def _width(text: str) -> int:
    """Columns a terminal gives `text`: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _take_lang(args: list[str]) -> tuple[str | None, list[str]]:
    """Remove ``--lang X`` / ``--lang=X`` from `args`; (language or None if bad, the rest)."""
    lang, index = "en", 0
    rest: list[str] = []
    while index < len(args):
        arg = args[index]
        if arg == "--lang":
            if index + 1 >= len(args):
                return None, rest
            lang, index = args[index + 1], index + 2
            continue
        if arg.startswith("--lang="):
            lang = arg.split("=", 1)[1]
        else:
            rest.append(arg)
        index += 1
    return (lang if lang in LANGUAGES else None), rest


def main(argv: Sequence[str] | None = None) -> int:
    lang, args = _take_lang(list(sys.argv[1:] if argv is None else argv))
    if lang is None:
        print(f"--lang must be one of {', '.join(LANGUAGES)}", file=sys.stderr)
        return 2
    usage = (
        "usage: python -m calculators [--lang {en,zh}] "
        "{list | schema NAME | NAME [--FIELD VALUE ...] [--json]}"
    )
    if not args or args[0] in ("-h", "--help"):
        print(usage)
        print("calculators:", ", ".join(names()))
        return 0 if args else 2
    command, rest = args[0], args[1:]
    if command == "list":
        for name in names():
            print(f"{name:<15} {schema(name, lang)['title']}")
        return 0
    if command == "schema":
        if len(rest) != 1 or rest[0] not in names():
            print(f"usage: python -m calculators schema {{{','.join(names())}}}", file=sys.stderr)
            return 2
        print(_json(schema(rest[0], lang), lang))
        return 0
    if command not in names():
        print(
            f"unknown calculator {command!r}; choose one of {', '.join(names())}", file=sys.stderr
        )
        return 2
    options = vars(_parser_for(command, lang).parse_args(rest))
    as_json = options.pop("json")
    mapping = {key: value for key, value in options.items() if value is not None}
    result = run(command, mapping, lang)
    if not result["ok"]:
        for error in result["errors"]:
            print(f"error: {error['field']}: {error['message']}", file=sys.stderr)
        if as_json:
            print(_json(result, lang))
        return 2
    if as_json:
        print(_json(result, lang))
    else:
        print(_table(command, result, lang))
    return 0


def _json(value: object, lang: str) -> str:
    # English output stays pure ASCII as before; other languages print their characters.
    return json.dumps(value, indent=2, allow_nan=False, ensure_ascii=lang == "en")


if __name__ == "__main__":
    sys.exit(main())
