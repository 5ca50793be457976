"""HTML for one calculator on a page: the form from `schema()`, the results of `run()`.

Everything a reader sees before Python loads is rendered here at build time
from the package's own output; the browser only re-renders the same shapes.
All text is escaped: nothing from the schema or results is trusted as markup.
"""

from __future__ import annotations

import json
from html import escape
from typing import Any

import calculators

_TABLE_ROWS = 10  # leaderboard rows shown: the top and the bottom of the board


def input_text(value: object) -> str:
    """How a default value is written into a text input (the parser reads it back)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) >= 1e6:
        for size, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M")):
            scaled = value / size
            if abs(scaled) >= 1 and round(scaled, 3) == scaled:
                return f"{scaled:g}{suffix}"
        return str(int(value))
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _json_for_script(data: object) -> str:
    """JSON safe to embed as the text of a <template>: no markup characters at all.

    A <template> rather than <script type="application/json">, because Material's
    instant navigation re-creates every <script> in new content and chokes on JSON.
    """
    text = json.dumps(data, allow_nan=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _field_html(prefix: str, field: dict[str, Any], value: object) -> str:
    name = field["name"]
    ident = f"{prefix}-{name}"
    unit = f' <span class="calc-unit">({escape(field["unit"])})</span>' if field["unit"] else ""
    described = f"{ident}-help {ident}-error"
    default = f' data-default="{escape(input_text(field["default"]))}"'
    if field["kind"] == "choice":
        options = "".join(
            f'<option value="{escape(c["value"])}"{" selected" if c["value"] == value else ""}>'
            f"{escape(c['label'])}</option>"
            for c in field["choices"]
        )
        control = (
            f'<select id="{ident}" name="{escape(name)}"{default} aria-describedby="{described}">'
            f"{options}</select>"
        )
    else:
        placeholder = ' placeholder="optional"' if field["optional"] else ""
        control = (
            f'<input id="{ident}" name="{escape(name)}" type="text"{default} '
            f'value="{escape(input_text(value))}"{placeholder} autocomplete="off" '
            f'spellcheck="false" aria-describedby="{described}">'
        )
    return (
        f'<div class="calc-field" data-field="{escape(name)}">'
        f'<label for="{ident}">{escape(field["label"])}{unit}</label>{control}'
        f'<p class="calc-help" id="{ident}-help">{escape(field["help"])}</p>'
        f'<p class="calc-error" id="{ident}-error" hidden></p></div>'
    )


def outputs_html(described: dict[str, Any], result: dict[str, Any]) -> str:
    """The scalar outputs as a definition list with the DOM contract's attributes."""
    items = []
    for output in described["outputs"]:
        name = output["name"]
        if output["format"] in ("table", "series"):
            continue
        raw = result["outputs"][name]
        unit = output["unit"] if output["format"] not in ("usd", "percent") else ""
        unit_html = f' <span class="calc-unit">{escape(unit)}</span>' if unit else ""
        items.append(
            f'<div class="calc-output"><dt>{escape(output["label"])}</dt>'
            f'<dd><span data-output="{escape(name)}" data-value="{_raw(raw)}">'
            f"{escape(result['display'][name])}</span>{unit_html}</dd></div>"
        )
    return f'<dl class="calc-outputs">{"".join(items)}</dl>'


def _raw(value: object) -> str:
    return "" if value is None else escape(json.dumps(value))


def leaderboard_html(result: dict[str, Any]) -> str:
    """Top and bottom of the token leaderboard (token_kpi only)."""
    board = result["display"].get("leaderboard")
    if not board:
        return ""
    shown = list(enumerate(board, start=1))
    if len(shown) > _TABLE_ROWS:
        half = _TABLE_ROWS // 2
        shown = shown[:half] + shown[-half:]
    rows = "".join(
        f"<tr><td>{rank}</td><td>{escape(row['name'])}</td><td>{escape(row['tokens'])}</td>"
        f"<td>{escape(row['useful_tasks'])}</td><td>{escape(row['value_usd'])}</td></tr>"
        for rank, row in shown
    )
    return (
        '<div class="calc-table" data-output="leaderboard"><table>'
        "<caption>Token leaderboard: the top and the bottom</caption>"
        "<thead><tr><th>Rank</th><th>Person</th><th>Tokens</th><th>Useful tasks</th>"
        f"<th>Value</th></tr></thead><tbody>{rows}</tbody></table></div>"
    )


