"""Hostile URLs, a strict Content-Security-Policy, sandboxed embeds, sub-paths, offline use."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlencode

import pytest
from playwright.sync_api import Browser, Page, expect

import calculators
from tests.support import ALL_PAGES, CALCULATOR_PAGES, EMBED_PAGES, serve

from .conftest import Watch
from .helpers import READY_TIMEOUT_MS, control, form_values, native, root, wait_for_outputs

STRICT_CSP = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; "
    "connect-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "object-src 'none'; base-uri 'self'; frame-ancestors *"
)
# Recorded before any page script runs; a test reads it back after the page settles.
LISTEN_FOR_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__violations.push(
    `${e.violatedDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`);
});
"""
PAYLOADS = [
    '<img src=x onerror="window.__pwned=1">',
    '"><script>window.__pwned=1</script>',
    "javascript:window.__pwned=1",
    "x" * 10_000,
]


def _site_headers(site: Path) -> dict[str, str]:
    """The headers the build writes to _headers for static hosts."""
    headers = {}
    for line in (site / "_headers").read_text().splitlines()[1:]:
        name, value = line.strip().split(": ", 1)
        headers[name] = value
    return headers


@pytest.mark.parametrize("name", calculators.names())
def test_hostile_url_parameters_run_nothing_and_keep_other_inputs(
    page: Page, watch: Watch, site_url: str, name: str
) -> None:
    fields = [f["name"] for f in calculators.schema(name)["fields"] if f["kind"] != "choice"]
    good_field, *targets = fields
    good_value = "12"
    pairs = [(good_field, good_value), ("unknown_field", PAYLOADS[0])]
    pairs += [(field, payload) for field, payload in zip(targets, PAYLOADS, strict=False)]
    pairs += [(targets[0], "also repeated")]  # repeated parameter: the last one wins
    page.goto(site_url + CALCULATOR_PAGES[name] + "?" + urlencode(pairs))
    calculator = root(page, name)
    expect(calculator).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT_MS)
    expect(calculator.locator(f'[name="{good_field}"]')).to_have_value(good_value)
    expect(calculator.locator(f'[name="{targets[0]}"]')).to_have_value("also repeated")
    for field, payload in zip(targets[1:], PAYLOADS[1:], strict=False):
        expect(calculator.locator(f'[name="{field}"]')).to_have_value(payload)
        error = calculator.locator(f'[data-field="{field}"] .calc-error')
        expect(error).to_be_visible()
    assert page.evaluate("() => window.__pwned") is None
    assert page.locator("img[src='x']").count() == 0
    assert (
        page.locator("script:not([src])").evaluate_all(
            "(els) => els.filter((el) => el.textContent.includes('__pwned')).length"
        )
        == 0
    )
    watch.assert_clean()


def _no_violations(page: Page) -> list[str]:
    page.wait_for_timeout(300)
    found: list[str] = page.evaluate("() => window.__violations")
    return found


def test_every_page_works_under_the_shipped_policy(browser: Browser, built_site: Path) -> None:
    headers = _site_headers(built_site)
    policy = headers["Content-Security-Policy"]
    assert policy.startswith("default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-")
    with serve(built_site, headers=headers) as url:
        context = browser.new_context()
        context.add_init_script(LISTEN_FOR_VIOLATIONS)
        page = context.new_page()
        console: list[str] = []
        page.on("console", lambda m: console.append(m.text) if m.type == "error" else None)
        for path in ALL_PAGES:
            page.goto(url + path)
            calculator = page.locator("[data-calculator]").first
            if calculator.count():
                calculator.scroll_into_view_if_needed()
                expect(calculator).to_have_attribute(
                    "data-state", "ready", timeout=READY_TIMEOUT_MS
                )
                charts = page.locator(".calc-chart[data-chart]")
                if charts.count():  # an explorable may show numbers only
                    charts.first.scroll_into_view_if_needed()
                    expect(charts.first.locator("svg.main-svg").first).to_be_attached(
                        timeout=20_000
                    )
            assert _no_violations(page) == [], path
        assert [m for m in console if "Content Security Policy" in m] == []
        context.close()


