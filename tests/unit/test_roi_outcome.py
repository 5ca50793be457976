"""ROI on the per-outcome basis: hand-worked figures, equivalence with the monthly
basis, the break-even success rate, errors, notes and the sourced presets."""

from __future__ import annotations

import dataclasses
import json
import math
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

import calculators
from calculators import roi
from calculators._data import load
from calculators.roi import Inputs, compute

PER_OUTCOME_FIELDS = (
    "outcomes_per_month",
    "success_rate",
    "minutes_saved_per_outcome",
    "hourly_cost",
    "tokens_per_outcome",
    "price_per_million_tokens",
    "review_minutes_per_outcome",
    "cost_per_failure",
    "other_monthly_cost",
)
NEW_OUTPUTS = (
    "monthly_cost_usd",
    "monthly_benefit_usd",
    "token_cost_monthly_usd",
    "token_share_of_cost",
    "cost_per_outcome_usd",
    "value_per_outcome_usd",
    "break_even_success_rate",
)
# 1,000 attempts, half succeed, 6 minutes saved at $60 an hour; 2,000 tokens at $5 per
# million; 1 minute of review each; a failure costs $2; $100 a month besides.
HAND_WORKED = {
    "basis": "per_outcome",
    "outcomes_per_month": "1,000",
    "success_rate": "50%",
    "minutes_saved_per_outcome": "6",
    "hourly_cost": "$60",
    "tokens_per_outcome": "2k",
    "price_per_million_tokens": "5",
    "review_minutes_per_outcome": "1",
    "cost_per_failure": "2",
    "other_monthly_cost": "100",
    "upfront_cost": "5000",
    "ramp_months": "0",
    "horizon_months": "12",
    "discount_rate": "0",
}


def test_hand_worked_outcome() -> None:
    result = calculators.run("roi", HAND_WORKED)
    assert result["ok"], result
    out = result["outputs"]
    token = 1000 * 2000 * 5 / 1e6  # $10
    review = 1000 * 1 / 60 * 60  # $1,000
    failure = 1000 * 0.5 * 2  # $1,000
    cost = token + review + failure + 100  # $2,110
    benefit = 1000 * 0.5 * 6 / 60 * 60  # $3,000
    assert out["token_cost_monthly_usd"] == pytest.approx(token)
    assert out["monthly_cost_usd"] == pytest.approx(cost)
    assert out["monthly_benefit_usd"] == pytest.approx(benefit)
    assert out["token_share_of_cost"] == pytest.approx(10 / 2110)
    assert out["cost_per_outcome_usd"] == pytest.approx(2110 / 500)
    assert out["value_per_outcome_usd"] == pytest.approx(6.0)
    # 1,000 s 6 = 10 + 1,000 + 1,000 (1 - s) 2 + 100, so s = 3,110 / 8,000
    assert out["break_even_success_rate"] == pytest.approx(3110 / 8000)
    # The monthly figures drive the cash flows: 12 months of $890 net after $5,000.
    assert out["cash_flows"] == pytest.approx([-5000.0] + [890.0] * 12)
    assert out["npv_usd"] == pytest.approx(12 * 890 - 5000)
    assert out["payback_month"] == 6
    assert out["total_cost_usd"] == pytest.approx(5000 + 12 * 2110)
    assert result["display"]["break_even_success_rate"] == "38.9%"
    assert result["display"]["cost_per_outcome_usd"] == "$4.22"


def test_monthly_basis_leaves_per_outcome_outputs_empty_and_says_why() -> None:
    result = calculators.run("roi", {})
    out = result["outputs"]
    assert out["monthly_cost_usd"] == 3000
    assert out["monthly_benefit_usd"] == 12000
    for name in NEW_OUTPUTS[2:]:
        assert out[name] is None, name
        assert result["display"][name] == "n/a"
    assert any("need basis = per_outcome" in note for note in result["notes"])
    assert not any("ignored" in note for note in result["notes"])


