"""Rencana Aksi entry: what staff type in a form or a batch file, checked into records for `lib.core.actions`.

A form and a batch file go through the same checks, field by field (`check_rakor`, `check_step`, `check_progress`),
and every problem is reported at once (`lib.ingest.problems.Problem`, Indonesian, naming the row, the column and
the fix). Staff write what they know: a party kind or a funding source by its label ("Perusahaan (CSR)", "Dana
Desa"), areas by name or code ("Sangatta Utara; 64.08.05"), dates as Excel dates or "31/12/2026", budgets as
"Rp150.000.000" or "150 juta", a step's rakor by its code or its date. Texts are kept exactly as written: pages show
them as text, never as Markdown or HTML. A batch with any broken row publishes nothing (`Batch.ok`).

The batch file is the Excel template of `template_xlsx`: sheets `rakor`, `langkah`, `kemajuan` (a row of example
each, skipped on import) and `petunjuk`.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import math
import os
import re
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import from_excel
from openpyxl.worksheet.datavalidation import DataValidation
from rapidfuzz import fuzz, process

from lib.core import actions, fmt
from lib.core.actions import ActionTables, Change
from lib.core.i18n import t
from lib.core.indicators import Indicator
from lib.core.programmes import Programme
from lib.core.wilayah import KUTIM, AreaRegistry, level_from_prefix
from lib.ingest import problems as problem_table
from lib.ingest import rules, uploads
from lib.ingest.problems import NOTE, Problem

# The fields staff fill in, per sheet of the template (the order of its columns).
FIELDS = {
    "rakor": ("tanggal", "tempat", "pimpinan", "agenda"),
    "langkah": ("rakor", "judul", "masalah", "ukuran", "program", "pelaksana", "jenis_pelaksana", "mitra", "wilayah",
                "indikator", "nilai_target", "mulai", "tenggat", "anggaran_rp", "sumber_dana"),
    "kemajuan": ("aksi", "tanggal", "status", "uraian", "bukti", "pelapor"),
}
REQUIRED = {
    "rakor": ("tanggal", "tempat", "pimpinan"),
    "langkah": ("judul", "masalah", "pelaksana", "jenis_pelaksana", "wilayah", "mulai", "tenggat"),
    "kemajuan": ("aksi", "tanggal", "status", "uraian", "pelapor"),
}
GUIDE_SHEET = "petunjuk"
NAME_LIMIT = 200  # the store's length of an institution's or a place's name
AREA_SEPARATORS = re.compile(r"[;,\n]")

# Other ways staff write a kind of party, a funding source or a status, beside its id and its labels (i18n).
SPELLINGS = {
    "jenis_pelaksana": {
        "opd": ("dinas", "badan", "perangkat daerah", "organisasi perangkat daerah", "pemkab"),
        "perusahaan": ("perusahaan", "perusahaan (csr)", "csr", "swasta", "dunia usaha", "bumn", "bumd"),
        "ormas": ("organisasi masyarakat", "organisasi kemasyarakatan", "lsm", "ngo", "yayasan"),
        "mitra_pembangunan": ("donor", "lembaga donor", "mitra"),
        "pemerintah_desa": ("pemdes", "desa", "pemerintah desa/kelurahan", "kelurahan"),
        "instansi_vertikal": ("vertikal", "kementerian", "bps"),
        "akademisi": ("universitas", "perguruan tinggi", "kampus"),
    },
    "sumber_dana": {
        "apbd": ("apbd kabupaten", "apbd kutim"),
        "apbdes_dd": ("apbdes/dd", "apbdes", "dana desa", "dd", "add", "apbdes dd"),
        "apbn": (),
        "csr": ("dana csr", "perusahaan"),
        "lainnya": ("lain", "lain-lain", "swadaya", "hibah"),
    },
    "status": {
        "direncanakan": ("rencana", "belum mulai"),
        "berjalan": ("sedang berjalan", "proses", "dalam proses"),
        "selesai": ("tuntas",),
        "terlambat": ("tertunda",),
        "dibatalkan": ("batal",),
    },
}
_CHOICE_KEYS = {"jenis_pelaksana": ("aksi.party", actions.PARTY_KINDS), "sumber_dana": ("aksi.fund", actions.FUNDING_SOURCES),
                "status": ("aksi.status", actions.STATUSES)}
_WHAT = {"jenis_pelaksana": "jenis pelaksana", "sumber_dana": "sumber dana", "status": "status",
         "ukuran": "ukuran peta", "program": "program", "indikator": "indikator"}

_MONTHS = {name: number for number, names in enumerate(
    (("januari", "jan"), ("februari", "feb", "pebruari"), ("maret", "mar"), ("april", "apr"), ("mei",),
     ("juni", "jun"), ("juli", "jul"), ("agustus", "agu", "agt", "ags", "aug"), ("september", "sep", "sept"),
     ("oktober", "okt", "oct"), ("november", "nov", "nop"), ("desember", "des", "dec")), start=1) for name in names}
# "150 juta", "Rp2,4 miliar": the words Indonesians write for large sums.
_SCALES = {"ribu": 1e3, "rb": 1e3, "juta": 1e6, "jt": 1e6, "miliar": 1e9, "milyar": 1e9, "m": 1e9, "triliun": 1e12,
           "t": 1e12}
_SCALED = re.compile(r"^(.*?)\s*(ribu|rb|juta|jt|miliar|milyar|m|triliun|t)\.?$", re.IGNORECASE)
_RAKOR_CODE = re.compile(r"^R-\d+$", re.IGNORECASE)
_STEP_CODE = re.compile(r"^A-\d+$", re.IGNORECASE)
_AREA_CODE = re.compile(r"^\d{2}(\.\d+)*$")
_LABELLED_CODE = re.compile(r"\((\d{2}(?:\.\d+)+)\)\s*$")


def heading(sheet: str, name: str, lang: str = "id") -> str:
    """A field's heading in the template and its label on the page."""
    return t(f"aksi_kelola.field.{sheet}.{name}", lang)


