"""HTML for one calculator on a page: the form from `schema()`, the results of `run()`.

Everything a reader sees before Python loads is rendered here at build time
from the package's own output; the browser only re-renders the same shapes.
All text is escaped: nothing from the schema or results is trusted as markup.
"""

from __future__ import annotations

import json
import math
from html import escape
from typing import Any

import calculators

_TABLE_ROWS = 10  # leaderboard rows shown: the top and the bottom of the board
LOG_POSITIONS_PER_DECADE = 12  # assets/js/sliders.mjs reads the count from the element


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


def json_for_template(data: object) -> str:
    """JSON safe to embed as the text of a <template>: no markup characters at all.

    A <template> rather than <script type="application/json">, because Material's
    instant navigation re-creates every <script> in new content and chokes on JSON.
    """
    text = json.dumps(data, allow_nan=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _slider_html(ident: str, field: dict[str, Any], value: object, shown: str) -> str:
    """A range input linked to the field's text input (assets/js/sliders.mjs keeps them in step).

    Logarithmic sliders move over positions 0..N, twelve per power of ten.
    """
    slider = field["slider"]
    low, high = slider["min"], slider["max"]
    number = value if isinstance(value, int | float) else low
    number = min(max(float(number), low), high)
    if slider["scale"] == "log":
        positions = max(1, round(math.log10(high / low) * LOG_POSITIONS_PER_DECADE))
        position = round(math.log10(number / low) / math.log10(high / low) * positions)
        bounds = f'min="0" max="{positions}" step="1" value="{position}"'
    else:
        bounds = f'min="{low:g}" max="{high:g}" step="{slider["step"]:g}" value="{number:g}"'
    return (
        f'<input type="range" class="calc-slider" data-slider-for="{escape(field["name"])}" '
        f'data-scale="{slider["scale"]}" data-low="{low:g}" data-high="{high:g}" {bounds} '
        f'aria-label="{escape(field["label"])}" aria-controls="{ident}" '
        f'aria-valuetext="{escape(value_text(field, shown))}">'
    )


def value_text(field: dict[str, Any], shown: str) -> str:
    """A slider's value in words and units: "$0.10 per kWh", "70 billion parameters", "40%"."""
    unit = field["unit"]
    if field["format"] == "usd":
        rest = unit.removeprefix("USD").strip()
        return f"{shown} {rest}".strip()
    if field["format"] == "percent" or not unit:
        return shown
    return f"{shown} {unit}"


def field_html(
    prefix: str,
    field: dict[str, Any],
    value: object,
    *,
    shown: str = "",
    slider: bool = False,
    applicable: bool = True,
) -> str:
    """One labelled input (a text box or a menu), with an optional slider, help and error slot.

    A field that does not apply to the other inputs' values (schema ``shown_when``) is
    rendered hidden; assets/js/calc-form.mjs shows it when it comes to apply.
    """
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
            f'spellcheck="false" inputmode="text" aria-describedby="{described}">'
        )
    with_slider = slider and field["slider"] is not None and field["kind"] != "choice"
    range_html = _slider_html(ident, field, value, shown) if with_slider else ""
    classes = "calc-field" + (" calc-field--slider" if range_html else "")
    classes += "" if applicable else " calc-field--inapplicable"
    return (
        f'<div class="{classes}" '
        f'data-field="{escape(name)}">'
        f'<label for="{ident}">{escape(field["label"])}{unit}</label>{control}{range_html}'
        f'<p class="calc-help" id="{ident}-help">{escape(field["help"])}</p>'
        f'<p class="calc-error" id="{ident}-error" hidden></p></div>'
    )


def applies(field: dict[str, Any], inputs: dict[str, Any]) -> bool:
    """Whether a field applies, given the other inputs (its schema ``shown_when`` rule)."""
    rule = field.get("shown_when")
    return rule is None or inputs.get(rule["field"]) == rule["value"]


