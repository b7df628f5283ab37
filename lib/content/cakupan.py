"""Content of the Cakupan Program page as plain data: the selection's headline, rankings, deciles, trend.

A selection is a programme, a year, an area (all of Kutim, one kecamatan or one desa) and the target deciles
(by default the programme's eligible deciles). Every figure comes from the programme's `targeting.Cube` (its
desa rows as arrays), so the page, its downloads and the tests share one arithmetic.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
from pandas.io.formats.style import Styler

from lib.analysis import mapdata, privacy, targeting
from lib.analysis.mapdata import MapData
from lib.analysis.privacy import Rounding
from lib.analysis.targeting import Cube
from lib.content import findings
from lib.core import fmt, provenance
from lib.core.i18n import t
from lib.core.programmes import Programme
from lib.core.provenance import Provenance
from lib.core.wilayah import KUTIM
from lib.render import charts as figures
from lib.render import exports, geometry, maps

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


def headline(cube: Cube, selection: Selection, rounding: Rounding | None = None) -> Headline:
    """The selection's totals; with the public mode's `rounding` as the public sees them, and budgets, which
    are a fixed amount times a count, for all of Kutim only."""
    return _headline_of(trend(cube, selection, rounding), cube, selection, rounding)


def _headline_of(yearly: pd.DataFrame, cube: Cube, selection: Selection, rounding: Rounding | None) -> Headline:
    """The headline from the selection's `trend` table, which holds the year's measures already."""
    this_year = yearly[yearly["tahun"] == selection.year]
    budget, spent = (cube.within(selection.area).money(selection.year) if not rounding or selection.area == KUTIM
                     else (None, None))
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


def _yearly(cube: Cube, selection: Selection, rounding: Rounding | None) -> pd.DataFrame:
    """The measures of the whole selected area, one row per year."""
    return privacy.rounded_coverage(cube.within(selection.area).measures("kabupaten", selection.deciles), rounding,
                                    programme=selection.programme, deciles=selection.deciles, area=selection.area)


def by_area(cube: Cube, selection: Selection, names: Mapping[str, str] | pd.Series,
            rounding: Rounding | None = None) -> pd.DataFrame:
    """Measures per kecamatan (or per desa of the selected kecamatan/desa), largest exclusion first."""
    result = cube.within(selection.area).measures(selection.breakdown_level, selection.deciles)
    result = privacy.rounded_coverage(result[result["tahun"] == selection.year].drop(columns="tahun"), rounding,
                                      programme=selection.programme, deciles=selection.deciles, year=selection.year)
    result.insert(1, "nama", result["kode"].map(names))
    return result.sort_values(["eksklusi", "kode"], ascending=[False, True], ignore_index=True)


def by_decile(cube: Cube, selection: Selection, rounding: Rounding | None = None) -> pd.DataFrame:
    """Households, recipients and the share reached in each welfare decile of the selected area."""
    households, recipients = cube.within(selection.area).by_decile(selection.year)
    if rounding:
        counted = lambda measure: [privacy.identity(measure, selection.year, selection.area, (d,), selection.programme)
                                   for d in DECILES]
        households, recipients = rounding.counts(households, counted("H")), rounding.counts(recipients, counted("R"))
    return pd.DataFrame({"desil": DECILES, "rumah_tangga": households, "penerima": recipients,
                         "persen": privacy.rate(recipients, households, rounding),
                         "sasaran": [d in selection.deciles for d in DECILES]})


TREND_COLUMNS = ["layak", "penerima_layak", "penerima", "inklusi", "cakupan", "eksklusi", "tahun"]


def trend(cube: Cube, selection: Selection, rounding: Rounding | None = None) -> pd.DataFrame:
    """Coverage of the selected area in every year the programme has data."""
    return _yearly(cube, selection, rounding)[TREND_COLUMNS].reset_index(drop=True)


def default_deciles(programme: Programme) -> tuple[int, ...]:
    """The target deciles a selection starts with: the programme's eligible deciles."""
    return tuple(programme.eligible_deciles())


def normalise_deciles(chosen: Collection[int], fallback: tuple[int, ...]) -> tuple[int, ...]:
    """Sorted target deciles; an empty choice means the programme's eligible deciles."""
    return tuple(sorted(set(chosen))) or fallback


