"""What students use: downloads of the current result, and the "Try this" links."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from urllib.parse import parse_qsl, urljoin

import pytest
from playwright.sync_api import Page, expect

from tests.support import CALCULATOR_PAGES

from .conftest import Watch
from .helpers import (
    READY_TIMEOUT_MS,
    assert_close,
    form_values,
    native,
    root,
    wait_for_outputs,
)


@pytest.mark.parametrize("name", ["training_cost", "roi"])
def test_downloads_hold_the_current_outputs(
    page: Page, watch: Watch, site_url: str, name: str
) -> None:
    page.goto(site_url + CALCULATOR_PAGES[name])
    calculator = root(page, name)
    expect(calculator).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT_MS)
    field = "mfu" if name == "training_cost" else "monthly_cost"
    calculator.locator(f'[name="{field}"]').fill("0.33" if name == "training_cost" else "4500")
    expected = native(name, form_values(page, name))
    wait_for_outputs(page, name, expected)

    with page.expect_download() as download_info:
        calculator.locator('[data-action="download-json"]').click()
    data = json.loads(Path(download_info.value.path()).read_text("utf-8"))
    assert data["inputs"] == expected["inputs"]
    assert_close(data["outputs"], expected["outputs"])
    assert data["display"] == expected["display"]

    with page.expect_download() as download_info:
        calculator.locator('[data-action="download-csv"]').click()
    assert download_info.value.suggested_filename == f"{name}.csv"
    rows = list(csv.DictReader(io.StringIO(Path(download_info.value.path()).read_text("utf-8"))))
    by_name = {(row["kind"], row["name"]): row for row in rows}
    assert float(by_name[("input", field)]["value"]) == pytest.approx(
        float(expected["inputs"][field])
    )
    for key, value in expected["outputs"].items():
        if isinstance(value, list) or value is None:
            continue
        row = by_name[("output", key)]
        assert float(row["value"]) == pytest.approx(value, rel=1e-12), key
        assert row["display"] == expected["display"][key]
    watch.assert_clean()


def _try_links(page: Page, url: str) -> list[str]:
    page.goto(url)
    hrefs = page.locator(".try-this a").evaluate_all("(els) => els.map((a) => a.href)")
    return list(hrefs)


@pytest.mark.parametrize("name", list(CALCULATOR_PAGES))
def test_try_this_links_open_the_calculator_with_their_parameters(
    page: Page, watch: Watch, site_url: str, name: str
) -> None:
    links = _try_links(page, site_url + CALCULATOR_PAGES[name])
    assert len(links) >= 3
    for index, link in enumerate(links):
        assert link.startswith(urljoin(site_url, CALCULATOR_PAGES[name]) + "?"), link
        page.goto(link)
        calculator = root(page, name)
        params = dict(parse_qsl(link.split("?", 1)[1]))
        preset = params.pop("preset", "")
        expect(calculator.locator("[data-preset-menu]")).to_have_value(preset)
        for field, value in params.items():
            expect(calculator.locator(f'[name="{field}"]')).to_have_value(value)
        if index == 0:  # one link all the way to a live result equal to native Python
            expect(calculator).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT_MS)
            wait_for_outputs(page, name, native(name, form_values(page, name)))
        else:
            expect(calculator).to_have_attribute("data-state", re.compile(".+"))
    watch.assert_clean()
