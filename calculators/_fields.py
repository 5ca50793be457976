"""Field metadata, parsing and validation shared by every calculator.

Values arrive as strings from forms, URLs and the command line; this module
turns them into numbers or choices and words every problem for a person.
"""

from __future__ import annotations

import dataclasses
import math
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from ._i18n import N_, say, translate

Kind = Literal["number", "integer", "choice"]
# "main" fields are the few a reader sets first; "advanced" ones sit behind "More assumptions".
Group = Literal["main", "advanced"]
# (field name, value): the field applies only while that other field holds that value.
ShownWhen = tuple[str, str]
FieldError = dict[str, str]

# Longest accepted value: longer strings are refused before any parsing work.
MAX_TEXT_LENGTH = 64

_SUFFIXES = {"k": 1e3, "m": 1e6, "b": 1e9, "g": 1e9, "t": 1e12, "p": 1e15}
# Chinese units, longest first so "万亿" is not read as "万".
_SUFFIXES_ZH = (("万亿", 1e12), ("亿", 1e8), ("万", 1e4), ("千", 1e3))
_NUMBER_RE = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$", re.IGNORECASE)


@dataclass(frozen=True)
class FieldSpec:
    """What a form, the CLI and the validator need to know about one input."""

    label: str
    unit: str
    help: str
    kind: Kind
    minimum: float | None = None
    maximum: float | None = None
    min_exclusive: bool = False
    choices: tuple[tuple[str, str], ...] = ()
    optional: bool = False
    shown_when: ShownWhen | None = None
    group: Group = "advanced"
    # The range a slider covers (the reader can still type any allowed value).
    slider: tuple[float, float] | None = None


def number(
    default: float | None,
    *,
    label: str,
    unit: str = "",
    help: str,
    minimum: float | None = None,
    maximum: float | None = None,
    min_exclusive: bool = False,
    integer: bool = False,
    optional: bool = False,
    shown_when: ShownWhen | None = None,
    group: Group = "advanced",
    slider: tuple[float, float] | None = None,
) -> Any:
    """A numeric dataclass field carrying its metadata."""
    spec = FieldSpec(
        label=label,
        unit=unit,
        help=help,
        kind="integer" if integer else "number",
        minimum=minimum,
        maximum=maximum,
        min_exclusive=min_exclusive,
        optional=optional,
        shown_when=shown_when,
        group=group,
        slider=slider,
    )
    return dataclasses.field(default=default, metadata={"spec": spec})


def choice(
    default: str,
    *,
    label: str,
    help: str,
    choices: tuple[tuple[str, str], ...],
    group: Group = "advanced",
    shown_when: ShownWhen | None = None,
) -> Any:
    """A dataclass field whose value is one of `choices` (value, label) pairs."""
    spec = FieldSpec(
        label=label,
        unit="",
        help=help,
        kind="choice",
        choices=choices,
        group=group,
        shown_when=shown_when,
    )
    return dataclasses.field(default=default, metadata={"spec": spec})


class NumberError(ValueError):
    """Why a value is not a number: a message template and its parameters."""

    def __init__(self, template: str, **params: object) -> None:
        super().__init__(template.format(**params))
        self.template = template
        self.params = params

    def say(self, lang: str) -> str:
        return say(lang, self.template, **self.params)


def spec_of(field: dataclasses.Field[Any]) -> FieldSpec:
    spec = field.metadata["spec"]
    assert isinstance(spec, FieldSpec)
    return spec


def parse_number(value: object) -> float:
    """Read a number the way people write it.

    Accepts ints, floats and strings such as "70e9", "70B", "1.5T", "2,000",
    "40%" and "$2.50", Chinese units ("7000亿", "1.4万亿", "3万") and full-width
    digits and punctuation ("７０Ｂ", "４０％", "２，０００", "１．５"). Raises
    ValueError (a NumberError) with a plain reason otherwise.

    Examples
    --------
    >>> parse_number("70B")
    70000000000.0
    >>> parse_number("1.5T")
    1500000000000.0
    >>> parse_number("2,000")
    2000.0
    >>> parse_number("40%")
    0.4
    >>> parse_number("1.4万亿"), parse_number("７０Ｂ"), parse_number("４０％")
    (1400000000000.0, 70000000000.0, 0.4)
    """
    if isinstance(value, bool):
        raise NumberError(N_("must be a number"))
    if isinstance(value, int):
        try:
            result = float(value)
        except OverflowError:
            raise NumberError(N_("is too large")) from None
    elif isinstance(value, float):
        result = value
    elif isinstance(value, str):
        result = _parse_text(value)
    else:
        raise NumberError(N_("must be a number"))
    if not math.isfinite(result):
        raise NumberError(N_("must be a finite number"))
    return result


