"""Figure builders: data in, plotly figures out. No Streamlit here, so figures are tested as specs."""

from __future__ import annotations

import datetime as dt
import html
import math
import re
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from lib.core import fmt, provenance
from lib.core.i18n import document_name, t, target_name
from lib.core.indicators import Indicator
from lib.core.provenance import Provenance, source_label
from lib.core.targets import Target

# Okabe-Ito: distinguishable with the common colour-vision deficiencies and on a washed-out projector.
SERIES_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442")
FONT = dict(family="Source Sans Pro, DejaVu Sans, Arial, sans-serif", size=15)
TREND_HEIGHT = 480
# Targets in grey and black, each whose (national, Kutim) its own, apart from the areas' coloured lines.
TARGET_COLOURS = ("#6B6B6B", "#000000", "#8C6D31")
# The narrowest figure a laptop or projector gives a chart (Streamlit's main column at 1024 px, as
# `lib.render.maps.MAP_FIT_WIDTH`), and a phone's (390 px screen less the margins, `lib.ui.layout.PHONE_MAP_WIDTH`).
DESKTOP_FIGURE_WIDTH = 600
PHONE_FIGURE_WIDTH = 350
_BOLD_CHAR_WIDTH = 0.62  # a bold sans-serif character's width in ems, to give labels room without measuring text
_Y_AXIS_WIDTH = 35  # px left of the plot besides the tick labels: the axis title and gaps
_TICK_CHAR_WIDTH = 8.5  # px of a tick label's character
_X_AXIS_HEIGHT = 50  # px below the plot: the tick labels and the axis title


def hover_text(text: object) -> str:
    """Text from the data (a source, a document name) for a plotly hover or legend, which read `<b>`, `<a href>`
    and the like as markup: shown as written."""
    return html.escape(str(text), quote=False)


def figure(traces: list[dict], layout: dict) -> go.Figure:
    """A figure from plain dicts, without plotly's property-by-property validation.

    Validating costs 5-10 ms a chart, most of a filter change once a result is cached; every builder's output
    is validated in the tests instead (`tests/app/test_chart_specs.py`), so a bad property still fails there.
    """
    return go.Figure({"data": traces, "layout": layout}, _validate=False)


