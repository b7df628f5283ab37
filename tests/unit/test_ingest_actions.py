"""Rencana Aksi entry (lib.ingest.actions): every rule of a form or a batch row, every problem at once, text kept as
written, and the Excel template's round trip into the store."""

import dataclasses
import datetime as dt
import io

import pandas as pd
import pytest
from openpyxl import load_workbook

from lib.analysis.measures import MEASURES
from lib.core import actions, fmt, programmes, seed
from lib.core.actions import ActionTables
from lib.core.indicators import registry_from_frame
from lib.core.store import Store, create_store_engine
from lib.core.wilayah import AreaRegistry
from lib.ingest import actions as entry
from tests import databases

TODAY = dt.date(2026, 11, 29)
MARKUP = "**Penting** <script>alert(1)</script> [klik](javascript:alert(1)) `kode`"


@pytest.fixture(scope="module")
def demo_context(store) -> entry.Context:
    """The shipped store: demo rakor, steps and progress only."""
    return entry.Context(AreaRegistry(store.areas(), store.aliases()), registry_from_frame(store.indicators()),
                         programmes.registry_from_frame(store.programmes()),
                         {measure.id: measure.needs_programme for measure in MEASURES.values()},
                         ActionTables.from_release(store.current_tables(actions.DATASET)), TODAY)


@pytest.fixture(scope="module")
def context(demo_context) -> entry.Context:
    """One real rakor (R-001, 12 March 2026) and one real step (A-001): the demo went with them."""
    tables, _ = actions.add_rows(rakor=[rakor()], steps=[stored_step(rakor="R-001")])(demo_context.tables)
    return dataclasses.replace(demo_context, tables=tables)


def rakor(**fields) -> dict:
    return {"tanggal": dt.date(2026, 3, 12), "tempat": "Ruang Meranti", "pimpinan": "Bupati Kutai Timur",
            "agenda": "Rakor TKPK"} | fields


def stored_step(**fields) -> dict:
    return {"rakor": None, "judul": "Verifikasi PKH", "masalah": "Eksklusi PKH", "ukuran": None, "program": None,
            "pelaksana": "Dinas Sosial", "jenis_pelaksana": "opd", "mitra": None, "wilayah": "64.08.04",
            "indikator": None, "nilai_target": None, "mulai": dt.date(2026, 4, 1), "tenggat": dt.date(2026, 12, 31),
            "anggaran_rp": None, "sumber_dana": "apbd"} | fields


def written_step(**fields) -> dict:
    """A step as a form or a sheet gives it: every field present, written as staff write them."""
    return {"rakor": None, "judul": "Bedah rumah desil 1", "masalah": "Rumah tidak layak huni", "ukuran": None,
            "program": None, "pelaksana": "Dinas Perkim", "jenis_pelaksana": "OPD", "mitra": None,
            "wilayah": "Kec. Sangatta Utara", "indikator": None, "nilai_target": None, "mulai": "01/05/2027",
            "tenggat": "31/10/2027", "anggaran_rp": None, "sumber_dana": None} | fields


def progress(**fields) -> dict:
    return {"aksi": "A-001", "tanggal": "15/11/2026", "status": "Berjalan", "uraian": "Verifikasi di 4 desa",
            "bukti": None, "pelapor": "Dinas Sosial"} | fields


def only_problem(found) -> tuple[str, str, str | None]:
    assert len(found) == 1, found
    return found[0].kolom, found[0].masalah + " " + found[0].perbaikan, found[0].nilai


# --- one step ------------------------------------------------------------------------------------------------


def test_a_step_written_as_staff_write_it_becomes_a_record(context):
    record, found = entry.check_step(written_step(
        jenis_pelaksana="Perusahaan (CSR)", sumber_dana="apbdes/dd", ukuran="Eksklusi program", program="pkh",
        wilayah="Kec. Sangatta Utara, 64.08.15; Miau Baru", indikator="TPT", nilai_target="5,5",
        anggaran_rp="Rp150.000.000", rakor="R-001"), context)
    assert found == []
    assert record == stored_step(
        rakor="R-001", judul="Bedah rumah desil 1", masalah="Rumah tidak layak huni", ukuran="eksklusi_program",
        program="PKH", pelaksana="Dinas Perkim", jenis_pelaksana="perusahaan", sumber_dana="apbdes_dd",
        wilayah="64.08.04;64.08.15;64.08.08.2007", indikator="tpt", nilai_target=5.5, mulai=dt.date(2027, 5, 1),
        tenggat=dt.date(2027, 10, 31), anggaran_rp=150_000_000)


