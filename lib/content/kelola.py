"""Tables the Kelola Data page shows: the release history and what a publish or rollback would change."""

from __future__ import annotations

import pandas as pd

from lib.core import fmt
from lib.core.store import DATASET_TABLES
from lib.ingest.publishing import Difference
from lib.ingest.rules import UploadKind

DATASET_LABELS = {"nilai": "Nilai indikator", "program": "Program per desa dan desil", "target": "Target"}
KEY_LABELS = {"kode_wilayah": "Kode", "indikator": "Indikator", "tahun": "Tahun", "bulan": "Bulan",
              "program": "Program", "desil": "Desil"}


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
    known = releases["dataset"].isin(DATASET_TABLES)
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
    return shown.rename(columns=KEY_LABELS)


def changes_table(difference: Difference, names: dict[str, str], labels: dict[str, str], limit: int = 20
                  ) -> pd.DataFrame:
    """The largest changes, with area names and indicator labels: what a reviewer checks before publishing."""
    top = difference.changed.head(limit).rename(columns={"sebelum": "Sebelum", "sesudah": "Sesudah", "selisih": "Selisih"})
    return _named(top, names, labels)


def rows_table(rows: pd.DataFrame, kind: UploadKind, names: dict[str, str], labels: dict[str, str]) -> pd.DataFrame:
    return _named(rows[[*kind.keys, kind.value]], names, labels)
