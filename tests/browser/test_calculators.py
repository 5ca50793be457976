"""Calculators in a real browser: pre-rendered, then live, always equal to native Python."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlencode

import pytest
from playwright.sync_api import Page, Route, expect

import calculators
from tests.support import CALCULATOR_PAGES, serve

from .conftest import Watch
from .helpers import (
    READY_TIMEOUT_MS,
    assert_close,
    form_values,
    native,
    root,
    set_fields,
    shown_outputs,
    wait_for_outputs,
)

# A valid change to make on each calculator, and a bad value for one field.
CHANGES = {
    "training_cost": ({"params": "13B", "mfu": "0.5", "gpu": "a100-80gb"}, ("mfu", "1.7")),
    "token_kpi": ({"employees": "30", "kpi_pressure": "0.3"}, ("days", "-4")),
    "roi": ({"monthly_benefit": "20,000", "ramp_months": "3"}, ("discount_rate", "lots")),
    "gpu_finance": ({"utilization": "0.7", "loan_rate": "9%"}, ("down_payment", "1.5")),
}


def _set(page: Page, name: str, values: dict[str, str]) -> None:
    set_fields(root(page, name), values)


def _page_url(site_url: str, name: str, kind: str, lang: str = "en") -> str:
    edition = "zh/" if lang == "zh" else ""
    return site_url + edition + (CALCULATOR_PAGES[name] if kind == "page" else f"embed/{name}/")


@pytest.mark.parametrize("view", ["page", "embed", "zh/page"])
@pytest.mark.parametrize("name", calculators.names())
def test_prerendered_then_live_and_equal_to_native(
    page: Page, watch: Watch, site_url: str, name: str, view: str
) -> None:
    """Both editions: the Chinese page shows the same numbers in Chinese writing (run() with
    lang="zh"), its field errors in Chinese."""
    lang, _, kind = view.rpartition("/")
    lang = lang or "en"
    held: list[Route] = []

    def hold(route: Route) -> None:
        held.append(route)

    # Hold the wheel back (the worker fetches it, so route at the context) until we looked.
    page.context.route(re.compile(r"/assets/py/[^/]+\.whl"), hold)
    page.goto(_page_url(site_url, name, kind, lang))
    calculator = root(page, name)
    expect(calculator).to_have_attribute("data-state", re.compile("static|loading"))
    wait_for_outputs(page, name, native(name, {}, lang), timeout=1)
    for _ in range(200):
        if held:
            break
        page.wait_for_timeout(50)
    assert held, "the page never asked for the Python wheel"
    expect(calculator).not_to_have_attribute("data-state", "ready")
    held[0].continue_()
    expect(calculator).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT_MS)

    change, (bad_field, bad_value) = CHANGES[name]
    _set(page, name, change)
    good = native(name, form_values(page, name), lang)
    wait_for_outputs(page, name, good)
    if name == "token_kpi":  # the leaderboard table is re-rendered from Python's text
        first_row = calculator.locator('[data-output="leaderboard"] tbody tr').first
        top = good["display"]["leaderboard"][0]
        expect(first_row).to_have_text(
            "".join(["1", top["name"], top["tokens"], top["useful_tasks"], top["value_usd"]])
        )

    _set(page, name, {bad_field: bad_value})
    refused = native(name, form_values(page, name), lang)
    message = next(e["message"] for e in refused["errors"] if e["field"] == bad_field)
    error = calculator.locator(f'[data-field="{bad_field}"] .calc-error')
    expect(error).to_have_text(message)
    expect(error).to_be_visible()
    expect(calculator.locator(f'[name="{bad_field}"]')).to_have_attribute("aria-invalid", "true")
    page.wait_for_timeout(300)  # a late render would replace the last good numbers
    wait_for_outputs(page, name, good, timeout=1)

    for figure in ("chart", "sensitivity"):
        chart = calculator.locator(f'.calc-chart[data-chart="{figure}"]')
        chart.scroll_into_view_if_needed()
        expect(chart.locator("svg.main-svg").first).to_be_attached(timeout=20_000)
        # The figure drawn is the one Python computed for these inputs.
        drawn = chart.evaluate("(el) => el.data.map((trace) => [trace.x, trace.y])")
        assert_close(drawn, [[t["x"], t["y"]] for t in good[figure]["data"]])
    watch.assert_clean()


@pytest.mark.parametrize("name", calculators.names())
def test_url_parameters_restore_inputs_and_show_errors(
    page: Page, watch: Watch, site_url: str, name: str
) -> None:
    change, (bad_field, bad_value) = CHANGES[name]
    query = urlencode({**change, bad_field: bad_value, "utm_source": "wiki"})
    page.goto(_page_url(site_url, name, "page") + "?" + query)
    calculator = root(page, name)
    expect(calculator).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT_MS)
    for field, value in {**change, bad_field: bad_value}.items():
        expect(calculator.locator(f'[name="{field}"]')).to_have_value(value)
    expect(calculator.locator(f'[data-field="{bad_field}"] .calc-error')).to_be_visible()
    # Fixing the one bad field computes what native Python gives for the restored inputs.
    default = calculators.schema(name)["fields"]
    fixed = next(str(f["default"]) for f in default if f["name"] == bad_field)
    _set(page, name, {bad_field: fixed})
    wait_for_outputs(page, name, native(name, form_values(page, name)))
    assert "utm_source=wiki" in page.url  # other parameters of the page are left alone
    watch.assert_clean()


def test_copy_link_reopens_the_same_inputs(page: Page, watch: Watch, site_url: str) -> None:
    page.goto(_page_url(site_url, "training_cost", "page"))
    calculator = root(page, "training_cost")
    expect(calculator).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT_MS)
    calculator.locator("[data-preset-menu]").select_option("deepseek-v3")
    _set(page, "training_cost", {"mfu": "0.33"})
    expected = native("training_cost", form_values(page, "training_cost"))
    wait_for_outputs(page, "training_cost", expected)
    reported = calculator.locator(".calc-reported tbody tr")
    expect(reported).to_have_count(len(expected["reported"]))
    row = expected["reported"][0]
    expect(reported.first).to_have_text(
        row["label"] + row["estimate_display"] + row["reported_display"] + row["ratio_display"]
    )
    calculator.locator('[data-action="copy-link"]').click()
    copied = calculator.locator(".calc-copied")
    expect(copied).to_have_attribute("data-copied", re.compile("preset=deepseek-v3"))
    link = copied.get_attribute("data-copied")
    assert link is not None
    assert "mfu=0.33" in link

    calculator.locator('[data-action="copy-embed"]').click()
    expect(copied).to_have_attribute("data-copied", re.compile(r"^<iframe src=\"http://127"))
    snippet = copied.get_attribute("data-copied") or ""
    embed_src = re.search(r'src="([^"]+)"', snippet)
    assert embed_src is not None

    for url in (link, embed_src.group(1)):
        other = page.context.new_page()
        other.goto(url)
        again = root(other, "training_cost")
        expect(again).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT_MS)
        wait_for_outputs(other, "training_cost", expected)
        other.close()
    watch.assert_clean()


def test_instant_navigation_boots_python_once(page: Page, watch: Watch, site_url: str) -> None:
    wasm_requests: list[str] = []
    page.on("request", lambda r: wasm_requests.append(r.url) if r.url.endswith(".wasm") else None)
    page.goto(site_url + CALCULATOR_PAGES["training_cost"])
    expect(root(page, "training_cost")).to_have_attribute(
        "data-state", "ready", timeout=READY_TIMEOUT_MS
    )
    page.locator("nav.md-nav--primary").get_by_role("link", name="Token-KPI demo").first.click()
    token = root(page, "token_kpi")
    expect(token).to_have_attribute("data-state", "ready", timeout=20_000)
    assert page.evaluate("() => document.documentElement.dataset.pythonBoots") == "1"
    assert len(wasm_requests) == 1
    _set(page, "token_kpi", {"seed": "7"})
    wait_for_outputs(page, "token_kpi", native("token_kpi", form_values(page, "token_kpi")))
    # A full page load (not instant navigation) proves the counter would have moved.
    page.goto(site_url + CALCULATOR_PAGES["roi"])
    expect(root(page, "roi")).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT_MS)
    assert len(wasm_requests) == 2
    watch.assert_clean()


def test_embed_reports_height_and_accepts_only_valid_messages(
    page: Page, watch: Watch, site_url: str, tmp_path: Path
) -> None:
    (tmp_path / "wiki.html").write_text(
        f"""<!doctype html><title>wiki</title>
