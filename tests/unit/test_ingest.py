"""Uploads from messy spreadsheets to rows or a complete list of Indonesian problems (lib/ingest/rules.py)."""

import io

import openpyxl
import pandas as pd
import pytest

from lib.core.programmes import registry_from_frame
from lib.core.wilayah import AreaRegistry
from lib.ingest import rules
from lib.ingest.rules import HOUSEHOLD_LIST, INDICATOR_VALUES, PROGRAMME_AGGREGATES, Options, parse_number, prepare

P0 = "persentase_penduduk_miskin_P0"


@pytest.fixture(scope="module")
def context(store, registry):
    return rules.Context(AreaRegistry(store.areas(), store.aliases()), registry, registry_from_frame(store.programmes()),
                         this_year=2026)


def csv(text: str, encoding: str = "utf-8") -> bytes:
    return text.encode(encoding)


def xlsx(rows: list[list]) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def problems_of(prepared) -> list[tuple]:
    return [(p.baris, p.kolom, p.nilai, p.masalah) for p in prepared.problems]


@pytest.mark.parametrize(("written", "expected"), [
    ("8,81", 8.81), ("8.81", 8.81), ("8,81 %", 8.81), ("8,81%", 8.81), ("1.234,5", 1234.5), ("9.492", 9492),
    ("Rp 714.241", 714241), ("Rp714.241", 714241), ("1,234.5", 1234.5), ("12", 12), (8.81, 8.81), (9492, 9492),
    ("1 234", 1234), ("\xa07,5\xa0", 7.5), ("1e5", 100000), ("1.0000000000000002e+16", 1e16),
])
def test_numbers_as_staff_write_them(written, expected):
    assert parse_number(written) == pytest.approx(expected)


@pytest.mark.parametrize("written", ["abc", "8,8,1", "=SUM(A1:A3)", "", "1.23.4", True, "NaN", "inf", "1e400",
                                     float("nan"), float("inf")])
def test_what_is_not_a_number(written):
    assert parse_number(written) is None


def test_messy_indicator_sheet_publishes(context):
    # Title rows above the table, names instead of codes, an alias (Kongbeng), decimal commas and a percent sign.
    data = xlsx([
        ["DATA INDIKATOR KEMISKINAN KABUPATEN KUTAI TIMUR"],
        ["Sumber: BPS Kutim"],
        [],
        ["Nama Wilayah", "Indikator", "Tahun", "Nilai", "Keterangan"],
        ["KAB. KUTAI TIMUR", "Persentase Penduduk Miskin (P0)", 2025, "8,07 %", "Maret"],
        ["Kongbeng", "jumlah_rumah_tangga", 2025, "6.120", None],
        ["kec. sangatta utara", "JUMLAH_RUMAH_TANGGA", "2025", 31250, None],
    ])
    prepared = prepare(INDICATOR_VALUES, data, "indikator.xlsx", context, Options(source="BPS Kutim 2025"))
    assert prepared.ok, problems_of(prepared)
    rows = prepared.rows
    assert rows["kode_wilayah"].tolist() == ["64.08", "64.08.08", "64.08.04"]
    assert rows["indikator"].tolist() == [P0, "jumlah_rumah_tangga", "jumlah_rumah_tangga"]
    assert rows["nilai"].tolist() == [8.07, 6120, 31250]
    assert set(rows["sumber"]) == {"BPS Kutim 2025"} and set(rows["status"]) == {"data_opd"}
    assert rows["catatan"].tolist()[0] == "Maret"


