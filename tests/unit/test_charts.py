"""Every chart dict is a valid plotly figure using only the basic bundle's traces."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import calculators

from .strategies import valid_mapping

BASIC_BUNDLE_TRACES = {"scatter", "bar", "pie"}


def _check(figure: dict[str, object]) -> None:
    go = pytest.importorskip("plotly.graph_objects")
    go.Figure(figure)  # raises ValueError on any bad property
    assert {trace["type"] for trace in figure["data"]} <= BASIC_BUNDLE_TRACES  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", calculators.names())
def test_default_and_preset_charts_validate(name: str) -> None:
    for mapping in [{}, *({"preset": p["name"]} for p in calculators.schema(name)["presets"])]:
        result = calculators.run(name, mapping)
        _check(result["chart"])
        _check(result["sensitivity"])


@pytest.mark.parametrize("name", calculators.names())
@given(data=st.data())
def test_random_valid_inputs_give_valid_charts(name: str, data: st.DataObject) -> None:
    result = calculators.run(name, data.draw(valid_mapping(name)))
    if result["ok"]:
        _check(result["chart"])
        _check(result["sensitivity"])