def test_fields_of_the_other_basis_are_ignored_with_a_note() -> None:
    given_fields = {"success_rate": "0.5", "cost_per_failure": "3", "hourly_cost": "27.2"}
    monthly = calculators.run("roi", given_fields)
    assert monthly["outputs"] == calculators.run("roi", {})["outputs"]
    # hourly_cost equals its default, so it cannot be told apart from "not given".
    assert (
        "With basis = monthly, these values are ignored: success_rate, cost_per_failure."
        in (monthly["notes"])
    )
    per_outcome = calculators.run(
        "roi", {"basis": "per_outcome", "monthly_cost": "1", "monthly_benefit": "2"}
    )
    assert per_outcome["outputs"] == calculators.run("roi", {"basis": "per_outcome"})["outputs"]
    assert (
        "With basis = per_outcome, these values are ignored: monthly_cost, monthly_benefit."
        in per_outcome["notes"]
    )


def test_every_bad_new_field_is_reported_at_once() -> None:
    result = calculators.run(
        "roi",
        {
            "basis": "yearly",
            "outcomes_per_month": "0",
            "success_rate": "1.5",
            "minutes_saved_per_outcome": "-1",
            "hourly_cost": "lots",
            "tokens_per_outcome": "1e11",
            "price_per_million_tokens": "1e999",
            "review_minutes_per_outcome": "-0.5",
            "cost_per_failure": "",
            "other_monthly_cost": "-3",
        },
    )
    assert result["ok"] is False
    assert {e["field"]: e["message"] for e in result["errors"]} == {
        "basis": "'basis' must be one of monthly, per_outcome (got 'yearly')",
        "outcomes_per_month": "'outcomes_per_month' must be greater than 0 (got 0)",
        "success_rate": "'success_rate' must be at most 1 (got 1.5)",
        "minutes_saved_per_outcome": "'minutes_saved_per_outcome' must be between 0 and "
        "100000 (got -1)",
        "hourly_cost": "'hourly_cost' must be a number (got 'lots')",
        "tokens_per_outcome": "'tokens_per_outcome' must be between 0 and 10000000000 "
        "(got 100000000000)",
        "price_per_million_tokens": "'price_per_million_tokens' must be a finite number",
        "review_minutes_per_outcome": "'review_minutes_per_outcome' must be between 0 and "
        "100000 (got -0.5)",
        "cost_per_failure": "'cost_per_failure' is required",
        "other_monthly_cost": "'other_monthly_cost' must be between 0 and 100000000000 (got -3)",
    }


def test_bad_per_outcome_fields_are_refused_on_the_monthly_basis_too() -> None:
    # Every field is validated whatever the basis: a bad value is never silently kept.
    result = calculators.run("roi", {"basis": "monthly", "success_rate": "0"})
    assert result["errors"] == [
        {"field": "success_rate", "message": "'success_rate' must be greater than 0 (got 0)"}
    ]


def test_schema_marks_which_basis_each_field_belongs_to() -> None:
    fields = {f["name"]: f for f in calculators.schema("roi")["fields"]}
    assert fields["basis"]["kind"] == "choice"
    assert fields["basis"]["default"] == "monthly"
    assert fields["basis"]["group"] == "main"
    assert fields["basis"]["shown_when"] is None
    for name in PER_OUTCOME_FIELDS:
        assert fields[name]["shown_when"] == {"field": "basis", "value": "per_outcome"}, name
    for name in ("monthly_cost", "monthly_benefit"):
        assert fields[name]["shown_when"] == {"field": "basis", "value": "monthly"}
    for name in ("upfront_cost", "ramp_months", "horizon_months", "discount_rate"):
        assert fields[name]["shown_when"] is None
    main = [name for name, f in fields.items() if f["group"] == "main"]
    assert main == [
        "basis",
        "upfront_cost",
        "monthly_cost",
        "monthly_benefit",
        "horizon_months",
        "success_rate",
    ]
    outputs = {o["name"]: o for o in calculators.schema("roi")["outputs"]}
    assert set(NEW_OUTPUTS) <= set(outputs)
    assert [o for o in outputs if outputs[o]["headline"]] == [
        "npv_usd",
        "irr_annual",
        "payback_month",
    ]


