"""The entry point the browser worker calls: JSON text in, JSON text out.

Strings are what cross the JavaScript-Python boundary cheaply; the worker and
the build-time snapshot both use this one function.
"""

from __future__ import annotations

import json

from . import run


def run_json(name: str, inputs_json: str) -> str:
    """``run(name, inputs)`` with the inputs and the result as strict JSON text.

    >>> run_json("roi", '{"horizon_months": "0"}')[:30]
    '{"ok": false, "errors": [{"fie'
    """
    return json.dumps(run(name, json.loads(inputs_json)), allow_nan=False)


def warm_up() -> None:
    """Run every calculator once, so all it needs is imported (before a snapshot)."""
    from . import names

    for name in names():
        run_json(name, "{}")
