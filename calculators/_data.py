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


def measured_chars_per_token(text: str = "en", encoding: str = "o200k_base") -> dict[str, Any]:
    """Characters per token measured with tiktoken at build time (``data/chars_per_token.json``).

    ``text`` is "en" (the prose of the site's five section pages) or "zh" (our Chinese
    sample); a build test re-measures and fails when the stored figures are stale.

    >>> row = measured_chars_per_token("zh", "cl100k_base")
    >>> row["chars_per_token"] < 1 < measured_chars_per_token("zh")["chars_per_token"]
    True
    """
    data = load("chars_per_token.json")
    for row in data["measured"]:
        if row["text"] == text and row["encoding"] == encoding:
            return {**row, "as_of": data["as_of"], "tool": data["tool"]}
    raise KeyError(f"no measurement of {text!r} with {encoding!r}")
