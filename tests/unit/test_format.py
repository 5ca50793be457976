"""Numbers for people: words for big counts and money, scientific only where it belongs."""

from __future__ import annotations

import pytest

from calculators._format import format_value, in_words


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0.0, "0"),
        (0.123456, "0.123"),
        (2.5, "2.5"),
        (999.4, "999"),
        (1_000.0, "1,000"),
        (999_400.0, "999,400"),
        (999_500.0, "1 million"),  # three significant figures
        (999_999.6, "1 million"),  # rounds into the next scale, never "1,000 thousand"
        (1e6, "1 million"),
        (28_700_000.0, "28.7 million"),
        (999_499_999.0, "999 million"),
        (999_500_000.0, "1 billion"),
        (1.2e9, "1.2 billion"),
        (1.4e12, "1.4 trillion"),
        (999e12, "999 trillion"),
        (999.5e12, "1 × 10¹⁵"),  # past the words: scientific
        (1e15, "1 × 10¹⁵"),
        (3.14e23, "3.14 × 10²³"),
        (-5e6, "-5 million"),
    ],
)
def test_in_words_boundaries(value: float, text: str) -> None:
    assert in_words(value) == text


@pytest.mark.parametrize(
    ("value", "style", "text"),
    [
        (80_100_000.0, "usd", "$80.1 million"),
        (-2_500_000.0, "usd", "-$2.5 million"),
        (40_000.0, "usd", "$40,000"),
        (2.5, "usd", "$2.50"),
        (999_999.0, "integer", "999,999"),
        (1_234_567.0, "integer", "1.23 million"),
        (3.14e23, "scientific", "3.14 × 10²³"),  # FLOPs keep scientific notation
        (28_700_000.0, "number", "28.7 million"),
        (0.048, "percent", "4.8%"),
        (None, "usd", "n/a"),
    ],
)
def test_format_value_uses_words(value: float | None, style: str, text: str) -> None:
    assert format_value(value, style) == text