@pytest.mark.parametrize("name", entry.REQUIRED["langkah"])
def test_each_required_step_field_left_empty_is_named(context, name):
    record, found = entry.check_step(written_step(**{name: "  "}), context)
    assert record is None
    column, text, _ = only_problem(found)
    assert column == entry.heading("langkah", name) and "kosong" in text


@pytest.mark.parametrize(("name", "written", "expected"), [
    ("jenis_pelaksana", "Perusahaan (CSR)", "perusahaan"), ("jenis_pelaksana", "perusahaan/csr", "perusahaan"),
    ("jenis_pelaksana", "Pemerintah Desa", "pemerintah_desa"), ("jenis_pelaksana", "LSM", "ormas"),
    ("jenis_pelaksana", "mitra_pembangunan", "mitra_pembangunan"), ("sumber_dana", "APBDes/DD", "apbdes_dd"),
    ("sumber_dana", "Dana Desa", "apbdes_dd"), ("sumber_dana", "dana desa", "apbdes_dd"), ("sumber_dana", "CSR", "csr"),
    ("ukuran", "Rumah tangga desil 1–2", "persen_desil_1_2"), ("program", "BLT Dana Desa", "BLT_DD"),
    ("indikator", "Persentase Penduduk Miskin (P0)", "persentase_penduduk_miskin_P0"),
])
def test_labels_people_write_are_accepted_whatever_their_case(context, name, written, expected):
    record, found = entry.check_step(written_step(**{name: written}), context)
    assert found == [] and record[name] == expected


@pytest.mark.parametrize(("name", "written", "suggested"), [
    ("jenis_pelaksana", "Perusahan", "Perusahaan/CSR"), ("sumber_dana", "APBD II", "APBD"),
    ("ukuran", "kemiskinan", None), ("program", "PKH Plus Plus", None), ("indikator", "angka ajaib", None),
])
def test_an_unknown_choice_says_which_are_known(context, name, written, suggested):
    record, found = entry.check_step(written_step(**{name: written}), context)
    assert record is None
    column, text, value = only_problem(found)
    assert (column, value) == (entry.heading("langkah", name), written) and "tidak dikenal" in text
    if suggested:
        assert f"Mungkin maksudnya {suggested}?" in text


@pytest.mark.parametrize(("written", "codes"), [
    ("64.08.04", "64.08.04"), ("Kec. Sangatta Utara; 64.08.15", "64.08.04;64.08.15"),
    ("kongbeng, Miau Baru", "64.08.08;64.08.08.2007"), (["64.08.04", "Kaubun"], "64.08.04;64.08.15"),
    ("Sangatta Selatan (64.08.13)", "64.08.13"), ("Kutai Timur", "64.08"), ("64.08.04; 64.08.04", "64.08.04"),
])
def test_areas_by_name_or_code_several_in_a_cell(context, written, codes):
    record, found = entry.check_step(written_step(wilayah=written), context)
    assert found == [] and record["wilayah"] == codes


@pytest.mark.parametrize(("written", "expected"), [
    ("Sangata Utra", "Mungkin maksudnya: kecamatan Sangatta Utara (64.08.04)"),
    ("Sangatta Utara", "Nama wilayah ambigu"),  # the kecamatan and its desa share the name
    ("64.08.99", "tidak dikenal atau di luar Kutai Timur"),
    ("64.01", "tidak dikenal atau di luar Kutai Timur"),
])
def test_an_unknown_area_gets_a_suggestion_or_the_way_to_write_it(context, written, expected):
    record, found = entry.check_step(written_step(wilayah=f"64.08.15; {written}"), context)
    assert record is None
    _column, text, value = only_problem(found)
    assert expected in text and value == written


