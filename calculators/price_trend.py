"""The price of a token at a fixed capability level, and how fast it falls.

The series in ``data/token_prices.json`` holds, for each date, the cheapest
model then available that scores at least as well as GPT-4 did at launch. The
yearly decline is fitted by least squares on the logarithm of the price
(prices that fall by a constant factor each year lie on a straight line).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from typing import Any

from ._data import load

DAYS_PER_YEAR = 365.25


@dataclass(frozen=True)
class PricePoint:
    when: date
    model: str
    price: float


@dataclass(frozen=True)
class Decline:
    """A fitted trend: price(t) = start_price / yearly_factor ** (years since start)."""

    yearly_factor: float
    start: date
    start_price: float

    def price_at(self, when: date) -> float:
        years = (when.toordinal() - self.start.toordinal()) / DAYS_PER_YEAR
        return float(self.start_price / self.yearly_factor**years)


def points() -> list[PricePoint]:
    """The stored series, oldest first.

    >>> points()[0].model
    'GPT-4-0314'
    """
    rows = load("token_prices.json")["points"]
    series = [
        PricePoint(date.fromisoformat(r["date"]), r["model"], float(r["price"])) for r in rows
    ]
    return sorted(series, key=lambda point: point.when)


def fit_decline(series: list[PricePoint]) -> Decline:
    """Least-squares fit of log(price) against time; the factor the price falls by each year.

    Examples
    --------
    A price that halves every year:

    >>> halving = [PricePoint(date(2020 + i, 1, 1), "", 8 / 2**i) for i in range(4)]
    >>> round(fit_decline(halving).yearly_factor, 2)
    2.0
    """
    if len(series) < 2 or any(point.price <= 0 for point in series):
        raise ValueError("a decline needs at least two dates with positive prices")
    start = series[0].when
    xs = [(point.when.toordinal() - start.toordinal()) / DAYS_PER_YEAR for point in series]
    ys = [math.log(point.price) for point in series]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    spread = sum((x - mean_x) ** 2 for x in xs)
    if spread == 0:
        raise ValueError("a decline needs at least two different dates")
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / spread
    intercept = mean_y - slope * mean_x
    return Decline(yearly_factor=math.exp(-slope), start=start, start_price=math.exp(intercept))


def summary() -> dict[str, Any]:
    """The figures the site shows: first and last price, the overall and the yearly fall.

    >>> figures = summary()
    >>> figures["first_price"], figures["last_price"]
    (37.5, 0.175)
    >>> round(figures["yearly_factor"], 1)
    15.9
    """
    series = points()
    first, last = series[0], series[-1]
    fitted = fit_decline(series)
    data = load("token_prices.json")
    figures: dict[str, Any] = {
        "first_price": first.price,
        "first_model": first.model,
        "first_date": first.when.isoformat(),
        "last_price": last.price,
        "last_model": last.model,
        "last_date": last.when.isoformat(),
        "total_factor": first.price / last.price,
        "years": (last.when.toordinal() - first.when.toordinal()) / DAYS_PER_YEAR,
        "yearly_factor": fitted.yearly_factor,
    }
    for key, rate in data["published_rates"].items():
        figures[key] = float(rate["value"])
    return figures
