"""The package's unit tests, the same files, run by pytest inside Pyodide in Chromium."""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.support import ROOT, serve

from .conftest import Watch

WHEELS = ROOT / ".cache" / "pyodide-wheels"
HARNESS = Path(__file__).parent / "pyodide_harness"


def _sources_zip(destination: Path) -> None:
    with zipfile.ZipFile(destination, "w") as archive:
        archive.write(ROOT / "pyproject.toml", "pyproject.toml")
        for folder in ("calculators", "tests/unit"):
            for path in (ROOT / folder).rglob("*"):
                if path.is_file() and "__pycache__" not in path.parts:
                    archive.write(path, path.relative_to(ROOT).as_posix())
        for name in ("tests/__init__.py", "tests/conftest.py", "tests/support.py"):
            archive.write(ROOT / name, name)


def test_unit_tests_pass_inside_pyodide(
    page: Page, watch: Watch, tmp_path: Path, built_site: Path
) -> None:
    wheels = sorted(p.name for p in WHEELS.glob("*.whl"))
    assert wheels, f"no wheels in {WHEELS}: `make test` downloads them (requirements-pyodide.txt)"
    for item in HARNESS.iterdir():
        shutil.copy(item, tmp_path / item.name)
    (tmp_path / "pyodide").symlink_to(ROOT / "node_modules" / "pyodide")
    (tmp_path / "wheels").symlink_to(WHEELS)
    # The standard library the site ships (the harness adds the full one for pytest only).
    (trimmed,) = (
        p
        for p in (built_site / "assets" / "pyodide").glob("stdlib-*.zip")
        if p.stem != "stdlib-empty"
    )
    shutil.copy(trimmed, tmp_path / "stdlib.zip")
    (tmp_path / "wheels.json").write_text(json.dumps(wheels))
    _sources_zip(tmp_path / "src.zip")

    with serve(tmp_path) as url:
        page.goto(url + "index.html")
        result = page.locator("#result")
        expect(result).to_have_attribute("data-exit", re.compile(r".+"), timeout=300_000)
        text = result.text_content() or ""
        assert result.get_attribute("data-exit") == "0", text[-4000:]
    assert text.startswith("3.14"), text[:200]  # really Python 3.14, i.e. Pyodide 314
    summary = re.search(r"(\d+) passed(?:, (\d+) skipped)?", text)
    assert summary is not None, text[-2000:]
    passed = int(summary.group(1))
    assert passed >= 80, text[-2000:]
    assert " failed" not in text
    assert " error" not in text.lower().split("passed")[-1]
    watch.assert_clean()