# Realistic per-outcome projects: amounts as budgets and studies write them.
outcome_projects = st.builds(
    Inputs,
    basis=st.just("per_outcome"),
    upfront_cost=st.integers(0, 1_000_000).map(float),
    ramp_months=st.integers(0, 24),
    horizon_months=st.integers(1, 120),
    discount_rate=st.floats(-0.2, 1),
    outcomes_per_month=st.floats(1, 1e6),
    success_rate=st.floats(0.01, 1),
    minutes_saved_per_outcome=st.floats(0, 600),
    hourly_cost=st.floats(0, 300),
    tokens_per_outcome=st.floats(0, 1e7),
    price_per_million_tokens=st.floats(0, 100),
    review_minutes_per_outcome=st.floats(0, 60),
    cost_per_failure=st.floats(0, 1000),
    other_monthly_cost=st.floats(0, 1e6),
)


@given(inputs=outcome_projects)
def test_per_outcome_equals_monthly_fed_the_derived_figures(inputs: Inputs) -> None:
    n, s = inputs.outcomes_per_month, inputs.success_rate
    cost = (
        n * inputs.tokens_per_outcome * inputs.price_per_million_tokens / 1e6
        + n * inputs.review_minutes_per_outcome / 60 * inputs.hourly_cost
        + n * (1 - s) * inputs.cost_per_failure
        + inputs.other_monthly_cost
    )
    benefit = n * s * inputs.minutes_saved_per_outcome / 60 * inputs.hourly_cost
    typed_in = replace(inputs, basis="monthly", monthly_cost=cost, monthly_benefit=benefit)
    bottom_up, monthly = compute(inputs), compute(typed_in)
    assert bottom_up.monthly_cost_usd == pytest.approx(cost, rel=1e-12)
    assert bottom_up.monthly_benefit_usd == pytest.approx(benefit, rel=1e-12)
    assert bottom_up.npv_usd == pytest.approx(monthly.npv_usd, rel=1e-9, abs=1e-6)
    assert bottom_up.payback_month == monthly.payback_month
    assert (bottom_up.irr_annual is None) == (monthly.irr_annual is None)
    if monthly.irr_annual is not None:
        assert bottom_up.irr_annual == pytest.approx(monthly.irr_annual, rel=1e-9, abs=1e-12)
    assert bottom_up.cash_flows == pytest.approx(monthly.cash_flows, rel=1e-12, abs=1e-9)


@given(inputs=outcome_projects)
def test_break_even_success_rate_balances_benefit_and_cost(inputs: Inputs) -> None:
    rate = roi.break_even_success_rate(inputs)
    best, cost, failures = roi._break_even_terms(inputs)  # at 100%; failures at 0%
    if rate is None:
        # Either even 100% loses, or no rate is needed (nothing is spent unless it pays).
        assert best < cost or cost + failures == 0
        return
    assert 0 < rate <= 1
    there = roi.monthly_figures(replace(inputs, success_rate=rate))
    # s is a float: one unit in its last place moves the failure cost by N f 2**-53,
    # so that term bounds how closely any float s can balance the two sides.
    assert there.benefit == pytest.approx(there.cost, rel=1e-9, abs=1e-12 * failures)
    result = compute(replace(inputs, success_rate=rate))
    assert result.cost_per_outcome_usd == pytest.approx(
        result.value_per_outcome_usd, rel=1e-9, abs=1e-12 * inputs.cost_per_failure / rate
    )


@pytest.mark.parametrize("preset", ["support-chats", "coding-assistant", "invoice-processing"])
def test_running_at_the_break_even_rate_balances_the_month(preset: str) -> None:
    rate = calculators.run("roi", {"preset": preset})["outputs"]["break_even_success_rate"]
    again = calculators.run("roi", {"preset": preset, "success_rate": rate})["outputs"]
    assert again["monthly_benefit_usd"] == pytest.approx(again["monthly_cost_usd"], rel=1e-9)


