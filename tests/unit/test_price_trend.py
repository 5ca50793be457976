"""The token price trend: the log-linear fit recovers a known rate; the claim uses it."""

from __future__ import annotations

import math
import random
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators import claims, price_trend
from calculators.price_trend import PricePoint, fit_decline


@given(
    rate=st.floats(1.01, 1000),
    start_price=st.floats(0.01, 1000),
    gaps=st.lists(st.integers(1, 400), min_size=1, max_size=12),
)
def test_fit_recovers_the_rate_of_an_exact_series(
    rate: float, start_price: float, gaps: list[int]
) -> None:
    start = date(2023, 3, 14)
    days = [0]
    for gap in gaps:
        days.append(days[-1] + gap)
    series = [
        PricePoint(start + timedelta(days=d), "", start_price / rate ** (d / 365.25)) for d in days
    ]
    fitted = fit_decline(series)
    assert fitted.yearly_factor == pytest.approx(rate, rel=1e-6)
    assert fitted.start_price == pytest.approx(start_price, rel=1e-6)


def test_fit_recovers_the_rate_through_noise() -> None:
    rng = random.Random(7)
    start = date(2023, 1, 1)
    series = [
        PricePoint(
            start + timedelta(days=30 * i),
            "",
            40 / 10 ** (30 * i / 365.25) * math.exp(rng.gauss(0, 0.1)),
        )
        for i in range(40)
    ]
    assert fit_decline(series).yearly_factor == pytest.approx(10, rel=0.1)


def test_a_fit_needs_two_dates_and_positive_prices() -> None:
    with pytest.raises(ValueError, match="two"):
        fit_decline([PricePoint(date(2024, 1, 1), "", 1.0)])
    with pytest.raises(ValueError, match="positive"):
        fit_decline([PricePoint(date(2024, 1, 1), "", 1.0), PricePoint(date(2025, 1, 1), "", 0)])
    with pytest.raises(ValueError, match="different dates"):
        fit_decline([PricePoint(date(2024, 1, 1), "", 1.0), PricePoint(date(2024, 1, 1), "", 2)])


def test_stored_series_is_dated_sourced_and_falls() -> None:
    series = price_trend.points()
    assert [p.when for p in series] == sorted(p.when for p in series)
    assert series[0].when == date(2023, 3, 14)
    figures = price_trend.summary()
    assert figures["yearly_factor"] > 1
    assert figures["total_factor"] == pytest.approx(series[0].price / series[-1].price)


def test_the_cheaper_claim_is_computed_from_the_fit() -> None:
    checked = claims.check("ai-gets-cheaper")
    figures = {figure["key"]: figure for figure in checked["figures"]}
    assert figures["yearly_factor"]["kind"] == "fitted"
    assert figures["yearly_factor"]["value"] == price_trend.summary()["yearly_factor"]
    assert checked["holds"]
    assert checked["factor"] == pytest.approx(price_trend.summary()["total_factor"])
