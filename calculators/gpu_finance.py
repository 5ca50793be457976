"""Buy GPUs on a loan or rent them: what each costs, and when the cash runs out.

Conventions (all on the methodology page); H = 730 hours a month, P = rated
power per GPU in kW from the catalogue, months m = 0 ... horizon_months - 1:

* purchase = GPUs x price x (1 + cluster overhead); the loan is the purchase
  less the down payment, repaid by an annuity at loan_rate / 12 over
  round(loan_years x 12) months (principal / months at a zero rate), paid in
  months 0 ... loan months - 1; the down payment is paid in month 0;
* owning each month: the payment while the loan runs, electricity
  GPUs x P x (u x busy draw + (1 - u) x idle draw) x PUE x H x price, and
  colocation GPUs x P x price per kW-month;
* owning in total: down payment + payments within the horizon + the balance
  still owed at its end + electricity and colocation - resale value;
* renting in month m: GPUs x H x u x price x (1 - yearly decline) ** (m / 12);
* both totals are linear in the utilisation u, so the break-even is exact;
* cash at the end of month m = starting cash + income x (m + 1) - spending up
  to and including month m; the runway is the first month it is below zero.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Any

from . import _charts
from ._data import load
from ._fields import FieldError, OutputSpec, Preset, Source, choice, number
from ._format import format_value
from ._i18n import N_, say, translate
from .training_cost import catalogue

TITLE = "Buy GPUs on a loan, or rent them?"
DESCRIPTION = (
    "Compare buying GPUs with borrowed money against renting them: loan payments, power, "
    "colocation, resale, falling rental prices, the utilisation at which owning pays, and "
    "the month the cash runs out."
)
HOURS_PER_MONTH = 730
MONTHS_PER_YEAR = 12
# Below this rate x months, the annuity formulas lose precision: a series takes over.
TINY_RATE = 1e-9
SENSITIVITY_UTILIZATION = tuple(i / 20 for i in range(21))  # 0% to 100% in steps of 5%
FORMULAS = (
    ("purchase", "GPUs × GPU price × (1 + cluster overhead)"),
    ("loan", "purchase × (1 − down payment)"),
    (
        "monthly payment",
        "loan × r ÷ (1 − (1 + r)^−n), r = loan rate ÷ 12, n = loan years × 12 "
        "(loan ÷ n when r = 0)",
    ),
    (
        "electricity, a month",
        "GPUs × rated kW × (u × busy draw + (1 − u) × idle draw) × PUE × 730 h × price per kWh",
    ),
    ("colocation, a month", "GPUs × rated kW × price per kW-month"),
    (
        "owning, total",
        "down payment + payments in the horizon + balance still owed + electricity "
        "+ colocation − resale share × GPUs × GPU price",
    ),
    ("renting, month m", "GPUs × 730 h × u × rental price × (1 − yearly decline)^(m/12)"),
    ("break-even utilisation", "the u at which the two totals are equal"),
    (
        "runway",
        "first month m with starting cash + income × (m + 1) − spending so far < 0",
    ),
)


def figures() -> dict[str, Any]:
    """The sourced figures behind the presets, from ``data/gpu_finance.json``."""
    found: dict[str, Any] = load("gpu_finance.json")["figures"]
    return found


def rental_history() -> list[dict[str, Any]]:
    """Dated H100 rental prices, each with its source (``data/gpu_finance.json``)."""
    history: list[dict[str, Any]] = load("gpu_finance.json")["h100_rental_history"]
    return history


def _figure(key: str) -> float:
    return float(figures()[key]["value"])


# Only chips with a published power figure: electricity and colocation need it.
_GPU_CHOICES = tuple(
    (key, gpu["name"]) for key, gpu in catalogue().items() if gpu["tdp_w"] is not None
)


@dataclass(frozen=True)
class Inputs:
    """Inputs of the GPU finance calculator (field names are public)."""

    gpu: str = choice(
        "h100-sxm",
        label="Accelerator",
        choices=_GPU_CHOICES,
        help="The chip, from our sourced catalogue (power, purchase and rental prices).",
    )
    num_gpus: int = number(
        64,
        slider=(8, 10_000),
        group="main",
        label="Number of GPUs",
        unit="GPUs",
        minimum=1,
        maximum=1_000_000,
        integer=True,
        help="GPUs bought, or rented for the same hours.",
    )
    gpu_price: float | None = number(
        None,
        label="Purchase price per GPU",
        unit="USD",
        minimum=0,
        maximum=10_000_000,
        optional=True,
        help="What one accelerator costs to buy. Empty means the catalogue's price.",
    )
    cluster_overhead: float = number(
        _figure("cluster_overhead"),
        slider=(0, 1),
        label="Cluster overhead",
        unit="fraction of GPU price",
        minimum=0,
        maximum=5,
        help="Networking and storage bought with the servers (Epoch AI: about 23%).",
    )
    down_payment: float = number(
        _figure("down_payment"),
        label="Down payment",
        unit="fraction of the purchase",
        minimum=0,
        maximum=1,
        help="Share of the purchase paid in cash at the start; 1 means no loan. "
        "20% is our assumption.",
    )
    loan_rate: float = number(
        _figure("loan_rate_startup"),
        slider=(0, 0.3),
        group="main",
        label="Loan interest rate",
        unit="per year",
        minimum=0,
        maximum=1,
        help="Annual rate on the loan. CoreWeave paid 10 to 15% on GPU-backed debt.",
    )
    loan_years: float = number(
        _figure("loan_years_startup"),
        slider=(1, 10),
        label="Loan term",
        unit="years",
        minimum=0.5,
        maximum=30,
        help="Years to repay, in equal monthly payments (rounded to whole months).",
    )
    utilization: float = number(
        _figure("utilization_startup"),
        group="main",
        label="Utilisation",
        unit="share of hours",
        minimum=0,
        maximum=1,
        help="Share of all hours the GPUs do useful work. Renting pays only for these hours; "
        "owning pays for every hour.",
    )
    rental_price: float | None = number(
        None,
        slider=(0.5, 10),
        label="Rental price today",
        unit="USD per GPU-hour",
        minimum=0,
        maximum=1000,
        optional=True,
        help="What renting one GPU costs per hour now. Empty means the catalogue's price.",
    )
    rental_price_decline: float = number(
        _figure("rental_decline"),
        slider=(0, 0.5),
        group="main",
        label="Yearly fall of the rental price",
        unit="per year",
        minimum=0,
        maximum=0.95,
        help="H100 rents fell from about $4.76 (October 2023) to $2.95 (May 2026): 17% a year.",
    )
    avg_power_fraction: float = number(
        _figure("avg_power_fraction"),
        label="Power when busy / rated power",
        unit="fraction",
        minimum=0.05,
        maximum=1.5,
        help="Average draw while working, as a share of rated power (Epoch AI uses 0.75).",
    )
    idle_power_fraction: float = number(
        _figure("idle_power_fraction"),
        label="Power when idle / rated power",
        unit="fraction",
        minimum=0,
        maximum=1.5,
        help="Idle servers still draw power for CPUs, fans and network; 20% is our assumption.",
    )
    pue: float = number(
        _figure("pue"),
        slider=(1, 2),
        label="PUE",
        unit="ratio",
        minimum=1,
        maximum=3,
        help="Data-centre overhead on power: 1.1 hyperscale, 1.25 others (Epoch AI).",
    )
    electricity_price: float = number(
        _figure("electricity_price"),
        slider=(0.02, 0.5),
        label="Electricity price",
        unit="USD per kWh",
        minimum=0,
        maximum=10,
        help="US industrial average 2023: 8.06 cents (EIA).",
    )
    colocation_per_kw_month: float = number(
        _figure("colocation_2023"),
        slider=(50, 500),
        label="Colocation",
        unit="USD per kW per month",
        minimum=0,
        maximum=10_000,
        help="Rent for space, cooling and power capacity, per kW of rated GPU power "
        "(CBRE, North America, late 2023: $163).",
    )
    resale_fraction: float = number(
        _figure("resale_3_years"),
        label="Resale value at the end",
        unit="share of the GPU price",
        minimum=0,
        maximum=1,
        help="Share of the GPUs' price recovered by selling them at the end of the horizon.",
    )
    horizon_months: int = number(
        36,
        slider=(6, 120),
        label="Horizon",
        unit="months",
        minimum=1,
        maximum=240,
        integer=True,
        help="How long both paths are counted.",
    )
    starting_cash: float | None = number(
        _figure("startup_cash"),
        slider=(0, 20_000_000),
        group="main",
        label="Starting cash",
        unit="USD",
        minimum=0,
        maximum=1e15,
        optional=True,
        help="Money in the bank at month 0; empty skips the runway.",
    )
    monthly_income: float = number(
        0,
        slider=(0, 2_000_000),
        label="Monthly income",
        unit="USD per month",
        minimum=0,
        maximum=1e13,
        help="What the company earns each month, on either path.",
    )


@dataclass(frozen=True)
class Result:
    """Outputs; None where a figure does not apply (see notes())."""

    own_total_usd: float
    rent_total_usd: float
    break_even_utilization: float | None
    cheaper: str
    runway_months_own: int | None
    runway_months_rent: int | None
    purchase_usd: float
    loan_principal_usd: float
    monthly_payment_usd: float
    interest_paid_usd: float
    loan_balance_at_horizon_usd: float
    resale_value_usd: float
    own_running_monthly_usd: float
    own_cost_per_used_gpu_hour: float | None
    rent_cost_per_used_gpu_hour: float | None
    gpu_price_used: float
    rental_price_used: float
    own_cumulative_usd: list[float]
    rent_cumulative_usd: list[float]


# The values of the "cheaper" output, as other languages display them.
PATH_WORDS = (N_("own"), N_("rent"))

OUTPUTS = (
    OutputSpec("own_total_usd", "Owning, total over the horizon", "USD", "usd", headline=True),
    OutputSpec("rent_total_usd", "Renting, total over the horizon", "USD", "usd", headline=True),
    OutputSpec(
        "break_even_utilization",
        "Utilisation at which owning pays",
        "share of hours",
        "percent",
        headline=True,
        missing="none between 0% and 100%",
    ),
    OutputSpec("cheaper", "Cheaper path", "", "text"),  # "own" or "rent", see PATH_WORDS
    OutputSpec(
        "runway_months_own",
        "Months until the cash runs out, owning",
        "months",
        "integer",
        missing="never within the horizon",
    ),
    OutputSpec(
        "runway_months_rent",
        "Months until the cash runs out, renting",
        "months",
        "integer",
        missing="never within the horizon",
    ),
    OutputSpec("purchase_usd", "Purchase", "USD", "usd"),
    OutputSpec("loan_principal_usd", "Loan", "USD", "usd"),
    OutputSpec("monthly_payment_usd", "Monthly loan payment", "USD per month", "usd"),
    OutputSpec("interest_paid_usd", "Interest paid within the horizon", "USD", "usd"),
    OutputSpec("loan_balance_at_horizon_usd", "Loan still owed at the end", "USD", "usd"),
    OutputSpec("resale_value_usd", "Resale value at the end", "USD", "usd"),
    OutputSpec(
        "own_running_monthly_usd", "Electricity and colocation a month", "USD per month", "usd"
    ),
    OutputSpec(
        "own_cost_per_used_gpu_hour", "Owning, per GPU-hour used", "USD per GPU-hour", "usd"
    ),
    OutputSpec(
        "rent_cost_per_used_gpu_hour", "Renting, per GPU-hour used", "USD per GPU-hour", "usd"
    ),
    OutputSpec("gpu_price_used", "Purchase price used", "USD per GPU", "usd"),
    OutputSpec("rental_price_used", "Rental price used (today)", "USD per GPU-hour", "usd"),
    OutputSpec("own_cumulative_usd", "Owning: cumulative spending by month", "USD", "series"),
    OutputSpec("rent_cumulative_usd", "Renting: cumulative spending by month", "USD", "series"),
)


def _sources(*keys: str) -> tuple[Source, ...]:
    found = figures()
    seen: dict[str, Source] = {}
    for key in keys:
        source = found[key]["source"]
        seen.setdefault(source["url"], Source(source["title"], source["url"]))
    return tuple(seen.values())


_H100 = catalogue()["h100-sxm"]
_H100_PURCHASE_SOURCE = Source(
    f"{_H100['purchase']['source']['title']} ({_H100['purchase']['as_of']})",
    _H100["purchase"]["source"]["url"],
)
_STARTUP_2023: dict[str, str | float | int] = {
    "gpu": "h100-sxm",
    "num_gpus": 64,
    "gpu_price": "",
    "cluster_overhead": _figure("cluster_overhead"),
    "down_payment": _figure("down_payment"),
    "loan_rate": _figure("loan_rate_startup"),
    "loan_years": _figure("loan_years_startup"),
    "utilization": _figure("utilization_startup"),
    "rental_price": _figure("h100_rental_2023"),
    "rental_price_decline": _figure("rental_decline"),
    "avg_power_fraction": _figure("avg_power_fraction"),
    "idle_power_fraction": _figure("idle_power_fraction"),
    "pue": _figure("pue"),
    "electricity_price": _figure("electricity_price"),
    "colocation_per_kw_month": _figure("colocation_2023"),
    "resale_fraction": _figure("resale_3_years"),
    "horizon_months": 36,
    "starting_cash": _figure("startup_cash"),
    "monthly_income": 0,
}
_STARTUP_SOURCES = (
    _H100_PURCHASE_SOURCE,
    *_sources(
        "h100_rental_2023",
        "rental_decline",
        "loan_rate_startup",
        "loan_years_startup",
        "utilization_startup",
        "cluster_overhead",
        "colocation_2023",
        "electricity_price",
        "resale_3_years",
        "startup_cash",
    ),
)

PRESETS = {
    "startup-buys-2023": Preset(
        label="A start-up buys 64 H100s on a loan (2023)",
        description="In 2023 a small company borrows 80% of the price of 64 H100s (about "
        "$33,750 each, plus 23% for networking) at 15% over three years, when renting cost "
        "$4.76 an hour. Its GPUs do useful work 30% of the time, rents then fall 17% a year, "
        "and it has $2 million in the bank and no income yet. Assumptions: the loan terms, "
        "the utilisation, the cash, a 20% idle draw and a 50% resale value after 3 years.",
        values=_STARTUP_2023,
        sources=_STARTUP_SOURCES,
    ),
    "startup-rents-2023": Preset(
        label="The same start-up rents instead (2023)",
        description="The same company, cash and workload as the 2023 purchase; the "
        "calculator always shows both paths, and here the renting column is the choice it "
        "made: it pays $4.76 an hour, falling 17% a year, only for the 30% of hours it uses, "
        "and keeps its cash longer.",
        values=_STARTUP_2023,
        sources=_STARTUP_SOURCES,
    ),
    "busy-cluster-2025": Preset(
        label="A well-used cluster where owning wins (2025)",
        description="An established firm buys 64 H100s in 2025 at $31,250 each, borrows at "
        "10% over five years, and keeps them busy 80% of the time for five years, against "
        "renting at $2.99 an hour falling 17% a year. Assumptions: the loan term, the "
        "20% idle draw and a 20% resale value after five years.",
        values={
            **_STARTUP_2023,
            "gpu_price": _figure("h100_price_2025"),
            "loan_rate": _figure("loan_rate_established"),
            "loan_years": _figure("loan_years_established"),
            "utilization": _figure("utilization_busy"),
            "rental_price": _figure("h100_rental_2025"),
            "colocation_per_kw_month": _figure("colocation_2024"),
            "resale_fraction": _figure("resale_5_years"),
            "horizon_months": 60,
            "starting_cash": "",
        },
        sources=_sources(
            "h100_price_2025",
            "h100_rental_2025",
            "rental_decline",
            "loan_rate_established",
            "loan_years_established",
            "utilization_busy",
            "cluster_overhead",
            "colocation_2024",
            "electricity_price",
            "resale_5_years",
        ),
    ),
}


def validate(inputs: Inputs, lang: str = "en") -> list[FieldError]:
    """A chip without a catalogue price needs the price typed in."""
    gpu = catalogue()[inputs.gpu]
    errors: list[FieldError] = []
    if inputs.gpu_price is None and gpu["purchase"] is None:
        errors.append(
            {
                "field": "gpu_price",
                "message": say(
                    lang,
                    N_(
                        "'gpu_price' is required: our catalogue has no sourced purchase "
                        "price for the {gpu}"
                    ),
                    gpu=gpu["name"],
                ),
            }
        )
    if inputs.rental_price is None and gpu["rental"] is None:
        errors.append(
            {
                "field": "rental_price",
                "message": say(
                    lang,
                    N_(
                        "'rental_price' is required: our catalogue has no sourced rental "
                        "price for the {gpu}"
                    ),
                    gpu=gpu["name"],
                ),
            }
        )
    return errors


def loan_months(inputs: Inputs) -> int:
    """The loan term in whole months.

    >>> loan_months(Inputs(loan_years=3.5))
    42
    """
    return max(1, round(inputs.loan_years * MONTHS_PER_YEAR))


def annuity_payment(principal: float, annual_rate: float, months: int) -> float:
    """The equal monthly payment that repays `principal` at `annual_rate` / 12.

    Written with log1p and expm1 so that tiny rates stay accurate.

    >>> round(annuity_payment(100_000, 0.12, 12), 2)
    8884.88
    >>> annuity_payment(1200, 0.0, 12)
    100.0
    """
    rate = annual_rate / MONTHS_PER_YEAR
    if rate * months < TINY_RATE:
        # First-order expansion: exact to about (rate x months)^2, and safe for denormals.
        return principal / months * (1 + rate * (months + 1) / 2)
    return principal * rate / -math.expm1(-months * math.log1p(rate))


def loan_balance(principal: float, annual_rate: float, months: int, paid: int) -> float:
    """What is still owed after `paid` of `months` equal payments.

    >>> round(loan_balance(100_000, 0.12, 12, 6), 2)
    51492.11
    >>> loan_balance(1200, 0.0, 12, 3), loan_balance(1200, 0.12, 12, 12)
    (900.0, 0.0)
    """
    if paid >= months:
        return 0.0
    rate = annual_rate / MONTHS_PER_YEAR
    if rate * months < TINY_RATE:
        return principal * (months - paid) / months * (1 + rate * paid / 2)
    growth = math.log1p(rate)
    # P ((1+r)^n - (1+r)^k) / ((1+r)^n - 1), exact at both ends.
    full = math.expm1(months * growth)
    return principal * (full - math.expm1(paid * growth)) / full


def _prices(inputs: Inputs) -> tuple[float, float, float]:
    """GPU price, rental price and rated kW per GPU (validated inputs only)."""
    gpu = catalogue()[inputs.gpu]
    gpu_price = inputs.gpu_price
    if gpu_price is None:
        gpu_price = float(gpu["purchase"]["usd"])
    rental_price = inputs.rental_price
    if rental_price is None:
        rental_price = float(gpu["rental"]["usd_per_hour"])
    return gpu_price, rental_price, gpu["tdp_w"] / 1000


def running_cost_per_month(inputs: Inputs) -> float:
    """Electricity and colocation of the owned GPUs, one month.

    >>> round(running_cost_per_month(Inputs(num_gpus=1, utilization=1, avg_power_fraction=1,
    ...     pue=1, electricity_price=0.1, colocation_per_kw_month=100)), 2)
    121.1
    """
    _, _, kilowatts = _prices(inputs)
    power = kilowatts * inputs.num_gpus
    draw = (
        inputs.utilization * inputs.avg_power_fraction
        + (1 - inputs.utilization) * inputs.idle_power_fraction
    )
    electricity = power * draw * inputs.pue * HOURS_PER_MONTH * inputs.electricity_price
    return electricity + power * inputs.colocation_per_kw_month


def rent_per_month(inputs: Inputs) -> list[float]:
    """The rental bill of each month of the horizon.

    >>> rent_per_month(Inputs(num_gpus=2, utilization=0.5, rental_price=2,
    ...                       rental_price_decline=0, horizon_months=2))
    [1460.0, 1460.0]
    """
    _, price, _ = _prices(inputs)
    base = inputs.num_gpus * HOURS_PER_MONTH * inputs.utilization * price
    return [base * factor for factor in _decline_factors(inputs)]


def _decline_factors(inputs: Inputs) -> list[float]:
    keep = 1 - inputs.rental_price_decline
    return [keep ** (month / MONTHS_PER_YEAR) for month in range(inputs.horizon_months)]


def rent_total(inputs: Inputs) -> float:
    """Renting over the horizon: the monthly base times the summed price factors.

    With no decline every factor is exactly 1, so this is exactly
    GPUs x 730 x utilisation x price x horizon.

    >>> rent_total(Inputs(num_gpus=64, utilization=0.5, rental_price=2,
    ...                   rental_price_decline=0, horizon_months=12))
    560640.0
    """
    _, price, _ = _prices(inputs)
    base = inputs.num_gpus * HOURS_PER_MONTH * inputs.utilization * price
    return base * math.fsum(_decline_factors(inputs))


@dataclass(frozen=True)
class _Owning:
    purchase: float
    principal: float
    down_payment: float
    payment: float
    payments_in_horizon: int
    balance_at_horizon: float
    running: float
    resale: float
    horizon: int

    @property
    def total(self) -> float:
        return (
            self.down_payment
            + self.payment * self.payments_in_horizon
            + self.balance_at_horizon
            + self.running * self.horizon
            - self.resale
        )


def _owning(inputs: Inputs) -> _Owning:
    gpu_price, _, _ = _prices(inputs)
    purchase = inputs.num_gpus * gpu_price * (1 + inputs.cluster_overhead)
    principal = purchase * (1 - inputs.down_payment)
    months = loan_months(inputs)
    paid = min(months, inputs.horizon_months)
    return _Owning(
        purchase=purchase,
        principal=principal,
        down_payment=purchase * inputs.down_payment,
        payment=annuity_payment(principal, inputs.loan_rate, months),
        payments_in_horizon=paid,
        balance_at_horizon=loan_balance(principal, inputs.loan_rate, months, paid),
        running=running_cost_per_month(inputs),
        resale=inputs.resale_fraction * inputs.num_gpus * gpu_price,
        horizon=inputs.horizon_months,
    )


def own_total(inputs: Inputs) -> float:
    """Owning over the horizon, with the balance owed counted and the resale value deducted.

    >>> own_total(Inputs(num_gpus=1, gpu_price=1000, cluster_overhead=0, down_payment=1,
    ...     utilization=0, idle_power_fraction=0, colocation_per_kw_month=0,
    ...     resale_fraction=0.25))
    750.0
    """
    return _owning(inputs).total


def break_even_utilization(inputs: Inputs) -> float | None:
    """The utilisation at which owning and renting cost the same, or None outside 0 to 1.

    Both totals are straight lines in the utilisation u: owning = a + b u (only
    electricity depends on u), renting = c u; so u = a / (c - b).

    >>> round(break_even_utilization(Inputs(rental_price_decline=0)), 4)
    0.4817
    """
    fixed = own_total(replace(inputs, utilization=0.0))
    own_slope = own_total(replace(inputs, utilization=1.0)) - fixed
    gap = rent_total(replace(inputs, utilization=1.0)) - own_slope
    if fixed <= 0 or gap <= 0 or fixed > gap:
        return None
    return fixed / gap


def _cumulative(values: list[float]) -> list[float]:
    running = 0.0
    totals = []
    for value in values:
        running += value
        totals.append(running)
    return totals


def own_per_month(inputs: Inputs) -> list[float]:
    """Cash spent on owning in each month: down payment in month 0, payments, running costs.

    >>> own_per_month(Inputs(num_gpus=1, gpu_price=1000, cluster_overhead=0,
    ...     down_payment=0.4, loan_rate=0, loan_years=0.5, idle_power_fraction=0,
    ...     utilization=0, colocation_per_kw_month=0, horizon_months=7))
    [500.0, 100.0, 100.0, 100.0, 100.0, 100.0, 0.0]
    """
    owning = _owning(inputs)
    months = loan_months(inputs)
    spent = []
    for month in range(inputs.horizon_months):
        payment = owning.payment if month < months else 0.0
        spent.append(payment + owning.running + (owning.down_payment if month == 0 else 0.0))
    return spent


def runway(inputs: Inputs, cumulative: list[float]) -> int | None:
    """First month whose closing cash is below zero, or None (no cash given, or never).

    >>> runway(Inputs(starting_cash=250, monthly_income=0), [100.0, 200.0, 300.0])
    2
    >>> runway(Inputs(starting_cash=None), [100.0]) is None
    True
    """
    if inputs.starting_cash is None:
        return None
    for month, spent in enumerate(cumulative):
        if inputs.starting_cash + inputs.monthly_income * (month + 1) - spent < 0:
            return month
    return None


def _per_used_hour(total: float, inputs: Inputs) -> float | None:
    used_hours = inputs.num_gpus * HOURS_PER_MONTH * inputs.utilization * inputs.horizon_months
    if used_hours == 0:
        return None
    value = total / used_hours
    # A utilisation close to zero makes the cost of each used hour unbounded.
    return value if math.isfinite(value) else None


def compute(inputs: Inputs) -> Result:
    """Both paths over the horizon.

    Examples
    --------
    >>> r = compute(Inputs())
    >>> r.cheaper, r.runway_months_own, r.runway_months_rent
    ('rent', 17, None)
    >>> f"{r.monthly_payment_usd:,.0f}"
    '73,679'
    """
    gpu_price, rental_price, _ = _prices(inputs)
    owning = _owning(inputs)
    own = owning.total
    rent = rent_total(inputs)
    own_cumulative = _cumulative(own_per_month(inputs))
    rent_cumulative = _cumulative(rent_per_month(inputs))
    interest = owning.payment * owning.payments_in_horizon - (
        owning.principal - owning.balance_at_horizon
    )
    return Result(
        own_total_usd=own,
        rent_total_usd=rent,
        break_even_utilization=break_even_utilization(inputs),
        cheaper="own" if own < rent else "rent",
        runway_months_own=runway(inputs, own_cumulative),
        runway_months_rent=runway(inputs, rent_cumulative),
        purchase_usd=owning.purchase,
        loan_principal_usd=owning.principal,
        monthly_payment_usd=owning.payment,
        # Rounding can leave a few ulps below zero at a zero rate; interest is never negative.
        interest_paid_usd=max(0.0, interest),
        loan_balance_at_horizon_usd=owning.balance_at_horizon,
        resale_value_usd=owning.resale,
        own_running_monthly_usd=owning.running,
        own_cost_per_used_gpu_hour=_per_used_hour(own, inputs),
        rent_cost_per_used_gpu_hour=_per_used_hour(rent, inputs),
        gpu_price_used=gpu_price,
        rental_price_used=rental_price,
        own_cumulative_usd=own_cumulative,
        rent_cumulative_usd=rent_cumulative,
    )


def notes(inputs: Inputs, result: Result, lang: str = "en") -> list[str]:
    """Plain-language remarks: what is n/a and why, and what the reader should notice."""
    said = []
    months = loan_months(inputs)
    if result.break_even_utilization is None:
        if own_total(replace(inputs, utilization=0.0)) <= 0:
            said.append(N_("Owning is cheaper even if the GPUs never work: no break-even to show."))
        else:
            said.append(
                N_("Renting is cheaper at any utilisation up to 100%: no break-even to show.")
            )
    if inputs.starting_cash is None:
        said.append(N_("Enter starting cash to see how many months each path can be paid for."))
    else:
        runways = (
            (N_("owning"), result.runway_months_own),
            (N_("renting"), result.runway_months_rent),
        )
        for path, month in runways:
            if month is None:
                said.append(
                    say(
                        lang,
                        N_("On the {path} path the cash lasts the whole horizon."),
                        path=translate(path, lang),
                    )
                )
            else:
                said.append(
                    say(
                        lang,
                        N_(
                            "On the {path} path the cash runs out in month {month} "
                            "(after {full} full months)."
                        ),
                        path=translate(path, lang),
                        month=month + 1,
                        full=month,
                    )
                )
    if months > inputs.horizon_months:
        owed = format_value(result.loan_balance_at_horizon_usd, "usd", lang)
        said.append(
            say(
                lang,
                N_(
                    "The loan runs {months} months past the horizon: the {owed} still owed "
                    "is counted in owning's total."
                ),
                months=months - inputs.horizon_months,
                owed=owed,
            )
        )
    if inputs.utilization == 0:
        said.append(N_("No GPU-hours are used, so the costs per GPU-hour used are n/a."))
    gpu = catalogue()[inputs.gpu]
    if "note" in gpu:
        said.append(gpu["note"])
    return said


def sensitivity(inputs: Inputs, result: Result) -> dict[str, Any]:
    """Both totals against the utilisation, with the break-even marked."""
    shares = list(SENSITIVITY_UTILIZATION)
    owned = [own_total(replace(inputs, utilization=u)) for u in shares]
    rented = [rent_total(replace(inputs, utilization=u)) for u in shares]
    points = []
    if result.break_even_utilization is not None:
        at = replace(inputs, utilization=result.break_even_utilization)
        points.append((N_("Break-even"), [result.break_even_utilization], [rent_total(at)]))
    return _charts.paths_chart(
        title=N_("Total cost against utilisation"),
        x=shares,
        series={N_("Owning (USD)"): owned, N_("Renting (USD)"): rented},
        x_title=N_("Utilisation (share of hours the GPUs do useful work)"),
        y_title=N_("USD over the horizon"),
        points=points,
    )


def chart(inputs: Inputs, result: Result) -> dict[str, Any]:
    """Cumulative spending of both paths by month, with the month the cash runs out."""
    months = [float(m) for m in range(inputs.horizon_months)]
    dashed = {}
    points = []
    if inputs.starting_cash is not None:
        dashed[N_("Cash available")] = [
            inputs.starting_cash + inputs.monthly_income * (m + 1)
            for m in range(inputs.horizon_months)
        ]
        for label, month, spent in (
            (N_("Owning runs out of cash"), result.runway_months_own, result.own_cumulative_usd),
            (N_("Renting runs out of cash"), result.runway_months_rent, result.rent_cumulative_usd),
        ):
            if month is not None:
                points.append((label, [float(month)], [spent[month]]))
    return _charts.paths_chart(
        title=N_("Cumulative spending: owning vs renting"),
        x=months,
        series={
            N_("Owning (USD)"): result.own_cumulative_usd,
            N_("Renting (USD)"): result.rent_cumulative_usd,
        },
        x_title=N_("Month"),
        y_title=N_("USD spent so far"),
        dashed=dashed,
        points=points,
    )
