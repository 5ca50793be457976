"""What an AI project costs and returns: NPV, IRR, ROI and payback.

The monthly cost and benefit are typed in (basis ``monthly``) or built bottom-up
from one outcome (basis ``per_outcome``): attempts a month, the share that
succeed, the staff time a success saves, the tokens, review and failures it
costs. Either way the same monthly figures drive the same cash flows.

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

import dataclasses
import math
from dataclasses import dataclass, replace
from typing import Any

from . import _charts
from ._data import load
from ._fields import FieldError, OutputSpec, Preset, Source, choice, number, spec_of
from ._format import format_value
from ._i18n import N_, say, translate

TITLE = "AI project ROI checker"
DESCRIPTION = "What an AI project costs and returns over time: NPV, IRR, ROI and payback."
# Monthly IRRs are searched between these rates (-90% and +1000% a month).
IRR_LOW, IRR_HIGH = -0.9, 10.0
IRR_GRID_POINTS = 240
SENSITIVITY_SHARES = tuple(i / 4 for i in range(9))  # 0% to 200% of the monthly benefit
# Success rates drawn on the per-outcome chart: 5% to 100% (cost per outcome is
# unbounded towards 0%, so the curve starts a little above it).
SUCCESS_RATE_GRID = tuple(i / 20 for i in range(1, 21))
MONTHLY, PER_OUTCOME = "monthly", "per_outcome"
FORMULAS = (
    ("token cost (per outcome basis)", "N × tokens per outcome × price per million ÷ 10⁶"),
    ("review cost", "N × review minutes per outcome ÷ 60 × hourly cost"),
    ("failure cost", "N × (1 − s) × cost per failure"),
    ("monthly cost", "token cost + review cost + failure cost + other monthly cost"),
    ("monthly benefit", "N × s × minutes saved per outcome ÷ 60 × hourly cost"),
    ("cost per outcome", "monthly cost ÷ (N × s)"),
    ("value per outcome", "monthly benefit ÷ (N × s)"),
    (
        "break-even success rate",
        "(token + review + other monthly cost + N × cost per failure) ÷ "
        "(N × (minutes saved ÷ 60 × hourly cost + cost per failure))",
    ),
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

    basis: str = choice(
        MONTHLY,
        group="main",
        label="Count costs and benefits",
        choices=((MONTHLY, "as monthly totals"), (PER_OUTCOME, "per outcome")),
        help="Monthly totals you estimate yourself (the default, the simplest start), or "
        "built up from one outcome: attempts, success rate, minutes saved, tokens, "
        "review and failures.",
    )
    upfront_cost: float = number(
        40_000,
        slider=(1000, 5e6),
        group="main",
        label="Upfront cost",
        unit="USD",
        minimum=0,
        maximum=1e12,
        help="Paid before month 1: hardware, integration, consultants. Default: a modest "
        "assistant's build (assumption).",
    )
    monthly_cost: float = number(
        3_000,
        slider=(0, 200_000),
        group="main",
        label="Monthly running cost",
        unit="USD per month",
        minimum=0,
        maximum=1e11,
        shown_when=("basis", MONTHLY),
        help="Tokens, infrastructure and the people who keep it running. Default: "
        "the illustrative support assistant (assumption).",
    )
    monthly_benefit: float = number(
        12_000,
        slider=(0, 200_000),
        group="main",
        label="Monthly benefit at full adoption",
        unit="USD per month",
        minimum=0,
        maximum=1e11,
        shown_when=("basis", MONTHLY),
        help="Hours saved, revenue gained or costs avoided, in money, per month. Default: "
        "the illustrative support assistant (assumption).",
    )
    ramp_months: int = number(
        6,
        slider=(0, 24),
        label="Months to full adoption",
        unit="months",
        minimum=0,
        maximum=120,
        integer=True,
        help="Adoption grows linearly to 100% over this many months; 0 means at once. "
        "Default: half a year (assumption).",
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
        help="How long the project is counted. Default: three years, a usual span for "
        "software investments (assumption).",
    )
    discount_rate: float = number(
        0.08,
        slider=(0, 0.3),
        label="Discount rate",
        unit="per year",
        minimum=-0.5,
        maximum=5,
        help="The annual return the money could earn elsewhere (or the cost of borrowing). "
        "Default 8%: a typical cost of capital (assumption).",
    )
    # Per-outcome fields: their defaults are the "support-chats" preset (data/outcomes.json).
    outcomes_per_month: float = number(
        20_000,
        slider=(10, 1e6),
        label="Attempts per month",
        unit="attempts per month",
        minimum=0,
        min_exclusive=True,
        maximum=1e9,
        shown_when=("basis", PER_OUTCOME),
        help="How many times a month the AI is asked to produce an outcome (a chat "
        "answered, an invoice read, a task coded). Default: a mid-sized support desk "
        "(assumption).",
    )
    success_rate: float = number(
        0.8,
        slider=(0.05, 1),
        group="main",
        label="Success rate",
        unit="share",
        minimum=0,
        min_exclusive=True,
        maximum=1,
        shown_when=("basis", PER_OUTCOME),
        help="Share of attempts that give a usable outcome. Default 80% is an assumption: "
        "published studies rarely report it, so test your own.",
    )
    minutes_saved_per_outcome: float = number(
        4.6,
        slider=(0, 120),
        label="Minutes saved per successful outcome",
        unit="staff minutes",
        minimum=0,
        maximum=100_000,
        shown_when=("basis", PER_OUTCOME),
        help="Staff time one usable outcome saves. Default: +14% issues resolved per hour "
        "(Brynjolfsson, Li and Raymond 2023, NBER w31161) on an assumed 30 minutes per "
        "chat, spread over the successful 80%.",
    )
    hourly_cost: float = number(
        27.2,
        slider=(10, 200),
        label="Staff cost per hour",
        unit="USD per hour",
        minimum=0,
        maximum=10_000,
        shown_when=("basis", PER_OUTCOME),
        help="Loaded cost of an hour of staff time (wage plus benefits). Default: US "
        "customer service representatives' median wage, $19.08 (BLS, May 2023), "
        "÷ 0.701, wages' share of employer costs (BLS ECEC).",
    )
    tokens_per_outcome: float = number(
        6_000,
        slider=(100, 1e7),
        label="Tokens per attempt",
        unit="tokens",
        minimum=0,
        maximum=1e10,
        shown_when=("basis", PER_OUTCOME),
        help="Tokens read and written per attempt, prompts and retrieved text included. "
        "Default: a short support chat with help articles (assumption).",
    )
    price_per_million_tokens: float = number(
        0.69,
        slider=(0.05, 30),
        label="Price per million tokens",
        unit="USD per million tokens",
        minimum=0,
        maximum=10_000,
        shown_when=("basis", PER_OUTCOME),
        help="Blended price, 3 input tokens to 1 output token. Default: GPT-5 mini at "
        "$0.25 in and $2.00 out (llm-prices.com, 2026-08-05).",
    )
    review_minutes_per_outcome: float = number(
        0,
        slider=(0, 30),
        label="Review minutes per attempt",
        unit="staff minutes",
        minimum=0,
        maximum=100_000,
        shown_when=("basis", PER_OUTCOME),
        help="Staff time spent checking each attempt. Default 0: the support study "
        "measured a net gain, checking included (assumption).",
    )
    cost_per_failure: float = number(
        0,
        slider=(0, 200),
        label="Cost of a failed attempt",
        unit="USD",
        minimum=0,
        maximum=1e9,
        shown_when=("basis", PER_OUTCOME),
        help="Money lost when an attempt fails: rework, a wrong answer, an escalation. "
        "Default 0: a useless suggestion is simply ignored (assumption).",
    )
    other_monthly_cost: float = number(
        3_000,
        slider=(0, 50_000),
        label="Other monthly cost",
        unit="USD per month",
        minimum=0,
        maximum=1e11,
        shown_when=("basis", PER_OUTCOME),
        help="Licences, hosting and upkeep, per month. Default: the illustrative support "
        "assistant's running cost (assumption).",
    )


@dataclass(frozen=True)
class Result:
    npv_usd: float
    irr_annual: float | None
    roi: float | None
    payback_month: int | None
    total_cost_usd: float
    total_benefit_usd: float
    monthly_cost_usd: float
    monthly_benefit_usd: float
    token_cost_monthly_usd: float | None
    token_share_of_cost: float | None
    cost_per_outcome_usd: float | None
    value_per_outcome_usd: float | None
    break_even_success_rate: float | None
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
    OutputSpec("monthly_cost_usd", "Monthly cost", "USD per month", "usd"),
    OutputSpec("monthly_benefit_usd", "Monthly benefit at full adoption", "USD per month", "usd"),
    # Monthly totals say nothing about single outcomes: these exist per outcome only.
    OutputSpec(
        "token_cost_monthly_usd",
        "Token bill",
        "USD per month",
        "usd",
        shown_when=("basis", PER_OUTCOME),
    ),
    OutputSpec(
        "token_share_of_cost",
        "Tokens' share of the monthly cost",
        "share",
        "percent",
        shown_when=("basis", PER_OUTCOME),
    ),
    OutputSpec(
        "cost_per_outcome_usd",
        "Cost per successful outcome",
        "USD",
        "usd",
        shown_when=("basis", PER_OUTCOME),
    ),
    OutputSpec(
        "value_per_outcome_usd",
        "Value per successful outcome",
        "USD",
        "usd",
        shown_when=("basis", PER_OUTCOME),
    ),
    OutputSpec(
        "break_even_success_rate",
        "Break-even success rate",
        "share of attempts",
        "percent",
        shown_when=("basis", PER_OUTCOME),
    ),
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


def _outcome_presets() -> dict[str, Preset]:
    """The per-outcome presets from ``data/outcomes.json``, each number with its source."""
    presets = {}
    for key, entry in load("outcomes.json")["presets"].items():
        sources = {}
        for figure in entry["values"].values():
            if "source" in figure:
                sources[figure["source"]["url"]] = Source(**figure["source"])
        presets[key] = Preset(
            label=entry["label"],
            description=entry["description"],
            values={name: figure["value"] for name, figure in entry["values"].items()},
            sources=tuple(sources.values()),
        )
    return presets


PRESETS.update(_outcome_presets())


def validate(inputs: Inputs, lang: str = "en") -> list[FieldError]:
    """The ROI inputs have no rules across fields."""
    return []


@dataclass(frozen=True)
class MonthlyFigures:
    """One month at full adoption; the parts are None on the monthly basis."""

    cost: float
    benefit: float
    token_cost: float | None = None
    review_cost: float | None = None
    failure_cost: float | None = None


def monthly_figures(inputs: Inputs) -> MonthlyFigures:
    """The monthly cost and benefit, as typed in or built up from one outcome.

    >>> f = monthly_figures(Inputs(basis="per_outcome", outcomes_per_month=1000,
    ...     success_rate=0.5, minutes_saved_per_outcome=6, hourly_cost=60,
    ...     tokens_per_outcome=2000, price_per_million_tokens=5,
    ...     review_minutes_per_outcome=1, cost_per_failure=2, other_monthly_cost=100))
    >>> [round(x, 6) for x in (f.token_cost, f.review_cost, f.failure_cost, f.cost, f.benefit)]
    [10.0, 1000.0, 1000.0, 2110.0, 3000.0]
    """
    if inputs.basis == MONTHLY:
        return MonthlyFigures(
            cost=float(inputs.monthly_cost), benefit=float(inputs.monthly_benefit)
        )
    attempts, success = inputs.outcomes_per_month, inputs.success_rate
    token = attempts * inputs.tokens_per_outcome * inputs.price_per_million_tokens / 1e6
    review = attempts * inputs.review_minutes_per_outcome / 60 * inputs.hourly_cost
    failure = attempts * (1 - success) * inputs.cost_per_failure
    benefit = attempts * success * inputs.minutes_saved_per_outcome / 60 * inputs.hourly_cost
    return MonthlyFigures(
        cost=token + review + failure + inputs.other_monthly_cost,
        benefit=benefit,
        token_cost=token,
        review_cost=review,
        failure_cost=failure,
    )


def _break_even_terms(inputs: Inputs) -> tuple[float, float, float]:
    """(benefit and cost if every attempt succeeded, failure cost if none did).

    With B, C and F those three, the monthly benefit − cost at success rate s is
    s × B − C − (1 − s) × F, zero at s* = (C + F) / (B + F) = 1 − (B − C) / (B + F).
    """
    best = monthly_figures(replace(inputs, success_rate=1.0))
    return best.benefit, best.cost, inputs.outcomes_per_month * inputs.cost_per_failure


def break_even_success_rate(inputs: Inputs) -> float | None:
    """The success rate at which the monthly benefit equals the monthly cost.

    None on the monthly basis, or where no rate in (0, 1] breaks even.

    >>> break_even_success_rate(Inputs(basis="per_outcome", outcomes_per_month=100,
    ...     minutes_saved_per_outcome=60, hourly_cost=10, tokens_per_outcome=0,
    ...     review_minutes_per_outcome=0, cost_per_failure=0, other_monthly_cost=250))
    0.25
    """
    if inputs.basis == MONTHLY:
        return None
    benefit, cost, failures = _break_even_terms(inputs)
    if benefit < cost or cost + failures <= 0:
        return None  # even 100% loses, or any rate pays (see _no_break_even)
    slope = benefit + failures
    rate = (cost + failures) / slope
    if rate > 0.5:  # near 1, the other form of the same quotient keeps 1 - s precise
        rate = 1 - (benefit - cost) / slope
    return rate if rate > 0 else None  # a rate too small for a float: any rate pays


def _ratio(numerator: float, denominator: float) -> float | None:
    if denominator == 0:
        return None
    value = numerator / denominator
    return value if math.isfinite(value) else None


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
    figures = monthly_figures(inputs)
    flows = [-float(inputs.upfront_cost)]
    for month in range(1, inputs.horizon_months + 1):
        adoption = 1.0 if inputs.ramp_months == 0 else min(1.0, month / inputs.ramp_months)
        flows.append(figures.benefit * adoption - figures.cost)
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
    figures = monthly_figures(inputs)
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
    total_cost = inputs.upfront_cost + figures.cost * inputs.horizon_months
    benefit = sum(flow + figures.cost for flow in flows[1:])
    roi = None
    if total_cost > 0:
        roi = (benefit - total_cost) / total_cost
        if not math.isfinite(roi):  # a near-zero cost: the ratio says nothing useful
            roi = None
    successes = None
    if inputs.basis == PER_OUTCOME:
        successes = inputs.outcomes_per_month * inputs.success_rate
    return Result(
        npv_usd=npv(monthly_rate(inputs.discount_rate), flows),
        irr_annual=annual_irr,
        roi=roi,
        payback_month=payback,
        total_cost_usd=total_cost,
        total_benefit_usd=benefit,
        monthly_cost_usd=figures.cost,
        monthly_benefit_usd=figures.benefit,
        token_cost_monthly_usd=figures.token_cost,
        token_share_of_cost=(
            None if figures.token_cost is None else _ratio(figures.token_cost, figures.cost)
        ),
        cost_per_outcome_usd=None if successes is None else _ratio(figures.cost, successes),
        value_per_outcome_usd=None if successes is None else _ratio(figures.benefit, successes),
        break_even_success_rate=break_even_success_rate(inputs),
        cash_flows=flows,
        cumulative_cash_flows=cumulative,
    )


def notes(inputs: Inputs, result: Result, lang: str = "en") -> list[str]:
    said = []
    if result.payback_month is None:
        said.append(
            say(
                lang,
                N_("The project never pays back within {months} months."),
                months=inputs.horizon_months,
            )
        )
    if result.irr_annual is None:
        said.append(say(lang, N_("No internal rate of return exists for these cash flows.")))
    if result.npv_usd < 0 <= (result.roi or 0):
        said.append(
            say(
                lang,
                N_(
                    "It earns back its cost in cash but not after discounting: "
                    "the money would have done better elsewhere."
                ),
            )
        )
    return said + _basis_notes(inputs, result, lang)


_BASIS_FIELD = next(field for field in dataclasses.fields(Inputs) if field.name == "basis")


def _fields_for(basis: str) -> list[dataclasses.Field[Any]]:
    """The fields that apply only on the given basis."""
    return [
        field
        for field in dataclasses.fields(Inputs)
        if spec_of(field).shown_when == ("basis", basis)
    ]


def _basis_notes(inputs: Inputs, result: Result, lang: str) -> list[str]:
    """Which fields were ignored, and why a per-outcome figure is n/a."""
    said = []
    other_basis = PER_OUTCOME if inputs.basis == MONTHLY else MONTHLY
    # Only parsed values reach us, so "given" means "differs from its default".
    ignored = [
        field for field in _fields_for(other_basis) if getattr(inputs, field.name) != field.default
    ]
    if ignored:
        # English names the public field names; other languages the labels a reader sees.
        basis, names = inputs.basis, [field.name for field in ignored]
        if lang != "en":
            basis = translate(dict(spec_of(_BASIS_FIELD).choices)[inputs.basis], lang)
            names = [translate(spec_of(field).label, lang) for field in ignored]
        said.append(
            say(
                lang,
                N_("With basis = {basis}, these values are ignored: {fields}."),
                basis=basis,
                fields=translate(N_(", "), lang).join(names),
            )
        )
    if inputs.basis == MONTHLY:
        said.append(
            say(
                lang,
                N_(
                    "The token bill, cost and value per outcome and the break-even success "
                    "rate need basis = per_outcome: monthly totals say nothing about single "
                    "outcomes."
                ),
            )
        )
        return said
    if result.token_share_of_cost is None:
        said.append(say(lang, N_("With no monthly cost, tokens have no share of it.")))
    if result.cost_per_outcome_usd is None or result.value_per_outcome_usd is None:
        said.append(say(lang, N_("Too few successful outcomes a month to price one of them.")))
    if result.break_even_success_rate is None:
        said.append(_no_break_even(inputs, lang))
    return said


def _no_break_even(inputs: Inputs, lang: str = "en") -> str:
    benefit, cost, _ = _break_even_terms(inputs)
    if benefit < cost:
        if benefit <= 0:
            return say(
                lang,
                N_("No success rate breaks even: a successful outcome saves no money here."),
            )
        return say(
            lang,
            N_(
                "No success rate breaks even: even if every attempt succeeded, the monthly "
                "benefit ({benefit}) would stay below the monthly cost ({cost})."
            ),
            benefit=format_value(benefit, "usd", lang),
            cost=format_value(cost, "usd", lang),
        )
    if benefit <= 0:
        return say(
            lang,
            N_(
                "No break-even success rate: attempts cost nothing and successes save "
                "nothing, whatever the success rate."
            ),
        )
    return say(
        lang,
        N_(
            "Any success rate above zero breaks even or better: attempts cost (next to) "
            "nothing unless they succeed."
        ),
    )


def sensitivity(inputs: Inputs, result: Result) -> dict[str, Any]:
    """Per outcome: cost and value per successful outcome against the success rate.

    Monthly: NPV if the monthly benefit were 0% to 200% of what was entered.
    """
    if inputs.basis == PER_OUTCOME:
        return _per_outcome_sensitivity(inputs, result)
    benefits = [inputs.monthly_benefit * share for share in SENSITIVITY_SHARES]
    rate = monthly_rate(inputs.discount_rate)
    values = [npv(rate, cash_flows(replace(inputs, monthly_benefit=b))) for b in benefits]
    return _charts.line(
        title=N_("NPV against the monthly benefit"),
        x=benefits,
        series={N_("NPV (USD)"): values},
        x_title=N_("Monthly benefit at full adoption (USD)"),
        y_title=N_("NPV (USD)"),
    )


def _per_outcome_sensitivity(inputs: Inputs, result: Result) -> dict[str, Any]:
    """Cost per successful outcome falls as more attempts succeed; value per success is flat.

    They cross at the break-even success rate, marked on the chart with the rate entered.
    """
    rates = sorted(
        {*SUCCESS_RATE_GRID, inputs.success_rate}
        | ({result.break_even_success_rate} if result.break_even_success_rate else set())
    )
    costs, values = [], []
    for rate in rates:
        figures = monthly_figures(replace(inputs, success_rate=rate))
        successes = inputs.outcomes_per_month * rate
        costs.append(_ratio(figures.cost, successes))
        values.append(_ratio(figures.benefit, successes))
    marks = []
    if result.cost_per_outcome_usd is not None:
        marks.append((N_("Your success rate"), inputs.success_rate, result.cost_per_outcome_usd))
    break_even = result.break_even_success_rate
    if break_even is not None and result.value_per_outcome_usd is not None:
        marks.append((N_("Break-even"), break_even, result.value_per_outcome_usd))
    figure = _charts.line(
        title=N_("Cost and value per successful outcome against the success rate"),
        x=[rate * 100 for rate in rates],
        series={
            N_("Cost per successful outcome"): costs,
            N_("Value per successful outcome"): values,
        },
        x_title=N_("Success rate (% of attempts)"),
        y_title=N_("USD per successful outcome"),
        marks=[(name, x * 100, y) for name, x, y in marks],
    )
    # Cost per outcome soars towards 0% success; keep the crossing and the reader's
    # point in view rather than the far end of the curve.
    in_view = [y for _, _, y in marks] + [y for y in values if y is not None]
    top = 2.5 * max(in_view, default=0.0)
    if 0 < top < math.inf:
        figure["layout"]["yaxis"]["range"] = [0, top]
    return figure


def chart(inputs: Inputs, result: Result) -> dict[str, Any]:
    """Monthly cash flows as bars and the cumulative position as a line."""
    return _charts.cash_flow_chart(
        title=N_("Cash flow by month"),
        months=list(range(len(result.cash_flows))),
        flows=result.cash_flows,
        cumulative=result.cumulative_cash_flows,
    )
