"""The Chinese edition: every page in both languages, linked both ways, and no English left
in what the calculators, claim boxes and tokenizer show on a Chinese page."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import pytest

import calculators
from site_hooks import i18n_catalog
from tests.support import ALL_PAGES, CALCULATOR_PAGES, ROOT

DOCS = ROOT / "site_src"
# Words that stay as they are in Chinese text: names, units, codes.
KEPT_WORDS = re.compile(
    r"\b(GPU|GPUs|CPU|API|token|tokens|KPI|MFU|PUE|TDP|FLOPs?|FLOP/s|BF16|FP16|FP8|NVIDIA|AMD"
    r"|Google|TPU|SXM|PCIe|OAM|HGX|DGX|A100|H100|H800|H200|B200|MI300X|V100|GPT|Llama|BLOOM"
    r"|DeepSeek|Epoch|AI|CSV|JSON|Python|Pyodide|Spearman|IRR|NPV|ROI|MWh|kWh|Wh|kW|W|GB|USD"
    r"|CO2e|CO₂e|gCO2e|tCO2e|Gemini|Chinchilla|EcoLogits|o200k_base|cl100k_base|Meta|OpenAI"
    r"|Mixtral|Claude|MoE|Brynjolfsson|Li|Raymond|Peng|et|al|Inspur|Run|RunPod|Lambda"
    r"|FluidStack|CoreWeave|Crusoe|CBRE|Gartner|MIT|NANDA|a16z|Uptime|Intelligence|EIA|SBA"
    r"|BoaviztAPI|AWS|Azure|MMLU|vLLM|ML|ENERGY|Jean|Zay|Luccioni|Patterson|Latitude|sh"
    r"|MosaicML|x|gpt-tokenizer|tiktoken|Chromium|DeepSeek-V3)\b"
)
# Three English words in a row is prose that was not translated.
ENGLISH_RUN = re.compile(r"[A-Za-z]{2,}(?:[ ,'-]+[A-Za-z]{2,}){2,}")
WIDGETS = ("calc", "claim", "tokenizer", "trend")  # class names of what the package renders


def _english_pages() -> list[Path]:
    return sorted(path for path in DOCS.rglob("*.md") if not path.name.endswith(".zh.md"))


def test_every_page_is_written_in_both_languages() -> None:
    english = {path.relative_to(DOCS).as_posix() for path in _english_pages()}
    chinese = {
        path.relative_to(DOCS).as_posix().replace(".zh.md", ".md") for path in DOCS.rglob("*.zh.md")
    }
    assert english - chinese == set(), "pages without a Chinese version"
    assert chinese - english == set(), "Chinese pages without an English original"


class _Head(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.lang = ""
        self.alternates: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "html":
            self.lang = values.get("lang") or ""
        if tag == "link" and values.get("rel") == "alternate" and values.get("hreflang"):
            self.alternates[values["hreflang"] or ""] = values.get("href") or ""


def _head(site: Path, page: str) -> _Head:
    parser = _Head()
    parser.feed((site / page / "index.html").read_text("utf-8"))
    return parser


@pytest.mark.parametrize("page", ALL_PAGES)
def test_each_page_and_its_translation_link_to_each_other(built_site: Path, page: str) -> None:
    english, chinese = _head(built_site, page), _head(built_site, f"zh/{page}")
    assert (english.lang, chinese.lang) == ("en", "zh")
    if page.startswith("embed/"):
        return  # bare iframe pages carry no language menu
    base = "http://site/"
    assert urljoin(base + page, english.alternates["zh"]) == f"{base}zh/{page}"
    assert urljoin(base + f"zh/{page}", chinese.alternates["en"]) == base + page


class _WidgetText(HTMLParser):
    """Text nodes inside what the package renders (calculators, claims, tokenizer, charts)."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []
        self._depth = 0  # inside a widget: element depth
        self._skip = 0  # inside <template>, <code>, <script> or a source link

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        classes = (values.get("class") or "").split()
        if self._depth:
            self._depth += 1
            if tag in ("template", "code", "script", "a", "textarea", "small") or self._skip:
                self._skip += 1
            for name in ("aria-label", "placeholder", "aria-valuetext"):
                if values.get(name):
                    self.texts.append(values[name] or "")
        elif tag in ("section", "aside", "figure") and any(
            c.split("--")[0] in WIDGETS for c in classes
        ):
            self._depth = 1

    def handle_endtag(self, tag: str) -> None:
        if self._depth:
            if self._skip:
                self._skip -= 1
            self._depth -= 1

    def handle_data(self, data: str) -> None:
        if self._depth and not self._skip and data.strip():
            self.texts.append(data.strip())


def _translated_msgids() -> set[str]:
    """English messages whose Chinese text differs (names like "IRR" stay the same)."""
    path = i18n_catalog.po_path("zh")
    translations = i18n_catalog.read_po(path.read_text("utf-8"))
    return {msgid for msgid, text in translations.items() if msgid and text and text != msgid}


def _chinese_widget_pages(site: Path) -> list[str]:
    pages = []
    for path in sorted((site / "zh").rglob("index.html")):
        text = path.read_text("utf-8")
        if any(f'class="{w}' in text for w in WIDGETS):
            pages.append(path.relative_to(site).as_posix())
    return pages


def test_chinese_widgets_show_no_english(built_site: Path) -> None:
    pages = _chinese_widget_pages(built_site)
    expected = {f"zh/{page}index.html" for page in CALCULATOR_PAGES.values()}
    assert expected <= set(pages)
    english = _translated_msgids()
    problems = []
    for page in pages:
        parser = _WidgetText()
        parser.feed((built_site / page).read_text("utf-8"))
        for text in parser.texts:
            rest = KEPT_WORDS.sub("", text)
            if text in english or ENGLISH_RUN.search(rest):
                problems.append((page, text[:80]))
    assert problems == [], "\n".join(f"{page}: {text}" for page, text in problems[:40])


@pytest.mark.parametrize("name", calculators.names())
def test_chinese_embeds_exist_and_embed_themselves(built_site: Path, name: str) -> None:
    text = (built_site / "zh" / "embed" / name / "index.html").read_text("utf-8")
    assert '<html lang="zh">' in text
    assert f'data-calculator="{name}"' in text
    assert f'data-embed-url="../../../zh/embed/{name}/"' in text
    page = (built_site / "zh" / CALCULATOR_PAGES[name] / "index.html").read_text("utf-8")
    assert f'data-embed-url="../../../zh/embed/{name}/"' in page


def test_chinese_search_index_finds_terms_of_each_section(built_site: Path) -> None:
    index = json.loads((built_site / "search" / "search_index.json").read_text("utf-8"))
    separator = re.compile(index["config"]["separator"])
    words: dict[str, set[str]] = {}
    for doc in index["docs"]:
        page = doc["location"].split("#")[0]
        for word in separator.split(doc["title"] + " " + doc["text"]):
            words.setdefault(word, set()).add(page)
    assert {"en", "zh"} <= set(index["config"]["lang"])
    # Chinese text is split into words (jieba) and the separator knows where they end.
    assert "zh/argument/money/" in words.get("算力", set())
    assert "zh/argument/tokens/" in words.get("代币", set())
