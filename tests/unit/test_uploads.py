"""Reading uploaded CSV/XLSX files: encodings, delimiters, title rows, formulas, sheets, and every way a
file can be wrong reported as a Problem instead of an exception. Files are built in memory."""

import datetime as dt
import io
import random
import time
import zipfile

import openpyxl
import pytest
from openpyxl.styles import Font

from lib.ingest.uploads import MAX_UPLOAD_BYTES, RawTable, normalise_header, read_table

COLUMNS = {
    "desa": ("desa", "nama desa", "desa/kelurahan", "kelurahan"),
    "tahun": ("tahun", "thn"),
    "p0": ("p0", "persentase penduduk miskin"),
    "jumlah": ("jumlah", "jumlah rumah tangga"),
}
REQUIRED = ("desa", "tahun")


def read(data: bytes, name: str = "data.csv", **kwargs) -> RawTable:
    return read_table(data, name, COLUMNS, REQUIRED, **kwargs)


def records(table: RawTable) -> list[list]:
    return table.frame.to_numpy().tolist()


def xlsx(*sheets: tuple[str, list[list]]) -> bytes:
    """A workbook with the given sheets (title, rows from A1); cell values written as given."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets:
        ws = book.create_sheet(title)
        for row in rows:
            ws.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def only_problem(table: RawTable):
    assert len(table.problems) == 1, table.problems
    return table.problems[0]


# --- headers -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nama Desa/Kelurahan ", "nama_desa_kelurahan"),
        ("Désa", "desa"),
        ("  P0 (%)", "p0"),
        ("JUMLAH\xa0Rumah-Tangga", "jumlah_rumah_tangga"),
        (2025, "2025"),
        (None, ""),
    ],
)
def test_normalise_header(text, expected):
    assert normalise_header(text) == expected


def test_recognised_headers_are_renamed_and_others_kept_as_written():
    table = read(b"Nama Desa,THN,Keterangan\nSangatta Utara,2025,baru\n")
    assert table.ok
    assert list(table.frame.columns) == ["desa", "tahun", "Keterangan"]
    assert table.headers == {"desa": "Nama Desa", "tahun": "THN"}
    assert table.header_row == 1 and table.rows == [2]


def test_canonical_name_is_accepted_as_a_header():
    columns = {"kode_wilayah": ("kode",), "tahun": ()}
    table = read_table(b"Kode Wilayah;Tahun\n64.08.04;2025\n", "a.csv", columns, ("kode_wilayah", "tahun"))
    assert table.headers == {"kode_wilayah": "Kode Wilayah", "tahun": "Tahun"}


# --- size, emptiness, file type ----------------------------------------------------------------------


def test_oversize_file_is_refused_unread():
    data = b"desa,tahun\nA,2025\n"
    table = read(data, max_bytes=len(data) - 1)
    problem = only_problem(table)
    assert problem.masalah.startswith("Berkas terlalu besar:")
    assert "Pecah berkas" in problem.perbaikan
    assert table.frame.empty and table.header_row is None and table.encoding is None
    assert read(data, max_bytes=len(data)).ok  # the limit itself is allowed


def test_size_message_in_megabytes():
    table = read_table(b"x" * (MAX_UPLOAD_BYTES + 512 * 1024), "a.csv", COLUMNS, REQUIRED)
    assert only_problem(table).masalah == "Berkas terlalu besar: 10,5 MB, batas 10,0 MB."


@pytest.mark.parametrize("data", [b"", b"  \r\n\t\n", b"\n\n"])
def test_empty_file(data):
    assert only_problem(read(data)).masalah.startswith("Berkas kosong")


def test_header_without_data_rows_is_empty():
    problem = only_problem(read(b"desa;tahun\n;\n\n"))
    assert problem.masalah.startswith("Berkas kosong") and problem.baris == 1
    assert problem.perbaikan


@pytest.mark.parametrize("name", ["data.xls", "DATA.XLS"])
def test_old_excel_asks_for_xlsx_or_csv(name):
    problem = only_problem(read(b"\xd0\xcf\x11\xe0whatever", name))
    assert ".xls" in problem.masalah
    assert "Excel Workbook (.xlsx)" in problem.perbaikan and "CSV UTF-8" in problem.perbaikan


@pytest.mark.parametrize(("name", "shown"), [("laporan.pdf", "'.pdf'"), ("laporan", "tanpa ekstensi")])
def test_unknown_type_names_the_accepted_ones(name, shown):
    problem = only_problem(read(b"desa,tahun\nA,2025\n", name))
    assert shown in problem.masalah
    assert ".csv, .txt, .xlsx, .xlsm" in problem.masalah


def test_extension_is_case_insensitive_and_txt_is_csv():
    assert read(b"desa,tahun\nA,2025\n", "DATA.CSV").ok
    assert read(b"desa\ttahun\nA\t2025\n", "export.TXT").frame.to_numpy().tolist() == [["A", "2025"]]
    assert read(xlsx(("Data", [["desa", "tahun"], ["A", 2025]])), "Data.XLSM").ok


def test_garbage_named_xlsx_is_not_a_valid_excel_file():
    problem = only_problem(read(b"desa,tahun\nA,2025\n", "data.xlsx"))
    assert "bukan berkas Excel yang sah" in problem.masalah


def test_zip_that_is_not_a_workbook_is_reported():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("catatan.txt", "bukan excel")
    assert "rusak" in only_problem(read(out.getvalue(), "data.xlsx")).masalah


def test_password_protected_or_old_excel_named_xlsx():
    assert "kata sandi" in only_problem(read(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "data.xlsx")).masalah


def test_csv_that_is_really_an_xlsx():
    problem = only_problem(read(xlsx(("Data", [["desa", "tahun"]])), "data.csv"))
    assert "sebenarnya berkas Excel (.xlsx)" in problem.masalah
    assert ".xlsx" in problem.perbaikan


def test_utf16_unicode_text_is_not_plain_csv():
    problem = only_problem(read("desa\ttahun\nA\t2025\n".encode("utf-16")))
    assert "bukan teks CSV biasa" in problem.masalah and "CSV UTF-8" in problem.perbaikan


@pytest.mark.parametrize("seed", range(20))
def test_random_bytes_never_raise(seed):
    rng = random.Random(seed)
    junk = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 400)))
    valid = xlsx(("Data", [["desa", "tahun"], ["A", 2025]]))
    cases = [(junk, "a.csv"), (junk, "a.xlsx"), (b"PK\x03\x04" + junk, "a.xlsx"), (valid[: len(valid) // 2], "a.xlsx")]
    for data, name in cases:
        table = read(data, name)
        assert isinstance(table, RawTable)
        assert table.ok or table.problems[0].masalah and table.problems[0].perbaikan


# --- CSV encodings and delimiters --------------------------------------------------------------------


def test_utf8():
    table = read("desa,tahun\nMuara Bengkal – Kongbeng,2025\n".encode())
    assert table.encoding == "utf-8"
    assert records(table) == [["Muara Bengkal – Kongbeng", "2025"]]


def test_utf8_with_bom_does_not_leak_into_the_first_header():
    table = read("\ufeffdesa;tahun\nSangkulirang;2025\n".encode())
    assert table.encoding == "utf-8-sig"
    assert table.headers["desa"] == "desa"
    assert records(table) == [["Sangkulirang", "2025"]]


def test_windows_1252():
    table = read("Désa;Tahun\nMuara Bengkal – Kongbeng;2025\n".encode("cp1252"))
    assert table.encoding == "cp1252"
    assert table.headers == {"desa": "Désa", "tahun": "Tahun"}
    assert records(table) == [["Muara Bengkal – Kongbeng", "2025"]]


def test_bytes_undefined_even_in_cp1252_ask_for_csv_utf8():
    problem = only_problem(read(b"desa;tahun\nA\x81\xe9;2025\n"))
    assert "tidak dapat dibaca" in problem.masalah
    assert "CSV UTF-8" in problem.perbaikan


def test_semicolons_with_decimal_commas_and_text_kept_as_written():
    table = read(b"desa;tahun;p0;jumlah\nSangatta Utara;2025;8,81;0012\nBengalon;2025;10,5;1.250\n")
    assert records(table) == [["Sangatta Utara", "2025", "8,81", "0012"], ["Bengalon", "2025", "10,5", "1.250"]]


def test_decimal_commas_in_every_column_still_split_on_semicolons():
    table = read(b"JUDUL\n\ndesa;tahun;p0\nA;2025;8,81\nB;2025;7,25\n")
    assert list(table.frame.columns) == ["desa", "tahun", "p0"]
    assert records(table) == [["A", "2025", "8,81"], ["B", "2025", "7,25"]]


def test_semicolon_file_whose_text_has_more_commas_than_semicolons():
    data = b"desa;tahun;keterangan\nA;2025;satu, dua, tiga, empat\nB;2025;lima, enam, tujuh, delapan, sembilan\n"
    assert records(read(data)) == [
        ["A", "2025", "satu, dua, tiga, empat"],
        ["B", "2025", "lima, enam, tujuh, delapan, sembilan"],
    ]


def test_quoted_fields_with_commas_and_quotes():
    data = b'desa,tahun,keterangan\n"Sangatta Utara, Kota",2025,"kata ""baru"", tambahan"\n'
    assert records(read(data)) == [["Sangatta Utara, Kota", "2025", 'kata "baru", tambahan']]


def test_quoted_field_with_a_newline_counts_as_one_row():
    table = read(b'desa,tahun\n"Baris\ndua",2025\nB,2026\n')
    assert records(table) == [["Baris\ndua", "2025"], ["B", "2026"]]
    assert table.rows == [2, 3]


@pytest.mark.parametrize("sep", ["\t", "|"])
def test_tab_and_pipe(sep):
    text = f"desa{sep}tahun{sep}p0\nA{sep}2025{sep}8,81\n"
    assert records(read(text.encode())) == [["A", "2025", "8,81"]]


def test_crlf_and_old_mac_line_endings():
    assert records(read(b"desa,tahun\r\nA,2025\r\n")) == [["A", "2025"]]
    assert records(read(b"desa,tahun\rA,2025\rB,2026\r")) == [["A", "2025"], ["B", "2026"]]


def test_formula_like_csv_cells_stay_text():
    table = read(b"desa,tahun,keterangan\n=HYPERLINK(\"x\"),+62,-5\n@SUM(A1),2025,\n")
    assert records(table) == [['=HYPERLINK("x")', "+62", "-5"], ["@SUM(A1)", "2025", None]]
    assert table.ok


def test_cells_stripped_of_spaces_and_nbsp_and_empty_is_none():
    table = read("desa;tahun;p0\n\xa0 Bengalon\xa0;  2025 ;\xa0\n".encode())
    assert records(table) == [["Bengalon", "2025", None]]
    assert table.frame["p0"].iloc[0] is None  # None, not NaN
    assert table.frame.dtypes.eq(object).all()


def test_broken_csv_is_a_problem():
    problem = only_problem(read(b'desa,tahun\n"' + b"x" * 200_000 + b'",2025\n'))
    assert "CSV tidak dapat dibaca" in problem.masalah


# --- header row, rows and columns --------------------------------------------------------------------


def test_title_and_blank_rows_above_the_header_and_true_row_numbers():
    data = b"DATA PKH KECAMATAN KONGBENG TAHUN 2025;;\n;;\nDesa/Kelurahan;Tahun;P0\nA;2025;8,81\n;;\n\nB;2025;7,1\n"
    table = read(data)
    assert table.header_row == 3
    assert table.rows == [4, 7]
    assert records(table) == [["A", "2025", "8,81"], ["B", "2025", "7,1"]]


def test_header_is_the_row_with_most_recognised_columns():
    data = b"desa;tahun;;\ndesa;tahun;p0;jumlah\nA;2025;8,81;10\n"
    table = read(data)
    assert table.header_row == 2 and table.rows == [3]
    assert list(table.frame.columns) == ["desa", "tahun", "p0", "jumlah"]


def test_header_must_hold_all_required_columns():
    # Row 1 recognises more columns, but only row 2 has both required ones.
    data = b"desa;p0;jumlah\ndesa;tahun;x\nA;2025;1\n"
    assert read(data).header_row == 2


def test_header_beyond_the_first_30_rows_is_not_found():
    data = b"judul\n" * 30 + b"desa;tahun\nA;2025\n"
    assert {p.masalah.split("'")[1] for p in read(data).problems} == {"desa", "tahun"}


def test_missing_required_columns_one_problem_each_and_the_rest_still_read():
    table = read(b"JUDUL\nNama Desa;P0\nA;8,81\n")
    assert not table.ok and table.missing == ("tahun",)
    # The other columns are read, so their rows are checked in the same upload (issue 14).
    assert records(table) == [["A", "8,81"]] and table.title == ("JUDUL",)
    problem = only_problem(table)
    assert problem.masalah == (
        "Kolom wajib 'tahun' tidak ditemukan pada baris judul kolom (baris 2). Judul yang diterima: 'tahun', 'thn'."
    )
    assert "templat" in problem.perbaikan and problem.baris == 2


def test_one_recognised_heading_is_not_taken_for_the_header():
    table = read(b"Tahun\nx;y\n1;2\n")
    assert table.frame.empty and table.header_row is None and table.missing == ("desa",)


def test_no_recognised_header_at_all_reports_every_required_column():
    table = read(b"a;b\n1;2\n")
    assert [p.masalah.split("'")[1] for p in table.problems] == ["desa", "tahun"]
    assert all(p.baris is None for p in table.problems)
    assert "'nama desa', 'desa/kelurahan', 'kelurahan'" in table.problems[0].masalah


def test_duplicate_recognised_headers_name_both():
    table = read(b"Tahun;desa;Thn\n2025;A;2024\n")
    problem = only_problem(table)
    assert problem.masalah == "Dua kolom sama-sama berarti 'tahun': 'Tahun' dan 'Thn'."
    assert problem.kolom == "Thn" and problem.baris == 1
    assert list(table.frame.columns) == ["tahun", "desa", "Thn"]


def test_same_written_header_twice_gets_distinct_columns():
    table = read(b"desa;tahun;Catatan;Catatan\nA;2025;x;y\n")
    assert table.ok
    assert list(table.frame.columns) == ["desa", "tahun", "Catatan", "Catatan (2)"]


def test_unnamed_columns_dropped_when_empty_and_kept_when_filled():
    table = read(b"desa;;tahun;;\nA;;2025;catatan;\nB;;2026;;\n")
    assert list(table.frame.columns) == ["desa", "tahun", "kolom_D"]
    assert records(table) == [["A", "2025", "catatan"], ["B", "2026", None]]


def test_data_rows_longer_than_the_header():
    table = read(b"desa,tahun\nA,2025,extra\n")
    assert list(table.frame.columns) == ["desa", "tahun", "kolom_C"]


# --- XLSX --------------------------------------------------------------------------------------------


def pkh_workbook() -> bytes:
    book = openpyxl.Workbook()
    cover = book.active
    cover.title = "Sampul"
    cover["A1"] = "LAPORAN PKH"
    cover["A3"] = "Disusun oleh Dinas Sosial"
    ws = book.create_sheet("Data")
    ws["A1"] = "DATA PKH KECAMATAN KONGBENG TAHUN 2025"
    ws.append([])
    ws.append(["Nama Desa", "Jumlah", "P0", "Tahun", "Dicatat", "Aktif"])
    ws.append(["  Kongbeng Raya ", 12, 8.81, 2025, dt.datetime(2025, 3, 1), True])
    ws.append(["Miau Baru", 7.0, 1e-7, 2025, dt.datetime(2025, 3, 1, 10, 30), False])
    ws.append([None] * 6)
    ws.append(["Sri Pantun", 3, 12.5, 2025, dt.date(2025, 4, 2), None])
    ws.append(["Jumlah", "=SUM(B4:B7)", None, 2025])
    book.save(out := io.BytesIO())
    return out.getvalue()


def test_xlsx_skips_the_cover_sheet_and_keeps_numbers_as_numbers():
    table = read(pkh_workbook(), "pkh.xlsx")
    assert table.sheet == "Data" and table.sheets == ("Sampul", "Data")
    assert table.header_row == 3 and table.rows == [4, 5, 7, 8]
    assert table.headers == {"desa": "Nama Desa", "jumlah": "Jumlah", "p0": "P0", "tahun": "Tahun"}
    assert records(table) == [
        ["Kongbeng Raya", 12, 8.81, 2025, "2025-03-01", "TRUE"],
        ["Miau Baru", 7.0, 1e-7, 2025, "2025-03-01T10:30:00", "FALSE"],
        ["Sri Pantun", 3, 12.5, 2025, "2025-04-02", None],
        ["Jumlah", None, None, 2025, None, None],
    ]
    assert table.encoding is None


def test_xlsx_formula_is_a_problem_and_never_evaluated():
    problem = only_problem(read(pkh_workbook(), "pkh.xlsx"))
    assert (problem.baris, problem.kolom, problem.nilai) == (8, "Jumlah", "=SUM(B4:B7)")
    assert "Paste Values" in problem.perbaikan


def test_xlsx_formula_in_the_title_rows_is_ignored():
    data = xlsx(("Data", [['="DATA " & 2025'], ["desa", "tahun"], ["A", 2025]]))
    table = read(data, "a.xlsx")
    assert table.ok and table.header_row == 2


def test_xlsx_sheet_argument():
    data = pkh_workbook()
    assert read(data, "a.xlsx", sheet="Data").sheet == "Data"
    table = read(data, "a.xlsx", sheet="Sampul")  # a chosen sheet is not skipped: its columns are missing
    assert table.sheet == "Sampul"
    assert [p.masalah.split(".")[0] for p in table.problems] == [
        "Kolom wajib 'desa' tidak ditemukan",
        "Kolom wajib 'tahun' tidak ditemukan",
    ]


def test_xlsx_unknown_sheet_lists_the_sheets():
    table = read(pkh_workbook(), "a.xlsx", sheet="Lembar1")
    problem = only_problem(table)
    assert problem.masalah == "Lembar 'Lembar1' tidak ada dalam berkas. Lembar yang ada: 'Sampul', 'Data'."
    assert table.sheets == ("Sampul", "Data")


def test_xlsx_wrong_sheets_only():
    data = xlsx(("Sampul", [["LAPORAN"]]), ("Catatan", [["desa", "keterangan"], ["A", "x"]]))
    problem = only_problem(read(data, "a.xlsx"))
    assert problem.masalah == (
        "Lembar yang berisi kolom 'desa', 'tahun' tidak ditemukan. Lembar dalam berkas: 'Sampul', 'Catatan'."
    )
    assert "'tahun', 'thn'" in problem.perbaikan


def test_xlsx_single_sheet_names_the_missing_column():
    problem = only_problem(read(xlsx(("Data", [["Desa", "P0"], ["A", 8.81]])), "a.xlsx"))
    assert problem.masalah.startswith("Kolom wajib 'tahun' tidak ditemukan pada baris judul kolom (baris 1)")


def test_xlsx_empty_workbook():
    assert only_problem(read(xlsx(("Data", [])), "a.xlsx")).masalah.startswith("Berkas kosong")


def test_xlsx_merged_cells_and_nbsp():
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["desa", "tahun", "catatan"])
    ws.append(["A\xa0", 2025, "gabungan"])
    ws.append(["B", 2025, None])
    ws.merge_cells("C2:C3")
    book.save(out := io.BytesIO())
    assert records(read(out.getvalue(), "a.xlsx")) == [["A", 2025, "gabungan"], ["B", 2025, None]]


def test_xlsx_percent_cells_read_as_percent_and_decimals_stay_decimals():
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["desa", "tahun", "p0"])
    ws.append(["A", 2025, 0.0881])
    ws["C2"].number_format = "0.00%"
    ws.append(["B", 2025, 9.492])  # as text this would read as the Indonesian 9.492 (nine thousand)
    book.save(out := io.BytesIO())
    rows = records(read(out.getvalue(), "a.xlsx"))
    assert rows[0][2] == pytest.approx(8.81) and rows[1][2] == 9.492


def test_xlsx_far_formatted_cell_is_cheap():
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["desa", "tahun"])
    ws.append(["A", 2025])
    ws.cell(row=1_048_576, column=16_384).font = Font(bold=True)  # formatting, no value
    book.save(out := io.BytesIO())
    start = time.perf_counter()
    table = read(out.getvalue(), "a.xlsx")
    assert time.perf_counter() - start < 5
    assert table.ok and table.rows == [2] and list(table.frame.columns) == ["desa", "tahun"]


@pytest.mark.parametrize("data", [b"\xef\xbb\xbf", b"\xef\xbb\xbf\n\n", b"\n\r\n"])
def test_a_byte_order_mark_or_blank_lines_alone_are_an_empty_file(data):
    assert only_problem(read(data, "a.csv")).masalah.startswith("Berkas kosong")


def test_an_xlsx_that_unzips_to_more_than_the_limit_is_refused_unread(monkeypatch):
    import lib.ingest.uploads as uploads

    book = openpyxl.Workbook()
    book.active.append(["desa", "tahun"])
    book.save(out := io.BytesIO())
    monkeypatch.setattr(uploads, "MAX_UNZIPPED_BYTES", 1000)  # a real bomb would be 10 MB expanding to gigabytes
    assert only_problem(read(out.getvalue(), "a.xlsx")).masalah.startswith("Isi berkas Excel ini terlalu besar")