def headings(sheet: str) -> dict[str, str]:
    """The Indonesian headings of a sheet's fields: how a form's problems name the field."""
    return {name: heading(sheet, name) for name in FIELDS[sheet]}


@dataclass(frozen=True)
class Context:
    """What entries are checked against: the registries, the Rencana Aksi in force and today (in WITA)."""

    areas: AreaRegistry
    indicators: Mapping[str, Indicator]
    programmes: Mapping[str, Programme]
    measures: Mapping[str, bool]  # map measure id (lib.analysis.measures) -> whether it needs a programme
    tables: ActionTables
    today: dt.date

    @property
    def real(self) -> ActionTables:
        """The tables a change starts from: demo rows go with the first real change."""
        return self.tables.without_demo()


@dataclass(frozen=True)
class NewRakor:
    """A step's rakor that is added in the same batch (its code is given when the batch is published)."""

    index: int


# --- reading one value ----------------------------------------------------------------------------


def _blank(value: object) -> bool:
    if isinstance(value, (list, tuple, set)):
        return not value
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return True
    return str(value).strip() in ("", "-")


def parse_date(value: object) -> dt.date | None:
    """A date as staff give it: a date cell, an Excel serial number, "31/12/2026", "2026-12-31", "31 Desember 2026";
    None when it is not a date."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        # An Excel date cell formatted as a number: days since 1899-12-30, sensible between 1982 and 2119.
        return from_excel(value).date() if 30000 <= value <= 80000 else None
    text = str(value).strip().lower()
    try:
        if found := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[t ][\d:.]+)?", text):
            year, month, day = found.groups()
        elif found := re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text):
            day, month, year = found.groups()
        elif (found := re.fullmatch(r"(\d{1,2})\s+([a-z]+)\.?\s+(\d{4})", text)) and found.group(2) in _MONTHS:
            day, month, year = found.group(1), _MONTHS[found.group(2)], found.group(3)
        else:
            return None
        return dt.date(int(year), int(month), int(day))
    except ValueError:  # 31/02/2026, or a month 13 (a date written month first)
        return None


def parse_amount(value: object) -> float | None:
    """A sum of money or a target as staff write it: "Rp150.000.000", "150 juta", "2,4 miliar", 1500000; None when
    it is not a number."""
    if isinstance(value, str) and (found := _SCALED.match(value.strip())):
        number = rules.parse_number(found.group(1))
        return None if number is None else number * _SCALES[found.group(2).lower()]
    return rules.parse_number(value)


def choice_lookup(name: str) -> dict[str, str]:
    """The ids of a fixed choice (jenis_pelaksana, sumber_dana, status) by every way staff write them: the id, its
    Indonesian and English labels, and the spellings above."""
    prefix, ids = _CHOICE_KEYS[name]
    return {uploads.normalise_header(written): id_ for id_ in ids
            for written in (id_, t(f"{prefix}.{id_}", "id"), t(f"{prefix}.{id_}", "en"), *SPELLINGS[name][id_])}


def measure_lookup(measures: Collection[str]) -> dict[str, str]:
    return {uploads.normalise_header(written): id_ for id_ in measures
            for written in (id_, t(f"measure.{id_}", "id"), t(f"measure.{id_}", "en"))}


def choice_label(name: str, id_: str, lang: str = "id") -> str:
    return t(f"{_CHOICE_KEYS[name][0]}.{id_}", lang)


# --- one row -----------------------------------------------------------------------------------------


class _Row:
    """One form or one row of a sheet being checked: each reader returns the value, or None and a problem."""

    def __init__(self, values: Mapping[str, object], headings: Mapping[str, str], row: int | None):
        self.values, self.headings, self.row = values, headings, row
        self.problems: list[Problem] = []

    def problem(self, name: str, masalah: str, perbaikan: str, value: object = None) -> None:
        written = None if _blank(value) else (", ".join(map(str, value)) if isinstance(value, list) else str(value))
        self.problems.append(Problem(masalah, perbaikan, self.row, self.headings.get(name, name), written))

    def raw(self, name: str, required: bool) -> object | None:
        """The value as written; a problem when a required one is empty (a missing column is reported once)."""
        value = self.values.get(name)
        if _blank(value):
            if required and name in self.values:
                self.problem(name, f"Kolom '{self.headings[name]}' kosong.", f"Isi kolom '{self.headings[name]}' (wajib).")
            return None
        return value

    def text(self, name: str, required: bool = False, limit: int | None = None) -> str | None:
        value = self.raw(name, required)
        if value is None:
            return None
        text = str(value).strip()  # kept as written: Markdown or HTML in it is shown as text, never rendered
        if limit is not None and len(text) > limit:
            self.problem(name, f"Teks terlalu panjang ({len(text)} karakter, paling banyak {limit}).",
                         f"Singkat isi kolom '{self.headings[name]}': tulis nama lembaga atau tempatnya saja.", text[:60] + "…")
            return None
        return text

    def date(self, name: str, required: bool = False) -> dt.date | None:
        value = self.raw(name, required)
        if value is None:
            return None
        date = parse_date(value)
        if date is None:
            self.problem(name, "Tanggal tidak terbaca.",
                         "Tulis tanggal sebagai hari/bulan/tahun (31/12/2026), 2026-12-31, atau sel tanggal Excel.",
                         value)
        return date

    def amount(self, name: str, minimum: float | None = None) -> float | None:
        value = self.raw(name, False)
        if value is None:
            return None
        number = parse_amount(value)
        if number is None:
            self.problem(name, "Nilai bukan angka.", f"Tulis kolom '{self.headings[name]}' sebagai angka, misalnya "
                         "150.000.000, Rp150.000.000 atau 150 juta (tanpa teks lain).", value)
        elif minimum is not None and number < minimum:
            self.problem(name, "Nilai negatif.", f"Tulis kolom '{self.headings[name]}' sebagai 0 atau lebih.", value)
            return None
        return number

    def choice(self, name: str, lookup: Mapping[str, str], required: bool = False,
               shown: Callable[[str], str] = str) -> str | None:
        """An id from a registry or a fixed list, written as its id or a label (`shown`, how the problem names the
        choices); misspellings get a suggestion."""
        value = self.raw(name, required)
        if value is None:
            return None
        found = lookup.get(uploads.normalise_header(value))
        if found is None:
            what = _WHAT[name]
            best = process.extractOne(uploads.normalise_header(value), sorted(lookup), scorer=fuzz.WRatio)
            hint = f"Mungkin maksudnya {shown(lookup[best[0]])}? " if best and best[1] >= 70 else ""
            choices = "; ".join(shown(id_) for id_ in dict.fromkeys(lookup.values()))
            self.problem(name, f"{what.capitalize()} tidak dikenal.",
                         f"{hint}Pilih dari daftar (lembar {GUIDE_SHEET} di templat) atau tulis salah satu: {choices}.",
                         value)
        return found

    def areas(self, name: str, registry: AreaRegistry) -> str | None:
        """Kemendagri codes of Kutai Timur, its kecamatan or desa, written as names or codes, several separated by
        ";" or ","; joined by ";" as the store keeps them."""
        value = self.raw(name, True)
        if value is None:
            return None
        parts = value if isinstance(value, (list, tuple)) else AREA_SEPARATORS.split(str(value))
        codes = [self._area(name, str(part).strip(), registry) for part in parts if str(part).strip()]
        if None in codes:
            return None
        return actions.AREA_SEPARATOR.join(dict.fromkeys(codes))

    def _area(self, name: str, written: str, registry: AreaRegistry) -> str | None:
        if found := _LABELLED_CODE.search(written):  # "Sangatta Utara (64.08.04)", as the page lists areas
            written = found.group(1)
        if _AREA_CODE.match(written):
            if written == KUTIM or (written.startswith(KUTIM + ".") and written in registry.areas.index):
                return written
            self.problem(name, "Kode wilayah tidak dikenal atau di luar Kutai Timur.",
                         "Tulis kode Kemendagri kecamatan atau desa di Kutai Timur (misalnya 64.08.04 atau "
                         "64.08.04.2001), atau namanya.", written)
            return None
        level = level_from_prefix(written)
        match = registry.match(written, level=level, within=KUTIM)
        if match.kode is not None:
            return match.kode
        if registry.match(written, level=level).kode == KUTIM:  # the whole regency
            return KUTIM
        names = "; ".join(rules.area_label(registry, code) for code, _name, _score in match.suggestions)
        if match.ambiguous:
            self.problem(name, f"Nama wilayah ambigu: bisa berarti {names}.",
                         f"Tulis 'Kec. {written}' atau 'Desa {written}', atau kode wilayahnya.", written)
        else:
            self.problem(name, "Nama wilayah tidak dikenal.",
                         f"Mungkin maksudnya: {names}? Tulis nama resmi atau kode Kemendagri.", written)
        return None


# --- the three records --------------------------------------------------------------------------------


def check_rakor(values: Mapping[str, object], row: int | None = None,
                names: Mapping[str, str] | None = None) -> tuple[dict | None, list[Problem]]:
    """A rakor record for `actions.add_rows(rakor=...)`, or the problems of what was written."""
    checked = _Row(values, names or headings("rakor"), row)
    record = {"tanggal": checked.date("tanggal", True), "tempat": checked.text("tempat", True, NAME_LIMIT),
              "pimpinan": checked.text("pimpinan", True, NAME_LIMIT), "agenda": checked.text("agenda")}
    return (None if checked.problems else record), checked.problems


def check_step(values: Mapping[str, object], context: Context, row: int | None = None,
               names: Mapping[str, str] | None = None, new_rakor: Iterable[dt.date | None] = ()
               ) -> tuple[dict | None, list[Problem]]:
    """A step record for `actions.add_rows(steps=...)` (or the fields of `update_step`), or the problems.

    `new_rakor`: the dates of the rakor added in the same batch, which a step may name by date (`NewRakor`).
    """
    checked = _Row(values, names or headings("langkah"), row)
    record = {
        "rakor": _rakor_of(checked, context, list(new_rakor)),
        "judul": checked.text("judul", True),
        "masalah": checked.text("masalah", True),
        "ukuran": checked.choice("ukuran", measure_lookup(context.measures), shown=lambda id_: t(f"measure.{id_}", "id")),
        "program": checked.choice("program", rules.programme_lookup(context.programmes)),
        "pelaksana": checked.text("pelaksana", True, NAME_LIMIT),
        "jenis_pelaksana": checked.choice("jenis_pelaksana", choice_lookup("jenis_pelaksana"), True,
                                          lambda id_: choice_label("jenis_pelaksana", id_)),
        "mitra": checked.text("mitra"),
        "wilayah": checked.areas("wilayah", context.areas),
        "indikator": checked.choice("indikator", rules.indicator_lookup(context.indicators)),
        "nilai_target": checked.amount("nilai_target"),
        "mulai": checked.date("mulai", True),
        "tenggat": checked.date("tenggat", True),
        "anggaran_rp": checked.amount("anggaran_rp", minimum=0),
        "sumber_dana": checked.choice("sumber_dana", choice_lookup("sumber_dana"),
                                      shown=lambda id_: choice_label("sumber_dana", id_)),
    }
    if record["mulai"] and record["tenggat"] and record["tenggat"] < record["mulai"]:
        checked.problem("tenggat", "Tenggat sebelum tanggal mulai.",
                        f"Tulis tenggat pada atau sesudah tanggal mulai ({record['mulai']:%d/%m/%Y}), atau perbaiki "
                        "tanggal mulai.", f"{record['tenggat']:%d/%m/%Y}")
    if record["ukuran"] and context.measures.get(record["ukuran"]) and not record["program"] and "program" in values:
        checked.problem("program", "Ukuran ini memerlukan program.",
                        "Isi program yang celahnya ditunjukkan ukuran ini (misalnya PKH), atau pilih ukuran lain.")
    if record["anggaran_rp"] is not None:
        record["anggaran_rp"] = round(record["anggaran_rp"])
    return (None if checked.problems else record), checked.problems


def _rakor_of(checked: _Row, context: Context, new_rakor: list[dt.date | None]) -> str | NewRakor | None:
    """A step's rakor, written as its code or its date (of a rakor in force or one added in the same batch)."""
    value = checked.raw("rakor", False)
    if value is None:
        return None
    rakor = context.real.rakor
    if isinstance(value, str) and _RAKOR_CODE.match(value.strip()):
        code = value.strip().upper()
        if code in set(rakor["kode"]):
            return code
        demo = code in set(context.tables.rakor["kode"])
        checked.problem("rakor", "Rakor contoh tidak bisa dipakai: rakor contoh dihapus saat data nyata pertama "
                        "diterbitkan." if demo else "Kode rakor tidak dikenal.",
                        "Tulis kode rakor yang sudah tercatat" + (f" ({', '.join(rakor['kode'])})" if len(rakor) else "")
                        + ", atau tanggal rakor yang ditambahkan di lembar rakor.", value)
        return None
    date = parse_date(value)
    if date is None:
        checked.problem("rakor", "Rakor tidak terbaca.", "Tulis kode rakor (misalnya R-001) atau tanggal rakor "
                        "(31/12/2026).", value)
        return None
    found = [code for code, day in zip(rakor["kode"], rakor["tanggal"], strict=True) if day == date]
    found += [NewRakor(index) for index, day in enumerate(new_rakor) if day == date]
    if len(found) == 1:
        return found[0]
    checked.problem("rakor", f"{'Ada beberapa rakor' if found else 'Tidak ada rakor'} pada tanggal {date:%d/%m/%Y}.",
                    "Tulis kode rakornya." if found else
                    "Tambahkan rakor itu di lembar rakor (atau formulir Rakor), atau perbaiki tanggalnya.", value)
    return None


