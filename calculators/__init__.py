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

Every function takes ``lang`` ("en", the default, or "zh"): only the human
text changes, never a field name or a value.

>>> run("roi", {"discount_rate": "lots"}, lang="zh")["errors"][0]["message"]
"“贴现率”必须是数字（收到 'lots'）"
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping
from types import ModuleType
from typing import Any

from . import gpu_finance, roi, token_kpi, training_cost
from ._charts import caption
from ._fields import (
    FieldError,
    describe_fields,
    input_format,
    parse_inputs,
    shown_when_rule,
    spec_of,
)
from ._format import format_value
from ._i18n import DEFAULT_LANGUAGE, LANGUAGES, N_, check_language, rename, say, translate

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


def schema(name: str, lang: str = DEFAULT_LANGUAGE) -> dict[str, Any]:
    """Everything a form needs: fields, outputs and presets, JSON-safe.

    >>> [f["name"] for f in schema("roi")["fields"]][:3]
    ['basis', 'upfront_cost', 'monthly_cost']
    >>> schema("roi", lang="zh")["fields"][1]["label"]
    '前期投入'

    Raises KeyError for an unknown calculator name and ValueError for an
    unknown language (programming errors, not user input: the site build must
    fail on them).
    """
    module = _CALCULATORS[name]
    check_language(lang)

    def t(text: str) -> str:
        return translate(text, lang)

    fields = describe_fields(module.Inputs)
    for field in fields:
        field.update(label=t(field["label"]), unit=t(field["unit"]), help=t(field["help"]))
        for option in field["choices"]:
            option["label"] = t(option["label"])
    outputs = [dataclasses.asdict(spec) for spec in module.OUTPUTS]
    for output in outputs:
        output.update(
            label=t(output["label"]),
            unit=t(output["unit"]),
            missing=t(output["missing"]),
            shown_when=shown_when_rule(output["shown_when"]),
        )
    return {
        "name": name,
        "title": t(module.TITLE),
        "description": t(module.DESCRIPTION),
        "fields": fields,
        "formulas": [{"quantity": t(q), "formula": t(f)} for q, f in module.FORMULAS],
        "outputs": outputs,
        "presets": [
            {
                "name": key,
                "label": t(preset.label),
                "description": t(preset.description),
                "values": dict(preset.values),
                "sources": [dataclasses.asdict(source) for source in preset.sources],
                "reported": dict(preset.reported),
                "reported_note": t(preset.reported_note),
            }
            for key, preset in module.PRESETS.items()
        ],
    }


def run(name: str, mapping: Mapping[Any, object], lang: str = DEFAULT_LANGUAGE) -> dict[str, Any]:
    """Validate `mapping`, compute, and return a JSON-safe result.

    Returns ``{"ok": True, "inputs", "input_display", "outputs", "display", "chart",
    "sensitivity", "captions", "notes"}``
    (plus ``"preset"`` and ``"reported"`` when a preset was named), or
    ``{"ok": False, "errors": [{"field", "message"}, ...]}`` listing every bad
    field. Bad user input never raises; `lang` picks the language of every
    text in the answer (an unknown one is an error on the field "lang").
    """
    if lang not in LANGUAGES:
        return _failure(
            [
                {
                    "field": "lang",
                    "message": f"unknown language {str(lang)[:40]!r}; "
                    f"choose one of {', '.join(LANGUAGES)}",
                }
            ]
        )
    module = _CALCULATORS.get(name)
    if module is None:
        return _failure(
            [
                {
                    "field": "calculator",
                    "message": say(
                        lang,
                        N_("unknown calculator {name}; choose one of {choices}"),
                        name=repr(name),
                        choices=", ".join(_CALCULATORS),
                    ),
                }
            ]
        )
    if not isinstance(mapping, Mapping):
        message = translate(N_("inputs must be a mapping of field names"), lang)
        return _failure([{"field": "inputs", "message": message}])
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
                        "message": say(
                            lang,
                            N_("unknown preset {name}; choose one of {choices}"),
                            name=repr(str(preset_name)[:40]),
                            choices=", ".join(module.PRESETS),
                        ),
                    }
                ]
            )
        values = {**preset.values, **values}
    inputs, errors = parse_inputs(module.Inputs, values, lang)
    if inputs is not None:
        errors = [
            {"field": error["field"], "message": translate(error["message"], lang)}
            for error in module.validate(inputs, lang)
        ]
    if errors or inputs is None:
        return _failure(errors)
    try:
        answer = _evaluate(module, inputs, lang)
    except ArithmeticError:  # pragma: no cover - bounds on every field keep maths finite
        answer = None
    if answer is None or not _is_finite(answer):  # pragma: no cover - a safety net
        first = dataclasses.fields(module.Inputs)[0].name
        message = translate(N_("these values are too extreme to compute"), lang)
        return _failure([{"field": first, "message": message}])
    if preset is not None:
        answer["preset"] = str(preset_name)
        answer["reported"] = _compare(module, answer["outputs"], preset.reported, lang)
    return answer


