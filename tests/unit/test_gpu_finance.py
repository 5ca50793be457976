"""GPU finance: numpy-financial as the oracle, an independent cash simulation, properties."""

from __future__ import annotations

import dataclasses
import itertools
import json
import math
import warnings

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import calculators
from calculators import gpu_finance
from calculators.__main__ import main
from calculators.gpu_finance import (
    HOURS_PER_MONTH,
    Inputs,
    annuity_payment,
    compute,
    loan_balance,
    loan_months,
)
from calculators.training_cost import catalogue

from .strategies import valid_mapping

NAME = "gpu_finance"
rates = st.one_of(st.just(0.0), st.floats(1e-4, 1))
# Chips with a catalogue purchase and rental price, so no price has to be typed in.
priced_gpus = [
    key
    for key, gpu in catalogue().items()
    if gpu["tdp_w"] is not None and gpu["purchase"] is not None and gpu["rental"] is not None
]
scenarios = st.builds(
    Inputs,
    gpu=st.sampled_from(priced_gpus),
    num_gpus=st.integers(1, 100_000),
    gpu_price=st.one_of(st.none(), st.floats(0, 200_000)),
    cluster_overhead=st.floats(0, 2),
    down_payment=st.floats(0, 1),
    loan_rate=rates,
    loan_years=st.floats(0.5, 30),
    utilization=st.floats(0, 1),
    rental_price=st.one_of(st.none(), st.floats(0, 50)),
    rental_price_decline=st.floats(0, 0.95),
    avg_power_fraction=st.floats(0.05, 1.5),
    idle_power_fraction=st.floats(0, 1.5),
    pue=st.floats(1, 3),
    electricity_price=st.floats(0, 1),
    colocation_per_kw_month=st.floats(0, 1000),
    resale_fraction=st.floats(0, 1),
    horizon_months=st.integers(1, 240),
    starting_cash=st.one_of(st.none(), st.floats(0, 1e10)),
    monthly_income=st.floats(0, 1e7),
)


def _run(inputs: Inputs) -> dict[str, object]:
    result = calculators.run(NAME, dataclasses.asdict(inputs))
    assert result["ok"], result
    return result


@given(
    principal=st.floats(0, 1e12),
    annual_rate=rates,
    months=st.integers(1, 360),
)
def test_monthly_payment_equals_numpy_financial_pmt(
    principal: float, annual_rate: float, months: int
) -> None:
    npf = pytest.importorskip("numpy_financial")
    with warnings.catch_warnings():  # numpy evaluates both branches of its zero-rate case
        warnings.simplefilter("ignore", RuntimeWarning)
        expected = -float(npf.pmt(annual_rate / 12, months, principal))
    assert annuity_payment(principal, annual_rate, months) == pytest.approx(
        expected, rel=1e-9, abs=1e-9
    )


@given(inputs=scenarios)
def test_compute_uses_the_pmt_payment_and_fv_balance(inputs: Inputs) -> None:
    npf = pytest.importorskip("numpy_financial")
    result = compute(inputs)
    months = loan_months(inputs)
    rate = inputs.loan_rate / 12
    paid = min(months, inputs.horizon_months)
    with warnings.catch_warnings():  # numpy evaluates both branches of its zero-rate case
        warnings.simplefilter("ignore", RuntimeWarning)
        payment = -float(npf.pmt(rate, months, result.loan_principal_usd))
        # numpy-financial's sign convention: money received is positive, paid is negative.
        balance = -float(npf.fv(rate, paid, -payment, result.loan_principal_usd))
    assert result.monthly_payment_usd == pytest.approx(payment, rel=1e-9, abs=1e-9)
    # The oracle subtracts two numbers of the size principal x (1 + rate)^paid.
    scale = max(1.0, result.loan_principal_usd * (1 + rate) ** paid)
    assert result.loan_balance_at_horizon_usd == pytest.approx(balance, abs=1e-9 * scale)


def test_hand_worked_loan() -> None:
    # 100,000 at 12% a year over 12 months: numpy-financial's pmt(0.01, 12, 100000).
    assert annuity_payment(100_000, 0.12, 12) == pytest.approx(8884.878867834168)
    assert loan_balance(100_000, 0.12, 12, 6) == pytest.approx(51492.106458019865)
    assert loan_balance(100_000, 0.12, 12, 12) == 0.0
    assert annuity_payment(1200, 0.0, 12) == 100.0


