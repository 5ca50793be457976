"""Both ways Python starts: the build-time memory snapshot, and the normal boot it falls back to."""

from __future__ import annotations

import gzip
import re

import pytest
from playwright.sync_api import Page, Request, Route, expect

from calculators._json_api import exercise_cases
from tests.support import CALCULATOR_PAGES

from .conftest import Watch
from .helpers import READY_TIMEOUT_MS, form_values, native, root, wait_for_outputs

SNAPSHOT = re.compile(r"/assets/pyodide/snapshot-[0-9a-f]+\.bin\.gz$")


def _live_and_correct(page: Page, name: str) -> None:
    calculator = root(page, name)
    expect(calculator).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT_MS)
    first = next(f for f in calculator.locator("input[name]").all())
    first.fill(first.input_value() + "1" if name != "roi" else "12345")
    wait_for_outputs(page, name, native(name, form_values(page, name)))


def test_snapshot_boot_is_used(page: Page, watch: Watch, site_url: str) -> None:
    snapshots: list[str] = []
    page.on("request", lambda r: snapshots.append(r.url) if SNAPSHOT.search(r.url) else None)
    page.goto(site_url + CALCULATOR_PAGES["roi"])
    _live_and_correct(page, "roi")
    assert page.evaluate("() => document.documentElement.dataset.pythonBootPath") == "snapshot"
    assert len(snapshots) == 1
    # A first visit downloads at once: nothing was kept, so Cache Storage is not searched.
    assert "snapshotCacheMatched" not in page.evaluate(
        "() => document.documentElement.dataset.pythonBootPhases"
    )
    # Once Python has answered, the worker keeps the inflated file and the page remembers.
    page.wait_for_function(
        "() => (localStorage.getItem('ai-reality-check-snapshot') || '').includes('/snapshot-')",
        timeout=10_000,
    )
    # A reload restores from the copy kept in Cache Storage (without its zero pages).
    page.reload()
    _live_and_correct(page, "roi")
    assert page.evaluate("() => document.documentElement.dataset.pythonBootPath") == "snapshot"
    assert "snapshotCacheMatched" in page.evaluate(
        "() => document.documentElement.dataset.pythonBootPhases"
    )
    assert len(snapshots) == 1, snapshots
    watch.assert_clean()


@pytest.mark.parametrize(
    "broken",
    [
        pytest.param({"status": 404, "body": "gone"}, id="missing"),
        pytest.param({"status": 200, "body": b"not a snapshot at all"}, id="garbage"),
        pytest.param({"status": 200, "body": gzip.compress(b"\0" * 4096)}, id="wrong-build"),
    ],
)
def test_a_broken_snapshot_falls_back_to_a_normal_boot(
    page: Page, watch: Watch, site_url: str, broken: dict[str, object]
) -> None:
    def serve_broken(route: Route) -> None:
        route.fulfill(**broken)  # type: ignore[arg-type]

    page.context.route(SNAPSHOT, serve_broken)
    page.goto(site_url + CALCULATOR_PAGES["token_kpi"])
    _live_and_correct(page, "token_kpi")
    assert page.evaluate("() => document.documentElement.dataset.pythonBootPath") == "plain"
    # A failed snapshot is not an error for the reader: the fallback is silent.
    watch.console_errors = [e for e in watch.console_errors if "404" not in e]
    watch.assert_clean()


EXERCISE = """async ({client, cases}) => {
  const { compute } = await import(client);
  const failures = [];
  for (const [name, inputs] of cases) {
    try {
      const result = await compute(name, inputs);
      if (typeof result.ok !== "boolean") failures.push([name, inputs, result]);
    } catch (error) {
      failures.push([name, inputs, String(error)]);
    }
  }
  return failures;
}"""


@pytest.mark.parametrize("boot", ["snapshot", "plain"])
def test_every_case_runs_on_the_shipped_standard_library(
    page: Page, watch: Watch, site_url: str, boot: str
) -> None:
    """Every calculator, preset and field error path, inside Pyodide, on the trimmed stdlib
    (a normal boot) or the empty one (the snapshot boot): no ImportError, no download of
    the fallback standard library."""
    stdlib: list[str] = []
    page.on("request", lambda r: stdlib.append(r.url) if "/assets/pyodide/" in r.url else None)
    if boot == "plain":
        page.context.route(SNAPSHOT, lambda route: route.fulfill(status=404, body="gone"))
    page.goto(site_url + CALCULATOR_PAGES["training_cost"])
    expect(root(page, "training_cost")).to_have_attribute(
        "data-state", "ready", timeout=READY_TIMEOUT_MS
    )
    assert page.evaluate("() => document.documentElement.dataset.pythonBootPath") == boot
    cases = exercise_cases()
    failures = page.evaluate(
        EXERCISE, {"client": site_url + "assets/js/calc-client.mjs", "cases": cases}
    )
    assert failures == []
    zips = sorted(url.rsplit("/", 1)[1] for url in stdlib if url.endswith(".zip"))
    if boot == "snapshot":
        assert zips == ["stdlib-empty.zip"]
    else:
        # (the failed snapshot attempt may have asked for the empty one first)
        trimmed = [z for z in zips if z != "stdlib-empty.zip"]
        assert len(trimmed) == 1, zips
        assert re.fullmatch(r"stdlib-[0-9a-f]{16}\.zip", trimmed[0]), zips
    watch.console_errors = [e for e in watch.console_errors if "404" not in e]
    watch.assert_clean()


