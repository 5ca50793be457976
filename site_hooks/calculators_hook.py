"""MkDocs hooks: markers become live calculators, claim checks and data tables.

Markers, each alone on a line (an unknown name or option fails the build):

* ``<!-- calculator: NAME [preset=PRESET] -->`` a live calculator, pre-rendered;
* ``<!-- claim: ID -->`` an "article says / numbers say" box from calculators.claims;
* ``<!-- table: gpus|runs|constants|gpu_finance|rental_history|chars-per-token -->`` and
  ``<!-- table: fields calculator=NAME -->``: tables rendered from the package's sourced data;
* ``<!-- chart: token-prices -->`` the token price trend, a static SVG (render_trend.py);
* ``<!-- tokenizer -->`` the tokenizer widget (render_tokenizer.py);
* ``<!-- explore: NAME fields=a,b [outputs=x,y] [preset=P] [chart=chart|sensitivity] -->``,
  then a sentence, then ``<!-- /explore -->``: an explorable (see render_explore.py);
* ``<!-- figure: CLAIM KEY -->`` anywhere in a line: one figure of a claim check,
  as a number with its raw value (the home page's section cards).

Embed pages ``embed/NAME/`` are generated for every calculator. After the
build, the package wheel, Pyodide's runtime files, plotly.js's basic bundle and
gpt-tokenizer's modules are copied from the project (node_modules) into the site:
nothing is fetched from another host.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import io
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

# Hooks load as plain modules; make their sibling helpers importable.
sys.path.insert(0, str(Path(__file__).resolve().parent))

from markers import PLACEHOLDER, MarkerError, PageMarkers, first_screen_calculator
from render_tokenizer import copy_vendor
from ui_text import messages_json, page_lang
from wheel import Wheel, build_wheel

import calculators

PROJECT_ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = PROJECT_ROOT / "node_modules"
PYODIDE_FILES = (
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "pyodide-lock.json",
)
# Pyodide's whole standard library (2.5 MB); the site ships only the part Python imports.
PYODIDE_STDLIB = NODE_MODULES / "pyodide" / "python_stdlib.zip"
# What a boot from the snapshot mounts as the standard library: nothing (every module it
# needs is in the image). A module missing there makes the worker fetch the trimmed zip.
EMPTY_STDLIB = "stdlib-empty.zip"
PLOTLY_BUNDLE = NODE_MODULES / "plotly.js-basic-dist-min" / "plotly-basic.min.js"
GPT_TOKENIZER = NODE_MODULES / "gpt-tokenizer"
EMBED_DIR = "embed"
# Snapshots take seconds to make: keep them by content key (the bench points this elsewhere
# to time a build from scratch).
SNAPSHOT_CACHE = Path(os.environ.get("SNAPSHOT_CACHE_DIR", PROJECT_ROOT / ".cache" / "snapshots"))
SNAPSHOT_SCRIPT = Path(__file__).resolve().parent / "make_snapshot.mjs"
CALCULATOR_PAGES = {
    "training_cost": "calculators/training-cost/",
    "token_kpi": "calculators/token-kpi/",
    "roi": "calculators/roi/",
    "gpu_finance": "calculators/gpu-finance/",
}


class _SwitcherWarning(logging.Filter):
    """Drop the i18n plugin's warning that Material's language switcher keeps the link of
    the first page under instant navigation: assets/js/language.mjs re-points it on every
    page change (and the strict build would otherwise stop on it)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "language switcher contextual link" not in record.getMessage()


logging.getLogger("mkdocs.plugins.mkdocs_static_i18n.reconfigure").addFilter(_SwitcherWarning())

_wheel: Wheel | None = None
_snapshot: str | None = None
_pending: dict[str, list[str]] = {}
_download_bytes: int | None = None


def _current_wheel() -> Wheel:
    global _wheel  # noqa: PLW0603 - rebuilt once per build, shared by every page
    if _wheel is None:
        _wheel = build_wheel(PROJECT_ROOT)
    return _wheel


def on_config(config: Any) -> Any:
    global _wheel, _snapshot, _download_bytes  # noqa: PLW0603
    _wheel = _snapshot = _download_bytes = None  # sources may have changed under `mkdocs serve`
    missing = [name for name in PYODIDE_FILES if not (NODE_MODULES / "pyodide" / name).exists()]
    missing += [] if PYODIDE_STDLIB.exists() else [PYODIDE_STDLIB.name]
    if missing or not PLOTLY_BUNDLE.exists() or not GPT_TOKENIZER.exists():
        raise PluginError("Browser runtime missing from node_modules: run `npm ci` (make does).")
    return config


