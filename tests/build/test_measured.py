"""The stored characters-per-token figures are what tiktoken measures on today's pages."""

from __future__ import annotations

import json

from tests.support import ROOT
from tests.unit.test_measure_tokens import measure_tokens


def test_stored_chars_per_token_is_not_stale() -> None:
    stored = json.loads((ROOT / "calculators" / "data" / "chars_per_token.json").read_text())
    fresh = measure_tokens.measure()
    assert stored["measured"] == fresh["measured"], (
        "The section pages or the Chinese sample changed: run "
        "`.venv/bin/python site_hooks/measure_tokens.py` and commit the new figures."
    )
    assert stored["tool"] == fresh["tool"]