def _parse_text(text: str) -> float:
    if len(text) > MAX_TEXT_LENGTH:
        raise NumberError(N_("is too long to be a number ({length} characters)"), length=len(text))
    # NFKC folds full-width forms ("７０Ｂ", "４０％", "，", "．") into ASCII.
    folded = unicodedata.normalize("NFKC", text)
    cleaned = folded.strip().replace(",", "").replace("_", "").replace(" ", "")
    if cleaned.startswith("$"):
        cleaned = cleaned[1:]
    if not cleaned:
        raise NumberError(N_("must not be empty"))
    scale = 1.0
    chinese = next((pair for pair in _SUFFIXES_ZH if cleaned.endswith(pair[0])), None)
    if cleaned.endswith("%"):
        scale, cleaned = 0.01, cleaned[:-1]
    elif chinese is not None:
        scale, cleaned = chinese[1], cleaned[: -len(chinese[0])]
    elif cleaned[-1].lower() in _SUFFIXES and not cleaned.lower().endswith("e"):
        scale, cleaned = _SUFFIXES[cleaned[-1].lower()], cleaned[:-1]
    if not _NUMBER_RE.match(cleaned):
        raise NumberError(N_("must be a number (got {got})"), got=_quote(text))
    try:
        return float(cleaned) * scale
    except OverflowError:  # pragma: no cover - float() returns inf rather than raising
        raise NumberError(N_("is too large")) from None


def _quote(text: str) -> str:
    shown = text if len(text) <= 24 else text[:21] + "..."
    return repr(shown)


def _show(value: float) -> str:
    """Format a bound or a received value compactly for an error message."""
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.6g}"


def parse_field(
    name: str, spec: FieldSpec, raw: object, lang: str = "en"
) -> tuple[Any, str | None]:
    """Parse one raw value; returns (value, None) or (None, error message).

    English messages name the field as typed ('mfu'); others by its label there.

    >>> spec = FieldSpec("Horizon", "months", "", "integer", minimum=1)
    >>> parse_field("horizon_months", spec, "0")[1]
    "'horizon_months' must be at least 1 (got 0)"
    """
    shown = name if lang == "en" else translate(spec.label, lang)
    if raw is None or (isinstance(raw, str) and raw.strip() == ""):
        if spec.optional:
            return None, None
        return None, say(lang, N_("'{name}' is required"), name=shown)
    if spec.kind == "choice":
        text = str(raw).strip().lower() if isinstance(raw, str | int | float) else ""
        allowed = [value for value, _ in spec.choices]
        if text in allowed:
            return text, None
        return None, say(
            lang,
            N_("'{name}' must be one of {allowed} (got {got})"),
            name=shown,
            allowed=", ".join(allowed),
            got=_quote(str(raw)),
        )
    try:
        value = parse_number(raw)
    except NumberError as problem:
        return None, say(lang, N_("'{name}' {problem}"), name=shown, problem=problem.say(lang))
    if spec.kind == "integer" and value != math.floor(value):
        return None, say(
            lang, N_("'{name}' must be a whole number (got {got})"), name=shown, got=_show(value)
        )
    low, high = spec.minimum, spec.maximum
    below = low is not None and (value <= low if spec.min_exclusive else value < low)
    above = high is not None and value > high
    if below or above:
        return None, _range_message(shown, spec, value, lang)
    return (int(value) if spec.kind == "integer" else value), None


def _range_message(name: str, spec: FieldSpec, value: float, lang: str) -> str:
    low, high = spec.minimum, spec.maximum
    got = _show(value)
    if low is not None and high is not None and not spec.min_exclusive:
        return say(
            lang,
            N_("'{name}' must be between {low} and {high} (got {got})"),
            name=name,
            low=_show(low),
            high=_show(high),
            got=got,
        )
    if low is not None and (high is None or value <= high):
        template = (
            N_("'{name}' must be greater than {low} (got {got})")
            if spec.min_exclusive
            else N_("'{name}' must be at least {low} (got {got})")
        )
        return say(lang, template, name=name, low=_show(low), got=got)
    assert high is not None
    return say(
        lang,
        N_("'{name}' must be at most {high} (got {got})"),
        name=name,
        high=_show(high),
        got=got,
    )


def parse_inputs(
    inputs_type: type[Any], mapping: Mapping[str, object], lang: str = "en"
) -> tuple[Any | None, list[FieldError]]:
    """Build an Inputs instance from raw values, collecting every field error."""
    fields = {f.name: f for f in dataclasses.fields(inputs_type)}
    errors: list[FieldError] = []
    for key in mapping:
        if key not in fields:
            shown = key if len(key) <= 40 else key[:37] + "..."
            errors.append(
                {"field": key, "message": say(lang, N_("unknown field '{name}'"), name=shown)}
            )
    values: dict[str, Any] = {}
    for name, field in fields.items():
        raw = mapping.get(name, field.default)
        value, message = parse_field(name, spec_of(field), raw, lang)
        if message is not None:
            errors.append({"field": name, "message": message})
        else:
            values[name] = value
    if errors:
        return None, errors
    return inputs_type(**values), []


