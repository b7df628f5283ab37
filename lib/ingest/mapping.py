"""The column-mapping step: files whose headings do not fit an upload kind, mapped by staff and then checked as usual.

A file is read once with every heading the upload kinds know, so its header row is found; staff then say what each
column holds (an area, the year, an indicator's values, a programme's recipients, ...). The page proposes that from
the headings (fuzzy, rapidfuzz) or from the mapping saved for the same file shape. A wide table (one column per
indicator, programme or year) is unpivoted into the long rows the kind takes. Each part is written as a CSV with
canonical headings and every row on its original line number, so `rules.prepare` checks it and its problems name
the spreadsheet's own rows; their column is put back to the heading as written.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process

from lib.core.indicators import Indicator
from lib.core.programmes import Programme
from lib.core.wilayah import level_from_prefix
from lib.ingest import rules, uploads
from lib.ingest.problems import Problem

IGNORE = "abaikan"
AREA_TARGETS = ("kode_wilayah", "wilayah", "kecamatan", "desa")
# Wide targets: `ind:<id>` a column of one indicator's values, `prog:<id>` one programme's recipients, `tahun:<year>`
# one year's values.
WIDE = {"ind": "indikator", "prog": "program", "tahun": "tahun"}
PROPOSE_SCORE = 80  # below this a heading is left for staff to say (WRatio, 0-100)
SAMPLES = 3
LABELS = {
    "kode_wilayah": "Kode wilayah (Kemendagri)", "wilayah": "Wilayah (nama)", "kecamatan": "Kecamatan",
    "desa": "Desa/kelurahan", "tahun": "Tahun", "bulan": "Bulan", "indikator": "Indikator (nama atau kode per baris)",
    "nilai": "Nilai", "sumber": "Sumber", "catatan": "Catatan", "program": "Program (nama per baris)",
    "desil": "Desil", "rumah_tangga": "Jumlah rumah tangga", "penerima": "Jumlah penerima",
    "anggaran_rp": "Anggaran (Rp)", "realisasi_rp": "Realisasi (Rp)", "pelaksana": "Pelaksana",
    "bantuan_rp": "Jumlah bantuan (Rp)", IGNORE: "Abaikan",
}
_YEAR_HEADING = re.compile(r"^(?:tahun_|thn_)?((?:19|20)\d\d)$")


@dataclass(frozen=True)
class Column:
    name: str  # the column in the read table
    heading: str  # as written in the file
    key: str  # the normalised heading: what a saved mapping is keyed on
    samples: tuple[str, ...]  # its first filled values, as text


def vocabulary() -> dict[str, tuple[str, ...]]:
    """Every heading any upload kind recognises, so the header row of any of them is found."""
    words: dict[str, tuple[str, ...]] = {}
    for kind in rules.KINDS.values():
        for column, spellings in kind.columns.items():
            words[column] = tuple(dict.fromkeys([*words.get(column, ()), *spellings]))
    return words


def read(data: bytes, file_name: str, sheet: str | None = None) -> uploads.RawTable:
    """The file as a table under its header row, whatever kind it is; no column is required."""
    return uploads.read_table(data, file_name, vocabulary(), (), sheet=sheet)


def columns(table: uploads.RawTable) -> list[Column]:
    out, keys = [], set()
    for name in table.frame.columns:
        heading = table.headers.get(name, name)
        key, n = uploads.normalise_header(heading) or uploads.normalise_header(name), 1
        while key in keys:  # two columns headed alike stay two
            n += 1
            key = f"{uploads.normalise_header(heading)}_{n}"
        keys.add(key)
        filled = [_text(v) for v in table.frame[name] if v is not None][:SAMPLES]
        out.append(Column(str(name), str(heading), key, tuple(filled)))
    return out


def _text(value: object) -> str:
    if isinstance(value, float):
        return np.format_float_positional(value, trim="-").replace(".", ",")
    return str(value)


def shape_key(kind: rules.UploadKind, found: list[Column]) -> str:
    """A file shape: the upload kind and the set of normalised headings (order and title rows aside)."""
    return hashlib.sha256("\n".join([kind.key, *sorted(c.key for c in found)]).encode()).hexdigest()


def needs_mapping(kind: rules.UploadKind, table: uploads.RawTable, programmes: Mapping[str, Programme]) -> bool:
    """Whether the file's headings miss a column the kind requires, or an area column it can read."""
    recognised = {c for c in rules.columns_of(kind, programmes) if c in table.frame.columns}
    areas = {"kode_wilayah", "wilayah", "desa"} if kind is rules.INDICATOR_VALUES else {"kode_wilayah", "desa"}
    return not set(kind.required) <= recognised or not areas & recognised