def _gross_scale(result: gpu_finance.Result) -> float:
    """The size of the sums that make up the totals (relative errors are of these)."""
    return max(
        1.0,
        result.purchase_usd * 2,
        result.rent_total_usd,
        result.own_running_monthly_usd * len(result.own_cumulative_usd),
    )


@given(inputs=scenarios)
def test_totals_agree_at_the_break_even_utilisation(inputs: Inputs) -> None:
    even = compute(inputs).break_even_utilization
    assume(even is not None)
    assert even is not None
    assert 0 <= even <= 1
    at = compute(dataclasses.replace(inputs, utilization=even))
    assert at.own_total_usd == pytest.approx(
        at.rent_total_usd, rel=1e-9, abs=1e-9 * _gross_scale(at)
    )


@pytest.mark.parametrize("preset", list(gpu_finance.PRESETS))
def test_presets_break_even_to_1e_9(preset: str) -> None:
    result = calculators.run(NAME, {"preset": preset})
    even = result["outputs"]["break_even_utilization"]
    assert even is not None
    at = calculators.run(NAME, {"preset": preset, "utilization": even})["outputs"]
    assert at["own_total_usd"] == pytest.approx(at["rent_total_usd"], rel=1e-9)


@given(inputs=scenarios)
def test_without_decline_rent_is_exactly_gpus_hours_use_price_months(inputs: Inputs) -> None:
    flat = dataclasses.replace(inputs, rental_price_decline=0.0)
    result = compute(flat)
    expected = (
        flat.num_gpus
        * HOURS_PER_MONTH
        * flat.utilization
        * result.rental_price_used
        * flat.horizon_months
    )
    assert result.rent_total_usd == expected


@given(inputs=scenarios, other=st.floats(0, 1))
def test_more_utilisation_never_lowers_rent_and_never_changes_the_loan(
    inputs: Inputs, other: float
) -> None:
    low, high = sorted((inputs.utilization, other))
    less = compute(dataclasses.replace(inputs, utilization=low))
    more = compute(dataclasses.replace(inputs, utilization=high))
    assert more.rent_total_usd >= less.rent_total_usd
    for loan_figure in (
        "purchase_usd",
        "loan_principal_usd",
        "monthly_payment_usd",
        "interest_paid_usd",
        "loan_balance_at_horizon_usd",
    ):
        assert getattr(more, loan_figure) == getattr(less, loan_figure), loan_figure


def _simulate_runways(inputs: Inputs) -> tuple[int | None, int | None, float]:
    """Month-by-month cash on both paths, from the issue's definitions, not the module's helpers.

    Returns both runways and the smallest |cash| seen (to skip knife-edge cases).
    """
    gpu = catalogue()[inputs.gpu]
    price = inputs.gpu_price if inputs.gpu_price is not None else gpu["purchase"]["usd"]
    rent_price = inputs.rental_price
    if rent_price is None:
        rent_price = gpu["rental"]["usd_per_hour"]
    kilowatts = gpu["tdp_w"] / 1000 * inputs.num_gpus
    purchase = inputs.num_gpus * price * (1 + inputs.cluster_overhead)
    principal = purchase * (1 - inputs.down_payment)
    months = max(1, round(inputs.loan_years * 12))
    rate = inputs.loan_rate / 12
    payment = principal / months if rate == 0 else principal * rate / (1 - (1 + rate) ** -months)
    busy_share = inputs.utilization
    draw = busy_share * inputs.avg_power_fraction + (1 - busy_share) * inputs.idle_power_fraction
    electricity = kilowatts * draw * inputs.pue * 730 * inputs.electricity_price
    colocation = kilowatts * inputs.colocation_per_kw_month
    assert inputs.starting_cash is not None
    own_cash = rent_cash = inputs.starting_cash
    own_runway = rent_runway = None
    closest = math.inf
    for month in range(inputs.horizon_months):
        own_cash += inputs.monthly_income
        rent_cash += inputs.monthly_income
        if month == 0:
            own_cash -= purchase * inputs.down_payment
        if month < months:
            own_cash -= payment
        own_cash -= electricity + colocation
        rent_cash -= (
            inputs.num_gpus
            * 730
            * busy_share
            * rent_price
            * (1 - inputs.rental_price_decline) ** (month / 12)
        )
        closest = min(closest, abs(own_cash), abs(rent_cash))
        if own_runway is None and own_cash < 0:
            own_runway = month
        if rent_runway is None and rent_cash < 0:
            rent_runway = month
    return own_runway, rent_runway, closest


