"""Markers in a page's Markdown, turned into pre-rendered HTML (one `PageMarkers` per page).

Each marker becomes a placeholder in the Markdown and its HTML is put back after
Markdown has run (`calculators_hook.on_page_content`), so no widget is mangled by
the Markdown processor. An unknown name or option raises `MarkerError`: the build fails.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from render import (
    calculator_html,
    claim_html,
    constants_table,
    fields_table,
    figure_html,
    gpu_finance_table,
    gpu_table,
    rental_history_table,
    runs_table,
)
from render_explore import ExploreError, explore_html
from render_tokenizer import chars_per_token_table, tokenizer_html
from render_trend import price_trend_html

import calculators
from calculators import claims

MARKER = re.compile(
    r"^<!--\s*(?P<kind>calculator|claim|table|chart):\s*(?P<name>[\w-]+)"
    r"(?P<options>(?:\s+[\w-]+=[\w.-]+)*)\s*-->$",
    re.MULTILINE,
)
EXPLORE = re.compile(
    r"^<!--\s*explore:\s*(?P<name>[\w-]+)(?P<options>(?:\s+[\w-]+=[\w.,-]+)*)\s*-->\n"
    r"(?P<sentence>.*?)\n<!--\s*/explore\s*-->$",
    re.MULTILINE | re.DOTALL,
)
TOKENIZER = re.compile(r"^<!--\s*tokenizer\s*-->$", re.MULTILINE)
FIGURE = re.compile(r"<!--\s*figure:\s*(?P<claim>[\w-]+)\s+(?P<key>\w+)\s*-->")
PLACEHOLDER = "CALCULATORPLACEHOLDER{index}END"
TABLES: dict[str, Callable[[str], str]] = {
    "gpus": gpu_table,
    "runs": runs_table,
    "constants": constants_table,
    "gpu_finance": gpu_finance_table,
    "rental_history": rental_history_table,
    "chars-per-token": chars_per_token_table,
}
CHARTS: dict[str, Callable[[str], str]] = {"token-prices": price_trend_html}


class MarkerError(ValueError):
    """A marker naming something that does not exist."""


def _options(text: str) -> dict[str, str]:
    return dict(item.split("=", 1) for item in text.split())


@dataclass
class PageMarkers:
    """Renders one page's markers; `rendered[i]` replaces placeholder i."""

    root: str  # the site root relative to the page
    calculator_pages: dict[str, str]  # calculator name -> its page, relative to the root
    embed_dir: str
    wheel_url: str
    snapshot_url: str
    lang: str = "en"  # the package language the page is written in
    rendered: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    def render(self, markdown: str) -> str:
        markdown = EXPLORE.sub(self._explore, markdown)
        markdown = FIGURE.sub(self._figure, markdown)
        markdown = TOKENIZER.sub(
            lambda _m: self._keep(tokenizer_html(len(self.rendered), self.lang)), markdown
        )
        return MARKER.sub(self._marker, markdown)

    def _keep(self, html: str) -> str:
        self.rendered.append(html)
        return PLACEHOLDER.format(index=len(self.rendered) - 1)

    def _instance(self, key: str) -> int:
        self.counts[key] = self.counts.get(key, 0) + 1
        return self.counts[key] - 1

    def _known_calculator(self, name: str) -> None:
        if name not in calculators.names():
            raise MarkerError(
                f"unknown calculator {name!r} (known: {', '.join(calculators.names())})"
            )

    def _marker(self, match: re.Match[str]) -> str:
        kind, name, options = match["kind"], match["name"], _options(match["options"])
        if kind == "calculator":
            return self._keep(self._calculator(name, options))
        if kind == "claim":
            if name not in claims.names() or options:
                raise MarkerError(f"unknown claim {name!r} (known: {', '.join(claims.names())})")
            urls = {calc: self.root + path for calc, path in self.calculator_pages.items()}
            return self._keep(claim_html(claims.check(name, self.lang), urls, self.lang))
        if kind == "chart":
            if name not in CHARTS or options:
                raise MarkerError(f"unknown chart {name!r} (known: {', '.join(CHARTS)})")
            return self._keep(CHARTS[name](self.lang))
        if name == "fields" and set(options) == {"calculator"}:
            self._known_calculator(options["calculator"])
            return self._keep(fields_table(options["calculator"], self.lang))
        if name not in TABLES or options:
            raise MarkerError(f"unknown table {name!r} (known: {', '.join(TABLES)}, fields)")
        return self._keep(TABLES[name](self.lang))

    def _calculator(self, name: str, options: dict[str, str]) -> str:
        self._known_calculator(name)
        if set(options) - {"preset"}:
            raise MarkerError(f"unknown calculator option(s) {set(options) - {'preset'}}")
        preset = options.get("preset")
        known = [p["name"] for p in calculators.schema(name)["presets"]]
        if preset is not None and preset not in known:
            raise MarkerError(f"unknown preset {preset!r} for {name}")
        return calculator_html(
            name,
            instance=self._instance(name),
            preset=preset,
            embed_url=f"{self.root}{self.embed_dir}/{name}/",
            wheel_url=self.wheel_url,
            snapshot_url=self.snapshot_url,
            lang=self.lang,
        )

    def _explore(self, match: re.Match[str]) -> str:
        name = match["name"]
        self._known_calculator(name)
        try:
            html = explore_html(
                name,
                instance=self._instance(f"explore-{name}"),
                options=_options(match["options"]),
                sentence=match["sentence"],
                full_url=self.root + self.calculator_pages[name],
                embed_url=f"{self.root}{self.embed_dir}/{name}/",
                wheel_url=self.wheel_url,
                snapshot_url=self.snapshot_url,
                lang=self.lang,
            )
        except ExploreError as problem:
            raise MarkerError(str(problem)) from None
        return self._keep(html)

    def _figure(self, match: re.Match[str]) -> str:
        claim, key = match["claim"], match["key"]
        if claim not in claims.names():
            raise MarkerError(f"unknown claim {claim!r} in a figure marker")
        figures = {f["key"]: f for f in claims.check(claim, self.lang)["figures"]}
        if key not in figures:
            raise MarkerError(f"claim {claim!r} has no figure {key!r}")
        return self._keep(figure_html(figures[key]))


def first_screen_calculator(markdown: str, within: int) -> bool:
    """Whether a calculator or explorable marker starts within `within` characters."""
    head = markdown[:within]
    calculator = any(m["kind"] == "calculator" for m in MARKER.finditer(head))
    return calculator or re.search(r"^<!--\s*explore:", head, re.MULTILINE) is not None
