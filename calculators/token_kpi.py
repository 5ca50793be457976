"""A team whose manager rewards token consumption: Goodhart's law, simulated.

Each person has a skill (how many tasks they finish on a normal day) and a
propensity to game the metric. Under KPI pressure p, a person with propensity
g spends the share x = p * g of the day gaming: asking trivial questions and
letting the model write at length. Gaming burns tokens much faster than real
work (GAMING_TOKEN_RATE), and the real tasks that remain get padded prompts
(PADDING_AT_FULL_GAMING extra tokens per task at x = 1), counted as waste.

Per person and day, with capacity c (skill times a seeded daily factor):

* useful tasks  = c x tasks_per_day x (1 - x)
* useful tokens = useful tasks x tokens_per_task
* wasted tokens = useful tokens x PADDING x x + c x tasks_per_day x tokens_per_task x RATE x x

Total tokens grow with x whenever RATE >= 1 + PADDING, so tokens never fall
and value never rises as pressure grows; the same seed gives the same team.

Energy counts every token as a generated one (an upper bound: reading input
costs far less) at ``energy_wh_per_1k_tokens``, or, when that is empty, at the
figure EcoLogits' method gives for a dense model of ``model_active_params``
(see ``ecologits_wh_per_1k_tokens``).
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from . import _charts
from ._data import constant, measured_chars_per_token
from ._fields import FieldError, OutputSpec, Preset, number
from ._i18n import N_, say

TITLE = "Token-KPI absurdity demo"
DESCRIPTION = (
    "Simulate a team judged by how many tokens it burns: the leaderboard rewards waste "
    "while the value delivered falls."
)
GAMING_TOKEN_RATE = 6.0
PADDING_AT_FULL_GAMING = 1.0
SKILL_RANGE = (0.75, 1.25)
DAILY_VARIATION = 0.2
# employees x days above this is refused: it keeps a browser recompute under a second.
MAX_PERSON_DAYS = 60_000
# Measured with tiktoken (o200k_base) on this site's own English prose at build time.
CHARS_PER_TOKEN = measured_chars_per_token("en", "o200k_base")["chars_per_token"]
SENSITIVITY_PRESSURES = tuple(i / 10 for i in range(11))
ECOLOGITS_VERSION = "0.9.1"
FORMULAS = (
    ("gaming share", "x = KPI pressure × the person's propensity to game (0 to 1)"),
    ("useful tasks", "capacity × (1 − x), capacity = skill × tasks per day × days"),
    (
        "tokens",
        f"useful tasks × tokens per task × (1 + x) + capacity × tokens per task × "
        f"{GAMING_TOKEN_RATE:g} × x",
    ),
    ("value", "useful tasks × value per task"),
    ("token bill", "tokens ÷ 1,000,000 × price per million tokens"),
    (
        "characters",
        f"tokens × {CHARS_PER_TOKEN:.2f} (characters per token, measured with o200k_base "
        "on the English prose of this site's section pages)",
    ),
    ("energy", "tokens × energy per 1,000 tokens ÷ 1,000 (every token counted as generated)"),
    ("wasted energy", "energy × wasted token share"),
    ("emissions", "energy × carbon intensity of the electricity"),
)


@dataclass(frozen=True)
class Inputs:
    """Inputs of the token-KPI simulation (field names are public)."""

    employees: int = number(
        20,
        slider=(2, 200),
        group="main",
        label="Employees",
        unit="people",
        minimum=2,
        maximum=1000,
        integer=True,
        help="People on the team.",
    )
    days: int = number(
        20,
        slider=(1, 260),
        label="Working days",
        unit="days",
        minimum=1,
        maximum=260,
        integer=True,
        help="How long the KPI runs (260 is a working year).",
    )
    tasks_per_day: float = number(
        4,
        slider=(1, 20),
        label="Useful tasks per person per day",
        unit="tasks",
        minimum=0,
        maximum=1000,
        help="What an average person finishes on a normal day when nobody games the metric.",
    )
    tokens_per_task: float = number(
        5000,
        slider=(500, 100_000),
        group="main",
        label="Tokens per useful task",
        unit="tokens",
        minimum=0,
        maximum=1e9,
        help="Tokens a real task needs (prompt plus answer).",
    )
    kpi_pressure: float = number(
        0.8,
        group="main",
        label="KPI pressure",
        unit="0 to 1",
        minimum=0,
        maximum=1,
        help="0: tokens are measured but not rewarded. 1: the token count decides bonuses.",
    )
    price_per_million_tokens: float = number(
        5,
        slider=(0.1, 75),
        label="Price per million tokens",
        unit="USD",
        minimum=0,
        maximum=10_000,
        help="Blended API price for input and output tokens.",
    )
    value_per_task: float = number(
        50,
        slider=(1, 500),
        group="main",
        label="Value per useful task",
        unit="USD",
        minimum=0,
        maximum=1e7,
        help="What one finished task is worth to the business.",
    )
    model_active_params: float = number(
        100e9,
        label="Active parameters of the model",
        unit="parameters",
        minimum=1e6,
        maximum=1e13,
        help="Parameters used for each token by the model serving the team, e.g. 100B "
        "(Epoch AI's assumption for GPT-4o). Sets the energy per token when that is empty.",
    )
    energy_wh_per_1k_tokens: float | None = number(
        None,
        label="Energy per 1,000 tokens",
        unit="Wh",
        minimum=0,
        maximum=1000,
        optional=True,
        help="Electricity at the wall, data-centre overhead included. Empty means derived "
        f"from the active parameters by EcoLogits' method (version {ECOLOGITS_VERSION}).",
    )
    carbon_intensity: float = number(
        constant("carbon_intensity_world"),
        label="Carbon intensity of the electricity",
        unit="gCO2e per kWh",
        minimum=0,
        maximum=2000,
        help="Grams of CO2-equivalent per kWh: the world average is about 470, France "
        "about 45, a coal-heavy grid 800 or more.",
    )
    seed: int = number(
        42,
        label="Random seed",
        unit="",
        minimum=0,
        maximum=2**31 - 1,
        integer=True,
        help="Same seed, same team and the same result.",
    )


# How a simulated person is named; other languages rename them for display only.
PERSON_NAME = N_("Person {number}")
NUMBERED_NAMES = (PERSON_NAME,)


@dataclass(frozen=True)
class Person:
    name: str
    tokens: float
    useful_tasks: float
    value_usd: float


@dataclass(frozen=True)
class Result:
    tokens_total: float
    characters_total: float
    token_cost_usd: float
    useful_tasks: float
    value_usd: float
    value_without_kpi_usd: float
    cost_per_useful_task: float | None
    wasted_token_share: float
    rank_correlation: float | None
    energy_wh_per_1k_tokens_used: float
    energy_kwh: float
    wasted_energy_kwh: float
    emissions_kg: float
    leaderboard: list[Person]


OUTPUTS = (
    OutputSpec("tokens_total", "Tokens consumed", "tokens", "number", headline=True),
    OutputSpec("characters_total", "About this much English text", "characters", "number"),
    OutputSpec("token_cost_usd", "Token bill", "USD", "usd"),
    OutputSpec("useful_tasks", "Useful tasks done", "tasks", "integer"),
    OutputSpec("value_usd", "Value delivered", "USD", "usd", headline=True),
    OutputSpec("value_without_kpi_usd", "Value with no token KPI", "USD", "usd"),
    OutputSpec("cost_per_useful_task", "Token cost per useful task", "USD", "usd"),
    OutputSpec("wasted_token_share", "Wasted tokens", "share", "percent", headline=True),
    OutputSpec("rank_correlation", "Token rank vs value rank (Spearman)", "-1 to 1", "ratio"),
    OutputSpec("energy_wh_per_1k_tokens_used", "Energy per 1,000 tokens used", "Wh", "number"),
    OutputSpec("energy_kwh", "Electricity, every token counted as generated", "kWh", "number"),
    OutputSpec("wasted_energy_kwh", "Electricity spent on wasted tokens", "kWh", "number"),
    OutputSpec("emissions_kg", "Emissions from that electricity", "kg CO2e", "number"),
    OutputSpec("leaderboard", "Token leaderboard", "", "table"),
)

# How each column of a table output is formatted for display.
TABLE_FORMATS = {
    "leaderboard": {"tokens": "scientific", "useful_tasks": "integer", "value_usd": "usd"},
}

PRESETS = {
    "no-kpi": Preset(
        label="Tokens measured, not rewarded",
        description="Pressure 0: people use the model when it helps. Tokens track value.",
        values={"kpi_pressure": "0"},
    ),
    "mild-kpi": Preset(
        label="A dashboard everyone watches",
        description="Pressure 0.3: some people start padding prompts to climb the board.",
        values={"kpi_pressure": "0.3"},
    ),
    "bonus-on-tokens": Preset(
        label="Bonuses paid on tokens",
        description="Pressure 1: the token count decides bonuses. The top of the board "
        "delivers the least.",
        values={"kpi_pressure": "1"},
    ),
    "big-team-year": Preset(
        label="A 200-person department for a year",
        description="200 people, 260 working days, strong pressure.",
        values={"employees": "200", "days": "260", "kpi_pressure": "0.8"},
    ),
}


def validate(inputs: Inputs, lang: str = "en") -> list[FieldError]:
    """Refuse simulations too large to recompute quickly in a browser."""
    size = inputs.employees * inputs.days
    if size > MAX_PERSON_DAYS:
        message = say(
            lang,
            N_(
                "'employees' x 'days' must be at most {limit} "
                "(got {employees} x {days} = {size}); "
                "a larger team takes too long to simulate live"
            ),
            limit=f"{MAX_PERSON_DAYS:,}",
            employees=inputs.employees,
            days=inputs.days,
            size=f"{size:,}",
        )
        return [{"field": "employees", "message": message}, {"field": "days", "message": message}]
    return []


def _stratified(rng: random.Random, count: int, low: float, high: float) -> list[float]:
    """`count` values spread evenly over [low, high), in shuffled order.

    Stratifying guarantees a real spread even in a small team, so the
    leaderboard's story does not depend on a lucky draw.
    """
    values = [low + (high - low) * (i + rng.random()) / count for i in range(count)]
    rng.shuffle(values)
    return values


def compute(inputs: Inputs) -> Result:
    """Run the simulation.

    Examples
    --------
    With no pressure nothing is wasted and token rank equals value rank:

    >>> calm = compute(Inputs(kpi_pressure=0))
    >>> calm.wasted_token_share, calm.rank_correlation
    (0.0, 1.0)

    Under full pressure the top token burners deliver the least:

    >>> pressed = compute(Inputs(kpi_pressure=1))
    >>> pressed.rank_correlation < -0.5, pressed.value_usd < calm.value_usd
    (True, True)
    """
    team = _team(inputs)
    board = []
    total_tokens = total_waste = total_tasks = baseline_tasks = 0.0
    for index, (capacity, propensity) in enumerate(team):
        tasks, tokens, wasted = _day_outcome(capacity, inputs.kpi_pressure * propensity, inputs)
        name = PERSON_NAME.format(number=index + 1)
        board.append(Person(name, tokens, tasks, tasks * inputs.value_per_task))
        total_tokens += tokens
        total_waste += wasted
        total_tasks += tasks
        baseline_tasks += capacity
    board.sort(key=lambda person: (-person.tokens, person.name))
    cost = total_tokens / 1e6 * inputs.price_per_million_tokens
    wasted_share = total_waste / total_tokens if total_tokens > 0 else 0.0
    per_1k = (
        inputs.energy_wh_per_1k_tokens
        if inputs.energy_wh_per_1k_tokens is not None
        else ecologits_wh_per_1k_tokens(inputs.model_active_params)
    )
    energy_kwh = total_tokens * per_1k / 1e6
    return Result(
        tokens_total=total_tokens,
        characters_total=total_tokens * CHARS_PER_TOKEN,
        token_cost_usd=cost,
        useful_tasks=total_tasks,
        value_usd=total_tasks * inputs.value_per_task,
        value_without_kpi_usd=baseline_tasks * inputs.value_per_task,
        cost_per_useful_task=cost / total_tasks if total_tasks > 0 else None,
        wasted_token_share=wasted_share,
        rank_correlation=spearman([p.tokens for p in board], [p.value_usd for p in board]),
        energy_wh_per_1k_tokens_used=per_1k,
        energy_kwh=energy_kwh,
        wasted_energy_kwh=energy_kwh * wasted_share,
        emissions_kg=energy_kwh * inputs.carbon_intensity / 1000,
        leaderboard=board,
    )


def ecologits_wh_per_1k_tokens(active_params: float) -> float:
    """Wh at the wall per 1,000 generated tokens, by EcoLogits' method (v0.9.1).

    EcoLogits fits GPU energy and generation time per token on ML.ENERGY's H100
    measurements, shares the server's other power among the batch and multiplies by
    the data centre's PUE. It counts the GPUs from the total parameters; we take a
    dense model (total = active), so for a mixture of experts give the energy directly.

    Examples
    --------
    EcoLogits' own worked case, a dense 70B model on four GPUs:

    >>> round(ecologits_wh_per_1k_tokens(70e9), 3)
    0.658
    >>> ecologits_wh_per_1k_tokens(400e9) > ecologits_wh_per_1k_tokens(70e9)
    True
    """
    billions = active_params / 1e9
    batch = constant("ecologits_batch_size")
    gpu_wh_per_token = constant("ecologits_gpu_energy_alpha") * math.exp(
        constant("ecologits_gpu_energy_beta") * batch
    ) * billions + constant("ecologits_gpu_energy_gamma")
    seconds_per_token = (
        constant("ecologits_latency_alpha") * billions
        + constant("ecologits_latency_beta") * batch
        + constant("ecologits_latency_gamma")
    )
    memory_gb = 1.2 * billions * constant("ecologits_quantization_bits") / 8
    # GPUs to hold the weights, rounded up to a power of two (1, 2, 4, 8, ...).
    needed = max(1, math.ceil(memory_gb / constant("ecologits_gpu_memory_gb")))
    gpus = float(2 ** math.ceil(math.log2(needed)))
    server_wh_per_token = (
        seconds_per_token
        / 3600
        * constant("ecologits_server_power_kw")
        * 1000
        * (gpus / constant("ecologits_server_gpus"))
        / batch
    )
    return 1000 * constant("ecologits_pue") * (server_wh_per_token + gpus * gpu_wh_per_token)


@lru_cache(maxsize=4)  # the sensitivity chart reuses the team compute() just drew
def _team(inputs: Inputs) -> list[tuple[float, float]]:
    """(capacity in tasks over the whole period, gaming propensity) for each person.

    The daily factors are drawn whatever the pressure, so for a fixed seed
    the results are monotonic in pressure.
    """
    rng = random.Random(inputs.seed)
    skills = _stratified(rng, inputs.employees, *SKILL_RANGE)
    propensities = _stratified(rng, inputs.employees, 0.0, 1.0)
    low, high = 1 - DAILY_VARIATION, 1 + DAILY_VARIATION
    return [
        (
            skills[index]
            * inputs.tasks_per_day
            * sum(rng.uniform(low, high) for _ in range(inputs.days)),
            propensities[index],
        )
        for index in range(inputs.employees)
    ]


def _day_outcome(capacity: float, gaming: float, inputs: Inputs) -> tuple[float, float, float]:
    """(useful tasks, tokens, wasted tokens) for a capacity and a gaming share."""
    tasks = capacity * (1 - gaming)
    useful_tokens = tasks * inputs.tokens_per_task
    wasted = useful_tokens * PADDING_AT_FULL_GAMING * gaming
    wasted += capacity * inputs.tokens_per_task * GAMING_TOKEN_RATE * gaming
    return tasks, useful_tokens + wasted, wasted


def _average_ranks(values: list[float]) -> list[float]:
    order = sorted(range(len(values)), key=values.__getitem__)
    ranks = [0.0] * len(values)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and values[order[end + 1]] == values[order[start]]:
            end += 1
        for position in range(start, end + 1):
            ranks[order[position]] = (start + end) / 2 + 1
        start = end + 1
    return ranks


def spearman(first: list[float], second: list[float]) -> float | None:
    """Spearman rank correlation with average ranks for ties; None if undefined.

    Examples
    --------
    >>> spearman([1, 2, 3], [10, 20, 30])
    1.0
    >>> spearman([1, 2, 3], [3, 2, 1])
    -1.0
    >>> spearman([1, 1, 1], [1, 2, 3]) is None
    True
    """
    a, b = _average_ranks(first), _average_ranks(second)
    n = len(a)
    mean = (n + 1) / 2
    cov = sum((x - mean) * (y - mean) for x, y in zip(a, b, strict=True))
    var_a = sum((x - mean) ** 2 for x in a)
    var_b = sum((y - mean) ** 2 for y in b)
    if var_a == 0 or var_b == 0:
        return None
    rho = cov / math.sqrt(var_a * var_b)
    return max(-1.0, min(1.0, round(rho, 12)))


def notes(inputs: Inputs, result: Result, lang: str = "en") -> list[str]:
    said = []
    if result.value_without_kpi_usd > 0:
        lost = 1 - result.value_usd / result.value_without_kpi_usd
        if lost > 0:
            said.append(
                say(
                    lang,
                    N_(
                        "The KPI costs {lost} of the value the same team delivers "
                        "when tokens are not rewarded."
                    ),
                    lost=f"{lost:.0%}",
                )
            )
    if result.rank_correlation is not None and result.rank_correlation < 0:
        said.append(
            N_(
                "The leaderboard is upside down: the more tokens a person burns, "
                "the less they deliver."
            )
        )
    answer_tokens = constant("epoch_gpt4o_query_output_tokens")
    said.append(
        say(
            lang,
            N_(
                "Energy counts every token as generated, an upper bound: reading input costs "
                "far less. At {wh_per_1k} Wh per 1,000 tokens, a {tokens}-token answer takes "
                "{answer_wh} Wh; Google reports {gemini_wh} Wh for its median Gemini text "
                "prompt and Epoch AI about {gpt4o_wh} Wh for a GPT-4o query."
            ),
            wh_per_1k=f"{result.energy_wh_per_1k_tokens_used:.3g}",
            tokens=f"{answer_tokens:,.0f}",
            answer_wh=f"{result.energy_wh_per_1k_tokens_used * answer_tokens / 1000:.2g}",
            gemini_wh=f"{constant('google_gemini_median_prompt_wh'):g}",
            gpt4o_wh=f"{constant('epoch_gpt4o_query_wh'):g}",
        )
    )
    return said


def sensitivity(inputs: Inputs, result: Result) -> dict[str, Any]:
    """The same team's token bill and value as KPI pressure goes from 0 to 1."""
    team = _team(inputs)
    bills, values = [], []
    for pressure in SENSITIVITY_PRESSURES:
        tokens = tasks = 0.0
        for capacity, propensity in team:
            done, burned, _ = _day_outcome(capacity, pressure * propensity, inputs)
            tokens += burned
            tasks += done
        bills.append(tokens / 1e6 * inputs.price_per_million_tokens)
        values.append(tasks * inputs.value_per_task)
    return _charts.line(
        title=N_("The same team as KPI pressure rises"),
        x=list(SENSITIVITY_PRESSURES),
        series={N_("Value delivered (USD)"): values},
        secondary={N_("Token bill (USD, right axis)"): bills},
        x_title=N_("KPI pressure"),
        y_title=N_("Value (USD)"),
        y2_title=N_("Token bill (USD)"),
    )


def chart(inputs: Inputs, result: Result) -> dict[str, Any]:
    """Each person's tokens against the value they delivered."""
    return _charts.scatter(
        title=N_("Tokens burned vs value delivered, per person"),
        x=[p.tokens for p in result.leaderboard],
        y=[p.value_usd for p in result.leaderboard],
        labels=[p.name for p in result.leaderboard],
        x_title=N_("Tokens consumed"),
        y_title=N_("Value delivered (USD)"),
    )
