from dataclasses import replace

import pandas as pd
import pytest

from lib.core.targets import Target, gap_to_target, target_status

COLUMNS = ["indikator", "kode_wilayah", "tahun", "nilai_bawah", "nilai_atas", "dokumen", "sumber"]


def _targets(*rows):
    return pd.DataFrame([["p0", "64.08", year, low, high, "RPJMD", "https://example.org"] for year, low, high in rows], columns=COLUMNS)


@pytest.mark.parametrize(
    ("value", "lower_is_better", "gap"),
    [(8.5, True, 0.5), (7.5, True, 0.0), (6.0, True, 0.0), (6.0, False, 1.0), (9.0, None, 1.0), (6.5, None, 0.5)],
)
def test_gap_to_a_range(value, lower_is_better, gap):
    assert gap_to_target(value, Target("64.08", 2025, 7.0, 8.0, "RKP", ""), lower_is_better) == pytest.approx(gap)


def test_status_in_the_target_year(registry):
    p0 = replace(registry["persentase_penduduk_miskin_P0"], id="p0")
    assert target_status(p0, "64.08", {2025: 8.07}, _targets((2025, 7.0, 8.0))).status == "missed"
    assert target_status(p0, "64.08", {2025: 7.5}, _targets((2025, 7.0, 8.0))).status == "met"
    ahead = target_status(p0, "64.08", {2025: 8.07}, _targets((2029, 4.5, 5.0)))
    assert (ahead.status, ahead.target.year) == ("ahead", 2029) and ahead.gap == pytest.approx(3.07)
    assert target_status(p0, "64.08", {2025: 8.07}, _targets()).status == "none"


def test_past_target_is_judged_with_its_own_year(registry):
    p0 = replace(registry["persentase_penduduk_miskin_P0"], id="p0")
    status = target_status(p0, "64.08", {2024: 7.5, 2025: 8.5}, _targets((2024, 7.0, 8.0)))
    assert (status.status, status.gap) == ("met", 0.0)


def test_kutim_extreme_poverty_target_from_the_published_targets(store, registry):
    status = target_status(registry["tingkat_kemiskinan_ekstrem"], "64.08", {2024: 0.3}, store.targets())
    assert status.status == "missed"
    assert status.target.document == "statement of Bappeda Kutim"
    assert status.gap == pytest.approx(0.3)


def test_no_kutim_poverty_rate_target_is_invented(store, registry):
    assert target_status(registry["persentase_penduduk_miskin_P0"], "64.08", {2025: 8.07}, store.targets()).status == "none"
