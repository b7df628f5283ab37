"""Generate the DEMO desa-level dataset for Kutai Timur, 2019-2025 (DATA CONTOH — bukan data resmi).

The numbers are invented but calibrated to published totals in data/reference/ (see data/demo/README.md):

1. Population.  Regency population per year = poor persons / P0 (indikator_makro.csv).  Kecamatan weights
   are the latest published kecamatan population (kecamatan_fakta.csv) rescaled to 2020 by the regency's
   growth; kecamatan without a figure get the median of the known ones.  Each desa takes a random share
   of its kecamatan and a small own growth rate; largest-remainder rounding makes desa counts sum exactly
   to the regency total.  Households = persons / a desa household size (about 3.4-4.2).
2. Welfare deciles.  Decile 1 = the poor: a desa poverty index (Sangatta urban desa low, rural kecamatan
   high) is scaled so that decile-1 households x persons per household give the published poor persons.
   Deciles 2-10 share the other households with a tilt towards the upper deciles, stronger in richer desa.
3. Programmes.  A regency total per programme-year: the published figure in the anchor year, a smooth
   trend (TREND) otherwise.  Each desa x decile cell has a weight = households x decile factor (eligible
   deciles high, 1-3 deciles above them low: inclusion error) x kecamatan and desa coverage multipliers,
   and a cap below its household count (exclusion error).  Where kecamatan totals are published (PKH
   2021) the kecamatan multipliers are fitted to them, the other kecamatan staying below.  The total goes
   to deciles, then to desa, by weight within the caps (water-filling), rounded by systematic sampling:
   sums stay exact and each count is the floor or ceiling of its expected value (unbiased when small).
   BLT Dana Desa and RTLH get a budget (unit cost x recipients) and a realisation of 85-100 %.

Randomness comes from numpy generators seeded by SEED and the CRC32 of a label, so output is
byte-identical between runs.  Usage: python scripts/make_demo_data.py [--out DIR]
"""
from __future__ import annotations

import argparse
import json
import zlib
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
SEED = 6408
YEARS = list(range(2019, 2026))
DECILES = np.arange(1, 11)
URBAN_KEC = ("64.08.04", "64.08.12")  # Sangatta Utara, Sangatta Selatan
UNDATED_YEAR = 2024  # Karangan's undated population comes from a page dated 2024
POOR_TOLERANCE = 0.005
STATUS = "contoh"
SUMBER = "DATA CONTOH — bukan data resmi (dibuat untuk peragaan dasbor)"
RP_PER_UNIT = {"BLT_DD": 300_000 * 12, "RTLH": 20_000_000}
# Regency total relative to the anchor year (PIP: relative to PIP_BASE, which is not calibrated).
TREND = {
    "PKH": {2019: 0.97, 2020: 1.06, 2021: 1.0, 2022: 0.98, 2023: 0.96, 2024: 0.94, 2025: 0.91},
    "SEMBAKO": {2019: 0.74, 2020: 1.06, 2021: 1.03, 2022: 1.0, 2023: 0.98, 2024: 0.96, 2025: 0.94},
    "PBI_JK": {2019: 0.8, 2020: 0.84, 2021: 0.88, 2022: 0.91, 2023: 0.94, 2024: 0.97, 2025: 1.0},
    "PIP": {2019: 0.85, 2020: 0.9, 2021: 0.95, 2022: 1.0, 2023: 1.03, 2024: 1.06, 2025: 1.08},
    "BLT_DD": {2020: 1.3, 2021: 1.22, 2022: 1.12, 2023: 1.0, 2024: 0.9, 2025: 0.8},
    "RTLH": {2019: 0.3, 2020: 0.175, 2021: 1.0, 2022: 1.0, 2023: 1.0, 2024: 1.0, 2025: 1.0},
}
PIP_BASE = 6000  # KK in 2022, an invented but plausible order of magnitude
ABOVE_RANGE = (0.2, 0.07, 0.015)  # weight of the 1st, 2nd, 3rd decile above the eligible range
FAR_ABOVE = 0.003  # weight of deciles further above


def rng_for(*labels: str) -> np.random.Generator:
    """Return a generator seeded by SEED and the CRC32 of each label (independent of call order)."""
    return np.random.default_rng([SEED, *(zlib.crc32(label.encode()) for label in labels)])


def largest_remainder(total: int, weights: np.ndarray) -> np.ndarray:
    """Split integer `total` in proportion to `weights`; the rounding units go to the largest remainders."""
    share = total * weights / weights.sum()
    out = np.floor(share).astype(np.int64)
    order = np.lexsort((np.arange(len(share)), -(share - out)))
    out[order[: total - out.sum()]] += 1
    return out


