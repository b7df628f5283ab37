"""Staff uploads: from the spreadsheet an agency really has to rows ready to publish, or a list of problems.

Four kinds of file: indicator values per area and year, programme aggregates per desa/programme/year/decile,
the recap of a programme's recipients per desa that agencies keep without deciles (stored as counts, never as
decile figures), and household lists (with names, NIK and addresses) that are counted here, in memory, into
programme aggregates — personal columns are dropped the moment the file is read and never reach the store, a
cache or a log. Every problem is reported at once (`lib.ingest.problems.Problem`): what the reader could not
read does not hide what it could, so a broken sheet needs one upload. Texts are Indonesian, naming row, column,
value and fix; table rules are checked with pandera. Total rows are left out with a note.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

import pandas as pd
import pandera.pandas as pa
from babel.numbers import NumberFormatError, parse_decimal
from rapidfuzz import fuzz, process

from lib.core import provenance
from lib.core.indicators import Indicator
from lib.core.programmes import Programme
from lib.core.wilayah import KUTIM, AreaRegistry, Match, level_from_prefix, parent_code
from lib.ingest import uploads
from lib.ingest.problems import NOTE, WARNING, Problem

FIRST_YEAR = 2000
UPLOAD_STATUS = provenance.AGENCY  # what staff publish is their agency's data (lib.core.provenance)
MODES = ("perbarui", "ganti")  # update-and-add, or replace what the file covers

# Headings of household lists that identify a person: recognised only so they can be dropped at once.
PERSONAL_COLUMNS = {
    "nik": ("nik", "no nik", "nomor induk kependudukan"),
    "no_kk": ("no kk", "nomor kk", "nomor kartu keluarga", "kk"),
    "nama": ("nama", "nama kepala keluarga", "nama kepala rumah tangga", "nama krt", "nama kk", "nama penerima"),
    "alamat": ("alamat", "alamat lengkap", "rt rw", "rt/rw", "dusun"),
}
_AREA_COLUMNS = {
    "kode_wilayah": ("kode", "kode wilayah", "kode kemendagri", "kode desa"),
    "kecamatan": ("kecamatan", "kec", "nama kecamatan"),
    "desa": ("desa", "nama desa", "desa/kelurahan", "desa kelurahan", "kelurahan"),
}
_YEAR = {"tahun": ("tahun", "thn", "tahun data")}
_DECILE = {"desil": ("desil", "desil kesejahteraan", "peringkat kesejahteraan")}
_SOURCE = {"sumber": ("sumber", "sumber data")}


@dataclass(frozen=True)
class UploadKind:
    key: str
    dataset: str  # the dataset (lib.core.store.DATASET_TABLES) a publish of this kind updates
    columns: Mapping[str, tuple[str, ...]]  # canonical column -> headings staff write
    required: tuple[str, ...]
    keys: tuple[str, ...]  # what identifies a row of the dataset
    scope: tuple[str, ...]  # what a "ganti" (replace) upload replaces as a whole
    value: str  # the number whose changes the preview ranks
    label: str = ""  # the kind's name on the page
    looks_like: str = ""  # "Berkas ini tampak seperti …": the kind described, for a file uploaded as another kind


INDICATOR_VALUES = UploadKind(
    key="indikator",
    dataset="nilai",
    columns={
        **_AREA_COLUMNS,
        "wilayah": ("wilayah", "nama wilayah", "daerah", "kabupaten kota", "kecamatan desa"),
        "indikator": ("indikator", "kode indikator", "nama indikator"),
        **_YEAR,
        "bulan": ("bulan", "bln"),
        "nilai": ("nilai", "angka", "capaian"),
        **_SOURCE,
        "catatan": ("catatan", "keterangan", "ket"),
    },
    required=("indikator", "tahun", "nilai"),
    keys=("kode_wilayah", "indikator", "tahun", "bulan"),
    scope=("indikator", "tahun", "level"),
    value="nilai",
    label="Nilai indikator per wilayah dan tahun",
    looks_like="tabel nilai indikator",
)
PROGRAMME_AGGREGATES = UploadKind(
    key="program",
    dataset="program",
    columns={
        **_AREA_COLUMNS,
        **_YEAR,
        "program": ("program", "nama program", "jenis bantuan", "bansos"),
        **_DECILE,
        "rumah_tangga": ("rumah tangga", "jumlah rumah tangga", "jumlah rt", "jumlah keluarga", "jumlah kk", "rt desil"),
        "penerima": ("penerima", "jumlah penerima", "penerima manfaat", "kpm", "jumlah kpm"),
        "anggaran_rp": ("anggaran", "anggaran rp", "pagu", "pagu rp"),
        "realisasi_rp": ("realisasi", "realisasi rp"),
        "pelaksana": ("pelaksana", "opd", "opd pelaksana", "mitra"),
        **_SOURCE,
    },
    required=("tahun", "program", "desil", "rumah_tangga", "penerima"),
    keys=("kode_wilayah", "tahun", "program", "desil"),
    scope=("program", "tahun"),
    value="penerima",
    label="Program per desa, tahun dan desil (agregat)",
    looks_like="agregat program per desil",
)
RECIPIENTS = UploadKind(
    key="penerima",
    dataset="penerima",
    columns={
        **_AREA_COLUMNS,
        **_YEAR,
        "program": PROGRAMME_AGGREGATES.columns["program"],
        "penerima": ("jumlah kpm", "jml kpm", "kpm", "jumlah penerima", "jml penerima", "penerima",
                     "jumlah penerima manfaat", "penerima manfaat", "jumlah kk penerima", "jumlah keluarga penerima"),
        "bantuan_rp": ("jumlah bantuan", "jumlah bantuan rp", "nilai bantuan", "nilai bantuan rp", "bantuan rp",
                       "nominal", "nominal bantuan", "nominal rp", "total bantuan", "jumlah dana", "dana rp"),
        **_SOURCE,
        "catatan": ("catatan", "keterangan", "ket"),
    },
    required=("penerima",),
    # The published counts of `penerima` name some programmes outside the registry (DTKS, JKN): the name is key.
    keys=("kode_wilayah", "tahun", "program", "nama_program", "ukuran"),
    scope=("program", "tahun", "ukuran", "level"),
    value="nilai",
    label="Rekap penerima per desa (tanpa desil)",
    looks_like="rekap penerima per desa tanpa desil",
)
HOUSEHOLD_LIST = UploadKind(
    key="rumah_tangga",
    dataset="program",
    # Plus a Ya/Tidak column per registered programme: see `columns_of`.
    columns={**PERSONAL_COLUMNS, **_AREA_COLUMNS, **_YEAR, **_DECILE},
    required=("desil",),
    keys=PROGRAMME_AGGREGATES.keys,
    # A household list is each desa's complete list: it replaces that desa's counts for the year and programme.
    scope=("kode_wilayah", "tahun", "program"),
    value="penerima",
    label="Daftar rumah tangga (NIK/nama tidak disimpan)",
    looks_like="daftar rumah tangga",
)
KINDS = {kind.key: kind for kind in (INDICATOR_VALUES, PROGRAMME_AGGREGATES, RECIPIENTS, HOUSEHOLD_LIST)}
# How rows of each uploadable dataset are keyed and compared (for previews of rollbacks too).
DATASET_KINDS = {"nilai": INDICATOR_VALUES, "program": PROGRAMME_AGGREGATES, "penerima": RECIPIENTS}

PROGRAMME_COLUMNS = ["kode_wilayah", "tahun", "program", "desil", "rumah_tangga", "penerima", "anggaran_rp",
                     "realisasi_rp", "pelaksana", "status", "sumber"]
RECIPIENT_COLUMNS = ["kode_wilayah", "tahun", "program", "nama_program", "ukuran", "nilai", "satuan", "sumber", "status",
                     "catatan"]
VALUE_COLUMNS = ["kode_wilayah", "indikator", "tahun", "bulan", "nilai", "sumber", "status", "catatan", "sumber_lain"]


@dataclass(frozen=True)
class Context:
    """What a file is checked against: the registries in force and today's year."""

    areas: AreaRegistry
    indicators: Mapping[str, Indicator]
    programmes: Mapping[str, Programme]
    this_year: int = field(default_factory=lambda: dt.date.today().year)


