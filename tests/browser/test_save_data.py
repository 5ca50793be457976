"""Readers saving data (Save-Data, 2G): Python is downloaded on their first interaction."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import Page, expect

from tests.support import CALCULATOR_PAGES

from .conftest import Watch
from .helpers import READY_TIMEOUT_MS, form_values, native, root, wait_for_outputs

RUNTIME = re.compile(r"/assets/(pyodide|py)/")  # the runtime, the snapshot, the wheel


def _connection(save_data: bool, effective_type: str) -> str:
    value = json.dumps({"saveData": save_data, "effectiveType": effective_type})
    return f"""Object.defineProperty(Navigator.prototype, "connection", {{
      configurable: true,
      get: () => ({{...{value}, addEventListener() {{}}, removeEventListener() {{}}}}),
    }});"""


@pytest.mark.parametrize(
    ("save_data", "effective_type"),
    [
        pytest.param(True, "4g", id="save-data"),
        pytest.param(False, "2g", id="2g"),
        pytest.param(False, "slow-2g", id="slow-2g"),
    ],
)
def test_save_data_defers_the_download_until_the_first_interaction(
    page: Page, watch: Watch, site_url: str, save_data: bool, effective_type: str
) -> None:
    page.add_init_script(_connection(save_data, effective_type))
    runtime: list[str] = []
    page.on("request", lambda r: runtime.append(r.url) if RUNTIME.search(r.url) else None)
    page.goto(site_url + CALCULATOR_PAGES["training_cost"])
    calculator = root(page, "training_cost")
    status = calculator.locator(".calc-status")
    expect(status).to_contain_text(re.compile(r"Live calculator: \d+\.\d MB, starts when you"))
    page.wait_for_timeout(2500)  # ample time for a boot to have begun
    assert runtime == []
    assert calculator.get_attribute("data-state") == "static"
    # The size is the build's figure (the meta tag), not a constant in the script.
    size = int(
        page.locator('meta[name="ai-reality-check-download-bytes"]').get_attribute("content")
    )
    expect(status).to_contain_text(f"{size / 1e6:.1f} MB")

    params = calculator.locator('input[name="params"]')
    params.fill("13B")
    expect(calculator).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT_MS)
    wait_for_outputs(
        page, "training_cost", native("training_cost", form_values(page, "training_cost"))
    )
    assert any("snapshot-" in url for url in runtime)
    watch.assert_clean()


def test_a_fast_connection_still_starts_python_without_waiting(
    page: Page, watch: Watch, site_url: str
) -> None:
    page.add_init_script(_connection(False, "4g"))
    page.goto(site_url + CALCULATOR_PAGES["roi"])
    expect(root(page, "roi")).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT_MS)
    watch.assert_clean()
