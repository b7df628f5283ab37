"""Figure builders: data in, plotly figures out. No Streamlit here, so figures are tested as specs."""

from __future__ import annotations

import html
import re

import pandas as pd
import plotly.graph_objects as go

from lib.core import fmt, provenance
from lib.core.i18n import document_name, t, target_name
from lib.core.indicators import Indicator
from lib.core.provenance import Provenance, source_label
from lib.core.targets import Target

# Okabe-Ito: distinguishable with the common colour-vision deficiencies and on a washed-out projector.
SERIES_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442")
TARGET_COLOUR = "#6B6B6B"
FONT = dict(family="Source Sans Pro, DejaVu Sans, Arial, sans-serif", size=15)


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


def trend_figure(table: pd.DataFrame, targets: list[Target], indicator: Indicator, lang: str) -> go.Figure:
    """Lines per series of `lib.analysis.series.trend_table`, target ranges as bars, source in every hover."""
    area_colour = {code: SERIES_COLOURS[i % len(SERIES_COLOURS)] for i, code in enumerate(table["kode_wilayah"].unique())}
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
    for target in targets:
        middle = (target.lower + target.upper) / 2
        # Whose target it is: a national target beside Kutim's line is not Kutim's own.
        whose = f"{target_name(target.area, names.get(target.area, target.area), lang)} {target.year}"
        document = hover_text(document_name(target.document, lang))
        traces.append(dict(
            type="scatter",
            x=[f"{target.year}-{indicator.reference_month or 7:02d}-01"],
            y=[middle],
            name=f"{hover_text(whose)} ({document})",
            mode="markers",
            marker=dict(symbol="diamond-wide", size=14, color=TARGET_COLOUR),
            error_y=dict(type="data", array=[target.upper - middle], arrayminus=[middle - target.lower], width=8,
                         color=TARGET_COLOUR),
            hovertemplate=(
                f"<b>{hover_text(whose)}</b><br>{document}: "
                f"{target.format(indicator, lang)}<br>{t('source', lang)}: {hover_text(source_label(target.source))}"
                "<extra></extra>"
            ),
        ))
    return figure(traces, dict(
        font=FONT,
        hovermode="closest",
        legend=dict(orientation="h", yanchor="top", y=-0.12, x=0),
        margin=dict(l=10, r=10, t=30, b=10),
        yaxis=dict(title=dict(text=indicator.unit(lang)), tickformat=f",.{min(indicator.desimal, 2)}~f",  # 12 and 12,5, not 12,00
                   separatethousands=True),
        xaxis=dict(title=dict(text=t("tren.x_axis", lang))),
        separators=number_separators(lang),
        height=480,
    ))


def _conflict_hover(conflicts: list[provenance.Report], indicator: Indicator, lang: str) -> str:
    if not conflicts:
        return ""
    others = provenance.reports_text(conflicts, lambda value: indicator.format(value, lang), lang)
    return f"<br><b>{t('provenance.conflict_marker', lang)}</b>: {hover_text(others)}"


def number_separators(lang: str) -> str:
    """plotly's decimal and thousands marks in the reader's format: `1.234,5` in Indonesian."""
    return ",." if lang == "id" else ".,"


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
        yaxis=dict(title=dict(text=t("col.persen_menerima", lang)), ticksuffix=" %"))


def exclusion_ranking(table: pd.DataFrame, lang: str, top: int = 10) -> go.Figure:
    """The `top` areas by exclusion count, largest on top."""
    shown = table.head(top).iloc[::-1]
    return _small_chart(dict(
        type="bar",
        x=shown["eksklusi"].tolist(), y=shown["nama"].tolist(), orientation="h", marker=dict(color="#D55E00"),
        customdata=[[fmt.number(e, 0, lang), fmt.percent(c, 1, lang)] for e, c in zip(shown["eksklusi"], shown["cakupan"])],
        hovertemplate="<b>%{y}</b><br>" + t("cakupan.excluded", lang) + ": %{customdata[0]}<br>"
                      + t("cakupan.coverage", lang) + ": %{customdata[1]}<extra></extra>",
    ), lang, 40 + 32 * len(shown), xaxis=dict(title=dict(text=t("unit.rumah_tangga", lang)), separatethousands=True))


def coverage_trend(table: pd.DataFrame, lang: str) -> go.Figure:
    return _small_chart(dict(
        type="scatter",
        x=table["tahun"].tolist(), y=table["cakupan"].tolist(), mode="lines+markers",
        line=dict(color=SERIES_COLOURS[0], width=3),
        customdata=[fmt.percent(c, 1, lang) for c in table["cakupan"]],
        hovertemplate="%{x}: %{customdata}<extra></extra>",
    ), lang, 320, xaxis=dict(title=dict(text=t("col.tahun", lang)), dtick=1),
        yaxis=dict(title=dict(text=t("cakupan.coverage", lang)), ticksuffix=" %", rangemode="tozero"))


DEMO_COLOUR = "#B35900"  # the orange of the on-screen demo label, dark enough to read on white


def captioned(fig: go.Figure, title: str, subtitle: str, provenance: Provenance, lang: str) -> go.Figure:
    """`fig` with a title, a subtitle (area and period) and its provenance line inside the figure, so a PNG saved
    from the chart's toolbar and pasted into a report still says what it shows, when, from which source and of
    which kind, and carries the demo label when any figure in it is demo data."""
    parts = [hover_text(part) for part in provenance.line(lang).split(" · ") if part != t("demo_label", lang)]
    if provenance.demo:
        parts.append(f'<b><span style="color:{DEMO_COLOUR}">{hover_text(t("demo_label", lang))}</span></b>')
    top = fig.layout.margin.t or 0
    return fig.update_layout(
        title=dict(text=f"<b>{hover_text(title)}</b>", x=0, xanchor="left", xref="paper",
                   subtitle=dict(text="<br>".join([hover_text(subtitle), *_lines(parts)]), font=dict(size=12))),
        margin=dict(t=max(top, 30) + CAPTION_HEIGHT),
    )


# Plotly does not wrap a title: the provenance line is broken between its parts into lines this long (characters
# of 12 px text fit a 600 px figure), at most two, so the caption's height is known.
CAPTION_LINE_CHARS = 95
CAPTION_HEIGHT = 88  # px above the plot: the title, the area and period, two provenance lines


def _lines(parts: list[str]) -> list[str]:
    lines: list[str] = []
    for part in parts:
        if lines and len(_plain(lines[-1])) + len(_plain(part)) + 3 <= CAPTION_LINE_CHARS:
            lines[-1] += " · " + part
        else:
            lines.append(part)
    return lines[:1] + [" · ".join(lines[1:])] if len(lines) > 2 else lines


def _plain(markup: str) -> str:
    return re.sub(r"<[^>]+>", "", markup)


def captioned_taller(fig: go.Figure, title: str, subtitle: str, provenance: Provenance, lang: str) -> go.Figure:
    """`captioned`, the figure made taller by the caption so that its plot keeps its size (a map its fitted zoom,
    a short ranking its bars)."""
    return captioned(fig.update_layout(height=fig.layout.height + CAPTION_HEIGHT), title, subtitle, provenance, lang)