def test_break_even_at_the_edges() -> None:
    base = Inputs(basis="per_outcome")
    # Even 100% success loses money: no break-even, and the note gives both sides.
    hopeless = replace(base, minutes_saved_per_outcome=0.1)
    result = calculators.run("roi", {**_as_text(hopeless)})
    assert result["outputs"]["break_even_success_rate"] is None
    assert any("even if every attempt succeeded" in n for n in result["notes"])
    # Nothing is spent per attempt and a failure costs nothing: any rate pays.
    free = replace(base, tokens_per_outcome=0, review_minutes_per_outcome=0, other_monthly_cost=0)
    result = calculators.run("roi", _as_text(free))
    assert result["outputs"]["break_even_success_rate"] is None
    assert any("Any success rate above zero" in n for n in result["notes"])
    # A success saves nothing.
    useless = replace(base, hourly_cost=0)
    result = calculators.run("roi", _as_text(useless))
    assert result["outputs"]["break_even_success_rate"] is None
    assert any("saves no money" in n for n in result["notes"])
    # Exactly at 100%: benefit equals cost only when every attempt succeeds.
    edge = replace(base, tokens_per_outcome=0, other_monthly_cost=0, cost_per_failure=0)
    edge = replace(edge, review_minutes_per_outcome=edge.minutes_saved_per_outcome)
    assert roi.break_even_success_rate(edge) == pytest.approx(1.0)


def test_no_monthly_cost_means_no_token_share() -> None:
    free = Inputs(
        basis="per_outcome",
        tokens_per_outcome=0,
        review_minutes_per_outcome=0,
        cost_per_failure=0,
        other_monthly_cost=0,
    )
    result = calculators.run("roi", _as_text(free))
    assert result["outputs"]["token_share_of_cost"] is None
    assert result["outputs"]["cost_per_outcome_usd"] == 0
    assert any("no share" in note for note in result["notes"])


def _as_text(inputs: Inputs) -> dict[str, str]:
    return {key: str(value) for key, value in dataclasses.asdict(inputs).items()}


def _extreme(pick: str) -> dict[str, object]:
    """Every field at its lowest (just above an exclusive one) or highest allowed value."""
    values: dict[str, object] = {"basis": "per_outcome"}
    for field in calculators.schema("roi")["fields"]:
        if field["kind"] == "choice":
            continue
        if pick == "max":
            values[field["name"]] = field["max"]
        elif field["min_exclusive"]:
            values[field["name"]] = math.nextafter(field["min"], math.inf)
        else:
            values[field["name"]] = field["min"]
    return values


@pytest.mark.parametrize("pick", ["min", "max"])
def test_extremes_of_every_range_give_strict_json(pick: str) -> None:
    result = calculators.run("roi", _extreme(pick))
    assert result["ok"], result
    text = json.dumps(result, allow_nan=False)
    assert json.loads(text) == result
    assert set(NEW_OUTPUTS) <= set(result["outputs"])


@given(
    data=st.fixed_dictionaries(
        {
            name: st.floats(
                min_value=field["min"],
                max_value=field["max"],
                exclude_min=field["min_exclusive"],
                allow_nan=False,
            )
            for field in calculators.schema("roi")["fields"]
            if (name := field["name"]) in PER_OUTCOME_FIELDS
        }
    )
)
def test_per_outcome_outputs_are_finite_over_the_whole_range(data: dict[str, float]) -> None:
    result = calculators.run("roi", {**data, "basis": "per_outcome"})
    assert result["ok"], result
    json.dumps(result, allow_nan=False)
    for name in NEW_OUTPUTS:
        value = result["outputs"][name]
        assert value is None or math.isfinite(value), name
    rate = result["outputs"]["break_even_success_rate"]
    assert rate is None or 0 < rate <= 1