def check_progress(values: Mapping[str, object], context: Context, row: int | None = None,
                   names: Mapping[str, str] | None = None) -> tuple[dict | None, list[Problem]]:
    """A progress report for `actions.add_rows(progress=...)`, or the problems."""
    checked = _Row(values, names or headings("kemajuan"), row)
    record = {"aksi": _step_of(checked, context), "tanggal": checked.date("tanggal", True),
              "status": checked.choice("status", choice_lookup("status"), True, lambda id_: choice_label("status", id_)),
              "uraian": checked.text("uraian", True),
              "bukti": checked.text("bukti"), "pelapor": checked.text("pelapor", True, NAME_LIMIT)}
    if record["tanggal"] and record["tanggal"] > context.today:
        checked.problem("tanggal", "Tanggal laporan di masa depan.",
                        f"Tulis tanggal kemajuan itu dicapai, paling lambat hari ini ({context.today:%d/%m/%Y}).",
                        f"{record['tanggal']:%d/%m/%Y}")
    return (None if checked.problems else record), checked.problems


def _step_of(checked: _Row, context: Context) -> str | None:
    value = checked.raw("aksi", True)
    if value is None:
        return None
    code = str(value).strip().upper()
    if code in set(context.real.steps["kode"]):
        return code
    demo = code in set(context.tables.steps["kode"])
    checked.problem("aksi", "Langkah contoh tidak bisa dilaporkan: langkah contoh dihapus saat data nyata pertama "
                    "diterbitkan." if demo else "Kode langkah tidak dikenal.",
                    "Tulis kode langkah yang sudah tercatat (misalnya A-001, lihat daftar langkah di halaman Kelola "
                    "Rencana Aksi); langkah baru dicatat dulu, lalu kemajuannya.", value)
    return None