def _lang(config: Any) -> str:
    """The package language of the edition being built (the i18n plugin builds each)."""
    return page_lang(config["theme"]["language"])


def _edition_prefix(config: Any) -> str:
    """Where the edition being built lives under the site root: "" or "zh/"."""
    lang = _lang(config)
    return "" if lang == "en" else f"{lang}/"


def _nested_build(config: Any) -> bool:
    """Whether this is the i18n plugin's build of another language inside the main build."""
    return bool(getattr(config.plugins.get("i18n"), "building", False))


# After the i18n plugin (priority -100) has sorted the pages into editions: generated
# pages have no source file, which it cannot handle, and each edition gets its own.
@event_priority(-150)
def on_files(files: Files, config: Any) -> Files:
    """Generate one minimal embed page per calculator, in the edition's language."""
    prefix = _edition_prefix(config)
    for name in calculators.names():
        title = calculators.schema(name, lang=_lang(config))["title"]
        content = (
            f"---\ntemplate: embed.html\ntitle: {title}\nsearch:\n  exclude: true\n---\n\n"
            f"<!-- calculator: {name} -->\n"
        )
        files.append(File.generated(config, f"{prefix}{EMBED_DIR}/{name}.md", content=content))
    return files


def _snapshot_name() -> str:
    """Snapshot file name, versioned by our wheel, the script that makes it and Pyodide.

    Computed once per build (every page links to it).
    """
    global _snapshot  # noqa: PLW0603 - rebuilt once per build, shared by every page
    if _snapshot is None:
        pyodide = json.loads((NODE_MODULES / "pyodide" / "package.json").read_text("utf-8"))
        script = hashlib.sha256(SNAPSHOT_SCRIPT.read_bytes()).hexdigest()
        key = hashlib.sha256(
            f"{_current_wheel().sha256}:{script}:{pyodide['version']}".encode()
        ).hexdigest()
        _snapshot = f"snapshot-{key[:16]}.bin.gz"
    return _snapshot


def _stdlib_name() -> str:
    """The trimmed standard library that goes with this build's snapshot."""
    return _snapshot_name().replace("snapshot-", "stdlib-").replace(".bin.gz", ".zip")


def stdlib_imports() -> list[str]:
    """Standard-library files (paths inside python_stdlib.zip) that Pyodide imported while
    starting, installing the wheel and running every case of `exercise_cases`; measured
    when the snapshot is made."""
    _snapshot_file()
    listing = (SNAPSHOT_CACHE / _stdlib_name()).with_suffix(".json")
    listed: list[str] = json.loads(listing.read_text("utf-8"))
    return listed


def trimmed_stdlib(names: list[str]) -> bytes:
    """python_stdlib.zip reduced to `names` (deterministic: fixed order and timestamps)."""
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(PYODIDE_STDLIB) as source,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target,
    ):
        for name in sorted(names):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, source.read(name))
    return buffer.getvalue()


def _snapshot_file() -> Path:
    """The snapshot from the cache, made with Node on first use (a few seconds)."""
    target = SNAPSHOT_CACHE / _snapshot_name()
    imports = (SNAPSHOT_CACHE / _stdlib_name()).with_suffix(".json")
    if target.exists() and imports.exists():
        return target
    SNAPSHOT_CACHE.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        wheel = _current_wheel()
        wheel_path = Path(scratch) / wheel.filename
        wheel_path.write_bytes(wheel.content)
        partial = Path(scratch) / "snapshot.bin.gz"
        listed = Path(scratch) / "stdlib.json"
        done = subprocess.run(
            [
                "node",
                str(SNAPSHOT_SCRIPT),
                str(NODE_MODULES / "pyodide"),
                str(wheel_path),
                str(partial),
                str(listed),
            ],
            capture_output=True,
            text=True,
            check=False,
            timeout=300,
        )
        if done.returncode != 0:
            raise PluginError(f"making the Pyodide snapshot failed:\n{done.stderr[-2000:]}")
        shutil.move(listed, imports)
        shutil.move(partial, target)
    return target


WORKER_SCRIPT = PROJECT_ROOT / "site_src" / "assets" / "js" / "calc-worker.mjs"


def runtime_download_bytes() -> int:
    """What starting Python costs a reader, as a host that gzips sends it: the worker, the
    runtime, the snapshot (stored gzipped), the wheel and the empty standard library."""
    global _download_bytes  # noqa: PLW0603 - computed once per build
    if _download_bytes is None:
        pyodide = NODE_MODULES / "pyodide"
        texts = [WORKER_SCRIPT.read_bytes(), _current_wheel().content, trimmed_stdlib([])]
        texts += [(pyodide / name).read_bytes() for name in PYODIDE_FILES]
        _download_bytes = _snapshot_file().stat().st_size + sum(
            len(gzip.compress(content, compresslevel=6)) for content in texts
        )
    return _download_bytes


