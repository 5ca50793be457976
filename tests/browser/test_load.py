"""Every calculator on one page, 200 rapid changes: responsive, and right at the end."""

from __future__ import annotations

from playwright.sync_api import Page, expect

import calculators

from .conftest import Watch
from .helpers import READY_TIMEOUT_MS, form_values, native, root, wait_for_outputs

CHANGES = {  # field and 200 values cycled through it, per calculator
    "training_cost": ("params", [f"{10 + i}B" for i in range(67)]),
    "token_kpi": ("kpi_pressure", [f"{(i % 100) / 100:.2f}" for i in range(67)]),
    "roi": ("monthly_benefit", [str(5000 + 250 * i) for i in range(66)]),
}
WATCH_LONG_TASKS = """
window.__longTasks = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) window.__longTasks.push(entry.duration);
}).observe({type: "longtask"});
"""


def test_two_hundred_rapid_changes(page: Page, watch: Watch, site_url: str) -> None:
    page.goto(site_url + "calculators/")
    for name in calculators.names():
        calculator = root(page, name)
        calculator.scroll_into_view_if_needed()
        expect(calculator).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT_MS)
        for chart in calculator.locator(".calc-chart[data-chart]").all():
            chart.scroll_into_view_if_needed()
            expect(chart.locator("svg.main-svg").first).to_be_attached(timeout=20_000)
    page.wait_for_timeout(500)
    page.evaluate(WATCH_LONG_TASKS)
    # Typed as fast as events can be dispatched, interleaved across the three calculators.
    steps = [
        (name, field, value)
        for index in range(67)
        for name, (field, values) in CHANGES.items()
        if index < len(values)
        for value in [values[index]]
    ]
    assert len(steps) == 200
    page.evaluate(
        """(steps) => {
            for (const [name, field, value] of steps) {
                const input = document.querySelector(
                    `[data-calculator="${name}"] [name="${field}"]`);
                input.value = value;
                input.dispatchEvent(new Event("input", {bubbles: true}));
            }
        }""",
        steps,
    )
    for name in calculators.names():
        wait_for_outputs(page, name, native(name, form_values(page, name)))
    page.wait_for_timeout(1000)
    long_tasks = page.evaluate("() => window.__longTasks")
    assert all(duration <= 200 for duration in long_tasks), long_tasks
    watch.assert_clean()
