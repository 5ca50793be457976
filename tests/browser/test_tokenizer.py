"""The tokenizer widget: the browser's token ids equal tiktoken's, under the strict policy."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.support import load_hook_module, serve

from .conftest import Watch
from .test_accessibility import AXE
from .test_security import LISTEN_FOR_VIOLATIONS, _site_headers

PAGES = ["argument/tokens/", "calculators/token-kpi/"]
LONE = "\ue000LONE\ue000"  # stands for a lone surrogate, which cannot cross into the page as JSON
RECORD_LONG_TASKS = """
window.__longTasks = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    window.__longTasks.push([Math.round(entry.startTime), Math.round(entry.duration)]);
  }
}).observe({ type: "longtask", buffered: true });
"""


NATIVE = load_hook_module("measure_tokens")


def _random_strings(count: int) -> list[str]:
    rng = random.Random(1234)
    alphabet = [
        *"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'’.,;:!?-",
        *[" ", "  ", "\t", "\n", "\r\n", "\u00a0", "\u3000", "'s", "'LL", " don't"],
        *"的是不了人我在有他这中大来上国",
        *["😀", "👍🏽", "🇫🇷", "👨‍👩‍👧", "e\u0301", "\u0308", "ß", "Ω", "ж", "ع", "क"],
    ]
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 60))) for _ in range(count)]


SAMPLES = NATIVE.texts()
SAMPLES_EN = NATIVE.json.loads(NATIVE.SAMPLES.read_text("utf-8"))["samples"]["en"]["text"]
STRINGS = [
    "Hello, world! It's a TEST: don't WE'LL you've 1234567 tokens?",
    SAMPLES["zh"]["text"],
    "👨‍👩‍👧‍👦 family, 🇫🇷🇯🇵 flags, ❤️‍🔥 heart on fire, 👍🏽 thumbs, 🤖 robot",
    " " * 64 + "x" + "\t" * 17 + "y" + " " * 40 + "z",
    "line one\r\nline two\r\n\r\n  indented\rcarriage\n\n\n",
    "Special text <|endoftext|> and <|fim_prefix|> are ordinary here.",
    f"before {LONE} after",
    "def f(x):\n    return x ** 2  # code\n",
    *_random_strings(24),
]


def _as_textarea_keeps(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _tokenize(page: Page, text: str) -> dict[str, Any]:
    """Put `text` in the first widget as a reader would and read back what it shows."""
    widget = page.locator("[data-tokenizer]").first
    widget.evaluate(
        """(root, [text, lone]) => {
            const value = text.split(lone).join("\\ud800");
            root.dataset.state = "pending";
            const area = root.querySelector("textarea");
            area.value = value;
            area.dispatchEvent(new Event("input", { bubbles: true }));
        }""",
        [text, LONE],
    )
    expect(widget).to_have_attribute("data-state", "ready", timeout=30_000)
    # A textarea keeps every line break as LF (HTML normalises CR LF and CR): read back
    # what the reader's text became, lone surrogates marked.
    shown: dict[str, Any] = widget.evaluate(
        """(root, lone) => ({
            ids: [...root.querySelectorAll("[data-token-ids]")]
                .flatMap((el) => el.dataset.tokenIds.split(" ").map(Number)),
            token_count: Number(root.querySelector('[data-output="token_count"]').dataset.value),
            char_count: Number(root.querySelector('[data-output="char_count"]').dataset.value),
            chars_per_token: root.querySelector('[data-output="chars_per_token"]').dataset.value,
            text: root.querySelector("textarea").value.replace(/\\p{Surrogate}/gu, lone),
        })""",
        LONE,
    )
    shown["text"] = shown["text"].replace(LONE, "\ud800")
    return shown


def _choose(page: Page, encoding: str) -> None:
    widget = page.locator("[data-tokenizer]").first
    widget.evaluate('(root) => { root.dataset.state = "pending"; }')
    widget.locator('select[name="encoding"]').select_option(encoding)
    expect(widget).to_have_attribute("data-state", "ready", timeout=30_000)


@pytest.mark.parametrize("encoding", ["o200k_base", "cl100k_base"])
def test_tokenizer_ids_and_counts_equal_native_tiktoken(
    page: Page, watch: Watch, site_url: str, encoding: str
) -> None:
    page.goto(site_url + "argument/tokens/")
    widget = page.locator("[data-tokenizer]").first
    widget.scroll_into_view_if_needed()
    expect(widget).to_have_attribute("data-state", "ready", timeout=30_000)
    _choose(page, encoding)
    native = NATIVE.local_encoding(encoding)
    mismatches = []
    for text in STRINGS:
        shown = _tokenize(page, text)
        assert shown["text"] == _as_textarea_keeps(text.replace(LONE, "\ud800"))
        expected = native.encode_ordinary(shown["text"])
        characters = len(shown["text"])
        if (
            shown["ids"] != expected
            or shown["token_count"] != len(expected)
            or shown["char_count"] != characters
            or float(shown["chars_per_token"]) != pytest.approx(characters / len(expected))
        ):
            mismatches.append((text[:40], shown, expected))
    assert mismatches == []
    watch.assert_clean()


def test_tokenizer_is_on_its_pages_and_starts_with_a_sample(page: Page, site_url: str) -> None:
    for path in PAGES:
        page.goto(site_url + path)
        widget = page.locator("[data-tokenizer]")
        expect(widget).to_have_count(1)
        expect(widget.locator('select[name="encoding"] option')).to_have_count(2)
        expect(widget.locator('select[name="encoding"]')).to_have_value("o200k_base")
        expect(widget.locator('textarea[name="text"]')).to_have_value(SAMPLES_EN)
        widget.scroll_into_view_if_needed()
        expect(widget).to_have_attribute("data-state", "ready", timeout=30_000)
        expect(widget.locator("[data-token-ids]").first).to_be_visible()
        widget.locator("[data-sample='zh']").click()
        expect(widget.locator('[data-output="char_count"]')).to_have_attribute(
            "data-value", str(len(SAMPLES["zh"]["text"])), timeout=30_000
        )


PASTE_LINE = "The quick brown fox jumps over the lazy dog. 狐狸 🦊\n"


def test_tokenizer_keeps_a_megabyte_paste_and_the_page_responsive(
    page: Page, site_url: str
) -> None:
    # Only the tokenizer's own work is measured: the page's calculator (Python, plotly.js)
    # has long tasks of its own, which other tests and the benchmark watch.
    page.context.route("**/assets/pyodide/**", lambda route: route.abort())
    page.context.route("**/assets/vendor/plotly*", lambda route: route.abort())
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.add_init_script(RECORD_LONG_TASKS)
    page.goto(site_url + "argument/tokens/")
    widget = page.locator("[data-tokenizer]").first
    widget.scroll_into_view_if_needed()
    expect(widget).to_have_attribute("data-state", "ready", timeout=30_000)
    page.wait_for_timeout(1000)
    page.evaluate("() => { window.__longTasks = []; }")
    widget.locator("textarea").focus()
    widget.locator("textarea").evaluate("(area) => area.select()")
    # A real paste: the browser's paste event with the text on its clipboard data.
    widget.evaluate(
        """(root, line) => {
            const data = new DataTransfer();
            data.setData("text/plain", line.repeat(20000));
            window.__pastedAt = Math.round(performance.now());
            root.dataset.state = "pending";
            const area = root.querySelector("textarea");
            const paste = new ClipboardEvent("paste", { clipboardData: data, cancelable: true });
            if (area.dispatchEvent(paste)) area.value = line.repeat(20000);  // not handled
        }""",
        PASTE_LINE,
    )
    expect(widget).to_have_attribute("data-state", "ready", timeout=60_000)
    page.wait_for_timeout(500)
    whole = PASTE_LINE * 20000
    expect(widget.locator(".tokenizer-status")).to_contain_text("only the first 20,000")
    expect(widget.locator('[data-output="char_count"]')).to_have_attribute("data-value", "20000")
    assert widget.get_attribute("data-text-length") == str(len(whole))
    shown = widget.locator("textarea").evaluate("(area) => area.value")
    assert whole.startswith(shown)
    long_tasks = page.evaluate("() => window.__longTasks")
    pasted_at = page.evaluate("() => window.__pastedAt")
    assert [t for t in long_tasks if t[1] > 200] == [], (pasted_at, long_tasks)
    # Nothing is lost: the whole text is one click away, as pasted.
    widget.locator("[data-action='copy-text']").click()
    expect(widget.locator(".tokenizer-status")).to_contain_text("Copied your whole text")
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert copied == whole


def test_tokenizer_under_the_shipped_policy_has_no_violation(
    browser: Browser, built_site: Path
) -> None:
    headers = _site_headers(built_site)
    with serve(built_site, headers=headers) as url:
        context = browser.new_context()
        context.add_init_script(LISTEN_FOR_VIOLATIONS)
        page = context.new_page()
        for path in PAGES:
            page.goto(url + path)
            widget = page.locator("[data-tokenizer]").first
            widget.scroll_into_view_if_needed()
            expect(widget).to_have_attribute("data-state", "ready", timeout=30_000)
            _choose(page, "cl100k_base")
            page.wait_for_timeout(300)
            assert page.evaluate("() => window.__violations") == []
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_tokenizer_with_its_tokens_shown_passes_axe(page: Page, site_url: str, scheme: str) -> None:
    page.emulate_media(color_scheme=scheme)
    page.context.route("**/assets/pyodide/**", lambda route: route.abort())
    for path in PAGES:
        page.goto(site_url + path)
        widget = page.locator("[data-tokenizer]").first
        widget.scroll_into_view_if_needed()
        expect(widget).to_have_attribute("data-state", "ready", timeout=30_000)
        page.add_script_tag(path=str(AXE))
        found = page.evaluate(
            """async () => {
                const r = await axe.run("[data-tokenizer]", {resultTypes: ["violations"]});
                return r.violations.map((v) => ({
                    id: v.id, impact: v.impact,
                    nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
                }));
            }"""
        )
        assert [v for v in found if v["impact"] in ("serious", "critical")] == [], (path, found)


@pytest.mark.parametrize("encoding", ["o200k_base", "cl100k_base"])
def test_tokenizer_worker_equals_native_on_text_a_textarea_would_change(
    page: Page, site_url: str, encoding: str
) -> None:
    # CR LF and lone CR never reach the worker from a textarea; the engine must still agree.
    page.goto(site_url + "argument/tokens/")
    shown = page.evaluate(
        """async ([texts, encoding, lone]) => {
            const worker = new Worker(new URL("../../assets/js/tokenizer-worker.mjs",
                                              location.href), { type: "module" });
            const ask = (id, text) => new Promise((resolve) => {
                const listen = ({ data }) => {
                    if (data.id !== id) return;
                    worker.removeEventListener("message", listen);
                    resolve(data.result ? data.result.ids : data.error);
                };
                worker.addEventListener("message", listen);
                worker.postMessage({ id, text: text.split(lone).join("\\ud800"), encoding });
            });
            const answers = [];
            for (const [index, text] of texts.entries()) answers.push(await ask(index, text));
            worker.terminate();
            return answers;
        }""",
        [STRINGS, encoding, LONE],
    )
    native = NATIVE.local_encoding(encoding)
    expected = [native.encode_ordinary(text.replace(LONE, "\ud800")) for text in STRINGS]
    assert shown == expected