def headline_texts(result: Headline, lang: str) -> dict[str, str]:
    """Headline figures as shown (a rate without enough households behind it reads "–")."""
    shown = {"cakupan.coverage": fmt.percent(result.coverage, 1, lang)}
    for key, attr in (("cakupan.households", "households"), ("cakupan.reached", "reached"),
                      ("cakupan.excluded", "excluded"), ("cakupan.included", "included"),
                      ("cakupan.recipients", "recipients")):
        shown[key] = fmt.number(getattr(result, attr), 0, lang)
    return shown


def map_data(by_area_table: pd.DataFrame, label: str, source: str | None, lang: str) -> MapData:
    """Coverage per area for the choropleth (higher is better: low coverage is the dark end); an area without
    a rate is drawn without a value."""
    table = by_area_table[["kode", "nama"]].assign(nilai=by_area_table["cakupan"], sumber=source)
    return MapData(table, label, "%", lower_is_better=False, format_value=lambda v: fmt.percent(v, 1, lang))


def _measures(lang: str) -> list[tuple[str, str, str, Callable[[float], str]]]:
    """Each measure of the per-area table: its column in `by_area`, its name as downloaded, its short header on
    screen and its format on screen."""
    count = lambda value: fmt.number(value, 0, lang)
    named = lambda key: (t(key, lang), t(key.replace("cakupan.", "cakupan.short."), lang))
    return [
        ("layak", *named("cakupan.households"), count),
        ("penerima_layak", *named("cakupan.reached"), count),
        ("cakupan", f"{t('cakupan.coverage', lang)} (%)", t("cakupan.short.coverage", lang),
         lambda value: fmt.percent(value, 1, lang)),
        ("eksklusi", *named("cakupan.excluded"), count),
        ("inklusi", *named("cakupan.included"), count),
        ("penerima", *named("cakupan.recipients"), count),
    ]