def trend_figure(table: pd.DataFrame, targets: list[Target], indicator: Indicator, lang: str, label_width: int,
                 font_size: int = FONT["size"], height: int = TREND_HEIGHT) -> go.Figure:
    """Lines per series of `lib.analysis.series.trend_table`, target ranges as bars, source in every hover.

    Each area's line is named at its end with its latest value and each whose target ("Target nasional") at its
    last marker, nudged apart where they would overlap, so only an older method's line needs the legend. The labels'
    room is measured for a figure `label_width` px wide (on the reader's screen) and `height` px high, its text
    `font_size` px (the page's by default; a projector slide's is larger)."""
    area_colour = {code: SERIES_COLOURS[i % len(SERIES_COLOURS)] for i, code in enumerate(table["kode_wilayah"].unique())}
    last_series = set(table.groupby("kode_wilayah", sort=False)["seri"].last())
    traces = []
    for series_name, rows in table.groupby("seri", sort=False):
        code = rows["kode_wilayah"].iloc[0]
        is_new_method = bool(rows["metode"].iloc[0])  # basis 1 or later; None and 0 are solid
        conflicts = [provenance.conflicts(v, c) for v, c in zip(rows["nilai"], rows["sumber_lain"])]
        traces.append(dict(
            type="scatter",
            x=rows["tanggal"].tolist(),
            y=rows["nilai"].tolist(),
            name=series_name,
            showlegend=series_name not in last_series,
            mode="lines+markers",
            line=dict(color=area_colour[code], width=3, dash="dot" if is_new_method else "solid"),
            # A point another source reports differently is a larger diamond, with both values in its hover.
            marker=dict(size=[12 if c else 7 for c in conflicts], symbol=["diamond" if c else "circle" for c in conflicts]),
            customdata=[
                [fmt.period(y, None if pd.isna(m) else m, lang), indicator.format(v, lang), hover_text(source_label(s)),
                 provenance.kind_label(k, lang), _conflict_hover(c, indicator, lang)]
                for y, m, v, s, k, c in zip(rows["tahun"], rows["bulan"], rows["nilai"], rows["sumber"], rows["status"],
                                            conflicts)
            ],
            hovertemplate=(
                "<b>%{fullData.name}</b><br>%{customdata[0]}: %{customdata[1]}<br>"
                f"{t('source', lang)}: %{{customdata[2]}} (%{{customdata[3]}})%{{customdata[4]}}<extra></extra>"
            ),
        ))
    names = dict(zip(table["kode_wilayah"], table["wilayah"]))
    # Whose target it is: a national target beside Kutim's line is not Kutim's own; each whose its own colour.
    whose = {target: target_name(target.area, names.get(target.area, target.area), lang) for target in targets}
    whose_colour = {name: TARGET_COLOURS[i % len(TARGET_COLOURS)] for i, name in enumerate(dict.fromkeys(whose.values()))}
    for target in targets:
        middle = (target.lower + target.upper) / 2
        colour = whose_colour[whose[target]]
        document = hover_text(document_name(target.document, lang))
        traces.append(dict(
            type="scatter",
            x=[_target_date(target, indicator)],
            y=[middle],
            name=f"{hover_text(whose[target])} {target.year} ({document})",
            showlegend=False,
            mode="markers",
            marker=dict(symbol="diamond-wide", size=14, color=colour),
            error_y=dict(type="data", array=[target.upper - middle], arrayminus=[middle - target.lower], width=8,
                         color=colour),
            hovertemplate=(
                f"<b>{hover_text(whose[target])} {target.year}</b><br>{document}: "
                f"{target.format(indicator, lang)}<br>{t('source', lang)}: {hover_text(source_label(target.source))}"
                "<extra></extra>"
            ),
        ))
    layout = dict(
        font=dict(FONT, size=font_size),
        hovermode="closest",
        legend=dict(orientation="h", yanchor="top", y=-0.12, x=0),
        margin=dict(l=10, r=10, t=30, b=10),
        yaxis=value_axis(indicator, lang),
        xaxis=dict(title=dict(text=t("tren.x_axis", lang))),
        separators=number_separators(lang),
        height=height,
    )
    lines = [EndLabel(row.tanggal, row.nilai, f"<b>{hover_text(fmt.short_name(row.wilayah))}</b><br>"
                      f"{_label_value(row.nilai, indicator, lang)}", area_colour[row.kode_wilayah])
             for row in table.groupby("kode_wilayah", sort=False).last().reset_index().itertuples()]
    last_targets = {whose[target]: target for target in targets}
    marks = [EndLabel(_target_date(target, indicator), (target.lower + target.upper) / 2, hover_text(name),
                      whose_colour[name], offset=14) for name, target in last_targets.items()]
    bounds = [*table["nilai"], *(bound for target in targets for bound in (target.lower, target.upper))]
    _label_directly(layout, lines + marks, bounds, list(table["tanggal"]), indicator, lang, label_width, font_size)
    layout["showlegend"] = any(trace["showlegend"] for trace in traces)
    return figure(traces, layout)


def _label_directly(layout: dict, labels: list[EndLabel], values: list[float], dates: list[dt.date],
                    indicator: Indicator, lang: str, width: int, font_size: int) -> None:
    """`layout` (its `height`) with `labels` as annotations in `font_size` px, axis ranges fixed around `values` and
    `dates` (so a label's place in px is known) and the right margin the labels need."""
    y_range = _padded_range(values, indicator.satuan == "persen")
    x_range = _padded_range([_days(day) for day in [*dates, *(label.x for label in labels)]])
    # the value axis's widest tick label (`Rp900.000`, `13 %`) and its title take the plot's left
    marks = 2 if indicator.satuan in ("persen", "rupiah_kapita_bulan") else 0  # " %", "Rp"
    ticks = max(len(fmt.number(bound, 0, lang)) for bound in y_range) + marks
    tick_width = round(_TICK_CHAR_WIDTH * font_size / FONT["size"] * ticks)
    annotations, right = _direct_labels(labels, x_range, y_range, width - tick_width, layout["height"], font_size)
    layout["annotations"] = annotations
    layout["margin"]["r"] = right
    layout["yaxis"]["range"] = y_range
    layout["xaxis"].update(type="date", range=[_date_of(x_range[0]).isoformat(), _date_of(x_range[1]).isoformat()])


@dataclass(frozen=True)
class EndLabel:
    """A direct label: `text` left-aligned just right of the point (x, y) it names."""

    x: dt.date
    y: float
    text: str
    colour: str
    offset: int = 8  # px from the point: past a line's marker, or a target's wider diamond


def value_axis(indicator: Indicator, lang: str) -> dict:
    """A value axis in the indicator's unit: `8 %`, `Rp700.000`, `75,5`; decimals only where a tick needs them
    (`~` drops trailing zeros: 12, not 12,00)."""
    decimals = f",.{min(indicator.desimal, 2)}~f"
    if indicator.satuan == "persen":
        return dict(tickformat=decimals, ticksuffix=" %")
    if indicator.satuan == "rupiah_kapita_bulan":
        return dict(tickformat=",.0f", tickprefix="Rp", title=dict(text=indicator.unit(lang)))
    return dict(tickformat=decimals, title=dict(text=indicator.unit(lang)))