def test_every_unknown_area_of_a_cell_is_reported(context):
    _record, found = entry.check_step(written_step(wilayah="Antah Berantah; 64.08.99; Kaubun"), context)
    assert [problem.nilai for problem in found] == ["Antah Berantah", "64.08.99"]


def test_a_due_date_before_the_start_is_refused(context):
    record, found = entry.check_step(written_step(mulai="2027-06-01", tenggat="2027-05-31"), context)
    assert record is None
    column, text, value = only_problem(found)
    assert (column, value) == ("Tenggat", "31/05/2027") and "sebelum tanggal mulai" in text and "01/06/2027" in text


@pytest.mark.parametrize(("written", "date"), [
    (dt.date(2027, 12, 31), dt.date(2027, 12, 31)), (dt.datetime(2027, 12, 31, 0, 0), dt.date(2027, 12, 31)),
    ("31/12/2027", dt.date(2027, 12, 31)), ("2027-12-31", dt.date(2027, 12, 31)), ("31-12-2027", dt.date(2027, 12, 31)),
    ("31 Desember 2027", dt.date(2027, 12, 31)), ("5 agt 2027", dt.date(2027, 8, 5)),
    (46752, dt.date(2027, 12, 31)),  # an Excel date cell formatted as a number
    ("2027-12-31T00:00:00", dt.date(2027, 12, 31)),
])
def test_dates_as_excel_gives_them_or_as_written(written, date):
    assert entry.parse_date(written) == date


@pytest.mark.parametrize("written", ["31/02/2027", "12/31/2027", "besok", "2027", 12])
def test_a_date_that_is_not_one_is_named(context, written):
    record, found = entry.check_step(written_step(tenggat=written), context)
    column, text, _ = only_problem(found)
    assert record is None and column == "Tenggat" and "Tanggal tidak terbaca" in text and "31/12/2026" in text


@pytest.mark.parametrize(("written", "rupiah"), [
    ("Rp150.000.000", 150_000_000), ("150.000.000", 150_000_000), ("Rp 150.000.000", 150_000_000),
    ("150 juta", 150_000_000), ("Rp2,4 miliar", 2_400_000_000), ("1,5 jt", 1_500_000), (850000000, 850_000_000),
])
def test_budgets_in_indonesian_notation(context, written, rupiah):
    record, found = entry.check_step(written_step(anggaran_rp=written), context)
    assert found == [] and record["anggaran_rp"] == rupiah


@pytest.mark.parametrize(("written", "expected"), [("seratus juta", "bukan angka"), ("-5.000", "negatif")])
def test_a_budget_that_is_not_one_is_named(context, written, expected):
    record, found = entry.check_step(written_step(anggaran_rp=written), context)
    column, text, _ = only_problem(found)
    assert record is None and column == "Anggaran (Rp)" and expected in text


def test_a_measure_of_a_programme_needs_the_programme(context):
    record, found = entry.check_step(written_step(ukuran="eksklusi_program"), context)
    column, text, _ = only_problem(found)
    assert record is None and column == "Program" and "memerlukan program" in text


def test_an_institution_name_longer_than_the_store_keeps_is_refused(context):
    record, found = entry.check_step(written_step(pelaksana="Dinas " * 40), context)
    column, text, _ = only_problem(found)
    assert record is None and column == "Pelaksana (lembaga)" and "terlalu panjang" in text


@pytest.mark.parametrize(("written", "expected"), [
    ("R-001", "R-001"), ("r-001", "R-001"), ("12/03/2026", "R-001"), (dt.date(2026, 3, 12), "R-001")])
def test_a_steps_rakor_by_code_or_by_date(context, written, expected):
    record, found = entry.check_step(written_step(rakor=written), context)
    assert found == [] and record["rakor"] == expected


@pytest.mark.parametrize(("written", "demo", "expected"), [
    ("R-009", False, "Kode rakor tidak dikenal"), ("R-002", True, "Rakor contoh tidak bisa dipakai"),
    ("01/01/2026", False, "Tidak ada rakor pada tanggal 01/01/2026"), ("rakor Maret", False, "Rakor tidak terbaca")])
