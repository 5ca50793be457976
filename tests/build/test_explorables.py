"""Explorables on every argument page, full calculators organised for readers, the home page."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

import calculators
from tests.support import CALCULATOR_PAGES, SECTION_PAGES, build_page

_EXPLORE = re.compile(r'<section class="calc calc--explore".*?</section>', re.S)
_FULL = re.compile(r'<section class="calc" data-calculator=.*?</section>', re.S)


class _Widget(HTMLParser):
    """One calculator root: its controls, sliders, outputs (and whether they sit in prose)."""

    def __init__(self) -> None:
        super().__init__()
        self.root: dict[str, str | None] = {}
        self.visible: list[str] = []
        self.hidden: dict[str, str] = {}
        self.values: dict[str, str] = {}
        self.sliders: list[dict[str, str | None]] = []
        self.outputs: dict[str, tuple[str, str]] = {}
        self.in_sentence: list[str] = []
        self.advanced_fields: list[str] = []
        self.advanced_open: bool | None = None
        self._stack: list[str] = []
        self._output: str | None = None
        self._sentence = False
        self._advanced = False
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "section" and not self.root:
            self.root = a
        if tag == "p" and "explore-sentence" in (a.get("class") or ""):
            self._sentence = True
        if tag == "details" and "calc-advanced" in (a.get("class") or ""):
            self._advanced = True
            self.advanced_open = "open" in a
        if tag == "input" and a.get("type") == "range":
            self.sliders.append(a)
        elif tag in ("input", "select") and a.get("name"):
            self._control(tag, a)
        if tag == "option" and self._select is not None and "selected" in a:
            self.values[self._select] = a.get("value") or ""
        if "data-output" in a and "data-value" in a:
            self._output = a["data-output"]
            self.outputs[self._output or ""] = (a["data-value"] or "", "")
            if self._sentence:
                self.in_sentence.append(self._output or "")
        self._stack.append(tag)

    def _control(self, tag: str, a: dict[str, str | None]) -> None:
        name = a["name"] or ""
        if a.get("type") == "hidden":
            self.hidden[name] = a.get("value") or ""
        else:
            self.visible.append(name)
        if tag == "input":
            self.values[name] = a.get("value") or ""
        else:
            self._select = name
        if self._advanced:
            self.advanced_fields.append(name)

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        if tag == "details":
            self._advanced = False
        if tag == "p":
            self._sentence = False
        if tag in ("span", "strong", "dd"):
            self._output = None

    def handle_data(self, data: str) -> None:
        if self._output is not None:
            raw, text = self.outputs[self._output]
            self.outputs[self._output] = (raw, text + data)


def _widgets(html: str, pattern: re.Pattern[str]) -> list[_Widget]:
    found = []
    for block in pattern.findall(html):
        widget = _Widget()
        widget.feed(block)
        found.append(widget)
    return found


def _assert_equal_to_native(widget: _Widget) -> None:
    name = widget.root["data-calculator"] or ""
    expected = calculators.run(name, widget.values)
    assert expected["ok"], expected
    assert widget.outputs
    for output, (raw, text) in widget.outputs.items():
        want = expected["outputs"][output]
        assert (json.loads(raw) if raw else None) == want, output
        assert text == expected["display"][output], output


@pytest.mark.parametrize("page", SECTION_PAGES)
def test_every_argument_page_has_an_explorable(built_site: Path, page: str) -> None:
    html = (built_site / page / "index.html").read_text("utf-8")
    widgets = _widgets(html, _EXPLORE)
    assert widgets, f"{page} has no explorable"
    for widget in widgets:
        name = widget.root["data-calculator"] or ""
        assert widget.root["data-view"] == "explore"
        fields = [f["name"] for f in calculators.schema(name)["fields"]]
        assert 1 <= len(widget.visible) <= 3, widget.visible
        assert widget.sliders, "an explorable has at least one slider"
        assert sorted(widget.visible + list(widget.hidden)) == sorted(fields)
        for slider in widget.sliders:
            assert slider["data-slider-for"] in widget.visible
            assert slider["aria-valuetext"]
        assert widget.in_sentence, "a live number sits inside the sentence"
        _assert_equal_to_native(widget)


@pytest.mark.parametrize("name", calculators.names())
def test_full_calculators_show_main_fields_first_and_headlines(built_site: Path, name: str) -> None:
    html = (built_site / CALCULATOR_PAGES[name] / "index.html").read_text("utf-8")
    (widget,) = _widgets(html, _FULL)
    described = calculators.schema(name)
    assert widget.root["data-view"] == "full"
    advanced = [f["name"] for f in described["fields"] if f["group"] == "advanced"]
    assert widget.advanced_fields == advanced
    assert widget.advanced_open is False, "More assumptions is closed by default"
    headline_block = html[html.index('class="calc-outputs calc-headlines"') :]
    headline_block = headline_block[: headline_block.index("</dl>")]
    headlines = re.findall(r'data-output="(\w+)"', headline_block)
    assert headlines == [o["name"] for o in described["outputs"] if o["headline"]]
    _assert_equal_to_native(widget)


def test_home_page_states_the_thesis_and_a_number_per_section(built_site: Path) -> None:
    html = (built_site / "index.html").read_text("utf-8")
    assert 'class="thesis"' in html
    figure = re.search(r'class="thesis-figure".*?data-value="([^"]+)"', html, re.S)
    assert figure
    assert float(figure[1]) > 0
    cards = re.findall(r'<div class="section-card">(.*?)</div>', html, re.S)
    assert len(cards) == len(SECTION_PAGES)
    for card, page in zip(cards, SECTION_PAGES, strict=True):
        assert page.rstrip("/").split("/")[-1] in card
        assert re.search(r'data-figure="\w+" data-value="-?[\d.e+-]+"', card), card


@pytest.mark.parametrize(
    ("marker", "message"),
    [
        ("<!-- explore: roi fields=nope -->\nA {npv_usd}.\n<!-- /explore -->", "unknown field"),
        ("<!-- explore: roi fields=monthly_cost -->\nA {bogus}.\n<!-- /explore -->", "bogus"),
        ("<!-- explore: roi fields=a,b,c,d -->\nA.\n<!-- /explore -->", "1 to 3 fields"),
    ],
)
def test_a_bad_explorable_fails_the_build(tmp_path: Path, marker: str, message: str) -> None:
    done = build_page(tmp_path, marker)
    assert done.returncode != 0
    assert message in done.stdout + done.stderr