def _label_value(value: float, indicator: Indicator, lang: str) -> str:
    """A line's last value as its label says it: the indicator's format, Rupiah without the long unit."""
    return fmt.rupiah(value, lang) if indicator.satuan == "rupiah_kapita_bulan" else indicator.format(value, lang)


def _padded_range(values: list[float], from_zero: bool = False, pad: float = 0.06) -> list[float]:
    """The span of `values` with a margin each side; a share's axis does not go below 0."""
    low, high = min(values), max(values)
    margin = (high - low) * pad or abs(high) * pad or 1
    return [max(low - margin, 0) if from_zero and low > 0 else low - margin, high + margin]


def _target_date(target: Target, indicator: Indicator) -> dt.date:
    """Where a target sits on the time axis: its year's reference month, as an annual figure of that year."""
    return dt.date(target.year, indicator.reference_month or 7, 1)


def _days(day: dt.date) -> float:
    return float(pd.Timestamp(day).toordinal())


def _date_of(days: float) -> dt.date:
    return dt.date.fromordinal(round(days))


def spread_apart(positions: list[float], gap: float, low: float = -math.inf, high: float = math.inf) -> list[float]:
    """Positions moved as little as possible so that each is at least `gap` from the others, in their order, and
    all within [low, high] where they fit: labels that would overlap are pushed apart around their common middle."""
    clusters: list[tuple[float, list[int]]] = []  # (lowest position, members from low to high)

    def lowest(middle: float, count: int) -> float:
        return max(low, min(middle - gap * (count - 1) / 2, high - gap * (count - 1)))

    for index in sorted(range(len(positions)), key=positions.__getitem__):
        clusters.append((lowest(positions[index], 1), [index]))
        while len(clusters) > 1 and clusters[-2][0] + gap * len(clusters[-2][1]) > clusters[-1][0]:
            members = clusters[-2][1] + clusters[-1][1]
            clusters[-2:] = [(lowest(sum(positions[i] for i in members) / len(members), len(members)), members)]
    placed = [0.0] * len(positions)
    for lowest, members in clusters:
        for step, index in enumerate(members):
            placed[index] = lowest + step * gap
    return placed


def _side_by_side(starts: list[float], widths: list[float]) -> list[list[int]]:
    """The labels (left edge, width) in runs whose horizontal extents overlap, each run from left to right."""
    runs: list[list[int]] = []
    end = -math.inf
    for index in sorted(range(len(starts)), key=starts.__getitem__):
        if runs and starts[index] < end:
            runs[-1].append(index)
        else:
            runs.append([index])
        end = max(end, starts[index] + widths[index]) if len(runs[-1]) > 1 else starts[index] + widths[index]
    return runs


def _direct_labels(labels: list[EndLabel], x_range: list[float], y_range: list[float], width: int,
                   height: int, size: int) -> tuple[list[dict], int]:
    """Annotations for `labels` in `size` px, nudged apart where they would overlap, and the right margin they need
    on a figure `width` px wide besides its tick labels and `height` px high (a label past the plot's end reaches
    into the margin)."""
    line_height = 1.25 * size
    # The axes' room was measured at the page's font; it grows with the text (more than a slide's axes take, which
    # have no title under the dates: a plot taken for smaller than it is spaces its labels wider, never narrower).
    text_scale = size / FONT["size"]
    widths = [_BOLD_CHAR_WIDTH * size * max(len(_plain(line)) for line in label.text.split("<br>")) + label.offset
              for label in labels]
    plot_width = width - _Y_AXIS_WIDTH * text_scale - max(widths, default=0)
    rooms = [(x_range[1] - _days(label.x)) / (x_range[1] - x_range[0]) * plot_width for label in labels]
    right = round(max([10, *(w - room + 10 for w, room in zip(widths, rooms))]))
    # px per unit of the value axis: the plot's height between the title and the x axis (captioned_taller keeps it)
    plot_height = height - 40 - _X_AXIS_HEIGHT * text_scale
    scale = plot_height / (y_range[1] - y_range[0])
    half = max((label.text.count("<br>") + 1 for label in labels), default=1) * line_height / 2
    wanted = [(label.y - y_range[0]) * scale for label in labels]
    placed = list(wanted)
    # only labels side by side can overlap: each run of them is spread apart on its own
    starts = [plot_width - room for room in rooms]
    for run in _side_by_side(starts, widths):
        moved = spread_apart([wanted[i] for i in run], 2 * half + 2, half, plot_height - half)  # inside the plot
        for index, position in zip(run, moved):
            placed[index] = position
    annotations = [dict(x=label.x.isoformat(), y=label.y, text=label.text, showarrow=False, xanchor="left",
                        yanchor="middle", align="left", xshift=label.offset, yshift=round(moved - at),
                        font=dict(color=label.colour, size=size))
                   for label, at, moved in zip(labels, wanted, placed)]
    return annotations, right


