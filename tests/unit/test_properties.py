"""Hostile input never crashes run() and never yields NaN or Infinity."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

import calculators

from .strategies import hostile_mapping, valid_mapping


def _assert_well_formed(name: str, result: dict[str, object]) -> None:
    text = json.dumps(result, allow_nan=False)  # raises on NaN or Infinity
    assert json.loads(text) == result
    if result["ok"]:
        assert set(result) >= {"inputs", "outputs", "display", "chart", "notes"}
    else:
        errors = result["errors"]
        assert isinstance(errors, list)
        assert errors
        for error in errors:
            assert set(error) == {"field", "message"}
            assert isinstance(error["field"], str)
            assert error["message"]


@pytest.mark.parametrize("name", calculators.names())
@given(data=st.data())
def test_run_never_raises_on_hostile_input(name: str, data: st.DataObject) -> None:
    mapping = data.draw(hostile_mapping(name))
    _assert_well_formed(name, calculators.run(name, mapping))


@pytest.mark.parametrize("name", calculators.names())
@given(data=st.data())
def test_valid_input_in_range_always_computes_finite_results(
    name: str, data: st.DataObject
) -> None:
    mapping = data.draw(valid_mapping(name))
    result = calculators.run(name, mapping)
    _assert_well_formed(name, result)
    if not result["ok"]:
        # Only cross-field rules may refuse in-range values.
        allowed = {"active_params", "precision", "employees", "days", "gpu_price", "rental_price"}
        assert {e["field"] for e in result["errors"]} <= allowed, result["errors"]