def notes_html(result: dict[str, Any]) -> str:
    items = "".join(f"<li>{escape(note)}</li>" for note in result["notes"])
    return f'<ul class="calc-notes">{items}</ul>'


def reported_html(result: dict[str, Any]) -> str:
    rows = result.get("reported") or []
    if not rows:
        return '<div class="calc-reported" hidden></div>'
    body = "".join(
        f'<tr><th scope="row">{escape(row["label"])}</th>'
        f"<td>{escape(row['estimate_display'])}</td><td>{escape(row['reported_display'])}</td>"
        f"<td>{escape(row['ratio_display'])}</td></tr>"
        for row in rows
    )
    return (
        '<div class="calc-reported"><table><caption>Our estimate vs what was reported</caption>'
        "<thead><tr><th>Figure</th><th>Estimate</th><th>Reported</th><th>Ratio</th></tr></thead>"
        f"<tbody>{body}</tbody></table></div>"
    )


def calculator_html(
    name: str, instance: int, preset: str | None, embed_url: str, wheel_url: str
) -> str:
    """The full widget: form, status, pre-rendered results, chart slot and actions."""
    described = calculators.schema(name)
    mapping = {"preset": preset} if preset else {}
    result = calculators.run(name, mapping)
    if not result["ok"]:
        raise ValueError(f"calculator {name!r} with preset {preset!r}: {result['errors']}")
    prefix = f"calc-{name}-{instance}"
    fields = "".join(
        _field_html(prefix, field, result["inputs"][field["name"]]) for field in described["fields"]
    )
    preset_options = '<option value="">Your own values</option>' + "".join(
        f'<option value="{escape(p["name"])}"{" selected" if p["name"] == preset else ""}>'
        f"{escape(p['label'])}</option>"
        for p in described["presets"]
    )
    title = escape(described["title"])
    chart_title = escape(result["chart"]["layout"]["title"]["text"])
    return f"""<section class="calc" data-calculator="{escape(name)}" data-state="static"
 data-url-state="{"true" if instance == 0 else "false"}" data-embed-url="{escape(embed_url)}"
 data-wheel-url="{escape(wheel_url)}" aria-labelledby="{prefix}-title">
<template class="calc-schema">{_json_for_script(described)}</template>
<template class="calc-result">{_json_for_script(result)}</template>
<h2 class="calc-title" id="{prefix}-title">{title}</h2>
<p class="calc-status" role="status" aria-live="polite">Results computed when this page was built.
 The live calculator starts when you scroll to it.</p>
<form class="calc-form" novalidate>
<div class="calc-presets"><label for="{prefix}-preset">Start from</label>
<select id="{prefix}-preset" data-preset-menu>{preset_options}</select></div>
<div class="calc-fields">{fields}</div>
<p class="calc-form-error" role="alert" hidden></p>
</form>
<div class="calc-results" aria-live="polite">
<h3>Results</h3>
{outputs_html(described, result)}
{leaderboard_html(result)}
{reported_html(result)}
{notes_html(result)}
<div class="calc-chart" role="img" aria-label="{chart_title}">
<noscript>The chart needs JavaScript; every number it shows is listed above.</noscript></div>
</div>
<div class="calc-actions">
<button type="button" class="md-button" data-action="retry" hidden>Try again</button>
<button type="button" class="md-button" data-action="copy-link">Copy link</button>
<button type="button" class="md-button" data-action="copy-embed">Copy embed code</button>
<output class="calc-copied" aria-live="polite"></output>
</div>
</section>"""