def hidden_input_html(field: dict[str, Any], value: object) -> str:
    """A field fixed in this view: still part of the form, so the full input set is in the DOM."""
    default = escape(input_text(field["default"]))
    return (
        f'<input type="hidden" name="{escape(field["name"])}" '
        f'value="{escape(input_text(value))}" data-default="{default}">'
    )


def output_html(output: dict[str, Any], result: dict[str, Any], element: str = "span") -> str:
    """One output value with the DOM contract's attributes (data-output, data-value)."""
    name = output["name"]
    raw = result["outputs"][name]
    return (
        f'<{element} data-output="{escape(name)}" data-value="{_raw(raw)}">'
        f"{escape(result['display'][name])}</{element}>"
    )


def _unit_html(output: dict[str, Any]) -> str:
    unit = output["unit"] if output["format"] not in ("usd", "percent") else ""
    return f' <span class="calc-unit">{escape(unit)}</span>' if unit else ""


def outputs_html(
    described: dict[str, Any], result: dict[str, Any], names: list[str] | None = None
) -> str:
    """Scalar outputs as cards: all of them, or just `names` in that order."""
    by_name = {o["name"]: o for o in described["outputs"]}
    chosen = (
        [by_name[n] for n in names]
        if names is not None
        else [o for o in described["outputs"] if o["format"] not in ("table", "series")]
    )
    items = [
        f'<div class="calc-output"><dt>{escape(output["label"])}</dt>'
        f"<dd>{output_html(output, result)}{_unit_html(output)}</dd></div>"
        for output in chosen
    ]
    return f'<dl class="calc-outputs">{"".join(items)}</dl>'


def results_html(described: dict[str, Any], result: dict[str, Any]) -> str:
    """Headline outputs large, every other scalar output in a compact table."""
    scalar = [o for o in described["outputs"] if o["format"] not in ("table", "series")]
    headlines = [o["name"] for o in scalar if o["headline"]]
    rows = "".join(
        f'<tr data-output-row="{escape(o["name"])}"><th scope="row">{escape(o["label"])}</th>'
        f"<td>{output_html(o, result)}{_unit_html(o)}</td></tr>"
        for o in scalar
        if not o["headline"]
    )
    more = (
        '<div class="calc-table calc-more"><table><caption>More results</caption>'
        f"<tbody>{rows}</tbody></table></div>"
        if rows
        else ""
    )
    return (
        outputs_html(described, result, headlines).replace(
            'class="calc-outputs"', 'class="calc-outputs calc-headlines"', 1
        )
        + more
    )


def chart_html(result: dict[str, Any], which: str) -> str:
    """A chart slot with its text alternative (a caption from the package)."""
    title = escape(result[which]["layout"]["title"]["text"])
    return (
        f'<figure class="calc-figure" aria-label="{title}">'
        f'<div class="calc-chart" data-chart="{which}"></div>'
        f'<figcaption class="calc-caption" data-caption="{which}">'
        f"{escape(result['captions'][which])}</figcaption></figure>"
    )


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


def formulas_html(described: dict[str, Any]) -> str:
    """The formulas, beside the inputs they use."""
    items = "".join(
        f"<dt>{escape(f['quantity'])}</dt><dd>{escape(f['formula'])}</dd>"
        for f in described["formulas"]
    )
    return f'<details class="calc-formulas"><summary>Formulas</summary><dl>{items}</dl></details>'


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


def runtime_attributes(*, embed_url: str, wheel_url: str, snapshot_url: str) -> str:
    """What every calculator root tells the page's scripts: where the runtime and embed live."""
    return (
        f'data-embed-url="{escape(embed_url)}" data-wheel-url="{escape(wheel_url)}" '
        f'data-snapshot-url="{escape(snapshot_url)}"'
    )


def templates_html(described: dict[str, Any], result: dict[str, Any]) -> str:
    return (
        f'<template class="calc-schema">{json_for_template(described)}</template>'
        f'<template class="calc-result">{json_for_template(result)}</template>'
    )