def test_per_outcome_chart_marks_the_break_even_point() -> None:
    result = calculators.run("roi", {"preset": "coding-assistant"})
    figure = result["sensitivity"]
    traces = {trace["name"]: trace for trace in figure["data"]}
    assert {trace["type"] for trace in figure["data"]} == {"scatter"}
    cost = traces["Cost per successful outcome"]
    value = traces["Value per successful outcome"]
    rate = result["outputs"]["break_even_success_rate"]
    mark = traces["Break-even"]
    assert mark["x"] == [pytest.approx(rate * 100)]
    assert mark["y"] == [pytest.approx(result["outputs"]["value_per_outcome_usd"])]
    # The curves cross at the break-even rate, which is one of their points.
    at = cost["x"].index(mark["x"][0])
    assert cost["y"][at] == pytest.approx(value["y"][at])
    assert cost["y"][0] > value["y"][0]  # too few successes lose money
    assert cost["y"][-1] < value["y"][-1]  # ... and enough of them pay
    top = figure["layout"]["yaxis"]["range"][1]  # the soaring end is cut, the points kept
    assert top >= max(mark["y"][0], value["y"][0])
    assert cost["y"][0] > top
    yours = traces["Your success rate"]
    assert yours["x"] == [pytest.approx(78.0)]
    assert yours["y"] == [pytest.approx(result["outputs"]["cost_per_outcome_usd"])]
    # The monthly basis keeps its NPV-against-benefit view.
    assert "NPV" in calculators.run("roi", {})["sensitivity"]["layout"]["title"]["text"]


def test_per_outcome_charts_are_valid_plotly_figures() -> None:
    go = pytest.importorskip("plotly.graph_objects")
    for preset in ("support-chats", "coding-assistant", "invoice-processing"):
        result = calculators.run("roi", {"preset": preset})
        go.Figure(result["sensitivity"])
        go.Figure(result["chart"])


# --- presets and their sources -------------------------------------------------------


def test_per_outcome_presets_exist_and_the_monthly_ones_stay_monthly() -> None:
    names = [p["name"] for p in calculators.schema("roi")["presets"]]
    for name in ("support-assistant", "borrowed-gpus", "rent-instead", "value-per-outcome"):
        assert calculators.run("roi", {"preset": name})["inputs"]["basis"] == "monthly"
    for name in ("support-chats", "coding-assistant", "invoice-processing"):
        assert name in names
        result = calculators.run("roi", {"preset": name})
        assert result["ok"], result
        assert result["inputs"]["basis"] == "per_outcome"
        assert result["outputs"]["break_even_success_rate"] is not None
        assert result["outputs"]["token_share_of_cost"] < 0.05  # the token bill is small
        assert not any("ignored" in note for note in result["notes"])


def test_every_preset_number_has_a_source_and_date_or_says_it_is_an_assumption() -> None:
    fields = {
        f["name"]
        for f in calculators.schema("roi")["fields"]
        if f["shown_when"] != {"field": "basis", "value": "monthly"}
    }
    presets = load("outcomes.json")["presets"]
    assert set(presets) == {"support-chats", "coding-assistant", "invoice-processing"}
    for key, preset in presets.items():
        # Every input that applies is stated, none implied by a default.
        assert set(preset["values"]) == fields, key
        for name, figure in preset["values"].items():
            if "assumption" in figure:
                assert figure["assumption"].strip(), (key, name)
                assert "source" not in figure, (key, name)
            else:
                assert figure["source"]["url"].startswith("https://"), (key, name)
                assert figure["source"]["title"], (key, name)
                assert len(figure["as_of"]) >= 7, (key, name)  # YYYY-MM at least
                assert figure["derived"], (key, name)
    published = {
        ("support-chats", "minutes_saved_per_outcome"): "w31161",
        ("coding-assistant", "minutes_saved_per_outcome"): "2302.06590",
        ("coding-assistant", "price_per_million_tokens"): "llm-prices",
        ("support-chats", "price_per_million_tokens"): "llm-prices",
        ("invoice-processing", "price_per_million_tokens"): "llm-prices",
    }
    for (key, name), fragment in published.items():
        assert fragment in presets[key]["values"][name]["source"]["url"]


def test_preset_sources_reach_the_schema() -> None:
    presets = {p["name"]: p for p in calculators.schema("roi")["presets"]}
    urls = [s["url"] for s in presets["support-chats"]["sources"]]
    assert "https://www.nber.org/papers/w31161" in urls
    assert len(urls) == len(set(urls))