# --- editing a step ------------------------------------------------------------------------------------


def _comparable(value: object) -> object:
    if _blank(value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    return value.item() if hasattr(value, "item") else value


def changed_fields(shown: Mapping[str, object], record: Mapping[str, object]) -> dict:
    """The fields of a checked step `record` that differ from the step as the form showed it: only those are saved,
    so a field someone else changed meanwhile is not overwritten with what this form happened to show."""
    return {name: value for name, value in record.items()
            if name in shown and _comparable(shown[name]) != _comparable(value)}


def form_values(step: Mapping[str, object]) -> dict:
    """A stored step as the entry form shows it: its areas as a list of codes, empty cells as None."""
    values = {name: (None if _blank(step.get(name)) else step.get(name)) for name in FIELDS["langkah"]}
    return values | {"wilayah": actions.areas_of(step.get("wilayah"))}


# --- a batch file ----------------------------------------------------------------------------------------

# Headings the reader accepts per field: the template's, the field's own name, and its English label.
def _columns(sheet: str) -> dict[str, tuple[str, ...]]:
    return {name: (heading(sheet, name), heading(sheet, name, "en")) for name in FIELDS[sheet]}


@dataclass(frozen=True)
class Batch:
    """A checked batch file: what it adds, or every problem of every sheet (`(sheet, problem)`)."""

    rakor: tuple[dict, ...] = ()
    steps: tuple[dict, ...] = ()
    progress: tuple[dict, ...] = ()
    problems: tuple[tuple[str, Problem], ...] = ()
    notices: tuple[tuple[str, Problem], ...] = ()  # example rows left out
    rows: Mapping[str, tuple[int, ...]] = field(default_factory=dict)  # sheet -> spreadsheet row of each record

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.rakor or self.steps or self.progress)

    def change(self) -> Change:
        """The batch as one change: rakor get their codes when it is applied (again, after a concurrent publish),
        and steps naming a new rakor by date get its code."""

        def apply(tables: ActionTables) -> tuple[ActionTables, list]:
            taken = tables.without_demo().rakor["kode"]
            codes: list[str] = []
            for _ in self.rakor:
                codes.append(actions.next_code(pd.concat([taken, pd.Series(codes, dtype=object)]), "R"))
            steps = [{**step, "rakor": codes[step["rakor"].index]} if isinstance(step["rakor"], NewRakor) else step
                     for step in self.steps]
            rakor = [{**record, "kode": code} for record, code in zip(self.rakor, codes, strict=True)]
            return actions.add_rows(rakor=rakor, steps=steps, progress=list(self.progress))(tables)

        return apply


