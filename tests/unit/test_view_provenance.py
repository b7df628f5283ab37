"""One rule for what Cakupan, Peta and Profil say about their figures: the provenance of exactly the rows shown
(`lib.core.provenance.of`), on the fixture store (`tests/fixture_data.py`), before and after an agency's upload."""

import pandas as pd
import pytest

from lib.analysis import mapdata
from lib.analysis.measures import MEASURES
from lib.analysis.privacy import Rounding
from lib.analysis.targeting import Cube
from lib.content import cakupan, peta, profile
from lib.core.indicators import P0
from lib.core.indicators import registry_from_frame as indicator_registry
from lib.core.programmes import registry_from_frame
from lib.core.store import Store, create_store_engine
from lib.core.wilayah import KUTIM, AreaRegistry
from lib.render.exports import to_csv_bytes
from tests import fixture_data

MUARA_ANCALONG = "64.08.01"
AGENCY_SOURCE = "SIKS-NG Dinsos Kutim (uji)"
ROUNDING = Rounding(5, b"a test key")


def cakupan_view(store: Store, area: str = KUTIM, rounding: Rounding | None = None, year: int = 2025):
    rows = store.programme_rows()
    areas = AreaRegistry(store.areas(), store.aliases())
    return cakupan.view(Cube.of(rows[rows["program"] == "PKH"]), cakupan.Selection("PKH", year, area, (1, 2, 3, 4)),
                        areas.areas["nama"], store.published_counts(), store.current_releases(), rounding, "id")


def peta_view(store: Store, level: str = "kecamatan", kecamatan: str | None = None) -> peta.MapView:
    return peta.kutim_view(store.programme_rows(), store.published_counts(), store.current_releases(),
                           registry_from_frame(store.programmes()), MEASURES["cakupan_program"], "PKH", 2025, level,
                           kecamatan, AreaRegistry(store.areas(), store.aliases()), "id")


def profile_of(store: Store, code: str, rounding: Rounding | None = None) -> profile.AreaProfile:
    areas = AreaRegistry(store.areas(), store.aliases())
    return profile.with_fragment(code, 2025, store.programme_rows(), store.values(), store.published_counts(),
                                 store.current_releases(), registry_from_frame(store.programmes()), areas, "id",
                                 rounding)[0]


def publish_agency_pkh_2025(store: Store) -> None:
    """An agency's upload replacing the PKH 2025 desa rows (the demo rows of every other year stay)."""
    current = store.current_rows("program")
    real = current[(current["program"] == "PKH") & (current["tahun"] == 2025)].assign(status="data_opd",
                                                                                       sumber=AGENCY_SOURCE)
    store.publish("program", {"program_desil": pd.concat([current.drop(real.index), real])}, by="dinsos")


def test_cakupan_of_demo_rows_says_demo_and_its_published_count_says_what_it_is(fixture_store):
    view = cakupan_view(fixture_store)
    assert view.provenance.kinds == ("contoh",) and view.provenance.demo and view.provenance.release is not None
    # the count published without deciles: its own block, kind and source, never demo
    assert view.published["nilai"].tolist() == [fixture_data.PUBLISHED_PKH_2025[KUTIM]]
    assert view.published_provenance.kinds == ("data_opd_media",) and not view.published_provenance.demo
    assert view.published_provenance.sources == (fixture_data.SOURCE_COUNTS,)
    assert cakupan.count_text(view.published["nilai"].iloc[0], view.published["satuan"].iloc[0], "id") == "900 KK"


def test_cakupan_of_a_kecamatan_shows_its_own_published_count_and_a_desa_none(fixture_store):
    assert cakupan_view(fixture_store, MUARA_ANCALONG).published["nilai"].tolist() == [120]
    assert cakupan_view(fixture_store, MUARA_ANCALONG + ".2001").published.empty
    assert cakupan_view(fixture_store, year=2024).published.empty


def test_public_mode_shows_published_counts_as_published(fixture_store):
    # a public aggregate: not rounded to the threshold's multiple (120 and 900 are multiples of 5 anyway; 903 is not)
    counts = fixture_store.published_counts()
    counts.loc[counts["kode_wilayah"] == KUTIM, "nilai"] = 903
    rows = fixture_store.programme_rows()
    view = cakupan.view(Cube.of(rows[rows["program"] == "PKH"]), cakupan.Selection("PKH", 2025, KUTIM, (1, 2, 3, 4)),
                        AreaRegistry(fixture_store.areas(), fixture_store.aliases()).areas["nama"], counts,
                        fixture_store.current_releases(), ROUNDING, "id")
    assert view.published["nilai"].tolist() == [903] and view.headline.recipients % 5 == 0


def test_cakupan_download_carries_the_tables_provenance_and_the_demo_label(fixture_store):
    view = cakupan_view(fixture_store)
    text = to_csv_bytes(cakupan.download(view, "id")).decode("utf-8-sig").splitlines()
    assert text[0].endswith(",Sumber,Jenis sumber,Data contoh")
    assert all(line.endswith(",data contoh,DATA CONTOH — bukan data resmi") for line in text[1:])


