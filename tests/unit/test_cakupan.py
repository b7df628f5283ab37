import io

import pandas as pd
import pytest

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


def _areas(*rows):
    return pd.DataFrame(rows, columns=["kode", "nama", *cakupan.COUNT_COLUMNS, "cakupan"])


def test_one_small_area_hides_the_smallest_other_area_too():
    table = cakupan.mark_hidden_rows(_areas(("a", "A", 100, 50, 50, 0, 50, 50.0), ("b", "B", 3, 1, 2, 0, 1, 33.3),
                                   ("c", "C", 40, 20, 20, 0, 20, 50.0)), k=5)
    assert table["disembunyikan"].tolist() == [False, True, True]
    shown = cakupan.display_table(table, "id", k=5)
    assert shown.iloc[1, 2:].tolist() == ["<5"] * 6 and shown.iloc[2, 2:].tolist() == ["<5"] * 6
    assert shown.iloc[0, 2] == "100"


def test_internal_mode_keeps_full_numbers():
    table = cakupan.mark_hidden_rows(_areas(("b", "B", 3, 1, 2, 0, 1, 33.3)), k=None)
    assert not table["disembunyikan"].any()
    assert cakupan.display_table(table, "id").iloc[0, 2] == 3


def test_headline_texts_hide_small_counts_and_their_rate():
    small = cakupan.Headline(households=40, reached=3, recipients=3, excluded=37, included=0, coverage=7.5,
                             budget=None, spent=None)
    public = cakupan.headline_texts(small, 5, "id")
    assert public["cakupan.reached"] == "<5" and public["cakupan.coverage"] == "–"
    assert public["cakupan.households"] == "40" and public["cakupan.included"] == "0"
    assert cakupan.headline_texts(small, None, "id")["cakupan.reached"] == "3"
