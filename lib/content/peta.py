"""What the Peta page shows at each level, as plain data: map tables, labels, drill-down state changes."""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from lib.analysis import series, targeting
from lib.analysis.mapdata import MapData
from lib.analysis.measures import Measure, area_values
from lib.analysis.privacy import Rounding
from lib.content import findings
from lib.content.cakupan import count_text, published_counts, recap
from lib.core import fmt, provenance
from lib.core.i18n import t
from lib.core.indicators import P0, POOR_PEOPLE, Indicator
from lib.core.programmes import Programme
from lib.core.provenance import Provenance
from lib.core.wilayah import KUTIM, AreaRegistry
from lib.render import exports

LEVELS = ("kaltim", "kecamatan", "desa")
LAYERS = {"kaltim": "kaltim_kabupaten", "kecamatan": "kutim_kecamatan", "desa": "kutim_desa"}
KALTIM_INDICATORS = (P0, POOR_PEOPLE)
# A Kaltim map is only worth drawing for a year most regencies have published.
MIN_REGENCIES_FOR_DEFAULT_YEAR = 5


def layer_for(level: str) -> str:
    return LAYERS[level]


def highlighted(level: str) -> str | None:
    """Kutim is outlined on the Kaltim map."""
    return KUTIM if level == "kaltim" else None


def measure_label(measure_id: str, programme_name: str | None, lang: str) -> str:
    return t(f"measure.{measure_id}", lang, programme=programme_name or t("peta.programme", lang))


def _regency_values(values: pd.DataFrame, indicator: str) -> pd.DataFrame:
    rows = values[(values["indikator"] == indicator) & values["kode_wilayah"].str.fullmatch(r"64\.\d\d")]
    return rows[rows["bulan"].isna() | (rows["bulan"] == 3)]


def kaltim_years(values: pd.DataFrame, indicator: str) -> list[int]:
    return sorted(_regency_values(values, indicator)["tahun"].unique().tolist())


def default_kaltim_year(values: pd.DataFrame, indicator: str) -> int:
    """The latest year for which most regencies have a figure."""
    counts = _regency_values(values, indicator).groupby("tahun")["kode_wilayah"].nunique()
    full = counts[counts >= MIN_REGENCIES_FOR_DEFAULT_YEAR]
    return int((full if len(full) else counts).index.max())


def kaltim_rows(values: pd.DataFrame, indicator: str, year: int, areas: AreaRegistry) -> pd.DataFrame:
    """The published row the Kaltim map shows for each regency with a figure for `year`."""
    chosen = (series.row_for_year(values, indicator, code, year) for code in areas.codes_at("kabupaten"))
    return pd.DataFrame([row for row in chosen if row is not None], columns=values.columns)


def kaltim_map_data(values: pd.DataFrame, indicator: Indicator, year: int, areas: AreaRegistry, lang: str) -> MapData:
    """The 10 Kaltim regencies with their published figure for `year` (missing ones stay, without a value)."""
    return _kaltim_map(kaltim_rows(values, indicator.id, year, areas), indicator, areas, lang)


def _kaltim_map(rows: pd.DataFrame, indicator: Indicator, areas: AreaRegistry, lang: str) -> MapData:
    codes = areas.codes_at("kabupaten")
    found = rows.set_index("kode_wilayah").reindex(codes)
    # One published row per regency: each keeps its own source and kind (`status`), for the hover and the file.
    table = pd.DataFrame({"kode": codes, "nama": [areas.name(c) for c in codes], "nilai": found["nilai"].to_numpy(),
                          "sumber": found["sumber"].to_numpy(), "status": found["status"].to_numpy()})
    return MapData(table, indicator.label(lang), indicator.unit(lang), indicator.lower_is_better,
                   lambda v: indicator.format(v, lang))


