"""What kind of figure each number is, and the one place that turns the rows shown into their provenance.

Every published row carries a provenance kind in its `status` column: a BPS release, a BPS figure as the media
reported it, an official's statement, a derived estimate, an unverified figure, an agency's own data, demo data.
Pages, slides, profiles, downloads and exported pictures all describe what they show through `of(rows, ...)`, so
no two places decide the source line or the demo label by rules of their own.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from urllib.parse import urlparse

import pandas as pd

from lib.core import fmt
from lib.core.i18n import t

RELEASE = "rilis_bps"  # an official BPS table or release (BRS), at its BPS address
MEDIA = "bps_media"  # a BPS figure as a news outlet or government portal reported it
STATEMENT = "pernyataan"  # an official's statement, not a BPS release
ESTIMATE = "estimasi"  # derived from published figures; the note says how
UNVERIFIED = "belum_terverifikasi"  # only a weak source (a wiki mirror, a document-sharing site, a blog)
AGENCY = "data_opd"  # uploaded by an agency (OPD) through Kelola Data
AGENCY_MEDIA = "data_opd_media"  # an agency's count as the media reported it
DEMO = "contoh"  # the generated demo dataset

# Strongest first: the order kinds are listed in, and the order a primary source is chosen by.
KINDS = (RELEASE, MEDIA, AGENCY, AGENCY_MEDIA, STATEMENT, ESTIMATE, UNVERIFIED, DEMO)
# Kinds that cannot show a target met or missed: a statement is not a measurement, demo data is not real.
NOT_JUDGED_AGAINST_TARGETS = (STATEMENT, DEMO)
# Stores made before kinds existed marked every published row `resmi`; rows uploaded by staff were those.
LEGACY_PUBLISHED = "resmi"

# Two reports of one observation differ when they differ at the precision anything is published with.
_SAME_VALUE_TOLERANCE = 1e-9


def kind_label(kind: str, lang: str) -> str:
    """`rilis BPS`, `angka BPS via media`, ...; an unknown kind (a newer store) is shown as written."""
    key = f"kind.{kind}"
    try:
        return t(key, lang)
    except KeyError:
        return kind


def source_label(url: str) -> str:
    """A short, readable source: the web site's host (`kaltim.antaranews.com`), or the text as written."""
    host = urlparse(str(url)).netloc
    return host.removeprefix("www.") or str(url)


@dataclass(frozen=True)
class Report:
    """Another report of an observation: the same value (a further source) or a different one (a conflict)."""

    value: float
    source: str
    kind: str
    note: str | None = None


def other_reports(cell: object) -> list[Report]:
    """The `sumber_lain` JSON of a `nilai` row as reports; nothing for an empty cell."""
    if cell is None or (isinstance(cell, float) and math.isnan(cell)) or not str(cell).strip():
        return []
    return [Report(float(item["nilai"]), str(item["sumber"]), str(item["jenis"]), item.get("catatan"))
            for item in json.loads(str(cell))]


def reports_json(reports: Iterable[Report]) -> str | None:
    """The inverse of `other_reports`, for storing; None when there are none."""
    items = [{"nilai": r.value, "sumber": r.source, "jenis": r.kind, "catatan": r.note} for r in reports]
    return json.dumps(items, ensure_ascii=False) if items else None


def conflicts(value: float, cell: object) -> list[Report]:
    """The reports of the same observation that give another value than the one shown."""
    return [r for r in other_reports(cell) if abs(r.value - value) > _SAME_VALUE_TOLERANCE]


def reports_text(reports: Iterable[Report], format_value: Callable[[float], str], lang: str) -> str:
    """`databoks.katadata.co.id (angka BPS via media): 8,79 %; ...` (plain text, for hovers and downloads)."""
    return "; ".join(f"{source_label(r.source)} ({kind_label(r.kind, lang)}): {format_value(r.value)}" for r in reports)


def _distinct(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(item for item in items if item and not (isinstance(item, float) and math.isnan(item))))


def _kind_rank(kind: str) -> int:
    return KINDS.index(kind) if kind in KINDS else len(KINDS)


