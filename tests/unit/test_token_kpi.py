"""The token-KPI simulation: the rules Goodhart's law implies, as properties."""

from __future__ import annotations

import itertools
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

import calculators
from calculators._data import measured_chars_per_token
from calculators.token_kpi import Inputs, compute, ecologits_wh_per_1k_tokens, spearman

team = st.fixed_dictionaries(
    {
        "employees": st.integers(2, 60),
        "days": st.integers(1, 30),
        "tasks_per_day": st.floats(0.1, 50),
        "tokens_per_task": st.floats(1, 1e6),
        "price_per_million_tokens": st.floats(0, 100),
        "value_per_task": st.one_of(st.just(0.0), st.floats(0.01, 1e4)),
        "seed": st.integers(0, 2**31 - 1),
    }
)


@given(team=team, pressures=st.lists(st.floats(0, 1), min_size=2, max_size=4))
def test_more_pressure_never_lowers_tokens_or_cost_nor_raises_value(
    team: dict[str, float], pressures: list[float]
) -> None:
    results = [compute(Inputs(kpi_pressure=p, **team)) for p in sorted(pressures)]  # type: ignore[arg-type]
    for before, after in itertools.pairwise(results):
        assert after.tokens_total >= before.tokens_total * (1 - 1e-12)
        assert after.token_cost_usd >= before.token_cost_usd * (1 - 1e-12)
        assert after.value_usd <= before.value_usd * (1 + 1e-12)


@given(team=team)
def test_no_pressure_wastes_nothing_and_tokens_track_value(team: dict[str, float]) -> None:
    result = compute(Inputs(kpi_pressure=0, **team))  # type: ignore[arg-type]
    assert result.wasted_token_share == 0
    assert result.value_usd == result.value_without_kpi_usd
    if team["value_per_task"] > 0:
        assert result.rank_correlation == pytest.approx(1.0)


@given(
    team=team.filter(lambda t: t["employees"] >= 8 and t["value_per_task"] > 0),
    pressure=st.floats(0.8, 1),
)
def test_strong_pressure_turns_the_leaderboard_upside_down(
    team: dict[str, float], pressure: float
) -> None:
    result = compute(Inputs(kpi_pressure=pressure, **team))  # type: ignore[arg-type]
    assert result.rank_correlation is not None
    assert result.rank_correlation < 0
    # The top quarter of the token board delivers less than the bottom quarter.
    quarter = len(result.leaderboard) // 4
    top = sum(p.value_usd for p in result.leaderboard[:quarter])
    bottom = sum(p.value_usd for p in result.leaderboard[-quarter:])
    assert top < bottom


@given(team=team, pressure=st.floats(0, 1))
def test_same_seed_same_result(team: dict[str, float], pressure: float) -> None:
    first = calculators.run("token_kpi", {**team, "kpi_pressure": pressure})
    second = calculators.run("token_kpi", {**team, "kpi_pressure": pressure})
    assert first == second


def test_hand_worked_two_person_team() -> None:
    # With pressure 0 each person's tokens are capacity x tokens_per_task.
    result = compute(
        Inputs(
            employees=2,
            days=1,
            tasks_per_day=10,
            tokens_per_task=100,
            kpi_pressure=0,
            price_per_million_tokens=10,
            value_per_task=5,
        )
    )
    assert result.tokens_total == pytest.approx(result.useful_tasks * 100)
    assert result.token_cost_usd == pytest.approx(result.tokens_total / 1e6 * 10)
    assert result.value_usd == pytest.approx(result.useful_tasks * 5)
    assert result.cost_per_useful_task == pytest.approx(result.token_cost_usd / result.useful_tasks)


def test_leaderboard_is_sorted_by_tokens() -> None:
    board = compute(Inputs()).leaderboard
    assert [p.tokens for p in board] == sorted((p.tokens for p in board), reverse=True)


def test_too_large_a_team_is_refused_on_both_fields() -> None:
    errors = calculators.run("token_kpi", {"employees": "1000", "days": "260"})["errors"]
    assert {e["field"] for e in errors} == {"employees", "days"}


def test_spearman_with_ties() -> None:
    # Average ranks: [1.5, 1.5, 3] vs [1, 2, 3] -> rho = 0.8660254
    assert spearman([1, 1, 2], [1, 2, 3]) == pytest.approx(0.8660254037844386)


