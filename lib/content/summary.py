"""Content of the Ringkasan (summary) page as plain data: headline cards and the area comparison table."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from lib.analysis import series
from lib.core import indicators as ind
from lib.core.i18n import document_name, t, target_name
from lib.core.indicators import Indicator
from lib.core.targets import target_status, targets_for
from lib.core.wilayah import INDONESIA, KALTIM, KUTIM

HEADLINE_INDICATORS = (ind.P0, ind.POOR_PEOPLE, ind.POVERTY_LINE, ind.HDI, ind.UNEMPLOYMENT, ind.EXTREME_POVERTY)

# Colours understood by st.metric; "better" and "worse" depend on the indicator's direction.
BETTER, WORSE, NEUTRAL = "green", "red", "gray"


@dataclass(frozen=True)
class HeadlineCard:
    indicator: Indicator
    value: str
    delta: str | None
    delta_description: str | None
    delta_colour: str
    delta_arrow: str
    period: str
    source: str
    status: str  # resmi / contoh / estimasi
    note: str | None
    target: str
    sparkline: list[float]


def _target_text(indicator: Indicator, values: pd.DataFrame, targets: pd.DataFrame, area: str, lang: str) -> str:
    by_year = {
        int(r["tahun"]): float(r["nilai"])
        for _, r in series.observations(values, indicator.id, area).iterrows()
        if pd.isna(r["bulan"]) or int(r["bulan"]) == 3
    }
    status = target_status(indicator, area, by_year, targets)
    if status.target is not None:
        key = {"met": "target.met", "missed": "target.missed", "ahead": "target.ahead"}[status.status]
        gap = indicator.format_change(status.gap, lang).lstrip("+±") if status.gap else "0"
        return t(key, lang, whose=target_name(area, area, lang), year=status.target.year,
                 document=document_name(status.target.document, lang), value=status.target.format(indicator, lang),
                 gap=gap)
    text = t("target.none", lang)
    national = [x for x in targets_for(targets, indicator.id, INDONESIA) if x.year >= max(by_year, default=0)]
    if national:
        nearest = national[0]
        text += " " + t("target.national", lang, year=nearest.year, document=document_name(nearest.document, lang),
                        value=nearest.format(indicator, lang))
    return text


def _delta_colour(indicator: Indicator, change: float | None) -> str:
    if not change or indicator.lower_is_better is None:
        return NEUTRAL
    return BETTER if (change < 0) == indicator.lower_is_better else WORSE


def headline_card(
    values: pd.DataFrame, targets: pd.DataFrame, indicator: Indicator, lang: str, area: str = KUTIM
) -> HeadlineCard | None:
    """The card for one indicator of `area`, or None when the area has no figure for it."""
    figure = series.headline(values, indicator, area)
    if figure is None:
        return None
    latest, previous = figure.latest, figure.previous
    if previous is None:
        delta, description = None, t("ringkasan.no_previous", lang)
    elif not figure.comparable:
        delta = None
        change = indicator.break_between(previous.year, latest.year)
        description = t("ringkasan.method_break", lang, year=change.year, previous=previous.period(lang))
    else:
        delta = indicator.format_change(figure.change, lang)
        description = t("ringkasan.versus", lang, previous=previous.period(lang))
    arrow = "off" if not figure.change else ("up" if figure.change > 0 else "down")
    history = series.sorted_periods(series.observations(values, indicator.id, area))
    # The small trend never joins values of two methods (IPM before and after its 2023 change).
    if indicator.method_breaks:
        history = history[history["tahun"].map(indicator.method_of) == indicator.method_of(latest.year)]
    return HeadlineCard(
        indicator=indicator,
        value=indicator.format(latest.value, lang),
        delta=delta,
        delta_description=description,
        delta_colour=_delta_colour(indicator, figure.change),
        delta_arrow=arrow,
        period=latest.period(lang),
        source=latest.source,
        status=latest.status,
        note=latest.note,
        target=_target_text(indicator, values, targets, area, lang),
        sparkline=history["nilai"].astype(float).tolist(),
    )


def comparison_table(
    values: pd.DataFrame, indicators: list[Indicator], area_names: dict[str, str], lang: str
) -> tuple[pd.DataFrame, list[str]]:
    """Kutim's latest figure per indicator beside Kaltim and Indonesia for the same year, and the sources of
    exactly the figures in the table."""
    rows, sources = [], []
    for indicator in indicators:
        figure = series.headline(values, indicator, KUTIM)
        if figure is None:
            continue
        year = figure.latest.year
        row = {t("tren.indicator", lang): indicator.label(lang), t("col.periode", lang): str(year)}
        for code in (KUTIM, KALTIM, INDONESIA):
            observation = series.value_for_year(values, indicator.id, code, year)
            row[area_names[code]] = (
                indicator.format(observation.value, lang) if observation else t("ringkasan.compare_none", lang)
            )
            if observation:
                sources.append(observation.source)
        rows.append(row)
    return pd.DataFrame(rows), sources


@dataclass(frozen=True)
class Overview:
    """What the Ringkasan page shows, computed in one place (and cached per release and language)."""

    cards: list[HeadlineCard]
    comparison: pd.DataFrame
    comparison_sources: list[str]
    kutim_values: pd.DataFrame  # Kutim's observations, for the freshness line


def overview(values: pd.DataFrame, targets: pd.DataFrame, registry: dict[str, Indicator],
             area_names: dict[str, str], lang: str) -> Overview:
    shown = [registry[i] for i in HEADLINE_INDICATORS if i in registry]
    cards = [card for card in (headline_card(values, targets, i, lang) for i in shown) if card]
    comparison, sources = comparison_table(values, shown, area_names, lang)
    return Overview(cards, comparison, sources, values[values["kode_wilayah"] == KUTIM])