@dataclass(frozen=True)
class Options:
    """What staff say in the form next to the file."""

    source: str = ""  # used for rows without a `sumber` of their own
    year: int | None = None  # files without a `tahun` column (else the one year their title names)
    programme: str | None = None  # a recap without a `program` column (else the one programme its title names)


@dataclass(frozen=True)
class UnknownArea:
    """A written area name with no certain match, and the areas it may mean (for staff to confirm as alias)."""

    written: str
    column: str
    rows: tuple[int, ...]
    suggestions: tuple[tuple[str, str, float], ...]


@dataclass(frozen=True)
class Prepared:
    kind: UploadKind
    file_name: str
    sha256: str
    rows: pd.DataFrame  # rows of the dataset's table (index: spreadsheet row), empty when there are problems
    problems: tuple[Problem, ...]
    unknown_areas: tuple[UnknownArea, ...] = ()
    households: int | None = None  # household lists: how many households were counted
    notices: tuple[Problem, ...] = ()  # warnings and notes that do not stop a publish (total rows left out, …)

    @property
    def ok(self) -> bool:
        return not self.problems


# --- numbers ------------------------------------------------------------------------------------


def parse_number(value: object) -> float | None:
    """A number as staff write it: `8,81`, `8.81`, `8,81 %`, `1.234,5`, `Rp 714.241`, `9.492`; None if it is not one.

    Indonesian notation (comma decimals, dot thousands) is tried first, as Excel writes it on Indonesian
    machines; English notation second (`8.81`). Numbers from Excel cells arrive as numbers already.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value) if math.isfinite(value) else None
    text = re.sub(r"(?i)^rp\.?|%$", "", str(value).replace("\xa0", " ").strip()).strip().replace(" ", "")
    if not text:
        return None
    for locale in ("id", "en"):
        try:
            number = float(parse_decimal(text, locale=locale, strict=True))
        except (NumberFormatError, ValueError, ArithmeticError):  # decimal.InvalidOperation on "1e+16"-like text
            continue
        return number if math.isfinite(number) else None  # "NaN", "inf" and 1e400 are not figures
    return None


def _is_blank(value: object) -> bool:
    # A lone dash is how printed Indonesian tables write "none".
    return value is None or (isinstance(value, float) and pd.isna(value)) or str(value).strip() in ("", "-")


_EXAMPLES = {"tahun": "2025", "bulan": "3", "desil": "1", "anggaran_rp": "1.500.000", "realisasi_rp": "1.250.000"}


def _numbers(raw: pd.DataFrame, column: str, heading: str, *, integer: bool, required: bool) -> tuple[pd.Series, list[Problem]]:
    if column not in raw:  # reported once by the reader if it is required
        empty = pd.Series(pd.NA, index=raw.index, dtype="Float64")
        return (empty.astype("Int64") if integer else empty.astype(float)), []
    problems, out = [], []
    for row, value in raw[column].items():
        if _is_blank(value):
            if required:
                problems.append(Problem(f"Kolom {heading} kosong.", f"Isi {heading} pada baris {row}.", row, heading))
            out.append(None)
            continue
        number = parse_number(value)
        if number is None or (integer and not float(number).is_integer()):
            kind = "bilangan bulat" if integer else "angka"
            problems.append(Problem(
                f"Nilai bukan {kind}.",
                f"Tulis {heading} sebagai {kind}, misalnya {_EXAMPLES.get(column, '12' if integer else '8,81')} "
                "(tanpa teks atau rumus).",
                row, heading, str(value)))
            out.append(None)
        else:
            out.append(number)
    series = pd.Series(out, index=raw.index, dtype="Float64")
    return (series.round().astype("Int64") if integer else series.astype(float)), problems


def _texts(raw: pd.DataFrame, column: str) -> pd.Series:
    if column not in raw:
        return pd.Series(None, index=raw.index, dtype=object)
    # Built as objects: `map` would infer pandas' string dtype and turn None into NaN, read later as the text "nan".
    return pd.Series([None if _is_blank(v) else str(v).strip() for v in raw[column]], index=raw.index, dtype=object)


# --- names to codes ---------------------------------------------------------------------------


def indicator_lookup(indicators: Mapping[str, Indicator]) -> dict[str, str]:
    """Indicator ids by every way staff may write them: the id or the Indonesian or English label."""
    lookup = {}
    for indicator in indicators.values():
        for written in (indicator.id, indicator.label_id, indicator.label_en):
            lookup[uploads.normalise_header(written)] = indicator.id
    return lookup


def programme_lookup(programmes: Mapping[str, Programme]) -> dict[str, str]:
    """Programme ids by every way staff may write them: the id, either name, or a spelling from the registry."""
    return {uploads.normalise_header(written): programme.id for programme in programmes.values()
            for written in (programme.id, programme.name_id, programme.name_en, *programme.spellings)}


def columns_of(kind: UploadKind, programmes: Mapping[str, Programme]) -> Mapping[str, tuple[str, ...]]:
    """The columns a file of `kind` may have, with the headings staff write. A household list has one Ya/Tidak
    column per registered programme, headed by its id or a spelling, so a programme added to the registry is
    read without a code change."""
    if kind is not HOUSEHOLD_LIST:
        return kind.columns
    return {**kind.columns, **{programme.id: programme.spellings for programme in programmes.values()}}


def _implementers(programmes: Mapping[str, Programme]) -> dict[str, str]:
    return {programme.id: programme.implementer for programme in programmes.values()}


def _codes_from_names(raw: pd.DataFrame, column: str, heading: str, lookup: Mapping[str, str], what: str,
                      rows_required: bool = True) -> tuple[pd.Series, list[Problem]]:
    if column not in raw:  # reported once by the reader
        return pd.Series(None, index=raw.index, dtype=object), []
    problems, out = [], []
    choices = sorted(set(lookup))
    codes = sorted(set(lookup.values()))
    for row, value in _texts(raw, column).items():
        if value is None:
            if rows_required:
                problems.append(Problem(f"Kolom {heading} kosong: {what} belum diisi.",
                                        f"Isi {what} pada baris {row} dengan salah satu kode: {', '.join(codes)}.",
                                        row, heading))
            out.append(None)
            continue
        code = lookup.get(uploads.normalise_header(value))
        if code is None:
            best = process.extractOne(uploads.normalise_header(value), choices, scorer=fuzz.WRatio)
            hint = f"Mungkin maksudnya {lookup[best[0]]}? " if best and best[1] >= 70 else ""
            problems.append(Problem(f"{what.capitalize()} tidak dikenal.",
                                    f"{hint}Gunakan kode {what} dari templat: {', '.join(codes)}.",
                                    row, heading, value))
        out.append(code)
    return pd.Series(out, index=raw.index, dtype=object), problems


def area_label(registry: AreaRegistry, code: str) -> str:
    """`kecamatan Sangatta Utara (64.08.04)`: the level too, as a desa may share its kecamatan's name."""
    return f"{registry.level(code)} {registry.name(code)} ({code})"


