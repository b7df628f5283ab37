"""Reading the spreadsheets staff upload (CSV or XLSX) into a table of text cells, with problems reported.

Government spreadsheets arrive with title rows above the header, `;` separators and decimal commas,
Windows-1252 text, formulas, cover sheets and stray empty columns. `read_table` finds the header row,
names the recognised columns canonically and returns every cell as stripped text (or None), so the
ingest layer alone decides what a value means. Bad input never raises: it becomes `Problem`s saying in
Indonesian what is wrong and how to fix it. Nothing in a file is ever evaluated.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import islice

import numpy as np
import pandas as pd
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from lib.core import fmt
from lib.ingest.problems import Problem

MAX_UPLOAD_BYTES = 10 * 1024 * 1024  # 10 MB
MAX_UNZIPPED_BYTES = 100 * 1024 * 1024  # an XLSX is a zip: what it may expand to
HEADER_SCAN_ROWS = 30  # the header row is looked for among this many rows at the top
DELIMITERS = (";", ",", "\t", "|")  # `;` first: Indonesian Excel exports use it (decimal comma)
ZIP_MAGIC = b"PK\x03\x04"  # an XLSX is a zip
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # old .xls, or any password-protected Excel file
UTF8_BOM = b"\xef\xbb\xbf"

EMPTY = ("Berkas kosong: tidak ada isi yang bisa dibaca.", "Pilih berkas yang berisi data, lalu unggah ulang.")
SAVE_CSV = "Di Excel pilih Simpan Sebagai (Save As) → 'CSV UTF-8 (Comma delimited)', lalu unggah ulang."
SAVE_XLSX = "Buka berkas di Excel, Simpan Sebagai (Save As) 'Excel Workbook (.xlsx)' atau 'CSV UTF-8', lalu unggah ulang."

Row = tuple[int, list[str | None]]  # (row number as the spreadsheet shows it, cells)
Formulas = dict[tuple[int, int], str]  # (row number, column index) -> formula text


@dataclass(frozen=True)
class RawTable:
    frame: pd.DataFrame = field(default_factory=pd.DataFrame)  # cells: stripped str, None, or an Excel number
    rows: list[int] = field(default_factory=list)  # spreadsheet row number of each frame row
    headers: dict[str, str] = field(default_factory=dict)  # canonical name -> header as written
    header_row: int | None = None
    sheet: str | None = None  # XLSX sheet read
    sheets: tuple[str, ...] = ()  # all sheet names of an XLSX
    encoding: str | None = None  # CSV encoding detected
    problems: tuple[Problem, ...] = ()
    missing: tuple[str, ...] = ()  # required columns not found; the rest of the table is still read when it can be
    title: tuple[str, ...] = ()  # the text of the rows above the header (`REKAP PENERIMA PKH TAHUN 2025`)
    # The headings each of the top rows could be (normalised), to tell which kind of file this looks like.
    heading_rows: tuple[frozenset[str], ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems


def normalise_header(text: object) -> str:
    """`"Nama Desa/Kelurahan "` -> `"nama_desa_kelurahan"`: lowercase ASCII words joined by `_`."""
    plain = unicodedata.normalize("NFKD", "" if text is None else str(text)).encode("ascii", "ignore")
    return re.sub(r"[^a-z0-9]+", "_", plain.decode().lower()).strip("_")


def _lookup(columns: Mapping[str, Sequence[str]]) -> dict[str, str]:
    return {normalise_header(s): c for c in columns for s in _spellings(c, columns)}


def recognised(heading_rows: Sequence[frozenset[str]], columns: Mapping[str, Sequence[str]]) -> list[set[str]]:
    """For each candidate heading row, the canonical columns it holds."""
    lookup = _lookup(columns)
    return [{lookup[h] for h in row if h in lookup} for row in heading_rows]


def read_table(
    data: bytes,
    file_name: str,
    columns: Mapping[str, Sequence[str]],
    required: Collection[str],
    sheet: str | None = None,
    max_bytes: int = MAX_UPLOAD_BYTES,
) -> RawTable:
    """The uploaded file as a table of text cells, or the problems that stop it from being read."""
    if len(data) > max_bytes:
        size, limit = (fmt.number(n / 1024 / 1024, 1) for n in (len(data), max_bytes))
        return _failed(
            f"Berkas terlalu besar: {size} MB, batas {limit} MB.",
            "Pecah berkas menjadi beberapa bagian (misalnya per kecamatan), atau hapus lembar dan kolom "
            "yang tidak dipakai, lalu unggah ulang.",
        )
    if not data.strip():
        return _failed(*EMPTY)
    extension = os.path.splitext(file_name)[1].lower()
    if extension in (".csv", ".txt"):
        return _read_csv(data, columns, required)
    if extension in (".xlsx", ".xlsm"):
        return _read_xlsx(data, columns, required, sheet)
    if extension == ".xls":
        return _failed("Format Excel lama (.xls) tidak didukung.", SAVE_XLSX)
    return _failed(
        f"Jenis berkas '{extension or 'tanpa ekstensi'}' tidak didukung. Jenis yang diterima: .csv, .txt, .xlsx, .xlsm.",
        "Simpan data sebagai Excel Workbook (.xlsx) atau CSV UTF-8, lalu unggah ulang.",
    )


def _failed(masalah: str, perbaikan: str, **found) -> RawTable:
    return RawTable(problems=(Problem(masalah, perbaikan),), **found)


def _read_csv(data: bytes, columns: Mapping[str, Sequence[str]], required: Collection[str]) -> RawTable:
    if data.startswith(ZIP_MAGIC):
        return _failed(
            "Berkas bernama .csv ini sebenarnya berkas Excel (.xlsx).",
            "Ganti ekstensi nama berkas menjadi .xlsx, atau buka di Excel lalu simpan sebagai 'CSV UTF-8'.",
        )
    if data.startswith(OLE_MAGIC) or b"\x00" in data:  # old Excel, or Excel's UTF-16 "Unicode Text"
        return _failed("Berkas ini bukan teks CSV biasa (mungkin berkas Excel lama atau 'Unicode Text').", SAVE_CSV)
    for encoding in ("utf-8-sig",) if data.startswith(UTF8_BOM) else ("utf-8", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        return _failed("Huruf dalam berkas tidak dapat dibaca (pengodean karakter tidak dikenali).", SAVE_CSV)
    if not text.strip():  # a byte order mark and blank lines only
        return _failed(*EMPTY, encoding=encoding)
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text)))
    except csv.Error:
        return _failed(
            "Berkas CSV tidak dapat dibaca: tanda kutip (\") atau pemisah kolomnya rusak.", SAVE_CSV, encoding=encoding
        )
    rows = [(number, [_clean(cell) for cell in record]) for number, record in enumerate(records, start=1)]
    return _table(rows, {}, columns, required, encoding=encoding)


def _delimiter(text: str) -> str:
    """The delimiter giving the most lines with one same number (2 or more) of columns.

    Agreement across header and data lines beats counting characters, so the commas of `8,81` in a
    `;` file lose (the header has none); title lines above the header are outvoted by data lines.
    """

    def agreement(delimiter: str) -> tuple[int, int]:
        lines = islice(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), 100)
        widths = Counter(len(r) for r in lines if r).most_common(1)
        if not widths:  # only blank lines
            return 0, 0
        width, count = widths[0]
        return (count if width > 1 else 0), width

    return max(DELIMITERS, key=agreement)


def _read_xlsx(
    data: bytes, columns: Mapping[str, Sequence[str]], required: Collection[str], sheet: str | None
) -> RawTable:
    if data.startswith(OLE_MAGIC):
        return _failed(
            "Berkas ini berformat Excel lama (.xls) atau dilindungi kata sandi.",
            "Hapus kata sandinya (jika ada), lalu Simpan Sebagai (Save As) 'Excel Workbook (.xlsx)'.",
        )
    if not data.startswith(ZIP_MAGIC):
        return _failed("Berkas ini bukan berkas Excel yang sah (isinya tidak terbaca sebagai .xlsx).", SAVE_XLSX)
    if _unzipped_size(data) > MAX_UNZIPPED_BYTES:
        return _failed(
            "Isi berkas Excel ini terlalu besar untuk dibaca (lebih dari 100 MB setelah dibuka).",
            "Hapus lembar, gambar dan format yang tidak dipakai, atau simpan data sebagai CSV UTF-8, lalu unggah ulang.",
        )
    try:
        # read_only mode does not report data types reliably; data_only=False keeps formulas visible.
        book = load_workbook(io.BytesIO(data), data_only=False, read_only=False)
    except Exception:
        return _failed("Berkas Excel rusak atau tidak dapat dibaca.", SAVE_XLSX)
    sheets = {ws.title: ws for ws in book.worksheets}
    names = tuple(sheets)
    if sheet is not None and sheet not in sheets:
        return _failed(
            f"Lembar '{sheet}' tidak ada dalam berkas. Lembar yang ada: {_quoted(names)}.",
            "Pilih salah satu lembar yang ada, atau periksa nama lembar di Excel.",
            sheets=names,
        )
    candidates = [sheet] if sheet is not None else names
    headings: list[frozenset[str]] = []
    for name in candidates:
        table = _table(*_sheet_rows(sheets[name]), columns, required, sheet=name, sheets=names)
        # One sheet to read: its own problems (which column is missing) say more than "wrong sheet".
        if (table.header_row is not None and not table.missing) or len(candidates) == 1:
            return table
        headings += table.heading_rows
    return _failed(
        f"Lembar yang berisi kolom {_quoted(sorted(required))} tidak ditemukan. Lembar dalam berkas: {_quoted(names)}.",
        "Letakkan tabel data pada lembar yang baris judul kolomnya memuat "
        + "; ".join(f"{c}: {_quoted(_spellings(c, columns))}" for c in sorted(required))
        + " — atau gunakan templat unggahan.",
        sheets=names,
        missing=tuple(sorted(required)),
        heading_rows=tuple(headings),
    )


def _unzipped_size(data: bytes) -> int:
    """What the workbook's parts take once unzipped: a small file can expand to gigabytes (a zip bomb)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return 0  # openpyxl reports the damaged file


