"""AI Reality Check calculators: training cost, the token-KPI demo, ROI and GPU finance.

One pure-Python package serves the CLI, the site build, the browser (Pyodide)
and the tests. Values go in as strings or numbers; a JSON-safe dict comes out.

>>> names()
['training_cost', 'token_kpi', 'roi', 'gpu_finance']
>>> run("roi", {"upfront_cost": "1,000", "monthly_benefit": "100",
...             "monthly_cost": "0", "ramp_months": "0", "horizon_months": "12",
...             "discount_rate": "0"})["outputs"]["npv_usd"]
200.0
>>> run("roi", {"discount_rate": "lots"})["errors"]
[{'field': 'discount_rate', 'message': "'discount_rate' must be a number (got 'lots')"}]
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping
from types import ModuleType
from typing import Any

from . import gpu_finance, roi, token_kpi, training_cost
from ._charts import caption
from ._fields import FieldError, describe_fields, input_format, parse_inputs, spec_of
from ._format import format_value

__all__ = ["names", "run", "schema"]
__version__ = "0.1.0"

_CALCULATORS: dict[str, ModuleType] = {
    "training_cost": training_cost,
    "token_kpi": token_kpi,
    "roi": roi,
    "gpu_finance": gpu_finance,
}
PRESET_KEY = "preset"


def names() -> list[str]:
    """The calculator names, in the order the site presents them."""
    return list(_CALCULATORS)


def schema(name: str) -> dict[str, Any]:
    """Everything a form needs: fields, outputs and presets, JSON-safe.

    >>> [f["name"] for f in schema("roi")["fields"]][:3]
    ['basis', 'upfront_cost', 'monthly_cost']

    Raises KeyError for an unknown calculator name (a programming error, not
    user input: the site build must fail on it).
    """
    module = _CALCULATORS[name]
    return {
        "name": name,
        "title": module.TITLE,
        "description": module.DESCRIPTION,
        "fields": describe_fields(module.Inputs),
        "formulas": [{"quantity": q, "formula": f} for q, f in module.FORMULAS],
        "outputs": [dataclasses.asdict(spec) for spec in module.OUTPUTS],
        "presets": [
            {
                "name": key,
                "label": preset.label,
                "description": preset.description,
                "values": dict(preset.values),
                "sources": [dataclasses.asdict(source) for source in preset.sources],
                "reported": dict(preset.reported),
                "reported_note": preset.reported_note,
            }
            for key, preset in module.PRESETS.items()
        ],
    }


def run(name: str, mapping: Mapping[Any, object]) -> dict[str, Any]:
    """Validate `mapping`, compute, and return a JSON-safe result.

    Returns ``{"ok": True, "inputs", "input_display", "outputs", "display", "chart",
    "sensitivity", "captions", "notes"}``
    (plus ``"preset"`` and ``"reported"`` when a preset was named), or
    ``{"ok": False, "errors": [{"field", "message"}, ...]}`` listing every bad
    field. Bad user input never raises.
    """
    module = _CALCULATORS.get(name)
    if module is None:
        return _failure(
            [
                {
                    "field": "calculator",
                    "message": f"unknown calculator {name!r}; "
                    f"choose one of {', '.join(_CALCULATORS)}",
                }
            ]
        )
    if not isinstance(mapping, Mapping):
        return _failure([{"field": "inputs", "message": "inputs must be a mapping of field names"}])
    values = {str(key): value for key, value in mapping.items()}
    preset_name = values.pop(PRESET_KEY, None)
    preset = None
    if preset_name not in (None, ""):
        preset = module.PRESETS.get(str(preset_name))
        if preset is None:
            return _failure(
                [
                    {
                        "field": PRESET_KEY,
                        "message": f"unknown preset {str(preset_name)[:40]!r}; "
                        f"choose one of {', '.join(module.PRESETS)}",
                    }
                ]
            )
        values = {**preset.values, **values}
    inputs, errors = parse_inputs(module.Inputs, values)
    if inputs is not None:
        errors = module.validate(inputs)
    if errors or inputs is None:
        return _failure(errors)
    try:
        answer = _evaluate(module, inputs)
    except ArithmeticError:  # pragma: no cover - bounds on every field keep maths finite
        answer = None
    if answer is None or not _is_finite(answer):  # pragma: no cover - a safety net
        first = dataclasses.fields(module.Inputs)[0].name
        return _failure([{"field": first, "message": "these values are too extreme to compute"}])
    if preset is not None:
        answer["preset"] = str(preset_name)
        answer["reported"] = _compare(module, answer["outputs"], preset.reported)
    return answer


def _evaluate(module: ModuleType, inputs: Any) -> dict[str, Any]:
    """Compute and shape a successful result (validated inputs only)."""
    result = module.compute(inputs)
    outputs = dataclasses.asdict(result)
    chart = module.chart(inputs, result)
    sensitivity = module.sensitivity(inputs, result)
    return {
        "ok": True,
        "inputs": dataclasses.asdict(inputs),
        "input_display": _input_display(inputs),
        "outputs": outputs,
        "display": _display(module, outputs),
        "chart": chart,
        "sensitivity": sensitivity,
        # Text alternatives of the two charts, for screen readers and pages without JS.
        "captions": {"chart": caption(chart), "sensitivity": caption(sensitivity)},
        "notes": module.notes(inputs, result),
    }


def _input_display(inputs: Any) -> dict[str, str]:
    """Every input as prose shows it ("$0.10", "40%", "70 billion")."""
    shown = {}
    for field in dataclasses.fields(inputs):
        value = getattr(inputs, field.name)
        style = input_format(spec_of(field))
        shown[field.name] = format_value(value, style if style != "choice" else "text")
    return shown


def _display(module: ModuleType, outputs: dict[str, Any]) -> dict[str, Any]:
    """Formatted text for every output except series; table rows column by column."""
    display: dict[str, Any] = {}
    for spec in module.OUTPUTS:
        value = outputs[spec.name]
        if spec.format == "table":
            columns = module.TABLE_FORMATS[spec.name]
            display[spec.name] = [
                {
                    key: format_value(v, columns[key]) if key in columns else v
                    for key, v in row.items()
                }
                for row in value
            ]
        elif spec.format != "series":
            display[spec.name] = spec.missing if value is None else format_value(value, spec.format)
    return display


def _compare(
    module: ModuleType, outputs: dict[str, Any], reported: Mapping[str, float]
) -> list[dict[str, Any]]:
    """Our estimate beside each reported figure, with their ratio."""
    labels = {spec.name: spec for spec in module.OUTPUTS}
    rows = []
    for key, figure in reported.items():
        estimate = outputs.get(key)
        ratio = estimate / figure if isinstance(estimate, float | int) and figure else None
        spec = labels[key]
        rows.append(
            {
                "output": key,
                "label": spec.label,
                "unit": spec.unit,
                "estimate": estimate,
                "reported": figure,
                "ratio": ratio,
                "ratio_display": format_value(ratio, "ratio"),
                "estimate_display": format_value(estimate, spec.format),
                "reported_display": format_value(figure, spec.format),
            }
        )
    return rows


def _failure(errors: list[FieldError]) -> dict[str, Any]:
    return {"ok": False, "errors": errors}


def _is_finite(value: object) -> bool:
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, dict):
        return all(_is_finite(item) for item in value.values())
    if isinstance(value, list | tuple):
        return all(_is_finite(item) for item in value)
    return True
