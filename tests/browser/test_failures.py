"""When Python fails to download, boots too slowly or dies: numbers and inputs stay, retry works."""

from __future__ import annotations

import re
import time

from playwright.sync_api import Page, Route, expect

from tests.support import CALCULATOR_PAGES

from .conftest import Watch
from .helpers import (
    READY_TIMEOUT_MS,
    control,
    form_values,
    native,
    root,
    shown_outputs,
    wait_for_outputs,
)

WASM = re.compile(r"/assets/pyodide/pyodide\.asm\.wasm$")


def _retry_recovers(page: Page, name: str, typed: dict[str, str]) -> None:
    calculator = root(page, name)
    for field, value in typed.items():  # nothing the reader typed was lost
        expect(calculator.locator(f'[name="{field}"]')).to_have_value(value)
    calculator.locator('[data-action="retry"]').click()
    expect(calculator).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT_MS)
    expect(calculator.locator('[data-action="retry"]')).to_be_hidden()
    wait_for_outputs(page, name, native(name, form_values(page, name)))


def test_runtime_download_fails(page: Page, site_url: str) -> None:
    blocked = {"on": True}

    def maybe_block(route: Route) -> None:
        if blocked["on"]:
            route.abort()
        else:
            route.continue_()

    # A failed download leaves Pyodide waiting forever; the boot timeout catches it.
    page.context.add_init_script("globalThis.AI_REALITY_CHECK_BOOT_TIMEOUT_MS = 8000;")
    page.context.route(WASM, maybe_block)
    page.goto(site_url + CALCULATOR_PAGES["roi"])
    calculator = root(page, "roi")
    prerendered = shown_outputs(page, "roi")
    calculator.locator('[name="upfront_cost"]').fill("55000")
    expect(calculator).to_have_attribute("data-state", "error", timeout=READY_TIMEOUT_MS)
    expect(calculator.locator(".calc-status")).to_have_text(
        re.compile(
            r"^The Python runtime did not start: it could not be downloaded, or took too long\."
        )
    )
    assert shown_outputs(page, "roi") == prerendered
    blocked["on"] = False
    _retry_recovers(page, "roi", {"upfront_cost": "55000"})


def test_runtime_boots_too_slowly(page: Page, site_url: str) -> None:
    page.context.add_init_script("globalThis.AI_REALITY_CHECK_BOOT_TIMEOUT_MS = 3000;")
    held: list[Route] = []

    def hold_first(route: Route) -> None:
        if not held:
            held.append(route)  # never answered: the boot hangs
        else:
            route.continue_()

    page.context.route(WASM, hold_first)
    page.goto(site_url + CALCULATOR_PAGES["training_cost"])
    calculator = root(page, "training_cost")
    prerendered = shown_outputs(page, "training_cost")
    expect(calculator).to_have_attribute("data-state", "error", timeout=20_000)
    expect(calculator.locator(".calc-status")).to_contain_text("did not start")
    assert shown_outputs(page, "training_cost") == prerendered
    calculator.locator('[name="mfu"]').fill("0.31")  # typing while broken is kept, not lost
    _retry_recovers(page, "training_cost", {"mfu": "0.31"})
    held[0].abort()


def test_worker_dies_mid_session(page: Page, watch: Watch, site_url: str) -> None:
    page.context.add_init_script("globalThis.AI_REALITY_CHECK_REQUEST_TIMEOUT_MS = 3000;")
    page.goto(site_url + CALCULATOR_PAGES["token_kpi"])
    calculator = root(page, "token_kpi")
    expect(calculator).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT_MS)
    calculator.locator('[name="employees"]').fill("25")
    last_good = native("token_kpi", form_values(page, "token_kpi"))
    wait_for_outputs(page, "token_kpi", last_good)
    python = [w for w in page.workers if w.url.endswith("/calc-worker.mjs")]
    assert len(python) == 1
    python[0].evaluate("() => self.close()")  # the worker is gone, as after a crash
    control(calculator, "days").fill("30")
    expect(calculator).to_have_attribute("data-state", "error", timeout=20_000)
    expect(calculator.locator(".calc-status")).to_contain_text("stopped responding")
    wait_for_outputs(page, "token_kpi", last_good, timeout=1)  # the last numbers stay
    started = time.monotonic()
    _retry_recovers(page, "token_kpi", {"employees": "25", "days": "30"})
    assert time.monotonic() - started < 60
    watch.assert_clean()