def test_an_unknown_rakor_is_named(context, demo_context, written, demo, expected):
    record, found = entry.check_step(written_step(rakor=written), demo_context if demo else context)
    _column, text, _ = only_problem(found)
    assert record is None and expected in text


def test_two_rakor_on_one_date_need_the_code(context):
    record, found = entry.check_step(written_step(rakor="12/03/2026"), context, new_rakor=[dt.date(2026, 3, 12)])
    assert record is None and "Ada beberapa rakor" in only_problem(found)[1]


def test_markdown_and_html_are_kept_as_written(context):
    record, found = entry.check_step(written_step(judul=MARKUP, masalah=MARKUP, mitra=MARKUP), context)
    assert found == [] and record["judul"] == record["masalah"] == record["mitra"] == MARKUP
    shown = fmt.markdown_text(record["judul"])
    assert "\\*\\*Penting" in shown and "\\<script\\>" in shown and "\\[klik\\]" in shown


def test_a_form_with_several_mistakes_gets_every_problem_at_once(context):
    record, found = entry.check_step(written_step(pelaksana="", jenis_pelaksana="Swasta asing", wilayah="Sangata Utra",
                                                  mulai="2027-06-01", tenggat="2027-01-01", anggaran_rp="banyak"),
                                     context)
    assert record is None
    assert [problem.kolom for problem in found] == ["Pelaksana (lembaga)", "Jenis pelaksana", "Wilayah (kecamatan/desa)",
                                                    "Anggaran (Rp)", "Tenggat"]


# --- rakor, progress, edits ------------------------------------------------------------------------------------


def test_a_rakor_needs_its_date_place_and_chair():
    assert entry.check_rakor(rakor(agenda=None)) == (rakor(agenda=None), [])
    record, found = entry.check_rakor(rakor(tanggal=None, tempat="", pimpinan=" "))
    assert record is None and [problem.kolom for problem in found] == ["Tanggal rakor", "Tempat", "Pimpinan rakor"]


def test_progress_for_a_known_step(context):
    record, found = entry.check_progress(progress(aksi="a-001", bukti=MARKUP), context)
    assert found == [] and record == {"aksi": "A-001", "tanggal": dt.date(2026, 11, 15), "status": "berjalan",
                                      "uraian": "Verifikasi di 4 desa", "bukti": MARKUP, "pelapor": "Dinas Sosial"}


@pytest.mark.parametrize(("fields", "column", "expected"), [
    ({"aksi": "A-099"}, "Kode langkah", "Kode langkah tidak dikenal"),
    ({"status": "hampir selesai"}, "Status", "Status tidak dikenal"),
    ({"tanggal": "01/12/2026"}, "Tanggal laporan", "di masa depan"),
    ({"pelapor": None}, "Pelapor (lembaga)", "kosong"),
    ({"uraian": ""}, "Yang sudah dikerjakan", "kosong"),
])
def test_a_bad_progress_report_is_named(context, fields, column, expected):
    record, found = entry.check_progress(progress(**fields), context)
    assert record is None and only_problem(found)[0] == column and expected in only_problem(found)[1]


def test_demo_steps_take_no_progress_report_they_go_with_the_first_real_change(demo_context):
    record, found = entry.check_progress(progress(aksi="A-002"), demo_context)
    assert record is None and "Langkah contoh tidak bisa dilaporkan" in only_problem(found)[1]


def test_an_edit_keeps_only_the_fields_that_changed(context):
    step = context.real.steps.iloc[0].to_dict()
    shown = entry.form_values(step)
    assert shown["wilayah"] == ["64.08.04"]
    record, found = entry.check_step(shown | {"tenggat": dt.date(2027, 3, 31), "anggaran_rp": "Rp0"}, context)
    assert found == [] and entry.changed_fields(step, record) == {"tenggat": dt.date(2027, 3, 31), "anggaran_rp": 0}
    same, _ = entry.check_step(shown, context)
    assert entry.changed_fields(step, same) == {}


