"""What an AI project costs and returns: NPV, IRR, ROI and payback.

Conventions (the same as numpy-financial's ``npv`` and ``irr``):

* cash flows are monthly; month 0 holds the upfront cost and is not discounted;
* month t (1..horizon) = monthly_benefit x adoption(t) - monthly_cost, with
  adoption(t) = min(1, t / ramp_months), or 1 from month 1 when ramp_months is 0;
* the monthly discount rate is (1 + annual rate) ** (1 / 12) - 1;
* IRR is the monthly rate r with sum(cf_t / (1 + r) ** t) = 0, annualised as
  (1 + r) ** 12 - 1; where several exist, the one nearest zero (as numpy-financial);
* ROI = (total inflows - total outflows) / total outflows, undiscounted;
* payback month = the first month whose cumulative cash flow is >= 0.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Any

from . import _charts
from ._fields import FieldError, OutputSpec, Preset, Source, number

TITLE = "AI project ROI checker"
DESCRIPTION = "What an AI project costs and returns over time: NPV, IRR, ROI and payback."
# Monthly IRRs are searched between these rates (-90% and +1000% a month).
IRR_LOW, IRR_HIGH = -0.9, 10.0
IRR_GRID_POINTS = 240
SENSITIVITY_SHARES = tuple(i / 4 for i in range(9))  # 0% to 200% of the monthly benefit
FORMULAS = (
    ("cash flow, month 0", "− upfront cost"),
    ("cash flow, month t", "monthly benefit × min(1, t ÷ ramp months) − monthly cost"),
    ("monthly rate", "(1 + annual discount rate)^(1/12) − 1"),
    ("NPV", "Σ cash flow(t) ÷ (1 + monthly rate)^t, t = 0 … horizon"),
    ("IRR", "the monthly rate with NPV = 0, as (1 + rate)^12 − 1 per year"),
    ("ROI", "(total benefit − total cost) ÷ total cost"),
    ("payback month", "first month whose cumulative cash flow ≥ 0"),
)


@dataclass(frozen=True)
class Inputs:
    """Inputs of the ROI checker (field names are public)."""

    upfront_cost: float = number(
        40_000,
        slider=(1000, 5e6),
        group="main",
        label="Upfront cost",
        unit="USD",
        minimum=0,
        maximum=1e12,
        help="Paid before month 1: hardware, integration, consultants.",
    )
    monthly_cost: float = number(
        3_000,
        slider=(0, 200_000),
        group="main",
        label="Monthly running cost",
        unit="USD per month",
        minimum=0,
        maximum=1e11,
        help="Tokens, infrastructure and the people who keep it running.",
    )
    monthly_benefit: float = number(
        12_000,
        slider=(0, 200_000),
        group="main",
        label="Monthly benefit at full adoption",
        unit="USD per month",
        minimum=0,
        maximum=1e11,
        help="Hours saved, revenue gained or costs avoided, in money, per month.",
    )
    ramp_months: int = number(
        6,
        slider=(0, 24),
        label="Months to full adoption",
        unit="months",
        minimum=0,
        maximum=120,
        integer=True,
        help="Adoption grows linearly to 100% over this many months; 0 means at once.",
    )
    horizon_months: int = number(
        36,
        slider=(6, 120),
        group="main",
        label="Horizon",
        unit="months",
        minimum=1,
        maximum=240,
        integer=True,
        help="How long the project is counted.",
    )
    discount_rate: float = number(
        0.08,
        slider=(0, 0.3),
        label="Discount rate",
        unit="per year",
        minimum=-0.5,
        maximum=5,
        help="The annual return the money could earn elsewhere (or the cost of borrowing).",
    )


@dataclass(frozen=True)
class Result:
    npv_usd: float
    irr_annual: float | None
    roi: float | None
    payback_month: int | None
    total_cost_usd: float
    total_benefit_usd: float
    cash_flows: list[float]
    cumulative_cash_flows: list[float]


OUTPUTS = (
    OutputSpec("npv_usd", "Net present value", "USD", "usd", headline=True),
    OutputSpec(
        "irr_annual",
        "Internal rate of return",
        "per year",
        "percent",
        headline=True,
        missing="none",
    ),
    OutputSpec("roi", "Return on investment", "net gain / cost", "percent"),
    OutputSpec(
        "payback_month",
        "Payback month",
        "month",
        "integer",
        headline=True,
        missing="none within the horizon",
    ),
    OutputSpec("total_cost_usd", "Total cost", "USD", "usd"),
    OutputSpec("total_benefit_usd", "Total benefit", "USD", "usd"),
    OutputSpec("cash_flows", "Monthly cash flows", "USD", "series"),
    OutputSpec("cumulative_cash_flows", "Cumulative cash flow", "USD", "series"),
)

_H100_SOURCE = Source(
    "Epoch AI hardware prices (H100 purchase and rental)",
    "https://github.com/epoch-research/training-cost-trends",
)

PRESETS = {
    "support-assistant": Preset(
        label="A support assistant that works",
        description="A modest assistant for a support team: $40k to build, $3k a month to run, "
        "$12k a month of staff time saved once everyone uses it.",
        values={
            "upfront_cost": "40000",
            "monthly_cost": "3000",
            "monthly_benefit": "12000",
            "ramp_months": "6",
            "horizon_months": "36",
            "discount_rate": "0.08",
        },
    ),
    "borrowed-gpus": Preset(
        label="Borrowing to buy GPUs",
        description="A small firm borrows $2.2M at 15% to buy 64 H100s (about $33,750 each) "
        "to train its own model; power, hosting and two engineers cost $60k a month, and the "
        "product it hopes for earns $50k a month after a year of ramp-up.",
        values={
            "upfront_cost": "2160000",
            "monthly_cost": "60000",
            "monthly_benefit": "50000",
            "ramp_months": "12",
            "horizon_months": "36",
            "discount_rate": "0.15",
        },
        sources=(_H100_SOURCE,),
    ),
    "rent-instead": Preset(
        label="Renting instead of buying",
        description="The same firm rents 64 H100s at $2.99 an hour for the 15% of the time "
        "it actually trains (about $21k a month), fine-tunes an open model instead of "
        "pre-training, and keeps one engineer ($15k a month): $20k upfront, $36k a month, "
        "the same $50k benefit.",
        values={
            "upfront_cost": "20000",
            "monthly_cost": "36000",
            "monthly_benefit": "50000",
            "ramp_months": "12",
            "horizon_months": "36",
            "discount_rate": "0.15",
        },
        sources=(_H100_SOURCE,),
    ),
    "value-per-outcome": Preset(
        label="Priced per outcome",
        description="An invoice-processing pilot paid per document handled: $15k to set up, "
        "$8k a month, $20k a month of clerical work saved after a 3-month ramp.",
        values={
            "upfront_cost": "15000",
            "monthly_cost": "8000",
            "monthly_benefit": "20000",
            "ramp_months": "3",
            "horizon_months": "24",
            "discount_rate": "0.08",
        },
    ),
}


def validate(inputs: Inputs) -> list[FieldError]:
    """The ROI inputs have no rules across fields."""
    return []


def monthly_rate(annual_rate: float) -> float:
    """Monthly rate equivalent to an annual one.

    >>> round(monthly_rate(0.1268250301), 6)
    0.01
    """
    return float((1 + annual_rate) ** (1 / 12)) - 1


def cash_flows(inputs: Inputs) -> list[float]:
    """Month 0 to horizon, month 0 holding the upfront cost.

    >>> cash_flows(Inputs(upfront_cost=100, monthly_cost=10, monthly_benefit=40,
    ...                   ramp_months=2, horizon_months=3))
    [-100.0, 10.0, 30.0, 30.0]
    """
    flows = [-float(inputs.upfront_cost)]
    for month in range(1, inputs.horizon_months + 1):
        adoption = 1.0 if inputs.ramp_months == 0 else min(1.0, month / inputs.ramp_months)
        flows.append(inputs.monthly_benefit * adoption - inputs.monthly_cost)
    return flows


def npv(rate: float, flows: list[float]) -> float:
    """Net present value with flows[0] at t=0, undiscounted (numpy-financial's convention).

    >>> round(npv(0.08, [-40000, 5000, 8000, 12000, 30000]), 2)
    3065.22
    """
    total = 0.0
    factor = 1.0
    growth = 1 + rate
    for flow in flows:
        total += flow / factor
        factor *= growth
    return total


def irr(flows: list[float]) -> float | None:
    """Periodic internal rate of return, or None where none exists in the search range.

    Every sign change of NPV over a grid of rates is refined by bisection; of
    several roots, the one nearest zero is returned.

    >>> round(irr([-100, 39, 59, 55, 20]), 6)
    0.280948
    >>> irr([-100, -10]) is None
    True
    """
    if not any(f > 0 for f in flows) or not any(f < 0 for f in flows):
        return None
    # A grid even in log(1 + r) spreads points where IRRs usually are.
    log_low, log_high = math.log1p(IRR_LOW), math.log1p(IRR_HIGH)
    grid = [
        math.expm1(log_low + (log_high - log_low) * i / IRR_GRID_POINTS)
        for i in range(IRR_GRID_POINTS + 1)
    ]
    roots = []
    previous_rate, previous_value = grid[0], _safe_npv(grid[0], flows)
    for rate in grid[1:]:
        value = _safe_npv(rate, flows)
        if value == 0:
            roots.append(rate)
        elif previous_value * value < 0:
            roots.append(_bisect(previous_rate, rate, flows))
        previous_rate, previous_value = rate, value
    if not roots:
        return None
    return min(roots, key=abs)


def _safe_npv(rate: float, flows: list[float]) -> float:
    try:
        value = npv(rate, flows)
    except (OverflowError, ZeroDivisionError):  # pragma: no cover - extreme rates only
        return math.nan
    return value if math.isfinite(value) else math.nan


def _bisect(low: float, high: float, flows: list[float]) -> float:
    low_value = npv(low, flows)
    for _ in range(200):
        middle = (low + high) / 2
        value = npv(middle, flows)
        if value == 0 or high - low < 1e-15 * max(1.0, abs(middle)):
            return middle
        if (value < 0) == (low_value < 0):
            low, low_value = middle, value
        else:
            high = middle
    return (low + high) / 2


def compute(inputs: Inputs) -> Result:
    """Evaluate the project.

    Examples
    --------
    >>> r = compute(Inputs(upfront_cost=1000, monthly_cost=0, monthly_benefit=100,
    ...                    ramp_months=0, horizon_months=12, discount_rate=0))
    >>> r.npv_usd, r.payback_month, r.roi
    (200.0, 10, 0.2)
    """
    flows = cash_flows(inputs)
    cumulative = []
    running = 0.0
    for flow in flows:
        running += flow
        cumulative.append(running)
    payback = next((month for month, value in enumerate(cumulative) if value >= 0), None)
    monthly_irr = irr(flows)
    annual_irr = None
    if monthly_irr is not None:
        annual_irr = (1 + monthly_irr) ** 12 - 1
        if not math.isfinite(annual_irr):  # pragma: no cover - bounded by IRR_HIGH
            annual_irr = None
    total_cost = inputs.upfront_cost + inputs.monthly_cost * inputs.horizon_months
    benefit = sum(flow + inputs.monthly_cost for flow in flows[1:])
    roi = None
    if total_cost > 0:
        roi = (benefit - total_cost) / total_cost
        if not math.isfinite(roi):  # a near-zero cost: the ratio says nothing useful
            roi = None
    return Result(
        npv_usd=npv(monthly_rate(inputs.discount_rate), flows),
        irr_annual=annual_irr,
        roi=roi,
        payback_month=payback,
        total_cost_usd=total_cost,
        total_benefit_usd=benefit,
        cash_flows=flows,
        cumulative_cash_flows=cumulative,
    )


def notes(inputs: Inputs, result: Result) -> list[str]:
    said = []
    if result.payback_month is None:
        said.append(f"The project never pays back within {inputs.horizon_months} months.")
    if result.irr_annual is None:
        said.append("No internal rate of return exists for these cash flows.")
    if result.npv_usd < 0 <= (result.roi or 0):
        said.append(
            "It earns back its cost in cash but not after discounting: "
            "the money would have done better elsewhere."
        )
    return said


def sensitivity(inputs: Inputs, result: Result) -> dict[str, Any]:
    """NPV if the monthly benefit were 0% to 200% of what was entered."""
    benefits = [inputs.monthly_benefit * share for share in SENSITIVITY_SHARES]
    rate = monthly_rate(inputs.discount_rate)
    values = [npv(rate, cash_flows(replace(inputs, monthly_benefit=b))) for b in benefits]
    return _charts.line(
        title="NPV against the monthly benefit",
        x=benefits,
        series={"NPV (USD)": values},
        x_title="Monthly benefit at full adoption (USD)",
        y_title="NPV (USD)",
    )


def chart(inputs: Inputs, result: Result) -> dict[str, Any]:
    """Monthly cash flows as bars and the cumulative position as a line."""
    return _charts.cash_flow_chart(
        title="Cash flow by month",
        months=list(range(len(result.cash_flows))),
        flows=result.cash_flows,
        cumulative=result.cumulative_cash_flows,
    )