def test_broken_sheet_lists_every_problem_with_row_column_value_and_fix(context):
    data = csv(
        "wilayah;indikator;tahun;nilai;sumber\n"
        "Sangata Utra;jumlah_rumah_tangga;2025;100;x\n"      # 2 unknown area (suggestion)
        "Kutai Timur;persentase_penduduk_miskin_P0;2025;180;x\n"  # 3 rate above 100
        "Kutai Timur;jumlah_rumah_tangga;1890;5;x\n"          # 4 year out of range
        "Kutai Timur;jumlah_rumah_tangga;2024;-5;x\n"         # 5 negative
        "Kutai Timur;jumlah_rumah_tangga;2024;12;x\n"         # 6 duplicate of 5's key
        "Kutai Timur;jumlah_penduduk_hantu;2024;12;x\n"       # 7 unknown indicator
        "Kutai Timur;jumlah_rumah_tangga;2023;banyak;x\n"     # 8 not a number
        "Kutai Timur;jumlah_rumah_tangga;2022;;x\n"           # 9 empty value
    )
    prepared = prepare(INDICATOR_VALUES, data, "rusak.csv", context)
    assert not prepared.ok and prepared.rows.empty
    found = {(p.baris, p.kolom, p.masalah.split(" (")[0].rstrip(".")) for p in prepared.problems}
    assert found >= {
        (2, "wilayah", "Nama wilayah tidak dikenal"),
        (3, "nilai", "Persentase di luar 0–100"),
        (4, "tahun", "Tahun di luar rentang"),
        (5, "nilai", "Nilai negatif"),
        (5, "tahun", "Baris ganda: kunci yang sama muncul lebih dari sekali"),
        (6, "tahun", "Baris ganda: kunci yang sama muncul lebih dari sekali"),
        (7, "indikator", "Indikator tidak dikenal"),
        (8, "nilai", "Nilai bukan angka"),
        (9, "nilai", "Kolom nilai kosong"),
    }
    assert {p.nilai for p in prepared.problems if p.baris == 3} == {"180"}  # as written, not 180.0
    unknown = prepared.unknown_areas[0]
    assert unknown.written == "Sangata Utra" and unknown.suggestions[0][0] == "64.08.04"
    assert "kecamatan Sangatta Utara (64.08.04)" in prepared.problems[[p.baris for p in prepared.problems].index(2)].perbaikan
    assert all(p.perbaikan for p in prepared.problems)


def test_a_confirmed_alias_makes_the_name_known(context, store):
    registry = AreaRegistry(store.areas(), pd.concat([store.aliases(), pd.DataFrame(
        [{"alias": "sangata utra", "kode": "64.08.04", "catatan": None}])]))
    data = csv("wilayah,indikator,tahun,nilai,sumber\nSangata Utra,jumlah_rumah_tangga,2025,100,x\n")
    prepared = prepare(INDICATOR_VALUES, data, "a.csv", rules.Context(registry, context.indicators, context.programmes, 2026))
    assert prepared.ok and prepared.rows["kode_wilayah"].tolist() == ["64.08.04"]


def test_programme_rows_with_names_and_recipients_above_households(context):
    data = csv(
        "Kecamatan,Desa,Tahun,Program,Desil,Jumlah Rumah Tangga,Jumlah Penerima\n"
        "Kongbeng,Miau Baru,2025,PKH,1,40,30\n"
        "Kongbeng,Miau Baru,2025,BPNT,1,40,50\n"
        "Kongbeng,Miau Baru,2025,PKH,11,40,3\n"
    )
    prepared = prepare(PROGRAMME_AGGREGATES, data, "p.csv", context, Options(source="Dinsos"))
    assert problems_of(prepared) == [
        (3, "Jumlah Penerima", "50", "Penerima lebih banyak dari rumah tangga di desil itu."),
        (4, "Desil", "11", "Desil di luar rentang."),
    ]


def test_programme_rows_resolve_programme_names_and_desa_within_kecamatan(context):
    data = csv("kecamatan,desa,tahun,program,desil,rumah tangga,penerima\n"
               "Sangatta Utara,Sangatta Utara,2025,BLT Dana Desa,2,515,208\n")
    prepared = prepare(PROGRAMME_AGGREGATES, data, "p.csv", context, Options(source="Dinsos"))
    assert prepared.ok, problems_of(prepared)
    row = prepared.rows.iloc[0]
    assert (row["kode_wilayah"], row["program"], row["desil"], row["penerima"]) == ("64.08.04.2001", "BLT_DD", 2, 208)
    assert row["pelaksana"]  # from the programme registry


