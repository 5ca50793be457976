"""The ROI checker on the per-outcome basis in a real browser: equal to native run()."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

from playwright.sync_api import Page, expect

from tests.support import CALCULATOR_PAGES

from .conftest import Watch
from .helpers import (
    READY_TIMEOUT_MS,
    assert_close,
    form_values,
    native,
    root,
    set_fields,
    wait_for_outputs,
)

PER_OUTCOME = {"basis": "per_outcome", "outcomes_per_month": "30,000", "success_rate": "0.35"}


def _set(page: Page, values: dict[str, str]) -> None:
    set_fields(root(page, "roi"), values)


def test_per_outcome_basis_equals_native_and_lives_in_the_url(
    page: Page, watch: Watch, site_url: str
) -> None:
    page.goto(site_url + CALCULATOR_PAGES["roi"])
    calculator = root(page, "roi")
    expect(calculator).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT_MS)
    _set(page, PER_OUTCOME)
    expected = native("roi", form_values(page, "roi"))
    assert expected["inputs"]["basis"] == "per_outcome"
    wait_for_outputs(page, "roi", expected)
    # Every new output is on the page (the test above compares each one shown).
    for name in ("token_cost_monthly_usd", "cost_per_outcome_usd", "break_even_success_rate"):
        shown = calculator.locator(f'[data-output="{name}"]')
        expect(shown).to_have_text(expected["display"][name])

    chart = calculator.locator('.calc-chart[data-chart="sensitivity"]')
    chart.scroll_into_view_if_needed()
    expect(chart.locator("svg.main-svg").first).to_be_attached(timeout=20_000)
    drawn = chart.evaluate("(el) => el.data.map((trace) => [trace.x, trace.y])")
    assert_close(drawn, [[t["x"], t["y"]] for t in expected["sensitivity"]["data"]])

    # The inputs that differ from the defaults are in the page's URL, basis included,
    # and opening that URL again gives the same numbers.
    expect(page).to_have_url(re.compile(r"basis=per_outcome"))
    query = parse_qs(urlparse(page.url).query)
    assert query["basis"] == ["per_outcome"]
    assert query["success_rate"] == ["0.35"]
    # The same query opens the full page and the embed with the same numbers.
    for url in (page.url, site_url + "embed/roi/?" + urlparse(page.url).query):
        other = page.context.new_page()
        other.goto(url)
        again = root(other, "roi")
        expect(again).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT_MS)
        expect(again.locator('[name="basis"]')).to_have_value("per_outcome")
        wait_for_outputs(other, "roi", expected)
        other.close()
    watch.assert_clean()


def test_per_outcome_preset_then_a_change(page: Page, watch: Watch, site_url: str) -> None:
    page.goto(site_url + CALCULATOR_PAGES["roi"] + "?preset=coding-assistant")
    calculator = root(page, "roi")
    expect(calculator).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT_MS)
    wait_for_outputs(page, "roi", native("roi", {"preset": "coding-assistant"}))
    _set(page, {"tokens_per_outcome": "2000000"})
    wait_for_outputs(page, "roi", native("roi", form_values(page, "roi")))
    watch.assert_clean()


def test_per_outcome_fields_show_only_on_that_basis(page: Page, site_url: str) -> None:
    page.goto(site_url + CALCULATOR_PAGES["roi"])
    calculator = root(page, "roi")
    calculator.locator("details.calc-advanced summary").click()
    per_outcome = calculator.locator('[data-field="outcomes_per_month"]')
    monthly = calculator.locator('[data-field="monthly_benefit"]')
    # Before any script has run (pre-rendered) and after: monthly basis by default.
    expect(per_outcome).to_be_hidden()
    expect(monthly).to_be_visible()
    calculator.locator('[name="basis"]').select_option("per_outcome")
    expect(per_outcome).to_be_visible()
    expect(calculator.locator('[data-field="success_rate"]')).to_be_visible()
    expect(monthly).to_be_hidden()
    expect(calculator.locator('[data-field="monthly_cost"]')).to_be_hidden()
    calculator.locator('[name="basis"]').select_option("monthly")
    expect(per_outcome).to_be_hidden()
    expect(monthly).to_be_visible()
    # A URL that picks the basis shows its fields at once.
    page.goto(site_url + CALCULATOR_PAGES["roi"] + "?preset=coding-assistant")
    expect(root(page, "roi").locator('[data-field="success_rate"]')).to_be_visible()
    expect(root(page, "roi").locator('[data-field="monthly_benefit"]')).to_be_hidden()


def test_per_outcome_results_show_only_on_that_basis(
    page: Page, watch: Watch, site_url: str
) -> None:
    """Results that monthly totals cannot give (cost per outcome and the rest) are left out
    on the monthly basis, pre-rendered and live, instead of reading "n/a"."""
    page.goto(site_url + CALCULATOR_PAGES["roi"])
    calculator = root(page, "roi")
    per_outcome = calculator.locator('tr[data-output-row="cost_per_outcome_usd"]')
    total_cost = calculator.locator('tr[data-output-row="total_cost_usd"]')
    expect(per_outcome).to_be_hidden()  # pre-rendered, before Python has answered
    expect(total_cost).to_be_visible()
    expect(calculator).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT_MS)
    shown_missing = calculator.evaluate(
        """root => [...root.querySelectorAll(".calc-results [data-output]")]
             .filter((e) => e.getClientRects().length && e.textContent.trim() === "n/a")
             .map((e) => e.dataset.output)"""
    )
    assert shown_missing == []
    expect(per_outcome).to_be_hidden()
    _set(page, PER_OUTCOME)
    expected = native("roi", form_values(page, "roi"))
    wait_for_outputs(page, "roi", expected)
    expect(per_outcome).to_be_visible()
    expect(per_outcome.locator("[data-output]")).to_have_text(
        expected["display"]["cost_per_outcome_usd"]
    )
    _set(page, {"basis": "monthly"})
    expect(per_outcome).to_be_hidden()
    expect(total_cost).to_be_visible()
    watch.assert_clean()