def calculator_html(
    name: str,
    *,
    instance: int,
    preset: str | None,
    embed_url: str,
    wheel_url: str,
    snapshot_url: str,
) -> str:
    """The full calculator: main fields, "More assumptions", headline results, charts, actions."""
    described = calculators.schema(name)
    mapping = {"preset": preset} if preset else {}
    result = calculators.run(name, mapping)
    if not result["ok"]:
        raise ValueError(f"calculator {name!r} with preset {preset!r}: {result['errors']}")
    prefix = f"calc-{name}-{instance}"

    def fields_of(group: str) -> str:
        return "".join(
            field_html(
                prefix,
                field,
                result["inputs"][field["name"]],
                shown=result["input_display"][field["name"]],
                slider=group == "main",
                applicable=applies(field, result["inputs"]),
            )
            for field in described["fields"]
            if field["group"] == group
        )

    advanced_count = sum(
        1 for f in described["fields"] if f["group"] == "advanced" and applies(f, result["inputs"])
    )
    preset_options = '<option value="">Your own values</option>' + "".join(
        f'<option value="{escape(p["name"])}"{" selected" if p["name"] == preset else ""}>'
        f"{escape(p['label'])}</option>"
        for p in described["presets"]
    )
    title = escape(described["title"])
    runtime = runtime_attributes(
        embed_url=embed_url, wheel_url=wheel_url, snapshot_url=snapshot_url
    )
    return f"""<section class="calc" data-calculator="{escape(name)}" data-view="full"
 data-state="static" data-url-state="{"true" if instance == 0 else "false"}" {runtime}
 aria-labelledby="{prefix}-title">
{templates_html(described, result)}
<h2 class="calc-title" id="{prefix}-title">{title}</h2>
<p class="calc-status" role="status" aria-live="polite">Results computed when this page was built.
 The live calculator starts when you scroll to it.</p>
<form class="calc-form" novalidate>
<div class="calc-presets"><label for="{prefix}-preset">Start from</label>
<select id="{prefix}-preset" data-preset-menu>{preset_options}</select></div>
<div class="calc-fields calc-fields--main">{fields_of("main")}</div>
<details class="calc-advanced"><summary>More assumptions
(<span data-advanced-count>{advanced_count}</span>)</summary>
<div class="calc-fields">{fields_of("advanced")}</div></details>
{formulas_html(described)}
<p class="calc-form-error" role="alert" hidden></p>
</form>
<div class="calc-results" aria-live="polite">
<h3>Results</h3>
{results_html(described, result)}
{leaderboard_html(result)}
{reported_html(result)}
{notes_html(result)}
{chart_html(result, "chart")}
{chart_html(result, "sensitivity")}
</div>
{actions_html(full=True)}
</section>"""


def actions_html(*, full: bool, full_url: str = "") -> str:
    """Buttons under a calculator; an explorable links to its full calculator instead."""
    if full:
        extra = (
            '<button type="button" class="md-button" data-action="copy-link">Copy link</button>'
            '<button type="button" class="md-button" data-action="download-csv">'
            "Download CSV</button>"
            '<button type="button" class="md-button" data-action="download-json">'
            "Download JSON</button>"
        )
    else:
        extra = (
            f'<a class="md-button" data-action="open-full" href="{escape(full_url)}">'
            "Open the full calculator with these values</a>"
        )
    return (
        '<div class="calc-actions">'
        '<button type="button" class="md-button" data-action="retry" hidden>Try again</button>'
        f"{extra}"
        '<button type="button" class="md-button" data-action="copy-embed">Copy embed code</button>'
        '<output class="calc-copied" aria-live="polite"></output></div>'
    )


def figure_html(figure: dict[str, Any]) -> str:
    raw = "" if figure["value"] is None else escape(json.dumps(figure["value"]))
    return (
        f'<strong data-figure="{escape(figure["key"])}" data-value="{raw}">'
        f"{escape(figure['display'])}</strong>"
    )


