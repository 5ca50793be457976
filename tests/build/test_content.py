"""The argument's pages: calculators embedded, claim boxes computed by the package, data tables."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

import calculators
from calculators import claims, gpu_finance, training_cost

SECTIONS = {
    "argument/money/": "training_cost",
    "argument/tokens/": "token_kpi",
    "argument/fanboys/": "gpu_finance",
    "argument/cooling-down/": "roi",
    "argument/for-you/": "roi",
}
# Names and dates may hold digits; quantities may not, unless the package made them.
NAMES_AND_DATES = re.compile(
    r"GPT-\d|Llama \d(\.\d)? \d+B|A100s?|H100s?|H800s?|V100s?|DeepSeek-V\d"
    r"|(January|February|March|April|May|June|July|August|September|October|November"
    r"|December) \d{4}|end of \d{4}|prices of (early|late) \d{4}"
    r"|\d{4}\s*年(\s*\d{1,2}\s*月)?(初|底|末)?"  # Chinese dates: 2024年5月, 2023年初
)
EDITIONS = {"en": "", "zh": "zh/"}  # package language -> where its pages live


class _Claims(HTMLParser):
    """Splits each claim box into: figures, and the text outside figures, quotes and details."""

    def __init__(self) -> None:
        super().__init__()
        self.boxes: dict[str, dict[str, object]] = {}
        self._stack: list[str] = []
        self._box: dict[str, object] | None = None
        self._skip = 0
        self._figure: str | None = None
        self._figure_value: str | None = None
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "aside" and attributes.get("data-claim"):
            self._box = {"free_text": "", "figures": [], "links": []}
            self.boxes[attributes["data-claim"] or ""] = self._box
            self._depth = 0
        if self._box is None:
            return
        if tag == "aside":
            self._depth += 1
        if tag in ("blockquote", "details"):
            self._skip += 1
        if tag == "a":
            self._box["links"].append(attributes.get("href"))  # type: ignore[attr-defined]
        if "data-figure" in attributes:
            self._figure = attributes["data-figure"]
            self._figure_value = attributes.get("data-value")
            self._box["figures"].append([self._figure, self._figure_value, ""])  # type: ignore[attr-defined]

    def handle_endtag(self, tag: str) -> None:
        if self._box is None:
            return
        if tag in ("blockquote", "details"):
            self._skip -= 1
        if tag == "strong":
            self._figure = None
        if tag == "aside":
            self._depth -= 1
            if self._depth == 0:
                self._box = None

    def handle_data(self, data: str) -> None:
        if self._box is None:
            return
        if self._figure is not None:
            self._box["figures"][-1][2] += data  # type: ignore[index]
        elif not self._skip:
            self._box["free_text"] = str(self._box["free_text"]) + data


def _claim_boxes(site: Path, lang: str = "en") -> dict[str, dict[str, object]]:
    """Claim boxes of one edition's pages, by claim id."""
    found: dict[str, dict[str, object]] = {}
    for path in site.rglob("*.html"):
        page = path.relative_to(site).as_posix()
        if page.startswith("zh/") != (lang == "zh"):
            continue
        parser = _Claims()
        parser.feed(path.read_text("utf-8"))
        for key, box in parser.boxes.items():
            found[key] = {**box, "page": page.removeprefix(EDITIONS[lang])}
    return found


@pytest.mark.parametrize("edition", EDITIONS.values())
@pytest.mark.parametrize(("page", "name"), SECTIONS.items())
def test_every_section_exists_and_embeds_its_calculator(
    built_site: Path, page: str, name: str, edition: str
) -> None:
    text = (built_site / edition / page / "index.html").read_text("utf-8")
    assert f'data-calculator="{name}"' in text
    assert "data-claim=" in text, f"{page} has no claim check"


