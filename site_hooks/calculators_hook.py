"""MkDocs hooks: calculator markers become live forms; the Python runtime is copied in.

A marker ``<!-- calculator: NAME [preset=PRESET] -->`` on its own line places a
calculator; an unknown name or preset fails the build. Embed pages
``embed/NAME/`` are generated for every calculator. After the build, the
package wheel, Pyodide's runtime files and plotly.js's basic bundle are copied
from the project (node_modules) into the site: nothing is fetched from another host.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

# Hooks load as plain modules; make their sibling helpers importable.
sys.path.insert(0, str(Path(__file__).resolve().parent))

from render import calculator_html
from wheel import Wheel, build_wheel

import calculators

PROJECT_ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = PROJECT_ROOT / "node_modules"
MARKER = re.compile(
    r"^<!--\s*calculator:\s*(?P<name>[\w-]+)(?P<options>(?:\s+[\w-]+=[\w.-]+)*)\s*-->$",
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

    def replace(match: re.Match[str]) -> str:
        name = match["name"]
        if name not in calculators.names():
            raise PluginError(
                f"{page.file.src_uri}: unknown calculator {name!r} "
                f"(known: {', '.join(calculators.names())})"
            )
        options = dict(item.split("=", 1) for item in match["options"].split())
        unknown = set(options) - {"preset"}
        if unknown:
            raise PluginError(f"{page.file.src_uri}: unknown calculator option(s) {unknown}")
        preset = options.get("preset")
        presets = [p["name"] for p in calculators.schema(name)["presets"]]
        if preset is not None and preset not in presets:
            raise PluginError(f"{page.file.src_uri}: unknown preset {preset!r} for {name}")
        instance = counts.get(name, 0)
        counts[name] = instance + 1
        embed_url = f"{root}{EMBED_DIR}/{name}/"
        rendered.append(calculator_html(name, instance, preset, embed_url, wheel_url))
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
