"""Checks of the demo dataset in data/demo/ (made by scripts/make_demo_data.py).

The calibration sums are computed here from the CSV files alone, independently of the script.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "data" / "demo"
SCRIPT = ROOT / "scripts" / "make_demo_data.py"
FILES = ("penduduk_desa.csv", "program_desa.csv", "kalibrasi.csv")
YEARS = list(range(2019, 2026))
SUMBER = "DATA CONTOH — bukan data resmi (dibuat untuk peragaan dasbor)"
COLUMNS = {
    "penduduk_desa.csv": "kode_wilayah,tahun,penduduk,rumah_tangga,status,sumber",
    "program_desa.csv": "kode_wilayah,tahun,program,desil,rumah_tangga,penerima,anggaran_rp,"
                        "realisasi_rp,pelaksana,status,sumber",
    "kalibrasi.csv": "kode_wilayah,tahun,ukuran,program,nilai,toleransi,sumber,cara",
}
INTEGER_COLUMNS = {
    "penduduk_desa.csv": ["tahun", "penduduk", "rumah_tangga"],
    "program_desa.csv": ["tahun", "desil", "rumah_tangga", "penerima", "anggaran_rp", "realisasi_rp"],
    "kalibrasi.csv": ["tahun", "nilai", "toleransi"],
}


def read(name: str, **kwargs) -> pd.DataFrame:
    """Read one demo CSV with codes as text."""
    return pd.read_csv(DEMO / name, dtype={"kode_wilayah": str}, **kwargs)


@pytest.fixture(scope="module")
def pop() -> pd.DataFrame:
    return read("penduduk_desa.csv")


@pytest.fixture(scope="module")
def prog() -> pd.DataFrame:
    return read("program_desa.csv")


@pytest.fixture(scope="module")
def kal() -> pd.DataFrame:
    return read("kalibrasi.csv", keep_default_na=False)


@pytest.fixture(scope="module")
def registry() -> pd.DataFrame:
    return pd.read_csv(ROOT / "data" / "program.csv").set_index("id")


@pytest.fixture(scope="module")
def desa_codes() -> list[str]:
    features = json.loads((ROOT / "data" / "geo" / "kutim_desa.geojson").read_text("utf-8"))["features"]
    return sorted(f["properties"]["kode"] for f in features)


def kelurahan(codes: pd.Series) -> pd.Series:
    """Kelurahan have a 4th code part starting with 1 (e.g. 64.08.04.1010)."""
    return codes.str.split(".").str[3].str.startswith("1")


def test_regeneration_is_byte_identical(tmp_path: Path) -> None:
    subprocess.run([sys.executable, str(SCRIPT), "--out", str(tmp_path)], check=True, timeout=120)
    for name in FILES:
        assert (tmp_path / name).read_bytes() == (DEMO / name).read_bytes(), name


@pytest.mark.parametrize("name", FILES)
def test_file_format(name: str) -> None:
    text = (DEMO / name).read_bytes().decode("utf-8")
    assert "\r" not in text and text.endswith("\n")
    assert text.split("\n", 1)[0] == COLUMNS[name]
    raw = pd.read_csv(DEMO / name, dtype=str, keep_default_na=False)
    for col in INTEGER_COLUMNS[name]:
        assert raw[col].str.fullmatch(r"\d*").all(), col


def test_readme_labels_demo() -> None:
    assert "DATA CONTOH — bukan data resmi" in (DEMO / "README.md").read_text("utf-8")


def measure(row: pd.Series, pop: pd.DataFrame, prog: pd.DataFrame) -> float:
    """The generated value that a kalibrasi row talks about, computed from the CSVs."""
    def in_area(frame: pd.DataFrame) -> pd.Series:
        return frame["kode_wilayah"].str.startswith(row["kode_wilayah"])

    year_pop = pop[(pop["tahun"] == row["tahun"]) & in_area(pop)]
    sel = prog[(prog["tahun"] == row["tahun"]) & (prog["program"] == row["program"])]
    if row["ukuran"] == "penduduk":
        return year_pop["penduduk"].sum()
    if row["ukuran"] == "penduduk_desil_1":
        d1 = prog[(prog["tahun"] == row["tahun"]) & (prog["desil"] == 1) & in_area(prog)]
        d1 = d1.drop_duplicates("kode_wilayah").set_index("kode_wilayah")["rumah_tangga"]
        per_hh = year_pop.set_index("kode_wilayah").eval("penduduk / rumah_tangga")
        return float((d1 * per_hh.reindex(d1.index)).sum())
    if row["ukuran"] == "penerima":
        return sel[in_area(sel)]["penerima"].sum()
    if row["ukuran"] == "peringkat_kecamatan":
        by_kec = sel.groupby(sel["kode_wilayah"].str[:8])["penerima"].sum()
        mine = by_kec[row["kode_wilayah"]]
        assert (by_kec == mine).sum() == 1, "tie in kecamatan ranking"
        return 1 + (by_kec > mine).sum()
    raise AssertionError(f"unknown ukuran {row['ukuran']}")


def test_calibration_rows_are_met(pop: pd.DataFrame, prog: pd.DataFrame, kal: pd.DataFrame) -> None:
    assert set(kal["ukuran"]) == {"penduduk", "penduduk_desil_1", "penerima", "peringkat_kecamatan"}
    for _, row in kal.iterrows():
        got = measure(row, pop, prog)
        assert abs(got - row["nilai"]) <= row["toleransi"], (row.to_dict(), got)
        assert row["sumber"].startswith("http") and row["cara"].endswith(".")


def test_calibration_values_follow_sources(pop: pd.DataFrame, kal: pd.DataFrame) -> None:
    ind = pd.read_csv(ROOT / "data" / "reference" / "indikator_makro.csv", dtype={"kode_wilayah": str})
    ind = ind[(ind["kode_wilayah"] == "64.08") & ind["bulan"].isna()]
    poor = ind[ind["indikator"] == "jumlah_penduduk_miskin"].set_index("tahun")["nilai"] * 1000
    p0 = ind[ind["indikator"] == "persentase_penduduk_miskin_P0"].set_index("tahun")["nilai"] / 100
    fakta = pd.read_csv(ROOT / "data" / "reference" / "program_fakta.csv", dtype={"kode_wilayah": str})

    def value(program: str, kode: str = "64.08") -> float:
        return fakta[(fakta["program"] == program) & (fakta["kode_wilayah"] == kode)]["nilai"].iloc[0]

    last = pop[pop["tahun"] == 2025]
    pph_2025 = last["penduduk"].sum() / last["rumah_tangga"].sum()
    expected = {("penduduk", "", y): round(poor[y] / p0[y]) for y in YEARS}
    expected |= {("penduduk_desil_1", "", y): round(poor[y]) for y in YEARS}
    expected |= {("penerima", "PKH", 2021): value("PKH"), ("penerima", "SEMBAKO", 2022): value("DTKS"),
                 ("penerima", "BLT_DD", 2023): value("BLT Dana Desa"),
                 ("penerima", "PBI_JK", 2025): round(value("PBI-JK (APBN)") / pph_2025)}
    expected |= {("penerima", "RTLH", y): value("RTLH") / 5 for y in range(2021, 2026)}
    national = kal[kal["kode_wilayah"] == "64.08"].set_index(["ukuran", "program", "tahun"])["nilai"]
    assert national.to_dict() == expected
    assert (kal[kal["ukuran"] != "penduduk_desil_1"]["toleransi"] == 0).all()
    kec = kal[(kal["kode_wilayah"] != "64.08") & (kal["ukuran"] == "penerima")]
    assert {(k, v) for k, v in zip(kec["kode_wilayah"], kec["nilai"])} == {
        (k, value("PKH", k)) for k in ("64.08.01", "64.08.04", "64.08.09")}
    ranks = kal[kal["ukuran"] == "peringkat_kecamatan"].set_index("kode_wilayah")["nilai"].to_dict()
    assert ranks == {"64.08.01": 1, "64.08.04": 2, "64.08.09": 3}


def test_population_table(pop: pd.DataFrame, desa_codes: list[str]) -> None:
    assert len(pop) == 141 * 7 and not pop.duplicated(["kode_wilayah", "tahun"]).any()
    assert sorted(pop["kode_wilayah"].unique()) == desa_codes
    assert sorted(pop["tahun"].unique()) == YEARS
    assert (pop["status"] == "contoh").all() and (pop["sumber"] == SUMBER).all()
    per_hh = pop["penduduk"] / pop["rumah_tangga"]
    assert per_hh.between(3.3, 4.3).all()


def test_programme_rows_complete(prog: pd.DataFrame, registry: pd.DataFrame, desa_codes: list[str]) -> None:
    assert not prog.duplicated(["kode_wilayah", "tahun", "program", "desil"]).any()
    cells = prog.groupby(["kode_wilayah", "tahun", "program"])["desil"].apply(sorted)
    assert all(d == list(range(1, 11)) for d in cells)
    assert set(prog["program"]) == set(registry.index)
    n_villages = sum(not c.split(".")[3].startswith("1") for c in desa_codes)
    for program, rows in prog.groupby("program"):
        years = range(2020, 2026) if program == "BLT_DD" else YEARS
        assert len(rows) == 10 * len(years) * (n_villages if program == "BLT_DD" else 141), program
    blt = prog[prog["program"] == "BLT_DD"]
    assert not kelurahan(blt["kode_wilayah"]).any() and blt["tahun"].min() == 2020
    assert (prog["pelaksana"] == prog["program"].map(registry["pelaksana"])).all()
    assert (prog["status"] == "contoh").all() and (prog["sumber"] == SUMBER).all()


def test_households_consistent(pop: pd.DataFrame, prog: pd.DataFrame) -> None:
    assert ((prog["penerima"] >= 0) & (prog["penerima"] <= prog["rumah_tangga"])).all()
    spread = prog.groupby(["kode_wilayah", "tahun", "desil"])["rumah_tangga"].agg(["min", "max"])
    assert (spread["min"] == spread["max"]).all()
    by_desa = spread["min"].groupby(level=["kode_wilayah", "tahun"]).sum()
    assert by_desa.to_dict() == pop.set_index(["kode_wilayah", "tahun"])["rumah_tangga"].to_dict()


def test_money(prog: pd.DataFrame) -> None:
    paid = prog["program"].isin(["BLT_DD", "RTLH"])
    assert prog.loc[~paid, ["anggaran_rp", "realisasi_rp"]].isna().all().all()
    money = prog[paid]
    unit = money["program"].map({"BLT_DD": 300_000 * 12, "RTLH": 20_000_000})
    assert (money["anggaran_rp"] == money["penerima"] * unit).all()
    assert (money["realisasi_rp"] <= money["anggaran_rp"]).all()
    assert (money["realisasi_rp"] >= 0.85 * money["anggaran_rp"] - 1000).all()


def test_targeting_is_realistic(prog: pd.DataFrame, registry: pd.DataFrame) -> None:
    hi = prog["program"].map(registry["desil_layak_max"])
    prog = prog.assign(above=prog["desil"] - hi, kec=prog["kode_wilayah"].str[:8])
    for (program, year), g in prog.groupby(["program", "tahun"]):
        total, outside = g["penerima"].sum(), g[g["above"] > 0]["penerima"].sum()
        assert 0.05 <= outside / total <= 0.20, (program, year)
        assert g[g["above"].between(1, 2)]["penerima"].sum() >= 0.7 * outside, (program, year)
        assert g[g["desil"] >= 8]["penerima"].sum() < 0.02 * total, (program, year)
        eligible = g[g["above"] <= 0].groupby("kec")[["penerima", "rumah_tangga"]].sum()
        coverage = eligible["penerima"] / eligible["rumah_tangga"]
        assert coverage.max() < 1 and coverage.max() > 1.5 * coverage.min(), (program, year)


def household_share(rows: pd.DataFrame, deciles: list[int]) -> float:
    """Share of households of `rows` that fall in `deciles`."""
    return rows[rows["desil"].isin(deciles)]["rumah_tangga"].sum() / rows["rumah_tangga"].sum()


def test_urban_desa_are_richer(prog: pd.DataFrame) -> None:
    one = prog[prog["program"] == "PKH"]  # every desa once per year and decile
    urban = one["kode_wilayah"].str[:8].isin(["64.08.04", "64.08.12"])
    assert household_share(one[urban], [1]) < 0.6 * household_share(one[~urban], [1])
    assert household_share(one, [8, 9, 10]) > 0.3  # upper deciles fuller than a national 30 %
