"""Content of the Cakupan Program page as plain data: the selection's headline, rankings, deciles, trend.

A selection is a programme, a year, an area (all of Kutim, one kecamatan or one desa) and the target deciles
(by default the programme's eligible deciles). Every figure comes from the programme's `targeting.Cube` (its
desa rows as arrays), so the page, its downloads and the tests share one arithmetic.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from lib.analysis import mapdata, privacy
from lib.analysis.mapdata import MapData
from lib.analysis.targeting import Cube
from lib.core import fmt
from lib.core.i18n import t
from lib.core.programmes import Programme
from lib.core.wilayah import KUTIM
from lib.render import charts as figures
from lib.render import geometry, maps

DECILES = tuple(range(1, 11))


@dataclass(frozen=True)
class Selection:
    programme: str
    year: int
    area: str  # KUTIM, a kecamatan code or a desa code
    deciles: tuple[int, ...]

    @property
    def breakdown_level(self) -> str:
        """The level of the areas ranked and mapped inside the selection."""
        return "kecamatan" if self.area == KUTIM else "desa"


@dataclass(frozen=True)
class Headline:
    households: int  # households in the target deciles
    reached: int  # recipients among them
    recipients: int  # all recipients
    excluded: int  # target households not reached
    included: int  # recipients in deciles 6-10
    coverage: float | None  # % of target households reached; None without target households
    budget: int | None
    spent: int | None

    @property
    def realisation(self) -> float | None:
        return 100 * self.spent / self.budget if self.budget and self.spent is not None else None


def headline(cube: Cube, selection: Selection) -> Headline:
    """The selection's totals."""
    yearly = _yearly(cube, selection)
    this_year = yearly[yearly["tahun"] == selection.year]
    budget, spent = cube.within(selection.area).money(selection.year)
    if this_year.empty:
        return Headline(0, 0, 0, 0, 0, None, None, None)
    row = this_year.iloc[0]
    return Headline(
        households=int(row["layak"]),
        reached=int(row["penerima_layak"]),
        recipients=int(row["penerima"]),
        excluded=int(row["eksklusi"]),
        included=int(row["inklusi"]),
        coverage=None if pd.isna(row["cakupan"]) else float(row["cakupan"]),
        budget=budget,
        spent=spent,
    )


def _yearly(cube: Cube, selection: Selection) -> pd.DataFrame:
    """The measures of the whole selected area, one row per year."""
    return cube.within(selection.area).measures("kabupaten", selection.deciles)


def by_area(cube: Cube, selection: Selection, names: Mapping[str, str] | pd.Series) -> pd.DataFrame:
    """Measures per kecamatan (or per desa of the selected kecamatan/desa), largest exclusion first."""
    result = cube.within(selection.area).measures(selection.breakdown_level, selection.deciles)
    result = result[result["tahun"] == selection.year].drop(columns="tahun")
    result.insert(1, "nama", result["kode"].map(names))
    return result.sort_values(["eksklusi", "kode"], ascending=[False, True], ignore_index=True)


def by_decile(cube: Cube, selection: Selection) -> pd.DataFrame:
    """Households, recipients and the share reached in each welfare decile of the selected area."""
    households, recipients = cube.within(selection.area).by_decile(selection.year)
    table = pd.DataFrame({"desil": DECILES, "rumah_tangga": households, "penerima": recipients})
    share = 100 * table["penerima"] / table["rumah_tangga"].where(table["rumah_tangga"] > 0)
    return table.assign(persen=share.astype(float), sasaran=table["desil"].isin(selection.deciles))


TREND_COLUMNS = ["layak", "penerima_layak", "penerima", "inklusi", "cakupan", "eksklusi", "tahun"]


def trend(cube: Cube, selection: Selection) -> pd.DataFrame:
    """Coverage of the selected area in every year the programme has data."""
    return _yearly(cube, selection)[TREND_COLUMNS].reset_index(drop=True)


def default_deciles(programme: Programme) -> tuple[int, ...]:
    """The target deciles a selection starts with: the programme's eligible deciles."""
    return tuple(programme.eligible_deciles())


def normalise_deciles(chosen: Collection[int], fallback: tuple[int, ...]) -> tuple[int, ...]:
    """Sorted target deciles; an empty choice means the programme's eligible deciles."""
    return tuple(sorted(set(chosen))) or fallback


COUNT_COLUMNS = ["layak", "penerima_layak", "eksklusi", "inklusi", "penerima"]


def mark_hidden_rows(by_area_table: pd.DataFrame, k: int | None) -> pd.DataFrame:
    """The per-area table with a `disembunyikan` column: rows hidden in the public mode (k set)."""
    hidden = (privacy.hidden_area_rows(by_area_table, COUNT_COLUMNS, k) if k and len(by_area_table)
              else pd.Series(False, index=by_area_table.index))
    return by_area_table.assign(disembunyikan=hidden)


def headline_texts(result: Headline, k: int | None, lang: str) -> dict[str, str]:
    """Headline figures as shown; in the public mode counts below k read `<k` and a rate built on one is hidden."""
    number = lambda v: fmt.number(v, 0, lang)
    small = k is not None and any(0 < v < k for v in (result.households, result.reached))
    shown = {"cakupan.coverage": "–" if small else fmt.percent(result.coverage, 1, lang)}
    for key, attr in (("cakupan.households", "households"), ("cakupan.reached", "reached"),
                      ("cakupan.excluded", "excluded"), ("cakupan.included", "included"),
                      ("cakupan.recipients", "recipients")):
        shown[key] = privacy.count_text(getattr(result, attr), k or 0, k is not None, number)
    return shown