def test_a_stored_steps_empty_cells_show_as_empty_fields():
    shown = entry.form_values(stored_step(anggaran_rp=pd.NA, nilai_target=float("nan"), mitra=None,
                                          wilayah="64.08.04;64.08.15"))
    assert shown["anggaran_rp"] is shown["nilai_target"] is shown["mitra"] is None
    assert shown["wilayah"] == ["64.08.04", "64.08.15"]


# --- the batch file and its template ------------------------------------------------------------------------


def workbook(context: entry.Context, **rows: list[list]) -> bytes:
    book = load_workbook(io.BytesIO(entry.template_xlsx(context)))
    for sheet, lines in rows.items():
        for line in lines:
            book[sheet].append(line)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def step_row(**fields) -> list:
    return [written_step(**fields)[name] for name in entry.FIELDS["langkah"]]


def test_the_template_has_its_sheets_headings_examples_and_drop_downs(context):
    book = load_workbook(io.BytesIO(entry.template_xlsx(context)))
    assert book.sheetnames == ["rakor", "langkah", "kemajuan", "petunjuk"]
    assert [cell.value for cell in book["langkah"][1]] == [entry.heading("langkah", n) for n in entry.FIELDS["langkah"]]
    assert book["rakor"]["A2"].value == dt.datetime(2027, 1, 14)  # the example row, a real date cell
    lists = {str(check.sqref): check.formula1 for name in ("langkah", "kemajuan")
             for check in book[name].data_validations.dataValidation}
    assert {"G2:G500", "O2:O500", "D2:D500", "E2:E500"} <= set(lists) and "C2:C500" in lists  # kinds, funds, status
    kinds = lists["G2:G500"].split("!")[1].replace("$", "").split(":")
    shown = [cell.value for row in book["petunjuk"][kinds[0]:kinds[1]] for cell in row]
    assert shown == [entry.choice_label("jenis_pelaksana", kind) for kind in actions.PARTY_KINDS]
    assert "Perusahaan/CSR" in shown
    assert any("Wajib diisi" in str(cell.value) for cell in book["petunjuk"]["A"])


def test_the_template_unchanged_adds_nothing_and_says_so(context):
    batch = entry.read_batch(entry.template_xlsx(context), "templat.xlsx", context)
    assert not batch.ok and "tidak berisi baris baru" in batch.problems[0][1].masalah
    assert [(sheet, note.baris) for sheet, note in batch.notices] == [("rakor", 2), ("langkah", 2), ("kemajuan", 2)]


def test_the_filled_in_template_publishes_rakor_steps_and_progress(tmp_path, demo_context):
    store = Store(create_store_engine(databases.new_url(tmp_path, "aksi")))
    seed.build(store)
    actions.publish_change(store, actions.add_rows(steps=[stored_step()]), by="uji", note="A-001")
    context = dataclasses.replace(demo_context, tables=ActionTables.from_release(store.current_tables("aksi")))
    data = workbook(context, rakor=[[dt.datetime(2027, 1, 20), "Aula Bappeda", "Sekda", MARKUP]],
                    langkah=[step_row(rakor="20/01/2027", judul=MARKUP), step_row(rakor=dt.datetime(2027, 1, 20))],
                    kemajuan=[["A-001", dt.datetime(2026, 11, 1), "Selesai", "Tuntas", None, "Dinas Sosial"]])
    batch = entry.read_batch(data, "rencana.xlsx", context)
    assert batch.ok, batch.problems
    assert batch.steps[0]["rakor"] == entry.NewRakor(0) and batch.rows == {"rakor": (3,), "langkah": (3, 4),
                                                                             "kemajuan": (3,)}
    # Someone records a rakor meanwhile: the batch's rakor takes the next code, and its steps follow it.
    actions.publish_change(store, actions.add_rows(rakor=[rakor()]), by="lain", note="R-001")
    actions.publish_change(store, batch.change(), by="uji", note="impor")
    tables = ActionTables.from_release(store.current_tables("aksi"))
    assert list(tables.rakor["kode"]) == ["R-001", "R-002"] and tables.rakor["agenda"].iloc[1] == MARKUP
    assert tables.steps["rakor"].fillna("").tolist() == ["", "R-002", "R-002"] and tables.steps["judul"].iloc[1] == MARKUP
    assert list(tables.progress["status"]) == ["selesai"]
    assert entry.describe(store.action_audit().query("oleh == 'uji'").head(4)) == (
        "rakor R-002 ditambahkan; langkah A-002 ditambahkan; langkah A-003 ditambahkan; "
        "laporan kemajuan langkah A-001 ditambahkan")