def _conflict_hover(conflicts: list[provenance.Report], indicator: Indicator, lang: str) -> str:
    if not conflicts:
        return ""
    others = provenance.reports_text(conflicts, lambda value: indicator.format(value, lang), lang)
    return f"<br><b>{t('provenance.conflict_marker', lang)}</b>: {hover_text(others)}"


def number_separators(lang: str) -> str:
    """plotly's decimal and thousands marks in the reader's format: `1.234,5` in Indonesian."""
    return ",." if lang == "id" else ".,"


# A share axis reads `20 %`, a count axis `1.500` (never `1.5k`, nor half a household's decimals).
PERCENT_AXIS = dict(tickformat=",.0~f", ticksuffix=" %")
COUNT_AXIS = dict(tickformat=",.0f", rangemode="tozero")


def _small_chart(trace: dict, lang: str, height: int, **axes: dict) -> go.Figure:
    return figure([trace], dict(font=FONT, margin=dict(l=10, r=10, t=30, b=10), height=height, showlegend=False,
                                separators=number_separators(lang), **axes))


def decile_bars(table: pd.DataFrame, lang: str) -> go.Figure:
    """Share of households reached per welfare decile; target deciles dark, others light."""
    return _small_chart(dict(
        type="bar",
        x=[str(d) for d in table["desil"]], y=table["persen"].tolist(),
        marker=dict(color=[SERIES_COLOURS[0] if target else "#A6C8E0" for target in table["sasaran"]]),
        customdata=[[fmt.percent(p, 1, lang), fmt.number(r, 0, lang), fmt.number(h, 0, lang)]
                    for p, r, h in zip(table["persen"], table["penerima"], table["rumah_tangga"])],
        hovertemplate=f"{t('col.desil', lang)} %{{x}}: %{{customdata[0]}}<br>{t('col.penerima', lang)} "
                      f"%{{customdata[1]}} / {t('col.rumah_tangga', lang)} %{{customdata[2]}}<extra></extra>",
    ), lang, 360, xaxis=dict(title=dict(text=t("col.desil", lang))),
        yaxis=dict(title=dict(text=t("col.persen_menerima", lang)), **PERCENT_AXIS))


def exclusion_ranking(table: pd.DataFrame, lang: str, top: int = 10) -> go.Figure:
    """The `top` areas by exclusion count, largest on top."""
    shown = table.head(top).iloc[::-1]
    return _small_chart(dict(
        type="bar",
        x=shown["eksklusi"].tolist(), y=shown["nama"].tolist(), orientation="h", marker=dict(color="#D55E00"),
        customdata=[[fmt.number(e, 0, lang), fmt.percent(c, 1, lang)] for e, c in zip(shown["eksklusi"], shown["cakupan"])],
        hovertemplate="<b>%{y}</b><br>" + t("cakupan.excluded", lang) + ": %{customdata[0]}<br>"
                      + t("cakupan.coverage", lang) + ": %{customdata[1]}<extra></extra>",
    ), lang, 40 + 32 * len(shown), xaxis=dict(title=dict(text=t("unit.rumah_tangga", lang)), **COUNT_AXIS))


def coverage_trend(table: pd.DataFrame, lang: str) -> go.Figure:
    return _small_chart(dict(
        type="scatter",
        x=table["tahun"].tolist(), y=table["cakupan"].tolist(), mode="lines+markers",
        line=dict(color=SERIES_COLOURS[0], width=3),
        customdata=[fmt.percent(c, 1, lang) for c in table["cakupan"]],
        hovertemplate="%{x}: %{customdata}<extra></extra>",
    ), lang, 320, xaxis=dict(title=dict(text=t("col.tahun", lang)), dtick=1, tickformat="d"),
        yaxis=dict(title=dict(text=t("cakupan.coverage", lang)), rangemode="tozero", **PERCENT_AXIS))


DEMO_COLOUR = "#B35900"  # the orange of the on-screen demo label, dark enough to read on white


