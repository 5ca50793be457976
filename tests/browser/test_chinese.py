"""The Chinese edition in a real browser: language menu, explorables, URL state, embeds,
tokenizer and search, all in Chinese and equal to native run(lang="zh")."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlencode

import pytest
from playwright.sync_api import Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

import calculators
from calculators._data import load
from tests.support import CALCULATOR_PAGES, SECTION_PAGES

from .conftest import Watch
from .helpers import READY_TIMEOUT_MS, native, outputs_of, root, values_of, wait_for_outputs

SEARCHES = {  # a term from each section, as a Chinese reader would type it
    "argument/money/": "算力",
    "argument/tokens/": "代币",
    "argument/fanboys/": "贷款",
    "argument/cooling-down/": "降温",
    "argument/for-you/": "预算",
}


def _equal_to_native_zh(page: Page, widget: Locator, name: str) -> dict[str, Any]:
    for _ in range(200):
        expected = native(name, values_of(widget), "zh")
        shown = outputs_of(widget)
        if shown and all(text == expected["display"][key] for key, (_v, text) in shown.items()):
            return expected
        page.wait_for_timeout(100)
    raise AssertionError(f"never equal to run(lang='zh'): {shown} vs {expected['display']}")


def test_language_menu_lands_on_the_same_page_after_instant_navigation(
    page: Page, watch: Watch, site_url: str
) -> None:
    page.goto(site_url + SECTION_PAGES[0])
    # Move on by instant navigation: the menu must follow the page, not the first one.
    page.locator("a.md-footer__link--next").click()
    expect(page).to_have_url(site_url + SECTION_PAGES[1])
    chinese = page.locator('.md-select__link[hreflang="zh"]')
    expect(chinese).to_have_attribute("href", site_url + "zh/" + SECTION_PAGES[1])
    page.locator(".md-header__option .md-select").hover()
    chinese.click()
    expect(page).to_have_url(site_url + "zh/" + SECTION_PAGES[1])
    expect(page.locator("html")).to_have_attribute("lang", "zh")
    expect(page.locator(".md-search__input")).to_have_attribute("placeholder", re.compile("搜索"))
    english = page.locator('.md-select__link[hreflang="en"]')
    expect(english).to_have_attribute("href", site_url + SECTION_PAGES[1])
    watch.assert_clean()


@pytest.mark.parametrize("path", SECTION_PAGES)
def test_chinese_explorables_move_with_their_sliders(
    page: Page, watch: Watch, site_url: str, path: str
) -> None:
    page.goto(site_url + "zh/" + path)
    for widget in page.locator('[data-view="explore"]').all():
        name = widget.get_attribute("data-calculator") or ""
        widget.scroll_into_view_if_needed()
        expect(widget).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT_MS)
        expect(widget.locator(".calc-status")).to_have_text(re.compile("[\u4e00-\u9fff]"))
        sentence = widget.locator(".explore-sentence")
        before = sentence.text_content() or ""
        assert re.search("[\u4e00-\u9fff]", before), before
        slider = widget.locator("input[type=range]").first
        slider.focus()
        at_top = slider.evaluate("(el) => Number(el.value) >= Number(el.max)")
        page.keyboard.press("ArrowLeft" if at_top else "ArrowRight")
        expect(sentence).not_to_have_text(before)
        _equal_to_native_zh(page, widget, name)
    watch.assert_clean()


def test_chinese_url_state_and_errors(page: Page, watch: Watch, site_url: str) -> None:
    query = urlencode({"params": "7000亿", "tokens": "１.４万亿", "mfu": "170%"})
    page.goto(site_url + "zh/" + CALCULATOR_PAGES["training_cost"] + "?" + query)
    calculator = root(page, "training_cost")
    expect(calculator).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT_MS)
    expect(calculator.locator('[name="params"]')).to_have_value("7000亿")
    error = calculator.locator('[data-field="mfu"] .calc-error')
    expect(error).to_be_visible()
    expect(error).to_contain_text("MFU")
    assert re.search("[\u4e00-\u9fff]", error.text_content() or "")
    calculator.locator('[name="mfu"]').fill("40%")
    values = {
        name: calculator.locator(f'[name="{name}"]').input_value()
        for name in ("params", "tokens", "mfu")
    }
    expected = native("training_cost", {**values}, "zh")
    assert expected["inputs"]["params"] == 7e11
    assert expected["inputs"]["tokens"] == 1.4e12
    wait_for_outputs(page, "training_cost", native("training_cost", _form(calculator), "zh"))
    watch.assert_clean()


def _form(calculator: Locator) -> dict[str, str]:
    return {
        str(element.get_attribute("name")): element.input_value()
        for element in calculator.locator("form [name]").all()
    }


def test_copy_embed_on_a_chinese_page_gives_the_chinese_embed(
    page: Page, watch: Watch, site_url: str
) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(site_url + "zh/" + CALCULATOR_PAGES["roi"])
    calculator = root(page, "roi")
    calculator.locator('[data-action="copy-embed"]').click()
    copied = calculator.locator(".calc-copied")
    # The snippet is written once the clipboard has taken it (a promise): wait for it.
    expect(copied).to_have_attribute("data-copied", re.compile(r"^<iframe src="))
    snippet = copied.get_attribute("data-copied") or ""
    src = re.search(r'src="([^"]+)"', snippet)
    assert src, snippet
    assert "/zh/embed/roi/" in src[1], snippet
    page.goto(src[1].replace("&amp;", "&"))
    embed = root(page, "roi")
    expect(page.locator("html")).to_have_attribute("lang", "zh")
    expect(embed).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT_MS)
    embed.locator('[name="monthly_benefit"]').fill("2万")
    wait_for_outputs(page, "roi", native("roi", _form(embed), "zh"))
    assert calculators.run("roi", _form(embed))["inputs"]["monthly_benefit"] == 20_000
    watch.assert_clean()


def test_chinese_tokenizer_starts_from_the_chinese_sample(page: Page, site_url: str) -> None:
    chinese = load("token_samples.json")["samples"]["zh"]["text"]
    page.goto(site_url + "zh/argument/tokens/")
    widget = page.locator("[data-tokenizer]")
    expect(widget.locator('textarea[name="text"]')).to_have_value(chinese)
    widget.scroll_into_view_if_needed()
    expect(widget).to_have_attribute("data-state", "ready", timeout=30_000)
    expect(widget.locator('[data-output="char_count"]')).to_have_attribute(
        "data-value", str(len(chinese))
    )
    expect(widget.locator(".tokenizer-status")).to_have_text(re.compile("[\u4e00-\u9fff]"))
    expect(widget.locator('[data-output="cost_usd"]')).to_have_text(re.compile("美元$"))


@pytest.mark.parametrize(("path", "term"), SEARCHES.items())
def test_chinese_search_finds_each_section(page: Page, site_url: str, path: str, term: str) -> None:
    page.goto(site_url + "zh/")
    page.keyboard.press("/")  # the theme's search shortcut
    box = page.locator(".md-search__input")
    expect(box).to_be_focused()
    results = page.locator(".md-search-result__item a")
    # A query typed while the search worker still loads its index is dropped: type again.
    for _ in range(8):
        box.fill("")
        box.fill(term)
        try:
            results.first.wait_for(state="visible", timeout=4_000)
            break
        except PlaywrightTimeout:
            continue
    expect(results.first).to_be_visible()
    hrefs = [a.get_attribute("href") or "" for a in results.all()]
    assert any(f"zh/{path}" in href for href in hrefs), (term, hrefs)
