"""Rencana Aksi: the rakor's concrete steps (who does what, where, by when) and their progress, as plain tables.

The three tables are published together as one dataset (`aksi`), like every other published dataset: each change
is a new release, so history and rollback come with the store, and every server sees a change on its next run.
A change is a pure function of the tables in force (`Change`), so when two staff change steps at the same moment
the later one is applied again to the tables the earlier one published (`Store.publish` with `based_on`) instead
of overwriting them. Every change also yields its audit entries (who, when, and each field's old and new value).

Demo steps (status `contoh`) show how the page works until staff record real ones: the first real change removes
them all, so demo and real steps never mix.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pandas as pd

DATASET = "aksi"
DEMO = "contoh"  # the provenance kind of demo rows (lib.core.provenance)
RECORDED = "data_opd"  # steps recorded by staff: an agency's own data

# Kinds of responsible party, as the rakor names them.
PARTY_KINDS = ("opd", "perusahaan", "ormas", "mitra_pembangunan", "pemerintah_desa", "instansi_vertikal", "akademisi")
FUNDING_SOURCES = ("apbd", "apbdes_dd", "apbn", "csr", "lainnya")
# Statuses a progress report may give; "terlambat" also follows from the due date (`effective_status`).
STATUSES = ("direncanakan", "berjalan", "selesai", "terlambat", "dibatalkan")
CLOSED = ("selesai", "dibatalkan")
PLANNED = "direncanakan"
LATE = "terlambat"
AREA_SEPARATOR = ";"

RAKOR_COLUMNS = ("kode", "tanggal", "tempat", "pimpinan", "agenda", "status")
STEP_COLUMNS = ("kode", "rakor", "judul", "masalah", "ukuran", "program", "pelaksana", "jenis_pelaksana", "mitra",
                "wilayah", "indikator", "nilai_target", "mulai", "tenggat", "anggaran_rp", "sumber_dana", "status")
PROGRESS_COLUMNS = ("aksi", "tanggal", "status", "uraian", "bukti", "pelapor", "status_data")
TABLE_COLUMNS = {"rakor": RAKOR_COLUMNS, "aksi": STEP_COLUMNS, "kemajuan": PROGRESS_COLUMNS}


@dataclass(frozen=True)
class ActionTables:
    """The rakor, their steps and the steps' progress reports, as one release holds them."""

    rakor: pd.DataFrame
    steps: pd.DataFrame
    progress: pd.DataFrame

    @classmethod
    def empty(cls) -> ActionTables:
        return cls(*(pd.DataFrame(columns=list(columns)) for columns in TABLE_COLUMNS.values()))

    @classmethod
    def from_release(cls, tables: Mapping[str, pd.DataFrame]) -> ActionTables:
        """From the store's released tables (name -> rows); a table the release lacks is empty."""
        return cls(*(_typed(name, tables.get(name)) for name in TABLE_COLUMNS))

    def as_release(self) -> dict[str, pd.DataFrame]:
        return {"rakor": self.rakor, "aksi": self.steps, "kemajuan": self.progress}

    @property
    def is_demo(self) -> bool:
        """Whether every step shown is a demo step (no real one recorded yet)."""
        return len(self.steps) > 0 and bool((self.steps["status"] == DEMO).all())

    def without_demo(self) -> ActionTables:
        return ActionTables(self.rakor[self.rakor["status"] != DEMO], self.steps[self.steps["status"] != DEMO],
                            self.progress[self.progress["status_data"] != DEMO])


DATE_COLUMNS = {"rakor": ("tanggal",), "aksi": ("mulai", "tenggat"), "kemajuan": ("tanggal",)}


def _typed(name: str, frame: pd.DataFrame | None) -> pd.DataFrame:
    columns = list(TABLE_COLUMNS[name])
    if frame is None or frame.empty:
        return pd.DataFrame(columns=columns)
    frame = frame[columns].copy()
    for column in DATE_COLUMNS[name]:
        frame[column] = [as_date(value) for value in frame[column]]
    return frame.reset_index(drop=True)


def as_date(value: object) -> dt.date | None:
    """A date from what a store, a CSV or a form holds (date, datetime, ISO text); None when empty."""
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NaT or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def areas_of(cell: object) -> list[str]:
    """The area codes of a step's `wilayah` cell ("64.08.04;64.08.05.2001")."""
    if not isinstance(cell, str):
        return []
    return [code.strip() for code in cell.split(AREA_SEPARATOR) if code.strip()]


def latest_progress(progress: pd.DataFrame) -> pd.DataFrame:
    """Each step's newest progress report (the later row wins on the same date)."""
    if progress.empty:
        return progress
    ordered = progress.assign(_order=range(len(progress))).sort_values(["tanggal", "_order"], kind="stable")
    return ordered.groupby("aksi", sort=False).tail(1).drop(columns="_order").set_index("aksi", drop=False)


def effective_status(reported: str | None, due: dt.date | None, today: dt.date) -> str:
    """A step's status: the newest report's, except that an open step past its due date is late."""
    status = reported or PLANNED
    if status not in CLOSED and due is not None and due < today:
        return LATE
    return status