def read_batch(data: bytes, file_name: str, context: Context) -> Batch:
    """Check every row of every sheet of a filled-in template; records only when nothing at all is wrong."""
    if os.path.splitext(file_name)[1].lower() not in (".xlsx", ".xlsm"):
        return Batch(problems=(("", Problem("Impor massal hanya menerima templat Excel (.xlsx).",
                                            "Unduh templat Rencana Aksi, isi lembar rakor, langkah dan kemajuan, "
                                            "simpan sebagai .xlsx, lalu unggah ulang.")),))
    found: list[tuple[str, Problem]] = []
    notices: list[tuple[str, Problem]] = []
    rows: dict[str, tuple[int, ...]] = {sheet: () for sheet in FIELDS}
    records: dict[str, list] = {sheet: [] for sheet in FIELDS}
    rakor_dates: list[dt.date | None] = []  # the new rakor, which the steps may name by date
    for sheet in FIELDS:  # rakor first: the steps below may name them
        table = uploads.read_table(data, file_name, _columns(sheet), REQUIRED[sheet], sheet=sheet)
        if not table.sheets and table.problems:  # the file itself cannot be read: once, not per sheet
            return Batch(problems=tuple(("", problem) for problem in table.problems))
        if sheet not in table.sheets or (table.header_row is not None and table.frame.empty):
            continue  # a sheet left out or left empty adds nothing
        found += [(sheet, problem) for problem in table.problems]
        names = {name: table.headers.get(name, heading(sheet, name)) for name in FIELDS[sheet]}
        raw = table.frame.set_axis(table.rows, axis=0)
        kept = []
        for row, cells in raw.iterrows():
            values = {name: cells[name] for name in FIELDS[sheet] if name in raw}
            if _is_example(sheet, values):
                notices.append((sheet, Problem("Baris contoh dari templat dilewati.", "Tidak perlu diubah.", row,
                                               tingkat=NOTE)))
            else:
                kept.append((row, values))
        if sheet == "rakor":
            rakor_dates = [parse_date(values["tanggal"]) if "tanggal" in values else None for _row, values in kept]
        checked = [_check(sheet, values, context, row, names, rakor_dates) for row, values in kept]
        records[sheet] = [record for record, _problems in checked]
        rows[sheet] = tuple(row for row, _values in kept)
        found += [(sheet, problem) for _record, problems in checked for problem in problems]
    if not any(records.values()) and not found:
        found.append(("", Problem("Berkas tidak berisi baris baru: hanya baris contoh atau lembar kosong.",
                                  "Isi baris di bawah baris contoh pada lembar rakor, langkah atau kemajuan, "
                                  "lalu unggah ulang.")))
    if found:
        return Batch(problems=tuple(found), notices=tuple(notices))
    return Batch(tuple(records["rakor"]), tuple(records["langkah"]), tuple(records["kemajuan"]), (), tuple(notices),
                 rows)


