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


def peta_view(store: Store, level: str = "kecamatan", kecamatan: str | None = None, year: int = 2025,
              rounding: Rounding | None = None) -> peta.MapView:
    return peta.kutim_view(store.programme_rows(), store.published_counts(), store.values(), store.current_releases(),
                           registry_from_frame(store.programmes()), MEASURES["cakupan_program"], "PKH", year, level,
                           kecamatan, AreaRegistry(store.areas(), store.aliases()), "id", rounding)


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


# --- a recap of recipients per desa without deciles (issue 14), published through the `penerima` dataset ---------

RECAP = {"64.08.01.2001": 40, "64.08.01.2002": 30, "64.08.04.2001": 12}  # Senyiur, Kelinjau Ilir, Sangatta Utara
RECAP_RUPIAH = {"64.08.01.2001": 12_000_000}


def publish_recap(store: Store, year: int) -> None:
    """A Dinsos PKH recap per desa for `year` beside the counts already published, as Kelola Data publishes it."""
    rows = [{"kode_wilayah": code, "tahun": year, "program": "PKH", "nama_program": "PKH", "ukuran": ukuran,
             "nilai": float(value), "satuan": unit, "sumber": AGENCY_SOURCE, "status": "data_opd", "catatan": None}
            for values, ukuran, unit in ((RECAP, "penerima", "KK"), (RECAP_RUPIAH, "bantuan_rp", "rupiah"))
            for code, value in values.items()]
    store.publish("penerima", {"penerima": pd.concat([store.current_rows("penerima"), pd.DataFrame(rows)],
                                                     ignore_index=True)}, by="uji")


def recap_of(store: Store, area: str, year: int, rounding: Rounding | None = None) -> cakupan.Recap | None:
    level = "kecamatan" if area == KUTIM else "desa"
    return cakupan.recap(store.published_counts(), store.values(), store.current_releases(), "PKH", year, area, level,
                         AreaRegistry(store.areas(), store.aliases()).areas["nama"], rounding)


def households(*desa: str) -> int:
    return sum(sum(fixture_data.households(d, 2024)) for d in desa)


def assert_agency_count_and_demo_households(found: cakupan.Recap) -> None:
    assert found.counted.kinds == ("data_opd",) and not found.counted.demo
    assert found.counted.sources == (AGENCY_SOURCE,)
    assert found.rated.kinds == ("data_opd", "contoh") and found.rated.demo  # the households are demo


def test_a_recap_without_decile_rows_reaches_cakupan_as_coverage_of_all_households(fixture_store_copy):
    store = Store(create_store_engine(fixture_store_copy))
    assert recap_of(store, KUTIM, 2023) is None
    publish_recap(store, 2023)  # PKH 2023: no decile rows in the fixture
    assert cakupan.years_with_data([2024, 2025], store.published_counts(), "PKH") == [2023, 2024, 2025]
    assert cakupan.years_with_data([2024, 2025], store.published_counts(), "SEMBAKO") == [2024, 2025]
    assert not cakupan_view(store, year=2023).has_data
    kutim = recap_of(store, KUTIM, 2023)
    # summed over the desa of the two kecamatan the recap covers, over all their households (2024: nearest year)
    covered = [d for d in fixture_data.HOUSEHOLDS if d.startswith(("64.08.01.", "64.08.04."))]
    assert kutim.area["penerima"] == 82 and kutim.area["rumah_tangga"] == households(*covered)
    assert kutim.area["cakupan"] == pytest.approx(100 * 82 / households(*covered)) and kutim.households_year == 2024
    assert kutim.area["bantuan_rp"] == 12_000_000 and kutim.desa == 3
    assert kutim.by_area.set_index("kode")["penerima"].to_dict() == {MUARA_ANCALONG: 70, "64.08.04": 12}
    assert_agency_count_and_demo_households(kutim)
    # a desa of a covered kecamatan missing from the recap had no recipients; an uncovered kecamatan has no recap
    assert recap_of(store, "64.08.04.2011", 2023).area["penerima"] == 0
    assert recap_of(store, "64.08.09", 2023) is None
    texts = cakupan.recap_texts(recap_of(store, MUARA_ANCALONG, 2023), "KK", "id")
    assert texts == {"Penerima (jumlah rekap desa)": "70 KK", "Bantuan tersalur (rekap desa)": "Rp12.000.000"}
    table = cakupan.recap_table(recap_of(store, MUARA_ANCALONG, 2023), "id")
    assert table["Wilayah"].tolist() == ["Senyiur", "Kelinjau Ilir"]
    assert table["Cakupan dari semua rumah tangga"].tolist() == ["20,0 %", "15,0 %"]


