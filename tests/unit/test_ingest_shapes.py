"""Issue 14: the files agencies really have — a PKH recap per desa without deciles, a broken sheet whose every
fault is listed in one upload, total rows, prefixed and ambiguous names, a file uploaded as the wrong kind, the
templates as shipped, empty cells and formulas quoted safely. Every file is built here."""

import io

import openpyxl
import pytest

from lib.core.programmes import registry_from_frame
from lib.core.wilayah import AreaRegistry
from lib.ingest import problems, publishing, rules
from lib.ingest.rules import HOUSEHOLD_LIST, INDICATOR_VALUES, PROGRAMME_AGGREGATES, RECIPIENTS, Options, prepare
from lib.render import exports


@pytest.fixture(scope="module")
def context(store, registry):
    return rules.Context(AreaRegistry(store.areas(), store.aliases()), registry, registry_from_frame(store.programmes()),
                         this_year=2026)


def workbook(rows: list[list], merge: tuple[str, ...] = ()) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    for cells in merge:
        book.active.merge_cells(cells)
    book.save(buffer := io.BytesIO())
    return buffer.getvalue()


def dinsos_recap() -> bytes:
    """The Dinas Sosial's usual PKH recap: title rows, merged kecamatan cells, Rupiah as text, a JUMLAH row."""
    return workbook([
        ["REKAPITULASI KPM PKH PER DESA"],
        ["KABUPATEN KUTAI TIMUR TAHUN 2025"],
        [],
        ["NO", "KECAMATAN", "DESA/KELURAHAN", "JUMLAH KPM", "JUMLAH BANTUAN (Rp)"],
        [1, "KEC. KONGBENG", "DS. MIAU BARU", 120, "Rp 90.000.000"],
        [2, None, "DESA KOMBENG INDAH", 85, "Rp 63.750.000"],
        [3, "KEC. SANGATTA UTARA", "KEL. SANGATTA UTARA", "1.250", "Rp 937.500.000"],
        ["JUMLAH", None, None, 1455, "Rp 1.091.250.000"],
    ], merge=("B5:B6", "A8:C8"))


def test_a_recap_without_deciles_becomes_recipient_counts_never_deciles(context, store):
    prepared = prepare(RECIPIENTS, dinsos_recap(), "rekap_pkh.xlsx", context, Options(source="Dinsos Kutim"))
    assert prepared.ok, prepared.problems
    rows = prepared.rows
    assert list(rows.columns) == rules.RECIPIENT_COLUMNS and "desil" not in rows
    counts = rows[rows["ukuran"] == "penerima"].set_index("kode_wilayah")
    assert counts["nilai"].to_dict() == {"64.08.08.2007": 120, "64.08.08.2006": 85, "64.08.04.2001": 1250}
    assert set(counts["program"]) == {"PKH"} and set(counts["tahun"]) == {2025}  # both from the title rows
    assert set(counts["satuan"]) == {"KK"} and set(rows["status"]) == {"data_opd"}
    assert rows.loc[rows["ukuran"] == "bantuan_rp", "nilai"].tolist() == [90_000_000, 63_750_000, 937_500_000]
    # The JUMLAH row is left out with a note naming it, not offered as an area.
    [note] = prepared.notices
    assert (note.baris, note.nilai, note.tingkat) == (8, "JUMLAH", problems.NOTE) and not note.blocks
    assert not prepared.unknown_areas
    # It publishes as a release of the `penerima` dataset beside the published counts, in both modes.
    current = store.current_rows("penerima")
    for mode in rules.MODES:
        after = publishing.next_release(RECIPIENTS, current, prepared.rows, mode, context.areas)
        assert len(after) == len(current) + len(rows)
    # `ganti` with one desa's count: the other desa counts of PKH 2025 go; the Rupiah and Kutim's counts stay.
    ganti = publishing.next_release(RECIPIENTS, after, prepared.rows.iloc[:1], "ganti", context.areas)
    assert len(ganti) == len(current) + 1 + 3