_LEVEL_PREFIXES = {"kabupaten": "Kab.", "kecamatan": "Kec.", "desa": "Desa"}


def _unknown(written: str, column: str, rows: list[int], match: Match, registry: AreaRegistry
             ) -> tuple[Problem, UnknownArea | None]:
    names = "; ".join(area_label(registry, code) for code, _name, _score in match.suggestions)
    if match.ambiguous:  # no alias can tell a kecamatan from its namesake desa: only the file can
        ways = " atau ".join(f"'{_LEVEL_PREFIXES.get(registry.level(code), '')} {name}'"
                             for code, name, _score in match.suggestions)
        return Problem(f"Nama wilayah ambigu{_also_in(rows)}: bisa berarti {names}.",
                       f"Tulis tingkatnya di depan nama ({ways}), isi kolom kecamatan, atau tulis kode wilayahnya.",
                       rows[0], column, written), None
    fix = (f"Mungkin maksudnya: {names}. Pilih yang benar di bagian 'Nama wilayah tak dikenal' agar ejaan ini disimpan "
           "sebagai alias, atau tulis nama resmi/kode Kemendagri di berkas.")
    problem = Problem(f"Nama wilayah tidak dikenal{_also_in(rows)}.", fix, rows[0], column, written)
    return problem, UnknownArea(written, column, tuple(rows), match.suggestions)


def _also_in(rows: list[int]) -> str:
    return f" (juga di baris {', '.join(map(str, rows[1:6]))}{' …' if len(rows) > 6 else ''})" if len(rows) > 1 else ""


def _names_beside_codes(raw: pd.DataFrame, codes: pd.Series, registry: AreaRegistry, headings: Mapping[str, str]
                        ) -> list[Problem]:
    """A name written beside a known code must name that area (or, in the kecamatan column, its kecamatan):
    otherwise the row is refused rather than published under the code while the name says another area."""
    problems = []
    kecamatan_of = {"desa": parent_code, "kecamatan": lambda code: code}
    for column in ("wilayah", "desa", "kecamatan"):
        pairs = pd.DataFrame({"kode": codes, "nama": _texts(raw, column)}).dropna()
        for (code, written), rows in pairs.groupby(["kode", "nama"], sort=False).groups.items():
            level = registry.level(code)
            if column != "kecamatan":
                expected = code
            elif level in kecamatan_of:
                expected = kecamatan_of[level](code)
            else:
                continue  # a kabupaten's row has no kecamatan to compare
            expected_level = registry.level(expected)
            # Within the parent: a desa name repeats across kecamatan.
            within = parent_code(expected) if "." in expected else None
            if registry.match(written, level=expected_level, within=within).kode == expected:
                continue
            heading = headings.get(column, column)
            what = "adalah" if expected == code else f"ada di {expected_level}"
            other = registry.match(written, level=expected_level).kode
            meant = f"'{written}' adalah {area_label(registry, other)}: " if other else ""
            problems.append(Problem(
                f"Kode wilayah dan kolom {heading} tidak cocok: kode {code} {what} {registry.name(expected)}, "
                f"bukan '{written}'{_also_in(list(rows))}.",
                f"{meant}bila yang dimaksud {registry.name(expected)}, tulis '{registry.name(expected)}' di kolom "
                f"{heading}; bila yang dimaksud '{written}', perbaiki kode wilayah atau kosongkan kode agar wilayah "
                "dikenali dari namanya. Lalu unggah ulang.",
                int(rows[0]), heading, written))
    return problems