@pytest.mark.parametrize("lang", EDITIONS)
def test_every_claim_is_on_a_page_with_package_numbers_and_sources(
    built_site: Path, lang: str
) -> None:
    boxes = _claim_boxes(built_site, lang)
    assert set(boxes) == set(claims.names())
    for claim_id, box in boxes.items():
        checked = claims.check(claim_id, lang)
        assert box["page"].startswith("argument/"), box["page"]
        expected = {f["key"]: f for f in checked["figures"]}
        expected_factor = checked["factor"]
        shown = box["figures"]
        assert shown, claim_id
        for key, raw, text in shown:  # type: ignore[attr-defined]
            if key == "factor":
                from calculators._format import format_value

                assert text == format_value(expected_factor, "number", lang), claim_id
                continue
            assert text == expected[key]["display"], (claim_id, key)
            assert (json.loads(raw) if raw else None) == expected[key]["value"], (claim_id, key)
        # Every figure is traceable: a calculator link or a published source.
        links = box["links"]
        for figure in checked["figures"]:
            if figure["kind"] == "computed":
                assert any(f"preset={figure['preset']}" in (link or "") for link in links)
            elif figure["source"] is not None:
                assert figure["source"]["url"] in links
        for source in checked["sources"]:
            assert source["url"] in links


@pytest.mark.parametrize("lang", EDITIONS)
def test_claim_boxes_hold_no_number_typed_by_hand(built_site: Path, lang: str) -> None:
    for claim_id, box in _claim_boxes(built_site, lang).items():
        text = NAMES_AND_DATES.sub("", str(box["free_text"]))
        assert not re.search(r"\d", text), (claim_id, re.findall(r".{20}\d.{20}", text))


def test_methodology_lists_every_catalogue_row_with_source_and_date(built_site: Path) -> None:
    text = (built_site / "methodology" / "index.html").read_text("utf-8")
    tables = re.findall(r"<table>.*?</table>", text, re.S)
    gpu_table = next(t for t in tables if "Accelerator catalogue" in t)
    rows = re.findall(r"<tr>(.*?)</tr>", gpu_table, re.S)[1:]
    assert len(rows) == len(training_cost.catalogue())
    for (key, gpu), row in zip(training_cost.catalogue().items(), rows, strict=True):
        assert f"<code>{key}</code>" in row
        assert gpu["spec_source"]["url"] in row
        assert gpu["spec_source"]["as_of"] in row
    runs_table = next(t for t in tables if "Reported training runs" in t)
    for key, run in training_cost.reported_runs().items():
        assert f"<code>{key}</code>" in runs_table
        assert run["as_of"] in runs_table
        for source in run["sources"]:
            assert source["url"] in runs_table
    assert text.count("Why this default") == len(calculators.names())  # one per calculator


def test_methodology_lists_every_gpu_finance_figure_with_source_and_date(
    built_site: Path,
) -> None:
    text = (built_site / "methodology" / "index.html").read_text("utf-8")
    tables = re.findall(r"<table>.*?</table>", text, re.S)
    figures_table = next(t for t in tables if "GPU finance figures" in t)
    for key, figure in gpu_finance.figures().items():
        rows = re.findall(r"<tr>(.*?)</tr>", figures_table, re.S)
        row = next(r for r in rows if f"<code>{key}</code>" in r)
        assert figure["source"]["url"] in row, key
        assert figure["as_of"] in row, key
        assert figure["kind"] in row, key
    history = next(t for t in tables if "H100 rental prices over time" in t)
    for point in gpu_finance.rental_history():
        assert point["date"] in history
        assert point["source"]["url"] in history


def test_glossary_and_citation(built_site: Path) -> None:
    glossary = (built_site / "glossary" / "index.html").read_text("utf-8")
    terms = ("Token", "FLOP", "MFU", "PUE", "TDP", "NPV", "IRR", "Payback", "Goodhart")
    terms += ("Annuity payment", "Utilisation", "Colocation", "Resale value", "Runway")
    terms += ("Break-even utilisation",)
    for term in terms:
        assert f"<dt>{term}" in glossary, term
    about = (built_site / "about" / "index.html").read_text("utf-8")
    bibtex = re.sub(r"<[^>]+>", "", about)  # the block is syntax-highlighted
    assert "@misc{ai_reality_check," in bibtex
    assert "CC BY 4.0" in about
    assert "MIT License" in about
