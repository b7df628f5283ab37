"""The next release of a dataset from an upload, and what it changes (lib/ingest/publishing.py)."""

import pandas as pd
import pytest

from lib.core.wilayah import AreaRegistry
from lib.ingest.publishing import difference, next_release, period_conflicts, totals, warnings
from lib.ingest.rules import INDICATOR_VALUES, PROGRAMME_AGGREGATES, RECIPIENTS


@pytest.fixture(scope="module")
def areas(store):
    return AreaRegistry(store.areas(), store.aliases())


def values(*rows):
    return pd.DataFrame(
        [{"kode_wilayah": area, "indikator": ind, "tahun": year, "bulan": month, "nilai": value, "sumber": "s",
          "status": "resmi", "catatan": None} for area, ind, year, month, value in rows]
    ).astype({"bulan": "Int64"})


CURRENT = values(("64.08", "p0", 2024, 3, 8.81), ("64.08", "p0", 2025, 3, 8.07), ("64.08.04", "p0", 2025, None, 5.0),
                 ("64.08.01", "p0", 2025, None, 6.0))


def test_update_adds_and_replaces_by_key_and_removes_nothing(areas):
    upload = values(("64.08", "p0", 2025, 3, 7.77), ("64.08", "p0", 2026, 3, 7.5))
    after = next_release(INDICATOR_VALUES, CURRENT, upload, "perbarui", areas)
    assert len(after) == 5
    change = difference(INDICATOR_VALUES, CURRENT, after)
    assert (len(change.added), len(change.changed), len(change.removed), change.unchanged) == (1, 1, 0, 3)
    assert change.changed[["sebelum", "sesudah"]].values.tolist() == [[8.07, 7.77]]
    assert change.changed["selisih"].round(2).tolist() == [-0.3]


def test_replace_removes_rows_the_file_covers_but_lacks(areas):
    # The file holds 2025 P0 for one kecamatan: the other kecamatan's 2025 P0 goes, the regency's stays
    # (another area level), and 2024 stays (another year).
    upload = values(("64.08.04", "p0", 2025, None, 4.5))
    after = next_release(INDICATOR_VALUES, CURRENT, upload, "ganti", areas)
    change = difference(INDICATOR_VALUES, CURRENT, after)
    assert change.removed["kode_wilayah"].tolist() == ["64.08.01"]
    assert change.changed["kode_wilayah"].tolist() == ["64.08.04"]
    assert sorted(after["kode_wilayah"]) == ["64.08", "64.08", "64.08.04"]


def test_a_change_of_source_alone_is_a_change(areas):
    upload = values(("64.08", "p0", 2024, 3, 8.81)).assign(sumber="lain")
    change = difference(INDICATOR_VALUES, CURRENT, next_release(INDICATOR_VALUES, CURRENT, upload, "perbarui", areas))
    assert len(change.changed) == 1 and change.changed["selisih"].tolist() == [0.0]


def test_same_file_twice_changes_nothing(areas):
    after = next_release(INDICATOR_VALUES, CURRENT, CURRENT.head(2), "perbarui", areas)
    assert difference(INDICATOR_VALUES, CURRENT, after).empty


def test_largest_programme_changes_come_first(store, areas):
    current = store.current_rows("program")
    year = int(current["tahun"].max())
    upload = current[(current["tahun"] == year) & (current["program"] == "PKH")].head(3).copy()
    upload["penerima"] = upload["penerima"] + [1, 30, 5]
    upload["rumah_tangga"] = upload[["rumah_tangga", "penerima"]].max(axis=1)
    change = difference(PROGRAMME_AGGREGATES, current, next_release(PROGRAMME_AGGREGATES, current, upload, "perbarui", areas))
    assert change.changed["selisih"].tolist() == [30, 5, 1]
    assert not change.removed.size


def test_unknown_mode_is_refused(areas):
    with pytest.raises(ValueError):
        next_release(INDICATOR_VALUES, CURRENT, CURRENT, "hapus", areas)


def test_a_month_for_a_yearly_figure_is_refused_and_the_reverse(areas):
    upload = values(("64.08.04", "p0", 2025, 3, 4.5), ("64.08", "p0", 2024, None, 8.8), ("64.08", "p0", 2026, 3, 7.0))
    upload.index = [5, 6, 7]  # spreadsheet rows
    found = period_conflicts(INDICATOR_VALUES, CURRENT, upload)
    assert [(p.baris, p.kolom, p.nilai) for p in found] == [(5, "bulan", "3"), (6, "bulan", None)]
    assert period_conflicts(INDICATOR_VALUES, CURRENT, CURRENT) == []


