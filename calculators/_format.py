"""Human-readable text for output values, so the CLI, the pre-rendered page and
the live page show exactly the same strings."""

from __future__ import annotations

_SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")
_SCALES = ((1e12, "T"), (1e9, "B"), (1e6, "M"))
MISSING = "n/a"


def _scaled(value: float) -> str:
    for size, suffix in _SCALES:
        if abs(value) >= size:
            return (
                f"{value / size:,.3g}{suffix}"
                if abs(value) < size * 1000
                else (f"{value / size:,.0f}{suffix}")
            )
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    if value == 0:
        return "0"
    if abs(value) >= 1:
        return f"{value:,.3g}" if abs(value) < 100 else f"{value:,.0f}"
    return f"{value:.3g}"


def scientific(value: float) -> str:
    """3.14e23 -> '3.14 × 10²³'.

    >>> scientific(3.14e23)
    '3.14 × 10²³'
    >>> scientific(512.0)
    '512'
    """
    if value == 0 or 1e-3 <= abs(value) < 1e4:
        return f"{value:.3g}"
    # Let Python round and split ("3.14e+23"): no division, so denormals are safe.
    mantissa, exponent = f"{value:.2e}".split("e")
    shown = f"{float(mantissa):.3g}"
    return f"{shown} × 10{str(int(exponent)).translate(_SUPERSCRIPT)}"


def format_value(value: object, style: str) -> str:
    """Format one output value by its format hint.

    >>> format_value(5576000.0, "usd")
    '$5.58M'
    >>> format_value(0.4, "percent")
    '40%'
    >>> format_value(None, "usd")
    'n/a'
    """
    if value is None:
        return MISSING
    if not isinstance(value, int | float) or isinstance(value, bool):
        return str(value)
    number = float(value)
    if style == "usd":
        sign = "-" if number < 0 else ""
        magnitude = abs(number)
        text = (
            f"{magnitude:,.2f}"
            if magnitude < 100 and magnitude != int(magnitude)
            else _scaled(magnitude)
        )
        return f"{sign}${text}"
    if style == "percent":
        text = f"{number * 100:.3g}" if abs(number) < 10 else f"{number * 100:,.0f}"
        return f"{text}%"
    if style == "integer":
        return f"{round(number):,}"
    if style == "ratio":
        return f"{number:.2f}"
    if style == "scientific":
        return scientific(number)
    return _scaled(number)
