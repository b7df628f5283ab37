"""Tables the Kelola Data page shows: the release history and what a publish or rollback would change."""

from __future__ import annotations

import json

import pandas as pd

from lib.core import fmt
from lib.core.store import ACTION_DATASET, DATASET_TABLES
from lib.ingest.publishing import Difference
from lib.ingest.rules import UploadKind

DATASET_LABELS = {"nilai": "Nilai indikator", "program": "Program per desa dan desil", "target": "Target",
                  "penerima": "Penerima tanpa desil", ACTION_DATASET: "Rencana Aksi"}
KEY_LABELS = {"kode_wilayah": "Kode", "indikator": "Indikator", "tahun": "Tahun", "bulan": "Bulan",
              "program": "Program", "desil": "Desil", "nama_program": "Nama program", "ukuran": "Ukuran"}
# What a count of the `penerima` dataset measures; published counts keep their own words (keluarga_penerima, …).
MEASURE_LABELS = {"penerima": "Jumlah penerima", "bantuan_rp": "Bantuan (Rp)"}


def history(releases: pd.DataFrame) -> pd.DataFrame:
    """Every release, newest first, marked when it is the one in force for its dataset."""
    in_force = set(releases.groupby("dataset")["id"].max())
    return pd.DataFrame({
        "Rilis": releases["id"],
        "Berlaku": releases["id"].map(lambda i: "ya" if i in in_force else ""),
        "Data": releases["dataset"].map(lambda d: DATASET_LABELS.get(d, d)),
        "Waktu": releases["dibuat_pada"].map(fmt.wita),
        "Oleh": releases["oleh"],
        "Catatan": releases["catatan"],
        "Baris": releases["jumlah_baris"],
        "Berkas": releases["nama_berkas"],
        "SHA-256": releases["sha256"].map(lambda h: h[:12] + "…" if isinstance(h, str) else ""),
    })


def rollback_choices(releases: pd.DataFrame) -> list[int]:
    """Releases that can be restored: any release of a published dataset that is not already in force."""
    in_force = set(releases.groupby("dataset")["id"].max())
    known = releases["dataset"].isin([*DATASET_TABLES, ACTION_DATASET])
    return [int(i) for i in releases.loc[known & ~releases["id"].isin(in_force), "id"]]


def _named(rows: pd.DataFrame, names: dict[str, str], labels: dict[str, str]) -> pd.DataFrame:
    shown = rows.copy()
    shown.insert(1, "Wilayah", shown["kode_wilayah"].map(names))
    if "indikator" in shown:
        shown["indikator"] = shown["indikator"].map(lambda i: labels.get(i, i))
    for column in ("tahun", "desil"):
        if column in shown:
            shown[column] = pd.to_numeric(shown[column]).astype("Int64")
    if "bulan" in shown:  # an empty month for a yearly figure, not "None"
        shown["bulan"] = pd.to_numeric(shown["bulan"]).astype("Int64").astype("string").fillna("")
    if "ukuran" in shown:
        shown["ukuran"] = shown["ukuran"].map(lambda u: MEASURE_LABELS.get(u, u))
    return shown.rename(columns=KEY_LABELS)


def changes_table(difference: Difference, names: dict[str, str], labels: dict[str, str], limit: int = 20
                  ) -> pd.DataFrame:
    """The largest changes, with area names and indicator labels: what a reviewer checks before publishing."""
    top = difference.changed.head(limit).rename(columns={"sebelum": "Sebelum", "sesudah": "Sesudah", "selisih": "Selisih"})
    return _named(top, names, labels)


def rows_table(rows: pd.DataFrame, kind: UploadKind, names: dict[str, str], labels: dict[str, str]) -> pd.DataFrame:
    return _named(rows[[*kind.keys, kind.value]], names, labels)


def rollback_labels(releases: pd.DataFrame) -> dict[int, str]:
    """How the rollback picker names each release: number, dataset, time in WITA, who, file."""
    return {int(r.id): " · ".join([f"Rilis {r.id}", DATASET_LABELS.get(r.dataset, r.dataset), fmt.wita(r.dibuat_pada),
                                   str(r.oleh), r.nama_berkas if isinstance(r.nama_berkas, str) else "tanpa berkas"])
            for r in releases.itertuples()}


TOTAL_LABELS = {"program": "Program", "tahun": "Tahun", "ukuran": "Ukuran", "kecamatan": "Kecamatan", "indikator": "Indikator",
                "rumah_tangga_sebelum": "Rumah tangga sebelum", "rumah_tangga_sesudah": "Rumah tangga sesudah",
                "penerima_sebelum": "Penerima sebelum", "penerima_sesudah": "Penerima sesudah",
                "wilayah_sebelum": "Wilayah sebelum", "wilayah_sesudah": "Wilayah sesudah",
                "nilai_sebelum": "Jumlah nilai sebelum", "nilai_sesudah": "Jumlah nilai sesudah"}


