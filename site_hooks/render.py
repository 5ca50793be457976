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

from ui_text import MESSAGES, _m, _t

import calculators
from calculators._fields import applies
from calculators._format import format_value

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
    lang: str = "en",
) -> str:
    """One labelled input (a text box or a menu), with an optional slider, help and error slot.

    A field that does not apply to the other inputs' values (schema ``shown_when``) is
    rendered hidden; assets/js/calc-form.mjs shows it when it comes to apply.
    """
    name = field["name"]
    ident = f"{prefix}-{name}"
    unit = (
        f' <span class="calc-unit">{_bracketed(escape(field["unit"]), lang)}</span>'
        if field["unit"]
        else ""
    )
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
        placeholder = f' placeholder="{escape(_t("optional", lang))}"' if field["optional"] else ""
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


def _bracketed(html: str, lang: str) -> str:
    """ "(html)", or full-width "（html）" in Chinese text."""
    return f"（{html}）" if lang == "zh" else f"({html})"


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


def _inapplicable(output: dict[str, Any], result: dict[str, Any]) -> str:
    """The attribute that leaves out an output these inputs give no meaning (its schema
    ``shown_when``, as for fields; calc-form.mjs updates it with each result)."""
    return "" if applies(output, result["inputs"]) else " data-inapplicable"


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
        f'<div class="calc-output"{_inapplicable(output, result)}>'
        f"<dt>{escape(output['label'])}</dt>"
        f"<dd>{output_html(output, result)}{_unit_html(output)}</dd></div>"
        for output in chosen
    ]
    return f'<dl class="calc-outputs">{"".join(items)}</dl>'


def results_html(described: dict[str, Any], result: dict[str, Any], lang: str) -> str:
    """Headline outputs large, every other scalar output in a compact table."""
    scalar = [o for o in described["outputs"] if o["format"] not in ("table", "series")]
    headlines = [o["name"] for o in scalar if o["headline"]]
    rows = "".join(
        f'<tr data-output-row="{escape(o["name"])}"{_inapplicable(o, result)}>'
        f'<th scope="row">{escape(o["label"])}</th>'
        f"<td>{output_html(o, result)}{_unit_html(o)}</td></tr>"
        for o in scalar
        if not o["headline"]
    )
    more = (
        '<div class="calc-table calc-more"><table>'
        f"<caption>{escape(_t('More results', lang))}</caption>"
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


def leaderboard_html(result: dict[str, Any], lang: str) -> str:
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
    caption = _t("Token leaderboard: the top and the bottom", lang)
    headers = [
        _t("Rank", lang),
        _t("Person", lang),
        _t("Tokens", lang),
        _t("Useful tasks", lang),
        _t("Value delivered", lang),
    ]
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    return (
        '<div class="calc-table" data-output="leaderboard"><table>'
        f"<caption>{escape(caption)}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div>"
    )


def formulas_html(described: dict[str, Any], lang: str) -> str:
    """The formulas, beside the inputs they use."""
    items = "".join(
        f"<dt>{escape(f['quantity'])}</dt><dd>{escape(f['formula'])}</dd>"
        for f in described["formulas"]
    )
    summary = escape(_t("Formulas", lang))
    return f'<details class="calc-formulas"><summary>{summary}</summary><dl>{items}</dl></details>'


def notes_html(result: dict[str, Any]) -> str:
    items = "".join(f"<li>{escape(note)}</li>" for note in result["notes"])
    return f'<ul class="calc-notes">{items}</ul>'


def reported_html(result: dict[str, Any], lang: str) -> str:
    rows = result.get("reported") or []
    if not rows:
        return '<div class="calc-reported" hidden></div>'
    body = "".join(
        f'<tr><th scope="row">{escape(row["label"])}</th>'
        f"<td>{escape(row['estimate_display'])}</td><td>{escape(row['reported_display'])}</td>"
        f"<td>{escape(row['ratio_display'])}</td></tr>"
        for row in rows
    )
    caption = _t("Our estimate vs what was reported", lang)
    headers = [_t("Figure", lang), _t("Estimate", lang), _t("Reported", lang), _t("Ratio", lang)]
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    return (
        f'<div class="calc-reported"><table><caption>{escape(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"
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
    lang: str = "en",
) -> str:
    """The full calculator: main fields, "More assumptions", headline results, charts, actions."""
    described = calculators.schema(name, lang=lang)
    mapping = {"preset": preset} if preset else {}
    result = calculators.run(name, mapping, lang=lang)
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
                lang=lang,
            )
            for field in described["fields"]
            if field["group"] == group
        )

    advanced_count = sum(
        1 for f in described["fields"] if f["group"] == "advanced" and applies(f, result["inputs"])
    )
    own = escape(_t("Your own values", lang))
    preset_options = f'<option value="">{own}</option>' + "".join(
        f'<option value="{escape(p["name"])}"{" selected" if p["name"] == preset else ""}>'
        f"{escape(p['label'])}</option>"
        for p in described["presets"]
    )
    title = escape(described["title"])
    static_status = escape(_t(MESSAGES["status.static"], lang))
    runtime = runtime_attributes(
        embed_url=embed_url, wheel_url=wheel_url, snapshot_url=snapshot_url
    )
    return f"""<section class="calc" data-calculator="{escape(name)}" data-view="full"
 data-state="static" data-url-state="{"true" if instance == 0 else "false"}" {runtime}
 aria-labelledby="{prefix}-title">
{templates_html(described, result)}
<h2 class="calc-title" id="{prefix}-title">{title}</h2>
<p class="calc-status" role="status" aria-live="polite">{static_status}</p>
<form class="calc-form" novalidate>
<div class="calc-presets"><label for="{prefix}-preset">{escape(_t("Start from", lang))}</label>
<select id="{prefix}-preset" data-preset-menu>{preset_options}</select></div>
<div class="calc-fields calc-fields--main">{fields_of("main")}</div>
<details class="calc-advanced"><summary>{escape(_t("More assumptions", lang))}
{_bracketed(f"<span data-advanced-count>{advanced_count}</span>", lang)}</summary>
<div class="calc-fields">{fields_of("advanced")}</div></details>
{formulas_html(described, lang)}
<p class="calc-form-error" role="alert" hidden></p>
</form>
<div class="calc-results" aria-live="polite">
<h3>{escape(_t("Results", lang))}</h3>
{results_html(described, result, lang)}
{leaderboard_html(result, lang)}
{reported_html(result, lang)}
{notes_html(result)}
{chart_html(result, "chart")}
{chart_html(result, "sensitivity")}
</div>
{actions_html(full=True, lang=lang)}
</section>"""