def allocate(total: int, weights: np.ndarray, caps: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Split `total` in proportion to `weights` with 0 <= x <= caps (water-filling), rounded by systematic
    sampling with one random start: the sum is exact, each x is the floor or ceiling of its share."""
    if total > caps.sum():
        raise ValueError(f"cannot place {total} in capacity {caps.sum()}")
    share = np.zeros(len(weights))
    free = (caps > 0) & (weights > 0)
    left = float(total)
    while left > 0:
        want = left * np.where(free, weights, 0.0) / weights[free].sum()
        over = free & (want >= caps)
        if not over.any():
            share[free] = want[free]
            break
        share[over] = caps[over]
        left -= caps[over].sum()
        free &= ~over
    cum = np.cumsum(share)
    cum[-1] = total
    out = np.diff(np.floor(np.concatenate([[0.0], cum]) + rng.random())).astype(np.int64)
    assert out.sum() == total and (out >= 0).all() and (out <= caps).all()
    return out


def load_desa(data: Path) -> pd.DataFrame:
    """Desa codes sorted, with kecamatan code, kelurahan flag (4th part starts with 1) and urban flag."""
    features = json.loads((data / "geo" / "kutim_desa.geojson").read_text(encoding="utf-8"))["features"]
    desa = pd.DataFrame({"kode": sorted(f["properties"]["kode"] for f in features)})
    desa["kec"] = desa["kode"].str[:8]
    desa["kelurahan"] = desa["kode"].str[9] == "1"
    desa["urban"] = desa["kec"].isin(URBAN_KEC)
    return desa


def regency_totals(data: Path) -> pd.DataFrame:
    """Per year: poor persons, population (= poor / P0, rounded) and the source URL(s), for kode 64.08."""
    ind = pd.read_csv(data / "reference" / "indikator_makro.csv", dtype={"kode_wilayah": str})
    wanted = ["jumlah_penduduk_miskin", "persentase_penduduk_miskin_P0"]
    ind = ind[(ind["kode_wilayah"] == "64.08") & ind["bulan"].isna() & ind["indikator"].isin(wanted)]
    wide = ind.pivot(index="tahun", columns="indikator", values="nilai")
    out = pd.DataFrame(index=wide.index.astype(int))
    out["miskin"] = (wide["jumlah_penduduk_miskin"] * 1000).round().astype(np.int64).values
    p0 = wide["persentase_penduduk_miskin_P0"].to_numpy() / 100
    out["penduduk"] = (out["miskin"] / p0).round().astype(np.int64)
    urls = ind.groupby("tahun")["sumber"].agg(lambda s: " ".join(sorted(set(s))))
    out["sumber"] = urls.reindex(wide.index).values
    return out


def kecamatan_weights(data: Path, totals: pd.DataFrame, kec_codes: list[str]) -> np.ndarray:
    """2020-equivalent kecamatan population: latest published figure x regency growth to 2020;
    the median of those for kecamatan with no published population."""
    fakta = pd.read_csv(data / "reference" / "kecamatan_fakta.csv", dtype={"kode_wilayah": str})
    known = fakta.dropna(subset=["penduduk"]).copy()
    known["tahun"] = known["tahun"].fillna(UNDATED_YEAR).astype(int)
    latest = known.sort_values(["kode_wilayah", "tahun", "penduduk"]).groupby("kode_wilayah").tail(1)
    growth = totals.loc[2020, "penduduk"] / totals.loc[latest["tahun"], "penduduk"].values
    scaled = pd.Series(latest["penduduk"].values * growth, index=latest["kode_wilayah"])
    return scaled.reindex(kec_codes).fillna(scaled.median()).to_numpy()


def population(desa: pd.DataFrame, kec_w: np.ndarray, totals: pd.DataFrame) -> pd.DataFrame:
    """Persons and households per desa and year; persons sum exactly to the regency total."""
    rng, n = rng_for("penduduk"), len(desa)
    kec_codes = sorted(desa["kec"].unique())
    within = rng.lognormal(0.0, 0.45, n) * np.where(desa["kelurahan"], 2.0, 1.0)
    within /= pd.Series(within).groupby(desa["kec"].values).transform("sum").to_numpy()
    base = kec_w[desa["kec"].map(kec_codes.index).to_numpy()] * within
    growth = rng.uniform(-0.005, 0.02, n) + np.where(desa["urban"], 0.01, 0.0)
    hh_size = np.where(desa["urban"], rng.uniform(3.45, 3.85, n), rng.uniform(3.5, 4.2, n))
    frames = []
    for year in YEARS:
        persons = largest_remainder(int(totals.loc[year, "penduduk"]), base * (1 + growth) ** (year - 2020))
        households = np.rint(persons / (hh_size - 0.008 * (year - 2019))).astype(np.int64)
        frames.append(pd.DataFrame({"kode_wilayah": desa["kode"], "tahun": year,
                                    "penduduk": persons, "rumah_tangga": households}))
    return pd.concat(frames, ignore_index=True)


def poverty_index(desa: pd.DataFrame) -> np.ndarray:
    """Relative poverty of each desa: about 0.5 in Sangatta's urban kecamatan, 0.9-1.7 x noise elsewhere."""
    rng = rng_for("kemiskinan")
    kec_codes = sorted(desa["kec"].unique())
    kec_factor = dict(zip(kec_codes, rng.uniform(0.9, 1.7, len(kec_codes))))
    factor = np.where(desa["urban"], 0.5, desa["kec"].map(kec_factor).to_numpy())
    return factor * rng.lognormal(0.0, 0.2, len(desa))


def decile_households(pop: pd.DataFrame, poverty: np.ndarray, poor: pd.Series) -> np.ndarray:
    """Households per desa-year (rows of `pop`) and decile 1..10.  Decile 1 is scaled so that
    decile-1 households x persons per household sum to the poor persons of the year."""
    tilt = np.clip(1.2 - 0.7 * poverty, -0.3, 1.0)  # richer desa: fuller upper deciles
    out = np.zeros((len(pop), 10), dtype=np.int64)
    for year, rows in pop.groupby("tahun").indices.items():
        persons, households = pop["penduduk"].to_numpy()[rows], pop["rumah_tangga"].to_numpy()[rows]
        rate = poverty * poor[year] / (poverty * persons).sum()
        assert rate.max() < 0.5
        out[rows, 0] = np.rint(rate * households)
        for i, row in enumerate(rows):
            upper = np.exp(tilt[i] * (DECILES[1:] - 2) / 8)
            out[row, 1:] = largest_remainder(int(households[i] - out[row, 0]), upper)
    return out


def decile_weights(hi: int) -> tuple[np.ndarray, np.ndarray]:
    """Targeting factor and household cap share per decile, for eligible deciles 1..hi."""
    factor = np.full(10, FAR_ABOVE)
    factor[:hi] = 1 - 0.06 * np.arange(hi)
    factor[hi:hi + len(ABOVE_RANGE)] = ABOVE_RANGE[: 10 - hi]
    return factor, np.where(hi >= DECILES, 0.9, 0.5)


def programme_totals(data: Path, pph_2025: float) -> dict[str, dict]:
    """Per programme: anchor total (TREND factor 1), calibrated years, fixed kecamatan totals,
    source URL and method, from program_fakta.csv (PIP has no published figure)."""
    pf = pd.read_csv(data / "reference" / "program_fakta.csv", dtype={"kode_wilayah": str})
    regency = pf[pf["kode_wilayah"] == "64.08"].set_index("program")
    pkh, dtks, blt = regency.loc["PKH"], regency.loc["DTKS"], regency.loc["BLT Dana Desa"]
    pbi, rtlh = regency.loc["PBI-JK (APBN)"], regency.loc["RTLH"]
    kec = pf[(pf["program"] == "PKH") & (pf["kode_wilayah"].str.len() == 8)]
    return {
        "PKH": dict(total=int(pkh["nilai"]), years=[2021], sumber=pkh["sumber"],
                    kec=dict(zip(kec["kode_wilayah"], kec["nilai"].astype(int))),
                    cara="Dinsos count of poor families in DTKS (Nov 2021), reported as PKH recipients."),
        "SEMBAKO": dict(total=int(dtks["nilai"]), years=[2022], sumber=dtks["sumber"], kec={},
                        cara="Families receiving aid under the 2022 DTKS re-verification, used as a proxy"
                             " for Sembako recipients (it is not a Sembako count)."),
        "BLT_DD": dict(total=int(blt["nilai"]), years=[2023], sumber=blt["sumber"], kec={},
                       cara="Reported BLT Dana Desa KPM for 2023 (another report says 4358 KPM)."),
        "PBI_JK": dict(total=round(pbi["nilai"] / pph_2025), years=[2025], sumber=pbi["sumber"], kec={},
                       cara=f"{int(pbi['nilai'])} PBI-JK (APBN) persons divided by Kutim's 2025 persons"
                            " per household in this demo data, rounded, as the table counts households."),
        "RTLH": dict(total=round(rtlh["nilai"] / 5), years=list(range(2021, 2026)), sumber=rtlh["sumber"],
                     kec={}, cara="Five-year target of 1000 units for 2021-2025 split evenly: 200 a year."),
        "PIP": dict(total=PIP_BASE, years=[], sumber="", kec={}, cara=""),
    }


def cell_weights(hh: np.ndarray, mult: np.ndarray, hi: int) -> tuple[np.ndarray, np.ndarray]:
    """Weight and integer cap of each desa x decile cell for a programme with eligible deciles 1..hi."""
    factor, cap_share = decile_weights(hi)
    return hh * factor * mult[:, None], np.floor(hh * cap_share).astype(np.int64)


def fit_kecamatan(kec_weight: np.ndarray, fixed: dict[int, int], total: int) -> np.ndarray:
    """Kecamatan factors making the anchor year's expected totals equal the published ones; the other
    kecamatan keep their order but are pulled towards an even split until the largest is 2 % below the
    smallest published total, so that the published ranking holds."""
    others = np.setdiff1d(np.arange(len(kec_weight)), list(fixed))
    rest = total - sum(fixed.values())
    share = kec_weight[others] / kec_weight[others].sum()
    ceiling, even = 0.98 * min(fixed.values()) / rest, 1 / len(others)
    alpha = np.clip((share.max() - ceiling) / (share.max() - even), 0.0, 1.0)
    goal = np.empty(len(kec_weight))
    goal[others] = rest * ((1 - alpha) * share + alpha * even)
    goal[list(fixed)] = list(fixed.values())
    return goal / kec_weight


def programme_year(total: int, weight: np.ndarray, caps: np.ndarray, kec_idx: np.ndarray,
                   fixed: dict[int, int], rng: np.random.Generator) -> np.ndarray:
    """Recipients per desa x decile.  Each kecamatan with a published total is filled on its own, all
    other desa share the rest; within a group the count goes to deciles first (so even small totals
    keep the intended decile mix) and then to desa."""
    out = np.zeros_like(caps)
    pool = ~np.isin(kec_idx, list(fixed))
    groups = [(kec_idx == k, v) for k, v in sorted(fixed.items())] + [(pool, total - sum(fixed.values()))]
    for rows, count in groups:
        w, c = weight[rows], caps[rows]
        per_decile = allocate(count, w.sum(axis=0), c.sum(axis=0), rng)
        columns = [allocate(int(n), w[:, j], c[:, j], rng) for j, n in enumerate(per_decile)]
        out[rows] = np.column_stack(columns)
    return out


def money(recipients: np.ndarray, prog: str, rng: np.random.Generator) -> tuple[pd.array, pd.array]:
    """Budget = recipients x unit cost; realisation = 85-100 % of it, rounded down to Rp1,000.
    Both empty for programmes without a unit cost."""
    if prog not in RP_PER_UNIT:
        empty = pd.array([pd.NA] * len(recipients), dtype="Int64")
        return empty, empty
    budget = recipients * RP_PER_UNIT[prog]
    spent = np.floor(budget * rng.uniform(0.85, 1.0, len(budget)) / 1000).astype(np.int64) * 1000
    return pd.array(budget, dtype="Int64"), pd.array(spent, dtype="Int64")


def programmes(desa: pd.DataFrame, pop: pd.DataFrame, hh: np.ndarray, registry: pd.DataFrame,
               targets: dict[str, dict]) -> pd.DataFrame:
    """Long table desa x year x programme x decile with recipients, budget and realisation."""
    kec_codes = sorted(desa["kec"].unique())
    kec_all = desa["kec"].map(kec_codes.index).to_numpy()
    common = rng_for("cakupan").lognormal(0.0, 0.2, len(kec_codes))  # shared by all programmes
    frames = []
    for prog in sorted(registry.index):
        rng, spec = rng_for("program", prog), targets[prog]
        hi = int(registry.loc[prog, "desil_layak_max"])
        kec_mult = common * rng.lognormal(0.0, 0.3, len(kec_codes))
        mult = kec_mult[kec_all] * rng.lognormal(0.0, 0.2, len(desa))
        fixed = {kec_codes.index(k): v for k, v in spec["kec"].items()}
        if fixed:
            weight, _ = cell_weights(hh[(pop["tahun"] == spec["years"][0]).to_numpy()], mult, hi)
            kec_weight = np.bincount(kec_all, weight.sum(axis=1))
            mult = mult * fit_kecamatan(kec_weight, fixed, spec["total"])[kec_all]
        scope = ~desa["kelurahan"].to_numpy() if prog == "BLT_DD" else np.ones(len(desa), bool)
        for year, factor in TREND[prog].items():
            rows = np.flatnonzero((pop["tahun"] == year).to_numpy())[scope]
            weight, caps = cell_weights(hh[rows], mult[scope], hi)
            got = programme_year(round(spec["total"] * factor), weight, caps, kec_all[scope],
                                 fixed if year in spec["years"] else {}, rng).ravel()
            budget, spent = money(got, prog, rng)
            frames.append(pd.DataFrame({
                "kode_wilayah": np.repeat(pop["kode_wilayah"].to_numpy()[rows], 10), "tahun": year,
                "program": prog, "desil": np.tile(DECILES, len(rows)), "rumah_tangga": hh[rows].ravel(),
                "penerima": got, "anggaran_rp": budget, "realisasi_rp": spent,
                "pelaksana": registry.loc[prog, "pelaksana"]}))
    out = pd.concat(frames, ignore_index=True).assign(status=STATUS, sumber=SUMBER)
    return out.sort_values(["kode_wilayah", "tahun", "program", "desil"], ignore_index=True)


def calibration(totals: pd.DataFrame, targets: dict[str, dict], program: pd.DataFrame) -> pd.DataFrame:
    """One row per calibration target, in the units of the generated tables."""
    rows = []
    for year in YEARS:
        src = totals.loc[year, "sumber"]
        rows.append(("64.08", year, "penduduk", "", totals.loc[year, "penduduk"], 0, src,
                     "Poor persons divided by P0, rounded to whole persons."))
        rows.append(("64.08", year, "penduduk_desil_1", "", totals.loc[year, "miskin"],
                     int(totals.loc[year, "miskin"] * POOR_TOLERANCE), src,
                     "Published number of poor persons; decile-1 households times desa persons per"
                     " household must match it within 0.5 %."))
    for prog in sorted(targets):
        spec = targets[prog]
        for year in spec["years"]:
            assert TREND[prog][year] == 1.0
            rows.append(("64.08", year, "penerima", prog, spec["total"], 0, spec["sumber"], spec["cara"]))
            sel = program[(program["program"] == prog) & (program["tahun"] == year)]
            by_kec = sel.groupby(sel["kode_wilayah"].str[:8])["penerima"].sum()
            if spec["kec"]:
                assert (by_kec.drop(list(spec["kec"])) < min(spec["kec"].values())).all()
            for rank, (kode, value) in enumerate(sorted(spec["kec"].items(), key=lambda kv: -kv[1]), 1):
                assert by_kec[kode] == value
                rows.append((kode, year, "penerima", prog, value, 0, spec["sumber"],
                             "Published kecamatan count in the same Dinsos report."))
                rows.append((kode, year, "peringkat_kecamatan", prog, rank, 0, spec["sumber"],
                             "Rank of this kecamatan's total among all 18 (1 = largest), as reported."))
    cols = ["kode_wilayah", "tahun", "ukuran", "program", "nilai", "toleransi", "sumber", "cara"]
    frame = pd.DataFrame(rows, columns=cols)
    return frame.sort_values(["ukuran", "program", "tahun", "kode_wilayah"], ignore_index=True)


def build(data: Path) -> dict[str, pd.DataFrame]:
    """Build the three output tables from the reference files under `data`."""
    desa, totals = load_desa(data), regency_totals(data)
    kec_w = kecamatan_weights(data, totals, sorted(desa["kec"].unique()))
    pop = population(desa, kec_w, totals)
    hh = decile_households(pop, poverty_index(desa), totals["miskin"])
    last = pop[pop["tahun"] == YEARS[-1]]
    targets = programme_totals(data, last["penduduk"].sum() / last["rumah_tangga"].sum())
    registry = pd.read_csv(data / "program.csv").set_index("id")
    program = programmes(desa, pop, hh, registry, targets)
    pop = pop.assign(status=STATUS, sumber=SUMBER).sort_values(["kode_wilayah", "tahun"], ignore_index=True)
    return {"penduduk_desa": pop, "program_desa": program,
            "kalibrasi": calibration(totals, targets, program)}


def main() -> None:
    """Parse --out and write penduduk_desa.csv, program_desa.csv and kalibrasi.csv."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "data" / "demo")
    out = parser.parse_args().out
    out.mkdir(parents=True, exist_ok=True)
    for name, frame in build(ROOT / "data").items():
        frame.to_csv(out / f"{name}.csv", index=False, lineterminator="\n", encoding="utf-8")


if __name__ == "__main__":
    main()