def totals_table(totals: pd.DataFrame, names: dict[str, str], labels: dict[str, str]) -> pd.DataFrame:
    """Totals before and after per programme, year and kecamatan (or indicator and year), in Indonesian."""
    shown = totals.copy()
    if "kecamatan" in shown:
        shown["kecamatan"] = shown["kecamatan"].map(lambda code: names.get(code, code))
    if "indikator" in shown:
        shown["indikator"] = shown["indikator"].map(lambda i: labels.get(i, i))
    if "ukuran" in shown:
        shown["ukuran"] = shown["ukuran"].map(lambda u: MEASURE_LABELS.get(u, u))
    counts = [c for c in shown.columns if c.endswith(("_sebelum", "_sesudah")) and not c.startswith("nilai")]
    shown[counts] = shown[counts].astype("Int64")
    return shown.rename(columns=TOTAL_LABELS)


WARNING_LABELS = {"peringatan": "Peringatan", "ukuran": "Ukuran", "tahun": "Tahun", "desil": "Desil", "kolom": "Angka",
                  "sebelum": "Sebelum", "sesudah": "Sesudah"}


def warnings_table(warnings: pd.DataFrame, names: dict[str, str], labels: dict[str, str]) -> pd.DataFrame:
    """One line per implausible change: what, where (area and its code), which figure, before and after."""
    shown = pd.DataFrame({"Peringatan": warnings["peringatan"],
                          "Wilayah": warnings["kode_wilayah"].map(lambda code: names.get(code, code)),
                          "Kode": warnings["kode_wilayah"]})
    # A warning is about an indicator or a programme; the column of the other is empty (all-empty: float NaN).
    indicator = warnings["indikator"].astype(object).map(lambda i: labels.get(i, i), na_action="ignore")
    what = indicator.where(indicator.notna(), warnings["program"].astype(object))
    shown["Indikator/program"] = what
    shown[WARNING_LABELS["ukuran"]] = warnings["ukuran"].map(lambda u: MEASURE_LABELS.get(u, u), na_action="ignore")
    for column in ("tahun", "desil", "kolom", "sebelum", "sesudah"):
        shown[WARNING_LABELS[column]] = warnings[column]
    for column in ("Tahun", "Desil"):
        shown[column] = pd.to_numeric(shown[column]).astype("Int64")
    return shown.dropna(axis=1, how="all")


def aliases_table(aliases: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """Saved spellings of area names, newest first: who confirmed each and when (none for the shipped ones)."""
    ordered = aliases.sort_values("dibuat_pada", ascending=False, na_position="last", kind="stable")
    return pd.DataFrame({
        "Ejaan": ordered["alias"],
        "Wilayah": ordered["kode"].map(lambda code: names.get(code, code)),
        "Kode": ordered["kode"],
        "Oleh": ordered["oleh"].fillna("(bawaan)"),
        "Waktu": ordered["dibuat_pada"].map(lambda t: fmt.wita(t) if pd.notna(t) else ""),
        "Catatan": ordered["catatan"].fillna(""),
    })


def indicator_registry(indicators: pd.DataFrame) -> pd.DataFrame:
    """The indicator registry as staff check it: id, name, unit, decimals, direction, level, source."""
    arrows = {True: "lebih rendah lebih baik", False: "lebih tinggi lebih baik"}
    return pd.DataFrame({
        "Kode": indicators["id"], "Nama": indicators["label_id"], "Satuan": indicators["satuan"],
        "Desimal": indicators["desimal"],
        "Arah": indicators["lebih_rendah_lebih_baik"].map(lambda v: arrows.get(v if v is None or v == v else None, "netral")),
        "Tingkat": indicators["tingkat"].fillna(""), "Sumber": indicators["sumber"],
    })


def indicator_history(history: pd.DataFrame) -> pd.DataFrame:
    """Changes to the registry, newest first: when (WITA), who, which indicator, each field's old → new value."""
    def described(changes: str) -> str:
        return "; ".join(f"{field}: {'(baru)' if old is None else old} → {new}"
                         for field, (old, new) in json.loads(changes).items())
    return pd.DataFrame({"Waktu": history["diubah_pada"].map(fmt.wita), "Oleh": history["oleh"],
                         "Indikator": history["indikator"], "Perubahan": history["perubahan"].map(described)})