def with_status(tables: ActionTables, today: dt.date) -> pd.DataFrame:
    """The steps with `status_aksi` (effective status), `laporan_terakhir` (date of the newest report) and
    `uraian_terakhir` (what it said)."""
    latest = latest_progress(tables.progress)
    steps = tables.steps.copy()
    reported = steps["kode"].map(latest["status"]) if len(latest) else pd.Series(None, index=steps.index)
    steps["status_aksi"] = [effective_status(None if pd.isna(r) else r, due, today)
                            for r, due in zip(reported, steps["tenggat"], strict=True)]
    steps["laporan_terakhir"] = steps["kode"].map(latest["tanggal"]) if len(latest) else None
    steps["uraian_terakhir"] = steps["kode"].map(latest["uraian"]) if len(latest) else None
    return steps


# --- changes -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AuditEntry:
    table: str  # rakor, aksi or kemajuan
    key: str  # the rakor's or step's kode
    changes: dict  # field -> [old, new]; old is None for a new row

    def as_record(self, by: str, when: dt.datetime) -> dict:
        return {"tabel": self.table, "kode": self.key, "perubahan": json.dumps(self.changes, default=str,
                                                                             ensure_ascii=False),
                "oleh": by, "diubah_pada": when}


# A change: the tables in force -> the new tables and what changed. Applied again to newer tables when someone
# else published meanwhile.
Change = Callable[[ActionTables], tuple[ActionTables, list[AuditEntry]]]


class UnknownRecord(ValueError):
    """A change names a rakor or step the tables (no longer) hold."""


def _plain(value: object) -> object:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NaT:
        return None
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def _diff(old: Mapping[str, object] | None, new: Mapping[str, object]) -> dict:
    return {field: [None if old is None else _plain(old.get(field)), _plain(value)] for field, value in new.items()
            if old is None or _plain(old.get(field)) != _plain(value)}


def next_code(existing: pd.Series, prefix: str) -> str:
    """The next free code "<prefix>-001", "<prefix>-002", ... after the highest one with that prefix."""
    numbers = existing.astype(str).str.extract(rf"^{prefix}-(\d+)$")[0].dropna().astype(int)
    return f"{prefix}-{(numbers.max() + 1 if len(numbers) else 1):03d}"


def _real(tables: ActionTables) -> ActionTables:
    """The tables a staff change starts from: demo rows go with the first real change."""
    return tables.without_demo()


def add_rows(rakor: list[dict] = (), steps: list[dict] = (), progress: list[dict] = ()) -> Change:
    """Add new rakor, steps and progress reports (complete, validated records; steps and rakor without `kode` get the
    next free one, and a step's `rakor` may name a rakor added in the same change)."""

    def apply(tables: ActionTables) -> tuple[ActionTables, list[AuditEntry]]:
        base = _real(tables)
        audit: list[AuditEntry] = []
        new_rakor, new_steps = base.rakor, base.steps
        for record in rakor:
            record = {**record, "kode": record.get("kode") or next_code(new_rakor["kode"], "R"), "status": RECORDED}
            new_rakor = pd.concat([new_rakor, pd.DataFrame([record])[list(RAKOR_COLUMNS)]], ignore_index=True)
            audit.append(AuditEntry("rakor", record["kode"], _diff(None, record)))
        for record in steps:
            record = {**record, "kode": record.get("kode") or next_code(new_steps["kode"], "A"), "status": RECORDED}
            if record.get("rakor") and record["rakor"] not in set(new_rakor["kode"]):
                raise UnknownRecord(f"rakor {record['rakor']}")
            new_steps = pd.concat([new_steps, pd.DataFrame([record])[list(STEP_COLUMNS)]], ignore_index=True)
            audit.append(AuditEntry("aksi", record["kode"], _diff(None, record)))
        new_progress = base.progress
        for record in progress:
            if record["aksi"] not in set(new_steps["kode"]):
                raise UnknownRecord(f"aksi {record['aksi']}")
            record = {**record, "status_data": RECORDED}
            new_progress = pd.concat([new_progress, pd.DataFrame([record])[list(PROGRESS_COLUMNS)]], ignore_index=True)
            audit.append(AuditEntry("kemajuan", record["aksi"], _diff(None, record)))
        return ActionTables(new_rakor, new_steps, new_progress), audit

    return apply


def update_step(code: str, fields: Mapping[str, object]) -> Change:
    """Change some fields of one step (only the fields given; the others stay as published, also when someone else
    changed them meanwhile)."""

    def apply(tables: ActionTables) -> tuple[ActionTables, list[AuditEntry]]:
        base = _real(tables)
        found = base.steps.index[base.steps["kode"] == code]
        if len(found) != 1:
            raise UnknownRecord(f"aksi {code}")
        old = base.steps.loc[found[0]].to_dict()
        changes = _diff(old, {field: value for field, value in fields.items() if field in STEP_COLUMNS})
        steps = base.steps.copy()
        for field, (_, new) in changes.items():
            steps.at[found[0], field] = new
        return ActionTables(base.rakor, steps, base.progress), [AuditEntry("aksi", code, changes)] if changes else []

    return apply


