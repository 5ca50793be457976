"""What training a model costs: compute, GPU-hours, time, money, energy, carbon.

Conventions (all documented on the methodology page):

* training compute C = 6 x N_active x D FLOPs (Kaplan et al. 2020);
* GPU-hours = C / (peak FLOP/s x MFU) / 3600, unless reported hours are given;
* energy = GPU-hours x TDP x average power fraction x PUE;
* ownership = purchase price x (1 + cluster overhead) x GPU-hours /
  (lifetime in hours), straight-line depreciation as in Epoch AI, plus electricity.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from . import _charts
from ._data import constant, load
from ._fields import FieldError, OutputSpec, Preset, Source, choice, number
from ._i18n import N_, say

TITLE = "GPU training cost"
DESCRIPTION = (
    "Estimate the compute, GPU-hours, wall-clock time, rental and ownership cost, "
    "energy and carbon of training a language model."
)
HOURS_PER_YEAR = 8760
CHINCHILLA_TOKENS_PER_PARAM = constant("chinchilla_tokens_per_param")
SENSITIVITY_MFU = tuple(round(0.1 + 0.05 * i, 2) for i in range(13))  # 0.10 to 0.70
FORMULAS = (
    ("training compute", "C = 6 × active parameters × tokens (FLOPs)"),
    ("GPU-hours", "C ÷ (peak FLOP/s × MFU) ÷ 3600, or the reported GPU-hours"),
    ("wall-clock days", "GPU-hours ÷ number of GPUs ÷ 24"),
    ("rental cost", "GPU-hours × rental price"),
    ("energy", "GPU-hours × rated power × average power fraction × PUE"),
    ("emissions", "energy × grid carbon intensity"),
    (
        "hardware, amortised",
        "purchase price × (1 + cluster overhead) × GPU-hours ÷ (lifetime years × 8760)",
    ),
    ("cost if owned", "hardware, amortised + electricity (energy × electricity price)"),
)


def catalogue() -> dict[str, Any]:
    """The sourced accelerator catalogue from ``data/gpus.json``."""
    gpus: dict[str, Any] = load("gpus.json")["gpus"]
    return gpus


def reported_runs() -> dict[str, Any]:
    """Reported training runs from ``data/runs.json`` (the presets)."""
    runs: dict[str, Any] = load("runs.json")["runs"]
    return runs


_GPU_CHOICES = tuple((key, gpu["name"]) for key, gpu in catalogue().items())


@dataclass(frozen=True)
class Inputs:
    """Inputs of the training-cost calculator (field names are public)."""

    params: float = number(
        70e9,
        slider=(1e8, 2e12),
        group="main",
        label="Parameters",
        unit="parameters",
        minimum=1,
        maximum=1e15,
        help="Total number of model parameters, e.g. 70B.",
    )
    active_params: float | None = number(
        None,
        label="Active parameters",
        unit="parameters",
        minimum=1,
        maximum=1e15,
        optional=True,
        help="Parameters used per token (mixture-of-experts models). Empty means all of them.",
    )
    tokens: float = number(
        1.4e12,
        slider=(1e9, 1e14),
        group="main",
        label="Training tokens",
        unit="tokens",
        minimum=1,
        maximum=1e17,
        help="Number of tokens seen in training, e.g. 1.4T.",
    )
    gpu: str = choice(
        "h100-sxm",
        group="main",
        label="Accelerator",
        choices=_GPU_CHOICES,
        help="The chip, from our sourced catalogue (peak FLOP/s, power, prices).",
    )
    precision: str = choice(
        "bf16",
        label="Precision",
        choices=(("bf16", "BF16 / FP16"), ("fp8", "FP8")),
        help="Number format of the matrix maths; FP8 doubles the peak where the chip has it.",
    )
    mfu: float = number(
        0.4,
        slider=(0.1, 0.7),
        group="main",
        label="Model FLOPs utilisation (MFU)",
        unit="fraction",
        minimum=0.01,
        maximum=1,
        help="Share of the chip's peak actually achieved. Large runs report 0.3 to 0.5.",
    )
    num_gpus: int = number(
        1024,
        slider=(8, 100_000),
        group="main",
        label="Number of GPUs",
        unit="GPUs",
        minimum=1,
        maximum=10_000_000,
        integer=True,
        help="Accelerators working in parallel; sets the wall-clock time.",
    )
    price_per_gpu_hour: float | None = number(
        None,
        label="Rental price",
        unit="USD per GPU-hour",
        minimum=0,
        maximum=1000,
        optional=True,
        help="Cloud price per GPU-hour. Empty means the catalogue's price.",
    )
    pue: float = number(
        1.2,
        slider=(1, 2),
        label="PUE",
        unit="ratio",
        minimum=1,
        maximum=3,
        help="Data-centre power usage effectiveness: 1.1 hyperscale, about 1.58 average.",
    )
    avg_power_fraction: float = number(
        0.75,
        slider=(0.3, 1),
        label="Average power / TDP",
        unit="fraction",
        minimum=0.05,
        maximum=1.5,
        help="Average draw as a share of the rated power (Epoch AI uses 0.75).",
    )
    tdp_watts: float | None = number(
        None,
        label="Rated power per chip",
        unit="W",
        minimum=1,
        maximum=10_000,
        optional=True,
        help="Thermal design power. Empty means the catalogue's figure.",
    )
    electricity_price: float = number(
        0.10,
        slider=(0.02, 0.5),
        label="Electricity price",
        unit="USD per kWh",
        minimum=0,
        maximum=10,
        help="What the data centre pays per kilowatt-hour.",
    )
    carbon_intensity: float = number(
        453,
        slider=(0, 1000),
        label="Grid carbon intensity",
        unit="gCO2e per kWh",
        minimum=0,
        maximum=2000,
        help="World 475, US 453, China 555, Germany 379, France 39 (Green Algorithms, 2020).",
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
        0.23,
        slider=(0, 1),
        label="Cluster overhead",
        unit="fraction of GPU price",
        minimum=0,
        maximum=5,
        help="Servers, networking and storage on top of the GPUs (Epoch AI: about 23%).",
    )
    hardware_lifetime_years: float = number(
        4,
        slider=(1, 8),
        label="Hardware lifetime",
        unit="years",
        minimum=0.25,
        maximum=20,
        help="Years over which the purchase is written off (straight line).",
    )
    gpu_hours: float | None = number(
        None,
        label="Reported GPU-hours",
        unit="GPU-hours",
        minimum=1,
        maximum=1e12,
        optional=True,
        help="If given, replaces the hours derived from compute, to check a reported run.",
    )


@dataclass(frozen=True)
class Result:
    """Outputs; None where a needed figure (a price, a power rating) is unknown."""

    training_flops: float
    gpu_hours: float
    wall_clock_days: float
    implied_mfu: float
    rental_cost_usd: float | None
    energy_mwh: float | None
    electricity_cost_usd: float | None
    co2_tonnes: float | None
    hardware_cost_usd: float | None
    ownership_cost_usd: float | None
    electricity_share_of_ownership: float | None
    tokens_per_param: float
    chinchilla_optimal_tokens: float
    price_per_gpu_hour_used: float | None
    gpu_price_used: float | None


OUTPUTS = (
    OutputSpec("training_flops", "Training compute", "FLOPs", "scientific"),
    OutputSpec("gpu_hours", "GPU-hours", "GPU-hours", "number", headline=True),
    OutputSpec("wall_clock_days", "Wall-clock time", "days", "number"),
    OutputSpec("implied_mfu", "MFU used", "fraction", "percent"),
    OutputSpec("rental_cost_usd", "Cost if rented", "USD", "usd", headline=True),
    OutputSpec("energy_mwh", "Energy", "MWh", "number"),
    OutputSpec("electricity_cost_usd", "Electricity cost", "USD", "usd"),
    OutputSpec("co2_tonnes", "Emissions", "tCO2e", "number"),
    OutputSpec("hardware_cost_usd", "Hardware, amortised", "USD", "usd"),
    OutputSpec("ownership_cost_usd", "Cost if owned", "USD", "usd", headline=True),
    OutputSpec("electricity_share_of_ownership", "Electricity share of owned cost", "", "percent"),
    OutputSpec("tokens_per_param", "Tokens per parameter", "tokens", "number"),
    OutputSpec(
        "chinchilla_optimal_tokens",
        "Compute-optimal tokens (about 20 per parameter)",
        "tokens",
        "number",
    ),
    OutputSpec("price_per_gpu_hour_used", "Rental price used", "USD per GPU-hour", "usd"),
    OutputSpec("gpu_price_used", "Purchase price used", "USD per GPU", "usd"),
)


def _presets() -> dict[str, Preset]:
    presets = {}
    for key, run in reported_runs().items():
        presets[key] = Preset(
            label=run["label"],
            description=f"{run['description']} {run['assumptions']}",
            values=run["inputs"],
            sources=tuple(Source(s["title"], s["url"]) for s in run["sources"]),
            reported=run["reported"],
            reported_note=run["reported_note"],
        )
    return presets


PRESETS = _presets()


def validate(inputs: Inputs, lang: str = "en") -> list[FieldError]:
    """Checks that involve more than one field."""
    errors: list[FieldError] = []
    if inputs.active_params is not None and inputs.active_params > inputs.params:
        errors.append(
            {
                "field": "active_params",
                "message": say(
                    lang,
                    N_("'active_params' must not exceed 'params' (got {active} > {params})"),
                    active=f"{inputs.active_params:.4g}",
                    params=f"{inputs.params:.4g}",
                ),
            }
        )
    gpu = catalogue()[inputs.gpu]
    if gpu["peak_tflops"].get(inputs.precision) is None:
        errors.append(
            {
                "field": "precision",
                "message": say(
                    lang,
                    N_("'precision' {precision} is not available on the {gpu}; choose bf16"),
                    precision=inputs.precision,
                    gpu=gpu["name"],
                ),
            }
        )
    return errors


def compute(inputs: Inputs) -> Result:
    """Estimate a training run.

    Examples
    --------
    GPT-3's 175B parameters on 300B tokens need about 3.15e23 FLOPs:

    >>> r = compute(Inputs(params=175e9, tokens=300e9, gpu="v100", mfu=0.2))
    >>> f"{r.training_flops:.3g}"
    '3.15e+23'
    >>> round(r.gpu_hours)
    3500000
    """
    gpu = catalogue()[inputs.gpu]
    active = inputs.active_params if inputs.active_params is not None else inputs.params
    flops = 6 * active * inputs.tokens
    peak_flops_per_second = gpu["peak_tflops"][inputs.precision] * 1e12
    if inputs.gpu_hours is not None:
        gpu_hours = inputs.gpu_hours
        implied_mfu = flops / (gpu_hours * 3600 * peak_flops_per_second)
    else:
        gpu_hours = flops / (peak_flops_per_second * inputs.mfu) / 3600
        implied_mfu = inputs.mfu

    price = inputs.price_per_gpu_hour
    if price is None and gpu["rental"] is not None:
        price = float(gpu["rental"]["usd_per_hour"])
    rental = gpu_hours * price if price is not None else None

    tdp = inputs.tdp_watts if inputs.tdp_watts is not None else gpu["tdp_w"]
    energy_mwh = electricity = co2 = None
    if tdp is not None:
        energy_mwh = gpu_hours * tdp * inputs.avg_power_fraction * inputs.pue / 1e6
        electricity = energy_mwh * 1000 * inputs.electricity_price
        co2 = energy_mwh * inputs.carbon_intensity / 1000  # MWh x g/kWh = kg; /1000 = t

    gpu_price = inputs.gpu_price
    if gpu_price is None and gpu["purchase"] is not None:
        gpu_price = float(gpu["purchase"]["usd"])
    hardware = ownership = share = None
    if gpu_price is not None:
        lifetime_hours = inputs.hardware_lifetime_years * HOURS_PER_YEAR
        hardware = gpu_price * (1 + inputs.cluster_overhead) * gpu_hours / lifetime_hours
        if electricity is not None:
            ownership = hardware + electricity
            share = electricity / ownership if ownership > 0 else 0.0

    return Result(
        training_flops=flops,
        gpu_hours=gpu_hours,
        wall_clock_days=gpu_hours / inputs.num_gpus / 24,
        implied_mfu=implied_mfu,
        rental_cost_usd=rental,
        energy_mwh=energy_mwh,
        electricity_cost_usd=electricity,
        co2_tonnes=co2,
        hardware_cost_usd=hardware,
        ownership_cost_usd=ownership,
        electricity_share_of_ownership=share,
        tokens_per_param=inputs.tokens / active,
        chinchilla_optimal_tokens=CHINCHILLA_TOKENS_PER_PARAM * active,
        price_per_gpu_hour_used=price,
        gpu_price_used=gpu_price,
    )


def notes(inputs: Inputs, result: Result, lang: str = "en") -> list[str]:
    """Plain-language remarks a reader should see beside the numbers."""
    gpu = catalogue()[inputs.gpu]
    said = []
    if inputs.gpu_hours is not None:
        said.append(
            say(
                lang,
                N_(
                    "GPU-hours are the reported figure; at that pace the chips ran at an "
                    "implied MFU of {mfu}."
                ),
                mfu=f"{result.implied_mfu:.0%}",
            )
        )
        if result.implied_mfu > 1:
            said.append(
                N_("An implied MFU above 100% means the hours are too few for this compute.")
            )
    if result.rental_cost_usd is None:
        said.append(
            say(
                lang,
                N_(
                    "Our catalogue has no sourced rental price for the {gpu}: "
                    "enter one to see the rental cost."
                ),
                gpu=gpu["name"],
            )
        )
    if result.energy_mwh is None:
        said.append(
            say(
                lang,
                N_(
                    "No published power figure for the {gpu}: "
                    "enter the rated power to see energy, electricity and carbon."
                ),
                gpu=gpu["name"],
            )
        )
    if result.gpu_price_used is None:
        said.append(
            say(
                lang,
                N_(
                    "Our catalogue has no sourced purchase price for the {gpu}: "
                    "enter one to see the cost of owning the hardware."
                ),
                gpu=gpu["name"],
            )
        )
    if "note" in gpu:
        said.append(gpu["note"])
    ratio = result.tokens_per_param / CHINCHILLA_TOKENS_PER_PARAM
    if ratio > 2:
        said.append(
            say(
                lang,
                N_(
                    "Trained on {ratio}x the compute-optimal token count: more data than "
                    "Chinchilla's rule suggests, usually to make a smaller model cheaper to run."
                ),
                ratio=f"{ratio:.0f}",
            )
        )
    elif ratio < 0.5:
        said.append(N_("Trained on less than half the compute-optimal token count for its size."))
    return said


def sensitivity(inputs: Inputs, result: Result) -> dict[str, Any]:
    """Rental and ownership cost of the same run at other utilisations (MFU)."""
    rented: list[float] = []
    owned: list[float] = []
    for mfu in SENSITIVITY_MFU:
        other = compute(replace(inputs, mfu=mfu, gpu_hours=None))
        if other.rental_cost_usd is not None:
            rented.append(other.rental_cost_usd)
        if other.ownership_cost_usd is not None:
            owned.append(other.ownership_cost_usd)
    series = {}
    if rented:
        series[N_("Rented (USD)")] = rented
    if owned:
        series[N_("Owned (USD)")] = owned
    return _charts.line(
        title=N_("Cost against utilisation (MFU), same model and data"),
        x=list(SENSITIVITY_MFU),
        series=series,
        x_title=N_("MFU"),
        y_title=N_("USD"),
    )


def chart(inputs: Inputs, result: Result) -> dict[str, Any]:
    """Rented versus owned cost as stacked bars."""
    bars = []
    if result.rental_cost_usd is not None:
        bars.append((N_("Rental"), N_("Rent"), result.rental_cost_usd))
    if result.hardware_cost_usd is not None:
        bars.append((N_("Hardware, amortised"), N_("Own"), result.hardware_cost_usd))
    if result.electricity_cost_usd is not None:
        bars.append((N_("Electricity"), N_("Own"), result.electricity_cost_usd))
    return _charts.stacked_bars(
        title=N_("What the run costs: rented vs owned"),
        bars=bars,
        y_title=N_("USD"),
    )