def _button(action: str, text: str, hidden: bool = False) -> str:
    shown = " hidden" if hidden else ""
    return (
        f'<button type="button" class="md-button" data-action="{action}"{shown}>'
        f"{escape(text)}</button>"
    )


def actions_html(*, full: bool, full_url: str = "", lang: str = "en") -> str:
    """Buttons under a calculator; an explorable links to its full calculator instead."""
    if full:
        extra = (
            _button("copy-link", _t("Copy link", lang))
            + _button("download-csv", _t("Download CSV", lang))
            + _button("download-json", _t("Download JSON", lang))
        )
    else:
        extra = (
            f'<a class="md-button" data-action="open-full" href="{escape(full_url)}">'
            f"{escape(_t('Open the full calculator with these values', lang))}</a>"
        )
    return (
        '<div class="calc-actions">'
        + _button("retry", _t("Try again", lang), hidden=True)
        + extra
        + _button("copy-embed", _t("Copy embed code", lang))
        + '<output class="calc-copied" aria-live="polite"></output></div>'
    )


def figure_html(figure: dict[str, Any]) -> str:
    raw = "" if figure["value"] is None else escape(json.dumps(figure["value"]))
    return (
        f'<strong data-figure="{escape(figure["key"])}" data-value="{raw}">'
        f"{escape(figure['display'])}</strong>"
    )