def display_table(by_area_table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The per-area table as shown and downloaded, with translated column names."""
    table = pd.DataFrame({t("col.kode_wilayah", lang): by_area_table["kode"], t("col.wilayah", lang): by_area_table["nama"]})
    for column, name, _, _ in _measures(lang):
        table[name] = by_area_table[column].round(1) if column == "cakupan" else by_area_table[column]
    return table


def table_on_screen(table: pd.DataFrame, lang: str) -> Styler:
    """The `display_table` in the reader's number formats (`9.825`, `20,4 %`): the cells keep their numbers, so a
    click on a header still sorts by value."""
    return table.style.format({name: shown for _, name, _, shown in _measures(lang)})


def table_headers(lang: str) -> dict[str, dict[str, str] | None]:
    """`st.dataframe`'s column settings for `table_on_screen`: short headers with the full name as their tooltip,
    and the area code hidden (it stays in the download), so every column fits beside the sidebar at 1366 px."""
    return {t("col.kode_wilayah", lang): None,
            **{name: {"label": short, "help": name} for _, name, short, _ in _measures(lang)}}


def is_recap(counts: pd.DataFrame) -> pd.Series:
    """The rows of recaps per desa among the counts published without deciles: an agency's counts for small areas,
    summed up to each area and rounded in the public mode, never shown one by one as published."""
    return counts["kode_wilayah"].str.len() == targeting.CODE_LENGTH["desa"]


def published_counts(counts: pd.DataFrame, year: int, areas: Iterable[str], programme: str | None = None) -> pd.DataFrame:
    """The counts published without deciles (`penerima`) for `year` in `areas` (of `programme`, if given), desa
    recaps aside: real figures at the level they were published, shown as published (never rounded) and never
    added to estimates."""
    chosen = counts[(counts["tahun"] == year) & counts["kode_wilayah"].isin(list(areas)) & ~is_recap(counts)]
    return chosen if programme is None else chosen[chosen["program"] == programme]


def years_with_data(decile_years: Iterable[int], counts: pd.DataFrame, programme: str | None = None) -> list[int]:
    """The years a programme page offers: those with decile rows and those with a desa recap (of `programme`)."""
    recaps = counts[is_recap(counts)]
    if programme is not None:
        recaps = recaps[recaps["program"] == programme]
    return sorted({*map(int, decile_years), *map(int, recaps["tahun"].unique())})


RECAP_COUNT, RECAP_MONEY = "penerima", "bantuan_rp"  # a recap's `ukuran`: recipients, Rupiah paid
HOUSEHOLDS = "jumlah_rumah_tangga"


@dataclass(frozen=True)
class Recap:
    """A programme's recipients in a year from recaps per desa (no deciles), as coverage of ALL households.

    Households are the desa values of `jumlah_rumah_tangga` of the recap's year, or of the nearest year with them
    (`households_year` says which). A kecamatan counts when any of its desa is in the recap; its desa missing from
    the recap count as 0 recipients (a recap lists the desa with recipients), a kecamatan with none has no figure.
    With the public mode's rounding every count is rounded (`lib.analysis.privacy`) and a rate needs 25 households.
    """

    area: pd.Series  # the selected area: kode, penerima, rumah_tangga, cakupan, bantuan_rp
    by_area: pd.DataFrame  # the same per kecamatan (of Kutim) or desa (of a kecamatan), with nama
    households_year: int | None
    desa: int  # desa in the recap, in the area
    counted: Provenance  # of the recap rows: the agency's upload
    rated: Provenance  # of the recap rows and the household rows the rates divide by (demo households say so)


RECAP_COLUMNS = ["kode", "penerima", "rumah_tangga", "cakupan", "bantuan_rp"]


def recap(counts: pd.DataFrame, values: pd.DataFrame, releases: pd.DataFrame, programme: str, year: int, area: str,
          level: str, names: Mapping[str, str] | pd.Series, rounding: Rounding | None = None) -> Recap | None:
    """The recap of `programme` in `year` for `area` and per area at `level` inside it; None where the recap
    does not cover the area."""
    recaps = counts[is_recap(counts) & (counts["program"] == programme) & (counts["tahun"] == year)]
    covered = set(targeting.area_code(recaps.loc[recaps["ukuran"] == RECAP_COUNT, "kode_wilayah"], "kecamatan"))
    if not covered or (area != KUTIM and area[:targeting.CODE_LENGTH["kecamatan"]] not in covered):
        return None
    in_area = lambda rows: rows[rows["kode_wilayah"].str.startswith(area)
                                & targeting.area_code(rows["kode_wilayah"], "kecamatan").isin(covered)]
    recaps = in_area(recaps)
    households = values[(values["indikator"] == HOUSEHOLDS) & is_recap(values)]
    households_year = _nearest(households["tahun"].unique(), year)
    households = in_area(households[households["tahun"] == households_year])

    def per(at: str, codes: list[str] | None = None) -> pd.DataFrame:
        summed = lambda rows: rows.groupby(targeting.area_code(rows["kode_wilayah"], at))["nilai"].sum()
        table = pd.DataFrame({"penerima": summed(recaps[recaps["ukuran"] == RECAP_COUNT]),
                              "rumah_tangga": summed(households),
                              "bantuan_rp": summed(recaps[recaps["ukuran"] == RECAP_MONEY])})
        # a desa of a covered kecamatan missing from the recap had no recipients
        table = (table if codes is None else table.reindex(codes)).rename_axis("kode").reset_index()
        table = table.fillna({"penerima": 0})
        if rounding:
            table = table.assign(
                penerima=rounding.counts(table["penerima"], [privacy.identity("R", year, code, (), programme)
                                                             for code in table["kode"]]),
                rumah_tangga=rounding.counts(table["rumah_tangga"].fillna(0), [
                    privacy.identity("H", households_year, code, privacy.ALL_DECILES) for code in table["kode"]]),
                # Rupiah paid is a fixed amount times a count: for all of Kutim only, like budgets
                bantuan_rp=table["bantuan_rp"].where(table["kode"] == KUTIM))
        return table.assign(cakupan=privacy.rate(table["penerima"], table["rumah_tangga"], rounding))[RECAP_COLUMNS]

    by_area = per(level)
    by_area.insert(1, "nama", by_area["kode"].map(names))
    return Recap(area=per(_level_of(area), [area]).iloc[0], by_area=by_area, households_year=households_year,
                 desa=recaps.loc[recaps["ukuran"] == RECAP_COUNT, "kode_wilayah"].nunique(),
                 counted=provenance.of(recaps, releases),
                 rated=provenance.of(pd.concat([recaps, households], ignore_index=True), releases))


def recap_texts(result: Recap, unit: str, lang: str) -> dict[str, str]:
    """The recap's figures as shown: recipients (in the programme's unit), Rupiah paid where known, households and
    the coverage of all households (a rate without enough households behind it reads "–")."""
    shown = {t("recap.recipients", lang): f"{fmt.number(result.area['penerima'], 0, lang)} {unit}"}
    if pd.notna(result.area["bantuan_rp"]):
        shown[t("recap.money", lang)] = fmt.rupiah(result.area["bantuan_rp"], lang)
    return shown


def recap_rate_texts(result: Recap, lang: str) -> dict[str, str]:
    """The households the recap is divided by (their year named) and the coverage of all households."""
    return {t("recap.households", lang, year=result.households_year): fmt.number(result.area["rumah_tangga"], 0, lang),
            t("recap.coverage", lang): fmt.percent(result.area["cakupan"], 1, lang)}


def recap_table(result: Recap, lang: str) -> pd.DataFrame:
    """The recap per area as shown, in the reader's number format."""
    return pd.DataFrame({
        t("col.wilayah", lang): result.by_area["nama"],
        t("recap.recipients", lang): [fmt.number(v, 0, lang) for v in result.by_area["penerima"]],
        t("recap.households", lang, year=result.households_year): [fmt.number(v, 0, lang)
                                                                   for v in result.by_area["rumah_tangga"]],
        t("recap.coverage", lang): [fmt.percent(v, 1, lang) for v in result.by_area["cakupan"]],
    })