def test_a_batch_with_several_broken_rows_lists_every_problem_and_adds_nothing(context):
    data = workbook(context, rakor=[[None, "Aula", "Sekda", None]],
                    langkah=[step_row(), step_row(wilayah="Antah Berantah", tenggat="01/01/2027"),
                             step_row(jenis_pelaksana=None, sumber_dana="APBD II")],
                    kemajuan=[["A-077", "kemarin", "Selesai", "Tuntas", None, "Dinas Sosial"]])
    batch = entry.read_batch(data, "rencana.xlsx", context)
    assert not batch.ok and batch.rakor == batch.steps == batch.progress == ()
    assert [(sheet, problem.baris, problem.kolom) for sheet, problem in batch.problems] == [
        ("rakor", 3, "Tanggal rakor"),
        ("langkah", 4, "Wilayah (kecamatan/desa)"), ("langkah", 4, "Tenggat"),
        ("langkah", 5, "Jenis pelaksana"), ("langkah", 5, "Sumber dana"),
        ("kemajuan", 3, "Kode langkah"), ("kemajuan", 3, "Tanggal laporan")]
    table = entry.problems_table(batch.problems)
    assert list(table.columns[:3]) == ["Lembar", "Baris", "Kolom"] and len(table) == 7


def test_a_batch_row_with_markup_shows_it_escaped_in_the_problem_list(context):
    data = workbook(context, langkah=[step_row(jenis_pelaksana="[klik](javascript:alert(1))")])
    table = entry.problems_table(entry.read_batch(data, "rencana.xlsx", context).problems)
    assert table["Nilai"].iloc[0] == "`[klik](javascript:alert(1))`"  # inline code: shown, never a link


def test_a_file_that_is_not_the_template_is_refused_once(context):
    for name, data in (("rencana.csv", b"judul;masalah\nx;y\n"), ("rencana.xlsx", b"bukan excel")):
        batch = entry.read_batch(data, name, context)
        assert not batch.ok and len(batch.problems) == 1 and batch.problems[0][0] == ""


def test_a_sheet_without_a_required_column_is_named(context):
    book = load_workbook(io.BytesIO(workbook(context, langkah=[step_row()])))
    book["langkah"].delete_cols(6)  # Pelaksana (lembaga)
    buffer = io.BytesIO()
    book.save(buffer)
    batch = entry.read_batch(buffer.getvalue(), "rencana.xlsx", context)
    assert not batch.ok and any("pelaksana" in problem.masalah for _sheet, problem in batch.problems)


def test_the_preview_reads_ids_back_as_labels_and_names(context):
    data = workbook(context, langkah=[step_row(jenis_pelaksana="Perusahaan (CSR)", wilayah="64.08.04; Kaubun")])
    preview = entry.preview_tables(entry.read_batch(data, "rencana.xlsx", context), context.areas)
    row = preview["langkah"].loc[3]
    assert (row["Jenis pelaksana"], row["Wilayah (kecamatan/desa)"]) == ("Perusahaan/CSR", "Sangatta Utara; Kaubun")


def test_area_choices_list_kutim_its_kecamatan_and_desa_with_codes(context):
    choices = entry.area_choices(context.areas)
    assert choices["64.08"] == "Kabupaten Kutai Timur (64.08)" and choices["64.08.04"] == "Kec. Sangatta Utara (64.08.04)"
    assert choices["64.08.04.2001"].startswith("Desa ") and choices["64.08.04.2001"].endswith(", Sangatta Utara "
                                                                                                 "(64.08.04.2001)")
    assert not any(code.startswith("64.01") for code in choices) and pd.Series(list(choices)).is_monotonic_increasing