def _sheet_rows(ws) -> tuple[list[Row], Formulas]:
    """The sheet's non-empty rows as text; formula cells read as None and are returned apart."""
    rows: dict[int, list[str | None]] = {}
    formulas: Formulas = {}
    # Only the cells stored in the file: iter_rows would create every blank cell up to the furthest
    # formatted one, which can be row 1,048,576.
    for cell in sorted((c for c in ws._cells.values() if c.value is not None), key=lambda c: (c.row, c.column)):
        row = rows.setdefault(cell.row, [])
        row.extend([None] * (cell.column - len(row)))
        if cell.data_type == "f":
            formulas[cell.row, cell.column - 1] = str(getattr(cell.value, "text", cell.value))  # ArrayFormula
        elif isinstance(cell.value, int | float) and not isinstance(cell.value, bool):
            # Excel numbers stay numbers: as text, 9.492 would read as the Indonesian 9.492 (nine thousand).
            # A cell formatted as percent holds 0.0881 for 8.81 %.
            row[cell.column - 1] = cell.value * 100 if "%" in (cell.number_format or "") else cell.value
        else:
            row[cell.column - 1] = _clean(cell.value)
    return list(rows.items()), formulas


def _clean(value: object) -> str | None:
    """A cell as text without float noise or surrounding whitespace (`str.strip` covers \\xa0); "" -> None."""
    if isinstance(value, bool):
        text = "TRUE" if value else "FALSE"
    elif isinstance(value, float):  # shortest round-trip digits, never an exponent: 12.0 -> 12, 1e-07 -> 0.0000001
        text = np.format_float_positional(value, trim="-")
    elif isinstance(value, dt.datetime) and value.time() == dt.time():
        text = value.date().isoformat()
    elif isinstance(value, dt.date | dt.time):
        text = value.isoformat()
    else:
        text = "" if value is None else str(value)
    return text.strip() or None