def kutim_rows(rows: pd.DataFrame, programme: str | None, year: int, kecamatan: str | None) -> pd.DataFrame:
    """The desa rows a Kutim map of `year` is built from: the programme's (for a programme measure) or every
    programme's (whose households a decile measure counts), in `kecamatan` or all of Kutim."""
    shown = rows[rows["tahun"] == year]
    if programme:
        shown = shown[shown["program"] == programme]
    return shown[shown["kode_wilayah"].str.startswith(kecamatan + ".")] if kecamatan else shown


def kutim_map_data(
    rows: pd.DataFrame,
    programmes: Mapping[str, Programme],
    measure: Measure,
    programme: str | None,
    year: int,
    level: str,
    kecamatan: str | None,
    areas: AreaRegistry,
    lang: str,
    rounding: Rounding | None = None,
) -> MapData:
    """Kutim's kecamatan, or desa (all, or those of one kecamatan), with a measure from the decile data;
    with the public mode's `rounding`, counts rounded and rates from rounded counts."""
    chosen = programmes[programme] if programme else None
    computed = area_values(rows, measure, year, level, chosen, rounding)
    codes = [c for c in areas.codes_at(level) if kecamatan is None or c.startswith(kecamatan + ".")]
    table = pd.DataFrame({"kode": codes, "nama": [areas.name(c) for c in codes]})
    table = table.merge(computed, on="kode", how="left")
    table["sumber"] = table["kode"].map(_strongest_source(kutim_rows(rows, programme, year, kecamatan), level))
    label = measure_label(measure.id, chosen.name(lang) if chosen else None, lang)
    unit = t("unit.persen", lang) if measure.unit == "persen" else t("unit.rumah_tangga", lang)
    return MapData(table, label, unit, measure.lower_is_better,
                   lambda v: measure.format(v, lang), hides_small_cells=rounding is not None)


_KIND_RANK = {kind: rank for rank, kind in enumerate(provenance.KINDS)}


def _strongest_source(rows: pd.DataFrame, level: str) -> pd.Series:
    """Per area at `level`, a source of its strongest kind of row (for the hover): an area an agency's upload
    replaced cites the upload, one still on demo rows the demo source."""
    ranked = rows.sort_values("status", key=lambda kinds: kinds.map(_KIND_RANK), kind="stable")
    return ranked.groupby(targeting.area_code(ranked["kode_wilayah"], level), sort=False)["sumber"].first()


@dataclass(frozen=True)
class MapView:
    """A map as the Peta page shows it: the data, the provenance of exactly the rows it is built from, and the
    counts published for its areas (a programme measure's at kecamatan level; otherwise none)."""

    data: MapData
    provenance: Provenance
    published: pd.DataFrame  # one row per area with a published count: kode_wilayah, nilai, satuan, sumber, status
    note: str | None = None  # what the map shows instead, when it is not the chosen measure


def kaltim_view(values: pd.DataFrame, releases: pd.DataFrame, indicator: Indicator, year: int, areas: AreaRegistry,
                lang: str) -> MapView:
    rows = kaltim_rows(values, indicator.id, year, areas)
    return MapView(_kaltim_map(rows, indicator, areas, lang), provenance.of(rows, releases), values.iloc[:0])


def kutim_view(rows: pd.DataFrame, counts: pd.DataFrame, values: pd.DataFrame, releases: pd.DataFrame,
               programmes: Mapping[str, Programme], measure: Measure, programme: str | None, year: int, level: str,
               kecamatan: str | None, areas: AreaRegistry, lang: str, rounding: Rounding | None = None) -> MapView:
    """`kutim_map_data` with its provenance and, for a programme measure per kecamatan, the programme's counts
    published for that year (shown as published: they are public aggregates, never rounded). A programme's
    coverage with no decile rows for the year falls back to its desa recap's coverage of all households."""
    decile_rows = kutim_rows(rows, programme, year, kecamatan)
    note = None
    if measure.needs_programme and decile_rows.empty:
        fallback = recap_view(counts, values, releases, programmes[programme], year, level, kecamatan, areas, lang,
                              rounding)
        if fallback and measure.id == "cakupan_program":
            return fallback
        if fallback:  # exclusion needs deciles: say why the map is empty
            note = t("recap.needs_deciles", lang, programme=programmes[programme].name(lang), year=year)
    data = kutim_map_data(rows, programmes, measure, programme, year, level, kecamatan, areas, lang, rounding)
    shown = provenance.of(decile_rows, releases)
    published = (published_counts(counts, year, data.table["kode"], programme) if programme and level == "kecamatan"
                 else counts.iloc[:0])
    return MapView(data, shown, published.drop_duplicates("kode_wilayah"), note)


