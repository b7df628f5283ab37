"""Figure builders: data in, plotly figures out. No Streamlit here, so figures are tested as specs."""

from __future__ import annotations

from urllib.parse import urlparse

import pandas as pd
import plotly.graph_objects as go

from lib.core import fmt
from lib.core.i18n import t
from lib.core.indicators import Indicator
from lib.core.targets import Target

# Okabe-Ito: distinguishable with the common colour-vision deficiencies and on a washed-out projector.
SERIES_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442")
TARGET_COLOUR = "#6B6B6B"
FONT = dict(family="Source Sans Pro, DejaVu Sans, Arial, sans-serif", size=15)


def source_label(url: str) -> str:
    """A short, readable source for hovers: the web site's host (`kaltim.antaranews.com`)."""
    host = urlparse(str(url)).netloc
    return host.removeprefix("www.") or str(url)


def trend_figure(table: pd.DataFrame, targets: list[Target], indicator: Indicator, lang: str) -> go.Figure:
    """Lines per series of `lib.analysis.series.trend_table`, target ranges as bars, source in every hover."""
    figure = go.Figure()
    area_colour = {code: SERIES_COLOURS[i % len(SERIES_COLOURS)] for i, code in enumerate(table["kode_wilayah"].unique())}
    for series_name, rows in table.groupby("seri", sort=False):
        code = rows["kode_wilayah"].iloc[0]
        is_new_method = series_name.endswith(f"({t('tren.method_new', lang)})")
        figure.add_trace(
            go.Scatter(
                x=rows["tanggal"],
                y=rows["nilai"],
                name=series_name,
                mode="lines+markers",
                line=dict(color=area_colour[code], width=3, dash="dot" if is_new_method else "solid"),
                marker=dict(size=7),
                customdata=list(
                    zip(
                        [fmt.period(y, None if pd.isna(m) else m, lang) for y, m in zip(rows["tahun"], rows["bulan"])],
                        [indicator.format(v, lang) for v in rows["nilai"]],
                        [source_label(s) for s in rows["sumber"]],
                    )
                ),
                hovertemplate=(
                    "<b>%{fullData.name}</b><br>%{customdata[0]}: %{customdata[1]}<br>"
                    f"{t('source', lang)}: %{{customdata[2]}}<extra></extra>"
                ),
            )
        )
    for target in targets:
        middle = (target.lower + target.upper) / 2
        figure.add_trace(
            go.Scatter(
                x=[f"{target.year}-{indicator.reference_month or 7:02d}-01"],
                y=[middle],
                name=f"{t('target.label', lang)} {target.year} ({target.document})",
                mode="markers",
                marker=dict(symbol="diamond-wide", size=14, color=TARGET_COLOUR),
                error_y=dict(type="data", array=[target.upper - middle], arrayminus=[middle - target.lower], width=8, color=TARGET_COLOUR),
                hovertemplate=(
                    f"<b>{t('target.label', lang)} {target.year}</b><br>{target.document}: {target.format(indicator, lang)}"
                    f"<br>{t('source', lang)}: {source_label(target.source)}<extra></extra>"
                ),
            )
        )
    figure.update_layout(
        font=FONT,
        hovermode="closest",
        legend=dict(orientation="h", yanchor="top", y=-0.12, x=0),
        margin=dict(l=10, r=10, t=30, b=10),
        yaxis=dict(title=indicator.unit(lang), tickformat=f",.{min(indicator.desimal, 2)}f", separatethousands=True),
        xaxis=dict(title=t("tren.x_axis", lang)),
        separators=number_separators(lang),
        height=480,
    )
    return figure


def number_separators(lang: str) -> str:
    """plotly's decimal and thousands marks in the reader's format: `1.234,5` in Indonesian."""
    return ",." if lang == "id" else ".,"


def _layout(figure: go.Figure, lang: str, height: int) -> go.Figure:
    figure.update_layout(font=FONT, margin=dict(l=10, r=10, t=30, b=10), height=height,
                         separators=number_separators(lang), showlegend=False)
    return figure


def decile_bars(table: pd.DataFrame, lang: str) -> go.Figure:
    """Share of households reached per welfare decile; target deciles dark, others light."""
    colours = [SERIES_COLOURS[0] if target else "#A6C8E0" for target in table["sasaran"]]
    figure = go.Figure(go.Bar(
        x=[str(d) for d in table["desil"]], y=table["persen"], marker_color=colours,
        customdata=[[fmt.percent(p, 1, lang), fmt.number(r, 0, lang), fmt.number(h, 0, lang)]
                    for p, r, h in zip(table["persen"], table["penerima"], table["rumah_tangga"])],
        hovertemplate=f"{t('col.desil', lang)} %{{x}}: %{{customdata[0]}}<br>{t('col.penerima', lang)} "
                      f"%{{customdata[1]}} / {t('col.rumah_tangga', lang)} %{{customdata[2]}}<extra></extra>",
    ))
    figure.update_xaxes(title=t("col.desil", lang))
    figure.update_yaxes(title=t("col.persen_menerima", lang), ticksuffix=" %")
    return _layout(figure, lang, 360)


def exclusion_ranking(table: pd.DataFrame, lang: str, top: int = 10) -> go.Figure:
    """The `top` areas by exclusion count, largest on top."""
    shown = table.head(top).iloc[::-1]
    figure = go.Figure(go.Bar(
        x=shown["eksklusi"], y=shown["nama"], orientation="h", marker_color="#D55E00",
        customdata=[[fmt.number(e, 0, lang), fmt.percent(c, 1, lang)] for e, c in zip(shown["eksklusi"], shown["cakupan"])],
        hovertemplate="<b>%{y}</b><br>" + t("cakupan.excluded", lang) + ": %{customdata[0]}<br>"
                      + t("cakupan.coverage", lang) + ": %{customdata[1]}<extra></extra>",
    ))
    figure.update_xaxes(title=t("unit.rumah_tangga", lang), separatethousands=True)
    return _layout(figure, lang, 40 + 32 * len(shown))


def coverage_trend(table: pd.DataFrame, lang: str) -> go.Figure:
    figure = go.Figure(go.Scatter(
        x=table["tahun"], y=table["cakupan"], mode="lines+markers", line=dict(color=SERIES_COLOURS[0], width=3),
        customdata=[fmt.percent(c, 1, lang) for c in table["cakupan"]],
        hovertemplate="%{x}: %{customdata}<extra></extra>",
    ))
    figure.update_xaxes(title=t("col.tahun", lang), dtick=1)
    figure.update_yaxes(title=t("cakupan.coverage", lang), ticksuffix=" %", rangemode="tozero")
    return _layout(figure, lang, 320)