def test_a_recap_needs_its_programme_named_somewhere(context):
    data = workbook([["Desa", "Jumlah KPM", "Tahun"], ["Miau Baru", 12, 2025]])
    prepared = prepare(RECIPIENTS, data, "r.xlsx", context, Options(source="x"))
    assert [p.masalah.split(":")[0] for p in prepared.problems] == ["Program tidak diketahui"]
    assert prepare(RECIPIENTS, data, "r.xlsx", context, Options(source="x", programme="PKH")).ok


def test_following_the_old_advice_is_warned(context):
    # The recap forced into the decile kind: every desa in decile 1, households = recipients.
    data = (b"kecamatan,desa,tahun,program,desil,rumah tangga,penerima,sumber\n"
            b"Kongbeng,Miau Baru,2025,PKH,1,120,120,x\nKongbeng,Kombeng Indah,2025,PKH,1,85,85,x\n")
    prepared = prepare(PROGRAMME_AGGREGATES, data, "p.csv", context)
    assert prepared.ok
    [warning] = prepared.notices
    assert warning.tingkat == problems.WARNING and RECIPIENTS.label in warning.perbaikan


def broken_sheet() -> bytes:
    return workbook([
        ["DATA INDIKATOR KECAMATAN"],
        ["Wilayah", "Indikator", "Tahun", "Angkaa", "Sumber", None],   # 2: `nilai` misspelt
        ["Kongbeng", "jumlah_rumah_tangga", 2025, 1, "x", "=B3*2"],   # 3: formula in an unnamed column
        ["Antah Berantah", "jumlah_rumah_tangga", 2025, 1, "x"],      # 4: unknown area
        ["Kongbeng", "indikator_hantu", 2025, 1, "x"],                # 5: unknown indicator
        ["Kongbeng", "ipm", "=2020+5", 1, "x"],                       # 6: formula year
        ["Kongbeng", "jumlah_rumah_tangga", 1890, 1, "x"],            # 7: impossible year
        ["Kongbeng", "jumlah_rumah_tangga", "dua ribu", 1, "x"],      # 8: text as a number
        ["Sangatta Utara", "ipm", 2024, 1, "x"],                      # 9: a kecamatan and a desa: ambiguous
        ["Kongbeng", "ipm", 2024, 1, "x"],                            # 10, 11: duplicate keys
        ["Kongbeng", "ipm", 2024, 2, "x"],
        [None, "ipm", 2024, 1, "x"],                                  # 12: no area
    ])


def test_a_broken_sheet_lists_every_fault_in_one_upload(context):
    prepared = prepare(INDICATOR_VALUES, broken_sheet(), "rusak.xlsx", context)
    assert not prepared.ok and prepared.rows.empty
    found = {(p.baris, p.kolom) for p in prepared.problems}
    assert found >= {
        (2, None),  # the missing `nilai` heading, at the header row
        (3, "kolom_F"), (6, "Tahun"),  # formulas
        (4, "Wilayah"), (5, "Indikator"), (7, "Tahun"), (8, "Tahun"), (9, "Wilayah"),
        (10, "Tahun"), (11, "Tahun"), (12, "Wilayah"),
    }, sorted(found, key=str)
    texts = {p.baris: p.masalah for p in prepared.problems if p.baris}
    assert "'nilai'" in texts[2] and "ambigu" in texts[9] and "rumus" in texts[6]
    assert len([p for p in prepared.problems if p.baris == 6]) == 1  # the formula, not also "empty"