def _table(
    rows: list[Row], formulas: Formulas, columns: Mapping[str, Sequence[str]], required: Collection[str], **found
) -> RawTable:
    """The data under the header row, recognised columns renamed; blank rows and unnamed blank columns dropped."""
    lookup = _lookup(columns)
    heading_rows = tuple(frozenset(normalise_header(c) for c in cells if isinstance(c, str))
                         for _, cells in rows[:HEADER_SCAN_ROWS])
    found["heading_rows"] = heading_rows
    candidates = recognised(heading_rows, columns)
    if not candidates:
        return _failed(*EMPTY, **found)
    # First row with all required columns and the most recognised; failing that, the nearest miss.
    at = max(range(len(candidates)), key=lambda i: (set(required) <= candidates[i], len(candidates[i])))
    missing = sorted(set(required) - candidates[at]) if candidates[at] else sorted(required or columns)
    near = rows[at][0] if candidates[at] else None
    absent = [_missing(c, columns, near) for c in missing]
    # A row naming two of the columns is the header even with a required one missing: the other columns are
    # still checked, so one upload lists every problem. One recognised heading may be a title's word.
    if missing and len(candidates[at]) < 2:
        return RawTable(problems=tuple(absent), missing=tuple(missing), **found)

    header_row, header = rows[at]
    body = rows[at + 1 :]
    filled = {j for _, cells in body for j, v in enumerate(cells) if v is not None}
    filled |= {j for n, j in formulas if n > header_row}
    problems, headers, names, labels = absent, {}, [], {}
    for j in sorted(filled | {j for j, v in enumerate(header) if v is not None}):
        written = _at(header, j)
        labels[j] = written or f"kolom_{get_column_letter(j + 1)}"
        canonical = lookup.get(normalise_header(written)) if written else None
        if canonical in headers:
            problems.append(_duplicate(canonical, headers[canonical], written, header_row))
            canonical = None
        elif canonical:
            headers[canonical] = written
        names.append(_unique_column_name(canonical or labels[j], names))
    problems += [_formula(n, labels[j], text) for (n, j), text in formulas.items() if n > header_row]
    data = [(n, [_at(cells, j) for j in labels]) for n, cells in body]
    data = [(n, values) for n, values in data if any(v is not None for v in values)]
    if not data:
        problems.append(_no_data(header_row))
    # dtype=object: pandas would otherwise store text in its string dtype, with NaN for None.
    frame = pd.DataFrame([values for _, values in data], columns=names, dtype=object)
    title = tuple(" ".join(str(c) for c in cells if c is not None) for _, cells in rows[:at])
    return RawTable(frame, [n for n, _ in data], headers, header_row, problems=tuple(problems), missing=tuple(missing),
                    title=title, **found)


