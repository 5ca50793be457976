"""Plotly figure dicts, built without importing plotly.

Only scatter and bar traces are used: the site serves plotly.js's basic
bundle, which has scatter, bar and pie and nothing else.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ._format import in_words
from ._i18n import N_, say, translate

PALETTE = ("#3f51b5", "#e65100", "#2e7d32", "#6a1b9a")


def _layout(title: str, x_title: str, y_title: str, **extra: Any) -> dict[str, Any]:
    layout: dict[str, Any] = {
        "title": {"text": title},
        "xaxis": {"title": {"text": x_title}, "automargin": True},
        "yaxis": {"title": {"text": y_title}, "automargin": True},
        # The legend sits at the very bottom of the figure, below the x-axis title, so
        # the two never overlap however short the plot is (explorables draw small charts).
        "margin": {"l": 60, "r": 20, "t": 50, "b": 120},
        "legend": {"orientation": "h", "yref": "container", "y": 0, "yanchor": "bottom"},
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
    }
    layout.update(extra)
    return layout


def stacked_bars(title: str, bars: list[tuple[str, str, float]], y_title: str) -> dict[str, Any]:
    """One bar trace per (name, category, value), stacked by category."""
    data = [
        {
            "type": "bar",
            "name": name,
            "x": [category],
            "y": [value],
            "marker": {"color": PALETTE[index % len(PALETTE)]},
            "hovertemplate": "%{x}: %{y:$,.3s}<extra>" + name + "</extra>",
        }
        for index, (name, category, value) in enumerate(bars)
    ]
    return {"data": data, "layout": _layout(title, "", y_title, barmode="stack")}


def scatter(
    *,
    title: str,
    x: list[float],
    y: list[float],
    labels: list[str],
    x_title: str,
    y_title: str,
) -> dict[str, Any]:
    """A marker scatter with a hover label per point."""
    trace = {
        "type": "scatter",
        "mode": "markers",
        "name": "",
        "x": x,
        "y": y,
        "text": labels,
        "marker": {"color": PALETTE[1], "size": 8, "opacity": 0.8},
        "hovertemplate": "%{text}<br>%{x:.3s} tokens<br>$%{y:,.0f}<extra></extra>",
    }
    return {"data": [trace], "layout": _layout(title, x_title, y_title, showlegend=False)}


def cash_flow_chart(
    title: str, months: list[int], flows: list[float], cumulative: list[float]
) -> dict[str, Any]:
    """Monthly flows as bars with the cumulative position as a line."""
    data = [
        {
            "type": "bar",
            "name": N_("Cash flow in the month"),
            "x": months,
            "y": flows,
            "marker": {"color": PALETTE[0]},
        },
        {
            "type": "scatter",
            "mode": "lines",
            "name": N_("Cumulative"),
            "x": months,
            "y": cumulative,
            "line": {"color": PALETTE[1], "width": 3},
        },
    ]
    return {"data": data, "layout": _layout(title, N_("Month"), N_("USD"))}


def line(
    *,
    title: str,
    x: list[float],
    series: Mapping[str, Sequence[float | None]],
    x_title: str,
    y_title: str,
    secondary: Mapping[str, Sequence[float | None]] | None = None,
    y2_title: str = "",
    marks: list[tuple[str, float, float]] | None = None,
) -> dict[str, Any]:
    """One line per named series over a shared x axis; `secondary` ones on a right axis.

    `marks` are labelled points drawn over the lines, (name, x, y) each.
    """
    named = [(name, values, "y") for name, values in series.items()]
    named += [(name, values, "y2") for name, values in (secondary or {}).items()]
    data = [
        {
            "type": "scatter",
            "mode": "lines+markers",
            "name": name,
            "x": x,
            "y": list(values),
            "yaxis": axis,
            "line": {"color": PALETTE[index % len(PALETTE)]},
        }
        for index, (name, values, axis) in enumerate(named)
    ]
    data += [
        {
            "type": "scatter",
            "mode": "markers+text",
            "name": name,
            "x": [x_value],
            "y": [y_value],
            "text": [name],
            "textposition": "top center",
            "marker": {"color": PALETTE[(len(named) + index) % len(PALETTE)], "size": 12},
        }
        for index, (name, x_value, y_value) in enumerate(marks or [])
    ]
    extra: dict[str, Any] = {}
    if secondary:
        extra["yaxis2"] = {
            "title": {"text": y2_title},
            "overlaying": "y",
            "side": "right",
            "automargin": True,
            "rangemode": "tozero",
        }
    return {"data": data, "layout": _layout(title, x_title, y_title, **extra)}


def _numbers(values: object) -> list[float]:
    if not isinstance(values, list):
        return []
    return [float(v) for v in values if isinstance(v, int | float) and not isinstance(v, bool)]


def caption(figure: dict[str, Any], lang: str = "en") -> str:
    """A text alternative for a figure: what it plots and its key numbers.

    Written for screen readers and for readers without JavaScript; built from
    the figure's own data, so it always says what the chart shows.

    >>> caption(line(title="NPV against benefit", x=[0.0, 10.0], series={"NPV": [-5.0, 7e6]},
    ...              x_title="Benefit (USD)", y_title="NPV (USD)"))
    'NPV against benefit. Benefit (USD) from 0 to 10. NPV: from -5 to 7 million.'

    Other languages word it from the catalogue (the figure is translated already):

    >>> caption(line(title="净现值", x=[0.0, 10.0], series={"净现值": [-5.0, 7e6]},
    ...              x_title="收益", y_title="美元"), "zh")
    '净现值。收益：0 至 10。净现值：-5 至 700万。'
    """

    def words(value: float) -> str:
        return in_words(value, lang)

    layout = figure.get("layout", {})
    title = str(layout.get("title", {}).get("text", translate(N_("Chart"), lang)))
    parts = [say(lang, N_("{title}."), title=title.rstrip(".").rstrip("。"))]
    x_title = layout.get("xaxis", {}).get("title", {}).get("text", "")
    traces = figure.get("data", [])
    first_x = _numbers(traces[0].get("x")) if traces else []
    if traces and traces[0].get("mode") == "markers":
        first_x = sorted(first_x)  # a cloud of points: say its extent
    if x_title and len(first_x) > 1:
        parts.append(
            say(
                lang,
                N_("{axis} from {low} to {high}."),
                axis=x_title,
                low=words(first_x[0]),
                high=words(first_x[-1]),
            )
        )
    for trace in traces:
        name = str(trace.get("name") or layout.get("yaxis", {}).get("title", {}).get("text", ""))
        ys = _numbers(trace.get("y"))
        if not ys:
            continue
        label = say(lang, N_("{name}: "), name=name) if name else ""
        if len(ys) == 1:
            parts.append(say(lang, N_("{label}{value}."), label=label, value=words(ys[0])))
        elif trace.get("mode") == "markers":
            parts.append(
                say(
                    lang,
                    N_("{label}{count} points from {low} to {high}."),
                    label=label,
                    count=len(ys),
                    low=words(min(ys)),
                    high=words(max(ys)),
                )
            )
        else:
            low, high = min(ys), max(ys)
            span = {"label": label, "first": words(ys[0]), "last": words(ys[-1])}
            if low < min(ys[0], ys[-1]) or high > max(ys[0], ys[-1]):
                template = N_("{label}from {first} to {last} (lowest {low}, highest {high}).")
                parts.append(say(lang, template, **span, low=words(low), high=words(high)))
            else:
                parts.append(say(lang, N_("{label}from {first} to {last}."), **span))
    return ("" if lang == "zh" else " ").join(parts)


def paths_chart(
    *,
    title: str,
    x: list[float],
    series: dict[str, list[float]],
    x_title: str,
    y_title: str,
    dashed: dict[str, list[float]] | None = None,
    points: list[tuple[str, list[float], list[float]]] | None = None,
) -> dict[str, Any]:
    """Solid lines per series, dashed reference lines, and named marker points.

    Markers mark single events on the lines (a month the cash runs out, a
    break-even), so they carry their own legend entry rather than a text label.
    """
    data: list[dict[str, Any]] = [
        {
            "type": "scatter",
            "mode": "lines",
            "name": name,
            "x": x,
            "y": values,
            "line": {"color": PALETTE[index % len(PALETTE)], "width": 3},
        }
        for index, (name, values) in enumerate(series.items())
    ]
    data += [
        {
            "type": "scatter",
            "mode": "lines",
            "name": name,
            "x": x,
            "y": values,
            "line": {"color": "#757575", "dash": "dash"},
        }
        for name, values in (dashed or {}).items()
    ]
    data += [
        {
            "type": "scatter",
            "mode": "markers",
            "name": name,
            "x": point_x,
            "y": point_y,
            "marker": {
                "color": PALETTE[(index + 2) % len(PALETTE)],
                "size": 12,
                "symbol": "x",
            },
        }
        for index, (name, point_x, point_y) in enumerate(points or [])
    ]
    return {"data": data, "layout": _layout(title, x_title, y_title)}
