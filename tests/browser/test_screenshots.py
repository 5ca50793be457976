"""Each section page as a reader sees it, phone and desktop, light and dark.

Screenshots go to test-results/screenshots/ for a person to look at; the test
itself checks what a machine can: nothing overflows sideways, every calculator
went live, and every chart was drawn.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from tests.support import ROOT, SECTION_PAGES

from .helpers import READY_TIMEOUT_MS

SHOTS = ROOT / "test-results" / "screenshots"
VIEWPORTS = {"phone": {"width": 375, "height": 812}, "desktop": {"width": 1280, "height": 900}}


# Both editions on both screens; the Chinese one in light only (dark adds nothing that
# depends on the language).
SHOWS = [
    (device, scheme, edition)
    for device in VIEWPORTS
    for scheme, edition in (("light", ""), ("dark", ""), ("light", "zh/"))
]


@pytest.mark.parametrize(("device", "scheme", "edition"), SHOWS)
def test_section_pages_fit_and_render(
    browser: Browser, site_url: str, device: str, scheme: str, edition: str
) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport=VIEWPORTS[device], color_scheme=scheme)
    page = context.new_page()
    page.goto(site_url + edition + SECTION_PAGES[0])
    for index, path in enumerate(SECTION_PAGES):
        if index:  # instant navigation through the footer, as a reader would
            heading = page.locator("article h1").first.text_content() or ""
            page.locator("a.md-footer__link--next").click()
            expect(page).to_have_url(site_url + edition + path)
            # The URL changes before the new content is swapped in: wait for the new page.
            expect(page.locator("article h1").first).not_to_have_text(heading)
        calculator = page.locator("[data-calculator]").first
        calculator.scroll_into_view_if_needed()
        expect(calculator).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT_MS)
        for chart in page.locator(".calc-chart[data-chart]").all():
            chart.scroll_into_view_if_needed()
            svg = chart.locator("svg.main-svg").first
            expect(svg).to_be_attached(timeout=20_000)
            # plotly's own CSS must still apply after instant navigation.
            expect(svg).to_have_css("position", "absolute")
        page.evaluate("() => window.scrollTo(0, 0)")
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{path} overflows sideways by {overflow}px on {device}"
        name = (edition + path).strip("/").replace("/", "-")
        page.screenshot(path=SHOTS / f"{name}-{device}-{scheme}.png", full_page=True)
    assert page.evaluate("() => document.documentElement.dataset.pythonBoots") == "1"
    context.close()