def match_areas(raw: pd.DataFrame, registry: AreaRegistry, headings: Mapping[str, str], desa_only: bool
                ) -> tuple[pd.Series, list[Problem], list[UnknownArea]]:
    """Kemendagri codes for every row, from a code column or from names (desa within its kecamatan).

    Each distinct spelling is matched once, so a household list of 50,000 rows costs 141 lookups.
    """
    codes = _texts(raw, "kode_wilayah")
    kecamatan = _texts(raw, "kecamatan")
    name_column = "wilayah" if not desa_only and "wilayah" in raw else "desa"
    names = _texts(raw, name_column)
    problems: list[Problem] = []
    unknown: list[UnknownArea] = []
    result = pd.Series(None, index=raw.index, dtype=object)
    valid_levels = ("desa",) if desa_only else tuple(registry.areas["level"].unique())

    by_code = codes.dropna()
    for row, code in by_code.items():
        if code in registry.areas.index and registry.level(code) in valid_levels:
            result[row] = code
        else:
            level = "desa " if desa_only else ""
            problems.append(Problem(f"Kode wilayah {level}tidak dikenal.",
                                    "Tulis kode Kemendagri yang berlaku (misalnya 64.08.04.2001) atau kosongkan kode "
                                    "dan tulis nama kecamatan dan desa.", row, headings.get("kode_wilayah"), code))

    problems += _names_beside_codes(raw, result, registry, headings)

    by_name = raw.index[codes.isna()]
    kecamatan_codes: dict[str, str | None] = {}
    for written, rows in kecamatan[by_name].dropna().groupby(kecamatan[by_name].dropna()).groups.items():
        match = registry.match(written, level="kecamatan", within=KUTIM)
        kecamatan_codes[written] = match.kode
        if match.kode is None:
            problem, area = _unknown(written, headings["kecamatan"], list(rows), match, registry)
            problems.append(problem)
            unknown += [area] if area else []

    pairs = pd.DataFrame({"kecamatan": kecamatan[by_name], "nama": names[by_name]})
    for row in pairs.index[pairs["nama"].isna()]:
        missing = headings.get(name_column, name_column)
        problems.append(Problem("Nama wilayah kosong.", f"Isi kolom {missing} (atau kode wilayah) pada baris {row}.",
                                row, missing))
    named = pairs.dropna(subset=["nama"]).fillna({"kecamatan": ""})
    for (written_kecamatan, written), rows in named.groupby(["kecamatan", "nama"]).groups.items():
        parent = kecamatan_codes.get(written_kecamatan) if written_kecamatan else None
        if written_kecamatan and parent is None:
            continue  # the kecamatan is already reported; a desa cannot be placed without it
        if desa_only or parent is not None:
            match = registry.match(written, level="desa", within=parent or KUTIM)
        if not desa_only and (parent is None or match.kode is None):
            # An indicator row may name any area; with a kecamatan beside it, it may be that kecamatan itself.
            match = registry.match(written, level=level_from_prefix(written))
        if match.kode is None:
            problem, area = _unknown(written, headings.get(name_column, name_column), list(rows), match, registry)
            problems.append(problem)
            unknown += [area] if area else []
        else:
            result[list(rows)] = match.kode
    return result, problems, unknown


# --- table rules (pandera) ------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    column: str  # the column a failure is reported in
    problem: str
    fix: str


RULES = {
    "tahun": Rule("tahun", "Tahun di luar rentang.", "Tulis tahun {first}–{last} (empat angka, misalnya 2025)."),
    "bulan": Rule("bulan", "Bulan di luar rentang.", "Tulis bulan 1–12 (3 untuk Maret), atau kosongkan untuk data tahunan."),
    "desil": Rule("desil", "Desil di luar rentang.", "Tulis desil kesejahteraan 1 (termiskin) sampai 10."),
    "nilai_negatif": Rule("nilai", "Nilai negatif.", "Indikator ini tidak bisa negatif; periksa tanda minus atau salah ketik."),
    "persen": Rule("nilai", "Persentase di luar 0–100.",
                   "Tulis persen sebagai 0–100 (8,81 untuk 8,81 %), bukan pecahan atau angka lain."),
    "rumah_tangga": Rule("rumah_tangga", "Jumlah rumah tangga negatif.", "Tulis jumlah 0 atau lebih."),
    "penerima": Rule("penerima", "Jumlah penerima negatif.", "Tulis jumlah 0 atau lebih."),
    "anggaran_rp": Rule("anggaran_rp", "Anggaran negatif.", "Tulis anggaran dalam rupiah, 0 atau lebih."),
    "realisasi_rp": Rule("realisasi_rp", "Realisasi negatif.", "Tulis realisasi dalam rupiah, 0 atau lebih."),
    "bantuan_rp": Rule("bantuan_rp", "Nilai bantuan negatif.", "Tulis nilai bantuan dalam rupiah, 0 atau lebih."),
    "penerima_lebih": Rule("penerima", "Penerima lebih banyak dari rumah tangga di desil itu.",
                           "Periksa kedua angka: penerima tidak boleh melebihi jumlah rumah tangga desil tersebut."),
    "duplikat": Rule("tahun", "Baris ganda: kunci yang sama muncul lebih dari sekali.",
                     "Hapus salah satu baris, atau perbaiki wilayah/tahun/{what} yang salah ketik."),
}


def _in_range(low: int, high: int, rule: str) -> pa.Check:
    return pa.Check(lambda s: (s >= low) & (s <= high), element_wise=False, ignore_na=True, name=rule)


def _not_negative(rule: str) -> pa.Check:
    return pa.Check(lambda s: s >= 0, ignore_na=True, name=rule)