def claim_html(checked: dict[str, Any], calculator_urls: dict[str, str], lang: str = "en") -> str:
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
            origin_text = _t("calculator, preset {preset}", lang).format(preset=figure["preset"])
            origin = (
                f'<a href="{escape(calculator_urls[figure["calculator"]])}?{query}">'
                f"{escape(origin_text)}</a>"
            )
        elif figure["source"] is not None:
            origin = _link(figure["source"])
        else:
            origin = escape(_t("our reading of the article", lang))
        rows.append(
            f'<tr><th scope="row">{escape(figure["label"])}</th><td>{figure_html(figure)}</td>'
            f"<td>{origin}</td></tr>"
        )
    sources = "".join(f"<li>{_link(s)} {_as_of(s['as_of'], lang)}</li>" for s in checked["sources"])
    sources_html = f'<ol class="claim-sources">{sources}</ol>' if sources else ""
    state = "holds" if checked["holds"] else "fails"
    # Chinese quotes the article in our rendering, in Chinese quotation marks.
    quoted = escape(checked["article_says"])
    quote = f"「{quoted}」" if lang == "zh" else f"“{quoted}”"
    head = "".join(
        f"<th>{escape(_t(h, lang))}</th>" for h in (_m("Figure"), _m("Value"), _m("From"))
    )
    return f"""<aside class="claim claim--{state}" data-claim="{escape(checked["id"])}">
<p class="claim-head">{escape(_t("The article says", lang))}</p>
<blockquote class="claim-quote"><p>{quote}</p></blockquote>
<p class="claim-reading">{escape(checked["reading"])}</p>
<p class="claim-head">{escape(_t("The numbers say", lang))}</p>
<p class="claim-verdict">{verdict}</p>
<details class="claim-details"><summary>{escape(_t("Figures and sources", lang))}</summary>
<div class="claim-table"><table><thead><tr>{head}</tr></thead>
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


def _as_of(date: str, lang: str) -> str:
    """ "(as of 2024-05)" in the page's language."""
    return escape(_t("(as of {date})", lang).format(date=date))


def _link(source: dict[str, str]) -> str:
    return f'<a href="{escape(source["url"])}">{escape(source["title"])}</a>'


def gpu_table(lang: str = "en") -> str:
    """The accelerator catalogue, every row with its sources and dates."""
    from calculators import training_cost

    none = _t("n/a", lang)
    rows = []
    for key, gpu in training_cost.catalogue().items():
        peak = gpu["peak_tflops"]
        rental = gpu["rental"]
        purchase = gpu["purchase"]
        rows.append(
            [
                f"<code>{escape(key)}</code><br>{escape(gpu['name'])}",
                escape(f"{peak['bf16']:g}"),
                escape(none if peak["fp8"] is None else f"{peak['fp8']:g}"),
                escape(none if gpu["tdp_w"] is None else f"{gpu['tdp_w']:g}"),
                escape(f"{gpu['memory_gb']:g}"),
                escape(none)
                if rental is None
                else (
                    f"{escape(_usd(rental['usd_per_hour'], lang))} ({escape(rental['vendor'])}, "
                    f"{escape(rental['as_of'])}) {_link(rental['source'])}"
                ),
                escape(none)
                if purchase is None
                else (
                    f"{escape(_usd(purchase['usd'], lang, 0))} ({escape(purchase['as_of'])}) "
                    f"{_link(purchase['source'])}"
                ),
                f"{_link(gpu['spec_source'])} {_as_of(gpu['spec_source']['as_of'], lang)}"
                + (f"<br><small>{escape(_t(gpu['note'], lang))}</small>" if "note" in gpu else ""),
            ]
        )
    headers = [
        _t("Accelerator", lang),
        "BF16/FP16 TFLOP/s",
        "FP8 TFLOP/s",
        _t("Power (W)", lang),
        _t("Memory (GB)", lang),
        _t("Rental per hour", lang),
        _t("Purchase per GPU", lang),
        _t("Specification source", lang),
    ]
    caption = _t("Accelerator catalogue", lang) + " (calculators/data/gpus.json)"
    return _table(headers, rows, caption)