WORKER = re.compile(r"/assets/js/calc-worker\.mjs$")
# What the theme starts at load and boot-early.js holds until the first live result.
HELD = re.compile(r"/search/search_index\.json$|/sitemap\.xml$|/workers/search\.[^/]*\.js$")


def _held_requests(page: Page) -> list[tuple[str, float]]:
    """(URL, start on the page's clock) of every held request, as Chromium saw it."""
    started: list[tuple[str, float]] = []

    def note(request: Request) -> None:
        if HELD.search(request.url):
            started.append((request.url, request.timing["startTime"]))

    page.on("requestfinished", note)
    return started


def _on_page_clock(page: Page, started: list[tuple[str, float]]) -> dict[str, float]:
    origin = page.evaluate("() => performance.timeOrigin")
    return {url.rsplit("/", 2)[-2] + "/" + url.rsplit("/", 1)[1]: t - origin for url, t in started}


def _first_live_result(page: Page) -> float:
    """When Python was ready (its first result follows), on the page's clock."""
    return float(
        page.evaluate("() => JSON.parse(document.documentElement.dataset.pythonBootPhases).ready")
    )


def _search_works(page: Page, term: str) -> None:
    page.keyboard.press("/")  # the theme's search shortcut
    box = page.locator(".md-search__input")
    expect(box).to_be_focused()
    results = page.locator(".md-search-result__item a")
    for _ in range(5):  # a query typed while the index is still loading is dropped
        box.fill("")
        box.type(term)
        try:
            expect(results.first).to_be_visible(timeout=3000)
            return
        except AssertionError:
            continue
    expect(results.first).to_be_visible()


def test_python_starts_in_head_and_the_theme_waits_for_it(
    page: Page, watch: Watch, site_url: str
) -> None:
    """The inline script at the top of <head> starts the one worker (the page's module
    adopts it); the theme's search index, search worker and sitemaps are requested after
    Python is ready, and search and the language menu then work as before."""
    workers: list[str] = []
    page.on("request", lambda r: workers.append(r.url) if WORKER.search(r.url) else None)
    started = _held_requests(page)
    page.goto(site_url + CALCULATOR_PAGES["training_cost"])
    expect(root(page, "training_cost")).to_have_attribute(
        "data-state", "ready", timeout=READY_TIMEOUT_MS
    )
    assert page.evaluate("() => window.__aiRealityCheckEarlyWorker.taken") is True
    assert page.evaluate("() => document.documentElement.dataset.pythonBoots") == "1"
    assert len(workers) == 1, workers
    page.wait_for_timeout(1000)
    times = _on_page_clock(page, started)
    ready = _first_live_result(page)
    kinds = {name.split("/")[0] for name in times}
    assert {"search", "workers"} <= kinds, times  # the index and the worker did load
    assert any(name.endswith("sitemap.xml") for name in times), times
    assert all(t >= ready for t in times.values()), (ready, times)
    _search_works(page, "Goodhart")
    # The language menu still leads to this page's translation.
    link = page.locator(".md-select__link[hreflang='zh']").first
    expect(link).to_have_attribute("href", re.compile(r"zh/calculators/training-cost/"))
    watch.assert_clean()


def test_search_before_python_is_ready_loads_the_index_at_once(
    page: Page, watch: Watch, site_url: str
) -> None:
    """A reader who goes to the search box while Python is still starting is not kept
    waiting for it."""
    started = _held_requests(page)
    page.goto(site_url + CALCULATOR_PAGES["roi"], wait_until="domcontentloaded")
    page.locator(".md-search__input").focus()
    expect(root(page, "roi")).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT_MS)
    page.wait_for_timeout(1000)
    times = _on_page_clock(page, started)
    ready = _first_live_result(page)
    index = [t for name, t in times.items() if name.endswith("search_index.json")]
    assert len(index) == 1, times
    assert index[0] < ready, (ready, times)
    _search_works(page, "Goodhart")
    watch.assert_clean()