def captioned(fig: go.Figure, title: str, subtitle: str, provenance: Provenance, lang: str,
              width: int = PHONE_FIGURE_WIDTH, measure: str = "", taller: bool = False) -> go.Figure:
    """`fig` with a title, a subtitle (area and period) and its provenance line inside the figure, so a PNG saved
    from the chart's toolbar and pasted into a report still says what it shows, when, from which source and of
    which kind, and carries the demo label when any figure in it is demo data.

    `measure`, when the title is a finding, names what is measured under it. Plotly does not wrap a title: every
    line is broken to fit a figure `width` px wide (the page's figure on the reader's screen; by default a phone's,
    which fits every screen), and the space above the plot grows with the lines. `taller` makes the figure taller
    by the caption, so that its plot keeps its size (a map its fitted zoom, a short ranking its bars)."""
    caption = _caption(title, subtitle, provenance, lang, width, measure)
    # A new figure from the old one's dicts: plotly's update_layout validates every path it is given, which cost
    # ~5 ms a chart, most of a page's run once its selection is cached.
    spec = fig.to_dict()
    layout = spec["layout"]
    if taller:
        layout["height"] += caption.height
    # plotly hangs a title's first line from `y` and stacks the others above it: the pad moves them into view
    layout["title"] = dict(text=caption.title, x=0, xanchor="left", xref="container", y=1, yanchor="top",
                           yref="container", pad=dict(l=4, t=6 + caption.title_height - _TITLE_LINE),
                           font=dict(size=TITLE_SIZE),
                           subtitle=dict(text=caption.subtitle, font=dict(size=SUBTITLE_SIZE)))
    margin = layout.setdefault("margin", {})
    margin["t"] = max(margin.get("t") or 0, 30) + caption.height
    return figure(spec["data"], layout)


def captioned_taller(fig: go.Figure, title: str, subtitle: str, provenance: Provenance, lang: str,
                     width: int = PHONE_FIGURE_WIDTH, measure: str = "") -> go.Figure:
    """`captioned`, the figure made taller by the caption so that its plot keeps its size."""
    return captioned(fig, title, subtitle, provenance, lang, width, measure, taller=True)


TITLE_SIZE, SUBTITLE_SIZE = 17, 12
# Average widths of a character in px (bold title, measure line, subtitle) and line heights, to break lines without
# measuring text; the title font is the figures' (FONT).
_TITLE_CHAR, _MEASURE_CHAR, _SUBTITLE_CHAR = 9.6, 7.6, 6.4
_TITLE_LINE, _MEASURE_LINE, _SUBTITLE_LINE = 22, 19, 16
_CAPTION_PADDING = 12


@dataclass(frozen=True)
class Caption:
    title: str  # markup: the bold title, the measure under it
    subtitle: str  # markup: area and period, then the provenance parts
    title_height: int  # px of the title and measure lines
    height: int  # px the caption takes above the plot


def _caption(title: str, subtitle: str, provenance: Provenance, lang: str, width: int, measure: str) -> Caption:
    parts = [hover_text(part) for part in provenance.line(lang).split(" · ") if part != t("demo_label", lang)]
    if provenance.demo:
        parts.append(f'<b><span style="color:{DEMO_COLOUR}">{hover_text(t("demo_label", lang))}</span></b>')
    room = width - 12
    titles = wrap(hover_text(title).split(" "), int(room / _TITLE_CHAR), " ")
    measures = wrap(hover_text(measure).split(" "), int(room / _MEASURE_CHAR), " ") if measure else []
    chars = int(room / _SUBTITLE_CHAR)
    subtitles = [*wrap(hover_text(subtitle).split(" · "), chars, " · "), *wrap(parts, chars, " · ")]
    title_text = "<br>".join([f"<b>{line}</b>" for line in titles]
                             + [f'<span style="font-size:{FONT["size"] - 2}px">{line}</span>' for line in measures])
    title_height = _TITLE_LINE * len(titles) + _MEASURE_LINE * len(measures)
    return Caption(title_text, "<br>".join(subtitles), title_height,
                   title_height + _SUBTITLE_LINE * len(subtitles) + _CAPTION_PADDING)


def wrap(parts: list[str], chars: int, joiner: str) -> list[str]:
    """`parts` joined by `joiner` into lines of at most `chars` characters of text (markup not counted); a part
    longer than a line is broken between its words."""
    lines: list[str] = []
    for part in parts:
        if lines and len(_plain(lines[-1])) + len(joiner) + len(_plain(part)) <= chars:
            lines[-1] += joiner + part
        elif len(_plain(part)) > chars and " " in _plain(part) and "<" not in part:
            lines += wrap(part.split(" "), chars, " ")
        else:
            lines.append(part)
    return lines


def _plain(markup: str) -> str:
    return re.sub(r"<[^>]+>", "", markup)
