"""Accessibility: axe-core on every page in light and dark, keyboard use, labels and units."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

import calculators
from tests.support import ALL_PAGES, CALCULATOR_PAGES, ROOT

from .conftest import Watch
from .helpers import READY_TIMEOUT_MS, form_values, native, root, wait_for_outputs

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_serious_violation(page: Page, site_url: str, scheme: str) -> None:
    page.emulate_media(color_scheme=scheme)
    # The audit is of the page as a reader first sees it; Python need not start.
    page.context.route("**/assets/pyodide/**", lambda route: route.abort())
    problems = []
    for path in [*ALL_PAGES, *(f"zh/{path}" for path in ALL_PAGES)]:  # both editions
        page.goto(site_url + path)
        if "embed/" not in path:
            expected = "slate" if scheme == "dark" else "default"
            expect(page.locator("body")).to_have_attribute("data-md-color-scheme", expected)
        page.add_script_tag(path=str(AXE))
        results = page.evaluate(
            """async () => {
                const r = await axe.run(document, {resultTypes: ["violations"]});
                return r.violations.map((v) => ({
                    id: v.id, impact: v.impact,
                    nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
                }));
            }"""
        )
        problems += [(path, v) for v in results if v["impact"] in ("serious", "critical")]
    summary = sorted(
        {f"{v['id']} ({v['impact']}) on /{path}: {v['nodes']}" for path, v in problems}
    )
    assert problems == [], "\n".join(summary)


def test_every_input_has_a_visible_label_with_its_unit(page: Page, site_url: str) -> None:
    for name, path in CALCULATOR_PAGES.items():
        page.goto(site_url + path)
        root(page, name).locator("details.calc-advanced summary").click()
        for field in calculators.schema(name)["fields"]:
            rule = field["shown_when"]
            if rule:  # a field that applies only on one basis: choose that basis first
                root(page, name).locator(f'[name="{rule["field"]}"]').select_option(rule["value"])
            control = root(page, name).locator(f'[name="{field["name"]}"]')
            control_id = control.get_attribute("id")
            label = page.locator(f'label[for="{control_id}"]')
            expect(label).to_be_visible()
            expect(label).to_contain_text(field["label"])
            if field["unit"]:
                expect(label.locator(".calc-unit")).to_contain_text(field["unit"])


def test_a_calculator_works_with_the_keyboard_alone(
    page: Page, watch: Watch, site_url: str
) -> None:
    page.goto(site_url + CALCULATOR_PAGES["roi"])
    calculator = root(page, "roi")
    expect(calculator).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT_MS)
    page.locator("body").click(position={"x": 1, "y": 1})
    reached = []
    for _ in range(80):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("() => document.activeElement.name || ''"))
        if reached[-1] == "monthly_benefit":
            break
    assert reached[-1] == "monthly_benefit", reached
    assert "upfront_cost" in reached  # the fields come in order, each reachable
    page.keyboard.press("Control+A")
    page.keyboard.type("25000")
    page.keyboard.press("Tab")
    expect(calculator.locator('[name="monthly_benefit"]')).to_have_value("25000")
    wait_for_outputs(page, "roi", native("roi", form_values(page, "roi")))
    # The preset menu works from the keyboard too.
    calculator.locator("[data-preset-menu]").focus()
    page.keyboard.press("ArrowDown")
    expect(calculator.locator("[data-preset-menu]")).not_to_have_value("")
    wait_for_outputs(page, "roi", native("roi", form_values(page, "roi")))
    watch.assert_clean()
