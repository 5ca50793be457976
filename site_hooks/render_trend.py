"""The token price trend as a static SVG, drawn at build time from calculators.price_trend.

The chart is on screen at first paint and needs no script; the data table beside it
gives the same numbers to screen readers and to anyone who wants to copy them.
"""

from __future__ import annotations

import math
from datetime import date
from html import escape

from ui_text import _m, _t

from calculators import price_trend
from calculators._data import load
from calculators._format import format_value

WIDTH, HEIGHT = 640, 360
LEFT, RIGHT, TOP, BOTTOM = 70, 20, 20, 50
PAD = 12  # keeps the first and last dots clear of the axes


def price_trend_html(lang: str = "en") -> str:
    series = price_trend.points()
    fitted = price_trend.fit_decline(series)
    figures = price_trend.summary()
    data = load("token_prices.json")
    start, end = series[0].when.toordinal(), series[-1].when.toordinal()
    span = max(1, end - start)
    low = math.floor(math.log10(min(p.price for p in series)))
    high = math.ceil(math.log10(max(p.price for p in series)))

    def x(when: date) -> float:
        return LEFT + PAD + (when.toordinal() - start) / span * (WIDTH - LEFT - RIGHT - 2 * PAD)

    def y(price: float) -> float:
        return TOP + (high - math.log10(price)) / (high - low) * (HEIGHT - TOP - BOTTOM)

    parts = []
    for power in range(low, high + 1):
        level = y(10.0**power)
        parts.append(
            f'<line class="trend-grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{level:.1f}" '
            f'y2="{level:.1f}"/><text class="trend-tick" x="{LEFT - 8}" y="{level + 4:.1f}" '
            f'text-anchor="end">{escape(format_value(10.0**power, "usd", lang))}</text>'
        )
    for year in range(series[0].when.year + 1, series[-1].when.year + 1):
        at = x(date(year, 1, 1))
        parts.append(
            f'<text class="trend-tick" x="{at:.1f}" y="{HEIGHT - BOTTOM + 20}" '
            f'text-anchor="middle">{year}</text>'
        )
    first, last = series[0].when, series[-1].when
    parts.append(
        f'<line class="trend-fit" x1="{x(first):.1f}" y1="{y(fitted.price_at(first)):.1f}" '
        f'x2="{x(last):.1f}" y2="{y(fitted.price_at(last)):.1f}"/>'
    )
    for point in series:
        price = format_value(point.price, "usd", lang)
        label = f"{point.model}, {point.when.isoformat()}: {price}"
        parts.append(
            f'<circle class="trend-point" cx="{x(point.when):.1f}" cy="{y(point.price):.1f}" '
            f'r="5"><title>{escape(label)}</title></circle>'
        )
    yearly = format_value(figures["yearly_factor"], "number", lang)
    description = _t(
        "The cheapest price of answers at GPT-4's level fell from {first} to {last} per "
        "million tokens; the fitted trend divides the price by about {yearly} each year.",
        lang,
    ).format(
        first=format_value(figures["first_price"], "usd", lang),
        last=format_value(figures["last_price"], "usd", lang),
        yearly=yearly,
    )
    title = _t("Cheapest price of GPT-4-level answers, log scale", lang)
    svg = (
        f'<svg class="trend-chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="trend-title trend-desc" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="trend-title">{escape(title)}</title>'
        f'<desc id="trend-desc">{escape(description)}</desc>{"".join(parts)}</svg>'
    )
    rows = "".join(
        f"<tr><td>{escape(p.when.isoformat())}</td><td>{escape(p.model)}</td>"
        f'<td data-value="{p.price!r}">{escape(format_value(p.price, "usd", lang))}</td></tr>'
        for p in series
    )
    source = data["sources"][0]
    factor = repr(fitted.yearly_factor)
    capability = _t(data["capability"], lang)
    capability = capability[:1].upper() + capability[1:]
    caption = _t(
        "{capability}: the cheapest model at that level, {unit}, on a logarithmic scale. "
        "Dotted: the least-squares trend, about {yearly}x cheaper each year. Data:",
        lang,
    ).format(capability=capability, unit=_t(data["unit"], lang), yearly=yearly)
    head = "".join(
        f"<th>{escape(_t(h, lang))}</th>" for h in (_m("Date"), _m("Model"), _m("Price"))
    )
    return (
        f'<figure class="trend" data-trend="token-prices" data-yearly-factor="{factor}">'
        f"{svg}<figcaption>{escape(caption)} "
        f'<a href="{escape(source["url"])}">{escape(source["title"])}</a>'
        f"{'。' if lang == 'zh' else '.'}</figcaption>"
        f"<details><summary>{escape(_t('The numbers', lang))}</summary>"
        f'<div class="data-table"><table><thead><tr>{head}</tr></thead>'
        f"<tbody>{rows}</tbody></table></div></details></figure>"
    )