def _check(sheet: str, values, context: Context, row: int, names, rakor_dates) -> tuple[dict | None, list[Problem]]:
    if sheet == "rakor":
        return check_rakor(values, row, names)
    if sheet == "langkah":
        return check_step(values, context, row, names, rakor_dates)
    return check_progress(values, context, row, names)


def problems_table(entries: Iterable[tuple[str, Problem]]) -> pd.DataFrame:
    """A batch's problems as one table for `st.table` (Markdown escaped), with the sheet as its first column."""
    parts = []
    for sheet, part in pd.DataFrame(list(entries), columns=["sheet", "problem"]).groupby("sheet", sort=False):
        table = problem_table.as_markdown_table(part["problem"])
        parts.append(table.assign(Lembar=sheet or "(berkas)")[["Lembar", *table.columns]])
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()


# --- the template ------------------------------------------------------------------------------------------

# The example row of each sheet: written into the template, and recognised (and skipped) when it comes back.
EXAMPLES = {
    "rakor": {"tanggal": dt.date(2027, 1, 14), "tempat": "Ruang Meranti, Kantor Bupati Kutai Timur",
              "pimpinan": "Bupati Kutai Timur", "agenda": "Rakor TKPK triwulan I"},
    "langkah": {"rakor": dt.date(2027, 1, 14), "judul": "Verifikasi lapangan keluarga desil 1–2 yang belum menerima PKH",
                "masalah": "Eksklusi PKH tertinggi di Sangatta Utara", "ukuran": "eksklusi_program", "program": "PKH",
                "pelaksana": "Dinas Sosial", "jenis_pelaksana": "opd", "mitra": "Pendamping PKH; pemerintah desa",
                "wilayah": "Kec. Sangatta Utara; 64.08.15", "indikator": None, "nilai_target": None,
                "mulai": dt.date(2027, 2, 1), "tenggat": dt.date(2027, 6, 30), "anggaran_rp": 150_000_000,
                "sumber_dana": "apbd"},
    "kemajuan": {"aksi": "A-001", "tanggal": dt.date(2027, 3, 15), "status": "berjalan",
                 "uraian": "1.120 keluarga diverifikasi di 4 desa", "bukti": "Berita acara verifikasi",
                 "pelapor": "Dinas Sosial"},
}
# Example cells shown as their label, as the drop-down offers them.
_EXAMPLE_LABELS = {"ukuran": lambda id_: t(f"measure.{id_}", "id"), "jenis_pelaksana": lambda id_: choice_label(
    "jenis_pelaksana", id_), "sumber_dana": lambda id_: choice_label("sumber_dana", id_),
    "status": lambda id_: choice_label("status", id_)}


