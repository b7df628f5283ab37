"""Slide titles that state the finding, on crafted tables: all improved, all worsened, ties."""

import pandas as pd

from lib.content import findings
from lib.core import fmt


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
    assert fmt.short_name("Program Keluarga Harapan (PKH)") == "PKH"
    assert fmt.short_name("BLT Dana Desa") == "BLT Dana Desa"
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


def test_reach_names_the_lowest_areas_and_says_the_coverage_alone_without_two_different_areas():
    table = pd.DataFrame({"nama": ["A", "B", "C", "D"], "cakupan": [8.1, 30.0, 8.1, None]})
    assert findings.reach("PKH", "20,4 %", table, percent, "id") == "PKH menjangkau 20,4 % sasaran; terendah di A dan C (8,1 %)"
    assert findings.reach("PKH", "20.4 %", table.iloc[1:2], percent, "en") == "PKH reaches 20.4 % of its target"
    flat = pd.DataFrame({"nama": ["A", "B"], "cakupan": [0.0, 0.0]})
    assert findings.reach("PKH", "0,0 %", flat, percent, "id") == "PKH menjangkau 0,0 % sasaran"
    assert findings.reach("PKH", "0,0 %", table.iloc[:0], percent, "id") == "PKH menjangkau 0,0 % sasaran"
    assert findings.reach("PKH", None, table, percent, "id") is None  # no target households: no coverage to state
    # Areas that read the same as the lowest are named with it; more than three are counted.
    near = pd.DataFrame({"nama": ["A", "B", "C"], "cakupan": [0.04, 0.01, 5.0]})
    assert findings.reach("RTLH", "0,4 %", near, percent, "id") == "RTLH menjangkau 0,4 % sasaran; terendah di A dan B (0,0 %)"
    many = pd.DataFrame({"nama": list("ABCDE"), "cakupan": [0.0, 0.0, 0.0, 0.0, 5.0]})
    assert findings.reach("RTLH", "1.0 %", many, percent, "en") == "RTLH reaches 1.0 % of its target; lowest in 4 areas (0,0 %)"


def test_largest_exclusion_names_ties_a_single_area_and_no_exclusion():
    table = pd.DataFrame({"nama": ["A", "B", "C"], "eksklusi": [30, 9025, 12]})
    assert findings.largest_exclusion(table, "PKH", str, "id") == "Eksklusi PKH terbesar di B: 9025 rumah tangga"
    tied = pd.DataFrame({"nama": ["A", "B", "C"], "eksklusi": [50, 50, 12]})
    assert findings.largest_exclusion(tied, "PKH", str, "en") == "Largest PKH exclusion in A and B: 50 households each"
    assert findings.largest_exclusion(table.iloc[:1], "PKH", str, "id") == "Eksklusi PKH di A: 30 rumah tangga"
    none = pd.DataFrame({"nama": ["A", "B"], "eksklusi": [0, 0]})
    assert findings.largest_exclusion(none, "PKH", str, "id") == "PKH: semua rumah tangga sasaran menerima"
    assert findings.largest_exclusion(table.iloc[:0], "PKH", str, "id") is None
    many = pd.DataFrame({"nama": list("ABCD"), "eksklusi": [7, 7, 7, 7]})
    assert findings.largest_exclusion(many, "PKH", str, "id") == "Eksklusi PKH terbesar di 4 wilayah: masing-masing 7 rumah tangga"


def test_decile_spread_names_the_highest_and_lowest_deciles_with_ties():
    table = pd.DataFrame({"desil": range(1, 6), "persen": [24.5, 20.0, None, 0.14, 0.06]})
    assert (findings.decile_spread(table, "Cakupan PKH", percent, "id")  # 0,14 and 0,06 both read 0,1 %
            == "Cakupan PKH tertinggi di desil 1 (24,5 %), terendah di desil 4 dan 5 (0,1 %)")
    flat = pd.DataFrame({"desil": [1, 2], "persen": [0.0, 0.0]})
    assert findings.decile_spread(flat, "Cakupan PKH", percent, "id") == "Cakupan PKH sama di semua desil (0,0 %)"
    assert findings.decile_spread(table.iloc[1:3], "PKH coverage", percent, "en") == "PKH coverage in decile 2: 20,0 %"
    assert findings.decile_spread(table.iloc[2:3], "Cakupan PKH", percent, "id") is None  # no decile with a rate