def test_missing_source_is_one_problem_naming_the_fix(context):
    prepared = prepare(INDICATOR_VALUES, csv("wilayah,indikator,tahun,nilai\nKutim,ipm,2024,75\n"), "a.csv", context)
    assert [(p.masalah, p.kolom) for p in prepared.problems] == [("Sumber data belum diisi.", "sumber")]


HOUSEHOLDS = (
    "NIK,Nama Kepala Keluarga,Alamat,Kecamatan,Desa,Desil,PKH,BPNT\n"
    "6408011234560001,Budi Santoso,Jl. Mawar 1,Kongbeng,Miau Baru,1,Ya,Ya\n"
    "6408011234560002,Siti Aminah,Jl. Melati 2,Kongbeng,Miau Baru,1,Tidak,Ya\n"
    "6408011234560003,Andi Wijaya,Jl. Kenanga 3,Kongbeng,Miau Baru,2,1,0\n"
    "6408011234560004,Rina Marlina,RT 04,Sangatta Utara,Sangatta Utara,1,ya,tidak\n"
)


def test_household_list_is_counted_and_nothing_personal_survives(context):
    prepared = prepare(HOUSEHOLD_LIST, csv(HOUSEHOLDS), "kpm.csv", context, Options(source="P3KE", year=2025))
    assert prepared.ok, problems_of(prepared)
    assert prepared.households == 4
    rows = prepared.rows.set_index(["kode_wilayah", "program", "desil"])
    miau_baru = "64.08.08.2007"
    assert rows.loc[(miau_baru, "PKH", 1), ["rumah_tangga", "penerima"]].tolist() == [2, 1]
    assert rows.loc[(miau_baru, "SEMBAKO", 1), ["rumah_tangga", "penerima"]].tolist() == [2, 2]
    assert rows.loc[(miau_baru, "PKH", 2), ["rumah_tangga", "penerima"]].tolist() == [1, 1]
    assert set(prepared.rows["tahun"]) == {2025}
    text = prepared.rows.to_csv() + repr(prepared)
    for personal in ("6408011234560001", "Budi", "Mawar", "Siti", "Rina", "RT 04"):
        assert personal not in text


def test_household_problems_never_quote_personal_columns(context):
    data = csv(HOUSEHOLDS.replace("Kongbeng,Miau Baru,1,Ya,Ya", "Kongbeng,Miau Baru,satu,Mungkin,Ya"))
    prepared = prepare(HOUSEHOLD_LIST, data, "kpm.csv", context, Options(source="P3KE", year=2025))
    assert {(p.kolom, p.nilai) for p in prepared.problems} == {("Desil", "satu"), ("PKH", "Mungkin")}
    assert "Budi" not in repr(prepared) and "6408011234560001" not in repr(prepared)


def test_household_list_needs_a_year(context):
    prepared = prepare(HOUSEHOLD_LIST, csv(HOUSEHOLDS), "kpm.csv", context, Options(source="P3KE"))
    assert [p.masalah for p in prepared.problems] == ["Tahun data tidak diketahui."]


def test_household_list_without_programme_columns_names_the_registered_programmes(context):
    data = csv("Kecamatan,Desa,Desil,Tahun\nKongbeng,Miau Baru,1,2025\n")
    prepared = prepare(HOUSEHOLD_LIST, data, "kpm.csv", context, Options(source="P3KE"))
    assert [(p.masalah, p.perbaikan) for p in prepared.problems] == [(
        "Tidak ada kolom program.",
        "Tambahkan satu kolom per program (Ya/Tidak): BLT_DD, PBI_JK, PIP, PKH, RTLH, SEMBAKO.")]


