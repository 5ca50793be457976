"""The public surface: names, schema, run, parsing and error shapes."""

from __future__ import annotations

import ast
import json
import sys
from pathlib import Path

import pytest

import calculators
from calculators._fields import parse_number

PACKAGE = Path(calculators.__file__).parent


def test_public_exports_are_small_and_sorted() -> None:
    assert calculators.__all__ == ["names", "run", "schema"]


def test_names() -> None:
    assert calculators.names() == ["training_cost", "token_kpi", "roi", "gpu_finance"]


@pytest.mark.parametrize("name", calculators.names())
def test_schema_is_strict_json_and_complete(name: str) -> None:
    described = calculators.schema(name)
    json.dumps(described, allow_nan=False)
    for field in described["fields"]:
        assert set(field) >= {
            "name",
            "label",
            "unit",
            "kind",
            "default",
            "min",
            "max",
            "choices",
            "help",
            "group",
            "shown_when",
        }
        assert field["label"]
        assert field["help"]
        assert field["group"] in ("main", "advanced")
    for output in described["outputs"]:
        assert set(output) == {
            "name",
            "label",
            "unit",
            "format",
            "headline",
            "missing",
            "shown_when",
        }
        assert isinstance(output["headline"], bool)
    assert described["presets"], "every calculator has presets"


@pytest.mark.parametrize("name", calculators.names())
def test_shown_when_names_a_choice_field_and_one_of_its_values(name: str) -> None:
    """A conditional field depends on an earlier choice field, by one of its values."""
    fields = calculators.schema(name)["fields"]
    seen: dict[str, dict[str, object]] = {}
    for field in fields:
        condition = field["shown_when"]
        if condition is not None:
            assert set(condition) == {"field", "value"}
            other = seen[condition["field"]]  # declared before the field it controls
            assert other["kind"] == "choice"
            assert condition["value"] in [c["value"] for c in other["choices"]]  # type: ignore[attr-defined]
            assert other["shown_when"] is None  # one level only: no chains to resolve
        seen[field["name"]] = field
    for output in calculators.schema(name)["outputs"]:  # outputs follow the same rule
        condition = output["shown_when"]
        if condition is not None:
            assert set(condition) == {"field", "value"}
            other = seen[condition["field"]]
            assert other["kind"] == "choice"
            assert condition["value"] in [c["value"] for c in other["choices"]]  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", calculators.names())
def test_schema_groups_and_headlines(name: str) -> None:
    """2 to 6 main fields and 1 to 3 headline outputs, none of them a table or series."""
    described = calculators.schema(name)
    main = [f["name"] for f in described["fields"] if f["group"] == "main"]
    headlines = [o for o in described["outputs"] if o["headline"]]
    assert 2 <= len(main) <= 6, main
    assert 1 <= len(headlines) <= 3, headlines
    assert all(o["format"] not in ("table", "series") for o in headlines)


@pytest.mark.parametrize("name", calculators.names())
def test_defaults_compute_and_every_preset_computes(name: str) -> None:
    result = calculators.run(name, {})
    assert result["ok"], result
    json.dumps(result, allow_nan=False)
    assert set(result["outputs"]) == {o["name"] for o in calculators.schema(name)["outputs"]}
    for preset in calculators.schema(name)["presets"]:
        with_preset = calculators.run(name, {"preset": preset["name"]})
        assert with_preset["ok"], (preset["name"], with_preset)


def test_unknown_calculator_and_mapping_type() -> None:
    assert calculators.run("nope", {})["errors"][0]["field"] == "calculator"
    assert calculators.run("roi", ["not", "a", "mapping"])["ok"] is False  # type: ignore[arg-type]
    with pytest.raises(KeyError):
        calculators.schema("nope")


def test_every_bad_field_is_reported_at_once() -> None:
    result = calculators.run(
        "training_cost", {"mfu": "1.7", "params": "lots", "gpu": "abacus", "color": "red"}
    )
    assert result["ok"] is False
    by_field = {e["field"]: e["message"] for e in result["errors"]}
    assert by_field == {
        "color": "unknown field 'color'",
        "params": "'params' must be a number (got 'lots')",
        "gpu": "'gpu' must be one of a100-80gb, h100-sxm, h800, h200, b200, mi300x, v100, "
        "tpu-v4, tpu-v5e (got 'abacus')",
        "mfu": "'mfu' must be between 0.01 and 1 (got 1.7)",
    }


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("", "'mfu' is required"),
        ("nan", "'mfu' must be a number (got 'nan')"),
        ("inf", "'mfu' must be a number (got 'inf')"),
        (float("nan"), "'mfu' must be a finite number"),
        ("-0.1", "'mfu' must be between 0.01 and 1 (got -0.1)"),
        ("0", "'mfu' must be between 0.01 and 1 (got 0)"),
        (True, "'mfu' must be a number"),
        ("x" * 10_000, "'mfu' is too long to be a number (10000 characters)"),
    ],
)
def test_field_messages(raw: object, message: str) -> None:
    result = calculators.run("training_cost", {"mfu": raw})
    assert result["errors"] == [{"field": "mfu", "message": message}]


def test_whole_numbers_and_choices() -> None:
    errors = calculators.run("training_cost", {"num_gpus": "2.5", "gpu": " H100-SXM "})["errors"]
    assert errors == [
        {"field": "num_gpus", "message": "'num_gpus' must be a whole number (got 2.5)"}
    ]
    ok = calculators.run("training_cost", {"num_gpus": "2,048", "gpu": " H100-SXM "})
    assert ok["inputs"]["num_gpus"] == 2048
    assert ok["inputs"]["gpu"] == "h100-sxm"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("70e9", 70e9),
        ("70B", 70e9),
        ("1.5T", 1.5e12),
        ("2,000", 2000.0),
        ("40%", 0.4),
        ("$2.50", 2.5),
        (" 12 ", 12.0),
        ("5k", 5000.0),
        ("3M", 3e6),
        (".5", 0.5),
        (7, 7.0),
    ],
)
def test_parse_number_accepts_what_people_write(text: object, value: float) -> None:
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["1e999", "abc", "1.2.3", "B", "%", "0x10", "--1", "1e"])
def test_parse_number_refuses(text: str) -> None:
    with pytest.raises(ValueError, match=r"must|too"):
        parse_number(text)


def test_preset_then_overrides_and_unknown_preset() -> None:
    base = calculators.run("training_cost", {"preset": "llama-3.1-405b"})
    assert base["preset"] == "llama-3.1-405b"
    assert base["inputs"]["params"] == 405e9
    changed = calculators.run("training_cost", {"preset": "llama-3.1-405b", "mfu": "0.2"})
    assert changed["outputs"]["gpu_hours"] == pytest.approx(2 * base["outputs"]["gpu_hours"])
    bad = calculators.run("training_cost", {"preset": "gpt-9"})
    assert bad["errors"][0]["field"] == "preset"


def test_reported_comparison_rows() -> None:
    result = calculators.run("training_cost", {"preset": "deepseek-v3"})
    rows = {row["output"]: row for row in result["reported"]}
    assert rows["rental_cost_usd"]["ratio"] == pytest.approx(1.0)
    assert rows["rental_cost_usd"]["estimate_display"] == "$5.58 million"


def _imported_top_level_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


def test_package_uses_only_the_standard_library() -> None:
    allowed = set(sys.stdlib_module_names) | {"__future__"}
    for path in PACKAGE.rglob("*.py"):
        outside = _imported_top_level_modules(path) - allowed
        assert not outside, f"{path.name} imports {outside}"