def restore(earlier: ActionTables) -> Change:
    """Roll back: the tables of an earlier release in force again, audited as the changes that makes to each rakor
    and step (a row that comes back, goes, or differs) and to each step's number of progress reports."""

    def apply(tables: ActionTables) -> tuple[ActionTables, list[AuditEntry]]:
        audit = [*_row_changes("rakor", tables.rakor, earlier.rakor), *_row_changes("aksi", tables.steps, earlier.steps)]
        now, then = (frame["aksi"].value_counts() for frame in (tables.progress, earlier.progress))
        audit += [AuditEntry("kemajuan", str(code), {"laporan": [int(now.get(code, 0)), int(then.get(code, 0))]})
                  for code in sorted(set(now.index) | set(then.index)) if now.get(code, 0) != then.get(code, 0)]
        return earlier, audit

    return apply


def _row_changes(table: str, current: pd.DataFrame, earlier: pd.DataFrame) -> list[AuditEntry]:
    now, then = (frame.set_index("kode", drop=False).to_dict(orient="index") for frame in (current, earlier))
    entries = []
    for code in sorted(set(now) | set(then)):
        if code not in then:  # gone with the rollback
            changes = {field: [_plain(value), None] for field, value in now[code].items() if _plain(value) is not None}
        else:
            changes = _diff(now.get(code), then[code])
        if changes:
            entries.append(AuditEntry(table, code, changes))
    return entries


def demo_tables(rakor: pd.DataFrame, steps: pd.DataFrame, progress: pd.DataFrame) -> ActionTables:
    """The shipped demo steps, all marked `contoh`."""
    return ActionTables.from_release({"rakor": rakor.assign(status=DEMO), "aksi": steps.assign(status=DEMO),
                                      "kemajuan": progress.assign(status_data=DEMO)})


# How often a change is applied again when other staff published Rencana Aksi between its read and its write.
PUBLISH_TRIES = 5


def publish_change(store, change: Change, *, by: str, note: str) -> int:
    """Apply `change` to the Rencana Aksi in force and publish the result as a new release with its audit entries.

    When someone else published meanwhile (`StaleRelease`), the change is applied again to their tables, so neither
    change is lost; a change that no longer applies (its step was removed) raises `UnknownRecord`.
    """
    from lib.core.store import StaleRelease  # the store imports nothing of this module; keep it that way

    for _ in range(PUBLISH_TRIES):
        based_on = store.current_release_id(DATASET)
        tables, audit = change(ActionTables.from_release(store.current_tables(DATASET)))
        when = dt.datetime.now(dt.UTC)
        try:
            return store.publish(DATASET, tables.as_release(), by=by, note=note, based_on=based_on,
                                 audit=[entry.as_record(by, when) for entry in audit])
        except StaleRelease:
            continue
    raise RuntimeError(f"Rencana Aksi changed {PUBLISH_TRIES} times while a change was being published")


# --- where steps are, and where they are missing ----------------------------------------------------------

PRIORITY_SHARE = 0.2  # the worst fifth of the areas of a level are its high-need areas


def _reaches(named: str, code: str) -> bool:
    return code == named or code.startswith(named + ".") or named.startswith(code + ".")


def reaches(cell: object, code: str) -> bool:
    """Whether a step's `wilayah` cell reaches area `code`: names it, a wider area that contains it (Kutim, its
    kecamatan), or a desa inside it."""
    return any(_reaches(named, code) for named in areas_of(cell))


def covered_areas(steps: pd.DataFrame, codes: list[str]) -> set[str]:
    """Which of `codes` a step (not cancelled) `reaches`. `steps` need `wilayah` and `status_aksi` (`with_status`)."""
    named = {code for cell, status in zip(steps["wilayah"], steps["status_aksi"], strict=True) if status != "dibatalkan"
             for code in areas_of(cell)}
    return {code for code in codes if any(_reaches(other, code) for other in named)}


def high_need(need: pd.DataFrame, lower_is_better: bool, share: float = PRIORITY_SHARE) -> set[str]:
    """The areas of `need` (columns kode, nilai) among the worst `share` by value, at least one, ties with the last
    one included; an area without a value is never among them."""
    known = need.dropna(subset=["nilai"])
    if known.empty:
        return set()
    worst_first = known.sort_values("nilai", ascending=not lower_is_better, kind="stable")
    cutoff = worst_first["nilai"].iloc[max(1, math.ceil(len(known) * share)) - 1]
    chosen = known["nilai"] >= cutoff if lower_is_better else known["nilai"] <= cutoff
    return set(known.loc[chosen, "kode"])


def priority_without_step(need: pd.DataFrame, lower_is_better: bool, steps: pd.DataFrame) -> set[str]:
    """High-need areas (`high_need`) that no step reaches (`covered_areas`)."""
    urgent = high_need(need, lower_is_better)
    return urgent - covered_areas(steps, sorted(urgent))
