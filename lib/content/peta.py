"""What the Peta page shows at each level, as plain data: map tables, labels, drill-down state changes."""

from __future__ import annotations

import html
from collections.abc import Mapping

import pandas as pd

from lib.analysis import series
from lib.analysis.mapdata import MapData
from lib.analysis.measures import Measure, area_values
from lib.analysis.privacy import Rounding
from lib.core.i18n import t
from lib.core.indicators import P0, POOR_PEOPLE, Indicator
from lib.core.programmes import Programme
from lib.core.wilayah import KUTIM, AreaRegistry

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


def kaltim_map_data(values: pd.DataFrame, indicator: Indicator, year: int, areas: AreaRegistry, lang: str) -> MapData:
    """The 10 Kaltim regencies with their published figure for `year` (missing ones stay, without a value)."""
    codes = areas.codes_at("kabupaten")
    found = {}
    for code in codes:
        observation = series.value_for_year(values, indicator.id, code, year)
        if observation is not None:
            found[code] = observation
    table = pd.DataFrame(
        {
            "kode": codes,
            "nama": [areas.name(c) for c in codes],
            "nilai": [found[c].value if c in found else float("nan") for c in codes],
            "sumber": [found[c].source if c in found else None for c in codes],
        }
    )
    return MapData(table, indicator.label(lang), indicator.unit(lang), indicator.lower_is_better,
                   lambda v: indicator.format(v, lang), is_demo=False)


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
    source = rows["sumber"].iloc[0] if len(rows) else None
    table["sumber"] = source
    label = measure_label(measure.id, chosen.name(lang) if chosen else None, lang)
    unit = t("unit.persen", lang) if measure.unit == "persen" else t("unit.rumah_tangga", lang)
    return MapData(table, label, unit, measure.lower_is_better,
                   lambda v: measure.format(v, lang), is_demo=bool(len(rows)) and (rows["status"] == "contoh").any(),
                   hides_small_cells=rounding is not None)


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


def download_table(table: pd.DataFrame, data: MapData, decimals: int, lang: str) -> pd.DataFrame:
    """The map table as a file: translated columns, the value as a number rounded to the `decimals` it is shown
    with (a spreadsheet reads `8.07`, not `8.070000000001`, nor the screen's `8,07 %` as text)."""
    return pd.DataFrame(
        {
            t("col.kode_wilayah", lang): table["kode"],
            t("col.wilayah", lang): table["nama"],
            f"{data.label} ({data.unit})": table["nilai"].round(decimals),
            t("col.peringkat", lang): table["peringkat"].astype("Int64"),
            t("col.kelas", lang): table["kelas_teks"],
            t("col.sumber", lang): table["sumber"],
        }
    )


def screen_table(table: pd.DataFrame, data: MapData, lang: str) -> pd.DataFrame:
    """The table shown under the map: name, value in the reader's format, rank (sorting by it sorts by value)
    and colour class. Codes, numbers and sources are in the download; this keeps a filter change small."""
    return pd.DataFrame(
        {
            t("col.wilayah", lang): table["nama"],
            t("col.nilai", lang): [data.format_value(v) if pd.notna(v) else data.missing(lang) for v in table["nilai"]],
            t("col.peringkat", lang): table["peringkat"].astype("Int64"),
            t("col.kelas", lang): table["kelas_teks"].astype("category"),
        }
    )


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

