"""HTML for an explorable: one claim, one to three knobs, a sentence whose numbers move.

Written in a page as a block::

    <!-- explore: training_cost preset=gpt-4-estimate fields=electricity_price,pue
         outputs=electricity_share_of_ownership chart=chart [FIELD=VALUE ...] -->
    At {electricity_price} per kWh, electricity is {electricity_share_of_ownership}
    of what owning the run costs.
    <!-- /explore -->

(the opening marker on one line). In the sentence, ``{output}`` becomes a live
output (``data-output``) and ``{field}`` the value of an input as prose writes
it (``data-input-echo``); anything else fails the build. Every field not shown
is a hidden input holding the preset's value, so the full input set is in the DOM.
"""

from __future__ import annotations

import re
from html import escape
from typing import Any
from urllib.parse import urlencode

from render import (
    actions_html,
    chart_html,
    field_html,
    hidden_input_html,
    output_html,
    outputs_html,
    runtime_attributes,
    templates_html,
)
from ui_text import MESSAGES, _t

import calculators

MAX_KNOBS = 3
_PLACEHOLDER = re.compile(r"\{(\w+)\}")
_EMPHASIS = re.compile(r"\*\*(.+?)\*\*")


class ExploreError(ValueError):
    """A marker that names something the calculator does not have."""


def sentence_html(text: str, described: dict[str, Any], result: dict[str, Any]) -> str:
    """The sentence with its placeholders replaced by live numbers (escaped text otherwise)."""
    outputs = {o["name"]: o for o in described["outputs"]}
    fields = {f["name"] for f in described["fields"]}
    pieces: list[str] = []
    position = 0
    for match in _PLACEHOLDER.finditer(text):
        pieces.append(_prose(text[position : match.start()]))
        name = match[1]
        if name in outputs and outputs[name]["format"] not in ("table", "series"):
            pieces.append(output_html(outputs[name], result, "strong"))
        elif name in fields:
            pieces.append(
                f'<strong data-input-echo="{escape(name)}">'
                f"{escape(result['input_display'][name])}</strong>"
            )
        else:
            raise ExploreError(f"sentence names {name!r}, which is no output or field")
        position = match.end()
    pieces.append(_prose(text[position:]))
    return "".join(pieces)


def _prose(text: str) -> str:
    """Escaped text; **bold** is the only markup a sentence may use."""
    return _EMPHASIS.sub(r"<strong>\1</strong>", escape(re.sub(r"\s+", " ", text), quote=False))


def explore_html(
    name: str,
    *,
    instance: int,
    options: dict[str, str],
    sentence: str,
    full_url: str,
    embed_url: str,
    wheel_url: str,
    snapshot_url: str,
    lang: str = "en",
) -> str:
    """A compact view of calculator `name` (see the module docstring for the marker)."""
    described = calculators.schema(name, lang=lang)
    by_field = {f["name"]: f for f in described["fields"]}
    # Any other option sets a field: the explorable starts from the preset plus these.
    overrides = {k: v for k, v in options.items() if k in by_field}
    unknown_options = set(options) - {"preset", "fields", "outputs", "chart"} - set(overrides)
    if unknown_options:
        raise ExploreError(f"unknown explore option(s) {sorted(unknown_options)}")
    by_output = {o["name"]: o for o in described["outputs"]}
    preset = options.get("preset")
    if preset is not None and preset not in {p["name"] for p in described["presets"]}:
        raise ExploreError(f"unknown preset {preset!r} for {name}")
    knobs = [f for f in options.get("fields", "").split(",") if f]
    shown = [o for o in options.get("outputs", "").split(",") if o]
    if not 1 <= len(knobs) <= MAX_KNOBS:
        raise ExploreError(f"an explorable has 1 to {MAX_KNOBS} fields (got {knobs})")
    for knob in knobs:
        if knob not in by_field:
            raise ExploreError(f"unknown field {knob!r} for {name}")
    for output in shown:
        if output not in by_output or by_output[output]["format"] in ("table", "series"):
            raise ExploreError(f"unknown or non-scalar output {output!r} for {name}")
    chart = options.get("chart")
    if chart not in (None, "chart", "sensitivity"):
        raise ExploreError(f"chart must be chart or sensitivity (got {chart!r})")

    result = calculators.run(
        name, {**({"preset": preset} if preset else {}), **overrides}, lang=lang
    )
    if not result["ok"]:
        raise ExploreError(f"{name} preset {preset!r} with {overrides}: {result['errors']}")
    prefix = f"explore-{name}-{instance}"
    visible = "".join(
        field_html(
            prefix,
            by_field[knob],
            result["inputs"][knob],
            shown=result["input_display"][knob],
            slider=True,
            lang=lang,
        )
        for knob in knobs
    )
    hidden = "".join(
        hidden_input_html(field, result["inputs"][field["name"]])
        for field in described["fields"]
        if field["name"] not in knobs
    )
    query = urlencode({**({"preset": preset} if preset else {}), **overrides})
    link = full_url + (f"?{query}" if query else "")
    runtime = runtime_attributes(
        embed_url=embed_url, wheel_url=wheel_url, snapshot_url=snapshot_url
    )
    chart_part = chart_html(result, chart) if chart else ""
    outputs_part = outputs_html(described, result, shown) if shown else ""
    static_status = escape(_t(MESSAGES["status.static"], lang))
    label = _t("Explore: {title}", lang).format(title=described["title"])
    return f"""<section class="calc calc--explore" data-calculator="{escape(name)}"
 data-view="explore" data-state="static" data-url-state="false" data-preset="{escape(preset or "")}"
 data-full-url="{escape(full_url)}" data-knobs="{escape(",".join(knobs))}"
 data-shown-outputs="{escape(",".join(shown))}" {runtime} aria-label="{escape(label)}">
{templates_html(described, result)}
<p class="explore-sentence">{sentence_html(sentence, described, result)}</p>
<form class="calc-form" novalidate>
<div class="calc-fields">{visible}</div>{hidden}
<p class="calc-form-error" role="alert" hidden></p>
</form>
<div class="calc-results" aria-live="polite">{outputs_part}{chart_part}</div>
<p class="calc-status" role="status" aria-live="polite">{static_status}</p>
{actions_html(full=False, full_url=link, lang=lang)}
</section>"""


__all__ = ["ExploreError", "explore_html"]
