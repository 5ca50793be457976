"""Helpers for the build and browser tiers: build the real site, serve it on 127.0.0.1."""

from __future__ import annotations

import email.utils
import gzip
import importlib.util
import os
import subprocess
import sys
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SECTION_PAGES = [
    "argument/money/",
    "argument/tokens/",
    "argument/fanboys/",
    "argument/cooling-down/",
    "argument/for-you/",
]
OTHER_PAGES = ["", "methodology/", "glossary/", "about/", "calculators/", "performance/"]


def load_hook_module(name: str) -> Any:
    """A module of site_hooks/, loaded from its file as MkDocs loads hooks."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "site_hooks" / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _calculator_pages() -> dict[str, str]:
    # The build hook owns the calculator-to-page mapping.
    pages: dict[str, str] = load_hook_module("calculators_hook").CALCULATOR_PAGES
    return pages


CALCULATOR_PAGES = _calculator_pages()
EMBED_PAGES = [f"embed/{name}/" for name in CALCULATOR_PAGES]
ALL_PAGES = [*OTHER_PAGES, *SECTION_PAGES, *CALCULATOR_PAGES.values(), *EMBED_PAGES]


def build_page(tmp_path: Path, markdown: str) -> subprocess.CompletedProcess[str]:
    """Build a one-page site holding `markdown` with our hook (to test what fails the build)."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text(f"# Test\n\n{markdown}\n")
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        f"site_name: t\ndocs_dir: {docs}\ntheme:\n  name: material\n  font: false\n"
        f"hooks:\n  - {ROOT / 'site_hooks' / 'calculators_hook.py'}\n"
    )
    return build_site(tmp_path / "out", config)


def build_site(
    destination: Path, config: Path | None = None, site_url: str | None = None
) -> subprocess.CompletedProcess[str]:
    """Run `mkdocs build --strict` exactly as `make build` does."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(destination)]
    if config is not None:
        command += ["-f", str(config)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if site_url is not None:
        env["SITE_URL"] = site_url
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=env, check=False)


# What static hosts typically compress (the bench measures bytes as readers get them).
COMPRESSIBLE = {
    ".html",
    ".css",
    ".js",
    ".mjs",
    ".json",
    ".xml",
    ".svg",
    ".wasm",
    ".zip",
    ".whl",
    ".txt",
}


class _Handler(SimpleHTTPRequestHandler):
    prefix = "/"
    extra_headers: ClassVar[Mapping[str, str]] = {}
    compress = False
    _gzipped: ClassVar[dict[str, bytes]] = {}  # per server class: compress each file once

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path.split("?", 1)[0]))
        if path.is_dir():
            path = path / "index.html"
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (self.compress and wants_gzip and path.suffix in COMPRESSIBLE and path.is_file()):
            super().do_GET()
            return
        if self._not_modified(path):
            return
        body = self._gzipped.get(str(path))
        if body is None:
            body = gzip.compress(path.read_bytes(), compresslevel=6)
            self._gzipped[str(path)] = body
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", self.date_time_string(int(path.stat().st_mtime)))
        self.end_headers()
        self.wfile.write(body)

    def _not_modified(self, path: Path) -> bool:
        """Answer a revalidation with 304, as hosts do (the plain path already does)."""
        since = self.headers.get("If-Modified-Since")
        if since is None:
            return False
        try:
            unchanged = email.utils.parsedate_to_datetime(since).timestamp() >= int(
                path.stat().st_mtime
            )
        except (TypeError, ValueError, IndexError, OverflowError):
            return False
        if unchanged:
            self.send_response(304)
            self.send_header("Last-Modified", self.date_time_string(int(path.stat().st_mtime)))
            self.end_headers()
        return unchanged

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "__outside_prefix__")
        return super().translate_path("/" + path[len(self.prefix) :])

    def end_headers(self) -> None:
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(
    directory: Path,
    prefix: str = "/",
    headers: Mapping[str, str] | None = None,
    *,
    compress: bool = False,
) -> Iterator[str]:
    """Serve `directory` at http://127.0.0.1:<free port><prefix>; yields that base URL.

    `compress` gzips text and wasm on the fly, as most static hosts do.
    """
    settings = {"prefix": prefix, "extra_headers": dict(headers or {}), "compress": compress}
    handler = type("Handler", (_Handler,), {**settings, "_gzipped": {}})
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
