"""The built site: forms and pre-rendered results from the package, no outside hosts."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import subprocess
import sys
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

import calculators
from tests.support import CALCULATOR_PAGES, ROOT, build_page


class _Collector(HTMLParser):
    """Collects elements' attributes and the text of [data-output] elements."""

    def __init__(self) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.output_text: dict[str, str] = {}
        self._open_output: str | None = None
        self.scripts: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.elements.append((tag, attributes))
        if tag == "script":
            self.scripts.append(attributes)
        if "data-output" in attributes and "data-value" in attributes:
            self._open_output = attributes["data-output"]
            self.output_text[self._open_output or ""] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "span":
            self._open_output = None

    def handle_data(self, data: str) -> None:
        if self._open_output is not None:
            self.output_text[self._open_output] += data


def _parse(path: Path) -> _Collector:
    collector = _Collector()
    collector.feed(path.read_text("utf-8"))
    return collector


def _pages(name: str) -> list[str]:
    return [CALCULATOR_PAGES[name], f"embed/{name}/"]


@pytest.mark.parametrize("name", calculators.names())
def test_calculator_pages_hold_form_and_prerendered_results(built_site: Path, name: str) -> None:
    expected = calculators.run(name, {})
    for page in _pages(name):
        # The calculator's own section (a page may also hold explorables of others).
        text = (built_site / page / "index.html").read_text("utf-8")
        block = re.search(
            rf'<section class="calc" data-calculator="{name}".*?</section>', text, re.S
        )
        assert block, page
        html = _Collector()
        html.feed(block[0])
        roots = [a for t, a in html.elements if a.get("data-calculator") == name]
        assert len(roots) == 1, page
        assert roots[0]["data-state"] == "static"
        names = {a.get("name") for t, a in html.elements if t in ("input", "select")}
        assert {f["name"] for f in calculators.schema(name)["fields"]} <= names, page
        values = {
            a["data-output"]: a["data-value"]
            for _, a in html.elements
            if "data-output" in a
            and "data-value" in a
            and a["data-output"] not in TOKENIZER_OUTPUTS  # the tokenizer widget's own
        }
        scalar = {
            k: v
            for k, v in expected["outputs"].items()
            if k in expected["display"] and not isinstance(v, list)
        }
        assert set(values) == set(scalar), page
        for key, value in scalar.items():
            shown = values[key]
            assert (json.loads(shown) if shown else None) == value, (page, key)
            assert html.output_text[key] == expected["display"][key], (page, key)


def test_embed_pages_are_bare_and_have_no_inline_script(built_site: Path) -> None:
    for name in calculators.names():
        text = (built_site / "embed" / name / "index.html").read_text("utf-8")
        assert "md-header" not in text
        assert "md-sidebar" not in text
        for script in _parse(built_site / "embed" / name / "index.html").scripts:
            assert script.get("src"), script


def test_runtime_assets_are_self_hosted(built_site: Path) -> None:
    pyodide = built_site / "assets" / "pyodide"
    for file in (
        "pyodide.mjs",
        "pyodide.asm.mjs",
        "pyodide.asm.wasm",
        "pyodide-lock.json",
    ):
        assert (pyodide / file).stat().st_size > 0
    # Only the trimmed standard library is shipped (tests/build/test_stdlib.py).
    assert not (pyodide / "python_stdlib.zip").exists()
    assert (built_site / "assets" / "vendor" / "plotly-basic.min.js").stat().st_size > 100_000
    package = json.loads((ROOT / "node_modules" / "pyodide" / "package.json").read_text())
    pinned = json.loads((ROOT / "package.json").read_text())["dependencies"]["pyodide"]
    assert package["version"] == pinned