def test_a_programme_added_to_the_registry_is_read_by_its_spellings(context, store):
    added = {"id": "ATENSI", "nama_id": "Asistensi Rehabilitasi Sosial (ATENSI)",
             "nama_en": "Social Rehabilitation Assistance (ATENSI)", "satuan": "KK", "desil_layak_min": 1,
             "desil_layak_max": 3, "dasar_kelayakan": "contoh", "pelaksana": "Dinas Sosial",
             "keterangan_id": "", "keterangan_en": "", "ejaan": "bantuan disabilitas; atensi yapi"}
    programmes = registry_from_frame(pd.concat([store.programmes(), pd.DataFrame([added])], ignore_index=True))
    extended = rules.Context(context.areas, context.indicators, programmes, context.this_year)

    households = csv("Kecamatan,Desa,Desil,PKH,Bantuan Disabilitas\n"
                     "Kongbeng,Miau Baru,1,Ya,Ya\nKongbeng,Miau Baru,1,Tidak,Ya\nKongbeng,Miau Baru,2,Ya,Tidak\n")
    prepared = prepare(HOUSEHOLD_LIST, households, "kpm.csv", extended, Options(source="P3KE", year=2025))
    assert prepared.ok, problems_of(prepared)
    counted = prepared.rows[prepared.rows["program"] == "ATENSI"].set_index("desil")
    assert counted["penerima"].to_dict() == {1: 2, 2: 0} and set(counted["pelaksana"]) == {"Dinas Sosial"}

    aggregates = csv("kecamatan,desa,tahun,program,desil,rumah tangga,penerima\n"
                     "Kongbeng,Miau Baru,2025,Atensi YAPI,1,40,12\n")
    prepared = prepare(PROGRAMME_AGGREGATES, aggregates, "p.csv", extended, Options(source="Dinsos"))
    assert prepared.ok, problems_of(prepared)
    assert prepared.rows["program"].tolist() == ["ATENSI"]


def test_reader_problems_come_through_and_nothing_is_prepared(context):
    prepared = prepare(INDICATOR_VALUES, b"", "kosong.csv", context)
    assert not prepared.ok and prepared.rows.empty and prepared.problems[0].masalah.startswith("Berkas kosong")


@pytest.mark.parametrize("key", list(rules.KINDS))
def test_every_template_is_accepted_as_it_is_shipped(key, context):
    template = rules.templates(context.programmes)[key]
    data = template.to_csv(index=False).encode()
    prepared = prepare(rules.KINDS[key], data, f"templat_{key}.csv", context, Options(source="x", year=2025))
    assert prepared.ok, problems_of(prepared)


GOOD_PROGRAMME_ROW = {"kecamatan": "Kongbeng", "desa": "Miau Baru", "tahun": "2025", "program": "PKH", "desil": "1",
                      "rumah_tangga": "40", "penerima": "30", "anggaran_rp": "", "realisasi_rp": "", "sumber": "Dinsos"}


@pytest.mark.parametrize(("change", "column", "problem"), [
    ({"rumah_tangga": "-1"}, "rumah_tangga", "Jumlah rumah tangga negatif."),
    ({"penerima": "-3"}, "penerima", "Jumlah penerima negatif."),
    ({"anggaran_rp": "-1.000"}, "anggaran_rp", "Anggaran negatif."),
    ({"realisasi_rp": "-5"}, "realisasi_rp", "Realisasi negatif."),
    ({"program": "Bansos X"}, "program", "Program tidak dikenal."),
    ({"desil": "0"}, "desil", "Desil di luar rentang."),
    ({"tahun": "2031"}, "tahun", "Tahun di luar rentang."),
    ({"penerima": "3,5"}, "penerima", "Nilai bukan bilangan bulat."),
    ({"desa": "Desa Hantu"}, "desa", "Nama wilayah tidak dikenal."),
    ({"kecamatan": "Antah"}, "kecamatan", "Nama wilayah tidak dikenal."),
])
def test_each_programme_rule_names_its_row_and_column(context, change, column, problem):
    rows = pd.DataFrame([GOOD_PROGRAMME_ROW, {**GOOD_PROGRAMME_ROW, "desil": "2", **change}])
    prepared = prepare(PROGRAMME_AGGREGATES, rows.to_csv(index=False).encode(), "p.csv", context)
    found = [(p.baris, p.kolom, p.masalah) for p in prepared.problems]
    assert (3, column, problem) in found and {row for row, _, _ in found} == {3}, found


