"""Reading calculator state out of a page and comparing it with native `calculators.run`."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest
from playwright.sync_api import Locator, Page

import calculators

READY_TIMEOUT_MS = 90_000


def root(page: Page, name: str) -> Locator:
    return page.locator(f'[data-calculator="{name}"]').first


def form_values(page: Page, name: str) -> dict[str, str]:
    """What the form holds now, as run() would receive it from the page."""
    return values_of(root(page, name))


def values_of(calculator: Locator) -> dict[str, str]:
    """Every input of one calculator root (visible and hidden), as run() receives them."""
    values: dict[str, str] = calculator.evaluate(
        """(root) => {
            const values = {};
            for (const el of root.querySelectorAll("form [name]")) values[el.name] = el.value;
            const preset = root.querySelector("[data-preset-menu]");
            if (preset && preset.value) values.preset = preset.value;
            return values;
        }"""
    )
    return values


def shown_outputs(page: Page, name: str) -> dict[str, tuple[Any, str]]:
    """Every [data-output][data-value]: (parsed raw value, text)."""
    return outputs_of(root(page, name))


def outputs_of(calculator: Locator) -> dict[str, tuple[Any, str]]:
    """Every [data-output][data-value] of one calculator root: (parsed raw value, text)."""
    pairs = calculator.locator("[data-output][data-value]").evaluate_all(
        "(els) => els.map((el) => [el.dataset.output, el.dataset.value, el.textContent])"
    )
    return {key: (json.loads(raw) if raw else None, text) for key, raw, text in pairs}


def matches(shown: dict[str, tuple[Any, str]], expected: dict[str, Any]) -> bool:
    for key, (value, text) in shown.items():
        want = expected["outputs"][key]
        if text != expected["display"][key]:
            return False
        if (want is None) != (value is None):
            return False
        if isinstance(want, str):  # a text output ("own", "rent") is compared as is
            if value != want:
                return False
        elif want is not None and value != pytest.approx(want, rel=1e-12, abs=1e-300):
            return False
    return True


def wait_for_outputs(page: Page, name: str, expected: dict[str, Any], timeout: float = 20) -> None:
    """Poll until the page shows exactly the native result (numbers and their text)."""
    assert expected["ok"], expected
    deadline = time.monotonic() + timeout
    while True:
        shown = shown_outputs(page, name)
        if matches(shown, expected):
            return
        if time.monotonic() > deadline:
            diff = {
                k: (shown[k], expected["outputs"][k], expected["display"][k])
                for k in shown
                if shown[k][1] != expected["display"][k]
            }
            raise AssertionError(f"outputs never matched native run(): {diff}")
        page.wait_for_timeout(100)


def native(name: str, values: dict[str, str], lang: str = "en") -> dict[str, Any]:
    return calculators.run(name, values, lang=lang)


def assert_close(actual: Any, expected: Any, path: str = "") -> None:
    """Equal structure; floats equal to 1e-12 relative (Pyodide's libm may differ by an ulp)."""
    if isinstance(expected, dict):
        assert isinstance(actual, dict), path
        assert set(actual) == set(expected), path
        for key in expected:
            assert_close(actual[key], expected[key], f"{path}.{key}")
    elif isinstance(expected, list):
        assert isinstance(actual, list), path
        assert len(actual) == len(expected), path
        for index, (a, e) in enumerate(zip(actual, expected, strict=True)):
            assert_close(a, e, f"{path}[{index}]")
    elif isinstance(expected, float):
        assert actual == pytest.approx(expected, rel=1e-12, abs=1e-300), path
    else:
        assert actual == expected, path


def set_fields(calculator: Locator, values: dict[str, str]) -> None:
    """Type into (or choose in) each field by name, as a reader would."""
    for field, value in values.items():
        element = control(calculator, field)
        if element.evaluate("(el) => el.tagName") == "SELECT":
            element.select_option(value)
        else:
            element.fill(value)


def control(calculator: Locator, field: str) -> Locator:
    """A field's input, after opening "More assumptions" as a reader would when it is there."""
    element = calculator.locator(f'.calc-field [name="{field}"]')
    details = calculator.locator("details.calc-advanced")
    if details.count() and element.evaluate("(el) => !!el.closest('details:not([open])')"):
        details.locator("summary").click()
    return element
