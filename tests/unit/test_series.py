import datetime as dt

import pytest

from lib.analysis import series
from lib.content import findings

KUTIM, KALTIM, INDONESIA = "64.08", "64", "ID"
P0 = "persentase_penduduk_miskin_P0"


def test_headline_is_latest_with_previous_year(values, registry):
    figure = series.headline(values, registry[P0], KUTIM)
    assert (figure.latest.year, figure.latest.value) == (2025, 8.07)
    assert (figure.previous.year, figure.previous.value) == (2024, 8.81)
    assert figure.change == pytest.approx(-0.74)
    assert "katakaltim.com" in figure.latest.source


def test_headline_on_one_method_basis_is_compared(values, registry):
    # BPS's IPM basis changed with the 2023 release (data/reference/perubahan_metode.csv): 2023 and 2024 compare.
    figure = series.headline(values, registry["ipm"], KUTIM)
    assert (figure.latest.year, figure.previous.year) == (2024, 2023)
    assert figure.comparable and figure.change == pytest.approx(figure.latest.value - figure.previous.value)


def test_headline_of_an_area_without_data_is_none(values, registry):
    assert series.headline(values, registry["gini_ratio"], KUTIM) is None


def test_value_for_year_prefers_march_for_semiannual_series(values):
    march = values[(values["kode_wilayah"] == KALTIM) & (values["indikator"] == P0) & (values["tahun"] == 2024)]
    assert set(march["bulan"].dropna()) == {3, 9}
    chosen = series.value_for_year(values, P0, KALTIM, 2024)
    assert chosen.month == 3
    assert chosen.value == march.loc[march["bulan"] == 3, "nilai"].item()


def test_trend_table_draws_kutim_2010_to_2025(values, registry):
    table = series.trend_table(values, registry[P0], [KUTIM], {KUTIM: "Kutai Timur"}, "id")
    assert table["tahun"].tolist() == list(range(2010, 2026))
    assert table["tanggal"].iloc[0] == dt.date(2010, 3, 1)
    assert table["seri"].unique().tolist() == ["Kutai Timur"]


def test_trend_table_splits_a_method_change_into_two_series(values, registry):
    table = series.trend_table(values, registry["ipm"], [KUTIM], {KUTIM: "Kutai Timur"}, "id")
    by_series = table.groupby("seri")["tahun"].apply(list).to_dict()
    assert by_series == {"Kutai Timur (metode lama)": [2021], "Kutai Timur (metode baru)": [2023, 2024]}
    assert table["metode"].tolist() == [0, 1, 1]


def test_trend_table_keeps_the_requested_area_order(values, registry):
    names = {INDONESIA: "Indonesia", KUTIM: "Kutai Timur"}
    table = series.trend_table(values, registry[P0], [INDONESIA, KUTIM], names, "id")
    assert table["kode_wilayah"].drop_duplicates().tolist() == [INDONESIA, KUTIM]


def test_trend_table_empty_for_no_data(values, registry):
    assert series.trend_table(values, registry["gini_ratio"], [KUTIM], {KUTIM: "Kutai Timur"}, "id").empty


def test_trend_finding_states_the_first_areas_change_as_the_title(values, registry):
    names = {KUTIM: "Kabupaten Kutai Timur", INDONESIA: "Indonesia"}
    table = series.trend_table(values, registry[P0], [KUTIM, INDONESIA], names, "id")
    assert findings.trend(table, registry[P0], "id") == "Kemiskinan Kutai Timur turun ke 8,07 % pada 2025"
    assert findings.trend(table, registry[P0], "en") == "Poverty in Kutai Timur fell to 8.07 % in 2025"


def test_trend_finding_compares_only_within_one_method(values, registry):
    ipm = registry["ipm"]
    table = series.trend_table(values, ipm, [KUTIM], {KUTIM: "Kutai Timur"}, "id")
    first_new = table[table["metode"] == 1].head(1)  # the first point on the new basis has no comparable predecessor
    assert findings.trend(first_new.pipe(lambda t: table.loc[: t.index[0]]), ipm, "id").startswith("IPM Kutai Timur: ")
    assert " ke " in findings.trend(table, ipm, "id")


def test_trend_finding_of_an_empty_table_is_none(values, registry):
    empty = series.trend_table(values, registry["gini_ratio"], [KUTIM], {KUTIM: "Kutai Timur"}, "id")
    assert findings.trend(empty, registry["gini_ratio"], "id") is None
