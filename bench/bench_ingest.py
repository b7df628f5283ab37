"""How long staff wait between choosing a file and seeing its problems or its preview.

Times `rules.prepare` (read, match names, check rules, count households) and the preview
(`publishing.next_release` + `difference` against the release in force) for files of the sizes staff have:
- a household list of the whole regency, 50,000 households (Kutim has about 110,000 households; a DTSEN
  extract of deciles 1-5 is about half), as CSV and as XLSX, with names instead of codes;
- a year of programme aggregates for every desa (141 desa x 6 programmes x 10 deciles = 8,460 rows);
- the same programme file with one problem in every tenth row (all problems reported).
Median of 3 runs each, with the store built from data/.

Run: `.venv/bin/python bench/bench_ingest.py`; writes bench/results/rules.json and prints it.
"""

from __future__ import annotations

import io
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import openpyxl
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.report import save
from lib.core import programmes, seed
from lib.core.indicators import registry_from_frame
from lib.core.store import Store, create_store_engine
from lib.core.wilayah import AreaRegistry
from lib.ingest import publishing, rules

RUNS = 3
HOUSEHOLDS = 50_000
PROGRAMMES = ["PKH", "SEMBAKO", "PBI_JK", "PIP", "BLT_DD", "RTLH"]


def household_frame(areas: AreaRegistry) -> pd.DataFrame:
    rng = random.Random(7)
    desa = [(areas.name(areas.areas.at[code, "induk"]), areas.name(code), code) for code in areas.codes_at("desa")
            if code.startswith("64.08.")]
    rows = []
    for number in range(HOUSEHOLDS):
        kecamatan, name, _code = rng.choice(desa)
        rows.append({"NIK": f"6408{number:012d}", "Nama Kepala Keluarga": f"Warga {number}", "Alamat": f"RT {number % 40}",
                     "Kecamatan": kecamatan, "Desa": name, "Desil": rng.randint(1, 10), "Tahun": 2025,
                     **{p: rng.choice(["Ya", "Tidak", "Tidak"]) for p in PROGRAMMES}})
    return pd.DataFrame(rows)


def xlsx_bytes(frame: pd.DataFrame) -> bytes:
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Data")
    sheet.append(["DAFTAR RUMAH TANGGA KUTAI TIMUR 2025"])
    sheet.append(list(frame.columns))
    for row in frame.itertuples(index=False):
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def programme_frame(areas: AreaRegistry, broken: bool) -> pd.DataFrame:
    rows = []
    for code in areas.codes_at("desa"):
        for programme in PROGRAMMES:
            for decile in range(1, 11):
                rows.append({"Kecamatan": areas.name(areas.areas.at[code, "induk"]), "Desa": areas.name(code),
                             "Tahun": 2025, "Program": programme, "Desil": decile, "Jumlah Rumah Tangga": 100,
                             "Jumlah Penerima": 40, "Sumber": "bench"})
    frame = pd.DataFrame(rows)
    if broken:
        frame.loc[frame.index % 10 == 0, "Jumlah Penerima"] = 500  # above households
    return frame


def timed(function) -> tuple[float, object]:
    times, result = [], None
    for _ in range(RUNS):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return round(statistics.median(times), 2), result


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = Store(create_store_engine(f"sqlite:///{Path(folder) / 'dasbor.sqlite'}"))
        seed.build(store)
        areas = AreaRegistry(store.areas(), store.aliases())
        context = rules.Context(areas, registry_from_frame(store.indicators()),
                                programmes.registry_from_frame(store.programmes()))
        current = store.current_rows("program")
        households = household_frame(areas)
        files = {
            "households_csv": (rules.HOUSEHOLD_LIST, households.to_csv(index=False, sep=";").encode(), "kpm.csv"),
            "households_xlsx": (rules.HOUSEHOLD_LIST, xlsx_bytes(households), "kpm.xlsx"),
            "programme_csv": (rules.PROGRAMME_AGGREGATES,
                              programme_frame(areas, False).to_csv(index=False).encode(), "program.csv"),
            "programme_csv_broken": (rules.PROGRAMME_AGGREGATES,
                                     programme_frame(areas, True).to_csv(index=False).encode(), "program.csv"),
        }
        results = {}
        for name, (kind, data, file_name) in files.items():
            seconds, prepared = timed(lambda: rules.prepare(kind, data, file_name, context, rules.Options(source="bench", year=2025)))
            entry = {"bytes": len(data), "prepare_s": seconds, "problems": len(prepared.problems),
                     "rows": len(prepared.rows)}
            if prepared.ok:
                mode = "ganti" if kind is rules.HOUSEHOLD_LIST else "perbarui"
                entry["preview_s"], _ = timed(lambda: publishing.difference(
                    kind, current, publishing.next_release(kind, current, prepared.rows, mode, areas)))
            results[name] = entry
    output = {"households": HOUSEHOLDS, "current_programme_rows": len(current), "runs": RUNS, "results": results}
    save("ingest", output)


if __name__ == "__main__":
    main()
