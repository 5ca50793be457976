"""The article's claims, checked: each against calculator presets or a cited figure.

A claim's verdict text holds no digits of its own: every number in it comes
from a figure (a ``run()`` output for a preset, a sourced published figure, or a
figure fitted on a sourced series such as ``price_trend``)
or from the factor between two figures, all formatted by the package. The site
renders these at build time; a test checks that no other number slips in.
"""

from __future__ import annotations

import operator
import re
from functools import cache
from typing import Any

from ._data import load, measured_chars_per_token
from ._format import format_value
from ._i18n import DEFAULT_LANGUAGE, check_language, translate

_OPERATORS = {">": operator.gt, ">=": operator.ge, "<": operator.lt, "<=": operator.le}
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def names() -> list[str]:
    """Claim ids in the order of the article.

    >>> names()[0]
    'gpt4-hundreds-of-millions'
    """
    return list(load("claims.json")["claims"])


@cache
def _run(
    calculator: str, preset: str, overrides: tuple[tuple[str, str], ...], lang: str
) -> dict[str, Any]:
    from . import run, schema  # late: the package imports this module's siblings first

    result = run(calculator, {"preset": preset, **dict(overrides)}, lang=lang)
    if not result["ok"]:
        raise ValueError(f"claim figure {calculator}/{preset}{overrides}: {result['errors']}")
    result["_formats"] = {o["name"]: o["format"] for o in schema(calculator)["outputs"]}
    return result


def _figure(
    key: str, spec: dict[str, Any], sources: list[dict[str, str]], lang: str
) -> dict[str, Any]:
    label = translate(spec["label"], lang)
    if "measured" in spec:
        row = measured_chars_per_token(spec["measured"], spec["encoding"])
        value = row["chars_per_token"]
        tool = translate(row["tool"], lang)
        what = f"{translate(row['label'], lang)}; {row['encoding']}, {tool}, {row['as_of']}"
        # Chinese text takes full-width brackets and semicolon.
        what = f"（{what.replace('; ', '；')}）" if lang == "zh" else f" ({what})"
        return {
            "key": key,
            "label": label + what,
            "kind": "measured",
            "value": value,
            "display": format_value(value, spec["format"], lang),
            "source": sources[spec["source"]],
        }
    if "fitted" in spec:
        from . import price_trend  # the only fitted series so far

        if spec["fitted"] != "token_prices":
            raise ValueError(f"claim figure {key}: unknown series {spec['fitted']!r}")
        value = price_trend.summary()[spec["output"]]
        return {
            "key": key,
            "label": label,
            "kind": "fitted",
            "value": value,
            "display": format_value(value, spec["format"], lang),
            "source": sources[spec["source"]],
        }
    if "reported" in spec:
        value = spec["reported"]
        source = sources[spec["source"]] if spec["source"] is not None else None
        return {
            "key": key,
            "label": label,
            "kind": "reported",
            "value": value,
            "display": format_value(value, spec["format"], lang),
            "source": source,
        }
    overrides = tuple(sorted(spec.get("overrides", {}).items()))
    result = _run(spec["calculator"], spec["preset"], overrides, lang)
    output = spec["output"]
    return {
        "key": key,
        "label": label,
        "kind": "computed",
        "value": result["outputs"][output],
        "display": result["display"][output],
        "calculator": spec["calculator"],
        "preset": spec["preset"],
        "overrides": dict(overrides),
        "output": output,
        "format": result["_formats"][output],
    }


def check(claim_id: str, lang: str = DEFAULT_LANGUAGE) -> dict[str, Any]:
    """Evaluate one claim: its figures, whether it holds, and the verdict as segments.

    ``verdict`` is a list of ``{"text": ...}`` and ``{"figure": key, "display": ...}``
    segments, so a page can mark every number as coming from the package. ``lang``
    picks the language of the texts and of the numbers' display (values are the same).

    >>> checked = check("electricity-most-of-the-money")
    >>> checked["holds"], checked["verdict"][0]["text"][:6]
    (False, 'Wrong.')
    >>> check("electricity-most-of-the-money", lang="zh")["verdict"][0]["text"][:3]
    '错了。'
    """
    check_language(lang)
    claim = load("claims.json")["claims"][claim_id]
    sources = claim["sources"]
    figures = {key: _figure(key, spec, sources, lang) for key, spec in claim["figures"].items()}
    test = claim["test"]
    holds = bool(
        _OPERATORS[test["op"]](figures[test["figure"]]["value"], figures[test["against"]]["value"])
    )
    factor = None
    if claim["factor"]:
        numerator = figures[claim["factor"]["numerator"]]["value"]
        denominator = figures[claim["factor"]["denominator"]]["value"]
        factor = numerator / denominator if denominator else None
    displays = {key: figure["display"] for key, figure in figures.items()}
    displays["factor"] = format_value(factor, "number", lang)
    text = translate(claim["verdict"]["true" if holds else "false"], lang)
    segments: list[dict[str, str]] = []
    position = 0
    for match in _PLACEHOLDER.finditer(text):
        if match.start() > position:
            segments.append({"text": text[position : match.start()]})
        segments.append({"figure": match[1], "display": displays[match[1]]})
        position = match.end()
    if position < len(text):
        segments.append({"text": text[position:]})
    return {
        "id": claim_id,
        "section": claim["section"],
        "article_says": translate(claim["article_says"], lang),
        "reading": translate(claim["reading"], lang),
        "figures": list(figures.values()),
        "holds": holds,
        "factor": factor,
        "verdict": segments,
        "sources": sources,
    }