@dataclass(frozen=True)
class Provenance:
    """Where the figures shown come from: kinds, sources (primary first), demo or not, the release in force."""

    kinds: tuple[str, ...]
    sources: tuple[str, ...]
    demo: bool
    conflicts: int  # shown observations another source reports differently
    release: int | None
    released_at: object | None  # a UTC time from the store

    @property
    def primary_source(self) -> str | None:
        return self.sources[0] if self.sources else None

    @property
    def other_sources(self) -> int:
        return max(len(self.sources) - 1, 0)

    def kind_text(self, lang: str) -> str:
        return ", ".join(kind_label(kind, lang) for kind in self.kinds)

    def source_text(self, lang: str) -> str:
        """`kutimkab.bps.go.id + 12 sumber lain` (plain text)."""
        if self.primary_source is None:
            return "–"
        text = source_label(self.primary_source)
        return text + (" " + t("provenance.more_sources", lang, n=self.other_sources) if self.other_sources else "")

    def stamp(self, lang: str) -> str:
        """`rilis 5, 28 November 2026 09.12 WITA`; empty before any release."""
        if self.release is None:
            return ""
        when = fmt.wita(self.released_at, lang) if self.released_at is not None else ""
        return t("provenance.stamp", lang, release=self.release, time=when).rstrip(", ")

    def line(self, lang: str) -> str:
        """Everything in one plain line, for pictures, downloads and print: source, kind, release, demo label."""
        parts = [f"{t('source', lang)}: {self.source_text(lang)}"] if self.primary_source else []
        parts.append(f"{t('provenance.kind', lang)}: {self.kind_text(lang)}")
        if self.conflicts:
            parts.append(t("provenance.conflicts", lang, n=self.conflicts))
        if self.release is not None:
            parts.append(self.stamp(lang))
        if self.demo:
            parts.append(t("demo_label", lang))
        return " · ".join(parts)


def of(rows: pd.DataFrame, releases: pd.DataFrame, extra_sources: Iterable[str] = ()) -> Provenance:
    """The provenance of exactly `rows` (any published table: `sumber`, `status`, optionally `rilis_id` and
    `sumber_lain`), with the release they belong to from `releases` (the store's current releases).

    The primary source is the most used source of the strongest kind shown; `extra_sources` (a target's
    document, say) are listed after the rows' own. Demo rows are named by the demo label, not as a source.
    """
    if rows.empty:
        kinds, sources, demo, conflicting = (), _distinct(extra_sources), False, 0
    else:
        # Plain Python over the two columns: a pandas group-by cost ~5 ms a call, on every uncached view.
        statuses = [str(status) for status in rows["status"].tolist()]
        kinds = tuple(sorted(dict.fromkeys(statuses), key=_kind_rank))
        rank_and_uses: dict[str, tuple[int, int]] = {}
        for source, status in zip(rows["sumber"].tolist(), statuses):
            # Demo rows' "source" is the demo statement the demo label already makes: not listed as a source.
            if status == DEMO or not isinstance(source, str) or not source:
                continue
            rank, uses = rank_and_uses.get(source, (_kind_rank(status), 0))
            rank_and_uses[source] = (min(rank, _kind_rank(status)), uses + 1)
        primary_first = sorted(rank_and_uses, key=lambda source: (rank_and_uses[source][0], -rank_and_uses[source][1]))
        sources = _distinct([*primary_first, *extra_sources])
        demo = DEMO in kinds
        conflicting = 0
        if "sumber_lain" in rows.columns:
            # only rows with other reports: a table joined with programme rows has thousands of empty cells
            reported = rows[rows["sumber_lain"].notna()]
            conflicting = sum(bool(conflicts(v, c)) for v, c in zip(reported["nilai"], reported["sumber_lain"]))
    release, released_at = _release_of(rows, releases)
    return Provenance(tuple(kinds), tuple(sources), demo, conflicting, release, released_at)


def led_by(shown: Provenance, lead: Provenance) -> Provenance:
    """`shown` naming `lead`'s sources first. A figure titled with one area's finding (Kutim's line beside Kaltim's
    and Indonesia's) cites that area's source, not the most used one among the others' stronger kinds."""
    return replace(shown, sources=tuple(dict.fromkeys([*lead.sources, *shown.sources])))


def _release_of(rows: pd.DataFrame, releases: pd.DataFrame) -> tuple[int | None, object | None]:
    """The newest release among those the rows come from (all releases in force when the rows do not say)."""
    if releases.empty:
        return None, None
    ids = releases["id"].tolist()
    if "rilis_id" in rows.columns and not rows.empty:
        own = set(rows["rilis_id"].tolist())
        ids = [release for release in ids if release in own] or ids
    newest = max(ids)
    return int(newest), releases.loc[releases["id"] == newest, "dibuat_pada"].iloc[0]