<iframe id="calc" src="{site_url}embed/roi/" style="width:100%;height:400px"></iframe>
<script>
  window.messages = [];
  addEventListener("message", (e) => window.messages.push(e.data));
</script>"""
    )
    with serve(tmp_path) as wiki:
        page.goto(wiki + "wiki.html")
        frame = page.frame_locator("#calc")
        calculator = frame.locator('[data-calculator="roi"]')
        expect(calculator).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT_MS)
        page.wait_for_function("() => window.messages.length > 0")
        messages = page.evaluate("() => window.messages")
        for message in messages:
            assert set(message) == {"type", "calculator", "height"}
            assert message["type"] == "ai-reality-check:height"
            assert message["calculator"] == "roi"
            assert isinstance(message["height"], int)
        assert messages[-1]["height"] > 400

        before = calculator.locator('[data-output="npv_usd"]').get_attribute("data-value")
        post = "(m) => document.getElementById('calc').contentWindow.postMessage(m, '*')"
        page.evaluate(post, {"type": "something-else", "inputs": {"upfront_cost": "1"}})
        page.evaluate(
            post,
            {
                "type": "ai-reality-check:set-inputs",
                "calculator": "roi",
                "inputs": {"upfront_cost": {"nested": 1}},
            },
        )
        page.wait_for_timeout(500)
        assert calculator.locator('[data-output="npv_usd"]').get_attribute("data-value") == before
        page.evaluate(
            post,
            {
                "type": "ai-reality-check:set-inputs",
                "calculator": "roi",
                "inputs": {"upfront_cost": "99000"},
            },
        )
        expect(calculator.locator('[name="upfront_cost"]')).to_have_value("99000")
        expected = native("roi", {"upfront_cost": "99000"})
        expect(calculator.locator('[data-output="npv_usd"]')).to_have_text(
            expected["display"]["npv_usd"]
        )
    watch.assert_clean()


def test_site_works_from_a_sub_path(page: Page, watch: Watch, built_site: Path) -> None:
    with serve(built_site, prefix="/tools/ai/") as url:
        page.goto(url + CALCULATOR_PAGES["roi"])
        expect(root(page, "roi")).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT_MS)
        _set(page, "roi", {"horizon_months": "48"})
        wait_for_outputs(page, "roi", native("roi", form_values(page, "roi")))
        assert shown_outputs(page, "roi")
    watch.assert_clean()
