"""What a publish would change: the next release of a dataset from an upload, and its difference from today's.

A release holds every row of its dataset, so the new release is the current rows combined with the upload:
`perbarui` adds the file's rows and replaces rows with the same key; `ganti` also removes the rows the file
covers (the same indicator, year and area level, or the same programme and year) but does not contain.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from lib.core.wilayah import AreaRegistry
from lib.ingest.problems import Problem
from lib.ingest.rules import INDICATOR_VALUES, UploadKind

_MISSING_KEY = -1  # a yearly value has no month; keys compare it as -1


def _key_frame(rows: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    keys = rows[list(columns)].copy()
    for column in columns:
        if pd.api.types.is_numeric_dtype(keys[column]):
            keys[column] = keys[column].astype("Float64").fillna(_MISSING_KEY).astype(int)
        else:
            keys[column] = keys[column].astype(str)
    return keys


def _key_index(rows: pd.DataFrame, columns: tuple[str, ...]) -> pd.MultiIndex:
    # A hashed index, so a 60,000-row dataset is compared without a Python loop.
    return pd.MultiIndex.from_frame(_key_frame(rows, columns))


def _with_level(rows: pd.DataFrame, areas: AreaRegistry) -> pd.DataFrame:
    return rows.assign(level=rows["kode_wilayah"].map(areas.areas["level"]))


def next_release(kind: UploadKind, current: pd.DataFrame, upload: pd.DataFrame, mode: str,
                 areas: AreaRegistry) -> pd.DataFrame:
    """All rows of the dataset after publishing `upload` in `mode` (`perbarui` or `ganti`)."""
    keep = ~_key_index(current, kind.keys).isin(_key_index(upload, kind.keys))
    if mode == "ganti":
        scope_current, scope_upload = _with_level(current, areas), _with_level(upload, areas)
        keep &= ~_key_index(scope_current, kind.scope).isin(_key_index(scope_upload, kind.scope))
    elif mode != "perbarui":
        raise ValueError(f"unknown publish mode {mode!r}")
    combined = pd.concat([current[keep], upload[current.columns]], ignore_index=True)
    return combined.sort_values(list(kind.keys), kind="stable", ignore_index=True)


def period_conflicts(kind: UploadKind, current: pd.DataFrame, upload: pd.DataFrame) -> list[Problem]:
    """Indicator rows whose year is published as a yearly figure and the file gives a month, or the reverse.

    Both would stay and the area would show two values for one year, so the file is refused instead.
    """
    if kind is not INDICATOR_VALUES or current.empty:
        return []
    year_key = ["kode_wilayah", "indikator", "tahun"]
    published = current.assign(tahunan=current["bulan"].isna()).groupby(year_key)["tahunan"].agg(["any", "all"])
    both = upload.rename_axis("baris").reset_index().merge(published.reset_index(), on=year_key)
    problems = []
    for row in both[both["bulan"].isna() & ~both["any"]].itertuples():
        problems.append(Problem("Data yang berlaku untuk tahun ini per bulan, berkas menulisnya tahunan.",
                                "Isi kolom bulan (misalnya 3 untuk Maret) agar nilai bulan itu yang diganti.",
                                int(row.baris), "bulan", None))
    for row in both[both["bulan"].notna() & both["all"]].itertuples():
        problems.append(Problem("Data yang berlaku untuk tahun ini tahunan (tanpa bulan), berkas menulis bulan.",
                                "Kosongkan kolom bulan agar nilai tahunan yang diganti; dua nilai untuk satu tahun "
                                "akan tampil ganda.", int(row.baris), "bulan", str(row.bulan)))
    return sorted(problems, key=lambda problem: problem.baris)


@dataclass(frozen=True)
class Difference:
    added: pd.DataFrame
    changed: pd.DataFrame  # keys, `sebelum`, `sesudah`, `selisih` of the kind's value; largest change first
    removed: pd.DataFrame
    unchanged: int

    @property
    def empty(self) -> bool:
        return self.added.empty and self.changed.empty and self.removed.empty


def difference(kind: UploadKind, before: pd.DataFrame, after: pd.DataFrame) -> Difference:
    """Rows added, changed (any column) and removed between two versions of a dataset."""
    keys = list(kind.keys)
    left = before.set_axis(_key_index(before, kind.keys))
    right = after.set_axis(_key_index(after, kind.keys))
    added = right[~right.index.isin(left.index)]
    removed = left[~left.index.isin(right.index)]
    common = right.index[right.index.isin(left.index)]
    compared = [c for c in right.columns if c not in keys]
    old, new = left.reindex(common)[compared], right.reindex(common)[compared]
    differs = ~((old == new) | (old.isna() & new.isna())).fillna(False).all(axis=1)
    changed = right.loc[common[differs.to_numpy()], keys].copy()
    changed["sebelum"] = old.loc[differs, kind.value].to_numpy()
    changed["sesudah"] = new.loc[differs, kind.value].to_numpy()
    # Rounded so 7.77 - 8.07 is -0.3, not -0.3000000000000007, when copied from the table.
    changed["selisih"] = (pd.to_numeric(changed["sesudah"]) - pd.to_numeric(changed["sebelum"])).astype(float).round(9)
    changed = changed.sort_values("selisih", key=lambda s: s.abs(), ascending=False, kind="stable")
    return Difference(added.reset_index(drop=True), changed.reset_index(drop=True), removed.reset_index(drop=True),
                      int((~differs).sum()))


# --- checks a reviewer confirms before publishing ----------------------------------------------------------

# The numbers each dataset's rows carry; a recap's count and Rupiah are both `nilai`, told apart by `ukuran`.
COUNTS = {"program": ("rumah_tangga", "penerima"), "nilai": ("nilai",), "penerima": ("nilai",)}
FALL_SHARE = 0.5  # a number falling below half of what is published
JUMP_SHARE = 0.5  # or rising by more than half of it
MIN_COUNT = 10  # programme counts smaller than this move by chance (3 -> 1), not by a wrong file
WARNING_COLUMNS = ["peringatan", "kode_wilayah", "indikator", "program", "ukuran", "tahun", "desil", "kolom", "sebelum",
                   "sesudah"]
_SCOPES = {"program": ["program", "tahun"], "penerima": ["program", "tahun", "ukuran"], "nilai": ["indikator", "tahun"]}
_COUNTED = ("program", "penerima")  # counts of households or recipients, summed per kecamatan


def _scope(kind: UploadKind) -> list[str]:
    return _SCOPES[kind.dataset]


def _kecamatan(codes: pd.Series) -> pd.Series:
    # A desa's kecamatan, a kecamatan itself; a count published for all Kutim stays Kutim.
    return codes.str.split(".").str[:3].str.join(".")


def totals(kind: UploadKind, before: pd.DataFrame, after: pd.DataFrame, upload: pd.DataFrame) -> pd.DataFrame:
    """Sums before and after a publish for what the file touches: per programme, year and kecamatan (households
    and recipients; a recap's recipients and Rupiah per measure too), or per indicator and year (areas with a
    value, and the sum of values)."""
    scope = _scope(kind)
    touched = upload[scope].drop_duplicates()
    counts = COUNTS[kind.dataset]

    def summed(rows: pd.DataFrame) -> pd.DataFrame:
        rows = rows.merge(touched, on=scope)
        if kind.dataset in _COUNTED:
            rows = rows.assign(kecamatan=_kecamatan(rows["kode_wilayah"]))
            return rows.groupby([*scope, "kecamatan"])[list(counts)].sum()
        return rows.groupby(scope).agg(wilayah=("kode_wilayah", "nunique"), nilai=("nilai", "sum"))

    table = summed(before).merge(summed(after), how="outer", left_index=True, right_index=True,
                                 suffixes=("_sebelum", "_sesudah"))
    return table.fillna(0).reset_index()


def warnings(kind: UploadKind, before: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    """Changes that are more often a wrong file than a real change: a number falling below half or rising by more
    than half, recipients above households, an area's figures disappearing. One row per finding."""
    found = []
    left = before.set_axis(_key_index(before, kind.keys))
    right = after.set_axis(_key_index(after, kind.keys))
    common = right.index[right.index.isin(left.index)]
    old, new = left.reindex(common), right.reindex(common)
    least = MIN_COUNT if kind.dataset in _COUNTED else 0
    for column in COUNTS[kind.dataset]:
        was, now = pd.to_numeric(old[column]).astype(float), pd.to_numeric(new[column]).astype(float)
        fell = (was >= max(least, 1e-12)) & (now < was * FALL_SHARE)
        rose = (was > 0) & (was >= least) & (now > was * (1 + JUMP_SHARE))
        for mask, text in ((fell, "Turun lebih dari separuh"), (rose, "Naik lebih dari 50 %")):
            found.append(new.loc[mask.to_numpy()].assign(peringatan=text, kolom=column, sebelum=was[mask].to_numpy(),
                                                          sesudah=now[mask].to_numpy()))
    if {"penerima", "rumah_tangga"} <= set(after.columns):
        # Only rows the file brings: one published so already is not this file's doing.
        same = ((new == old) | (new.isna() & old.isna())).all(axis=1)
        fresh = pd.concat([right[~right.index.isin(left.index)], new[~same.to_numpy()]])
        above = fresh[pd.to_numeric(fresh["penerima"]) > pd.to_numeric(fresh["rumah_tangga"])]
        found.append(above.assign(peringatan="Penerima lebih banyak dari rumah tangga", kolom="penerima",
                                  sebelum=above["rumah_tangga"], sesudah=above["penerima"]))
    gone = left[~left.index.isin(right.index)].reset_index(drop=True)
    if len(gone):
        area = ["kode_wilayah", *_scope(kind)]
        lost = gone.groupby(area, as_index=False)[COUNTS[kind.dataset][-1]].sum()
        found.append(lost.assign(peringatan="Wilayah ini tidak lagi punya angka", kolom=COUNTS[kind.dataset][-1],
                                 sebelum=lost[COUNTS[kind.dataset][-1]], sesudah=None))
    found = [frame for frame in found if len(frame)]
    if not found:
        return pd.DataFrame(columns=WARNING_COLUMNS)
    return pd.concat(found, ignore_index=True).reindex(columns=WARNING_COLUMNS)