def _example_cells(sheet: str) -> dict[str, object]:
    return {name: _EXAMPLE_LABELS[name](value) if name in _EXAMPLE_LABELS and value else value
            for name, value in EXAMPLES[sheet].items()}


def _same_cell(written: object, example: object) -> bool:
    if _blank(written) or _blank(example):
        return _blank(written) and _blank(example)
    if isinstance(example, dt.date):
        return parse_date(written) == example
    if isinstance(example, (int, float)):
        return parse_amount(written) == example
    return str(written).strip() == str(example)


def _is_example(sheet: str, values: Mapping[str, object]) -> bool:
    return all(_same_cell(values.get(name), example) for name, example in _example_cells(sheet).items())


def guide_lines() -> list[str]:
    return [t(f"aksi_kelola.guide.{number}", "id") for number in range(1, 8)]


def template_xlsx(context: Context) -> bytes:
    """The batch template: a sheet per table with Indonesian headings and one example row, drop-downs for the
    fixed choices (and the registries), and a `petunjuk` sheet with the instructions and the lists."""
    book = Workbook()
    guide = book.active
    guide.title = GUIDE_SHEET
    for number, line in enumerate(guide_lines(), start=1):
        guide.cell(number, 1, line)
    guide.column_dimensions["A"].width = 100
    choices = {
        "jenis_pelaksana": [choice_label("jenis_pelaksana", id_) for id_ in actions.PARTY_KINDS],
        "sumber_dana": [choice_label("sumber_dana", id_) for id_ in actions.FUNDING_SOURCES],
        "status": [choice_label("status", id_) for id_ in actions.STATUSES],
        "ukuran": [t(f"measure.{id_}", "id") for id_ in context.measures],
        "program": sorted(context.programmes),
        "aksi": list(context.real.steps["kode"]),
    }
    lists: dict[str, str] = {}
    column = 3
    for name, options in choices.items():
        if not options:
            continue
        letter = get_column_letter(column)
        sheet = next(sheet for sheet, fields in FIELDS.items() if name in fields)
        guide.cell(1, column, heading(sheet, name)).font = Font(bold=True)
        for row, option in enumerate(options, start=2):
            guide.cell(row, column, option)
        guide.column_dimensions[letter].width = max(14, *map(len, options)) + 2
        lists[name] = f"{GUIDE_SHEET}!${letter}$2:${letter}${len(options) + 1}"
        column += 1
    for sheet, fields in FIELDS.items():
        sheet_ = book.create_sheet(sheet, index=list(FIELDS).index(sheet))
        example = _example_cells(sheet)
        for col, name in enumerate(fields, start=1):
            cell = sheet_.cell(1, col, heading(sheet, name))
            cell.font = Font(bold=True)
            example_cell = sheet_.cell(2, col, example.get(name))
            example_cell.font = Font(italic=True, color="777777")
            if isinstance(example.get(name), dt.date):
                example_cell.number_format = "DD/MM/YYYY"
            sheet_.column_dimensions[get_column_letter(col)].width = max(14, len(heading(sheet, name)) + 4)
            if name in lists:
                # A warning, not a stop: staff may still type an id or another spelling the importer accepts.
                check = DataValidation(type="list", formula1=lists[name], allow_blank=True, errorStyle="warning")
                check.add(f"{get_column_letter(col)}2:{get_column_letter(col)}500")
                sheet_.add_data_validation(check)
        sheet_.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# --- what the page lists ------------------------------------------------------------------------------------


