"""Human-readable text for output values, so the CLI, the pre-rendered page and
the live page show exactly the same strings."""

from __future__ import annotations

_SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")
# Big numbers in words, as people read them; past this, scientific notation.
WORDS_LIMIT = 1e15
MISSING = "n/a"
MISSING_ZH = "无"
# Per language: the scales, the mantissa at which a number moves up to the next scale,
# and how a mantissa and its word are written. Chinese counts in 万 (10⁴), 亿 (10⁸)
# and 万亿 (10¹²) ("2,870万"; money as "8,010万美元").
_SCALES: dict[str, tuple[tuple[tuple[float, str], ...], float, str]] = {
    "en": (((1e6, "million"), (1e9, "billion"), (1e12, "trillion")), 1000, "{:g} {}"),
    "zh": (((1e4, "万"), (1e8, "亿"), (1e12, "万亿")), 10_000, "{:,.4g}{}"),
}


def in_words(value: float, lang: str = "en") -> str:
    """A count or amount as people say it: '28.7 million', '1.2 billion', '40,000'.

    Three significant figures from the first scale up (a million; 1万 in Chinese);
    a mantissa that rounds up to the next scale moves there (999,999,999 is "1
    billion", 9999.5万 is "1亿"); scientific notation from 10¹⁵.

    >>> in_words(28_700_000.0), in_words(1.2e9), in_words(40_000.0), in_words(2.5)
    ('28.7 million', '1.2 billion', '40,000', '2.5')
    >>> in_words(999_999_999.0), in_words(3.2e15)
    ('1 billion', '3.2 × 10¹⁵')
    >>> in_words(28_700_000.0, "zh"), in_words(1.2e8, "zh"), in_words(9_994.0, "zh")
    ('2,870万', '1.2亿', '9,994')
    >>> in_words(9_999.0, "zh"), in_words(99_995_000.0, "zh"), in_words(-1.5e12, "zh")
    ('1万', '1亿', '-1.5万亿')
    """
    magnitude = abs(value)
    if magnitude >= WORDS_LIMIT:
        return scientific(value)
    sign = "-" if value < 0 else ""
    scales, rollover, template = _SCALES[lang]
    # From the largest scale down, the first whose 3-figure mantissa is at least 1.
    for index in range(len(scales) - 1, -1, -1):
        size, word = scales[index]
        shown = float(f"{magnitude / size:.3g}")
        if shown < 1:
            continue
        if shown >= rollover and index + 1 < len(scales):  # rounded up into the next scale
            size, word = scales[index + 1]
            shown = float(f"{magnitude / size:.3g}")
        if shown * size >= WORDS_LIMIT:  # rounded up past the words
            return scientific(value)
        return sign + template.format(shown, word)
    if magnitude == 0:
        return "0"
    if magnitude >= 100:
        return f"{sign}{magnitude:,.0f}"
    return f"{sign}{magnitude:.3g}"


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


def format_value(value: object, style: str, lang: str = "en") -> str:
    """Format one output value by its format hint.

    >>> format_value(5576000.0, "usd")
    '$5.58 million'
    >>> format_value(0.4, "percent")
    '40%'
    >>> format_value(None, "usd")
    'n/a'
    >>> format_value(80_100_000.0, "usd", "zh"), format_value(0.0482, "percent", "zh")
    ('8,010万美元', '4.82%')
    """
    if value is None:
        return MISSING_ZH if lang == "zh" else MISSING
    if not isinstance(value, int | float) or isinstance(value, bool):
        return str(value)
    number = float(value)
    if style == "usd":
        sign = "-" if number < 0 else ""
        magnitude = abs(number)
        text = (
            f"{magnitude:,.2f}"
            if magnitude < 100 and magnitude != int(magnitude)
            else in_words(magnitude, lang)
        )
        return f"{sign}{text}美元" if lang == "zh" else f"{sign}${text}"
    if style == "percent":
        text = f"{number * 100:.3g}" if abs(number) < 10 else f"{number * 100:,.0f}"
        return f"{text}%"
    if style == "integer":
        limit = 1e4 if lang == "zh" else 1e6
        return f"{round(number):,}" if abs(round(number)) < limit else in_words(number, lang)
    if style == "ratio":
        return f"{number:.2f}"
    if style == "scientific":
        return scientific(number)
    return in_words(number, lang)