def by_decile_protected(table: pd.DataFrame, k: int | None) -> pd.DataFrame:
    """Deciles whose counts are small lose their rate in the public mode (same whole-row rule)."""
    if not k:
        return table
    hidden = privacy.hidden_area_rows(table, ["rumah_tangga", "penerima"], k)
    return table.assign(persen=table["persen"].where(~hidden), penerima=table["penerima"].where(~hidden),
                        rumah_tangga=table["rumah_tangga"].where(~hidden))


def trend_protected(table: pd.DataFrame, k: int | None) -> pd.DataFrame:
    if not k:
        return table
    small = ((table["layak"] > 0) & (table["layak"] < k)) | ((table["penerima_layak"] > 0) & (table["penerima_layak"] < k))
    return table.assign(cakupan=table["cakupan"].where(~small))


def map_data(by_area_table: pd.DataFrame, label: str, source: str, is_demo: bool, lang: str) -> MapData:
    """Coverage per area for the choropleth (higher is better: low coverage is the dark end); hidden rows
    are drawn without a value."""
    coverage = by_area_table["cakupan"].where(~by_area_table.get("disembunyikan", False))
    table = by_area_table[["kode", "nama"]].assign(nilai=coverage, sumber=source)
    return MapData(table, label, "%", lower_is_better=False, format_value=lambda v: fmt.percent(v, 1, lang),
                   is_demo=is_demo)


def display_table(by_area_table: pd.DataFrame, lang: str, k: int | None = None) -> pd.DataFrame:
    """The per-area table as shown and downloaded, with translated column names.

    In the public mode (k set) hidden rows read `<k` in every count and rate column.
    """
    table = pd.DataFrame(
        {
            t("col.kode_wilayah", lang): by_area_table["kode"],
            t("col.wilayah", lang): by_area_table["nama"],
            t("cakupan.households", lang): by_area_table["layak"],
            t("cakupan.reached", lang): by_area_table["penerima_layak"],
            f"{t('cakupan.coverage', lang)} (%)": by_area_table["cakupan"].round(1),
            t("cakupan.excluded", lang): by_area_table["eksklusi"],
            t("cakupan.included", lang): by_area_table["inklusi"],
            t("cakupan.recipients", lang): by_area_table["penerima"],
        }
    )
    if not k:
        return table
    hidden = by_area_table["disembunyikan"].to_numpy()
    for column in table.columns[2:]:
        table[column] = [privacy.suppressed_label(k) if h else fmt.number(v, 1 if "%" in column else 0, lang)
                         for v, h in zip(table[column], hidden)]
    return table


@dataclass(frozen=True)
class CoverageView:
    """Everything the Cakupan page shows for one selection, computed in one place (and cached per selection).

    `by_area`, `by_decile` and `trend` are already protected for the public mode (k set); `table` is the
    per-area table as shown and downloaded.
    """

    headline: Headline
    headline_texts: dict[str, str]
    sources: tuple[str, ...]
    is_demo: bool
    by_area: pd.DataFrame
    by_decile: pd.DataFrame
    trend: pd.DataFrame
    map: MapData | None
    table: pd.DataFrame

    @property
    def has_data(self) -> bool:
        return self.headline.households > 0 or self.headline.recipients > 0

    @property
    def ranked(self) -> pd.DataFrame:
        """Areas that may be named, largest exclusion first."""
        return self.by_area[~self.by_area["disembunyikan"]]


def view(cube: Cube, selection: Selection, names: pd.Series, k: int | None, lang: str) -> CoverageView:
    """The page's content for `selection` from the programme's cube; `names`: area names by code."""
    result = headline(cube, selection)
    sources, is_demo = cube.within(selection.area).provenance(selection.year)
    areas = mark_hidden_rows(by_area(cube, selection, names), k)
    return CoverageView(
        headline=result,
        headline_texts=headline_texts(result, k, lang),
        sources=sources,
        is_demo=is_demo,  # published uploads replace demo rows, and this label
        by_area=areas,
        by_decile=by_decile_protected(by_decile(cube, selection), k),
        trend=trend_protected(trend(cube, selection), k),
        map=map_data(areas, t("cakupan.coverage", lang), sources[0], is_demo, lang) if sources else None,
        table=display_table(areas, lang, k),
    )


@dataclass(frozen=True)
class CoverageCharts:
    """The page's four figures for one selection, built once and shared like the view (never mutate them)."""

    map: go.Figure
    ranking: go.Figure
    deciles: go.Figure
    trend: go.Figure


def charts(result: CoverageView, selection: Selection, lang: str) -> CoverageCharts:
    """The map of coverage inside the selected area (the selected desa outlined), the exclusion ranking, the
    decile bars and the trend."""
    layer = "kutim_kecamatan" if selection.breakdown_level == "kecamatan" else "kutim_desa"
    table = result.map.table
    # The map sits in one of two columns: fitted to half the narrowest width in practice.
    lat, lon, zoom = geometry.view_for(layer, table["kode"].tolist(), width=maps.MAP_FIT_WIDTH // 2 + 100,
                                       height=maps.MAP_HEIGHT - maps.LEGEND_HEIGHT)
    return CoverageCharts(
        map=maps.choropleth(result.map, mapdata.classify(table["nilai"], "quantiles"), geometry.static_url(layer),
                            "biru", lang, center=(lat, lon), zoom=zoom, highlight=selection.area),  # outlined when a desa
        ranking=figures.exclusion_ranking(result.ranked, lang),
        deciles=figures.decile_bars(result.by_decile, lang),
        trend=figures.coverage_trend(result.trend, lang),
    )
