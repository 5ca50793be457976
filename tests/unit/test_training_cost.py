"""Training cost: hand-worked examples and published runs as outside oracles."""

from __future__ import annotations

import pytest

import calculators
from calculators import training_cost
from calculators.training_cost import Inputs, compute


def test_hand_worked_example() -> None:
    # 1e9 params x 1e12 tokens x 6 = 6e21 FLOPs. A100 BF16 312 TFLOP/s at MFU 0.5:
    # 6e21 / 1.56e14 / 3600 = 10,683.76 GPU-hours; 100 GPUs -> 4.4516 days.
    result = compute(
        Inputs(
            params=1e9,
            tokens=1e12,
            gpu="a100-80gb",
            mfu=0.5,
            num_gpus=100,
            price_per_gpu_hour=2.0,
            pue=1.5,
            avg_power_fraction=0.5,
            electricity_price=0.2,
            carbon_intensity=400,
            gpu_price=10_000,
            cluster_overhead=0.0,
            hardware_lifetime_years=1,
        )
    )
    hours = 6e21 / 312e12 / 0.5 / 3600
    assert result.training_flops == pytest.approx(6e21)
    assert result.gpu_hours == pytest.approx(hours)
    assert result.wall_clock_days == pytest.approx(hours / 100 / 24)
    assert result.rental_cost_usd == pytest.approx(hours * 2)
    energy_mwh = hours * 400 * 0.5 * 1.5 / 1e6  # W x h -> Wh; /1e6 -> MWh
    assert result.energy_mwh == pytest.approx(energy_mwh)
    assert result.electricity_cost_usd == pytest.approx(energy_mwh * 1000 * 0.2)
    assert result.co2_tonnes == pytest.approx(energy_mwh * 1000 * 400 / 1e6)
    hardware = 10_000 * hours / 8760
    assert result.hardware_cost_usd == pytest.approx(hardware)
    assert result.ownership_cost_usd == pytest.approx(hardware + energy_mwh * 200)
    assert result.electricity_share_of_ownership == pytest.approx(
        energy_mwh * 200 / (hardware + energy_mwh * 200)
    )
    assert result.tokens_per_param == pytest.approx(1000)
    assert result.chinchilla_optimal_tokens == pytest.approx(20e9)


def test_fp8_doubles_the_peak_and_halves_the_hours() -> None:
    bf16 = compute(Inputs(gpu="h100-sxm", precision="bf16"))
    fp8 = compute(Inputs(gpu="h100-sxm", precision="fp8"))
    assert fp8.gpu_hours == pytest.approx(bf16.gpu_hours * 989.4 / 1978.9)


def test_mixture_of_experts_uses_active_parameters() -> None:
    dense = compute(Inputs(params=671e9, tokens=1e12))
    moe = compute(Inputs(params=671e9, active_params=37e9, tokens=1e12))
    assert moe.training_flops == pytest.approx(6 * 37e9 * 1e12)
    assert moe.training_flops < dense.training_flops


def test_cross_field_errors() -> None:
    errors = calculators.run(
        "training_cost",
        {"params": "1B", "active_params": "2B", "gpu": "a100-80gb", "precision": "fp8"},
    )["errors"]
    assert [e["field"] for e in errors] == ["active_params", "precision"]


def test_missing_catalogue_figures_give_null_outputs_and_a_note() -> None:
    result = calculators.run("training_cost", {"gpu": "tpu-v5e"})
    assert result["ok"]
    assert result["outputs"]["energy_mwh"] is None
    assert result["outputs"]["ownership_cost_usd"] is None
    assert result["display"]["energy_mwh"] == "n/a"
    assert any("power" in note for note in result["notes"])
    powered = calculators.run("training_cost", {"gpu": "tpu-v5e", "tdp_watts": "200"})
    assert powered["outputs"]["energy_mwh"] > 0


def test_gpt3_compute_matches_the_paper() -> None:
    # Brown et al. 2020, Table D.1: 3.14e23 FLOPs for GPT-3 175B on 300B tokens.
    result = calculators.run("training_cost", {"params": "175e9", "tokens": "300e9"})
    assert result["outputs"]["training_flops"] == pytest.approx(3.14e23, rel=0.01)


@pytest.mark.parametrize("mfu", [0.38, 0.43])
def test_llama_405b_brackets_reported_gpu_hours(mfu: float) -> None:
    # Meta reports 30.84M H100-hours and an MFU of 38-43%.
    result = calculators.run("training_cost", {"preset": "llama-3.1-405b", "mfu": str(mfu)})
    assert result["outputs"]["gpu_hours"] == pytest.approx(30.84e6, rel=0.25)


def test_deepseek_v3_reported_cost() -> None:
    # DeepSeek-V3 report: 2.788M H800-hours at an assumed $2/hour = $5.576M.
    result = calculators.run(
        "training_cost",
        {
            "params": "671e9",
            "active_params": "37e9",
            "tokens": "14.8T",
            "gpu": "h800",
            "gpu_hours": "2.788M",
            "price_per_gpu_hour": "2",
        },
    )
    assert result["outputs"]["rental_cost_usd"] == pytest.approx(5.576e6)


def test_every_catalogue_number_has_a_source_and_date() -> None:
    for key, gpu in training_cost.catalogue().items():
        assert gpu["spec_source"]["url"].startswith("https://"), key
        assert gpu["spec_source"]["as_of"], key
        for price in ("rental", "purchase"):
            if gpu[price] is not None:
                assert gpu[price]["source"]["url"].startswith("https://"), (key, price)
                assert gpu[price]["as_of"], (key, price)
    for key, run in training_cost.reported_runs().items():
        assert run["sources"], key
        assert run["as_of"], key
        assert set(run["reported"]) <= {o.name for o in training_cost.OUTPUTS}, key