DOWNLOAD_META = '<meta name="ai-reality-check-download-bytes" content="{bytes}">'


# A <template>, not a <script> data block: embed pages carry no inline script at all.
MESSAGES_BLOCK = '<template id="calc-messages">{json}</template>'


WORKER_URL = "assets/js/calc-worker.mjs"
EARLY_SCRIPTS = PROJECT_ROOT / "site_src" / "assets" / "js"


def on_env(env: Any, config: Any, files: Files) -> Any:
    """The scripts that start Python first thing, for overrides/main.html to put inline
    (the same in every page, so the security policy allows each by a single hash)."""
    for name in ("boot-early", "hold-theme"):
        text = (EARLY_SCRIPTS / f"{name}.js").read_text("utf-8").strip()
        env.globals[name.replace("-", "_") + "_script"] = text
    return env


def on_post_page(output: str, page: Any, config: Any) -> str:
    """Every page carries the browser scripts' messages in its language (messages.mjs);
    pages with a calculator also say how much its live version downloads (connection.mjs)."""
    head = MESSAGES_BLOCK.format(json=messages_json(_lang(config)))
    if "data-calculator=" in output:
        head += "\n  " + DOWNLOAD_META.format(bytes=runtime_download_bytes())
    return output.replace("</head>", f"  {head}\n</head>", 1)


def _relative_root(page: Any) -> str:
    """The site root relative to a page's URL, so the site works from any sub-path."""
    depth = page.url.count("/")
    return "../" * depth if depth else "./"


BENCHMARK_MARKER = "<!-- benchmark: report -->"
# A calculator marker within this many characters of the page's start is on the first
# screen on desktop and phone alike: start Python as early as possible there.
EARLY_BOOT_CHARS = 800
BENCHMARK_REPORT = PROJECT_ROOT / "bench" / "report.md"


def on_page_markdown(markdown: str, page: Any, config: Any, files: Files) -> str:
    if BENCHMARK_MARKER in markdown:  # the committed `make bench` report, as written
        report = (
            BENCHMARK_REPORT.read_text("utf-8")
            if BENCHMARK_REPORT.exists()
            else "No benchmark report yet: run `make bench`."
        )
        if _lang(config) != "en":  # the generated report is in English on every edition
            report = f'<div lang="en" markdown="1">\n\n{report}\n\n</div>'
        markdown = markdown.replace(BENCHMARK_MARKER, report)
    root = _relative_root(page)
    wheel = _current_wheel()
    edition = _edition_prefix(config)  # pages link within their edition; assets are shared
    markers = PageMarkers(
        root=root,
        calculator_pages={name: edition + path for name, path in CALCULATOR_PAGES.items()},
        embed_dir=edition + EMBED_DIR,
        wheel_url=f"{root}assets/py/{wheel.filename}?v={wheel.sha256[:12]}",
        snapshot_url=f"{root}assets/pyodide/{_snapshot_name()}",
        lang=_lang(config),
    )
    if first_screen_calculator(markdown, EARLY_BOOT_CHARS):
        # The calculator is on the first screen: the page may start Python before it
        # has finished parsing (see overrides/main.html and assets/js/boot-early.js).
        page.meta["calculator_runtime"] = json.dumps(
            {
                "wheel": markers.wheel_url,
                "snapshot": markers.snapshot_url,
                "worker": f"{root}{WORKER_URL}",
            }
        )
    try:
        markdown = markers.render(markdown)
    except MarkerError as problem:
        raise PluginError(f"{page.file.src_uri}: {problem}") from None
    _pending[page.file.src_uri] = markers.rendered
    return markdown


def on_page_content(html: str, page: Any, config: Any, files: Files) -> str:
    rendered = _pending.pop(page.file.src_uri, [])
    for index, widget in enumerate(rendered):
        token = PLACEHOLDER.format(index=index)
        html, count = re.subn(rf"<p>{token}</p>|{token}", lambda _m, w=widget: w, html)
        if count != 1:
            raise PluginError(f"{page.file.src_uri}: calculator placeholder {index} was lost")
    return html


# The strict policy the embed pages are built for; the full pages add only the hashes
# of the theme's own inline scripts (computed below from the built HTML).
STRICT_CSP = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; "
    "connect-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "object-src 'none'; base-uri 'self'; frame-ancestors *"
)
OTHER_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
}
_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S)