# Shares and rates are written as percentages in prose.
_PERCENT_UNIT_STARTS = ("fraction", "share", "per year", "0 to 1")
# A slider whose range spans at least this ratio moves on a logarithmic scale.
LOG_SLIDER_RATIO = 100


def input_format(spec: FieldSpec) -> str:
    """How an input's value is written in prose ("$0.10", "40%"), by its unit.

    >>> input_format(FieldSpec("Price", "USD per kWh", "", "number"))
    'usd'
    >>> input_format(FieldSpec("MFU", "fraction", "", "number"))
    'percent'
    """
    if spec.kind == "choice":
        return "choice"
    if spec.unit.startswith("USD"):
        return "usd"
    if spec.unit.startswith(_PERCENT_UNIT_STARTS):
        return "percent"
    if spec.kind == "integer":
        return "integer"
    return "number"


def slider_range(spec: FieldSpec) -> dict[str, Any] | None:
    """The slider a bounded numeric field gets: its range and scale, or None.

    A linear slider moves in round steps of about a fiftieth of its range; a
    logarithmic one in twelve steps per power of ten (the page rounds to two
    significant figures).

    >>> slider_range(FieldSpec("N", "GPUs", "", "integer", 1, 10_000_000, slider=(8, 100_000)))
    {'min': 8, 'max': 100000, 'scale': 'log', 'step': None}
    >>> slider_range(FieldSpec("Price", "USD per kWh", "", "number", 0, 10, slider=(0.02, 0.5)))
    {'min': 0.02, 'max': 0.5, 'scale': 'linear', 'step': 0.01}
    """
    if spec.kind == "choice":
        return None
    low, high = spec.slider if spec.slider is not None else (spec.minimum, spec.maximum)
    if low is None or high is None or high <= low:
        return None
    if low > 0 and high / low >= LOG_SLIDER_RATIO:
        return {"min": low, "max": high, "scale": "log", "step": None}
    step = _round_step((high - low) / 50)
    if spec.kind == "integer":
        step = max(1.0, round(step))
    return {"min": low, "max": high, "scale": "linear", "step": step}


def _round_step(rough: float) -> float:
    """The 1, 2 or 5 times a power of ten nearest above `rough`."""
    power = 10.0 ** math.floor(math.log10(rough))
    for factor in (1, 2, 5, 10):
        if factor * power >= rough * 0.999:
            return float(f"{factor * power:.12g}")
    return 10 * power  # pragma: no cover - the loop always returns


def describe_fields(inputs_type: type[Any]) -> list[dict[str, Any]]:
    """JSON-safe descriptions of every input field, in declaration order."""
    described = []
    for field in dataclasses.fields(inputs_type):
        spec = spec_of(field)
        described.append(
            {
                "name": field.name,
                "label": spec.label,
                "unit": spec.unit,
                "kind": spec.kind,
                "default": field.default,
                "min": spec.minimum,
                "max": spec.maximum,
                "min_exclusive": spec.min_exclusive,
                "optional": spec.optional,
                "choices": [{"value": v, "label": lab} for v, lab in spec.choices],
                "help": spec.help,
                "shown_when": shown_when_rule(spec.shown_when),
                "group": spec.group,
                "format": input_format(spec),
                "slider": slider_range(spec),
            }
        )
    return described


def applies(described: Mapping[str, Any], inputs: Mapping[str, Any]) -> bool:
    """Whether a described field or output applies to `inputs` (its ``shown_when`` rule).

    >>> applies({"shown_when": {"field": "basis", "value": "per_outcome"}}, {"basis": "monthly"})
    False
    >>> applies({"shown_when": None}, {})
    True
    """
    rule = described.get("shown_when")
    return rule is None or inputs.get(rule["field"]) == rule["value"]


def shown_when_rule(condition: ShownWhen | None) -> dict[str, str] | None:
    """``("basis", "per_outcome")`` as ``{"field": "basis", "value": "per_outcome"}``."""
    if condition is None:
        return None
    field, value = condition
    return {"field": field, "value": value}


@dataclass(frozen=True)
class OutputSpec:
    """How one result value is labelled and formatted."""

    name: str
    label: str
    unit: str
    format: Literal[
        "number", "integer", "usd", "percent", "ratio", "scientific", "text", "table", "series"
    ]
    # Headline outputs are shown large and first (page and CLI); the rest in a compact table.
    headline: bool = False
    # What the display says when the value does not exist (no payback, no IRR).
    missing: str = "n/a"
    # Shown only when a choice field has this value, like a field's (an output that the
    # other choice leaves without meaning, rather than a row of "n/a").
    shown_when: ShownWhen | None = None


@dataclass(frozen=True)
class Source:
    title: str
    url: str


@dataclass(frozen=True)
class Preset:
    """A named set of input values; `reported` holds published figures to compare."""

    label: str
    description: str
    values: Mapping[str, str | float | int]
    sources: tuple[Source, ...] = ()
    reported: Mapping[str, float] = dataclasses.field(default_factory=dict)
    reported_note: str = ""