def test_wheel_is_valid_and_imports(built_site: Path, tmp_path: Path) -> None:
    wheels = list((built_site / "assets" / "py").glob("*.whl"))
    assert len(wheels) == 1
    wheel = wheels[0]
    assert wheel.name.endswith("-py3-none-any.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        record_name = next(n for n in names if n.endswith(".dist-info/RECORD"))
        for line in archive.read(record_name).decode().splitlines():
            path, digest, size = line.split(",")
            if path == record_name:
                continue
            data = archive.read(path)
            expected = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
            assert digest == f"sha256={expected.decode()}", path
            assert int(size) == len(data), path
    required = {"calculators/__init__.py", "calculators/data/gpus.json", "calculators/py.typed"}
    assert required <= names
    # Import from the wheel alone, in a clean interpreter outside the project.
    code = (
        "import sys, json; sys.path.insert(0, sys.argv[1]); import calculators;"
        "r = calculators.run('training_cost', {'preset': 'gpt-3'});"
        "assert calculators.__file__.startswith(sys.argv[1]); print(json.dumps(r['ok']))"
    )
    done = subprocess.run(
        [sys.executable, "-I", "-c", code, str(wheel)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.stdout.strip() == "true", done.stderr


# Vendored runtime files mention these URLs in code paths we never take: Pyodide's
# CDN fallback (we always pass packageBaseUrl), plotly's chart-studio and topojson
# defaults (no geo traces, send-to-cloud off), XML namespaces and licence links.
VENDOR_URLS = {
    "https://cdn.jsdelivr.net/pyodide/v",
    "https://cdn.plot.ly/un/",
    "https://cloud.plotly.com/newchart",
    "https://plotly.com/",
    "https://plotly.com/javascript/animations/",
    "https://github.com/voidqk/polybooljs",
    "https://github.com/d3/d3-time-format/tree/v2.2.3#locale_format",
    "https://github.com/d3/d3-format/tree/v1.4.5#d3-format",
    "http://syntheti.cc",
    "http://getify.mit-license.org",
    # gpt-tokenizer: links in its comments, never requested.
    "https://github.com/openai/openai-python/blob/main/chatml.md",
    "https://github.com/openai/openai-cookbook/blob/main/examples/How_to_count_tokens_with_tiktoken.ipynb",
}
TOKENIZER_OUTPUTS = {"token_count", "char_count", "chars_per_token", "cost_usd"}
URL_PATTERN = re.compile(r"""(?:https?:)?//[A-Za-z0-9.-]+\.[A-Za-z]{2,}[^\s"'<>)\\`$]*""")
NAMESPACES = re.compile(r"^http://www\.w3\.org/")
# Reader-clicked links in the text (sources, licences) are fine; anything loaded is not.
LOADED = {
    "script": "src",
    "img": "src",
    "iframe": "src",
    "source": "src",
    "video": "src",
    "audio": "src",
    "embed": "src",
    "object": "data",
    "link": "href",
}
NOT_LOADED_LINKS = {"canonical", "alternate", "license", "author"}


def _loaded_urls(path: Path) -> list[str]:
    urls = []
    for tag, attributes in _parse(path).elements:
        attribute = LOADED.get(tag)
        if attribute is None or not attributes.get(attribute):
            continue
        if tag == "link" and (attributes.get("rel") or "") in NOT_LOADED_LINKS:
            continue
        urls.append(attributes[attribute] or "")
    return urls


def test_no_page_loads_anything_from_another_host(built_site: Path) -> None:
    for path in built_site.rglob("*.html"):
        text = path.read_text("utf-8")
        outside = [u for u in _loaded_urls(path) if re.match(r"(?:https?:)?//", u)]
        assert not outside, (path, outside)
        assert "fonts.googleapis" not in text, path
        assert "fonts.gstatic" not in text, path
    for path in [*built_site.rglob("*.css"), *built_site.rglob("*.js"), *built_site.rglob("*.mjs")]:
        if path.name.endswith(".map"):
            continue
        text = path.read_text("utf-8", errors="replace")
        found = {m.group(0).rstrip(".,;") for m in URL_PATTERN.finditer(text)}
        found = {u for u in found if u.startswith("http") and not NAMESPACES.match(u)}
        relative = path.relative_to(built_site).as_posix()
        if relative.startswith(("assets/pyodide/", "assets/vendor/")):
            assert found <= VENDOR_URLS, (relative, found - VENDOR_URLS)
        elif relative.startswith(("assets/javascripts/", "assets/stylesheets/")):
            # The theme's bundle: only its own licence and project links, never a font CDN.
            assert not any("fonts.g" in u for u in found), relative
        else:
            assert not found, (relative, found)


def test_unknown_calculator_fails_the_build(tmp_path: Path) -> None:
    done = build_page(tmp_path, "<!-- calculator: no_such_thing -->")
    assert done.returncode != 0
    assert "unknown calculator 'no_such_thing'" in done.stdout + done.stderr
