"""Explorables, grouped full calculators, charts before Python, compact embeds, phones."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.support import ALL_PAGES, CALCULATOR_PAGES, SECTION_PAGES

from .conftest import Watch
from .helpers import READY_TIMEOUT_MS, native, outputs_of, root, values_of


def _wait_equal_to_native(page: Page, widget: Locator, name: str) -> dict[str, Any]:
    """Poll until every output in the widget equals native run() for its current inputs."""
    for _ in range(200):
        expected = native(name, values_of(widget))
        assert expected["ok"], expected
        shown = outputs_of(widget)
        if all(
            text == expected["display"][key]
            and (value is None) == (expected["outputs"][key] is None)
            and (value is None or value == pytest.approx(expected["outputs"][key], rel=1e-12))
            for key, (value, text) in shown.items()
        ):
            return expected
        page.wait_for_timeout(100)
    raise AssertionError(f"outputs never matched native run(): {shown} vs {expected['display']}")


@pytest.mark.parametrize("path", SECTION_PAGES)
def test_moving_a_slider_by_keyboard_changes_the_sentence(
    page: Page, watch: Watch, site_url: str, path: str
) -> None:
    page.goto(site_url + path)
    for widget in page.locator('[data-view="explore"]').all():
        name = widget.get_attribute("data-calculator") or ""
        widget.scroll_into_view_if_needed()
        expect(widget).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT_MS)
        sentence = widget.locator(".explore-sentence")
        before = sentence.text_content()
        slider = widget.locator("input[type=range]").first
        field = slider.get_attribute("data-slider-for")
        box = widget.locator(f'.calc-field [name="{field}"]')
        old_value = box.input_value()
        slider.focus()
        # Up a step, or down where the slider is already at its top.
        at_top = slider.evaluate("(el) => Number(el.value) >= Number(el.max)")
        page.keyboard.press("ArrowLeft" if at_top else "ArrowRight")
        expect(box).not_to_have_value(old_value)
        expect(sentence).not_to_have_text(before or "")
        _wait_equal_to_native(page, widget, name)
        valuetext = slider.get_attribute("aria-valuetext") or ""
        assert valuetext
        assert valuetext != slider.input_value(), "aria-valuetext is in words and units"
        # Page Up / Page Down jump a tenth of the range.
        position = float(slider.input_value())
        page.keyboard.press("PageDown" if at_top else "PageUp")
        span = float(slider.get_attribute("max") or 0) - float(slider.get_attribute("min") or 0)
        moved = abs(float(slider.input_value()) - position)
        room = abs(position - float(slider.get_attribute("min") or 0))
        assert moved >= min(span * 0.1, room) - 1e-9
        _wait_equal_to_native(page, widget, name)
    watch.assert_clean()


def test_typing_moves_the_slider_and_open_full_carries_thevalues_of(
    page: Page, watch: Watch, site_url: str
) -> None:
    page.goto(site_url + "argument/money/")
    widget = page.locator('[data-view="explore"]').first
    widget.scroll_into_view_if_needed()
    expect(widget).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT_MS)
    slider = widget.locator('input[type=range][data-slider-for="mfu"]')
    before = slider.input_value()
    widget.locator('.calc-field [name="mfu"]').fill("0.2")
    expect(slider).not_to_have_value(before)
    expect(slider).to_have_value(re.compile(r"^0\.2$"))
    _wait_equal_to_native(page, widget, "training_cost")
    explored = outputs_of(widget)
    link = widget.locator('a[data-action="open-full"]')
    expect(link).to_have_attribute("href", re.compile(r"preset=gpt-4-estimate.*mfu=0\.2"))
    link.click()
    expect(page).to_have_url(re.compile(r"calculators/training-cost/\?"))
    # Instant navigation swaps the content after the URL changes: wait for the full view.
    full = page.locator('[data-view="full"][data-calculator="training_cost"]')
    expect(full).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT_MS)
    # The full calculator computes the same inputs: every output the explorable had agrees.
    full_outputs = outputs_of(full)
    for key, (_value, text) in explored.items():
        assert full_outputs[key][1] == text, key
    watch.assert_clean()


def test_advanced_assumptions_closed_by_default_open_for_url_values_and_errors(
    page: Page, site_url: str
) -> None:
    url = site_url + CALCULATOR_PAGES["training_cost"]
    page.goto(url)
    details = root(page, "training_cost").locator("details.calc-advanced")
    expect(details).not_to_have_attribute("open", "")
    page.goto(url + "?carbon_intensity=39")
    expect(details).to_have_attribute("open", "")
    page.goto(url + "?pue=9")
    expect(details).to_have_attribute("open", "")
    error = root(page, "training_cost").locator('[data-field="pue"] .calc-error')
    expect(error).to_be_visible(timeout=READY_TIMEOUT_MS)
    # A main field from the URL leaves the advanced ones closed.
    page.goto(url + "?mfu=0.3")
    expect(root(page, "training_cost").locator('[name="mfu"]')).to_have_value("0.3")
    expect(details).not_to_have_attribute("open", "")


def test_charts_draw_with_webassembly_blocked(page: Page, site_url: str) -> None:
    page.context.route(re.compile(r"\.wasm(\?|$)"), lambda route: route.abort())
    page.goto(site_url + CALCULATOR_PAGES["training_cost"])
    chart = root(page, "training_cost").locator('.calc-chart[data-chart="chart"]')
    chart.scroll_into_view_if_needed()
    expect(chart.locator("svg.main-svg").first).to_be_attached(timeout=30_000)
    caption = root(page, "training_cost").locator('[data-caption="chart"]')
    expect(caption).to_contain_text(native("training_cost", {})["display"]["rental_cost_usd"][1:])
    expect(root(page, "training_cost")).not_to_have_attribute("data-state", "ready")


def _visible_names(widget: Locator) -> tuple[list[str], list[str]]:
    fields = widget.locator(".calc-field [name]").evaluate_all(
        "(els) => els.filter((el) => el.offsetParent !== null).map((el) => el.name)"
    )
    outputs = widget.locator("[data-output]").evaluate_all(
        "(els) => els.filter((el) => el.offsetParent !== null).map((el) => el.dataset.output)"
    )
    return fields, outputs


def test_compact_embed_shows_exactly_the_named_fields_andoutputs_of(
    page: Page, watch: Watch, site_url: str
) -> None:
    page.goto(
        site_url + "embed/roi/?monthly_benefit=20000&fields=monthly_benefit,discount_rate,nope"
        "&outputs=npv_usd,payback_month,<b>x</b>&theme=dark"
    )
    widget = root(page, "roi")
    fields, outputs = _visible_names(widget)
    assert fields == ["monthly_benefit", "discount_rate"]
    assert sorted(outputs) == ["npv_usd", "payback_month"]
    note = widget.locator(".calc-compact-note")
    expect(note).to_contain_text("nope")
    expect(note).to_contain_text("<b>x</b>")  # shown as text, never as markup
    assert page.locator("b").count() == 0
    assert page.evaluate("() => document.body.dataset.theme") == "dark"
    expect(widget).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT_MS)
    expected = native("roi", values_of(widget))
    assert expected["inputs"]["monthly_benefit"] == 20000
    expect(widget.locator('[data-output="npv_usd"]')).to_have_text(expected["display"]["npv_usd"])
    watch.assert_clean()


def test_copy_embed_from_an_explorable_gives_the_compact_snippet(page: Page, site_url: str) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(site_url + "argument/for-you/")
    widget = page.locator('[data-view="explore"]').first
    widget.locator('[data-action="copy-embed"]').click()
    copied = widget.locator(".calc-copied")
    # The snippet is written once the clipboard has taken it (a promise): wait for it.
    expect(copied).to_have_attribute("data-copied", re.compile(r"^<iframe src="))
    snippet = copied.get_attribute("data-copied") or ""
    src = re.search(r'src="([^"]+)"', snippet)
    assert src, snippet
    assert "fields=monthly_benefit%2Cupfront_cost" in src[1]
    assert "preset=support-assistant" in src[1]
    page.goto(src[1].replace("&amp;", "&"))
    fields, outputs = _visible_names(root(page, "roi"))
    assert fields == ["monthly_benefit", "upfront_cost"]
    assert outputs == ["irr_annual"]


@pytest.mark.parametrize("path", ALL_PAGES)
def test_no_page_is_wider_than_a_phone(page: Page, site_url: str, path: str) -> None:
    page.set_viewport_size({"width": 375, "height": 812})
    page.context.route("**/assets/pyodide/**", lambda route: route.abort())
    page.goto(site_url + path)
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{path} is {overflow}px wider than the phone"
    for slider in page.locator("input[type=range]").all()[:3]:
        if slider.is_visible():
            box = slider.bounding_box()
            assert box is not None
            assert box["height"] >= 44, "sliders are at least 44 px tall to touch"
