"""The token price trend as a static SVG, drawn at build time from calculators.price_trend.

The chart is on screen at first paint and needs no script; the data table beside it
gives the same numbers to screen readers and to anyone who wants to copy them.
"""

from __future__ import annotations

import math
from datetime import date
from html import escape

from calculators import price_trend
from calculators._data import load
from calculators._format import format_value

WIDTH, HEIGHT = 640, 360
LEFT, RIGHT, TOP, BOTTOM = 70, 20, 20, 50
PAD = 12  # keeps the first and last dots clear of the axes


def price_trend_html() -> str:
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
            f'text-anchor="end">{escape(format_value(10.0**power, "usd"))}</text>'
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
        label = f"{point.model}, {point.when.isoformat()}: {format_value(point.price, 'usd')}"
        parts.append(
            f'<circle class="trend-point" cx="{x(point.when):.1f}" cy="{y(point.price):.1f}" '
            f'r="5"><title>{escape(label)}</title></circle>'
        )
    yearly = format_value(figures["yearly_factor"], "number")
    description = (
        f"The cheapest price of answers at GPT-4's level fell from "
        f"{format_value(figures['first_price'], 'usd')} to "
        f"{format_value(figures['last_price'], 'usd')} per million tokens; the fitted "
        f"trend divides the price by about {yearly} each year."
    )
    svg = (
        f'<svg class="trend-chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="trend-title trend-desc" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="trend-title">Cheapest price of GPT-4-level answers, log scale</title>'
        f'<desc id="trend-desc">{escape(description)}</desc>{"".join(parts)}</svg>'
    )
    rows = "".join(
        f"<tr><td>{escape(p.when.isoformat())}</td><td>{escape(p.model)}</td>"
        f'<td data-value="{p.price!r}">{escape(format_value(p.price, "usd"))}</td></tr>'
        for p in series
    )
    source = data["sources"][0]
    factor = repr(fitted.yearly_factor)
    capability = data["capability"][:1].upper() + data["capability"][1:]
    return (
        f'<figure class="trend" data-trend="token-prices" data-yearly-factor="{factor}">'
        f"{svg}<figcaption>{escape(capability)}: the cheapest model "
        f"at that level, {escape(data['unit'])}, on a logarithmic scale. Dotted: the "
        f"least-squares trend, about {escape(yearly)}x cheaper each year. Data: "
        f'<a href="{escape(source["url"])}">{escape(source["title"])}</a>.</figcaption>'
        f'<details><summary>The numbers</summary><div class="data-table"><table>'
        f"<thead><tr><th>Date</th><th>Model</th><th>Price</th></tr></thead>"
        f"<tbody>{rows}</tbody></table></div></details></figure>"
    )