def test_a_recap_in_the_public_mode_is_rounded_and_rates_need_25_households(fixture_store_copy):
    store = Store(create_store_engine(fixture_store_copy))
    publish_recap(store, 2023)
    kutim, desa = recap_of(store, KUTIM, 2023, ROUNDING), recap_of(store, "64.08.01.2001", 2023, ROUNDING)
    for found in (kutim, desa):
        assert (found.by_area["penerima"] % 5 == 0).all() and (found.by_area["rumah_tangga"] % 5 == 0).all()
        assert found.area["penerima"] % 5 == 0
    assert kutim.area["bantuan_rp"] == 12_000_000 and pd.isna(desa.area["bantuan_rp"])  # Rupiah: all Kutim only
    tiny = recap_of(store, "64.08.04.2001", 2023, ROUNDING)
    assert tiny.area["rumah_tangga"] >= 25 or pd.isna(tiny.area["cakupan"])


def test_a_recap_reaches_peta_where_no_decile_rows_exist_and_leaves_decile_maps_alone(fixture_store_copy):
    store = Store(create_store_engine(fixture_store_copy))
    publish_recap(store, 2023)
    publish_recap(store, 2025)
    shown = peta_view(store, year=2023)
    assert "dari semua rumah tangga" in shown.data.label and "Belum ada data desil" in shown.note
    values = shown.data.table.set_index("kode")["nilai"]
    assert values[MUARA_ANCALONG] == pytest.approx(17.5) and values.notna().sum() == 2
    assert shown.provenance.demo and AGENCY_SOURCE in shown.provenance.sources  # rates over demo households
    assert set(shown.data.table["sumber"]) == {AGENCY_SOURCE}
    desa = peta_view(store, "desa", MUARA_ANCALONG, year=2023).data.table.set_index("kode")["nilai"]
    assert desa.dropna().to_dict() == {"64.08.01.2001": 20.0, "64.08.01.2002": 15.0}
    public = peta_view(store, year=2023, rounding=ROUNDING)
    assert public.data.hides_small_cells
    # with decile rows (PKH 2025) the map stays the decile coverage, and the recap never turns into decile figures
    decile = peta_view(store)
    assert decile.note is None and "rumah tangga layak" in decile.data.label and decile.provenance.kinds == ("contoh",)


def test_a_recap_beside_decile_rows_and_a_published_kecamatan_count_is_shown_beside_never_added(fixture_store_copy):
    store = Store(create_store_engine(fixture_store_copy))
    publish_recap(store, 2025)  # PKH 2025 has decile rows and a published count for Muara Ancalong (120)
    assert cakupan_view(store, MUARA_ANCALONG).published["nilai"].tolist() == [120]
    assert recap_of(store, MUARA_ANCALONG, 2025).area["penerima"] == 70
    assert cakupan_view(store, MUARA_ANCALONG).has_data  # the decile estimate stays
    # a desa's recap row is summed and rounded like a small-area count, never listed as published
    assert cakupan_view(store, MUARA_ANCALONG + ".2001").published.empty


@pytest.mark.parametrize("year", [2023, 2025])
def test_a_recap_reaches_profil_with_its_source_and_no_demo_label_on_the_count(fixture_store_copy, year):
    store = Store(create_store_engine(fixture_store_copy))
    publish_recap(store, year)
    area = profile_of(store, MUARA_ANCALONG)
    assert [(p.id, y) for p, y, _ in area.recaps] == [("PKH", year)]
    assert set(area.published["kode_wilayah"]) <= {MUARA_ANCALONG, KUTIM}
    html = profile.to_html(area, "", "id")
    assert "Rekap penerima per desa (tanpa desil): Muara Ancalong" in html and "70 KK" in html
    row = html.split("Rekap penerima per desa")[1].split("</tr>")[1]
    assert AGENCY_SOURCE in row and "data OPD" in row and "DATA CONTOH" not in row
    assert "rumah tangga: DATA CONTOH — bukan data resmi" in html  # the households the rate divides by
    desa = profile_of(store, MUARA_ANCALONG + ".2001", ROUNDING)
    assert desa.recaps[0][2].area["penerima"] % 5 == 0 and desa.published["kode_wilayah"].isin([KUTIM, MUARA_ANCALONG]).all()