def claim_html(checked: dict[str, Any], calculator_urls: dict[str, str]) -> str:
    """An "article says / numbers say" box; every number in it is a package figure."""
    figures = {f["key"]: f for f in checked["figures"]}
    verdict = "".join(
        escape(part["text"]) if "text" in part else _factor_or_figure(part, figures)
        for part in checked["verdict"]
    )
    rows = []
    for figure in checked["figures"]:
        if figure["kind"] == "computed":
            query = "&".join(
                f"{escape(k)}={escape(str(v))}"
                for k, v in {"preset": figure["preset"], **figure["overrides"]}.items()
            )
            origin = (
                f'<a href="{escape(calculator_urls[figure["calculator"]])}?{query}">'
                f"calculator, preset {escape(figure['preset'])}</a>"
            )
        elif figure["source"] is not None:
            origin = _link(figure["source"])
        else:
            origin = "our reading of the article"
        rows.append(
            f'<tr><th scope="row">{escape(figure["label"])}</th><td>{figure_html(figure)}</td>'
            f"<td>{origin}</td></tr>"
        )
    sources = "".join(
        f"<li>{_link(s)} (as of {escape(s['as_of'])})</li>" for s in checked["sources"]
    )
    sources_html = f'<ol class="claim-sources">{sources}</ol>' if sources else ""
    state = "holds" if checked["holds"] else "fails"
    return f"""<aside class="claim claim--{state}" data-claim="{escape(checked["id"])}">
<p class="claim-head">The article says</p>
<blockquote class="claim-quote"><p>“{escape(checked["article_says"])}”</p></blockquote>
<p class="claim-reading">{escape(checked["reading"])}</p>
<p class="claim-head">The numbers say</p>
<p class="claim-verdict">{verdict}</p>
<details class="claim-details"><summary>Figures and sources</summary>
<div class="claim-table"><table><thead><tr><th>Figure</th><th>Value</th><th>From</th></tr></thead>
<tbody>{"".join(rows)}</tbody></table></div>
{sources_html}
</details>
</aside>"""


def _factor_or_figure(part: dict[str, str], figures: dict[str, dict[str, Any]]) -> str:
    key = part["figure"]
    if key in figures:
        return figure_html(figures[key])
    return f'<strong data-figure="{escape(key)}">{escape(part["display"])}</strong>'


def _table(headers: list[str], rows: list[list[str]], caption: str) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return (
        f'<div class="data-table"><table><caption>{escape(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"
    )


def _link(source: dict[str, str]) -> str:
    return f'<a href="{escape(source["url"])}">{escape(source["title"])}</a>'


def gpu_table() -> str:
    """The accelerator catalogue, every row with its sources and dates."""
    from calculators import training_cost

    rows = []
    for key, gpu in training_cost.catalogue().items():
        peak = gpu["peak_tflops"]
        rental = gpu["rental"]
        purchase = gpu["purchase"]
        rows.append(
            [
                f"<code>{escape(key)}</code><br>{escape(gpu['name'])}",
                escape(f"{peak['bf16']:g}"),
                escape("n/a" if peak["fp8"] is None else f"{peak['fp8']:g}"),
                escape("n/a" if gpu["tdp_w"] is None else f"{gpu['tdp_w']:g}"),
                escape(f"{gpu['memory_gb']:g}"),
                "n/a"
                if rental is None
                else (
                    f"${rental['usd_per_hour']:.2f} ({escape(rental['vendor'])}, "
                    f"{escape(rental['as_of'])}) {_link(rental['source'])}"
                ),
                "n/a"
                if purchase is None
                else (
                    f"${purchase['usd']:,.0f} ({escape(purchase['as_of'])}) "
                    f"{_link(purchase['source'])}"
                ),
                f"{_link(gpu['spec_source'])} (as of {escape(gpu['spec_source']['as_of'])})"
                + (f"<br><small>{escape(gpu['note'])}</small>" if "note" in gpu else ""),
            ]
        )
    headers = [
        "Accelerator",
        "BF16/FP16 TFLOP/s",
        "FP8 TFLOP/s",
        "Power (W)",
        "Memory (GB)",
        "Rental per hour",
        "Purchase per GPU",
        "Specification source",
    ]
    return _table(headers, rows, "Accelerator catalogue (calculators/data/gpus.json)")