@given(inputs=scenarios, cash=st.floats(0, 1e9))
def test_runways_agree_with_an_independent_cash_simulation(inputs: Inputs, cash: float) -> None:
    inputs = dataclasses.replace(inputs, starting_cash=cash)
    own_runway, rent_runway, closest = _simulate_runways(inputs)
    # Different summation orders may disagree on the sign of a balance within rounding.
    assume(closest > 1e-6 * max(1.0, cash, compute(inputs).purchase_usd))
    result = compute(inputs)
    assert (result.runway_months_own, result.runway_months_rent) == (own_runway, rent_runway)


def test_preset_runways_against_the_simulation() -> None:
    inputs = Inputs(rental_price=4.76)
    own_runway, rent_runway, _ = _simulate_runways(inputs)
    result = compute(inputs)
    assert own_runway == result.runway_months_own == 17
    assert rent_runway == result.runway_months_rent is None


BAD_VALUES = {
    "gpu": "abacus",
    "num_gpus": "2.5",
    "gpu_price": "-1",
    "cluster_overhead": "lots",
    "down_payment": "1.5",
    "loan_rate": "200%",
    "loan_years": "0",
    "utilization": "1.01",
    "rental_price": "1e999",
    "rental_price_decline": "1",
    "avg_power_fraction": "0",
    "idle_power_fraction": "-0.1",
    "pue": "0.9",
    "electricity_price": "nan",
    "colocation_per_kw_month": "x",
    "resale_fraction": "2",
    "horizon_months": "0",
    "starting_cash": "-5",
    "monthly_income": "",
}


def test_every_field_has_a_bad_value_here() -> None:
    assert set(BAD_VALUES) == {f["name"] for f in calculators.schema(NAME)["fields"]}


def test_every_bad_field_is_reported_at_once() -> None:
    result = calculators.run(NAME, BAD_VALUES)
    assert result["ok"] is False
    by_field = {e["field"]: e["message"] for e in result["errors"]}
    assert set(by_field) == set(BAD_VALUES)
    for field, message in by_field.items():
        assert message.startswith(f"'{field}' "), message
    assert by_field["utilization"] == "'utilization' must be between 0 and 1 (got 1.01)"
    assert by_field["monthly_income"] == "'monthly_income' is required"


@pytest.mark.parametrize(("field", "value"), list(BAD_VALUES.items()))
def test_each_bad_value_alone_names_its_field(field: str, value: str) -> None:
    result = calculators.run(NAME, {field: value})
    assert [e["field"] for e in result["errors"]] == [field]


def test_a_chip_without_catalogue_prices_asks_for_them() -> None:
    refused = calculators.run(NAME, {"gpu": "b200"})
    assert {e["field"] for e in refused["errors"]} == {"gpu_price", "rental_price"}
    accepted = calculators.run(NAME, {"gpu": "b200", "gpu_price": "47k", "rental_price": "3.2"})
    assert accepted["ok"]
    assert accepted["outputs"]["gpu_price_used"] == 47_000


@pytest.mark.parametrize("preset", [None, *gpu_finance.PRESETS])
def test_results_are_strict_json(preset: str | None) -> None:
    result = calculators.run(NAME, {"preset": preset} if preset else {})
    assert json.loads(json.dumps(result, allow_nan=False)) == result


