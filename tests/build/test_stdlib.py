"""The trimmed standard library holds every module Python imports, natively checked.

The build measures the list inside Pyodide (site_hooks/make_snapshot.mjs); here the
same cases (every calculator, preset and field error path) run natively under an
import tracer, and every standard-library module they import must be in the zip.
"""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
import zipfile
from pathlib import Path

from tests.support import ROOT

PYODIDE = ROOT / "node_modules" / "pyodide"

TRACE = """
import json, sys
before = set(sys.modules)
from calculators._json_api import warm_up
warm_up()
print(json.dumps(sorted(set(sys.modules) - before)))
"""


def _trimmed(site: Path) -> zipfile.ZipFile:
    (path,) = (
        p for p in (site / "assets" / "pyodide").glob("stdlib-*.zip") if p.stem != "stdlib-empty"
    )
    return zipfile.ZipFile(path)


def _module_file(name: str, available: set[str]) -> str | None:
    """The file of module `name` inside Pyodide's python_stdlib.zip, if it is there."""
    stem = name.replace(".", "/")
    for candidate in (f"{stem}.py", f"{stem}/__init__.py"):
        if candidate in available:
            return candidate
    return None


def test_every_natively_imported_stdlib_module_is_shipped(built_site: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", TRACE], cwd=ROOT, capture_output=True, text=True, check=True
    )
    imported = json.loads(done.stdout.strip().splitlines()[-1])
    assert "calculators.token_kpi" in imported  # the trace saw the package run
    with zipfile.ZipFile(PYODIDE / "python_stdlib.zip") as full:
        available = set(full.namelist())
    shipped = set(_trimmed(built_site).namelist())
    needed = {f for name in imported if (f := _module_file(name, available))}
    assert needed, imported
    assert needed <= shipped, sorted(needed - shipped)


def test_trimmed_stdlib_is_small_and_the_snapshot_boot_gets_an_empty_one(
    built_site: Path,
) -> None:
    pyodide = built_site / "assets" / "pyodide"
    assert (pyodide / "stdlib-empty.zip").stat().st_size < 100
    with zipfile.ZipFile(pyodide / "stdlib-empty.zip") as empty:
        assert empty.namelist() == []
    trimmed = _trimmed(built_site)
    assert "_pyodide/__init__.py" in trimmed.namelist()  # Pyodide's own start-up is there
    size = sum(info.compress_size for info in trimmed.infolist())
    assert size < 1_500_000, size  # the full one is 2.5 MB


def test_pages_say_what_starting_python_downloads(built_site: Path) -> None:
    pyodide = built_site / "assets" / "pyodide"
    (wheel,) = (built_site / "assets" / "py").glob("*.whl")
    (snapshot,) = pyodide.glob("snapshot-*.bin.gz")
    gzipped = [
        built_site / "assets" / "js" / "calc-worker.mjs",
        wheel,
        pyodide / "stdlib-empty.zip",
        *(pyodide / n for n in ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm")),
        pyodide / "pyodide-lock.json",
    ]
    expected = snapshot.stat().st_size + sum(
        len(gzip.compress(p.read_bytes(), compresslevel=6)) for p in gzipped
    )
    html = (built_site / "calculators" / "roi" / "index.html").read_text("utf-8")
    assert f'<meta name="ai-reality-check-download-bytes" content="{expected}">' in html
    assert expected < 10_000_000
    assert "ai-reality-check-download-bytes" not in (built_site / "index.html").read_text()
