"""Content of the Ringkasan (summary) page as plain data: headline cards and the area comparison table."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from lib.analysis import series
from lib.core import fmt, provenance
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
    status: str  # the provenance kind (lib.core.provenance)
    conflicts: list[provenance.Report]  # other sources that report the shown period differently
    note: str | None
    target: str
    sparkline: list[float]


def _target_text(indicator: Indicator, values: pd.DataFrame, targets: pd.DataFrame, area: str, lang: str) -> str:
    rows = series.observations(values, indicator.id, area)
    # A target is judged against measured figures only: an official's statement (Kutim's extreme poverty, said
    # mid-2024 of a target for December 2024) or demo data cannot show it met or missed.
    judged = rows[~rows["status"].isin(provenance.NOT_JUDGED_AGAINST_TARGETS)]
    by_year = {int(r["tahun"]): float(r["nilai"]) for _, r in judged.iterrows() if pd.isna(r["bulan"]) or int(r["bulan"]) == 3}
    status = target_status(indicator, area, by_year, targets)
    own_targets = targets_for(targets, indicator.id, area)
    if status.target is None and own_targets and len(rows):
        target = own_targets[-1]
        latest = series.sorted_periods(rows).iloc[-1]
        return t("target.unjudged", lang, whose=target_name(area, area, lang), year=target.year,
                 document=document_name(target.document, lang), value=target.format(indicator, lang),
                 kind=provenance.kind_label(str(latest["status"]), lang))
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
        conflicts=provenance.conflicts(latest.value, latest.other_reports),
        note=latest.note,
        target=_target_text(indicator, values, targets, area, lang),
        sparkline=history["nilai"].astype(float).tolist(),
    )


def comparison_table(
    values: pd.DataFrame, indicators: list[Indicator], area_names: dict[str, str], lang: str
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Kutim's latest figure per indicator beside Kaltim and Indonesia for the same year, and the published rows
    of exactly the figures in the table (for its provenance line)."""
    rows, shown = [], []
    for indicator in indicators:
        figure = series.headline(values, indicator, KUTIM)
        if figure is None:
            continue
        year = figure.latest.year
        row = {t("tren.indicator", lang): indicator.label(lang), t("col.periode", lang): str(year)}
        for code in (KUTIM, KALTIM, INDONESIA):
            published = series.row_for_year(values, indicator.id, code, year)
            row[area_names[code]] = (
                indicator.format(float(published["nilai"]), lang) if published is not None
                else t("ringkasan.compare_none", lang)
            )
            if published is not None:
                shown.append(published)
        rows.append(row)
    return pd.DataFrame(rows), pd.DataFrame(shown)


@dataclass(frozen=True)
class Overview:
    """What the Ringkasan page shows, computed in one place (and cached per release and language)."""

    cards: list[HeadlineCard]
    comparison: pd.DataFrame
    comparison_rows: pd.DataFrame  # the published rows behind the comparison table
    kutim_values: pd.DataFrame  # Kutim's observations, for the freshness line


def overview(values: pd.DataFrame, targets: pd.DataFrame, registry: dict[str, Indicator],
             area_names: dict[str, str], lang: str) -> Overview:
    shown = [registry[i] for i in HEADLINE_INDICATORS if i in registry]
    cards = [card for card in (headline_card(values, targets, i, lang) for i in shown) if card]
    comparison, comparison_rows = comparison_table(values, shown, area_names, lang)
    return Overview(cards, comparison, comparison_rows, values[values["kode_wilayah"] == KUTIM])


def card_source(card: HeadlineCard, lang: str) -> str:
    """`**2025** · Sumber: katakaltim.com · angka BPS via media` under a card, as Markdown (the source from the
    data is a link only when it is an http(s) address, and never read as Markdown)."""
    source = fmt.markdown_link(provenance.source_label(card.source), card.source)
    return (f"**{t('ringkasan.period', lang, period=card.period)}** · {t('source', lang)}: {source} · "
            f"{provenance.kind_label(card.status, lang)}")


def card_conflicts(card: HeadlineCard, lang: str) -> str | None:
    """`Sumber berbeda: databoks.katadata.co.id (angka BPS via media): 8,79 %`, or None when all sources agree."""
    if not card.conflicts:
        return None
    others = "; ".join(t("provenance.conflict_detail", lang,
                         source=fmt.markdown_link(provenance.source_label(r.source), r.source),
                         kind=provenance.kind_label(r.kind, lang), value=card.indicator.format(r.value, lang))
                       for r in card.conflicts)
    return f"**{t('provenance.conflict_marker', lang)}:** {others}"