@given(team=team)
def test_sensitivity_chart_follows_the_same_rules(team: dict[str, float]) -> None:
    result = calculators.run("token_kpi", team)
    value, bill = (trace["y"] for trace in result["sensitivity"]["data"])
    assert all(b >= a * (1 - 1e-12) for a, b in itertools.pairwise(bill))
    assert all(b <= a * (1 + 1e-12) for a, b in itertools.pairwise(value))
    # Pressure 0, the chart's first point, is the team's value with no KPI.
    assert value[0] == pytest.approx(result["outputs"]["value_without_kpi_usd"])


def test_characters_follow_the_measured_chars_per_token() -> None:
    result = compute(Inputs())
    ratio = measured_chars_per_token("en", "o200k_base")["chars_per_token"]
    assert 4 < ratio < 6
    assert result.characters_total == pytest.approx(ratio * result.tokens_total)


def test_energy_relations_are_exact_with_a_given_energy_per_token() -> None:
    result = compute(Inputs(energy_wh_per_1k_tokens=2.0, carbon_intensity=400))
    assert result.energy_wh_per_1k_tokens_used == 2.0
    assert result.energy_kwh == result.tokens_total * 2.0 / 1_000_000
    assert result.wasted_energy_kwh == result.energy_kwh * result.wasted_token_share
    assert result.emissions_kg == result.energy_kwh * 400 / 1000


def test_derived_energy_per_token_matches_a_hand_computed_ecologits_case() -> None:
    # Dense 70B on EcoLogits v0.9.1 defaults: memory 1.2 x 70 x 16 / 8 = 168 GB -> 4 GPUs.
    # GPU: 1.1665e-6 x exp(-0.011206 x 64) x 70 + 4.0529e-5 = 8.0392e-5 Wh per token per GPU.
    # Time: 6.785e-4 x 70 + 3.1193e-4 x 64 + 0.019474 = 0.086933 s per token;
    # server: 0.086933 / 3600 x 1200 W x 4/8 / 64 = 2.2637e-4 Wh per token.
    # Wall: 1.2 x (4 x 8.0392e-5 + 2.2637e-4) x 1000 = 0.6575 Wh per 1,000 tokens.
    gpu = 1.1665273170451914e-06 * math.exp(-0.011205921025579175 * 64) * 70
    gpu += 4.052928146734005e-05
    seconds = 0.0006785088094353663 * 70 + 0.0003119310311688259 * 64 + 0.019473717579473387
    server = seconds / 3600 * 1200 * 4 / 8 / 64
    expected = 1.2 * (4 * gpu + server) * 1000
    assert ecologits_wh_per_1k_tokens(70e9) == pytest.approx(expected, rel=1e-12)
    assert expected == pytest.approx(0.6575, abs=1e-4)
    assert compute(Inputs(model_active_params=70e9)).energy_wh_per_1k_tokens_used == (
        pytest.approx(expected, rel=1e-12)
    )


@given(st.lists(st.floats(1e6, 1e13), min_size=2, max_size=6))
def test_derived_energy_per_token_grows_with_active_parameters(sizes: list[float]) -> None:
    energies = [ecologits_wh_per_1k_tokens(size) for size in sorted(sizes)]
    for smaller, larger in itertools.pairwise(energies):
        assert larger >= smaller


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("model_active_params", "0"),
        ("model_active_params", "-5B"),
        ("model_active_params", "1e14"),
        ("model_active_params", "many"),
        ("model_active_params", ""),
        ("energy_wh_per_1k_tokens", "-1"),
        ("energy_wh_per_1k_tokens", "1e6"),
        ("energy_wh_per_1k_tokens", "nan"),
        ("energy_wh_per_1k_tokens", "lots"),
        ("carbon_intensity", "-1"),
        ("carbon_intensity", "5000"),
        ("carbon_intensity", "inf"),
        ("carbon_intensity", ""),
    ],
)
def test_bad_energy_values_are_field_errors(field: str, value: str) -> None:
    result = calculators.run("token_kpi", {field: value})
    assert not result["ok"]
    assert [error["field"] for error in result["errors"]] == [field]


def test_empty_energy_per_token_is_derived_and_shown() -> None:
    result = calculators.run("token_kpi", {"energy_wh_per_1k_tokens": ""})
    assert result["ok"]
    derived = ecologits_wh_per_1k_tokens(float(result["inputs"]["model_active_params"]))
    assert result["outputs"]["energy_wh_per_1k_tokens_used"] == pytest.approx(derived)


def test_package_reads_the_stored_measurement() -> None:
    row = measured_chars_per_token("en", "o200k_base")
    assert row["tokens"] > 0
    assert row["chars_per_token"] == pytest.approx(row["characters"] / row["tokens"], abs=1e-4)
    with pytest.raises(KeyError):
        measured_chars_per_token("fr", "o200k_base")
