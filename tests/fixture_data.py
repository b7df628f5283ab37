"""A small, clearly fake dataset built in code, for the page tests: `write(folder)` lays it out the way
`seed.build(store, data_dir=folder)` reads `data/`.

Real, from `data/`: the boundary files (`geo/`, so maps draw all 10 regencies, 18 kecamatan and 141 desa) and
the registries (`indikator.csv`, `program.csv`, `wilayah_alias.csv` and any other file at the top of `data/`),
copied as they are, since they are configuration.

Made up here, with round numbers so a test's expectation can be worked out by hand:

- `reference/indikator_makro.csv`: Kutai Timur P0 11,00 % (2020) falling by 0,50 a year to 9,00 % (2024), then
  8,00 % (2025); poor people 40,00 thousand in 2025; poverty line, IPM (old method 2022-2023, new method 2024),
  TPT and extreme poverty; Kalimantan Timur and Indonesia in March and September (March 2025: 6,00 % and
  9,00 %); P0 and poor people of all 10 regencies in 2024 only. No Gini for Kutai Timur. Kinds: Kutim and Kaltim
  `rilis_bps`, Indonesia and the regencies `bps_media`, Kutim's extreme poverty a `pernyataan`.
- `reference/indikator_sumber_lain.csv`: Kutim P0 2023 reported as 9,60 elsewhere (a conflict), 2025 confirmed.
- `reference/perubahan_metode.csv`: IPM on a new basis from 2024. `reference/program_fakta.csv`: PKH families
  2025 published for Kutim (900) and Muara Ancalong (120).
- `reference/target.csv`: national P0 targets (2025, 2029), national extreme poverty 2026, Kutai Timur extreme
  poverty 2024 (missed by 0,50) and TPT 2024 (met).
- `demo/penduduk_desa.csv`, `demo/program_desa.csv`: 12 desa in 4 kecamatan, 2024 and 2025, households per
  welfare decile from `HOUSEHOLDS` (a few desa with 2-4 households in decile 1), recipients = households x
  `SHARES` percent, rounded down; RTLH gives the few units in `RTLH_UNITS` (0-5 per decile and desa), so the
  public mode has small counts to hide; BLT Dana Desa runs only in 2025 and only in desa (not the kelurahan
  `64.08.04.1010`), so BLT_DD 2024 has no data.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd

from lib.core.seed import ACTION_FILES

DATA_DIR = Path(__file__).resolve().parents[1] / "data"

KUTIM, KALTIM, INDONESIA = "64.08", "64", "ID"
YEARS = (2024, 2025)
LATEST_YEAR = 2025
DEMO_SOURCE = "DATA CONTOH UJI — tests/fixture_data.py"
DEMO_STATUS = "contoh"

SOURCE_KUTIM = "https://kutim.statistik.example/kemiskinan"
SOURCE_KALTIM = "https://kaltim.statistik.example/kemiskinan"
SOURCE_INDONESIA = "https://nasional.statistik.example/kemiskinan"
SOURCE_REGENCIES = "https://kabupaten.statistik.example/kemiskinan"
SOURCE_TARGETS = "https://dokumen.example/target"
SOURCE_OTHER = "https://berita.example/kemiskinan"
SOURCE_STATEMENT = "https://pemkab.example/pernyataan"
SOURCE_METHOD = "https://kutim.statistik.example/metode-ipm"
SOURCE_COUNTS = "https://berita.example/penerima-pkh"

# Provenance kinds: Kutim and Kaltim from the statistics office's own pages, Indonesia and the regencies as the
# media reported them, Kutim's extreme poverty an official's statement.
KIND_OF_SOURCE = {SOURCE_KUTIM: "rilis_bps", SOURCE_KALTIM: "rilis_bps", SOURCE_INDONESIA: "bps_media",
                  SOURCE_REGENCIES: "bps_media", SOURCE_STATEMENT: "pernyataan"}
# Other reports of Kutim's P0: 2023 reported differently elsewhere (a conflict), 2025 confirmed by a second source.
KUTIM_P0_CONFLICT = {2023: 9.6}
KUTIM_P0_CONFIRMED = {2025: 8.0}
IPM_NEW_METHOD_SINCE = 2024
# Counts published without deciles: PKH families in Kutim and in one kecamatan, 2025.
PUBLISHED_PKH_2025 = {"64.08": 900, "64.08.01": 120}

# --- Published indicator values -------------------------------------------------------------------------------

KUTIM_P0 = {2020: 11.0, 2021: 10.5, 2022: 10.0, 2023: 9.5, 2024: 9.0, 2025: 8.0}
KUTIM_POOR_PEOPLE = {2020: 55.0, 2021: 52.5, 2022: 50.0, 2023: 47.5, 2024: 45.0, 2025: 40.0}  # thousand persons
KUTIM_POVERTY_LINE = {2024: 600_000, 2025: 650_000}
KUTIM_IPM = {2022: 70.0, 2023: 71.0, 2024: 75.0}  # the registry's method change is in 2024
KUTIM_TPT = {2023: 6.0, 2024: 5.5}
KUTIM_EXTREME_POVERTY = {2024: 0.5}
# March (3) and September (9) figures; the regency's annual figure compares with March.
KALTIM_P0 = {(2020, 3): 7.0, (2020, 9): 6.9, (2021, 3): 6.8, (2021, 9): 6.7, (2022, 3): 6.6, (2022, 9): 6.5,
             (2023, 3): 6.4, (2023, 9): 6.3, (2024, 3): 6.2, (2024, 9): 6.1, (2025, 3): 6.0, (2025, 9): 5.9}
INDONESIA_P0 = {(2020, 3): 10.0, (2020, 9): 9.9, (2021, 3): 9.8, (2021, 9): 9.7, (2022, 3): 9.6, (2022, 9): 9.5,
                (2023, 3): 9.4, (2023, 9): 9.3, (2024, 3): 9.2, (2024, 9): 9.1, (2025, 3): 9.0, (2025, 9): 8.9}
KALTIM_POVERTY_LINE = {(2024, 3): 700_000, (2025, 3): 750_000}
KALTIM_GINI = {(2024, 3): 0.33, (2025, 3): 0.32}
INDONESIA_EXTREME_POVERTY = {(2024, 3): 1.0}
# P0 and poor people (thousand) of the other nine Kaltim regencies, 2024 only; Kutim's are above.
REGENCIES_2024 = {"64.01": (8.5, 25.0), "64.02": (7.5, 60.0), "64.03": (5.5, 15.0), "64.07": (8.0, 12.0),
                  "64.09": (7.0, 12.0), "64.11": (10.0, 4.0), "64.71": (2.5, 20.0), "64.72": (4.5, 40.0),
                  "64.74": (4.0, 7.0)}
KUKAR_IPM = {2024: 73.0}

# --- Targets ----------------------------------------------------------------------------------------------------

# (area, indicator, year, lower, upper, document)
TARGETS = [
    (INDONESIA, "persentase_penduduk_miskin_P0", 2025, 7.0, 8.0, "RKP uji 2025"),
    (INDONESIA, "persentase_penduduk_miskin_P0", 2029, 4.5, 5.0, "RPJMN uji 2025-2029"),
    (INDONESIA, "tingkat_kemiskinan_ekstrem", 2026, 0.0, 0.0, "RKP uji 2026"),
    (KUTIM, "tingkat_kemiskinan_ekstrem", 2024, 0.0, 0.0, "pernyataan uji Bappeda"),
    (KUTIM, "tpt", 2024, 5.0, 6.0, "RPJMD uji"),
]

# --- Desa, households by welfare decile, programmes -------------------------------------------------------------

KECAMATAN = ("64.08.01", "64.08.04", "64.08.09", "64.08.13")
# Households of each desa in welfare deciles 1..10 in 2025; in 2024 ten of decile 5 were in decile 1.
HOUSEHOLDS = {
    "64.08.01.2001": (40, 30, 30, 20, 20, 20, 10, 10, 10, 10),  # Senyiur
    "64.08.01.2002": (30, 30, 20, 20, 20, 20, 20, 20, 10, 10),  # Kelinjau Ilir
    "64.08.04.1010": (3, 10, 20, 30, 40, 50, 60, 60, 60, 67),  # Teluk Lingga, a kelurahan: no BLT Dana Desa
    "64.08.04.2001": (10, 20, 30, 40, 50, 50, 50, 50, 50, 50),  # Sangatta Utara
    "64.08.04.2011": (20, 20, 20, 20, 20, 20, 20, 20, 20, 20),  # Singa Gembara
    "64.08.04.2012": (2, 10, 10, 20, 20, 30, 30, 30, 20, 28),  # Swarga Bara
    "64.08.09.2001": (50, 40, 30, 20, 20, 10, 10, 10, 5, 5),  # Sepaso
    "64.08.09.2002": (30, 20, 20, 10, 10, 10, 0, 0, 0, 0),  # Sekerat
    "64.08.09.2003": (20, 20, 10, 10, 10, 10, 10, 5, 5, 0),  # Keraitan
    "64.08.13.2001": (20, 20, 20, 20, 20, 20, 20, 20, 20, 20),  # Teluk Pandan
    "64.08.13.2002": (10, 10, 10, 10, 20, 20, 20, 0, 0, 0),  # Suka Rahmat
    "64.08.13.2003": (4, 6, 10, 10, 10, 20, 20, 10, 5, 5),  # Suka Damai
}
SHIFTED_2024 = 10  # households in decile 1 instead of decile 5 in 2024
PERSONS_PER_HOUSEHOLD = 4
# Percent of a decile's households a programme reaches (deciles not listed: none).
SHARES = {
    "PKH": {1: 60, 2: 50, 3: 40, 4: 30, 5: 10, 6: 10},
    "SEMBAKO": {1: 70, 2: 60, 3: 50, 4: 40, 5: 30, 6: 10, 7: 10},
    "PBI_JK": {1: 90, 2: 80, 3: 70, 4: 60, 5: 50, 6: 20},
    "PIP": {1: 30, 2: 30, 3: 20, 4: 20, 5: 10},
    "BLT_DD": {1: 50, 2: 30, 3: 10, 4: 10},
}
# RTLH units per desa in deciles 1 and 2, both years.
RTLH_UNITS = {
    "64.08.01.2001": (2, 1), "64.08.01.2002": (0, 3), "64.08.04.1010": (1, 0), "64.08.04.2001": (2, 2),
    "64.08.04.2011": (0, 0), "64.08.04.2012": (1, 1), "64.08.09.2001": (5, 3), "64.08.09.2002": (2, 0),
    "64.08.09.2003": (1, 2), "64.08.13.2001": (3, 1), "64.08.13.2002": (0, 2), "64.08.13.2003": (2, 2),
}
BLT_DD_YEARS = (2025,)
BUDGET_PER_RECIPIENT = {"BLT_DD": 3_600_000, "RTLH": 20_000_000}  # realised: 90 %
REALISED_PERCENT = 90


def households(desa: str, year: int) -> tuple[int, ...]:
    counts = list(HOUSEHOLDS[desa])
    if year == 2024:
        counts[0] += SHIFTED_2024
        counts[4] -= SHIFTED_2024
    return tuple(counts)


def is_kelurahan(desa: str) -> bool:
    return desa.split(".")[3].startswith("1")


def recipients(programme: str, desa: str, year: int) -> tuple[int, ...] | None:
    """Recipients per decile 1..10, or None where the programme does not run."""
    if programme == "RTLH":
        return (*RTLH_UNITS[desa], 0, 0, 0, 0, 0, 0, 0, 0)
    if programme == "BLT_DD" and (year not in BLT_DD_YEARS or is_kelurahan(desa)):
        return None
    shares = SHARES[programme]
    return tuple(count * shares.get(decile, 0) // 100 for decile, count in enumerate(households(desa, year), start=1))


# --- Files ------------------------------------------------------------------------------------------------------

def _value_rows() -> list[dict]:
    rows = []

    def add(area: str, name: str, indicator: str, series: dict, unit: str, source: str) -> None:
        for key, value in series.items():
            year, month = key if isinstance(key, tuple) else (key, None)
            rows.append({"kode_wilayah": area, "wilayah": name, "tahun": year,
                         "bulan": f"{month:02d}" if month else "", "indikator": indicator, "nilai": value,
                         "satuan": unit, "sumber": source, "jenis": KIND_OF_SOURCE[source], "catatan": "angka uji",
                         "sumber_lain_yang_sama": 0})

    kutim = "Kabupaten Kutai Timur"
    add(KUTIM, kutim, "persentase_penduduk_miskin_P0", KUTIM_P0, "persen", SOURCE_KUTIM)
    add(KUTIM, kutim, "jumlah_penduduk_miskin", KUTIM_POOR_PEOPLE, "ribu jiwa", SOURCE_KUTIM)
    add(KUTIM, kutim, "garis_kemiskinan", KUTIM_POVERTY_LINE, "Rp/kapita/bulan", SOURCE_KUTIM)
    add(KUTIM, kutim, "ipm", KUTIM_IPM, "indeks", SOURCE_KUTIM)
    add(KUTIM, kutim, "tpt", KUTIM_TPT, "persen", SOURCE_KUTIM)
    add(KUTIM, kutim, "tingkat_kemiskinan_ekstrem", KUTIM_EXTREME_POVERTY, "persen", SOURCE_STATEMENT)
    kaltim = "Provinsi Kalimantan Timur"
    add(KALTIM, kaltim, "persentase_penduduk_miskin_P0", KALTIM_P0, "persen", SOURCE_KALTIM)
    add(KALTIM, kaltim, "garis_kemiskinan", KALTIM_POVERTY_LINE, "Rp/kapita/bulan", SOURCE_KALTIM)
    add(KALTIM, kaltim, "gini_ratio", KALTIM_GINI, "rasio", SOURCE_KALTIM)
    add(INDONESIA, "Indonesia", "persentase_penduduk_miskin_P0", INDONESIA_P0, "persen", SOURCE_INDONESIA)
    add(INDONESIA, "Indonesia", "tingkat_kemiskinan_ekstrem", INDONESIA_EXTREME_POVERTY, "persen", SOURCE_INDONESIA)
    for code, (p0, poor) in REGENCIES_2024.items():
        add(code, code, "persentase_penduduk_miskin_P0", {2024: p0}, "persen", SOURCE_REGENCIES)
        add(code, code, "jumlah_penduduk_miskin", {2024: poor}, "ribu jiwa", SOURCE_REGENCIES)
    add("64.02", "64.02", "ipm", KUKAR_IPM, "indeks", SOURCE_REGENCIES)
    return rows


def _other_report_rows() -> list[dict]:
    return [{"kode_wilayah": KUTIM, "tahun": year, "bulan": "", "indikator": "persentase_penduduk_miskin_P0",
             "nilai": value, "sumber": SOURCE_OTHER, "jenis": "bps_media", "catatan": "laporan lain (uji)"}
            for year, value in {**KUTIM_P0_CONFLICT, **KUTIM_P0_CONFIRMED}.items()]


def _method_break_rows() -> list[dict]:
    return [{"indikator": "ipm", "tahun": IPM_NEW_METHOD_SINCE, "keterangan_id": "basis baru (uji)",
             "keterangan_en": "new basis (test)", "sumber": SOURCE_METHOD, "jenis": "rilis_bps"}]


def _published_count_rows() -> list[dict]:
    return [{"kode_wilayah": area, "wilayah": area, "tahun": 2025, "program": "PKH", "ukuran": "keluarga_penerima",
             "nilai": count, "satuan": "KK", "sumber": SOURCE_COUNTS, "catatan": "angka uji", "jenis": "data_opd_media",
             "program_id": "PKH"}
            for area, count in PUBLISHED_PKH_2025.items()]


def _target_rows() -> list[dict]:
    return [{"kode_wilayah": area, "wilayah": area, "indikator": indicator, "tahun": year, "nilai_bawah": lower,
             "nilai_atas": upper, "satuan": "persen", "dokumen": document, "sumber": SOURCE_TARGETS,
             "catatan": "target uji"}
            for area, indicator, year, lower, upper, document in TARGETS]


def _population_rows() -> list[dict]:
    return [{"kode_wilayah": desa, "tahun": year, "penduduk": PERSONS_PER_HOUSEHOLD * sum(households(desa, year)),
             "rumah_tangga": sum(households(desa, year)), "status": DEMO_STATUS, "sumber": DEMO_SOURCE}
            for desa in HOUSEHOLDS for year in YEARS]


def _programme_rows(implementers: dict[str, str]) -> list[dict]:
    rows = []
    for programme in [*SHARES, "RTLH"]:
        for desa in HOUSEHOLDS:
            for year in YEARS:
                reached = recipients(programme, desa, year)
                if reached is None:
                    continue
                for decile, (count, received) in enumerate(zip(households(desa, year), reached), start=1):
                    budget = BUDGET_PER_RECIPIENT.get(programme)
                    rows.append({
                        "kode_wilayah": desa, "tahun": year, "program": programme, "desil": decile,
                        "rumah_tangga": count, "penerima": received,
                        "anggaran_rp": budget * received if budget else None,
                        "realisasi_rp": budget * received * REALISED_PERCENT // 100 if budget else None,
                        "pelaksana": implementers.get(programme, "Dinas uji"), "status": DEMO_STATUS,
                        "sumber": DEMO_SOURCE,
                    })
    return rows


def _write_csv(rows: list[dict], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    frame = pd.DataFrame(rows)
    for column in ("anggaran_rp", "realisasi_rp"):
        if column in frame:
            frame[column] = frame[column].astype("Int64")
    frame.to_csv(path, index=False, lineterminator="\n")


def write(folder: Path) -> Path:
    """Lay the fixture dataset out in `folder` (created if needed) and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in DATA_DIR.iterdir():  # the registries and other configuration, as shipped
        if path.is_file():
            shutil.copy2(path, folder / path.name)
    shutil.copytree(DATA_DIR / "geo", folder / "geo", dirs_exist_ok=True)
    registry = pd.read_csv(folder / "program.csv")
    implementers = dict(zip(registry["id"], registry["pelaksana"])) if "pelaksana" in registry else {}
    _write_csv(_value_rows(), folder / "reference" / "indikator_makro.csv")
    _write_csv(_other_report_rows(), folder / "reference" / "indikator_sumber_lain.csv")
    _write_csv(_method_break_rows(), folder / "reference" / "perubahan_metode.csv")
    _write_csv(_published_count_rows(), folder / "reference" / "program_fakta.csv")
    _write_csv(_target_rows(), folder / "reference" / "target.csv")
    _write_csv(_population_rows(), folder / "demo" / "penduduk_desa.csv")
    _write_csv(_programme_rows(implementers), folder / "demo" / "program_desa.csv")
    for name in ACTION_FILES:  # the shipped demo Rencana Aksi: seven steps in real kecamatan
        shutil.copy2(DATA_DIR / name, folder / name)
    return folder
