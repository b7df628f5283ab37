"""The report: each project figure beside the floor's from the same run, the machine it ran on, and a table."""

from __future__ import annotations

import os
import platform
import subprocess
from pathlib import Path

import streamlit

RATIO_FIELDS = {"p50": "p50_ms", "p95": "p95_ms", "peak_rss": "peak_rss_mb"}
TABLE_COLUMNS = (
    ("scenario", None), ("changes", "changes"), ("errors", "errors"), ("p50 ms", "p50_ms"), ("p95 ms", "p95_ms"),
    ("max ms", "max_ms"), ("kB/change", "mean_bytes_per_change"), ("CPU ms/change", "server_cpu_ms_per_change"),
    ("idle cores", "idle_server_cores"), ("peak RSS MB", "peak_rss_mb"),
)
RATIO_COLUMNS = (("p50 ×floor", "p50"), ("p95 ×floor", "p95"), ("RSS ×floor", "peak_rss"))


def floor_of(scenario: str) -> str:
    """The floor row a scenario is compared with: single-floor for single-*, crowd-floor for every crowd."""
    return "single-floor" if scenario.startswith("single-") else "crowd-floor"


def ratio(value: float | None, floor: float | None) -> float | None:
    if value is None or not floor:
        return None
    return round(value / floor, 2)


def with_floor_ratios(rows: dict[str, dict]) -> dict[str, dict]:
    """Every project row with `ratio_to_floor` (p50, p95, peak RSS), when its floor row ran."""
    result = {}
    for name, row in rows.items():
        floor = rows.get(floor_of(name))
        if row.get("target") == "project" and floor is not None:
            row = {**row, "ratio_to_floor": {key: ratio(row.get(field), floor.get(field))
                                             for key, field in RATIO_FIELDS.items()}}
        result[name] = row
    return result


def machine() -> dict:
    return {"nproc": os.cpu_count(), "python": platform.python_version(), "streamlit": streamlit.__version__,
            "platform": platform.platform(), "loadavg_1m_at_start": round(os.getloadavg()[0], 2)}


def git_state(repo: Path) -> dict:
    """The commit, and whether the working tree differed from it (others' edits in progress count)."""
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, timeout=30).stdout.strip()

    return {"commit": git("rev-parse", "HEAD"), "dirty": bool(git("status", "--porcelain", "--untracked-files=no"))}


def _cell(value: object) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def markdown_table(rows: dict[str, dict]) -> str:
    """One line per scenario row; bytes in kB; the ratio columns only for project rows."""
    header = [title for title, _ in TABLE_COLUMNS] + [title for title, _ in RATIO_COLUMNS]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for name, row in rows.items():
        cells = [name]
        for _, field in TABLE_COLUMNS[1:]:
            value = (row.get("idle") or {}).get("server_cores") if field == "idle_server_cores" else row.get(field)
            cells.append(_cell(round(value / 1000, 1) if field == "mean_bytes_per_change" and value else value))
        ratios = row.get("ratio_to_floor", {})
        cells += [_cell(ratios.get(key)) for _, key in RATIO_COLUMNS]
        lines.append("| " + " | ".join(cells) + " |")
        if "after_publish" in row:
            after = row["after_publish"]
            lines.append(f"| ↳ publish..+{after['window_s']} s | {after['changes']} | {after['failed_changes']} | "
                         f"{_cell(after['p50_ms'])} | {_cell(after['p95_ms'])} | {_cell(after['max_ms'])} |"
                         + " |" * (len(header) - 6))
    return "\n".join(lines)


def publish_notes(rows: dict[str, dict]) -> list[str]:
    """A line per scenario that published: when, how long it took, and how soon the pages showed it."""
    notes = []
    for name, row in rows.items():
        if "release_visible" in row:
            publish, visible = row["publish"], row["release_visible"]
            notes.append(f"{name}: release {publish['release']} committed {publish['committed_at_s']} s into the "
                         f"window (publishing took {publish['took_s']} s); shown on {visible['viewers_seen']} of "
                         f"{visible['of_viewers']} pages after p50 {_cell(visible['p50_s'])} s, p95 "
                         f"{_cell(visible['p95_s'])} s, max {_cell(visible['max_s'])} s")
    return notes


def kill_notes(rows: dict[str, dict]) -> list[str]:
    """A line per scenario that killed a replica: its viewers' fates, how soon they were back, the changes before
    and after, and whether the release published after the kill was kept and shown."""
    notes = []
    for name, row in rows.items():
        if "kill" in row:
            kill, back, kept = row["kill"], row["back_after_kill"], row["published_kept"]
            before, after = row["before_kill"], row["after_kill"]
            shown = ", ".join(f"{group} {seen['viewers_seen']}/{seen['of_viewers']}"
                              for group, seen in kept["shown_on"].items())
            notes.append(f"{name}: replica {kill['replica']} (of {kill['viewers_per_replica']}) SIGKILLed "
                         f"{kill['at_s']} s into the window, restarted: {kill['restarted_in_this_run']}; fates "
                         f"{row['fates']}; back after p50 {_cell(back['p50_s'])} s, p95 {_cell(back['p95_s'])} s, "
                         f"max {_cell(back['max_s'])} s; changes before/after the kill {before['changes']}/"
                         f"{after['changes']} (failed {before['failed_changes']}/{after['failed_changes']}), p50 "
                         f"{_cell(before['p50_ms'])}/{_cell(after['p50_ms'])} ms, p95 {_cell(before['p95_ms'])}/"
                         f"{_cell(after['p95_ms'])} ms; release {kept['release']} newest in the store: "
                         f"{kept['kept']}, shown on {shown}")
    return notes