def recap_view(counts: pd.DataFrame, values: pd.DataFrame, releases: pd.DataFrame, programme: Programme, year: int,
               level: str, kecamatan: str | None, areas: AreaRegistry, lang: str,
               rounding: Rounding | None) -> MapView | None:
    """The coverage of all households from the programme's desa recap (`lib.content.cakupan.recap`), per area at
    `level`, with a note that says so; None without a recap of the areas."""
    result = recap(counts, values, releases, programme.id, year, kecamatan or KUTIM, level, areas.areas["nama"],
                   rounding)
    if result is None:
        return None
    codes = [c for c in areas.codes_at(level) if kecamatan is None or c.startswith(kecamatan + ".")]
    table = pd.DataFrame({"kode": codes, "nama": [areas.name(c) for c in codes]})
    table = table.merge(result.by_area[["kode", "cakupan"]].rename(columns={"cakupan": "nilai"}), on="kode", how="left")
    table["sumber"] = result.counted.primary_source
    data = MapData(table, t("measure.cakupan_semua", lang, programme=programme.name(lang)), t("unit.persen", lang),
                   lower_is_better=False, format_value=lambda v: fmt.percent(v, 1, lang),
                   hides_small_cells=rounding is not None)
    return MapView(data, result.rated, counts.iloc[:0],
                   t("peta.recap_fallback", lang, programme=programme.name(lang), year=year))


def subtitle(level: str, kecamatan: str | None, year: int, areas: AreaRegistry, lang: str) -> str:
    """What a map covers and when, under its title: `Desa di Muara Ancalong, 2025`."""
    area = {"kaltim": t("figure.kaltim", lang), "kecamatan": t("figure.kutim_kecamatan", lang),
            "desa": t("figure.desa_of", lang, area=areas.name(kecamatan or KUTIM))}[level]
    return t("figure.subtitle", lang, area=area, period=year)


def map_title(data: MapData, level: str, lang: str) -> str:
    """The finding a map shows, as its title: Kutim's rank on the Kaltim map; elsewhere the worst-off area, which
    is the highest (or, where higher is better as for coverage, the lowest). The measure and unit without values."""
    if level == "kaltim":
        found = findings.rank(data.table, KUTIM, data.format_value, data.lower_is_better, lang)
    elif data.lower_is_better is False:
        found = _lowest(data, lang)
    else:
        found = findings.extremes(data.table, data.label, data.format_value, lang)
    return found or f"{data.label} ({data.unit})"


def _lowest(data: MapData, lang: str) -> str | None:
    """`Cakupan PKH terendah di Sangatta Utara (8,1 %)`; equal values everywhere are said as `findings.extremes`
    says them."""
    shown = data.table.dropna(subset=["nilai"])
    low = shown["nilai"].min()
    if shown.empty or np.isclose(low, shown["nilai"].max()):
        return findings.extremes(data.table, data.label, data.format_value, lang)
    names = shown.loc[np.isclose(shown["nilai"], low), "nama"].tolist()
    area = names[0] if len(names) == 1 else t("finding.and", lang, first=", ".join(names[:-1]), last=names[-1])
    return t("finding.lowest", lang, measure=data.label, area=area, value=data.format_value(low))


