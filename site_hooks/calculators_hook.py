"""MkDocs hooks: markers become live calculators, claim checks and data tables.

Markers, each alone on a line (an unknown name or option fails the build):

* ``<!-- calculator: NAME [preset=PRESET] -->`` a live calculator, pre-rendered;
* ``<!-- claim: ID -->`` an "article says / numbers say" box from calculators.claims;
* ``<!-- table: gpus|runs|constants -->`` and ``<!-- table: fields calculator=NAME -->``
  tables rendered from the package's sourced data.

Embed pages ``embed/NAME/`` are generated for every calculator. After the
build, the package wheel, Pyodide's runtime files and plotly.js's basic bundle
are copied from the project (node_modules) into the site: nothing is fetched
from another host.
"""

from __future__ import annotations

import re
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

# Hooks load as plain modules; make their sibling helpers importable.
sys.path.insert(0, str(Path(__file__).resolve().parent))

from render import (
    calculator_html,
    claim_html,
    constants_table,
    fields_table,
    gpu_table,
    runs_table,
)
from wheel import Wheel, build_wheel

import calculators
from calculators import claims

PROJECT_ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = PROJECT_ROOT / "node_modules"
MARKER = re.compile(
    r"^<!--\s*(?P<kind>calculator|claim|table):\s*(?P<name>[\w-]+)"
    r"(?P<options>(?:\s+[\w-]+=[\w.-]+)*)\s*-->$",
    re.MULTILINE,
)
PLACEHOLDER = "CALCULATORPLACEHOLDER{index}END"
PYODIDE_FILES = (
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
    "pyodide-lock.json",
)
PLOTLY_BUNDLE = NODE_MODULES / "plotly.js-basic-dist-min" / "plotly-basic.min.js"
EMBED_DIR = "embed"
CALCULATOR_PAGES = {
    "training_cost": "calculators/training-cost/",
    "token_kpi": "calculators/token-kpi/",
    "roi": "calculators/roi/",
}
TABLES: dict[str, Callable[[], str]] = {
    "gpus": gpu_table,
    "runs": runs_table,
    "constants": constants_table,
}

_wheel: Wheel | None = None
_pending: dict[str, list[str]] = {}


def _current_wheel() -> Wheel:
    global _wheel  # noqa: PLW0603 - rebuilt once per build, shared by every page
    if _wheel is None:
        _wheel = build_wheel(PROJECT_ROOT)
    return _wheel


def on_config(config: Any) -> Any:
    global _wheel  # noqa: PLW0603
    _wheel = None  # sources may have changed under `mkdocs serve`
    missing = [name for name in PYODIDE_FILES if not (NODE_MODULES / "pyodide" / name).exists()]
    if missing or not PLOTLY_BUNDLE.exists():
        raise PluginError("Browser runtime missing from node_modules: run `npm ci` (make does).")
    return config


def on_files(files: Files, config: Any) -> Files:
    """Generate one minimal embed page per calculator."""
    for name in calculators.names():
        title = calculators.schema(name)["title"]
        content = (
            f"---\ntemplate: embed.html\ntitle: {title}\nsearch:\n  exclude: true\n---\n\n"
            f"<!-- calculator: {name} -->\n"
        )
        files.append(File.generated(config, f"{EMBED_DIR}/{name}.md", content=content))
    return files


def _relative_root(page: Any) -> str:
    """The site root relative to a page's URL, so the site works from any sub-path."""
    depth = page.url.count("/")
    return "../" * depth if depth else "./"


def on_page_markdown(markdown: str, page: Any, config: Any, files: Files) -> str:
    rendered: list[str] = []
    root = _relative_root(page)
    wheel = _current_wheel()
    wheel_url = f"{root}assets/py/{wheel.filename}?v={wheel.sha256[:12]}"
    counts: dict[str, int] = {}

    def fail(message: str) -> PluginError:
        return PluginError(f"{page.file.src_uri}: {message}")

    def calculator(name: str, options: dict[str, str]) -> str:
        if name not in calculators.names():
            raise fail(f"unknown calculator {name!r} (known: {', '.join(calculators.names())})")
        if set(options) - {"preset"}:
            raise fail(f"unknown calculator option(s) {set(options) - {'preset'}}")
        preset = options.get("preset")
        known = [p["name"] for p in calculators.schema(name)["presets"]]
        if preset is not None and preset not in known:
            raise fail(f"unknown preset {preset!r} for {name}")
        instance = counts.get(name, 0)
        counts[name] = instance + 1
        embed_url = f"{root}{EMBED_DIR}/{name}/"
        return calculator_html(name, instance, preset, embed_url, wheel_url)

    def claim(name: str, options: dict[str, str]) -> str:
        if name not in claims.names() or options:
            raise fail(f"unknown claim {name!r} (known: {', '.join(claims.names())})")
        urls = {calc: root + path for calc, path in CALCULATOR_PAGES.items()}
        return claim_html(claims.check(name), urls)

    def table(name: str, options: dict[str, str]) -> str:
        if name == "fields" and set(options) == {"calculator"}:
            if options["calculator"] not in calculators.names():
                raise fail(f"unknown calculator {options['calculator']!r} in a fields table")
            return fields_table(options["calculator"])
        if name not in TABLES or options:
            raise fail(f"unknown table {name!r} (known: {', '.join(TABLES)}, fields)")
        return TABLES[name]()

    renderers = {"calculator": calculator, "claim": claim, "table": table}

    def replace(match: re.Match[str]) -> str:
        options = dict(item.split("=", 1) for item in match["options"].split())
        rendered.append(renderers[match["kind"]](match["name"], options))
        return PLACEHOLDER.format(index=len(rendered) - 1)

    markdown = MARKER.sub(replace, markdown)
    _pending[page.file.src_uri] = rendered
    return markdown


def on_page_content(html: str, page: Any, config: Any, files: Files) -> str:
    rendered = _pending.pop(page.file.src_uri, [])
    for index, widget in enumerate(rendered):
        token = PLACEHOLDER.format(index=index)
        html, count = re.subn(rf"<p>{token}</p>|{token}", lambda _m, w=widget: w, html)
        if count != 1:
            raise PluginError(f"{page.file.src_uri}: calculator placeholder {index} was lost")
    return html


def on_post_build(config: Any) -> None:
    site = Path(config["site_dir"])
    wheel = _current_wheel()
    py_dir = site / "assets" / "py"
    py_dir.mkdir(parents=True, exist_ok=True)
    (py_dir / wheel.filename).write_bytes(wheel.content)
    pyodide_dir = site / "assets" / "pyodide"
    pyodide_dir.mkdir(parents=True, exist_ok=True)
    for name in PYODIDE_FILES:
        shutil.copyfile(NODE_MODULES / "pyodide" / name, pyodide_dir / name)
    vendor = site / "assets" / "vendor"
    vendor.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(PLOTLY_BUNDLE, vendor / "plotly-basic.min.js")
