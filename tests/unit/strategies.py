"""Hypothesis strategies for calculator inputs, valid and hostile."""

from __future__ import annotations

import math

from hypothesis import strategies as st

import calculators

# Values a form, a URL or a script might send for any field.
hostile_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**400), max_value=10**400),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=80),
    st.text(max_size=20).map(lambda s: s + "e308"),
    st.integers(0, 20_000).map(lambda n: "9" * n),  # numbers far too long to be numbers
    st.text(min_size=100, max_size=2_000),
    st.sampled_from(
        [
            "",
            " ",
            "nan",
            "NaN",
            "inf",
            "-Infinity",
            "1e999",
            "70B",
            "1.5T",
            "2,000",
            "40%",
            "$2.50",
            "<img src=x onerror=alert(1)>",
            "0x10",
            "1_000",
            "--1",
            "1e",
            "%",
            "B",
            "1.2.3",
            "\u0661\u0662",
        ]
    ),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)


def hostile_mapping(name: str) -> st.SearchStrategy[dict[object, object]]:
    known = [field["name"] for field in calculators.schema(name)["fields"]]
    keys = st.one_of(st.sampled_from([*known, "preset"]), st.text(max_size=12))
    return st.dictionaries(keys, hostile_values, max_size=len(known) + 3)


def valid_number(field: dict[str, object]) -> st.SearchStrategy[float | int]:
    """Numbers within a field's bounds."""
    low = field["min"] if field["min"] is not None else -1e6
    high = field["max"] if field["max"] is not None else 1e6
    assert isinstance(low, int | float)
    assert isinstance(high, int | float)
    if field["kind"] == "integer":
        return st.integers(
            min_value=math.ceil(low) + bool(field["min_exclusive"]), max_value=math.floor(high)
        )
    return st.floats(
        min_value=low,
        max_value=high,
        exclude_min=bool(field["min_exclusive"]),
        allow_nan=False,
        allow_infinity=False,
    )


def valid_mapping(name: str) -> st.SearchStrategy[dict[str, object]]:
    """Every field present with an in-range value (or a valid choice)."""
    fields = {}
    for field in calculators.schema(name)["fields"]:
        if field["kind"] == "choice":
            fields[field["name"]] = st.sampled_from([c["value"] for c in field["choices"]])
        elif field["optional"]:
            fields[field["name"]] = st.one_of(st.none(), valid_number(field))
        else:
            fields[field["name"]] = valid_number(field)
    return st.fixed_dictionaries(fields)