@given(data=st.data())
def test_properties_over_the_allowed_ranges(data: st.DataObject) -> None:
    result = calculators.run(NAME, data.draw(valid_mapping(NAME)))
    if not result["ok"]:
        assert {e["field"] for e in result["errors"]} <= {"gpu_price", "rental_price"}
        return
    json.dumps(result, allow_nan=False)
    inputs, outputs = result["inputs"], result["outputs"]
    horizon = inputs["horizon_months"]
    assert len(outputs["own_cumulative_usd"]) == len(outputs["rent_cumulative_usd"]) == horizon
    assert outputs["cheaper"] in ("own", "rent")
    assert (outputs["cheaper"] == "own") == (outputs["own_total_usd"] < outputs["rent_total_usd"])
    assert outputs["rent_total_usd"] >= 0
    assert outputs["interest_paid_usd"] >= 0
    assert (
        0 <= outputs["loan_balance_at_horizon_usd"] <= outputs["loan_principal_usd"] * (1 + 1e-12)
    )
    even = outputs["break_even_utilization"]
    assert even is None or 0 <= even <= 1
    for path in ("own", "rent"):
        cumulative = outputs[f"{path}_cumulative_usd"]
        assert all(b >= a for a, b in itertools.pairwise(cumulative))
        month = outputs[f"runway_months_{path}"]
        if inputs["starting_cash"] is None:
            assert month is None
        elif month is not None:
            assert 0 <= month < horizon
    # Owning's total = cash spent + what is still owed - what the GPUs sell for.
    spent = outputs["own_cumulative_usd"][-1]
    expected = spent + outputs["loan_balance_at_horizon_usd"] - outputs["resale_value_usd"]
    scale = max(1.0, spent, outputs["resale_value_usd"])
    assert outputs["own_total_usd"] == pytest.approx(expected, abs=1e-9 * scale)


def test_not_applicable_outputs_are_null_with_a_note() -> None:
    no_cash = calculators.run(NAME, {"starting_cash": ""})
    assert no_cash["outputs"]["runway_months_own"] is None
    assert no_cash["outputs"]["runway_months_rent"] is None
    assert any("starting cash" in note for note in no_cash["notes"])

    renting_always = calculators.run(NAME, {"rental_price": "0.5"})
    assert renting_always["outputs"]["break_even_utilization"] is None
    assert any("Renting is cheaper at any utilisation" in n for n in renting_always["notes"])

    free_to_own = calculators.run(
        NAME,
        {
            "cluster_overhead": "0",
            "down_payment": "1",
            "resale_fraction": "1",
            "idle_power_fraction": "0",
            "colocation_per_kw_month": "0",
        },
    )
    assert free_to_own["outputs"]["break_even_utilization"] is None
    assert any("Owning is cheaper even if" in n for n in free_to_own["notes"])

    idle = calculators.run(NAME, {"utilization": "0"})
    assert idle["outputs"]["own_cost_per_used_gpu_hour"] is None
    assert idle["outputs"]["rent_cost_per_used_gpu_hour"] is None
    assert idle["display"]["own_cost_per_used_gpu_hour"] == "n/a"


def test_the_presets_tell_the_story() -> None:
    bought = calculators.run(NAME, {"preset": "startup-buys-2023"})["outputs"]
    assert bought["cheaper"] == "rent"
    assert bought["runway_months_own"] is not None
    assert bought["runway_months_rent"] is None or (
        bought["runway_months_rent"] > bought["runway_months_own"]
    )
    busy = calculators.run(NAME, {"preset": "busy-cluster-2025"})["outputs"]
    assert busy["cheaper"] == "own"
    assert busy["break_even_utilization"] < 0.8


def test_every_preset_figure_has_a_source_and_a_date() -> None:
    for key, figure in gpu_finance.figures().items():
        assert isinstance(figure["value"], int | float), key
        assert figure["source"]["url"].startswith("https://"), key
        assert figure["as_of"], key
        assert figure["kind"] in ("sourced", "derived", "assumption"), key
        assert figure["note"], key
    for point in gpu_finance.rental_history():
        assert point["source"]["url"].startswith("https://")
        assert point["date"]
    for preset in gpu_finance.PRESETS.values():
        assert preset.sources


def test_cli_json_with_a_preset(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([NAME, "--preset", "busy-cluster-2025", "--json"]) == 0
    result = json.loads(capsys.readouterr().out, parse_constant=pytest.fail)
    assert result["preset"] == "busy-cluster-2025"
    assert result["outputs"]["cheaper"] == "own"
    assert len(result["outputs"]["own_cumulative_usd"]) == 60


def test_cli_table_shows_the_text_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([NAME, "--preset", "startup-buys-2023"]) == 0
    rows = {
        line.split("  ")[0]: line.split("  ")[-1].strip()
        for line in capsys.readouterr().out.splitlines()
        if line and not line.startswith("Note")
    }
    assert rows["Cheaper path"] == "rent"
    assert rows["Months until the cash runs out, owning"].endswith("months")
