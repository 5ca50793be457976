"""The entry point the browser worker calls: JSON text in, JSON text out.

Strings are what cross the JavaScript-Python boundary cheaply; the worker and
the build-time snapshot both use this one function.
"""

from __future__ import annotations

import json

from . import run
from ._i18n import DEFAULT_LANGUAGE, LANGUAGES


def run_json(name: str, inputs_json: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """``run(name, inputs, lang)`` with the inputs and the result as strict JSON text.

    >>> run_json("roi", '{"horizon_months": "0"}')[:30]
    '{"ok": false, "errors": [{"fie'
    >>> json.loads(run_json("roi", '{"horizon_months": "0"}', "zh"))["errors"][0]["message"]
    '“计算期”必须在 1 到 240 之间（收到 0）'
    """
    return json.dumps(run(name, json.loads(inputs_json), lang=lang), allow_nan=False)


# Values that take each field down its error paths (parsing, bounds, units, choices).
ODD_VALUES = ("", "lots", "-1", "0", "1e999", "nan", "12B", "1,000", "9" * 400, "<b>x</b>")


def exercise_cases() -> list[tuple[str, dict[str, str]]]:
    """Every calculator with its defaults, every preset, and every field's error paths.

    The build runs these before taking the memory snapshot and to find which
    standard-library modules the browser needs (so new calculators and fields are
    covered without a hand-kept list).

    >>> ("roi", {}) in exercise_cases()
    True
    """
    from . import names, schema

    cases: list[tuple[str, dict[str, str]]] = [("no_such_calculator", {})]
    for name in names():
        described = schema(name)
        cases.append((name, {}))
        cases.append((name, {"preset": "no_such_preset"}))
        cases += [(name, {"preset": preset["name"]}) for preset in described["presets"]]
        for field in described["fields"]:
            choices = [str(choice["value"]) for choice in field.get("choices") or []]
            values = choices + list(ODD_VALUES)
            cases += [(name, {field["name"]: value}) for value in values]
    return cases


def warm_up() -> None:
    """Import every module of the package and run every case of `exercise_cases`.

    Whatever this imports is in the snapshot and in the trimmed standard library
    (modules the calculators never run, such as price_trend, are imported too, so
    the unit tests run inside Pyodide on that same library).
    """
    import importlib
    import os
    import pkgutil

    for module in pkgutil.iter_modules([os.path.dirname(__file__)]):
        if module.name != "__main__":  # the CLI (argparse) never runs in a browser
            importlib.import_module(f"{__package__}.{module.name}")
    # Each edition's pages ask in their own language: every case in every language.
    for lang in LANGUAGES:
        for name, inputs in exercise_cases():
            run_json(name, json.dumps(inputs), lang)