def runs_table(lang: str = "en") -> str:
    """Reported training runs (the presets), with what was reported and the sources."""
    from calculators import training_cost

    formats = {o.name: o.format for o in training_cost.OUTPUTS}
    labels = {o.name: _t(o.label, lang) for o in training_cost.OUTPUTS}
    rows = []
    for key, run in training_cost.reported_runs().items():
        reported = "<br>".join(
            f"{escape(labels[name])}: {escape(format_value(value, formats[name], lang))}"
            for name, value in run["reported"].items()
        )
        rows.append(
            [
                f"<code>{escape(key)}</code><br>{escape(_t(run['label'], lang))}",
                reported,
                escape(_t(run["assumptions"], lang)),
                "<br>".join(_link(s) for s in run["sources"]) + " " + _as_of(run["as_of"], lang),
            ]
        )
    headers = [_m("Run"), _m("Reported"), _m("Our inputs and assumptions"), _m("Sources")]
    return _table(
        [_t(h, lang) for h in headers],
        rows,
        _t("Reported training runs", lang) + " (calculators/data/runs.json)",
    )


def constants_table(lang: str = "en") -> str:
    from calculators._data import load

    rows = [
        [
            escape(name),
            escape(f"{item['value']:g} {_t(item['unit'], lang)}"),
            escape(_t(item["note"], lang)),
            f"{_link(item['source'])} {_as_of(item['as_of'], lang)}",
        ]
        for name, item in load("constants.json").items()
        if not name.startswith("_")
    ]
    return _table(
        [_t(h, lang) for h in (_m("Constant"), _m("Value"), _m("Note"), _m("Source"))],
        rows,
        _t("Rules of thumb", lang) + " (calculators/data/constants.json)",
    )


def fields_table(name: str, lang: str = "en") -> str:
    """Every input of a calculator with its default, bounds and the reason for it."""
    described = calculators.schema(name, lang=lang)
    rows = []
    for field in described["fields"]:
        bounds = []
        if field["min"] is not None:
            bounds.append(("> " if field["min_exclusive"] else "≥ ") + f"{field['min']:g}")
        if field["max"] is not None:
            bounds.append(f"≤ {field['max']:g}")
        if field["choices"]:
            bounds.append(", ".join(c["value"] for c in field["choices"]))
        default = input_text(field["default"]) or _t("(empty)", lang)
        rows.append(
            [
                f"<code>{escape(field['name'])}</code>",
                escape(field["label"]) + (f" ({escape(field['unit'])})" if field["unit"] else ""),
                f"<code>{escape(default)}</code>",
                escape("; ".join(bounds)),
                escape(field["help"]),
            ]
        )
    headers = (_m("Field"), _m("Meaning"), _m("Default"), _m("Allowed"), _m("Why this default"))
    return _table(
        [_t(h, lang) for h in headers],
        rows,
        _t("{title}: inputs", lang).format(title=described["title"]),
    )


def gpu_finance_table(lang: str = "en") -> str:
    """The GPU finance presets' figures, each with its kind, source and date."""
    from calculators import gpu_finance

    rows = [
        [
            f"<code>{escape(key)}</code>",
            escape(f"{figure['value']:g} {_t(figure['unit'], lang)}"),
            escape(_t(figure["kind"], lang)),
            escape(_t(figure["note"], lang)),
            f"{_link(figure['source'])} {_as_of(figure['as_of'], lang)}",
        ]
        for key, figure in gpu_finance.figures().items()
    ]
    return _table(
        [_t(h, lang) for h in (_m("Figure"), _m("Value"), _m("Kind"), _m("Note"), _m("Source"))],
        rows,
        _t("GPU finance figures", lang) + " (calculators/data/gpu_finance.json)",
    )


def rental_history_table(lang: str = "en") -> str:
    """Dated H100 rental prices: how far the hourly price fell."""
    from calculators import gpu_finance

    rows = [
        [
            escape(point["date"]),
            escape(_usd(point["usd_per_hour"], lang)),
            escape(_t(point["offer"], lang)),
            _link(point["source"]),
        ]
        for point in gpu_finance.rental_history()
    ]
    return _table(
        [_t(h, lang) for h in (_m("Date"), _m("Per H100-hour"), _m("Offer"), _m("Source"))],
        rows,
        _t("H100 rental prices over time", lang) + " (calculators/data/gpu_finance.json)",
    )


def _usd(value: float, lang: str, decimals: int = 2) -> str:
    """A price as a table shows it: "$2.10", "$33,750" or "2.10美元", "33,750美元"."""
    number = f"{value:,.{decimals}f}"
    return f"{number}美元" if lang == "zh" else f"${number}"
