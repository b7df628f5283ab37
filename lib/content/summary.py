"""Content of the Ringkasan (summary) page as plain data: headline cards, what needs attention, and the area
comparison table."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from lib.analysis import series
from lib.analysis.measures import MEASURES
from lib.analysis.privacy import Rounding
from lib.analysis.targeting import Cube
from lib.content import cakupan, peta
from lib.core import fmt, provenance
from lib.core import indicators as ind
from lib.core.i18n import document_name, t, target_name
from lib.core.indicators import Indicator
from lib.core.programmes import Programme
from lib.core.targets import target_status, targets_for
from lib.core.wilayah import INDONESIA, KALTIM, KUTIM, AreaRegistry

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
    target: str  # the full sentence: whose target, document, value, status (the chip's tooltip)
    target_chip: str  # the short form on the card: `Target nasional 2025: 7,00 %–8,00 %`
    target_colour: str
    peers: str  # `Kaltim 5,17 % · Indonesia 8,47 %` for the card's year
    peers_help: str | None  # each peer figure's period, source and kind
    sparkline: list[float]


@dataclass(frozen=True)
class TargetNote:
    text: str
    chip: str
    colour: str


def _target_note(indicator: Indicator, values: pd.DataFrame, targets: pd.DataFrame, area: str,
                 lang: str) -> TargetNote:
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
        whose, value = target_name(area, area, lang), target.format(indicator, lang)
        return TargetNote(
            t("target.unjudged", lang, whose=whose, year=target.year, document=document_name(target.document, lang),
              value=value, kind=provenance.kind_label(str(latest["status"]), lang)),
            t("ringkasan.chip_unjudged", lang, whose=whose, year=target.year, value=value), NEUTRAL)
    if status.target is not None:
        gap = indicator.format_change(status.gap, lang).lstrip("+±") if status.gap else "0"
        named = dict(whose=target_name(area, area, lang), year=status.target.year,
                     value=status.target.format(indicator, lang), gap=gap)
        colour = {"met": BETTER, "missed": WORSE}.get(status.status, NEUTRAL)
        return TargetNote(t(f"target.{status.status}", lang, document=document_name(status.target.document, lang),
                            **named),
                          t(f"ringkasan.chip_{status.status}", lang, **named), colour)
    text, chip = t("target.none", lang), t("ringkasan.chip_none", lang)
    national = [x for x in targets_for(targets, indicator.id, INDONESIA) if x.year >= max(by_year, default=0)]
    if national:
        nearest = national[0]
        value = nearest.format(indicator, lang)
        text += " " + t("target.national", lang, year=nearest.year, document=document_name(nearest.document, lang),
                        value=value)
        chip = t("ringkasan.chip", lang, whose=target_name(INDONESIA, INDONESIA, lang), year=nearest.year, value=value)
    return TargetNote(text, chip, NEUTRAL)


# A figure's number (with its `%`, which stays) and the unit written after it: `Rp753.332` + `/kapita/bulan`,
# `34,91` + ` ribu jiwa`, `8,07 %` + ``.
_NUMBER = re.compile(r"(?:Rp)?[\d.,]+(?: ?%)?")


def without_unit(figure: str, unit_shown: str) -> str:
    """`figure` without its unit when that unit is `unit_shown`'s (the card's value says it once): Kaltim's
    `Rp866.193/kapita/bulan` under `Rp753.332/kapita/bulan` is `Rp866.193`; `23,85 juta jiwa` under `34,91 ribu
    jiwa` keeps its unit, as does every figure of a unit-less value."""
    number, shown = _NUMBER.match(figure), _NUMBER.match(unit_shown)
    if number is None or shown is None or not figure[number.end():]:
        return figure
    return number.group() if figure[number.end():] == unit_shown[shown.end():] else figure


def _peers(values: pd.DataFrame, indicator: Indicator, year: int, value: str, lang: str) -> tuple[str, str | None]:
    """Kaltim and Indonesia for `year` (the same period as the card, March where there are two) without the unit
    of the card's `value` when theirs is the same (one line on a card), and a tooltip with each figure in full,
    its period, source and kind."""
    shown, details = [], []
    for code in (KALTIM, INDONESIA):
        name = t(f"ringkasan.peer.{code}", lang)
        seen = series.value_for_year(values, indicator.id, code, year)
        shown.append(f"{name} {without_unit(indicator.format(seen.value, lang), value) if seen else '–'}")
        if seen:
            details.append(f"{name}, {seen.period(lang)}, {indicator.format(seen.value, lang)}: {fmt.markdown_link(provenance.source_label(seen.source), seen.source)}"
                           f" ({provenance.kind_label(seen.status, lang)})")
    if not details:
        return t("ringkasan.peers_none", lang, year=year), None
    return " · ".join(shown), "  \n".join(details)


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
    target = _target_note(indicator, values, targets, area, lang)
    value = indicator.format(latest.value, lang)
    peers, peers_help = _peers(values, indicator, latest.year, value, lang)
    history = series.sorted_periods(series.observations(values, indicator.id, area))
    # The small trend never joins values of two methods (IPM before and after its 2023 change).
    if indicator.method_breaks:
        history = history[history["tahun"].map(indicator.method_of) == indicator.method_of(latest.year)]
    return HeadlineCard(
        indicator=indicator,
        value=value,
        delta=delta,
        delta_description=description,
        delta_colour=_delta_colour(indicator, figure.change),
        delta_arrow=arrow,
        period=latest.period(lang),
        source=latest.source,
        status=latest.status,
        conflicts=provenance.conflicts(latest.value, latest.other_reports),
        note=latest.note,
        target=target.text,
        target_chip=target.chip,
        target_colour=target.colour,
        peers=peers,
        peers_help=peers_help,
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
    area_columns: list[str]  # the comparison's columns of figures: Kutim's, Kaltim's and Indonesia's


def overview(values: pd.DataFrame, targets: pd.DataFrame, registry: dict[str, Indicator],
             area_names: dict[str, str], lang: str) -> Overview:
    shown = [registry[i] for i in HEADLINE_INDICATORS if i in registry]
    cards = [card for card in (headline_card(values, targets, i, lang) for i in shown) if card]
    comparison, comparison_rows = comparison_table(values, shown, area_names, lang)
    if len(comparison):
        # The cards' small trends moved here, beside the comparison, to keep the first screen short; the table has
        # a row for exactly the indicators with a card, in the same order.
        comparison[t("ringkasan.trend_column", lang)] = [card.sparkline for card in cards]
    return Overview(cards, comparison, comparison_rows, values[values["kode_wilayah"] == KUTIM],
                    [area_names[code] for code in (KUTIM, KALTIM, INDONESIA)])


def card_source(card: HeadlineCard, lang: str) -> str:
    """`**2025** · katakaltim.com · angka BPS via media` under a card, as Markdown: one line on most cards, to keep
    the first screen short (the source from the data is a link only when it is an http(s) address, and never read
    as Markdown)."""
    source = fmt.markdown_link(provenance.source_label(card.source), card.source)
    return f"**{card.period}** · {source} · {provenance.kind_label(card.status, lang)}"


def card_conflicts(card: HeadlineCard, lang: str) -> str | None:
    """`Sumber berbeda: databoks.katadata.co.id (angka BPS via media): 8,79 %`, or None when all sources agree."""
    if not card.conflicts:
        return None
    others = "; ".join(t("provenance.conflict_detail", lang,
                         source=fmt.markdown_link(provenance.source_label(r.source), r.source),
                         kind=provenance.kind_label(r.kind, lang), value=card.indicator.format(r.value, lang))
                       for r in card.conflicts)
    return f"**{t('provenance.conflict_marker', lang)}:** {others}"


# "Perlu perhatian": the kecamatan with the most households in the poorest deciles, as Peta maps them.
ATTENTION_MEASURE = MEASURES["persen_desil_1_2"]
ATTENTION_AREAS = 3


@dataclass(frozen=True)
class AttentionLink:
    label: str
    query: dict[str, str]  # the target page's URL parameters, every choice pinned (the year included)


@dataclass(frozen=True)
class Attention:
    """What needs attention in the latest programme year: the kecamatan with the highest share of households in
    deciles 1–2 (each linking to its desa on the Peta map) and the programme leaving the most target households
    out (linking to Cakupan); `rows` are exactly the programme rows both are computed from."""

    year: int
    areas: list[AttentionLink]
    programme: AttentionLink | None  # None when every programme reaches all its target households
    rows: pd.DataFrame


def peta_query(kecamatan: str, year: int) -> dict[str, str]:
    """Peta's URL parameters for the desa of `kecamatan`, coloured by the attention measure in `year`."""
    return {"tingkat": "desa", "kecamatan": kecamatan, "ukuran": ATTENTION_MEASURE.id, "tahun": str(year)}