@pytest.mark.parametrize("path", EMBED_PAGES)
def test_embed_pages_work_under_the_strict_policy(
    browser: Browser, built_site: Path, path: str
) -> None:
    with serve(built_site, headers={"Content-Security-Policy": STRICT_CSP}) as url:
        context = browser.new_context()
        context.add_init_script(LISTEN_FOR_VIOLATIONS)
        page = context.new_page()
        console: list[str] = []
        page.on("console", lambda m: console.append(m.text) if m.type == "error" else None)
        page.goto(url + path)
        name = path.split("/")[1]
        calculator = root(page, name)
        expect(calculator).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT_MS)
        first = calculator.locator("input[name]").first
        first.fill("77")
        wait_for_outputs(page, name, native(name, form_values(page, name)))
        for chart in calculator.locator(".calc-chart[data-chart]").all():
            chart.scroll_into_view_if_needed()
            expect(chart.locator("svg.main-svg").first).to_be_attached(timeout=20_000)
        assert _no_violations(page) == []
        assert console == []
        context.close()


@pytest.mark.parametrize(
    ("sandbox", "live"),
    [("allow-scripts allow-same-origin", True), ("allow-scripts", False)],
)
def test_sandboxed_iframe(
    page: Page, site_url: str, tmp_path: Path, sandbox: str, live: bool
) -> None:
    (tmp_path / "wiki.html").write_text(
        f'<!doctype html><iframe id="calc" sandbox="{sandbox}" '
        f'src="{site_url}embed/roi/" style="width:100%;height:900px"></iframe>'
    )
    with serve(tmp_path) as wiki:
        page.goto(wiki + "wiki.html")
        calculator = page.frame_locator("#calc").locator('[data-calculator="roi"]')
        defaults = native("roi", {})
        expect(calculator.locator('[data-output="npv_usd"]')).to_have_text(
            defaults["display"]["npv_usd"]
        )
        if live:
            expect(calculator).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT_MS)
        else:
            # An opaque origin cannot load module scripts from the site: the
            # pre-rendered numbers stay, as documented.
            page.wait_for_timeout(1500)
            expect(calculator).to_have_attribute("data-state", "static")


def test_site_works_from_a_deep_sub_path(page: Page, watch: Watch, built_site: Path) -> None:
    with serve(built_site, prefix="/some/deep/prefix/") as url:
        page.goto(url + CALCULATOR_PAGES["roi"])
        expect(root(page, "roi")).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT_MS)
        root(page, "roi").locator('[name="horizon_months"]').fill("48")
        wait_for_outputs(page, "roi", native("roi", form_values(page, "roi")))
        page.goto(url + "embed/token_kpi/")
        expect(root(page, "token_kpi")).to_have_attribute(
            "data-state", "ready", timeout=READY_TIMEOUT_MS
        )
    watch.assert_clean()


def test_calculators_keep_working_with_the_network_cut(
    page: Page, watch: Watch, site_url: str
) -> None:
    page.goto(site_url + "calculators/")
    for name in calculators.names():
        calculator = root(page, name)
        calculator.scroll_into_view_if_needed()
        expect(calculator).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT_MS)
    page.context.set_offline(True)
    for name in calculators.names():
        calculator = root(page, name)
        calculator.locator("input[name]").first.fill("42")
        wait_for_outputs(page, name, native(name, form_values(page, name)))
    page.context.set_offline(False)
    # Only what was asked of the network while it was cut may have failed.
    watch.console_errors = [e for e in watch.console_errors if "ERR_INTERNET_DISCONNECTED" not in e]
    watch.assert_clean()


def test_after_one_visit_the_site_works_offline(page: Page, site_url: str) -> None:
    page.goto(site_url + CALCULATOR_PAGES["roi"])
    expect(root(page, "roi")).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT_MS)
    # The service worker caches this build's files once Python has run.
    page.wait_for_function("() => navigator.serviceWorker.ready.then(() => true)")
    page.context.set_offline(True)
    try:
        page.reload()
        calculator = root(page, "roi")
        expect(calculator).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT_MS)
        calculator.locator('[name="upfront_cost"]').fill("61000")
        wait_for_outputs(page, "roi", native("roi", form_values(page, "roi")))
        # Instant navigation to a page never visited still works, from the cache.
        page.locator("nav.md-nav--primary").get_by_role("link", name="Token-KPI demo").first.click()
        token = root(page, "token_kpi")
        expect(token).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT_MS)
        control(token, "seed").fill("9")
        wait_for_outputs(page, "token_kpi", native("token_kpi", form_values(page, "token_kpi")))
    finally:
        page.context.set_offline(False)