def _evaluate(module: ModuleType, inputs: Any, lang: str) -> dict[str, Any]:
    """Compute and shape a successful result (validated inputs only)."""
    result = module.compute(inputs)
    outputs = dataclasses.asdict(result)
    numbered = getattr(module, "NUMBERED_NAMES", ())
    chart = _translate_figure(module.chart(inputs, result), lang, numbered)
    sensitivity = _translate_figure(module.sensitivity(inputs, result), lang, numbered)
    return {
        "ok": True,
        "inputs": dataclasses.asdict(inputs),
        "input_display": _input_display(inputs, lang),
        "outputs": outputs,
        "display": _display(module, outputs, lang),
        "chart": chart,
        "sensitivity": sensitivity,
        # Text alternatives of the two charts, for screen readers and pages without JS.
        "captions": {
            "chart": caption(chart, lang),
            "sensitivity": caption(sensitivity, lang),
        },
        "notes": [translate(note, lang) for note in module.notes(inputs, result, lang=lang)],
    }


def _translate_figure(
    figure: dict[str, Any], lang: str, numbered: tuple[str, ...] = ()
) -> dict[str, Any]:
    """The figure's title, axis titles, trace names and point labels in `lang` (in place)."""
    if lang == DEFAULT_LANGUAGE:
        return figure
    layout = figure.get("layout", {})
    for key in ("title", "xaxis", "yaxis", "yaxis2"):
        part = layout.get(key)
        holder = part if key == "title" else (part or {}).get("title")
        if isinstance(holder, dict) and isinstance(holder.get("text"), str):
            holder["text"] = translate(holder["text"], lang)
    for trace in figure.get("data", []):
        name = trace.get("name")
        if isinstance(name, str) and name:
            trace["name"] = translate(name, lang)
            if isinstance(trace.get("hovertemplate"), str):
                trace["hovertemplate"] = trace["hovertemplate"].replace(
                    f"<extra>{name}</extra>", f"<extra>{trace['name']}</extra>"
                )
            if "text" in trace.get("mode", "") and trace.get("text") == [name]:
                trace["text"] = [trace["name"]]
        if trace.get("mode") == "markers" and isinstance(trace.get("text"), list):
            trace["text"] = [rename(str(label), numbered, lang) for label in trace["text"]]
        if trace.get("type") == "bar" and all(isinstance(x, str) for x in trace.get("x", [])):
            trace["x"] = [translate(category, lang) for category in trace["x"]]  # "Rent", "Own"
    return figure


def _input_display(inputs: Any, lang: str = DEFAULT_LANGUAGE) -> dict[str, str]:
    """Every input as prose shows it ("$0.10", "40%", "70 billion").

    English shows a choice by its value ("per_outcome"); other languages by
    its translated label.
    """
    shown = {}
    for field in dataclasses.fields(inputs):
        value = getattr(inputs, field.name)
        spec = spec_of(field)
        style = input_format(spec)
        if style == "choice" and lang != DEFAULT_LANGUAGE:
            labels = dict(spec.choices)
            shown[field.name] = translate(labels.get(value, str(value)), lang)
            continue
        shown[field.name] = format_value(value, style if style != "choice" else "text", lang)
    return shown


def _display(module: ModuleType, outputs: dict[str, Any], lang: str) -> dict[str, Any]:
    """Formatted text for every output except series; table rows column by column."""
    display: dict[str, Any] = {}
    for spec in module.OUTPUTS:
        value = outputs[spec.name]
        if spec.format == "table":
            columns = module.TABLE_FORMATS[spec.name]
            numbered = getattr(module, "NUMBERED_NAMES", ())
            display[spec.name] = [
                {
                    key: format_value(v, columns[key], lang)
                    if key in columns
                    else (rename(v, numbered, lang) if isinstance(v, str) else v)
                    for key, v in row.items()
                }
                for row in value
            ]
        elif spec.format != "series":
            if value is None:
                display[spec.name] = translate(spec.missing, lang)
            elif spec.format == "text":  # a word such as "own": the catalogue words it
                display[spec.name] = translate(str(value), lang)
            else:
                display[spec.name] = format_value(value, spec.format, lang)
    return display


def _compare(
    module: ModuleType, outputs: dict[str, Any], reported: Mapping[str, float], lang: str
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
                "label": translate(spec.label, lang),
                "unit": translate(spec.unit, lang),
                "estimate": estimate,
                "reported": figure,
                "ratio": ratio,
                "ratio_display": format_value(ratio, "ratio", lang),
                "estimate_display": format_value(estimate, spec.format, lang),
                "reported_display": format_value(figure, spec.format, lang),
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
