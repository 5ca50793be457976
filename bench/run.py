"""`make bench`: what readers wait for, measured in headless Chromium against a bare Pyodide page.

Builds the site, serves it on 127.0.0.1, and measures cold and warm visits,
recompute latency, instant navigation, bytes per page and compute scaling.
Every timing is repeated (median, min, max) and set beside the bare page's
`loadPyodide()` in the same run. Writes bench/report.json and bench/report.md;
the site's Performance page renders the committed report.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.support import CALCULATOR_PAGES, CHROMIUM, CHROMIUM_ARGS, build_site, serve  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "5"))
LEVERS = ROOT / "bench" / "levers.md"
CHANGES = 50
NO_CALCULATOR_PAGES = ["", "glossary/"]
RECOMPUTE = {  # a field whose every change moves the first output
    "training_cost": ("params", [f"{71 + i}B" for i in range(CHANGES)]),
    "token_kpi": ("kpi_pressure", [f"{0.01 * (i + 1):.2f}" for i in range(CHANGES)]),
    "roi": ("monthly_benefit", [str(20_000 + 100 * i) for i in range(CHANGES)]),
    "gpu_finance": ("num_gpus", [str(65 + i) for i in range(CHANGES)]),
}
SCALING_SIZES = [(10, 20), (50, 40), (100, 60), (200, 100), (300, 150), (400, 150)]
TARGETS = {
    "cold_ratio": 0.4,
    "reload_ratio": 0.5,  # then 0.25
    "new_tab_ratio": 0.5,
    "bytes_to_live": 10_000_000,
    "prerendered_cold_ms": 1000,
    "recompute_p95_ms": 100,
    "no_calculator_total_kb": 500,
    "token_kpi_max_ms": 1000,
    "build_s": 60,
}

OBSERVER = """
window.__bench = {ready: []};
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (entry.name === "first-contentful-paint") window.__bench.fcp = entry.startTime;
  }
}).observe({type: "paint", buffered: true});
document.addEventListener("DOMContentLoaded", () => {
  requestAnimationFrame(() => requestAnimationFrame(() => {
    if (document.querySelector("[data-output]")) window.__bench.prerendered = performance.now();
  }));
  new MutationObserver((records) => {
    for (const record of records) {
      const el = record.target;
      if (el.dataset && el.dataset.state === "ready") {
        window.__bench.ready.push({name: el.dataset.calculator, t: performance.now()});
      }
    }
  }).observe(document.documentElement, {subtree: true, attributes: true,
                                         attributeFilter: ["data-state"]});
});
"""

RECOMPUTE_SCRIPT = """async ({name, field, values}) => {
  const root = document.querySelector(`[data-calculator="${name}"]`);
  const input = root.querySelector(`[name="${field}"]`);
  const output = root.querySelector("[data-output][data-value]");
  const times = [];
  for (const value of values) {
    const before = output.dataset.value;
    const changed = new Promise((resolve, reject) => {
      const watch = new MutationObserver(() => {
        if (output.dataset.value !== before) { watch.disconnect(); resolve(performance.now()); }
      });
      watch.observe(output, {attributes: true, attributeFilter: ["data-value"]});
      setTimeout(() => reject(new Error(`no update for ${value}`)), 5000);
    });
    input.value = value;
    const start = performance.now();
    input.dispatchEvent(new Event("input", {bubbles: true}));
    times.push((await changed) - start);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return times;
}"""


def _summary(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {
        "median": round(statistics.median(ordered), 1),
        "min": round(ordered[0], 1),
        "max": round(ordered[-1], 1),
        "runs": len(ordered),
    }


def _percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _category(url: str) -> str:
    if "/assets/pyodide/snapshot-" in url or url.endswith(".whl") or ".whl?" in url:
        return "wheel_and_snapshot"
    if "/assets/pyodide/" in url:
        return "pyodide"
    if "/assets/vendor/plotly" in url:
        return "plotly"
    if "/assets/javascripts/" in url or "/assets/stylesheets/" in url or "/search/" in url:
        return "theme"
    return "content"


def _visit(page: Page, url: str | None, name: str | None) -> dict[str, float]:
    """Open `url` (None: reload the page), wait for the first live result, read the marks."""
    if url is None:
        page.reload()
    else:
        page.goto(url)
    if name is None:  # the bare page
        page.wait_for_selector("#result[data-ready]", timeout=120_000)
        return {"ready": page.evaluate("() => window.__bareReady")}
    page.wait_for_selector(f'[data-calculator="{name}"][data-state="ready"]', timeout=120_000)
    marks = page.evaluate("() => window.__bench")
    ready = next(r["t"] for r in marks["ready"] if r["name"] == name)
    # Where the boot's time goes, on the page's clock (see calc-worker.mjs).
    phases = json.loads(page.evaluate("() => document.documentElement.dataset.pythonBootPhases"))
    return {
        "fcp": marks.get("fcp", 0.0),
        "prerendered": marks["prerendered"],
        "ready": ready,
        **{f"worker_{k}": float(v) for k, v in phases.items() if k != "init"},
    }


class _Transfer:
    """Bytes a page receives (compressed bodies plus headers), workers' requests included."""

    def __init__(self, page: Page) -> None:
        self.total = 0
        self.by_category: dict[str, int] = {}
        self.requests: list[tuple[float, str, int]] = []  # (start, epoch ms; category; bytes)
        page.on("requestfinished", self._count)

    def _count(self, request: Any) -> None:
        measured = request.sizes()
        size = measured["responseBodySize"] + measured["responseHeadersSize"]
        self.total += size
        category = _category(request.url)
        self.by_category[category] = self.by_category.get(category, 0) + size
        self.requests.append((request.timing["startTime"], category, size))

    def started_before(self, epoch_ms: float) -> dict[str, int]:
        """Bytes of the requests that started before `epoch_ms`, by category and in all."""
        counted: dict[str, int] = {}
        for start, category, size in self.requests:
            if start < epoch_ms:
                counted[category] = counted.get(category, 0) + size
        counted["to_live"] = sum(counted.values())
        return counted


# The three visits a reader makes: a first (cold) visit in a fresh profile, a reload of
# the same page (HTTP cache, V8's code cache and our snapshot cache warm), and the same
# page opened in a new tab of that profile.
VISITS = ("cold", "reload", "new_tab")
BYTE_KEYS = ("bytes_pyodide", "bytes_wheel_and_snapshot", "bytes_theme", "bytes_content")


def measure_visits(browser: Browser, base: str) -> dict[str, Any]:
    pages: dict[str, tuple[str, str | None]] = {
        "bare": (base + "_bench/bare.html", None),
        **{name: (base + path, name) for name, path in CALCULATOR_PAGES.items()},
    }
    samples: dict[str, dict[str, dict[str, list[float]]]] = {
        key: {visit: {} for visit in VISITS} for key in pages
    }
    boot_paths: dict[str, set[str]] = {key: set() for key in pages}
    # Round-robin: each run measures the bare page and every calculator in turn, so a
    # change in the machine's load during the bench affects them alike.
    for _ in range(RUNS):
        for key, (url, name) in pages.items():
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            context.add_init_script(OBSERVER)
            page = context.new_page()
            transfer = _Transfer(page)
            cold = _visit(page, url, name)
            page.wait_for_timeout(1500)  # let the visit settle (caches written) as a reader's would
            # Bytes of every request that started before the first live result (finished
            # since: the wait above), on the page's clock.
            live_at = page.evaluate("() => performance.timeOrigin") + cold["ready"]
            for category, size in transfer.started_before(live_at).items():
                cold[f"bytes_{category}"] = size
            figures = {"cold": cold, "reload": _visit(page, None, name)}
            tab = context.new_page()
            figures["new_tab"] = _visit(tab, url, name)
            for visit, measured in figures.items():
                for figure, value in measured.items():
                    samples[key][visit].setdefault(figure, []).append(value)
            if name is not None:
                for each in (page, tab):
                    boot_paths[key].add(
                        each.evaluate("() => document.documentElement.dataset.pythonBootPath")
                    )
            context.close()
    return {
        key: {
            **{visit: {f: _summary(v) for f, v in samples[key][visit].items()} for visit in VISITS},
            "boot_paths": sorted(p for p in boot_paths[key] if p),
        }
        for key in pages
    }


SAVE_DATA = """Object.defineProperty(Navigator.prototype, "connection", {
  configurable: true,
  get: () => ({saveData: true, effectiveType: "4g",
               addEventListener() {}, removeEventListener() {}}),
});"""


def measure_save_data(browser: Browser, base: str) -> dict[str, Any]:
    """With Save-Data on: runtime bytes before any interaction, then the time from the first
    change of a value to the live result, and what the status line promised."""
    results = {}
    for name, path in CALCULATOR_PAGES.items():
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.add_init_script(OBSERVER)
        context.add_init_script(SAVE_DATA)
        page = context.new_page()
        transfer = _Transfer(page)
        page.goto(base + path)
        page.wait_for_timeout(3000)
        root = page.locator(f'[data-calculator="{name}"]').first
        status = root.locator(".calc-status").text_content() or ""
        before = dict(transfer.by_category)
        state = root.get_attribute("data-state")
        field, values = RECOMPUTE[name]
        start = page.evaluate("() => performance.now()")
        root.locator(f'[name="{field}"]').fill(values[0])
        page.wait_for_selector(f'[data-calculator="{name}"][data-state="ready"]', timeout=120_000)
        ready = next(
            r["t"] for r in page.evaluate("() => window.__bench.ready") if r["name"] == name
        )
        promised = int(
            page.locator('meta[name="ai-reality-check-download-bytes"]').get_attribute("content")
            or 0
        )
        results[name] = {
            "state_before_interaction": state,
            "runtime_bytes_before_interaction": before.get("pyodide", 0)
            + before.get("wheel_and_snapshot", 0),
            "status_before_interaction": status.strip(),
            "promised_bytes": promised,
            "interaction_to_live_ms": round(ready - start, 1),
            "bytes_after_live": transfer.total,
        }
        context.close()
    return results


def measure_recompute(browser: Browser, base: str) -> dict[str, Any]:
    results = {}
    for name, (field, values) in RECOMPUTE.items():
        context = browser.new_context()
        context.add_init_script(OBSERVER)
        page = context.new_page()
        page.goto(base + CALCULATOR_PAGES[name])
        page.wait_for_selector(f'[data-calculator="{name}"][data-state="ready"]', timeout=120_000)
        times = page.evaluate(RECOMPUTE_SCRIPT, {"name": name, "field": field, "values": values})
        results[name] = {
            "changes": len(times),
            "p50": round(_percentile(times, 0.5), 1),
            "p95": round(_percentile(times, 0.95), 1),
            "max": round(max(times), 1),
        }
        context.close()
    return results


def measure_navigation(browser: Browser, base: str) -> dict[str, Any]:
    samples = []
    for _ in range(RUNS):
        context = browser.new_context()
        context.add_init_script(OBSERVER)
        page = context.new_page()
        page.goto(base + CALCULATOR_PAGES["training_cost"])
        page.wait_for_selector(
            '[data-calculator="training_cost"][data-state="ready"]', timeout=120_000
        )
        start = page.evaluate("() => performance.now()")
        page.locator("nav.md-nav--primary").get_by_role("link", name="Token-KPI demo").first.click()
        page.wait_for_selector('[data-calculator="token_kpi"][data-state="ready"]', timeout=60_000)
        marks = page.evaluate("() => window.__bench.ready")
        ready = next(r["t"] for r in marks if r["name"] == "token_kpi")
        boots = page.evaluate("() => document.documentElement.dataset.pythonBoots")
        assert boots == "1", f"instant navigation booted Python {boots} times"
        samples.append(ready - start)
        context.close()
    return {"training_cost_to_token_kpi_ms": _summary(samples)}


def measure_bytes(browser: Browser, base: str) -> dict[str, Any]:
    results = {}
    pages = {f"/{p}": base + p for p in NO_CALCULATOR_PAGES}
    pages.update({f"/{p}": base + p for p in CALCULATOR_PAGES.values()})
    for key, url in pages.items():
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        sizes: dict[str, int] = {}

        def count(request: Any, sizes: dict[str, int] = sizes) -> None:
            measured = request.sizes()
            total = measured["responseBodySize"] + measured["responseHeadersSize"]
            category = _category(request.url)
            sizes[category] = sizes.get(category, 0) + total

        page.on("requestfinished", count)
        page.goto(url)
        if page.locator("[data-calculator]").count():
            page.wait_for_selector("[data-state='ready']", timeout=120_000)
            for chart in page.locator(".calc-chart").all():
                chart.scroll_into_view_if_needed()
            page.wait_for_selector(".calc-chart svg.main-svg", state="attached", timeout=30_000)
        page.wait_for_timeout(1500)
        results[key] = {k: round(v / 1024, 1) for k, v in sorted(sizes.items())}
        results[key]["total"] = round(sum(sizes.values()) / 1024, 1)
        context.close()
    return results


def measure_scaling(site: Path) -> dict[str, Any]:
    sys.path.insert(0, str(ROOT))
    import calculators

    native: dict[str, Any] = {"scaling": [], "defaults": {}}
    for employees, days in SCALING_SIZES:
        samples = []
        for _ in range(5):
            start = time.perf_counter()
            json.dumps(calculators.run("token_kpi", {"employees": employees, "days": days}))
            samples.append((time.perf_counter() - start) * 1000)
        native["scaling"].append(
            {
                "employees": employees,
                "days": days,
                "person_days": employees * days,
                **_summary(samples),
            }
        )
    for name in calculators.names():
        samples = []
        for _ in range(20):
            start = time.perf_counter()
            json.dumps(calculators.run(name, {}))
            samples.append((time.perf_counter() - start) * 1000)
        native["defaults"][name] = _summary(samples)
    wheel = next((site / "assets" / "py").glob("*.whl"))
    done = subprocess.run(
        [
            "node",
            str(ROOT / "bench" / "scaling.mjs"),
            str(ROOT / "node_modules" / "pyodide"),
            str(wheel),
            json.dumps(SCALING_SIZES),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    pyodide = json.loads(done.stdout.strip().splitlines()[-1])
    for entry in pyodide["scaling"]:
        entry.update({k: round(entry[k], 2) for k in ("median", "min", "max")})
    return {
        "native": native,
        "pyodide": pyodide,
        "pyodide_fit": _fit(pyodide["scaling"]),
        "native_fit": _fit(native["scaling"]),
    }


def _fit(rows: list[dict[str, float]]) -> dict[str, float]:
    """Least-squares line (ms per 1,000 person-days) and the log-log slope (1 = linear)."""
    xs = [r["person_days"] for r in rows]
    ys = [r["median"] for r in rows]
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mean_x) ** 2 for x in xs
    )
    import math

    lx = [math.log(x) for x in xs]
    ly = [math.log(max(y, 1e-6)) for y in ys]
    mlx, mly = statistics.fmean(lx), statistics.fmean(ly)
    exponent = sum((a - mlx) * (b - mly) for a, b in zip(lx, ly, strict=True)) / sum(
        (a - mlx) ** 2 for a in lx
    )
    return {
        "ms_per_1000_person_days": round(slope * 1000, 3),
        "loglog_exponent": round(exponent, 3),
    }


def _prime_compression(site: Path, base: str) -> None:
    """Ask once for every file, so the server's on-the-fly gzip is not timed (hosts precompress)."""
    for path in site.rglob("*"):
        if path.is_file():
            url = base + path.relative_to(site).as_posix()
            request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
            with urllib.request.urlopen(request) as response:  # our own loopback server
                response.read()


def _machine() -> dict[str, str]:
    cpu = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory_kb = int(Path("/proc/meminfo").read_text().split()[1])
    chromium = subprocess.run(
        [CHROMIUM, "--version"], capture_output=True, text=True, check=True
    ).stdout
    pyodide = json.loads((ROOT / "node_modules" / "pyodide" / "package.json").read_text())
    return {
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "memory_gib": f"{memory_kb / 1024 / 1024:.0f}",
        "os": platform.platform(),
        "python": platform.python_version(),
        "node": subprocess.run(
            ["node", "--version"], capture_output=True, text=True, check=True
        ).stdout.strip(),
        "chromium": chromium.strip(),
        "pyodide": pyodide["version"],
    }


def _targets(report: dict[str, Any]) -> list[dict[str, Any]]:
    visits = report["visits"]
    rows = []
    for name in CALCULATOR_PAGES:
        for visit, label in (
            ("cold", "cold"),
            ("reload", "reload"),
            ("new_tab", "new tab"),
        ):
            ours = visits[name][visit]["ready"]["median"]
            bare = visits["bare"][visit]["ready"]["median"]
            rows.append(
                {
                    "target": f"{name}: {label} first live result / bare {label} loadPyodide",
                    "value": round(ours / bare, 2),
                    "limit": TARGETS[f"{visit}_ratio"],
                }
            )
        rows.append(
            {
                "target": f"{name}: bytes transferred until the first live result, cold",
                "value": round(visits[name]["cold"]["bytes_to_live"]["median"]),
                "limit": TARGETS["bytes_to_live"],
            }
        )
        saving = report["save_data"][name]
        rows.append(
            {
                "target": f"{name}: Save-Data, runtime bytes before the first interaction",
                "value": saving["runtime_bytes_before_interaction"],
                "limit": 0,
            }
        )
        rows.append(
            {
                "target": f"{name}: pre-rendered numbers visible, cold (ms)",
                "value": visits[name]["cold"]["prerendered"]["median"],
                "limit": TARGETS["prerendered_cold_ms"],
            }
        )
        rows.append(
            {
                "target": f"{name}: recompute p95 incl. debounce (ms)",
                "value": report["recompute"][name]["p95"],
                "limit": TARGETS["recompute_p95_ms"],
            }
        )
    for page in NO_CALCULATOR_PAGES:
        sizes = report["bytes"][f"/{page}"]
        heavy = sum(sizes.get(k, 0) for k in ("pyodide", "wheel_and_snapshot", "plotly"))
        rows.append(
            {
                "target": f"/{page}: Pyodide, snapshot and plotly bytes (KB)",
                "value": heavy,
                "limit": 0,
            }
        )
        rows.append(
            {
                "target": f"/{page}: all bytes (KB)",
                "value": sizes["total"],
                "limit": TARGETS["no_calculator_total_kb"],
            }
        )
    largest = max(report["scaling"]["pyodide"]["scaling"], key=lambda r: r["person_days"])
    rows.append(
        {
            "target": f"token_kpi at {largest['person_days']:,} person-days in Pyodide (ms)",
            "value": largest["median"],
            "limit": TARGETS["token_kpi_max_ms"],
        }
    )
    rows.append(
        {
            "target": "token_kpi cost growth in Pyodide (log-log slope; 1 = linear)",
            "value": report["scaling"]["pyodide_fit"]["loglog_exponent"],
            "limit": 1.15,
        }
    )
    rows.append(
        {
            "target": "make build: wheel, snapshot and site (s)",
            "value": report["build_s"],
            "limit": TARGETS["build_s"],
        }
    )
    for row in rows:
        row["met"] = row["value"] <= row["limit"]
    return rows


def _markdown(report: dict[str, Any]) -> str:
    machine = report["machine"]
    lines = [
        f"Measured {report['date']} on {machine['cores']} cores ({machine['cpu']}), "
        f"{machine['memory_gib']} GiB, {machine['chromium']}, Pyodide {machine['pyodide']}; "
        f"{report['runs']} runs per figure (median, min to max).",
        "",
        "How: `make bench` builds the site from scratch and serves it from 127.0.0.1 with a "
        "server that gzips text, scripts, JSON and wasm on the fly (level 6) and answers "
        "revalidations with 304, like a typical static host. Each run opens a fresh browser "
        "profile (headless Chromium, 1280×900): *cold* is the first visit; *reload* reloads "
        "that page 1.5 s after its first live result (HTTP cache, V8's code cache, our "
        "snapshot cache and the service worker in place); *new tab* opens the same page in a "
        "new tab of that profile. *live* is when the calculator's `data-state` becomes "
        "`ready` (its first result computed by Python), on the page's clock; the bare page "
        "(`bench/bare.html`: `loadPyodide()` then `runPython('6 * 7')`, with Pyodide's full "
        "standard library) is measured the same way in the same run, and the ratios compare "
        "medians; each run measures the bare page and every calculator in turn, so changes in "
        "the machine's load affect them alike. Bytes are Chromium's own count (compressed "
        "body plus headers) of every request the page and its worker started before the first "
        "live result (by Chromium's request start times, counted once finished). Save-Data: "
        "`navigator.connection` overridden before the page loads.",
        "",
        "| page | visit | first paint (ms) | numbers visible (ms) | live (ms) | boot |"
        " worker started / snapshot in / Python restored / Python ready (ms) |",
        "|---|---|---|---|---|---|---|",
    ]
    for key, visit in report["visits"].items():
        for kind in VISITS:
            v = visit[kind]
            fmt = lambda s: f"{s['median']:.0f} ({s['min']:.0f}–{s['max']:.0f})"  # noqa: E731
            fcp = fmt(v["fcp"]) if "fcp" in v else "–"
            pre = fmt(v["prerendered"]) if "prerendered" in v else "–"
            boot = ", ".join(visit["boot_paths"]) or "bare loadPyodide"
            steps = (
                " / ".join(
                    f"{v[k]['median']:.0f}"
                    for k in (
                        "worker_workerStarted",
                        "worker_snapshotFetched",
                        "worker_pyodideLoaded",
                        "worker_ready",
                    )
                    if k in v
                )
                or "–"
            )
            lines.append(
                f"| {key} | {kind.replace('_', ' ')} | {fcp} | {pre} | {fmt(v['ready'])} | {boot} "
                f"| {steps} |"
            )
    lines += [
        "",
        "| page | bytes until the first live result, cold (KB, median) | of which Pyodide "
        "| snapshot and wheel | theme | content |",
        "|---|---|---|---|---|---|",
    ]
    for key, visit in report["visits"].items():
        cold = visit["cold"]
        if "bytes_to_live" not in cold:
            continue
        part = {k: f"{cold[k]['median'] / 1024:,.0f}" if k in cold else "0" for k in BYTE_KEYS}
        lines.append(
            f"| {key} | {cold['bytes_to_live']['median'] / 1024:,.0f} "
            f"({cold['bytes_to_live']['median'] / 1e6:.2f} MB) | {part['bytes_pyodide']} "
            f"| {part['bytes_wheel_and_snapshot']} | {part['bytes_theme']} "
            f"| {part['bytes_content']} |"
        )
    lines += [
        "",
        "| Save-Data (navigator.connection.saveData) | state, 3 s after load | runtime bytes "
        "before the first interaction | status line | first change to live (ms) |",
        "|---|---|---|---|---|",
    ]
    for key, saving in report["save_data"].items():
        lines.append(
            f"| {key} | {saving['state_before_interaction']} "
            f"| {saving['runtime_bytes_before_interaction']} "
            f"| {saving['status_before_interaction']} | {saving['interaction_to_live_ms']:.0f} |"
        )
    lines += ["", "| target | measured | limit | met |", "|---|---|---|---|"]
    for row in report["targets"]:
        lines.append(
            f"| {row['target']} | {row['value']} | {row['limit']} | "
            f"{'yes' if row['met'] else '**no**'} |"
        )
    lines += [
        "",
        "| recompute (50 changes) | p50 (ms) | p95 (ms) | max (ms) |",
        "|---|---|---|---|",
    ]
    for name, r in report["recompute"].items():
        lines.append(f"| {name} | {r['p50']} | {r['p95']} | {r['max']} |")
    nav = report["navigation"]["training_cost_to_token_kpi_ms"]
    lines += [
        "",
        f"Instant navigation, training cost to token-KPI page, to live: "
        f"{nav['median']:.0f} ms ({nav['min']:.0f}–{nav['max']:.0f}), no second boot.",
        "",
        "| page (cold) | "
        + " | ".join(["pyodide", "wheel_and_snapshot", "plotly", "theme", "content", "total"])
        + " |",
        "|---|---|---|---|---|---|---|",
    ]
    for page, sizes in report["bytes"].items():
        cells = [
            f"{sizes.get(k, 0):,.0f}"
            for k in ("pyodide", "wheel_and_snapshot", "plotly", "theme", "content", "total")
        ]
        lines.append(f"| {page} (KB) | " + " | ".join(cells) + " |")
    scaling = report["scaling"]
    lines += [
        "",
        "| token_kpi size | person-days | native (ms) | Pyodide (ms) |",
        "|---|---|---|---|",
    ]
    for nat, pyo in zip(scaling["native"]["scaling"], scaling["pyodide"]["scaling"], strict=True):
        lines.append(
            f"| {nat['employees']} × {nat['days']} | {nat['person_days']:,} | "
            f"{nat['median']:.1f} | {pyo['median']:.1f} |"
        )
    fit = scaling["pyodide_fit"]
    lines += [
        "",
        f"Pyodide fit: {fit['ms_per_1000_person_days']} ms per 1,000 person-days, "
        f"log-log slope {fit['loglog_exponent']} (1 = linear).",
        "",
    ]
    in_pyodide = scaling["pyodide"]["defaults"]
    defaults = ", ".join(
        f"{name} {v['median']:.2f} ms native / {in_pyodide[name]['median']:.2f} ms Pyodide"
        for name, v in scaling["native"]["defaults"].items()
    )
    lines.append(f"run() with defaults: {defaults}.")
    if LEVERS.exists():  # what was tried, in numbers (hand-written, kept with the bench)
        lines += ["", LEVERS.read_text("utf-8").strip()]
    return "\n".join(lines) + "\n"


def main() -> int:
    with tempfile.TemporaryDirectory() as scratch:
        site = Path(scratch) / "site"
        site.mkdir()
        # Time the build from scratch, snapshot included (no cached snapshot).
        os.environ["SNAPSHOT_CACHE_DIR"] = str(Path(scratch) / "snapshots")
        with serve(site, compress=True) as base:
            started = time.perf_counter()
            done = build_site(site, site_url=base)
            build_seconds = time.perf_counter() - started
            if done.returncode != 0:
                print(done.stdout + done.stderr)
                return 1
            (site / "_bench").mkdir()
            shutil.copy(ROOT / "bench" / "bare.html", site / "_bench" / "bare.html")
            # The site ships a trimmed standard library; the bare page loads Pyodide's own.
            shutil.copy(
                ROOT / "node_modules" / "pyodide" / "python_stdlib.zip",
                site / "assets" / "pyodide" / "python_stdlib.zip",
            )
            _prime_compression(site, base)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                report: dict[str, Any] = {
                    "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
                    "machine": _machine(),
                    "runs": RUNS,
                    "build_s": round(build_seconds, 1),
                    "visits": measure_visits(browser, base),
                    "save_data": measure_save_data(browser, base),
                    "recompute": measure_recompute(browser, base),
                    "navigation": measure_navigation(browser, base),
                    "bytes": measure_bytes(browser, base),
                }
                browser.close()
            report["scaling"] = measure_scaling(site)
    report["targets"] = _targets(report)
    out = ROOT / "bench"
    (out / "report.json").write_text(json.dumps(report, indent=2) + "\n")
    (out / "report.md").write_text(_markdown(report))
    print(_markdown(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
