"""ROI: hand-worked examples and numpy-financial as the outside oracle."""

from __future__ import annotations

import math
import warnings

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import calculators
from calculators.roi import Inputs, cash_flows, compute, irr, monthly_rate, npv


def test_hand_worked_project() -> None:
    # 1,200 upfront; 100 a month costs; 400 a month benefit after a 3-month ramp.
    inputs = Inputs(
        upfront_cost=1200,
        monthly_cost=100,
        monthly_benefit=400,
        ramp_months=3,
        horizon_months=6,
        discount_rate=0.0,
    )
    flows = [-1200.0, 400 / 3 - 100, 800 / 3 - 100, 300.0, 300.0, 300.0, 300.0]
    result = compute(inputs)
    assert result.cash_flows == pytest.approx(flows)
    assert result.npv_usd == pytest.approx(sum(flows))
    assert result.total_cost_usd == 1800
    assert result.total_benefit_usd == pytest.approx(400 / 3 + 800 / 3 + 1600)
    assert result.roi == pytest.approx((2000 - 1800) / 1800)
    cumulative = [sum(flows[: i + 1]) for i in range(len(flows))]
    assert result.cumulative_cash_flows == pytest.approx(cumulative)
    assert result.payback_month == 6


def test_discounting_uses_the_monthly_equivalent_rate() -> None:
    assert monthly_rate(0.12) == pytest.approx(1.12 ** (1 / 12) - 1)
    result = compute(
        Inputs(
            upfront_cost=0,
            monthly_cost=0,
            monthly_benefit=100,
            ramp_months=0,
            horizon_months=12,
            discount_rate=0.12,
        )
    )
    expected = sum(100 / (1.12 ** (t / 12)) for t in range(1, 13))
    assert result.npv_usd == pytest.approx(expected)


def test_never_pays_back() -> None:
    result = calculators.run("roi", {"preset": "borrowed-gpus"})
    assert result["outputs"]["payback_month"] is None
    assert result["outputs"]["npv_usd"] < 0


def test_no_irr_when_every_flow_is_negative() -> None:
    result = calculators.run("roi", {"monthly_benefit": "0"})
    assert result["outputs"]["irr_annual"] is None
    assert result["outputs"]["roi"] == pytest.approx(-1.0)


def test_reference_npv_example() -> None:
    assert npv(0.08, [-40000, 5000, 8000, 12000, 30000]) == pytest.approx(3065.2226681795255)


flows_strategy = st.lists(st.floats(-1e6, 1e6, allow_nan=False), min_size=2, max_size=40)


@given(rate=st.floats(-0.5, 2), flows=flows_strategy)
def test_npv_agrees_with_numpy_financial(rate: float, flows: list[float]) -> None:
    npf = pytest.importorskip("numpy_financial")
    assert npv(rate, flows) == pytest.approx(float(npf.npv(rate, flows)), rel=1e-9, abs=1e-6)


# Whole dollars, as budgets are written: denormal amounts make numpy-financial's
# polynomial roots meaningless, so they are no oracle there.
realistic_projects = st.builds(
    Inputs,
    upfront_cost=st.integers(100, 10_000_000).map(float),
    monthly_cost=st.integers(0, 100_000).map(float),
    monthly_benefit=st.integers(0, 1_000_000).map(float),
    ramp_months=st.integers(0, 24),
    horizon_months=st.integers(2, 120),
    discount_rate=st.floats(-0.2, 1),
)


@given(inputs=realistic_projects)
def test_npv_and_irr_agree_with_numpy_financial(inputs: Inputs) -> None:
    npf = pytest.importorskip("numpy_financial")
    result = compute(inputs)
    flows = cash_flows(inputs)
    expected_npv = float(npf.npv(monthly_rate(inputs.discount_rate), flows))
    assert result.npv_usd == pytest.approx(expected_npv, rel=1e-9, abs=1e-6)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        expected_irr = float(npf.irr(flows))
    if math.isnan(expected_irr):
        assert result.irr_annual is None
        return
    assume(-0.9 < expected_irr < 10)
    assert result.irr_annual is not None
    monthly = (1 + result.irr_annual) ** (1 / 12) - 1
    assert monthly == pytest.approx(expected_irr, rel=1e-6, abs=1e-9)


def test_irr_of_a_known_series() -> None:
    assert irr([-100, 39, 59, 55, 20]) == pytest.approx(0.28094842116)
    assert irr([-100.0, 0.0, 0.0, 0.0]) is None