def runs_table() -> str:
    """Reported training runs (the presets), with what was reported and the sources."""
    from calculators import training_cost
    from calculators._format import format_value

    formats = {o.name: o.format for o in training_cost.OUTPUTS}
    labels = {o.name: o.label for o in training_cost.OUTPUTS}
    rows = []
    for key, run in training_cost.reported_runs().items():
        reported = "<br>".join(
            f"{escape(labels[name])}: {escape(format_value(value, formats[name]))}"
            for name, value in run["reported"].items()
        )
        rows.append(
            [
                f"<code>{escape(key)}</code><br>{escape(run['label'])}",
                reported,
                escape(run["assumptions"]),
                "<br>".join(_link(s) for s in run["sources"]) + f" (as of {escape(run['as_of'])})",
            ]
        )
    return _table(
        ["Run", "Reported", "Our inputs and assumptions", "Sources"],
        rows,
        "Reported training runs (calculators/data/runs.json)",
    )


def constants_table() -> str:
    from calculators._data import load

    rows = [
        [
            escape(name),
            escape(f"{item['value']:g} {item['unit']}"),
            escape(item["note"]),
            f"{_link(item['source'])} (as of {escape(item['as_of'])})",
        ]
        for name, item in load("constants.json").items()
        if not name.startswith("_")
    ]
    return _table(
        ["Constant", "Value", "Note", "Source"],
        rows,
        "Rules of thumb (calculators/data/constants.json)",
    )


def fields_table(name: str) -> str:
    """Every input of a calculator with its default, bounds and the reason for it."""
    described = calculators.schema(name)
    rows = []
    for field in described["fields"]:
        bounds = []
        if field["min"] is not None:
            bounds.append(("> " if field["min_exclusive"] else "≥ ") + f"{field['min']:g}")
        if field["max"] is not None:
            bounds.append(f"≤ {field['max']:g}")
        if field["choices"]:
            bounds.append(", ".join(c["value"] for c in field["choices"]))
        default = input_text(field["default"]) or "(empty)"
        rows.append(
            [
                f"<code>{escape(field['name'])}</code>",
                escape(field["label"]) + (f" ({escape(field['unit'])})" if field["unit"] else ""),
                f"<code>{escape(default)}</code>",
                escape("; ".join(bounds)),
                escape(field["help"]),
            ]
        )
    return _table(
        ["Field", "Meaning", "Default", "Allowed", "Why this default"],
        rows,
        f"{described['title']}: inputs",
    )


def gpu_finance_table() -> str:
    """The GPU finance presets' figures, each with its kind, source and date."""
    from calculators import gpu_finance

    rows = [
        [
            f"<code>{escape(key)}</code>",
            escape(f"{figure['value']:g} {figure['unit']}"),
            escape(figure["kind"]),
            escape(figure["note"]),
            f"{_link(figure['source'])} (as of {escape(figure['as_of'])})",
        ]
        for key, figure in gpu_finance.figures().items()
    ]
    return _table(
        ["Figure", "Value", "Kind", "Note", "Source"],
        rows,
        "GPU finance figures (calculators/data/gpu_finance.json)",
    )


def rental_history_table() -> str:
    """Dated H100 rental prices: how far the hourly price fell."""
    from calculators import gpu_finance

    rows = [
        [
            escape(point["date"]),
            escape(f"${point['usd_per_hour']:.2f}"),
            escape(point["offer"]),
            _link(point["source"]),
        ]
        for point in gpu_finance.rental_history()
    ]
    return _table(
        ["Date", "Per H100-hour", "Offer", "Source"],
        rows,
        "H100 rental prices over time (calculators/data/gpu_finance.json)",
    )