def test_a_household_list_replaces_its_desa_only(store, areas):
    from lib.ingest.rules import HOUSEHOLD_LIST

    current = store.current_rows("program")
    desa, year = "64.08.08.2007", int(current["tahun"].max())
    # The list has households in deciles 1 and 3 of one desa: its other deciles for PKH that year are gone,
    # every other desa and programme stays.
    upload = current[(current["kode_wilayah"] == desa) & (current["tahun"] == year) & (current["program"] == "PKH")
                     & current["desil"].isin([1, 3])].assign(rumah_tangga=2, penerima=1)
    after = next_release(HOUSEHOLD_LIST, current, upload, "ganti", areas)
    change = difference(HOUSEHOLD_LIST, current, after)
    assert set(change.removed["kode_wilayah"]) == {desa} and set(change.removed["program"]) == {"PKH"}
    assert set(change.removed["desil"]) == set(range(1, 11)) - {1, 3}
    assert len(after) == len(current) - len(change.removed)


def programme(*rows):
    return pd.DataFrame(
        [{"kode_wilayah": area, "tahun": year, "program": prog, "desil": decile, "rumah_tangga": households,
          "penerima": recipients, "anggaran_rp": None, "realisasi_rp": None, "pelaksana": "Dinsos", "status": "resmi",
          "sumber": "s"} for area, year, prog, decile, households, recipients in rows])


TELUK_LINGGA = "64.08.04.1010"
PROGRAMMES = programme((TELUK_LINGGA, 2025, "PBI_JK", 5, 1200, 957), (TELUK_LINGGA, 2025, "PBI_JK", 4, 800, 500),
                       ("64.08.04.1001", 2025, "PBI_JK", 5, 300, 100), (TELUK_LINGGA, 2024, "PBI_JK", 5, 1200, 950))


def test_pbi_jk_teluk_lingga_decile_5_falling_from_957_to_1_is_a_warning(areas):
    upload = programme((TELUK_LINGGA, 2025, "PBI_JK", 5, 1200, 1))
    after = next_release(PROGRAMME_AGGREGATES, PROGRAMMES, upload, "perbarui", areas)
    found = warnings(PROGRAMME_AGGREGATES, PROGRAMMES, after)
    assert found[["peringatan", "kode_wilayah", "program", "desil", "kolom", "sebelum", "sesudah"]].values.tolist() == [
        ["Turun lebih dari separuh", TELUK_LINGGA, "PBI_JK", 5, "penerima", 957, 1]]


def test_a_small_test_list_replacing_every_desa_gets_warnings_and_a_desa_disappearing_too(areas):
    # A household list of a few test households per desa: every count falls far below what is published.
    upload = programme((TELUK_LINGGA, 2025, "PBI_JK", 5, 14, 9), (TELUK_LINGGA, 2025, "PBI_JK", 4, 13, 2),
                       ("64.08.04.1001", 2025, "PBI_JK", 5, 12, 3))
    after = next_release(PROGRAMME_AGGREGATES, PROGRAMMES, upload, "perbarui", areas)
    found = warnings(PROGRAMME_AGGREGATES, PROGRAMMES, after)
    assert len(found) == 6 and set(found["peringatan"]) == {"Turun lebih dari separuh"}
    # Replacing 2025 with a file without 64.08.04.1001: that desa's PBI-JK figures disappear.
    after = next_release(PROGRAMME_AGGREGATES, PROGRAMMES, upload.iloc[:2], "ganti", areas)
    gone = warnings(PROGRAMME_AGGREGATES, PROGRAMMES, after)
    assert gone.loc[gone["peringatan"] == "Wilayah ini tidak lagi punya angka",
                    ["kode_wilayah", "program", "tahun", "sebelum"]].values.tolist() == [["64.08.04.1001", "PBI_JK", 2025, 100]]


def test_small_counts_and_ordinary_changes_get_no_warning(areas):
    current = programme((TELUK_LINGGA, 2025, "PKH", 1, 8, 3))
    upload = programme((TELUK_LINGGA, 2025, "PKH", 1, 8, 1))  # 3 -> 1: chance, not a wrong file
    assert warnings(PROGRAMME_AGGREGATES, current, next_release(PROGRAMME_AGGREGATES, current, upload, "perbarui", areas)).empty
    assert warnings(INDICATOR_VALUES, CURRENT, next_release(
        INDICATOR_VALUES, CURRENT, values(("64.08", "p0", 2025, 3, 7.77)), "perbarui", areas)).empty