def cakupan_query(programme: str, year: int) -> dict[str, str]:
    return {"program": programme, "tahun": str(year)}


def largest_exclusion(cubes: Mapping[str, Cube], programmes: Mapping[str, Programme], year: int,
                      rounding: Rounding | None = None) -> tuple[str, cakupan.Headline] | None:
    """The programme with the most target households not reached in all of Kutim in `year` (the first by id on a
    tie), with its headline as Cakupan shows it; None when no programme leaves anyone out."""
    found = None
    for programme_id in sorted(cubes):
        cube = cubes[programme_id]
        if programme_id not in programmes or cube.year_index(year) is None:
            continue
        selection = cakupan.Selection(programme_id, year, KUTIM, cakupan.default_deciles(programmes[programme_id]))
        result = cakupan.headline(cube, selection, rounding)
        if result.excluded > 0 and (found is None or result.excluded > found[1].excluded):
            found = programme_id, result
    return found


def attention(rows: pd.DataFrame, cubes: Mapping[str, Cube], programmes: Mapping[str, Programme],
              areas: AreaRegistry, lang: str, rounding: Rounding | None = None) -> Attention | None:
    """The "Perlu perhatian" block for the latest year of `rows` (the programme/decile rows); with the public
    mode's `rounding`, from rounded counts like every other page. None without programme rows."""
    if rows.empty:
        return None
    year = int(rows["tahun"].max())
    shares = peta.kutim_map_data(rows, programmes, ATTENTION_MEASURE, None, year, "kecamatan", None, areas, lang,
                                 rounding)
    top = (shares.table.dropna(subset=["nilai"]).sort_values(["nilai", "kode"], ascending=[False, True])
           .head(ATTENTION_AREAS))
    # Names and programme names come from the data: shown as written, never read as Markdown.
    links = [AttentionLink(t("ringkasan.attention_area", lang, name=fmt.markdown_text(name),
                             value=shares.format_value(value)),
                           peta_query(code, year)) for code, name, value in zip(top["kode"], top["nama"], top["nilai"])]
    gap = largest_exclusion(cubes, programmes, year, rounding)
    programme = None
    if gap is not None:
        programme_id, result = gap
        label = t("ringkasan.attention_programme", lang, programme=fmt.markdown_text(fmt.short_name(programmes[programme_id].name(lang))),
                  count=fmt.number(result.excluded, 0, lang))
        programme = AttentionLink(label, cakupan_query(programme_id, year))
    # The shares count every programme's households and the largest exclusion compares every programme: all the
    # year's rows, as Peta cites them for a decile map.
    return Attention(year, links, programme, peta.kutim_rows(rows, None, year, None))
