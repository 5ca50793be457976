"""The command line: table, JSON and exit status 2 on bad input."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import calculators
from calculators.__main__ import main


def test_list(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list"]) == 0
    out = capsys.readouterr().out
    for name in calculators.names():
        assert name in out


def test_table(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["training_cost", "--params", "70B", "--tokens", "2T", "--gpu", "a100-80gb"])
    out = capsys.readouterr().out
    assert code == 0
    expected = calculators.run(
        "training_cost", {"params": "70B", "tokens": "2T", "gpu": "a100-80gb"}
    )["display"]
    rows = {line.split("  ")[0]: line.split("  ")[-1].strip() for line in out.splitlines() if line}
    assert rows["GPU-hours"] == f"{expected['gpu_hours']} GPU-hours"
    assert rows["Cost if rented"] == expected["rental_cost_usd"]
    assert rows["Training compute"] == f"{expected['training_flops']} FLOPs"


def test_json_output_is_strict_and_complete(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["training_cost", "--preset", "llama-3.1-405b", "--json"]) == 0
    result = json.loads(capsys.readouterr().out, parse_constant=pytest.fail)
    required = {
        "training_flops",
        "gpu_hours",
        "wall_clock_days",
        "rental_cost_usd",
        "energy_mwh",
        "electricity_cost_usd",
        "co2_tonnes",
        "ownership_cost_usd",
        "electricity_share_of_ownership",
        "tokens_per_param",
        "chinchilla_optimal_tokens",
    }
    assert required <= set(result["outputs"])
    assert all(result["outputs"][name] is not None for name in required)


def test_roi_per_outcome_json_has_the_outcome_outputs(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["roi", "--basis", "per_outcome", "--outcomes_per_month", "20000"]
    args += ["--success_rate", "0.7", "--tokens_per_outcome", "8k", "--json"]
    assert main(args) == 0
    result = json.loads(capsys.readouterr().out, parse_constant=pytest.fail)
    assert result["inputs"]["basis"] == "per_outcome"
    assert result["inputs"]["outcomes_per_month"] == 20000
    outputs = result["outputs"]
    for name in (
        "monthly_cost_usd",
        "monthly_benefit_usd",
        "token_cost_monthly_usd",
        "token_share_of_cost",
        "cost_per_outcome_usd",
        "value_per_outcome_usd",
        "break_even_success_rate",
    ):
        assert outputs[name] is not None, name
    assert outputs["token_cost_monthly_usd"] == pytest.approx(20000 * 8000 * 0.69 / 1e6)
    expected = calculators.run(
        "roi",
        {
            "basis": "per_outcome",
            "outcomes_per_month": "20000",
            "success_rate": "0.7",
            "tokens_per_outcome": "8k",
        },
    )
    assert result == json.loads(json.dumps(expected))


def test_roi_per_outcome_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["roi", "--preset", "coding-assistant"]) == 0
    out = capsys.readouterr().out
    display = calculators.run("roi", {"preset": "coding-assistant"})["display"]
    rows = {line.split("  ")[0]: line.split("  ")[-1].strip() for line in out.splitlines() if line}
    assert rows["Break-even success rate"] == display["break_even_success_rate"]
    assert rows["Token bill"] == display["token_cost_monthly_usd"]


def test_bad_input_exits_2_with_every_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["roi", "--discount_rate", "abc", "--horizon_months", "0"]) == 2
    err = capsys.readouterr().err
    assert "error: horizon_months: 'horizon_months' must be between 1 and 240 (got 0)" in err
    assert "error: discount_rate: 'discount_rate' must be a number (got 'abc')" in err


def test_unknown_calculator_and_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["nope"]) == 2
    assert main(["schema", "roi"]) == 0
    assert json.loads(capsys.readouterr().out)["name"] == "roi"


@pytest.mark.skipif(sys.platform == "emscripten", reason="no subprocesses in Pyodide")
def test_module_entry_point_runs_as_a_process() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "calculators", "roi", "--horizon_months", "-3"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert "horizon_months" in done.stderr