def test_a_value_jumping_by_more_than_half_and_recipients_above_households_are_warnings(areas):
    jump = next_release(INDICATOR_VALUES, CURRENT, values(("64.08", "p0", 2025, 3, 14.0)), "perbarui", areas)
    assert warnings(INDICATOR_VALUES, CURRENT, jump)["peringatan"].tolist() == ["Naik lebih dari 50 %"]
    # Another kind of file may bring recipients above households; rows already published so are not this file's.
    above = programme((TELUK_LINGGA, 2026, "PKH", 1, 10, 12))
    after = next_release(PROGRAMME_AGGREGATES, PROGRAMMES, above, "perbarui", areas)
    assert warnings(PROGRAMME_AGGREGATES, PROGRAMMES, after)["peringatan"].tolist() == [
        "Penerima lebih banyak dari rumah tangga"]


def test_totals_before_and_after_per_programme_year_and_kecamatan(areas):
    upload = programme((TELUK_LINGGA, 2025, "PBI_JK", 5, 1200, 1))
    after = next_release(PROGRAMME_AGGREGATES, PROGRAMMES, upload, "perbarui", areas)
    table = totals(PROGRAMME_AGGREGATES, PROGRAMMES, after, upload)
    # Only what the file touches (PBI-JK 2025), summed per kecamatan.
    assert table.to_dict(orient="records") == [
        {"program": "PBI_JK", "tahun": 2025, "kecamatan": "64.08.04", "rumah_tangga_sebelum": 2300,
         "penerima_sebelum": 1557, "rumah_tangga_sesudah": 2300, "penerima_sesudah": 601}]


def test_totals_per_indicator_and_year(areas):
    upload = values(("64.08.04", "p0", 2025, None, 4.5), ("64.08.02", "p0", 2025, None, 3.0))
    after = next_release(INDICATOR_VALUES, CURRENT, upload, "perbarui", areas)
    table = totals(INDICATOR_VALUES, CURRENT, after, upload)
    assert table.to_dict(orient="records") == [{"indikator": "p0", "tahun": 2025, "wilayah_sebelum": 3,
                                                "nilai_sebelum": 19.07, "wilayah_sesudah": 4, "nilai_sesudah": 21.57}]


def recap(*rows):
    return pd.DataFrame(
        [{"kode_wilayah": area, "tahun": 2025, "program": "PKH", "nama_program": "PKH", "ukuran": measure,
          "nilai": value, "satuan": "KK", "sumber": "s", "status": "data_opd", "catatan": None}
         for area, measure, value in rows])


MIAU_BARU, KOMBENG_INDAH, TELUK_LINGGA_RECAP = "64.08.08.2007", "64.08.08.2006", "64.08.04.1010"
RECAP = recap((MIAU_BARU, "penerima", 120), (KOMBENG_INDAH, "penerima", 85), (MIAU_BARU, "bantuan_rp", 9e7),
              ("64.08", "keluarga_penerima", 9000))


def test_recap_totals_are_per_programme_year_measure_and_kecamatan(areas):
    upload = recap((MIAU_BARU, "penerima", 130), (TELUK_LINGGA_RECAP, "penerima", 40))
    after = next_release(RECIPIENTS, RECAP, upload, "perbarui", areas)
    found = totals(RECIPIENTS, RECAP, after, upload)
    assert found[["program", "tahun", "ukuran", "kecamatan", "nilai_sebelum", "nilai_sesudah"]].values.tolist() == [
        ["PKH", 2025, "penerima", "64.08.04", 0, 40], ["PKH", 2025, "penerima", "64.08.08", 205, 215]]


def test_recap_warnings_name_a_fall_and_a_desa_losing_its_count(areas):
    upload = recap((MIAU_BARU, "penerima", 12))  # 120 -> 12; in `ganti`, Kombeng Indah's count goes
    after = next_release(RECIPIENTS, RECAP, upload, "ganti", areas)
    found = warnings(RECIPIENTS, RECAP, after)
    assert found[["peringatan", "kode_wilayah", "ukuran", "sebelum", "sesudah"]].values.tolist() == [
        ["Turun lebih dari separuh", MIAU_BARU, "penerima", 120, 12],
        ["Wilayah ini tidak lagi punya angka", KOMBENG_INDAH, "penerima", 85, None]]
    # The Rupiah and the Kutim count of another measure are another scope: untouched, unwarned.
    assert len(after) == 3
