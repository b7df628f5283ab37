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


def _coverage_by_group_by(rows: pd.DataFrame, programme: str, level: str, deciles: list[int]) -> pd.DataFrame:
    """The measures written the plain pandas way, as the oracle of the array implementation."""
    selected = rows[rows["program"] == programme]
    eligible = selected["desil"].isin(deciles)
    parts = selected.assign(
        kode=targeting.area_code(selected["kode_wilayah"], level),
        layak=selected["rumah_tangga"].where(eligible, 0),
        penerima_layak=selected["penerima"].where(eligible, 0),
        inklusi=selected["penerima"].where(selected["desil"] >= 6, 0),
    )
    totals = parts.groupby(["tahun", "kode"], as_index=False)[["layak", "penerima_layak", "penerima", "inklusi"]].sum()
    return totals.assign(cakupan=100 * totals["penerima_layak"] / totals["layak"].where(totals["layak"] > 0),
                         eksklusi=(totals["layak"] - totals["penerima_layak"]).clip(lower=0))


@pytest.mark.parametrize("level", targeting.AREA_LEVELS)
@pytest.mark.parametrize("deciles", [[1], [1, 2, 3, 4], [3, 7, 10], list(range(1, 11))])
def test_the_cube_agrees_with_a_plain_group_by_on_the_shipped_rows(store, level, deciles):
    rows = store.programme_rows()
    for programme in ("PKH", "BLT_DD", "RTLH"):  # BLT-DD skips the kelurahan: areas without rows stay out
        expected = _coverage_by_group_by(rows, programme, level, deciles)
        pd.testing.assert_frame_equal(targeting.coverage_by_year(rows, programme, level, deciles), expected,
                                      check_dtype=False)


def test_a_cube_narrowed_to_an_area_and_its_deciles():
    cube = targeting.Cube.of(ROWS[ROWS["program"] == "PKH"])
    one = cube.within("64.08.04.2002")
    assert one.desa.tolist() == ["64.08.04.2002"]
    households, recipients = one.by_decile(2024)
    assert households.tolist() == [10, 0, 0, 0, 0, 90, 0, 0, 0, 0] and recipients.tolist()[0] == 10
    assert cube.by_decile(1999)[0].sum() == 0
    assert cube.within("64.08.09").measures("kabupaten", [1]).empty


def test_a_cubes_budget_sources_and_demo_status_per_year():
    pkh = ROWS[ROWS["program"] == "PKH"].assign(
        anggaran_rp=[1000.0, None, None, 500.0, None, None], realisasi_rp=None,
        sumber=["https://a", "https://a", "https://a", "https://b", "https://b", "https://b"],
        status=["resmi", "resmi", "resmi", "contoh", "contoh", "contoh"],
    )
    cube = targeting.Cube.of(pkh)
    assert cube.money(2024) == (1500, None)  # no spending given anywhere: unknown, not 0
    assert cube.within("64.08.04.2001").money(2024) == (1000, None)
    assert cube.money(2023) == (None, None)
    # the rows behind a selection, once per desa and year, for `lib.core.provenance.of`
    assert cube.shown_rows(2024)[["kode_wilayah", "sumber", "status"]].values.tolist() == [
        ["64.08.04.2001", "https://a", "resmi"], ["64.08.04.2002", "https://b", "contoh"]]
    assert cube.within("64.08.04.2001").shown_rows(2024)["sumber"].tolist() == ["https://a"]
    assert cube.shown_rows(2023).empty and len(cube.shown_rows()) == 2
