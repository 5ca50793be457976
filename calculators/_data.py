"""Read the sourced data files shipped in ``calculators/data/`` (once each)."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


@cache
def load(filename: str) -> dict[str, Any]:
    """The parsed JSON of ``data/<filename>``; importlib.resources works from a wheel too."""
    text = resources.files("calculators").joinpath("data", filename).read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def constant(name: str) -> float:
    """A sourced rule of thumb from ``data/constants.json``.

    >>> constant("chars_per_token")
    4.0
    """
    return float(load("constants.json")[name]["value"])