def _unique(keys: list[str], optional: tuple[str, ...] = ("bulan",)) -> pa.Check:
    # Rows whose area or programme could not be read are reported already; a missing month is a yearly figure.
    known = [k for k in keys if k not in optional]
    return pa.Check(lambda d: ~d[keys].astype(str).duplicated(keep=False) | d[known].isna().any(axis=1), name="duplikat")


def schema(kind: UploadKind, context: Context) -> pa.DataFrameSchema:
    years = _in_range(FIRST_YEAR, context.this_year, "tahun")
    if kind is INDICATOR_VALUES:
        percent = {i.id for i in context.indicators.values() if i.satuan == "persen"}
        return pa.DataFrameSchema(
            {"tahun": pa.Column("Int64", years, nullable=True), "bulan": pa.Column("Int64", _in_range(1, 12, "bulan"), nullable=True),
             "nilai": pa.Column(float, _not_negative("nilai_negatif"), nullable=True)},
            checks=[pa.Check(lambda d: ~(d["indikator"].isin(percent) & (d["nilai"] > 100)), name="persen"),
                    _unique(list(kind.keys))])
    if kind is RECIPIENTS:
        return pa.DataFrameSchema(
            {"tahun": pa.Column("Int64", years, nullable=True),
             "penerima": pa.Column("Int64", _not_negative("penerima"), nullable=True),
             "bantuan_rp": pa.Column(float, _not_negative("bantuan_rp"), nullable=True)},
            checks=[_unique(["kode_wilayah", "tahun", "program"])])
    columns = {"tahun": pa.Column("Int64", years, nullable=True), "desil": pa.Column("Int64", _in_range(1, 10, "desil"), nullable=True)}
    if kind is PROGRAMME_AGGREGATES:
        for name in ("rumah_tangga", "penerima", "anggaran_rp", "realisasi_rp"):
            columns[name] = pa.Column("Int64", _not_negative(name), nullable=True)
        return pa.DataFrameSchema(columns, checks=[
            pa.Check(lambda d: ~(d["penerima"] > d["rumah_tangga"]).fillna(False), name="penerima_lebih"),
            _unique(list(kind.keys))])
    return pa.DataFrameSchema(columns)