def test_a_broken_programme_sheet_lists_negatives_percent_and_duplicates_together(context):
    data = workbook([
        ["Kecamatan", "Desa", "Tahun", "Program", "Desil", "Rumah Tangga", "Penerima", "Sumber"],
        ["Kongbeng", "Miau Baru", 2025, "PKH", 1, 40, -3, "x"],             # 2 negative
        ["Kongbeng", "Miau Baru", 2025, "PKH", 2, 40, "30 orang", "x"],     # 3 letters in a number
        ["Kongbeng", "Miau Baru", 2025, "PKH", 3, 40, 56, "x"],             # 4 140 % of households
        ["Kongbeng", "Miau Baru", 2025, "PKH", 3, 40, 10, "x"],             # 5 duplicate of 4
        ["Kongbeng", "Miau Baru", 2025, None, 4, 40, 10, "x"],              # 6 empty programme
    ])
    prepared = prepare(PROGRAMME_AGGREGATES, data, "p.xlsx", context)
    found = {(p.baris, p.kolom, p.masalah.split(":")[0].split(".")[0]) for p in prepared.problems}
    assert found == {(2, "Penerima", "Jumlah penerima negatif"), (3, "Penerima", "Nilai bukan bilangan bulat"),
                     (4, "Penerima", "Penerima lebih banyak dari rumah tangga di desil itu"),
                     (4, "Tahun", "Baris ganda"), (5, "Tahun", "Baris ganda"), (6, "Program", "Kolom Program kosong")}


@pytest.mark.parametrize("column", ["indikator", "program"])
def test_an_empty_code_cell_says_it_is_empty_not_unknown(context, column):
    kind = INDICATOR_VALUES if column == "indikator" else PROGRAMME_AGGREGATES
    data = ("wilayah,indikator,tahun,nilai,sumber\nKutim,,2024,75,x\n" if column == "indikator" else
            "kecamatan,desa,tahun,program,desil,rumah tangga,penerima,sumber\nKongbeng,Miau Baru,2025,,1,4,3,x\n")
    [problem] = prepare(kind, data.encode(), "a.csv", context).problems
    assert problem.masalah == f"Kolom {column} kosong: {column} belum diisi."
    assert "Mungkin" not in problem.perbaikan and "garis_kemiskinan" not in problem.masalah
    assert problem.perbaikan.startswith(f"Isi {column} pada baris 2 dengan salah satu kode:")


@pytest.mark.parametrize(("written", "code"), [
    ("DS. Miau Baru", "64.08.08.2007"), ("DS Miau Baru", "64.08.08.2007"), ("DESA MIAU BARU", "64.08.08.2007"),
    ("KEL. Sangatta Utara", "64.08.04.2001"), ("KELURAHAN SANGATTA UTARA", "64.08.04.2001"),
    ("KEC. KONGBENG", "64.08.08"),
])
def test_level_prefixes_are_stripped_and_state_the_level(context, written, code):
    assert context.areas.match(written, level=None if "KONGBENG" in written else "desa").kode == code


@pytest.mark.parametrize("label", ["JUMLAH", "TOTAL", "Jumlah KPM", "Jumlah Kecamatan Kongbeng", "Sub Total"])
def test_total_rows_are_left_out_with_a_note(context, label):
    data = (f"kecamatan;desa;tahun;program;jumlah kpm;sumber\nKongbeng;Miau Baru;2025;PKH;12;x\n"
            f"Kongbeng;Kombeng Indah;2025;PKH;8;x\n;{label};;;20;\n").encode()
    prepared = prepare(RECIPIENTS, data, "r.csv", context)
    assert prepared.ok, prepared.problems
    assert [(n.baris, n.nilai) for n in prepared.notices] == [(4, label)] and len(prepared.rows) == 2


def test_an_unlabelled_row_that_sums_the_rows_above_is_a_total(context):
    data = (b"kecamatan;desa;tahun;program;jumlah kpm;sumber\nKongbeng;Miau Baru;2025;PKH;12;x\n"
            b"Kongbeng;Kombeng Indah;2025;PKH;8;x\n;;;;20;\n")
    prepared = prepare(RECIPIENTS, data, "r.csv", context)
    assert prepared.ok and [n.baris for n in prepared.notices] == [4]
    unlabelled = data.replace(b";;;;20;", b";;;;21;")  # not a sum: an area is missing, and said so
    assert (4, "Nama wilayah kosong.") in [(p.baris, p.masalah) for p in prepare(RECIPIENTS, unlabelled, "r.csv",
                                                                                context).problems]