def site_policy(site: Path) -> str:
    """STRICT_CSP plus a hash for each distinct inline script the theme puts in pages."""
    hashes = set()
    for page in site.rglob("*.html"):
        for match in _INLINE_SCRIPT.finditer(page.read_text("utf-8")):
            kind = re.search(r'type="([^"]+)"', match["attrs"])
            if kind and kind[1] not in ("module", "text/javascript"):
                continue  # data blocks (application/json) never run
            digest = hashlib.sha256(match["body"].encode()).digest()
            hashes.add("'sha256-" + base64.b64encode(digest).decode() + "'")
    extra = " ".join(sorted(hashes))
    return STRICT_CSP.replace("'wasm-unsafe-eval';", f"'wasm-unsafe-eval' {extra};")


def _write_security_headers(site: Path) -> None:
    """Ready-made header files for common static hosts (documented in the README)."""
    policy = site_policy(site)
    headers = {"Content-Security-Policy": policy, **OTHER_HEADERS}
    netlify = "/*\n" + "".join(f"  {name}: {value}\n" for name, value in headers.items())
    (site / "_headers").write_text(netlify, "utf-8")
    nginx = "# Include inside the server or location block that serves this site.\n" + "".join(
        f'add_header {name} "{value}" always;\n' for name, value in headers.items()
    )
    (site / "security-headers.nginx.conf").write_text(nginx, "utf-8")


EMPTY_SITEMAP = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>\n'
)


def _write_alternate_sitemaps(site: Path) -> None:
    """An empty sitemap.xml in every page folder that has none.

    The theme reads `sitemap.xml` beside every `<link rel="alternate" hreflang>` URL in a
    page's head (to map language links); ours point at the page's own translation, not at
    a language root, so without these each page view logged two 404s. The real sitemap,
    with every page's hreflang alternates, stays at the site root."""
    for page in site.rglob("index.html"):
        target = page.parent / "sitemap.xml"
        if not target.exists():
            target.write_text(EMPTY_SITEMAP, "utf-8")


SERVICE_WORKER_TEMPLATE = Path(__file__).resolve().parent / "sw_template.js"
_NOT_CACHED = {"_headers", "security-headers.nginx.conf", "sw.js", "sitemap.xml.gz"}


def _write_service_worker(site: Path) -> None:
    """sw.js at the site root: every file of this build, versioned by their contents."""
    files = sorted(
        path.relative_to(site).as_posix()
        for path in site.rglob("*")
        if path.is_file() and path.name not in _NOT_CACHED and path.suffix != ".map"
    )
    digest = hashlib.sha256()
    for name in files:
        digest.update(name.encode())
        digest.update(hashlib.sha256((site / name).read_bytes()).digest())
    # Pages are cached under their folder URL ("calculators/roi/"), as readers ask for them.
    urls = [
        name[: -len("index.html")] or "./" if name.endswith("index.html") else name
        for name in files
    ]
    text = SERVICE_WORKER_TEMPLATE.read_text("utf-8")
    text = text.replace("__VERSION__", digest.hexdigest()[:16]).replace(
        "__FILES__", json.dumps(urls)
    )
    (site / "sw.js").write_text(text, "utf-8")


# Last, after the i18n plugin (-100) has built the other editions into the same folder
# and rewritten the search index: the service worker lists every final file.
@event_priority(-200)
def on_post_build(config: Any) -> None:
    if _nested_build(config):
        return  # the main build's turn comes once every edition is written
    site = Path(config["site_dir"])
    wheel = _current_wheel()
    py_dir = site / "assets" / "py"
    py_dir.mkdir(parents=True, exist_ok=True)
    (py_dir / wheel.filename).write_bytes(wheel.content)
    pyodide_dir = site / "assets" / "pyodide"
    pyodide_dir.mkdir(parents=True, exist_ok=True)
    for name in PYODIDE_FILES:
        shutil.copyfile(NODE_MODULES / "pyodide" / name, pyodide_dir / name)
    shutil.copyfile(_snapshot_file(), pyodide_dir / _snapshot_name())
    (pyodide_dir / _stdlib_name()).write_bytes(trimmed_stdlib(stdlib_imports()))
    (pyodide_dir / EMPTY_STDLIB).write_bytes(trimmed_stdlib([]))
    vendor = site / "assets" / "vendor"
    vendor.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(PLOTLY_BUNDLE, vendor / "plotly-basic.min.js")
    copy_vendor(GPT_TOKENIZER, vendor / "gpt-tokenizer")
    _write_alternate_sitemaps(site)
    _write_security_headers(site)
    _write_service_worker(site)