def targets(kind: rules.UploadKind, indicators: Mapping[str, Indicator], programmes: Mapping[str, Programme],
            found: list[Column]) -> dict[str, str]:
    """What a column of a file of `kind` may hold, target -> Indonesian label, `abaikan` first."""
    canonical = [c for c in rules.columns_of(kind, programmes) if c not in rules.PERSONAL_COLUMNS]
    out = {IGNORE: LABELS[IGNORE], **{c: LABELS.get(c, c) for c in canonical}}
    if "indikator" in canonical:
        out |= {f"ind:{i.id}": f"Nilai indikator: {i.label_id} ({i.id})" for i in indicators.values()}
    if "program" in canonical:
        out |= {f"prog:{p.id}": f"Jumlah penerima program: {p.name_id}" for p in programmes.values()}
    years = sorted({m.group(1) for c in found if (m := _YEAR_HEADING.match(c.key))})
    return out | {f"tahun:{y}": f"Nilai tahun {y}" for y in years}


def propose(kind: rules.UploadKind, found: list[Column], indicators: Mapping[str, Indicator],
            programmes: Mapping[str, Programme], saved: Mapping[str, str] | None = None) -> dict[str, str]:
    """A target per column key: the saved mapping of this file shape, else the closest known heading."""
    offered = targets(kind, indicators, programmes, found)
    if saved is not None and all(target in offered for target in saved.values()):
        return {c.key: saved.get(c.key, IGNORE) for c in found}
    words: dict[str, str] = {}
    for target in offered:
        if target in LABELS:
            spellings = rules.columns_of(kind, programmes).get(target, ())
            words |= {_words(s): target for s in (target, *spellings)}
    for indicator in indicators.values():
        if "indikator" in offered:
            words |= {_words(s): f"ind:{indicator.id}" for s in (indicator.id, indicator.label_id, indicator.label_en)}
    for programme in programmes.values():
        if "program" in offered:
            words |= {_words(s): f"prog:{programme.id}" for s in (programme.id, programme.name_id, *programme.spellings)}
    proposal, taken = {}, set()
    for column in found:
        year = _YEAR_HEADING.match(column.key)
        best = process.extractOne(_words(column.key), list(words), scorer=fuzz.WRatio)
        target = (f"tahun:{year.group(1)}" if year else
                  words[best[0]] if best and best[1] >= PROPOSE_SCORE else IGNORE)
        if target in taken:  # the first column keeps a target; staff decide about the others
            target = IGNORE
        if target != IGNORE:
            taken.add(target)
        proposal[column.key] = target
    return proposal


def _words(text: str) -> str:
    return uploads.normalise_header(text).replace("_", " ")


def encode(mapping: Mapping[str, str]) -> str:
    return json.dumps(dict(mapping), sort_keys=True)


def decode(text: str | None) -> dict[str, str] | None:
    return None if text is None else dict(json.loads(text))


def _measure(kind: rules.UploadKind) -> str:
    # The column a wide column's cells fill: a recap's count is `penerima` in the file, `nilai` once published.
    return "penerima" if kind is rules.RECIPIENTS else kind.value


def _wide(target: str) -> tuple[str, str] | None:
    prefix, _, value = target.partition(":")
    return (prefix, value) if prefix in WIDE and value else None


def mistakes(kind: rules.UploadKind, mapping: Mapping[str, str], year: int | None) -> list[str]:
    """What stops a mapping from giving the kind's rows, in Indonesian; empty when it can be applied."""
    chosen = [t for t in mapping.values() if t != IGNORE]
    wide = [w for t in chosen if (w := _wide(t))]
    plain = [t for t in chosen if not _wide(t)]
    found = []
    for target in sorted({t for t in chosen if chosen.count(t) > 1}):
        found.append(f"Dua kolom dipetakan ke '{LABELS.get(target, target)}': pilih satu, yang lain 'Abaikan'.")
    if not set(AREA_TARGETS) & set(plain) or (kind is not rules.INDICATOR_VALUES and not {"kode_wilayah", "desa"} & set(plain)):
        where = "wilayah, kecamatan atau kode wilayah" if kind is rules.INDICATOR_VALUES else "desa atau kode wilayah"
        found.append(f"Belum ada kolom {where}: pilih kolom yang berisi nama atau kode wilayah.")
    if len({prefix for prefix, _ in wide}) > 1:
        found.append("Kolom lebar hanya boleh satu jenis: per indikator/program atau per tahun, tidak keduanya.")
    measure = _measure(kind)
    covered = set(plain) | {WIDE[prefix] for prefix, _ in wide} | ({measure} if wide else set())
    if year is not None:
        covered.add("tahun")
    for column in kind.required:
        if column not in covered:
            hint = " atau isi 'Tahun data' di bawah" if column == "tahun" else ""
            found.append(f"Belum ada kolom '{LABELS.get(column, column)}': pilih kolom yang berisinya{hint}.")
    for prefix, _ in wide:
        if WIDE[prefix] in plain or measure in plain:
            found.append(f"Kolom '{LABELS.get(WIDE[prefix], WIDE[prefix])}' atau '{LABELS.get(measure)}' tidak "
                         "dipakai bersama kolom lebar: pilih 'Abaikan' untuk salah satunya.")
            break
    return found