def _at(cells: list[str | None], j: int) -> str | None:
    return cells[j] if j < len(cells) else None  # rows end at their last filled cell


def _missing(canonical: str, columns: Mapping[str, Sequence[str]], near: int | None) -> Problem:
    where = f" pada baris judul kolom (baris {near})" if near else ""
    return Problem(
        f"Kolom wajib '{canonical}' tidak ditemukan{where}. Judul yang diterima: {_quoted(_spellings(canonical, columns))}.",
        f"Tambahkan kolom '{canonical}' dengan salah satu judul tersebut, atau gunakan templat unggahan.",
        baris=near,
    )


def _no_data(header_row: int) -> Problem:
    return Problem(
        f"Berkas kosong: ada baris judul kolom (baris {header_row}) tetapi tidak ada baris data di bawahnya.",
        "Isi data di bawah baris judul kolom, atau periksa bahwa lembar yang dipilih benar.",
        baris=header_row,
    )


def _duplicate(canonical: str, first: str, second: str, header_row: int) -> Problem:
    return Problem(
        f"Dua kolom sama-sama berarti '{canonical}': '{first}' dan '{second}'.",
        "Hapus atau ganti nama salah satu kolom agar setiap kolom hanya muncul sekali.",
        baris=header_row,
        kolom=second,
    )


def _formula(row: int, column: str, text: str) -> Problem:
    return Problem(
        "Sel berisi rumus; dasbor hanya membaca nilai dan tidak menghitung rumus.",
        "Salin kolom ini lalu Tempel Spesial → Nilai (Paste Values) di tempat yang sama, simpan, dan unggah ulang.",
        baris=row,
        kolom=column,
        nilai=text,
    )


def _spellings(canonical: str, columns: Mapping[str, Sequence[str]]) -> list[str]:
    """The accepted headers of a column, the canonical name first."""
    return list(dict.fromkeys([canonical, *columns.get(canonical, ())]))


def _unique_column_name(name: str, taken: list[str]) -> str:
    """`name`, or `name (2)`, `name (3)`... when a column of that name exists already."""
    candidate, n = name, 1
    while candidate in taken:
        n += 1
        candidate = f"{name} ({n})"
    return candidate


def _quoted(names: Sequence[str]) -> str:
    return ", ".join(f"'{n}'" for n in names)
