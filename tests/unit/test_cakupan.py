import io
from types import SimpleNamespace

import pandas as pd
import pytest

from lib.analysis.privacy import Rounding
from lib.analysis.targeting import Cube
from lib.content import cakupan
from lib.content.cakupan import Selection
from lib.render.exports import to_xlsx_bytes
from tests.unit.test_targeting import ROWS

BUDGET_ROWS = ROWS.assign(anggaran_rp=pd.NA, realisasi_rp=pd.NA, sumber="x", status="contoh")
PKH = BUDGET_ROWS[BUDGET_ROWS["program"] == "PKH"]
PKH_CUBE = Cube.of(PKH)


def test_headline_of_one_kecamatan_by_hand():
    result = cakupan.headline(PKH_CUBE, Selection("PKH", 2024, "64.08.04", (1, 2, 3, 4)))
    assert (result.households, result.reached, result.recipients, result.excluded, result.included) == (160, 90, 95, 70, 5)
    assert result.coverage == pytest.approx(90 / 160 * 100)
    assert result.budget is None and result.realisation is None


def test_headline_of_one_desa_and_of_an_empty_selection():
    one = cakupan.headline(PKH_CUBE, Selection("PKH", 2024, "64.08.04.2002", (1, 2, 3, 4)))
    assert (one.households, one.reached, one.coverage) == (10, 10, 100.0)
    empty = cakupan.headline(PKH_CUBE, Selection("PKH", 1999, "64.08", (1,)))
    assert empty.households == 0 and empty.coverage is None


def test_budget_realisation():
    rows = PKH.assign(anggaran_rp=1000, realisasi_rp=900)
    result = cakupan.headline(Cube.of(rows), Selection("PKH", 2024, "64.08", (1, 2, 3, 4)))
    assert result.budget == 6000 and result.spent == 5400 and result.realisation == pytest.approx(90.0)


def test_by_decile_covers_all_ten_deciles_and_marks_the_target():
    table = cakupan.by_decile(PKH_CUBE, Selection("PKH", 2024, "64.08", (1, 2)))
    assert table["desil"].tolist() == list(range(1, 11))
    assert table.loc[0, "persen"] == pytest.approx(70 / 110 * 100)
    assert table["sasaran"].tolist()[:3] == [True, True, False]
    assert pd.isna(table.loc[4, "persen"])  # no households in decile 5: no rate, not 0 %


def test_by_area_is_sorted_by_exclusion():
    table = cakupan.by_area(PKH_CUBE, Selection("PKH", 2024, "64.08.04", (1, 2, 3, 4)), {"64.08.04.2001": "A", "64.08.04.2002": "B"})
    assert table["nama"].tolist() == ["A", "B"] and table["eksklusi"].tolist() == [70, 0]


def test_trend_has_one_row_per_year():
    two_years = pd.concat([PKH, PKH.assign(tahun=2025, penerima=0)])
    table = cakupan.trend(Cube.of(two_years), Selection("PKH", 2024, "64.08", (1, 2, 3, 4)))
    assert table["tahun"].tolist() == [2024, 2025] and table["cakupan"].tolist()[1] == 0


def test_empty_decile_choice_falls_back_to_the_rule():
    assert cakupan.normalise_deciles([], (1, 2, 3, 4)) == (1, 2, 3, 4)
    assert cakupan.normalise_deciles([3, 1, 3], (1, 2, 3, 4)) == (1, 3)


def test_excel_download_keeps_numbers_and_neutralises_formulas():
    frame = pd.DataFrame({"Wilayah": ["=cmd()", "Bengalon"], "Rumah tangga": [12, 7]})
    read = pd.read_excel(io.BytesIO(to_xlsx_bytes(frame)))
    assert read["Wilayah"].tolist() == ["'=cmd()", "Bengalon"] and read["Rumah tangga"].tolist() == [12, 7]


ROUNDING = Rounding(5, b"a test key")


def test_public_headline_is_rounded_and_derived_from_rounded_counts():
    rows = PKH.assign(anggaran_rp=1000, realisasi_rp=900)
    selection = Selection("PKH", 2024, "64.08.04.2002", (1, 2, 3, 4))
    exact = cakupan.headline(Cube.of(rows), selection)
    public = cakupan.headline(Cube.of(rows), selection, ROUNDING)
    assert (exact.households, exact.reached, exact.recipients) == (10, 10, 10)
    assert (public.households, public.reached, public.recipients) == (10, 10, 10)  # multiples stay
    assert public.budget is None and public.spent is None  # a budget per desa is a count times the benefit
    kutim = cakupan.headline(Cube.of(rows), Selection("PKH", 2024, "64.08", (1, 2, 3, 4)), ROUNDING)
    assert kutim.budget == 6000 and kutim.households == 160 and kutim.reached == 90
    assert cakupan.headline_texts(public, "id")["cakupan.coverage"] == "–"  # 10 households: too few for a rate
    assert cakupan.headline_texts(exact, "id")["cakupan.coverage"] == "100,0 %"