@dataclass(frozen=True)
class Part:
    """Rows of the file in the kind's long form, canonical columns, indexed by spreadsheet row."""

    frame: pd.DataFrame
    headings: dict[str, str]  # canonical column -> the heading it came from


def parts(kind: rules.UploadKind, table: uploads.RawTable, mapping: Mapping[str, str], year: int | None) -> list[Part]:
    """The table in the kind's long form, one part per wide column (or one part for a long table)."""
    frame = table.frame.set_axis(table.rows, axis=0)
    by_key = {c.key: c for c in columns(table)}
    base, headings, wide = pd.DataFrame(index=frame.index), {}, []
    for key, target in mapping.items():
        if target == IGNORE or key not in by_key:
            continue
        if _wide(target):
            wide.append((by_key[key], target))
        else:
            base[target], headings[target] = frame[by_key[key].name], by_key[key].heading
    if kind is rules.INDICATOR_VALUES and "kecamatan" in base and not {"wilayah", "desa"} & set(base):
        # A kecamatan column as the area: say the level, as a desa may share its kecamatan's name.
        base["wilayah"] = base.pop("kecamatan").map(_as_kecamatan)
        headings["wilayah"] = headings.pop("kecamatan")
    if year is not None and "tahun" not in base and not any(t.startswith("tahun:") for _, t in wide):
        base["tahun"] = year
    if not wide:
        return [Part(base, headings)]
    out = []
    for column, target in wide:
        prefix, value = _wide(target)
        cells = frame[column.name]
        filled = cells.map(lambda v: v is not None and str(v).strip() not in ("", "-"))
        part = base[filled].copy()
        measure = _measure(kind)
        part[measure], part[WIDE[prefix]] = cells[filled], int(value) if prefix == "tahun" else value
        out.append(Part(part, {**headings, measure: column.heading, WIDE[prefix]: column.heading}))
    return out


def _as_kecamatan(name: object) -> object:
    if name is None or level_from_prefix(str(name)) is not None:
        return name
    return f"Kecamatan {name}"


def to_csv(part: Part, header_row: int) -> bytes:
    """The part as a `;` CSV with its header on `header_row` and each row on its spreadsheet line, so problems
    found in it name the rows staff see."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    line = 1
    for number, cells in [(header_row, list(part.frame.columns)), *zip(part.frame.index, part.frame.to_numpy().tolist())]:
        out.write("\n" * (number - line))
        writer.writerow(["" if v is None or (isinstance(v, float) and np.isnan(v)) else _text(v) for v in cells])
        line = number + 1
    return out.getvalue().encode("utf-8")


def prepare(kind: rules.UploadKind, data: bytes, file_name: str, table: uploads.RawTable, mapping: Mapping[str, str],
            year: int | None, context: rules.Context, options: rules.Options) -> rules.Prepared:
    """`rules.prepare` on the mapped file: every part checked, problems and notices of all parts listed once, rows
    together. `options` with what the title says already (`rules.from_title`): the parts have no title rows."""
    digest = hashlib.sha256(data).hexdigest()
    # The first read saw the formulas; the parts hold them as empty cells.
    problems = [p for p in table.problems if p.baris is not None and p.baris > (table.header_row or 0)]
    header = min(table.header_row or 1, min(table.rows, default=2) - 1)
    formulas = {(p.baris, p.kolom) for p in problems}
    rows, unknown, notices = [], {}, []
    found = [part for part in parts(kind, table, mapping, year) if len(part.frame)]
    if not found:
        problems.append(Problem("Kolom yang dipetakan tidak berisi angka.",
                                "Periksa pemetaan kolom: pilih kolom yang berisi nilai, lalu terapkan lagi."))
    for part in found:
        # Named as what it is, a CSV, whatever the upload was (an .xlsx name would be read as a workbook).
        prepared = rules.prepare(kind, to_csv(part, header), "bagian.csv", context, options, written=part.headings)
        problems += [p for p in prepared.problems if (p.baris, p.kolom) not in formulas]  # not also "empty"
        notices += prepared.notices
        for area in prepared.unknown_areas:
            unknown.setdefault(area.written, area)
        rows.append(prepared.rows)
    # An area, a formula or a total row is reported once, not once per part.
    problems, notices = list(dict.fromkeys(problems)), tuple(dict.fromkeys(notices))
    if problems:
        return rules.Prepared(kind, file_name, digest, pd.DataFrame(), tuple(problems), tuple(unknown.values()),
                              notices=notices)
    return rules.Prepared(kind, file_name, digest, pd.concat(rows), (), notices=notices)