def test_duplicate_programme_rows_are_both_named(context):
    rows = pd.DataFrame([GOOD_PROGRAMME_ROW, GOOD_PROGRAMME_ROW])
    prepared = prepare(PROGRAMME_AGGREGATES, rows.to_csv(index=False).encode(), "p.csv", context)
    assert [(p.baris, p.masalah.split(":")[0]) for p in prepared.problems] == [(2, "Baris ganda"), (3, "Baris ganda")]
    assert prepared.problems[0].nilai == "64.08.08.2007 · 2025 · PKH · 1"


def test_month_out_of_range(context):
    data = csv("wilayah,indikator,tahun,bulan,nilai,sumber\nKutim,ipm,2024,13,75,x\n")
    assert [(p.kolom, p.masalah) for p in prepare(INDICATOR_VALUES, data, "a.csv", context).problems] == [
        ("bulan", "Bulan di luar rentang.")]


def test_a_code_and_a_name_that_disagree_are_refused_naming_both(context):
    data = csv("kode_wilayah,wilayah,indikator,tahun,nilai,sumber\n"
               "64.08,Kutai Timur,ipm,2024,75,x\n"       # agree
               "64.03,Kutai Barat,ipm,2024,75,x\n"       # Berau's code, Kutai Barat's name
               "64.03,Kutai Barat,ipm,2023,74,x\n")      # the same pair again: one problem, both rows named
    prepared = prepare(INDICATOR_VALUES, data, "a.csv", context)
    assert not prepared.ok and prepared.rows.empty
    [problem] = prepared.problems
    assert (problem.baris, problem.kolom, problem.nilai) == (3, "wilayah", "Kutai Barat")
    assert problem.masalah == ("Kode wilayah dan kolom wilayah tidak cocok: kode 64.03 adalah Kabupaten Berau, "
                               "bukan 'Kutai Barat' (juga di baris 4).")
    assert "'Kutai Barat' adalah kabupaten Kabupaten Kutai Barat (64.07)" in problem.perbaikan
    assert "tulis 'Kabupaten Berau' di kolom wilayah" in problem.perbaikan


def test_a_desa_code_must_lie_in_the_kecamatan_and_be_the_desa_written(context):
    good = {**GOOD_PROGRAMME_ROW, "kode_wilayah": "64.08.08.2007"}
    rows = pd.DataFrame([good,
                         {**good, "desil": "2", "kecamatan": "Sangatta Utara"},  # the desa is in Kongbeng
                         {**good, "desil": "3", "desa": "Makmur Jaya"}])         # another desa of Kongbeng
    prepared = prepare(PROGRAMME_AGGREGATES, rows.to_csv(index=False).encode(), "p.csv", context)
    assert [(p.baris, p.kolom, p.nilai, p.masalah) for p in prepared.problems] == [
        (4, "desa", "Makmur Jaya",
         "Kode wilayah dan kolom desa tidak cocok: kode 64.08.08.2007 adalah Miau Baru, bukan 'Makmur Jaya'."),
        (3, "kecamatan", "Sangatta Utara",
         "Kode wilayah dan kolom kecamatan tidak cocok: kode 64.08.08.2007 ada di kecamatan Kombeng, "
         "bukan 'Sangatta Utara'."),
    ]


def test_names_beside_codes_agree_through_spellings_and_aliases(context):
    data = csv("kode_wilayah,kecamatan,wilayah,indikator,tahun,nilai,sumber\n"
               "64.08.08,Kongbeng,Kec. Kongbeng,ipm,2024,75,x\n"          # an alias of Kombeng, with its prefix
               "64.08.04,,KEC. SANGATTA UTARA,ipm,2024,75,x\n")
    prepared = prepare(INDICATOR_VALUES, data, "a.csv", context)
    assert prepared.ok, problems_of(prepared)
    assert prepared.rows["kode_wilayah"].tolist() == ["64.08.08", "64.08.04"]
