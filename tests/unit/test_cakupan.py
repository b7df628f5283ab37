import io

import pandas as pd
import pytest

from lib import cakupan
from lib.cakupan import Selection
from lib.exports import to_xlsx_bytes
from tests.unit.test_programs import ROWS

BUDGET_ROWS = ROWS.assign(anggaran_rp=pd.NA, realisasi_rp=pd.NA, sumber="x", status="contoh")


def test_headline_of_one_kecamatan_by_hand():
    result = cakupan.headline(BUDGET_ROWS, Selection("PKH", 2024, "64.08.04", (1, 2, 3, 4)))
    assert (result.households, result.reached, result.recipients, result.excluded, result.included) == (160, 90, 95, 70, 5)
    assert result.coverage == pytest.approx(90 / 160 * 100)
    assert result.budget is None and result.realisation is None


def test_headline_of_one_desa_and_of_an_empty_selection():
    one = cakupan.headline(BUDGET_ROWS, Selection("PKH", 2024, "64.08.04.2002", (1, 2, 3, 4)))
    assert (one.households, one.reached, one.coverage) == (10, 10, 100.0)
    empty = cakupan.headline(BUDGET_ROWS, Selection("PKH", 1999, "64.08", (1,)))
    assert empty.households == 0 and empty.coverage is None


def test_budget_realisation():
    rows = BUDGET_ROWS.assign(anggaran_rp=1000, realisasi_rp=900)
    result = cakupan.headline(rows, Selection("PKH", 2024, "64.08", (1, 2, 3, 4)))
    assert result.budget == 6000 and result.spent == 5400 and result.realisation == pytest.approx(90.0)


def test_by_decile_covers_all_ten_deciles_and_marks_the_target():
    table = cakupan.by_decile(BUDGET_ROWS, Selection("PKH", 2024, "64.08", (1, 2)))
    assert table["desil"].tolist() == list(range(1, 11))
    assert table.loc[0, "persen"] == pytest.approx(70 / 110 * 100)
    assert table["sasaran"].tolist()[:3] == [True, True, False]
    assert pd.isna(table.loc[4, "persen"])  # no households in decile 5: no rate, not 0 %


def test_by_area_is_sorted_by_exclusion():
    table = cakupan.by_area(BUDGET_ROWS, Selection("PKH", 2024, "64.08.04", (1, 2, 3, 4)), {"64.08.04.2001": "A", "64.08.04.2002": "B"})
    assert table["nama"].tolist() == ["A", "B"] and table["eksklusi"].tolist() == [70, 0]


def test_trend_has_one_row_per_year():
    two_years = pd.concat([BUDGET_ROWS, BUDGET_ROWS.assign(tahun=2025, penerima=0)])
    table = cakupan.trend(two_years, Selection("PKH", 2024, "64.08", (1, 2, 3, 4)))
    assert table["tahun"].tolist() == [2024, 2025] and table["cakupan"].tolist()[1] == 0


def test_empty_decile_choice_falls_back_to_the_rule():
    assert cakupan.normalise_deciles([], (1, 2, 3, 4)) == (1, 2, 3, 4)
    assert cakupan.normalise_deciles([3, 1, 3], (1, 2, 3, 4)) == (1, 3)


def test_excel_download_keeps_numbers_and_neutralises_formulas():
    frame = pd.DataFrame({"Wilayah": ["=cmd()", "Bengalon"], "Rumah tangga": [12, 7]})
    read = pd.read_excel(io.BytesIO(to_xlsx_bytes(frame)))
    assert read["Wilayah"].tolist() == ["'=cmd()", "Bengalon"] and read["Rumah tangga"].tolist() == [12, 7]