def test_a_kecamatan_that_is_also_a_desa_is_ambiguous_not_unknown(context):
    data = b"wilayah,indikator,tahun,nilai,sumber\nSangatta Utara,ipm,2024,75,x\n"
    prepared = prepare(INDICATOR_VALUES, data, "a.csv", context)
    [problem] = prepared.problems
    assert problem.masalah.startswith("Nama wilayah ambigu")
    assert "kecamatan Sangatta Utara (64.08.04)" in problem.masalah and "(64.08.04.2001)" in problem.masalah
    assert "'Kec. Sangatta Utara'" in problem.perbaikan and "kode wilayah" in problem.perbaikan
    assert not prepared.unknown_areas  # no alias can settle it
    assert prepare(INDICATOR_VALUES, data.replace(b"Sangatta", b"Kec. Sangatta", 1), "a.csv", context).ok


HOUSEHOLDS = b"NIK,Nama,Alamat,Kecamatan,Desa,Desil,PKH\n6408011234560001,Budi,Jl. Mawar,Kongbeng,Miau Baru,1,Ya\n"
RECAP = b"Kecamatan,Desa/Kelurahan,Jumlah KPM\nKongbeng,Miau Baru,12\n"
AGGREGATES = b"kecamatan,desa,tahun,program,desil,rumah tangga,penerima\nKongbeng,Miau Baru,2025,PKH,1,4,3\n"
INDICATORS = b"wilayah,indikator,tahun,nilai\nKutim,ipm,2024,75\n"


@pytest.mark.parametrize(("chosen", "data", "fits"), [
    (INDICATOR_VALUES, HOUSEHOLDS, HOUSEHOLD_LIST), (INDICATOR_VALUES, RECAP, RECIPIENTS),
    (PROGRAMME_AGGREGATES, RECAP, RECIPIENTS), (RECIPIENTS, HOUSEHOLDS, HOUSEHOLD_LIST),
    (HOUSEHOLD_LIST, AGGREGATES, PROGRAMME_AGGREGATES), (RECIPIENTS, INDICATORS, INDICATOR_VALUES),
])
def test_a_file_of_another_kind_is_told_which_kind_fits(context, chosen, data, fits):
    prepared = prepare(chosen, data, "berkas.csv", context, Options(source="x", year=2025))
    hints = [p for p in prepared.problems if p.masalah.startswith("Berkas ini tampak seperti")]
    assert [p.masalah for p in hints] == [f"Berkas ini tampak seperti {fits.looks_like}: pilih jenis '{fits.label}'."]
    assert "Budi" not in repr(prepared) and "6408011234560001" not in repr(prepared)


@pytest.mark.parametrize("key", list(rules.KINDS))
@pytest.mark.parametrize("form", ["csv", "xlsx"])
def test_the_templates_the_page_offers_publish_unchanged(context, store, key, form):
    # As the Templat tab writes them (lib.render.exports), checked and previewed against the published data.
    template = rules.templates(context.programmes)[key]
    data = exports.to_csv_bytes(template) if form == "csv" else exports.to_xlsx_bytes(template)
    kind = rules.KINDS[key]
    prepared = prepare(kind, data, f"templat_{key}.{form}", context, Options(source="x", year=2025))
    assert prepared.ok and not prepared.notices, prepared.problems
    assert publishing.period_conflicts(kind, store.current_rows(kind.dataset), prepared.rows) == []


def test_a_url_in_a_formula_is_code_in_the_problem_table(context):
    data = workbook([["wilayah", "indikator", "tahun", "nilai", "sumber"],
                     ["Kutim", "ipm", 2024, '=HYPERLINK("https://contoh.example/x","klik")', "x"]])
    prepared = prepare(INDICATOR_VALUES, data, "a.xlsx", context)
    [problem] = prepared.problems
    assert problem.nilai == '=HYPERLINK("https://contoh.example/x","klik")'  # as written, in the data
    shown = problems.as_markdown_table(prepared.problems)
    assert shown.at[0, "Nilai"] == '`=HYPERLINK("https://contoh.example/x","klik")`'
    assert shown.at[0, "Baris"] == "2"