def drill_down(level: str, clicked: str | None) -> dict[str, str]:
    """The widget values after a click on area `clicked` of a `level` map (empty when nothing changes)."""
    if clicked is None:
        return {}
    if level == "kaltim" and clicked == KUTIM:
        return {"tingkat": "kecamatan"}
    if level == "kecamatan":
        return {"tingkat": "desa", "kecamatan": clicked}
    return {}


def measure_decimals(measure: Measure) -> int:
    """The decimals a measure is shown with (`Measure.format`): rates to one, household counts whole."""
    return 1 if measure.unit == "persen" else 0


def download_table(table: pd.DataFrame, view: MapView, decimals: int, lang: str) -> pd.DataFrame:
    """The map table as a file: translated columns, the value as a number rounded to the `decimals` it is shown
    with (a spreadsheet reads `8.07`, not `8.070000000001`, nor the screen's `8,07 %` as text); each regency's own
    source and kind, or for areas summed from desa rows the provenance of all of them; published counts beside."""
    data = view.data
    frame = pd.DataFrame(
        {
            t("col.kode_wilayah", lang): table["kode"],
            t("col.wilayah", lang): table["nama"],
            f"{data.label} ({data.unit})": table["nilai"].round(decimals),
            t("col.peringkat", lang): table["peringkat"].astype("Int64"),
            t("col.kelas", lang): table["kelas_teks"],
        }
    )
    if "status" in table.columns:  # one published row per area (the Kaltim regencies)
        frame = frame.assign(**exports.provenance_cells(table["status"], table["sumber"], lang))
    else:
        frame = exports.with_provenance(frame, view.provenance, lang)
    if len(view.published):
        published = view.published.set_index("kode_wilayah").reindex(table["kode"])
        frame = frame.assign(**{
            f"{t('col.angka_terbit', lang)} ({published['satuan'].dropna().iloc[0]})": published["nilai"].to_numpy(),
            t("col.angka_terbit_jenis", lang): [provenance.kind_label(k, lang) if pd.notna(k) else None
                                                for k in published["status"]],
            t("col.angka_terbit_sumber", lang): published["sumber"].to_numpy(),
        })
    return frame


def screen_table(table: pd.DataFrame, view: MapView, lang: str) -> pd.DataFrame:
    """The table shown under the map: name, value in the reader's format, rank (sorting by it sorts by value)
    and colour class, and a published count where one exists. Codes, numbers and sources are in the download;
    this keeps a filter change small."""
    data = view.data
    frame = pd.DataFrame(
        {
            t("col.wilayah", lang): table["nama"],
            t("col.nilai", lang): [data.format_value(v) if pd.notna(v) else data.missing(lang) for v in table["nilai"]],
            t("col.peringkat", lang): table["peringkat"].astype("Int64"),
            t("col.kelas", lang): table["kelas_teks"].astype("category"),
        }
    )
    if len(view.published):
        published = view.published.set_index("kode_wilayah")
        texts = {code: f"{count_text(row.nilai, row.satuan, lang)} ({provenance.kind_label(row.status, lang)})"
                 for code, row in published.iterrows()}
        frame[t("col.angka_terbit", lang)] = table["kode"].map(texts).fillna("–").to_numpy()
    return frame


def tooltip_texts(table: pd.DataFrame, data: MapData, lang: str) -> pd.DataFrame:
    """The map table with a `teks` column for the 3D view's tooltip: name, value, rank."""
    total = int(table["nilai"].notna().sum())
    texts = [
        f"<b>{html.escape(name)}</b><br/>{html.escape(data.label)}: "
        + (data.format_value(value) if pd.notna(value) else data.missing(lang))
        + (f"<br/>{t('peta.rank', lang, rank=int(rank), total=total)}" if pd.notna(rank) else "")
        for name, value, rank in zip(table["nama"], table["nilai"], table["peringkat"])
    ]
    return table.assign(teks=texts)