def area_choices(registry: AreaRegistry) -> dict[str, str]:
    """Kutai Timur, its kecamatan and its desa for the area picker, by code, labelled so that typing a name or a
    code finds them: "Kec. Sangatta Utara (64.08.04)", "Desa Swarga Bara, Sangatta Utara (64.08.04.2001)"."""
    areas = registry.areas[(registry.areas["kode"] == KUTIM) | registry.areas["kode"].str.startswith(KUTIM + ".")]
    labels = {}
    for code, name, level in zip(areas["kode"], areas["nama"], areas["level"], strict=True):
        if level == "desa":
            labels[code] = f"Desa {name}, {registry.name(code.rsplit('.', 1)[0])} ({code})"
        else:
            labels[code] = f"{'Kec. ' if level == 'kecamatan' else ''}{name} ({code})"
    return dict(sorted(labels.items()))


def rakor_label(rakor: Mapping[str, object], lang: str = "id") -> str:
    return f"{rakor['kode']} · {fmt.date(rakor['tanggal'], lang)} · {rakor['tempat']}"


def step_label(step: Mapping[str, object]) -> str:
    return f"{step['kode']} · {step['judul']} ({step['pelaksana']})"


def preview_tables(batch: Batch, areas: AreaRegistry, lang: str = "id") -> dict[str, pd.DataFrame]:
    """What a checked batch adds, per sheet, as staff wrote it but read back: labels for ids, area names for codes.
    Shown in a data grid, which never renders Markdown."""
    readable = {"jenis_pelaksana": lambda id_: choice_label("jenis_pelaksana", id_, lang),
                "sumber_dana": lambda id_: choice_label("sumber_dana", id_, lang),
                "status": lambda id_: choice_label("status", id_, lang),
                "ukuran": lambda id_: t(f"measure.{id_}", lang),
                "wilayah": lambda codes: "; ".join(areas.name(code) for code in actions.areas_of(codes)),
                "rakor": lambda ref: t("aksi_kelola.preview_new_rakor", lang, number=ref.index + 1)
                if isinstance(ref, NewRakor) else ref}
    tables = {}
    for sheet, records in (("rakor", batch.rakor), ("langkah", batch.steps), ("kemajuan", batch.progress)):
        if not records:
            continue
        frame = pd.DataFrame(list(records), columns=list(FIELDS[sheet]))
        for name, show in readable.items():
            if name in frame:
                frame[name] = [None if _blank(value) else show(value) for value in frame[name]]
        frame.index = list(batch.rows[sheet])
        tables[sheet] = frame.rename(columns={name: heading(sheet, name, lang) for name in FIELDS[sheet]})
    return tables


def describe(audit: pd.DataFrame, lang: str = "id") -> str:
    """What a release changed, from its audit rows: "langkah A-008 ditambahkan; langkah A-002 diubah (tenggat)"."""
    parts = []
    audit = audit.sort_values("id") if "id" in audit else audit  # the store lists the newest first
    for table, code, changes in zip(audit["tabel"], audit["kode"], audit["perubahan"], strict=True):
        changed = json.loads(changes)
        new = all(old is None for old, _new in changed.values())
        what = t(f"aksi_kelola.table.{table}", lang)
        parts.append(t("aksi_kelola.audit.new", lang, table=what, code=code) if new else
                     t("aksi_kelola.audit.edit", lang, table=what, code=code, fields=", ".join(changed)))
    return "; ".join(parts)


def audit_table(audit: pd.DataFrame, lang: str = "id") -> pd.DataFrame:
    """The change log for staff: when (WITA), who, and what changed per rakor, step or report."""
    return pd.DataFrame({t("aksi_kelola.col.when", lang): [fmt.wita(when, lang) for when in audit["diubah_pada"]],
                         t("aksi_kelola.col.who", lang): audit["oleh"],
                         t("aksi_kelola.col.what", lang): [describe(audit.iloc[[i]], lang) for i in range(len(audit))]})
