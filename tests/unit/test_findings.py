"""Slide titles that state the finding, on crafted tables: all improved, all worsened, ties."""

import pandas as pd

from lib.content import findings


def percent(value: float) -> str:
    return f"{value:.1f} %".replace(".", ",")


def test_change_says_which_way_and_keeps_the_level_without_a_comparison():
    subject = findings.subject("persentase_penduduk_miskin_P0", "P0", "Kutim", "id")
    assert subject == "Kemiskinan Kutim"
    assert findings.change(subject, 8.07, 8.81, "8,07 %", "2025", "id") == "Kemiskinan Kutim turun ke 8,07 % pada 2025"
    assert findings.change(subject, 9.0, 8.81, "9,00 %", "2025", "id") == "Kemiskinan Kutim naik ke 9,00 % pada 2025"
    assert findings.change(subject, 8.81, 8.81, "8,81 %", "2025", "id") == "Kemiskinan Kutim tetap 8,81 % pada 2025"
    assert findings.change(subject, 8.81, None, "8,81 %", "2025", "id") == "Kemiskinan Kutim: 8,81 % pada 2025"
    assert findings.subject("ipm", "Indeks Pembangunan Manusia (IPM)", "Kabupaten Kutai Timur", "id") == "IPM Kutai Timur"
    assert findings.short_name("Program Keluarga Harapan (PKH)") == "PKH"
    assert findings.short_name("BLT Dana Desa") == "BLT Dana Desa"
    assert findings.change("Poverty in Kutim", 8.07, 8.81, "8.07 %", "2025", "en") == "Poverty in Kutim fell to 8.07 % in 2025"


def test_the_highest_area_names_ties_together_and_an_all_equal_map_says_so():
    table = pd.DataFrame({"nama": ["A", "B", "C", "D"], "nilai": [20.0, 20.0, 10.0, None]})
    assert findings.extremes(table, "Desil 1–2", percent, "id") == "Desil 1–2 tertinggi di A dan B (20,0 %)"
    flat = pd.DataFrame({"nama": ["A", "B"], "nilai": [5.0, 5.0]})
    assert findings.extremes(flat, "Desil 1–2", percent, "id") == "Desil 1–2 sama di semua wilayah (5,0 %)"
    assert findings.extremes(table.iloc[:0], "x", percent, "id") is None


def test_rank_counts_from_the_worst_and_ties_share_a_rank():
    table = pd.DataFrame({"kode": ["k1", "k2", "k3", "k4"], "nama": ["A", "B", "Kabupaten Kutai Timur", "D"],
                          "nilai": [12.0, 9.0, 9.0, 5.0]})
    assert findings.rank(table, "k3", percent, True, "id") == "Kutai Timur urutan ke-2 terburuk dari 4 wilayah (9,0 %)"
    assert findings.rank(table, "k2", percent, True, "id").startswith("B urutan ke-2")
    # Where higher is better, the worst is the lowest.
    assert findings.rank(table, "k4", percent, False, "id").startswith("D urutan ke-1")
    assert findings.rank(table, "zz", percent, True, "id") is None


def test_largest_gap_names_the_total_and_the_areas_with_most():
    table = pd.DataFrame({"nama": ["A", "B", "C"], "eksklusi": [30, 50, 50]})
    assert findings.largest_gap(table, "PKH", str, "id") == "PKH: 130 sasaran belum menerima; terbanyak B dan C"
    reached = pd.DataFrame({"nama": ["A"], "eksklusi": [0]})
    assert findings.largest_gap(reached, "PKH", str, "id") == "PKH: semua rumah tangga sasaran menerima"


def test_since_last_meeting_all_improved_all_worsened_and_some():
    assert findings.since_last_meeting(0, 18, 18, 2024, "id") == "Semua 18 kecamatan membaik sejak 2024"
    assert findings.since_last_meeting(0, 15, 18, 2024, "id") == "Tidak ada kecamatan yang memburuk sejak 2024"
    assert findings.since_last_meeting(18, 0, 18, 2024, "id") == "Semua 18 kecamatan memburuk sejak 2024"
    assert findings.since_last_meeting(5, 13, 18, 2024, "en") == "5 of 18 kecamatan got worse since 2024"


def test_lowest_coverage_of_an_area_names_the_programme():
    table = pd.DataFrame({"nama": ["Program Keluarga Harapan (PKH)", "Program Indonesia Pintar (PIP)", "X"],
                          "cakupan": [80.0, 45.2, None]})
    assert findings.lowest_coverage("Bengalon", table, percent, "id") == "Bengalon: cakupan terendah pada PIP (45,2 %)"
    assert findings.lowest_coverage("Bengalon", table.iloc[2:], percent, "id") is None