def _level_of(code: str) -> str:
    return {length: level for level, length in targeting.CODE_LENGTH.items()}[len(code)]


def _nearest(years: Iterable[int], year: int) -> int | None:
    """`year` if among `years`, else the nearest of them (the earlier of two as near)."""
    years = [int(y) for y in years]
    return min(years, key=lambda y: (abs(y - year), y > year)) if years else None


def count_text(value: float, unit: str, lang: str) -> str:
    """A published count with its unit as published: `9.492 KK`, `0,3 persen`."""
    return f"{fmt.number(value, 0 if float(value).is_integer() else 1, lang)} {unit}"


@dataclass(frozen=True)
class CoverageView:
    """Everything the Cakupan page shows for one selection, computed in one place (and cached per selection).

    In the public mode (a `Rounding`) every count is rounded to a multiple of its base and every rate comes from
    rounded counts (`lib.analysis.privacy`); `table` is the per-area table as shown and downloaded. `published`
    holds the counts published for the programme, year and area, with a provenance of their own.
    """

    headline: Headline
    headline_texts: dict[str, str]
    provenance: Provenance  # of the desa rows of the programme, year and area
    trend_provenance: Provenance  # of the area's rows of every year, which the trend shows
    has_data: bool  # the programme has rows in the area and year (rounding may make them 0)
    by_area: pd.DataFrame
    by_decile: pd.DataFrame
    trend: pd.DataFrame
    map: MapData
    table: pd.DataFrame
    published: pd.DataFrame
    published_provenance: Provenance


def view(cube: Cube, selection: Selection, names: pd.Series, counts: pd.DataFrame, releases: pd.DataFrame,
         rounding: Rounding | None, lang: str) -> CoverageView:
    """The page's content for `selection` from the programme's cube; `names`: area names by code, `counts`: the
    published counts, `releases`: the releases in force."""
    yearly = trend(cube, selection, rounding)
    result = _headline_of(yearly, cube, selection, rounding)
    inside = cube.within(selection.area)
    rows = inside.shown_rows(selection.year)
    shown = provenance.of(rows, releases)  # an upload replaces demo rows, and with them the demo label
    areas = by_area(cube, selection, names, rounding)
    published = published_counts(counts, selection.year, [selection.area], selection.programme)
    return CoverageView(
        headline=result,
        headline_texts=headline_texts(result, lang),
        provenance=shown,
        trend_provenance=provenance.of(inside.shown_rows(), releases),
        has_data=not rows.empty,
        by_area=areas,
        by_decile=by_decile(cube, selection, rounding),
        trend=yearly,
        map=map_data(areas, t("cakupan.coverage", lang), shown.primary_source, lang),
        table=display_table(areas, lang),
        published=published,
        published_provenance=provenance.of(published, releases),
    )


