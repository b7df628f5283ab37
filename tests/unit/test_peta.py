import pandas as pd
import pytest

from lib.analysis import mapdata
from lib.analysis.mapdata import MapData
from lib.analysis.measures import MEASURES
from lib.content import peta
from lib.core import provenance
from lib.core.indicators import P0
from lib.core.programmes import registry_from_frame
from lib.core.wilayah import AreaRegistry
from lib.render.exports import to_csv_bytes


@pytest.fixture(scope="module")
def areas(store):
    return AreaRegistry(store.areas(), store.aliases())


@pytest.fixture(scope="module")
def rows(store):
    return store.programme_rows()


@pytest.fixture(scope="module")
def programmes(store):
    return registry_from_frame(store.programmes())


@pytest.mark.parametrize(
    ("level", "clicked", "change"),
    [
        ("kecamatan", "64.08.04", {"tingkat": "desa", "kecamatan": "64.08.04"}),
        ("kaltim", "64.08", {"tingkat": "kecamatan"}),
        ("kaltim", "64.02", {}),
        ("desa", "64.08.04.2001", {}),
        ("kecamatan", None, {}),
    ],
)
def test_drill_down(level, clicked, change):
    assert peta.drill_down(level, clicked) == change


def test_kaltim_map_has_all_ten_regencies_and_outlines_kutim(store, values, registry, areas):
    year = peta.default_kaltim_year(values, P0)
    shown = peta.kaltim_view(values, store.current_releases(), registry[P0], year, areas, "id")
    data = shown.data
    assert len(data.table) == 10 and data.table["nilai"].notna().sum() >= 5
    assert data.table.set_index("kode").loc["64.08", "nilai"] == values.query(
        "kode_wilayah == '64.08' and indikator == @P0 and tahun == @year")["nilai"].item()
    # the provenance of exactly the regency rows drawn: real figures, every source a web address
    assert not shown.provenance.demo and all(s.startswith("http") for s in shown.provenance.sources)
    assert set(shown.provenance.kinds) == set(data.table["status"].dropna())
    assert peta.highlighted("kaltim") == "64.08"


def test_default_kaltim_year_is_the_latest_year_most_regencies_published(values):
    year = peta.default_kaltim_year(values, P0)
    assert year in peta.kaltim_years(values, P0)
    assert year < max(peta.kaltim_years(values, P0))  # 2025 has Kutim only


@pytest.mark.parametrize(("level", "count"), [("kecamatan", 18), ("desa", 141)])
def test_kutim_map_covers_every_area(store, rows, programmes, areas, level, count):
    shown = peta.kutim_view(rows, store.published_counts(), store.values(), store.current_releases(), programmes,
                            MEASURES["persen_desil_1_2"], None, 2025, level, None, areas, "id")
    assert len(shown.data.table) == count and shown.data.table["nilai"].notna().all()
    assert shown.provenance.demo and shown.provenance.kinds == ("contoh",) and shown.data.unit == "%"


def test_desa_of_one_kecamatan(rows, programmes, areas):
    data = peta.kutim_map_data(rows, programmes, MEASURES["rumah_tangga_desil_1"], None, 2025, "desa", "64.08.04", areas, "id")
    assert data.table["kode"].str.startswith("64.08.04.").all() and len(data.table) == 4


def test_programme_coverage_before_the_programme_existed_has_no_data(rows, programmes, areas):
    data = peta.kutim_map_data(rows, programmes, MEASURES["cakupan_program"], "BLT_DD", 2019, "kecamatan", None, areas, "en")
    assert data.table["nilai"].isna().all()
    assert data.label == "Village Fund Cash Transfer (BLT Dana Desa) coverage of eligible households"


def test_kecamatan_value_is_the_sum_of_its_desa(rows, programmes, areas):
    measure = MEASURES["eksklusi_program"]
    kec = peta.kutim_map_data(rows, programmes, measure, "PKH", 2024, "kecamatan", None, areas, "id").table
    desa = peta.kutim_map_data(rows, programmes, measure, "PKH", 2024, "desa", None, areas, "id").table
    by_kecamatan = desa.groupby(desa["kode"].str[:8])["nilai"].sum()
    pd.testing.assert_series_equal(kec.set_index("kode")["nilai"], by_kecamatan, check_names=False)


def test_map_download_holds_numbers_rounded_as_shown(registry):
    # Values from arithmetic carry float noise; the file keeps numbers (not the screen's "8,07 %" text) at the
    # indicator's decimals, and ranks as integers.
    table = pd.DataFrame({"kode": ["64.08", "64.02"], "nama": ["Kutai Timur", "Berau"],
                          "nilai": [8.070000000001, float("nan")], "sumber": ["https://a.example", None],
                          "status": ["rilis_bps", None]})
    indicator = registry[P0]
    data = MapData(table, indicator.label("id"), indicator.unit("id"), indicator.lower_is_better,
                   lambda v: indicator.format(v, "id"))
    view = peta.MapView(data, provenance.of(table.dropna(), pd.DataFrame()), pd.DataFrame())
    shown = mapdata.map_table(data, mapdata.classify(table["nilai"], "quantiles"), "id")
    text = to_csv_bytes(peta.download_table(shown, view, indicator.desimal, "id")).decode("utf-8-sig")
    # value, rank, class, then each regency's own kind and source
    assert text.splitlines()[0].endswith(",Jenis sumber,Sumber,Data contoh")
    assert text.splitlines()[1].startswith("64.08,Kutai Timur,8.07,1,")
    assert text.splitlines()[1].endswith(",rilis BPS,https://a.example,")
    assert text.splitlines()[2].startswith("64.02,Berau,,,")
    assert peta.screen_table(shown, view, "id")["Nilai"].tolist() == ["8,07 %", "tidak ada data"]


def _map(values: list[float], lower_is_better: bool | None) -> MapData:
    table = pd.DataFrame({"kode": ["64.08", "64.02", "64.03"], "nama": ["Kutai Timur", "Berau", "Paser"],
                          "nilai": values})
    return MapData(table, "Cakupan PKH", "%", lower_is_better, lambda v: f"{v:.1f} %".replace(".", ","))


@pytest.mark.parametrize(("level", "lower_is_better", "title"), [
    ("kecamatan", True, "Cakupan PKH tertinggi di Paser (30,0 %)"),
    ("desa", False, "Cakupan PKH terendah di Berau (10,0 %)"),  # higher is better: the worst-off is the lowest
    ("kaltim", True, "Kutai Timur urutan ke-2 terburuk dari 3 wilayah (20,0 %)"),
])
def test_a_map_is_titled_with_its_finding(level, lower_is_better, title):
    assert peta.map_title(_map([20.0, 10.0, 30.0], lower_is_better), level, "id") == title


def test_a_map_without_values_is_titled_with_its_measure():
    assert peta.map_title(_map([float("nan")] * 3, False), "desa", "id") == "Cakupan PKH (%)"
    assert peta.map_title(_map([5.0, 5.0, 5.0], False), "desa", "en") == "Cakupan PKH: the same in every area (5,0 %)"