def test_cakupan_figures_carry_title_area_year_and_provenance_line(fixture_store):
    view = cakupan_view(fixture_store, MUARA_ANCALONG)
    drawn = cakupan.charts(view, cakupan.Selection("PKH", 2025, MUARA_ANCALONG, (1, 2, 3, 4)), "PKH", "Muara Ancalong", "id")
    for figure in (drawn.map, drawn.ranking, drawn.deciles, drawn.trend):
        assert "PKH" in figure.layout.title.text and "Muara Ancalong" in figure.layout.title.subtitle.text
        assert "Jenis: data contoh" in figure.layout.title.subtitle.text
        assert "DATA CONTOH" in figure.layout.title.subtitle.text
    assert "Muara Ancalong, 2025" in drawn.map.layout.title.subtitle.text
    assert "Muara Ancalong, 2024–2025" in drawn.trend.layout.title.subtitle.text


def test_peta_of_demo_rows_says_demo_and_lists_published_counts_per_kecamatan(fixture_store):
    shown = peta_view(fixture_store)
    assert shown.provenance.kinds == ("contoh",) and shown.provenance.demo
    assert shown.published.set_index("kode_wilayah")["nilai"].to_dict() == {MUARA_ANCALONG: 120}
    classes = mapdata.classify(shown.data.table["nilai"], "quantiles")
    table = peta.screen_table(mapdata.map_table(shown.data, classes, "id"), shown, "id")
    assert table.set_index("Wilayah").at["Muara Ancalong", "Angka terbit"] == "120 KK (data OPD via media)"
    assert peta_view(fixture_store, "desa").published.empty  # desa level: published counts are per kecamatan


def test_peta_kaltim_describes_the_regency_rows_of_that_year(fixture_store):
    values, areas = fixture_store.values(), AreaRegistry(fixture_store.areas(), fixture_store.aliases())
    indicators = indicator_registry(fixture_store.indicators(), fixture_store.method_breaks())
    shown = peta.kaltim_view(values, fixture_store.current_releases(), indicators[P0], 2024, areas, "id")
    # Kutim's own release (the strongest kind: the primary source) beside the other regencies' media reports
    assert shown.provenance.kinds == ("rilis_bps", "bps_media") and not shown.provenance.demo
    assert shown.provenance.sources == (fixture_data.SOURCE_KUTIM, fixture_data.SOURCE_REGENCIES)


def test_an_agency_upload_replaces_the_demo_label_on_cakupan_and_peta_alike(fixture_store_copy):
    # The regression: Cakupan cited the agency while Peta's map of the same figures still said DATA CONTOH.
    store = Store(create_store_engine(fixture_store_copy))
    publish_agency_pkh_2025(store)
    for shown in (cakupan_view(store).provenance, peta_view(store).provenance, peta_view(store, "desa").provenance):
        assert shown.kinds == ("data_opd",) and not shown.demo and shown.primary_source == AGENCY_SOURCE
    assert "DATA CONTOH" not in peta_view(store).provenance.line("id")
    # the map's hover cites the upload too, and the trend (2024 still demo) keeps the label
    assert set(peta_view(store).data.table["sumber"].dropna()) == {AGENCY_SOURCE}
    assert cakupan_view(store).trend_provenance.demo
    assert cakupan_view(store, year=2024).provenance.demo


def test_profil_provenance_published_counts_and_wita_release_time(fixture_store):
    area = profile_of(fixture_store, MUARA_ANCALONG)
    assert area.provenance.demo and area.provenance.kinds == ("contoh",)
    assert set(area.published["kode_wilayah"]) == {MUARA_ANCALONG, KUTIM}
    html = profile.to_html(area, "", "id")
    assert "Angka terbit Muara Ancalong dan Kutai Timur" in html and "data OPD via media" in html
    assert "berita.example" in html and "WITA" in html and html.count("DATA CONTOH — bukan data resmi") == 2
    assert area.provenance.line("id") in html


@pytest.mark.parametrize("rounding", [None, ROUNDING])
def test_profil_population_is_the_published_figure_or_the_sum_of_desa_never_both(fixture_store_copy, rounding):
    store = Store(create_store_engine(fixture_store_copy))
    desa_sum = profile_of(store, MUARA_ANCALONG).population
    assert "jumlah desa" in profile_of(store, MUARA_ANCALONG).population_label
    current = store.current_rows("nilai")
    published = current[current["indikator"] == "jumlah_penduduk"].head(1).assign(
        kode_wilayah=MUARA_ANCALONG, tahun=2025, nilai=19_479.0, status="rilis_bps", sumber=fixture_data.SOURCE_KUTIM)
    store.publish("nilai", {"nilai": pd.concat([current, published], ignore_index=True)}, by="bps")
    area = profile_of(store, MUARA_ANCALONG, rounding)
    assert area.population == 19_479 and area.population != desa_sum + 19_479
    assert area.population_label == "jiwa (angka terbit, rilis BPS)"
    assert area.households_label == "rumah tangga (jumlah desa, data contoh)"
    assert set(area.provenance.kinds) == {"rilis_bps", "contoh"}