def _as_written(value: object) -> str | None:
    """A checked number back in the way staff write it: 180 not 180.0, 8,81 not 8.81."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{value:g}".replace(".", ",")
    return str(value)


_KEY_WORDS = {"nilai": "indikator", "program": "program/desil", "penerima": "program"}


def check_rules(kind: UploadKind, typed: pd.DataFrame, context: Context, headings: Mapping[str, str]) -> list[Problem]:
    try:
        schema(kind, context).validate(typed, lazy=True)
    except pa.errors.SchemaErrors as errors:
        cases = errors.failure_cases
    else:
        return []
    problems = []
    for (check, row), _case in cases.groupby(["check", "index"], sort=False):
        rule = RULES[check]
        if check == "duplikat":
            value = " · ".join(str(typed.at[row, key]) for key in kind.keys if key in typed and pd.notna(typed.at[row, key]))
        else:
            value = typed.at[row, rule.column] if rule.column in typed else None
        fix = rule.fix.format(first=FIRST_YEAR, last=context.this_year, what=_KEY_WORDS[kind.dataset])
        column = headings.get(rule.column, rule.column)
        problems.append(Problem(rule.problem, fix, int(row), column, _as_written(value)))
    return problems


# --- the four kinds ---------------------------------------------------------------------------


def _sources(raw: pd.DataFrame, options: Options) -> tuple[pd.Series, list[Problem]]:
    sources = _texts(raw, "sumber").fillna(options.source.strip() or None)
    missing = sources.isna()
    if not missing.any():
        return sources, []
    rows = list(raw.index[missing])
    return sources, [Problem("Sumber data belum diisi.",
                             "Isi kolom sumber (tautan atau nama dokumen) atau kotak 'Sumber' di formulir unggah.",
                             rows[0] if len(rows) < len(raw) else None, "sumber")]


def _areas(raw: pd.DataFrame, context: Context, headings: Mapping[str, str], desa_only: bool):
    """`match_areas`, or one problem when the file has no area column at all (its other columns still checked)."""
    names = ("kode_wilayah", "desa") if desa_only else ("kode_wilayah", "wilayah", "desa")
    if not any(column in raw for column in names):
        fix = ("Tambahkan kolom 'kecamatan' dan 'desa' (nama) atau 'kode_wilayah'." if desa_only
               else "Tambahkan kolom 'wilayah' (nama) atau 'kode_wilayah'.")
        return pd.Series(None, index=raw.index, dtype=object), [
            Problem(f"Kolom {'desa' if desa_only else 'wilayah'} tidak ada.", fix)], []
    return match_areas(raw, context.areas, headings, desa_only=desa_only)


def _year(raw: pd.DataFrame, options: Options, headings: Mapping[str, str]) -> tuple[pd.Series, list[Problem]]:
    """The `tahun` column, else the year of the form (or of the title): files often name their year once."""
    if "tahun" in raw:
        return _numbers(raw, "tahun", headings["tahun"], integer=True, required=True)
    year = pd.Series(options.year if options.year is not None else pd.NA, index=raw.index, dtype="Int64")
    if options.year is not None:
        return year, []
    return year, [Problem("Tahun data tidak diketahui.", "Tambahkan kolom 'tahun' atau pilih tahun di formulir.")]


def _indicator_rows(raw: pd.DataFrame, context: Context, options: Options, headings: dict[str, str]):
    codes, problems, unknown = _areas(raw, context, headings, desa_only=False)
    indicator, indicator_problems = _codes_from_names(raw, "indikator", headings["indikator"],
                                                      indicator_lookup(context.indicators), "indikator")
    year, p_year = _numbers(raw, "tahun", headings["tahun"], integer=True, required=True)
    month, p_month = _numbers(raw, "bulan", headings["bulan"], integer=True, required=False)
    value, p_value = _numbers(raw, "nilai", headings["nilai"], integer=False, required=True)
    sources, p_source = _sources(raw, options)
    problems += indicator_problems + p_year + p_month + p_value + p_source
    typed = pd.DataFrame({"kode_wilayah": codes, "indikator": indicator, "tahun": year, "bulan": month, "nilai": value,
                          "sumber": sources, "status": UPLOAD_STATUS, "catatan": _texts(raw, "catatan"),
                          "sumber_lain": None})
    return typed, problems, unknown


def _programme_rows(raw: pd.DataFrame, context: Context, options: Options, headings: dict[str, str]):
    codes, problems, unknown = _areas(raw, context, headings, desa_only=True)
    programme, p_programme = _codes_from_names(raw, "program", headings["program"], programme_lookup(context.programmes), "program")
    numbers = {}
    for name, required in (("tahun", True), ("desil", True), ("rumah_tangga", True), ("penerima", True),
                           ("anggaran_rp", False), ("realisasi_rp", False)):
        numbers[name], found = _numbers(raw, name, headings[name], integer=True, required=required)
        problems += found
    sources, p_source = _sources(raw, options)
    typed = pd.DataFrame({"kode_wilayah": codes, **numbers, "program": programme,
                          "pelaksana": _texts(raw, "pelaksana").fillna(programme.map(_implementers(context.programmes))),
                          "status": UPLOAD_STATUS, "sumber": sources})
    return typed[PROGRAMME_COLUMNS], problems + p_programme + p_source, unknown


def _recipient_rows(raw: pd.DataFrame, context: Context, options: Options, headings: dict[str, str]):
    codes, problems, unknown = _areas(raw, context, headings, desa_only=True)
    if "program" in raw:
        programme, found = _codes_from_names(raw, "program", headings["program"],
                                             programme_lookup(context.programmes), "program")
        problems += found
    else:
        known = options.programme in context.programmes
        programme = pd.Series(options.programme if known else None, index=raw.index, dtype=object)
        if not known:
            problems.append(Problem(
                "Program tidak diketahui: berkas tidak punya kolom program dan judulnya tidak menyebut satu program.",
                f"Tambahkan kolom 'program' (misalnya PKH) atau pilih program di formulir. Program terdaftar: "
                f"{', '.join(context.programmes)}."))
    year, found = _year(raw, options, headings)
    count, p_count = _numbers(raw, "penerima", headings["penerima"], integer=True, required=True)
    money, p_money = _numbers(raw, "bantuan_rp", headings["bantuan_rp"], integer=False, required=False)
    sources, p_source = _sources(raw, options)
    typed = pd.DataFrame({"kode_wilayah": codes, "tahun": year, "program": programme, "penerima": count,
                          "bantuan_rp": money, "sumber": sources, "catatan": _texts(raw, "catatan")})
    return typed, problems + found + p_count + p_money + p_source, unknown


def recipient_records(typed: pd.DataFrame, programmes: Mapping[str, Programme]) -> pd.DataFrame:
    """Checked recap rows -> rows of the `penerima` table: a count of recipients (in the programme's unit) per
    desa, and the Rupiah paid where the recap has it. Never decile figures: the recap has no deciles."""
    measures = {"penerima": lambda programme: programme.unit, "bantuan_rp": lambda _programme: "rupiah"}
    long = typed.rename_axis("baris").reset_index().melt(
        id_vars=["baris", "kode_wilayah", "tahun", "program", "sumber", "catatan"], value_vars=list(measures),
        var_name="ukuran", value_name="nilai").dropna(subset=["nilai"])
    registry = {id_: programmes[id_] for id_ in long["program"].unique()}
    long = long.assign(
        nama_program=long["program"].map(lambda id_: registry[id_].name_id),
        satuan=[measures[ukuran](registry[id_]) for ukuran, id_ in zip(long["ukuran"], long["program"])],
        nilai=long["nilai"].astype(float), status=UPLOAD_STATUS)
    return long.set_index("baris").rename_axis(None).sort_index(kind="stable")[RECIPIENT_COLUMNS]


_YES = {"ya", "y", "1", "true", "x", "v", "✓", "penerima", "ada"}
_NO = {"tidak", "t", "0", "false", "bukan", "tdk", ""}


def _flags(raw: pd.DataFrame, column: str, heading: str) -> tuple[pd.Series, list[Problem]]:
    problems = []
    def flag(row, value):
        text = "" if _is_blank(value) else str(value).strip().lower()
        text = text[:-2] if text.endswith(".0") else text  # Excel numbers 1.0 / 0.0
        if text in _YES:
            return True
        if text not in _NO:
            problems.append(Problem("Isian penerima program tidak dikenal.",
                                    "Tulis Ya atau Tidak (1 atau 0) untuk setiap program.", row, heading, str(value)))
        return False
    return pd.Series([flag(r, v) for r, v in raw[column].items()], index=raw.index, dtype=bool), problems


def _household_rows(raw: pd.DataFrame, context: Context, options: Options, headings: dict[str, str]):
    # Personal columns go first: nothing below may see them.
    raw = raw.drop(columns=[c for c in PERSONAL_COLUMNS if c in raw])
    programmes = [column for column in raw.columns if column in context.programmes]
    codes, problems, unknown = _areas(raw, context, headings, desa_only=True)
    if not programmes:
        problems.append(Problem("Tidak ada kolom program.",
                                f"Tambahkan satu kolom per program (Ya/Tidak): {', '.join(context.programmes)}."))
    decile, found = _numbers(raw, "desil", headings["desil"], integer=True, required=True)
    year, p_year = _year(raw, options, headings)
    problems += found + p_year
    typed = pd.DataFrame({"kode_wilayah": codes, "tahun": year, "desil": decile})
    for programme in programmes:
        typed[programme], found = _flags(raw, programme, headings[programme])
        problems += found
    sources, p_source = _sources(raw, options)
    return typed.assign(sumber=sources), problems + p_source, unknown


def aggregate_households(typed: pd.DataFrame, programmes: Mapping[str, Programme]) -> pd.DataFrame:
    """Household rows (one per household, programme flags) -> rows per desa, year, programme and decile."""
    flags = [c for c in typed.columns if c in programmes]
    keys = ["kode_wilayah", "tahun", "desil"]
    grouped = typed.groupby(keys, sort=True)
    households = grouped.size().rename("rumah_tangga")
    sources = grouped["sumber"].first()
    long = grouped[flags].sum().join(households).join(sources).reset_index().melt(
        id_vars=[*keys, "rumah_tangga", "sumber"], value_vars=flags, var_name="program", value_name="penerima")
    return long.assign(anggaran_rp=pd.NA, realisasi_rp=pd.NA, pelaksana=long["program"].map(_implementers(programmes)),
                       status=UPLOAD_STATUS)[PROGRAMME_COLUMNS].astype({"anggaran_rp": "Int64", "realisasi_rp": "Int64"})


_BUILDERS = {"indikator": _indicator_rows, "program": _programme_rows, "penerima": _recipient_rows,
             "rumah_tangga": _household_rows}


# --- total rows, titles, the kind a file fits ----------------------------------------------------------

# `JUMLAH`, `TOTAL`, `Jumlah KPM`, `Jumlah Kecamatan Sangkulirang`, `Sub Total`, `Grand Total`, `Jml`.
_TOTAL = re.compile(r"^(jumlah|jml|total|sub ?total|grand ?total)\b", re.IGNORECASE)
_AREA_CELLS = ("kode_wilayah", "wilayah", "kecamatan", "desa")
# The counts a total row adds up, per kind.
_SUMMED = {"indikator": ("nilai",), "program": ("rumah_tangga", "penerima", "anggaran_rp", "realisasi_rp"),
           "penerima": ("penerima", "bantuan_rp"), "rumah_tangga": ()}


def _is_total_text(value: object) -> bool:
    return isinstance(value, str) and bool(_TOTAL.match(value.strip()))


def total_rows(raw: pd.DataFrame, kind: UploadKind) -> list[Problem]:
    """Rows that add up the rows above rather than report an area: a `JUMLAH`/`TOTAL` label where the area
    would be (or in a merged label cell, with the area empty), or no area at all and counts that are the sum of
    the rows above. One note each, naming the row, so they are left out instead of offered as an area."""
    areas = [column for column in _AREA_CELLS if column in raw]
    summed = [column for column in _SUMMED[kind.key] if column in raw]
    numbers = raw[summed].map(parse_number) if summed else pd.DataFrame(index=raw.index)
    notes, block_start = [], 0
    for position, (row, cells) in enumerate(raw.iterrows()):
        area_cells = [cells[column] for column in areas if not _is_blank(cells[column])]
        labels = [value for column, value in cells.items() if column not in summed and _is_total_text(value)]
        label = labels[0] if labels and all(_is_total_text(value) for value in area_cells) else None
        if label is None and not area_cells and position - block_start >= 2:
            above = numbers.iloc[block_start:position]
            found = numbers.loc[row].dropna()
            sums = above[found.index].sum()
            label = "" if not found.empty and ((found - sums).abs() < 0.5).all() else None
        if label is None:
            continue
        block_start = position + 1
        written = f" ('{label}')" if label else ""
        notes.append(Problem(
            f"Baris {row}{written} adalah baris jumlah/total dan dilewati.",
            "Tidak perlu diubah: dasbor menjumlahkan sendiri. Jika baris ini sebenarnya data satu wilayah, "
            "tulis nama wilayahnya, lalu unggah ulang.", row, None, label or None, NOTE))
    return notes


def from_title(title: tuple[str, ...], options: Options, context: Context) -> Options:
    """The year and the programme a title states once (`REKAP KPM PKH KABUPATEN KUTAI TIMUR TAHUN 2025`), for a
    file without those columns and a form left empty. Only a title naming exactly one of each counts."""
    text = f"_{uploads.normalise_header(' '.join(title))}_"
    years = {int(year) for year in re.findall(r"(?<![0-9])((?:19|20)[0-9]{2})(?![0-9])", text)}
    named = {code for written, code in programme_lookup(context.programmes).items() if f"_{written}_" in text}
    return replace(options, year=options.year if options.year is not None or len(years) != 1 else years.pop(),
                   programme=options.programme or (named.pop() if len(named) == 1 else None))


def _fits(kind: UploadKind, found: set[str], programmes: Mapping[str, Programme]) -> bool:
    # A household list is told from programme aggregates (both have a decile) by its Ya/Tidak or personal columns.
    personal_or_flags = kind is not HOUSEHOLD_LIST or bool(found & (set(PERSONAL_COLUMNS) | set(programmes)))
    return set(kind.required) <= found and personal_or_flags


def kind_hint(chosen: UploadKind, heading_rows, programmes: Mapping[str, Programme]) -> UploadKind | None:
    """The kind whose required columns the file's headings hold, when the chosen kind's are missing; the one
    recognising the most columns of its own when several fit."""
    fitting = []
    for kind in KINDS.values():
        if kind is chosen:
            continue
        rows = [found for found in uploads.recognised(heading_rows, columns_of(kind, programmes))
                if _fits(kind, found, programmes)]
        if rows:
            fitting.append((max(map(len, rows)), kind))
    return max(fitting, key=lambda pair: pair[0])[1] if fitting else None


def _hint(chosen: UploadKind, kind: UploadKind, missing: tuple[str, ...]) -> Problem:
    needs = ", ".join(missing) if missing else "satu kolom Ya/Tidak per program"
    return Problem(f"Berkas ini tampak seperti {kind.looks_like}: pilih jenis '{kind.label}'.",
                   f"Pilih jenis '{kind.label}' lalu unggah berkas yang sama lagi. Jenis '{chosen.label}' memerlukan "
                   f"kolom {needs}.")


def decile_advice_warning(rows: pd.DataFrame) -> list[Problem]:
    """Programme aggregates that put every household in one decile with recipients equal to households: what
    staff produce when a recap without deciles is forced into this kind. Published, it would read as 100 %
    coverage of that decile; staff are warned and pointed to the recap kind."""
    if rows.empty or rows["desil"].nunique() != 1 or not (rows["penerima"] == rows["rumah_tangga"]).all():
        return []
    decile = int(rows["desil"].iloc[0])
    return [Problem(
        f"Semua baris berdesil {decile} dengan jumlah rumah tangga sama dengan penerima: berkas ini tampak seperti "
        f"rekap penerima tanpa desil, dan akan tampil sebagai cakupan 100 % desil {decile}.",
        f"Jika berkas asli tidak memuat desil, pilih jenis '{RECIPIENTS.label}' dan unggah rekap aslinya (kolom desa "
        "dan jumlah KPM). Terbitkan sebagai agregat hanya bila desil dan jumlah rumah tangga memang dari data desil.",
        None, "desil", str(decile), WARNING)]


def prepare(kind: UploadKind, data: bytes, file_name: str, context: Context, options: Options = Options(),
            sheet: str | None = None, written: Mapping[str, str] | None = None) -> Prepared:
    """Read, match and check an uploaded file; rows to publish only when there is no problem at all.

    Everything the table lets be checked is checked in one pass: a missing column, formula cells, names, numbers
    and table rules together. Only a file that cannot be read as a table, or that fits another kind better,
    stops at its file-level problems. `written`: the headings of the staff's own file when `data` is its mapped
    rewrite (`lib.ingest.mapping`), so problems name the columns staff see.
    """
    digest = hashlib.sha256(data).hexdigest()
    columns = columns_of(kind, context.programmes)
    table = uploads.read_table(data, file_name, columns, kind.required, sheet=sheet)
    problems = list(table.problems)
    fits = _fits(kind, set(table.headers), context.programmes)
    other = None if fits else kind_hint(kind, table.heading_rows, context.programmes)
    if other is not None:
        problems.append(_hint(kind, other, table.missing))

    def refused(found, unknown=(), notices=()) -> Prepared:
        return Prepared(kind, file_name, digest, pd.DataFrame(), tuple(found), tuple(unknown), None, tuple(notices))

    if table.frame.empty or other is not None:
        return refused(problems)
    raw = table.frame.set_axis(table.rows, axis=0)
    notices = total_rows(raw, kind)
    dropped = {notice.baris for notice in notices}
    raw = raw.drop(index=list(dropped))
    # A formula cell is reported by the reader; an "empty cell" for it would say less, and a total row goes.
    problems = [p for p in problems if p.baris not in dropped]
    cells = {(p.baris, p.kolom) for p in problems if p.baris is not None and p.kolom is not None}
    headings = {column: table.headers.get(column, column) for column in columns} | dict(written or {})
    typed, found, unknown = _BUILDERS[kind.key](raw, context, from_title(table.title, options, context), headings)
    found += check_rules(kind, typed, context, headings)
    problems += [p for p in found if (p.baris, p.kolom) not in cells]
    if problems:
        return refused(problems, unknown, notices)
    if kind is HOUSEHOLD_LIST:
        return Prepared(kind, file_name, digest, aggregate_households(typed, context.programmes), (), (), len(typed),
                        tuple(notices))
    if kind is RECIPIENTS:
        typed = recipient_records(typed, context.programmes)
    if kind is PROGRAMME_AGGREGATES:
        notices += decile_advice_warning(typed)
    return Prepared(kind, file_name, digest, typed, (), notices=tuple(notices))  # indexed by spreadsheet row


# --- templates ------------------------------------------------------------------------------------

_TEMPLATES = {
    "indikator": pd.DataFrame({
        "kode_wilayah": ["64.08", "64.08.04", ""],
        "wilayah": ["Kutai Timur", "Sangatta Utara", "Kongbeng"],
        "indikator": ["persentase_penduduk_miskin_P0", "jumlah_rumah_tangga", "jumlah_rumah_tangga"],
        "tahun": [2025, 2025, 2025],
        # P0 is published as a yearly figure (BPS's March survey): a month here would clash with it.
        "bulan": ["", "", ""],
        "nilai": ["8,07", "31.250", "6.120"],
        "sumber": ["https://kutimkab.bps.go.id/…", "Disdukcapil Kutim", "Disdukcapil Kutim"],
        "catatan": ["Susenas Maret", "", ""],
    }),
    "program": pd.DataFrame({
        "kode_wilayah": ["", ""],
        "kecamatan": ["Sangatta Utara", "Sangatta Utara"],
        "desa": ["Sangatta Utara", "Sangatta Utara"],
        "tahun": [2025, 2025],
        "program": ["PKH", "PKH"],
        "desil": [1, 2],
        "rumah_tangga": [420, 515],
        "penerima": [310, 208],
        "anggaran_rp": ["", ""],
        "realisasi_rp": ["", ""],
        "pelaksana": ["Dinas Sosial", "Dinas Sosial"],
        "sumber": ["SIKS-NG Dinas Sosial Kutim, Juni 2025", "SIKS-NG Dinas Sosial Kutim, Juni 2025"],
    }),
    "penerima": pd.DataFrame({
        "kecamatan": ["Kongbeng", "Sangatta Utara"],
        "desa": ["Miau Baru", "Sangatta Utara"],
        "tahun": [2025, 2025],
        "program": ["PKH", "PKH"],
        "jumlah_kpm": [120, 310],
        "jumlah_bantuan_rp": ["Rp 90.000.000", ""],
        "sumber": ["SIKS-NG Dinas Sosial Kutim, Juni 2025", "SIKS-NG Dinas Sosial Kutim, Juni 2025"],
    }),
    "rumah_tangga": pd.DataFrame({
        "nik": ["6408xxxxxxxxxxxx", "6408xxxxxxxxxxxx"],
        "nama_kepala_keluarga": ["(nama)", "(nama)"],
        "alamat": ["(alamat)", "(alamat)"],
        "kecamatan": ["Kongbeng", "Kongbeng"],
        "desa": ["Miau Baru", "Miau Baru"],
        "desil": [1, 3],
        "tahun": [2025, 2025],
    }),
}


def templates(programmes: Mapping[str, Programme]) -> dict[str, pd.DataFrame]:
    """An example file per kind of upload; the household list has a Ya/Tidak column per registered programme."""
    flags = {programme: ["Ya", "Tidak"] for programme in programmes}
    return {**_TEMPLATES, "rumah_tangga": _TEMPLATES["rumah_tangga"].assign(**flags)}