def download(result: CoverageView, lang: str) -> pd.DataFrame:
    """The per-area table as downloaded: with the sources and kinds of the rows behind it, and the demo label."""
    return exports.with_provenance(result.table, result.provenance, lang)


@dataclass(frozen=True)
class CoverageCharts:
    """The page's four figures for one selection, built once and shared like the view (never mutate them)."""

    map: go.Figure
    ranking: go.Figure
    deciles: go.Figure
    trend: go.Figure


def finding_titles(result: CoverageView, selection: Selection, programme_name: str, lang: str) -> dict[str, str | None]:
    """The finding each figure shows, by the figure's label key, from the tables it draws (None where its table
    has nothing to say): the coverage and the lowest area (map), the largest exclusion (ranking), the best- and
    least-reached deciles, and the change since the year before (trend)."""
    programme = fmt.short_name(programme_name)
    percent = lambda value: fmt.percent(value, 1, lang)
    coverage = t("finding.coverage_of", lang, programme=programme)
    rates = result.trend.dropna(subset=["cakupan"]).set_index("tahun")["cakupan"]
    earlier = rates[rates.index < selection.year]  # the year before, or the latest earlier year with a rate
    trend = (findings.change(coverage, rates[selection.year], None if earlier.empty else earlier.iloc[-1],
                             percent(rates[selection.year]), str(selection.year), lang)
             if selection.year in rates.index else None)
    return {
        "cakupan.map": findings.reach(programme, None if result.headline.coverage is None
                                      else percent(result.headline.coverage), result.by_area, percent, lang),
        "cakupan.ranking": findings.largest_exclusion(result.by_area, programme, lambda n: fmt.number(n, 0, lang), lang),
        "cakupan.by_decile": findings.decile_spread(result.by_decile, coverage, percent, lang),
        "cakupan.trend": trend,
    }


def charts(result: CoverageView, selection: Selection, programme_name: str, area_name: str, lang: str,
           map_width: int = maps.MAP_FIT_WIDTH) -> CoverageCharts:
    """The map of coverage inside the selected area (the selected desa outlined), the exclusion ranking, the decile
    bars and the trend, each titled with its finding (`finding_titles`; the figure's name and the programme where
    there is none), subtitled with the figure's name, area and year, and carrying its provenance line. The map's
    view and every caption are fitted to `map_width`, the narrowest the figures are on the reader's screen."""
    layer = "kutim_kecamatan" if selection.breakdown_level == "kecamatan" else "kutim_desa"
    table = result.map.table
    lat, lon, zoom = geometry.view_for(layer, table["kode"].tolist(), width=map_width,
                                       height=maps.MAP_HEIGHT - maps.LEGEND_HEIGHT)
    years = result.trend["tahun"]
    titles = finding_titles(result, selection, programme_name, lang)

    def label(figure: go.Figure, key: str, shown: Provenance = result.provenance, period: object = selection.year):
        name, finding = f"{t(key, lang)}: {programme_name}", titles[key]
        subtitle = t("figure.subtitle", lang, area=area_name, period=period)
        return figures.captioned_taller(figure, finding or name, f"{name} · {subtitle}" if finding else subtitle,
                                        shown, lang, map_width)

    return CoverageCharts(
        map=label(maps.choropleth(result.map, mapdata.classify(table["nilai"], "quantiles"), geometry.static_url(layer),
                                  "biru", lang, center=(lat, lon), zoom=zoom, highlight=selection.area),  # a desa outlined
                  "cakupan.map"),
        ranking=label(figures.exclusion_ranking(result.by_area, lang), "cakupan.ranking"),
        deciles=label(figures.decile_bars(result.by_decile, lang), "cakupan.by_decile"),
        trend=label(figures.coverage_trend(result.trend, lang), "cakupan.trend", result.trend_provenance,
                    f"{years.min()}–{years.max()}" if years.nunique() > 1 else selection.year),
    )