def test_public_deciles_and_areas_are_rounded_and_agree_with_each_other():
    selection = Selection("PKH", 2024, "64.08.04", (1, 2, 3, 4))
    deciles = cakupan.by_decile(PKH_CUBE, selection, ROUNDING)
    exact = cakupan.by_decile(PKH_CUBE, selection)
    for column in ("rumah_tangga", "penerima"):
        assert (deciles[column] % 5 == 0).all() and (abs(deciles[column] - exact[column]) < 5).all()
    areas = cakupan.by_area(PKH_CUBE, selection, {"64.08.04.2001": "A", "64.08.04.2002": "B"}, ROUNDING)
    counts = cakupan.display_table(areas, "id").drop(columns=["Kode wilayah", "Wilayah", "Cakupan sasaran (%)"])
    assert len(counts.columns) == 5 and (counts % 5 == 0).all().all()
    # the desa's own selection shows the same numbers as its row here
    own = cakupan.headline(PKH_CUBE, Selection("PKH", 2024, "64.08.04.2001", (1, 2, 3, 4)), ROUNDING)
    row = areas.set_index("kode").loc["64.08.04.2001"]
    assert (own.households, own.reached, own.recipients) == (row["layak"], row["penerima_layak"], row["penerima"])


NAMES = {"64.08.04.2001": "A", "64.08.04.2002": "B"}


def figures_of(cube: Cube, selection: Selection) -> SimpleNamespace:
    """The parts of a `CoverageView` the figure titles read."""
    return SimpleNamespace(headline=cakupan.headline(cube, selection), by_area=cakupan.by_area(cube, selection, NAMES),
                           by_decile=cakupan.by_decile(cube, selection), trend=cakupan.trend(cube, selection))


def test_each_figure_is_titled_with_the_finding_of_the_table_it_draws():
    selection = Selection("PKH", 2024, "64.08.04", (1, 2, 3, 4))
    titles = cakupan.finding_titles(figures_of(PKH_CUBE, selection), selection, "Program Keluarga Harapan (PKH)", "id")
    assert titles == {
        "cakupan.map": "PKH menjangkau 56,2 % sasaran; terendah di A (53,3 %)",  # 90 of 160 (half to even); A: 80 of 150
        "cakupan.ranking": "Eksklusi PKH terbesar di A: 70 rumah tangga",
        "cakupan.by_decile": "Cakupan PKH tertinggi di desil 1 (63,6 %), terendah di desil 6 (3,6 %)",
        "cakupan.trend": "Cakupan PKH: 56,2 % pada 2024",  # no earlier year to compare with
    }
    two_years = Cube.of(pd.concat([PKH, PKH.assign(tahun=2025, penerima=0)]))
    later = Selection("PKH", 2025, "64.08.04", (1, 2, 3, 4))
    titles = cakupan.finding_titles(figures_of(two_years, later), later, "Program Keluarga Harapan (PKH)", "en")
    assert titles["cakupan.trend"] == "PKH coverage fell to 0.0 % in 2025"
    assert titles["cakupan.ranking"] == "Largest PKH exclusion in A: 150 households"


def test_figures_without_data_keep_their_name_as_title():
    empty = Selection("PKH", 1999, "64.08.04", (1, 2, 3, 4))
    assert set(cakupan.finding_titles(figures_of(PKH_CUBE, empty), empty, "PKH", "id").values()) == {None}


def test_the_table_on_screen_shows_the_readers_formats_and_keeps_its_numbers():
    areas = pd.DataFrame({"kode": ["k1", "k2"], "nama": ["A", "B"], "layak": [9825, 12], "penerima_layak": [800, 3],
                          "cakupan": [8.14, None], "eksklusi": [9025, 9], "inklusi": [36, 0], "penerima": [1200, 3]})
    table = cakupan.display_table(areas, "id")
    shown = cakupan.table_on_screen(table, "id").to_html()
    assert "9.825" in shown and "8,1 %" in shown and "1.200" in shown and "–" in shown
    assert "9,825" in cakupan.table_on_screen(cakupan.display_table(areas, "en"), "en").to_html()
    assert table["Rumah tangga sasaran"].tolist() == [9825, 12]  # numbers, so a header click sorts by value
    headers = cakupan.table_headers("id")
    assert headers.pop("Kode wilayah") is None  # in the download only
    assert set(headers) == set(table.columns) - {"Kode wilayah", "Wilayah"}
    assert headers["Eksklusi (sasaran belum menerima)"] == {"label": "Eksklusi", "help": "Eksklusi (sasaran belum menerima)"}
