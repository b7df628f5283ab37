"""Tables of the Kelola Data page (lib/content/kelola.py)."""

import datetime as dt

import pandas as pd

from lib.content import kelola
from lib.ingest.publishing import difference
from lib.ingest.rules import INDICATOR_VALUES

RELEASES = pd.DataFrame({
    "id": [4, 3, 2, 1],
    "dataset": ["nilai", "program", "nilai", "target"],
    "dibuat_pada": [dt.datetime(2026, 11, 28, 1, 5, tzinfo=dt.UTC)] * 4,
    "oleh": ["bappeda", "sistem", "sistem", "sistem"],
    "nama_berkas": ["rekap.xlsx", None, "a.csv", "t.csv"],
    "sha256": ["ab" * 32, None, "cd" * 32, None],
    "jumlah_baris": [10, 20, 9, 8],
    "catatan": ["uji", None, None, None],
})


def test_history_marks_the_release_in_force_per_dataset_in_local_time():
    table = kelola.history(RELEASES)
    assert table["Berlaku"].tolist() == ["ya", "ya", "", "ya"]
    assert table["Waktu"].iloc[0] == "28 November 2026 09.05 WITA"
    assert table["SHA-256"].tolist()[:2] == ["abababababab…", ""]
    assert table["Data"].iloc[0] == "Nilai indikator"


def test_only_releases_not_in_force_can_be_restored():
    assert kelola.rollback_choices(RELEASES) == [2]
    with_actions = pd.concat([RELEASES.head(1).assign(id=[6], dataset=["aksi"]),
                              RELEASES.head(1).assign(id=[5], dataset=["aksi"]), RELEASES], ignore_index=True)
    assert kelola.rollback_choices(with_actions) == [5, 2]  # Rencana Aksi too (rolled back per step, audited)


def test_changes_table_names_areas_and_indicators_and_leaves_a_yearly_month_empty():
    before = pd.DataFrame({"kode_wilayah": ["64.08"], "indikator": ["p0"], "tahun": [2025], "bulan": pd.array([None], dtype="Int64"),
                           "nilai": [8.07], "sumber": ["s"], "status": ["resmi"], "catatan": [None]})
    after = before.assign(nilai=7.77)
    table = kelola.changes_table(difference(INDICATOR_VALUES, before, after), {"64.08": "Kutai Timur"}, {"p0": "P0"})
    assert table[["Kode", "Wilayah", "Indikator", "Tahun", "Bulan", "Sebelum", "Sesudah", "Selisih"]].values.tolist() == [
        ["64.08", "Kutai Timur", "P0", 2025, "", 8.07, 7.77, -0.3]]


def test_the_rollback_picker_names_number_dataset_time_who_and_file():
    labels = kelola.rollback_labels(RELEASES)
    assert labels[2] == "Rilis 2 · Nilai indikator · 28 November 2026 09.05 WITA · sistem · a.csv"
    assert labels[3].endswith("· sistem · tanpa berkas")


def test_warnings_table_names_the_area_and_the_figure():
    found = pd.DataFrame({"peringatan": ["Turun lebih dari separuh"], "kode_wilayah": ["64.08.04.1010"], "indikator": [None],
                          "program": ["PBI_JK"], "ukuran": [None], "tahun": [2025], "desil": [5], "kolom": ["penerima"],
                          "sebelum": [957], "sesudah": [1]})
    table = kelola.warnings_table(found, {"64.08.04.1010": "Teluk Lingga"}, {})
    assert table.values.tolist() == [["Turun lebih dari separuh", "Teluk Lingga", "64.08.04.1010", "PBI_JK", 2025, 5,
                                      "penerima", 957, 1]]


def test_aliases_table_shows_who_and_when_and_marks_the_shipped_ones():
    aliases = pd.DataFrame({"alias": ["kongbeng", "sangata utra"], "kode": ["64.08.08", "64.08.04"],
                            "catatan": [None, "dikonfirmasi oleh bappeda"], "oleh": [None, "bappeda"],
                            "dibuat_pada": [None, dt.datetime(2026, 11, 28, 1, 5, tzinfo=dt.UTC)]})
    table = kelola.aliases_table(aliases, {"64.08.04": "kecamatan Sangatta Utara (64.08.04)"})
    assert table[["Ejaan", "Oleh", "Waktu"]].values.tolist() == [
        ["sangata utra", "bappeda", "28 November 2026 09.05 WITA"], ["kongbeng", "(bawaan)", ""]]


def test_a_recap_release_and_its_totals_and_warnings_are_named_in_indonesian():
    releases = RELEASES.assign(dataset=["penerima", "program", "nilai", "target"])
    assert kelola.history(releases)["Data"].iloc[0] == "Penerima tanpa desil"
    assert "Penerima tanpa desil" in kelola.rollback_labels(releases)[4]
    totals = pd.DataFrame({"program": ["PKH", "PKH"], "tahun": [2025, 2025], "ukuran": ["penerima", "bantuan_rp"],
                           "kecamatan": ["64.08.08", "64.08.08"], "nilai_sebelum": [0.0, 0.0],
                           "nilai_sesudah": [205.0, 1.5e8]})
    shown = kelola.totals_table(totals, {"64.08.08": "Kongbeng"}, {})
    assert shown[["Ukuran", "Kecamatan"]].values.tolist() == [["Jumlah penerima", "Kongbeng"], ["Bantuan (Rp)", "Kongbeng"]]
    found = pd.DataFrame({"peringatan": ["Turun lebih dari separuh"], "kode_wilayah": ["64.08.08.2007"],
                          "indikator": [None], "program": ["PKH"], "ukuran": ["penerima"], "tahun": [2025],
                          "desil": [None], "kolom": ["nilai"], "sebelum": [120.0], "sesudah": [12.0]})
    table = kelola.warnings_table(found, {"64.08.08.2007": "Miau Baru"}, {})
    assert table[["Wilayah", "Indikator/program", "Ukuran", "Sebelum", "Sesudah"]].values.tolist() == [
        ["Miau Baru", "PKH", "Jumlah penerima", 120.0, 12.0]]
    assert "Desil" not in table
