import math

import pandas as pd
import pytest

from lib.analysis import targeting

# Two desa in one kecamatan, three deciles shown (others zero), year 2024, one programme.
ROWS = pd.DataFrame(
    [
        # kode_wilayah, tahun, program, desil, rumah_tangga, penerima
        ("64.08.04.2001", 2024, "PKH", 1, 100, 60),
        ("64.08.04.2001", 2024, "PKH", 2, 50, 20),
        ("64.08.04.2001", 2024, "PKH", 6, 50, 5),
        ("64.08.04.2002", 2024, "PKH", 1, 10, 10),
        ("64.08.04.2002", 2024, "PKH", 2, 0, 0),
        ("64.08.04.2002", 2024, "PKH", 6, 90, 0),
        ("64.08.04.2001", 2024, "PIP", 1, 100, 30),
        ("64.08.04.2001", 2024, "PIP", 2, 50, 0),
        ("64.08.04.2001", 2024, "PIP", 6, 50, 0),
        ("64.08.04.2002", 2024, "PIP", 1, 10, 0),
        ("64.08.04.2002", 2024, "PIP", 2, 0, 0),
        ("64.08.04.2002", 2024, "PIP", 6, 90, 0),
    ],
    columns=["kode_wilayah", "tahun", "program", "desil", "rumah_tangga", "penerima"],
)


def test_area_code_per_level():
    codes = pd.Series(["64.08.04.2001"])
    assert targeting.area_code(codes, "kecamatan").item() == "64.08.04"
    assert targeting.area_code(codes, "kabupaten").item() == "64.08"
    with pytest.raises(ValueError, match="unknown area level"):
        targeting.area_code(codes, "provinsi")


def test_decile_share_counts_households_once_and_sums_before_dividing():
    desa = targeting.decile_share(ROWS, 2024, "desa", range(1, 3)).set_index("kode")
    assert desa.loc["64.08.04.2001", "rumah_tangga_desil"] == 150
    assert desa.loc["64.08.04.2001", "persen"] == pytest.approx(75.0)
    assert desa.loc["64.08.04.2002", "persen"] == pytest.approx(10.0)
    kecamatan = targeting.decile_share(ROWS, 2024, "kecamatan", range(1, 3)).set_index("kode")
    assert kecamatan.loc["64.08.04", "persen"] == pytest.approx(160 / 300 * 100)  # not (75 + 10) / 2


def test_coverage_exclusion_inclusion_by_hand():
    result = targeting.coverage(ROWS, "PKH", 2024, "desa", range(1, 5)).set_index("kode")
    first = result.loc["64.08.04.2001"]
    assert (first["layak"], first["penerima_layak"], first["penerima"], first["inklusi"]) == (150, 80, 85, 5)
    assert first["cakupan"] == pytest.approx(80 / 150 * 100)
    assert first["eksklusi"] == 70
    second = result.loc["64.08.04.2002"]
    assert second["cakupan"] == pytest.approx(100.0) and second["eksklusi"] == 0
    kecamatan = targeting.coverage(ROWS, "PKH", 2024, "kecamatan", range(1, 5)).set_index("kode")
    assert kecamatan.loc["64.08.04", "cakupan"] == pytest.approx(90 / 160 * 100)


def test_zero_eligible_households_has_no_rate():
    rows = ROWS.assign(rumah_tangga=ROWS["rumah_tangga"].where(ROWS["desil"] == 6, 0), penerima=0)
    result = targeting.coverage(rows, "PKH", 2024, "desa", range(1, 5))
    assert result["cakupan"].isna().all()
    assert (result["eksklusi"] == 0).all()


def test_empty_selection_gives_an_empty_table():
    result = targeting.coverage(ROWS, "PKH", 1999, "desa", range(1, 5))
    assert result.empty and "cakupan" in result.columns


def test_demo_pkh_2021_matches_the_published_kecamatan_counts(store):
    rows = store.programme_rows(years=[2021])
    result = targeting.coverage(rows, "PKH", 2021, "kecamatan", range(1, 5)).set_index("kode")
    assert result["penerima"].sum() == 9492
    assert result.loc["64.08.01", "penerima"] == 1070
    assert not math.isnan(result.loc["64.08.01", "cakupan"])
