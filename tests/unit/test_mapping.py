"""The column-mapping step (lib/ingest/mapping.py): reading any file's header, proposing what each column holds,
remembering it per file shape, unpivoting wide tables, and checking the result with the usual rules."""

import hashlib

import pytest

from lib.core import programmes
from lib.core.indicators import Indicator, registry_from_frame
from lib.core.wilayah import AreaRegistry
from lib.ingest import mapping, rules

WIDE = ("TABEL 3. PENDUDUK DAN DESIL PER KECAMATAN\n"
        "Sumber: DTSEN 2025\n"
        "\n"
        "Kecamatan;Jumlah Penduduk;RT Desil 1-2;% Desil 1-4\n"
        "Muara Ancalong;21.616;1.204;38,5\n"
        "Kec. Kongbeng;30.000;2.010;41,2 %\n"
        "Sangatta Utara;120.500;;22,0\n").encode("cp1252")
BY_YEAR = (b"Desa;Kecamatan;Indikator;2023;2024;Ket\n"
           b"Miau Baru;Kongbeng;jumlah_rumah_tangga;1.100;1.150;\n"
           b"Teluk Lingga;Sangatta Utara;jumlah_rumah_tangga;900;-;baru\n")


@pytest.fixture(scope="module")
def indicators(store):
    registry = registry_from_frame(store.indicators(), store.method_breaks())
    # What staff add on the Indikator tab before uploading the wide table.
    for ident, label, unit in (("rumah_tangga_desil_1_2", "RT desil 1-2", "rumah_tangga"),
                               ("persentase_desil_1_4", "Persentase rumah tangga desil 1-4", "persen")):
        registry[ident] = Indicator(ident, label, label, unit, 1, True, None, "d", "d", "DTSEN")
    return registry


@pytest.fixture(scope="module")
def context(store, indicators):
    return rules.Context(AreaRegistry(store.areas(), store.aliases()), indicators,
                         programmes.registry_from_frame(store.programmes()), this_year=2026)


def test_a_wide_kecamatan_table_is_read_and_each_column_proposed(context, indicators):
    table = mapping.read(WIDE, "tabel3.csv")
    assert table.header_row == 4 and table.rows == [5, 6, 7]
    found = mapping.columns(table)
    assert [c.heading for c in found] == ["Kecamatan", "Jumlah Penduduk", "RT Desil 1-2", "% Desil 1-4"]
    assert found[1].samples == ("21.616", "30.000", "120.500")
    assert mapping.needs_mapping(rules.INDICATOR_VALUES, table, context.programmes)
    proposal = mapping.propose(rules.INDICATOR_VALUES, found, indicators, context.programmes)
    assert proposal == {"kecamatan": "kecamatan", "jumlah_penduduk": "ind:jumlah_penduduk",
                        "rt_desil_1_2": "ind:rumah_tangga_desil_1_2", "desil_1_4": "ind:persentase_desil_1_4"}


def test_a_wide_table_is_unpivoted_into_indicator_rows_of_kecamatan(context, indicators):
    table = mapping.read(WIDE, "tabel3.csv")
    proposal = mapping.propose(rules.INDICATOR_VALUES, mapping.columns(table), indicators, context.programmes)
    assert mapping.mistakes(rules.INDICATOR_VALUES, proposal, None) == [
        "Belum ada kolom 'Tahun': pilih kolom yang berisinya atau isi 'Tahun data' di bawah."]
    prepared = mapping.prepare(rules.INDICATOR_VALUES, WIDE, "tabel3.csv", table, proposal, 2025, context,
                               rules.Options(source="DTSEN Dinsos (uji)"))
    assert prepared.ok, prepared.problems
    rows = prepared.rows.sort_values(["indikator", "kode_wilayah"])
    # 3 + 2 + 3 figures: the empty cell of Sangatta Utara is no figure; the rows keep their spreadsheet numbers.
    assert len(rows) == 8 and sorted(set(rows.index)) == [5, 6, 7]
    assert set(rows["kode_wilayah"]) <= set(context.areas.codes_at("kecamatan"))
    ancalong = context.areas.match("Muara Ancalong", level="kecamatan").kode
    got = rows[rows["kode_wilayah"] == ancalong].set_index("indikator")["nilai"].to_dict()
    assert got == {"jumlah_penduduk": 21616.0, "rumah_tangga_desil_1_2": 1204.0, "persentase_desil_1_4": 38.5}
    assert set(rows["tahun"]) == {2025} and set(rows["sumber"]) == {"DTSEN Dinsos (uji)"}
    assert prepared.sha256 == hashlib.sha256(WIDE).hexdigest()  # the file as uploaded, as for any other file


def test_problems_of_a_mapped_file_name_its_own_rows_and_headings(context, indicators):
    broken = WIDE.replace(b"1.204", b"banyak").replace(b"Muara Ancalong", b"Antah Berantah")
    table = mapping.read(broken, "tabel3.csv")
    proposal = mapping.propose(rules.INDICATOR_VALUES, mapping.columns(table), indicators, context.programmes)
    prepared = mapping.prepare(rules.INDICATOR_VALUES, broken, "tabel3.csv", table, proposal, 2025, context,
                               rules.Options(source="x"))
    found = {(p.baris, p.kolom, p.nilai) for p in prepared.problems}
    assert (5, "RT Desil 1-2", "banyak") in found
    # The unknown kecamatan is one problem, not one per indicator column, and can be confirmed as an alias.
    assert [p.baris for p in prepared.problems if p.nilai and "Antah" in p.nilai] == [5]
    assert [a.column for a in prepared.unknown_areas] == ["Kecamatan"]


def test_one_column_per_year_is_unpivoted_by_year(context, indicators):
    table = mapping.read(BY_YEAR, "rt.csv")
    found = mapping.columns(table)
    proposal = mapping.propose(rules.INDICATOR_VALUES, found, indicators, context.programmes)
    assert (proposal["2023"], proposal["2024"], proposal["desa"], proposal["kecamatan"]) == (
        "tahun:2023", "tahun:2024", "desa", "kecamatan")
    assert proposal["indikator"] == "indikator"
    without = {**proposal, "indikator": "abaikan"}
    assert "Indikator" in " ".join(mapping.mistakes(rules.INDICATOR_VALUES, without, None))
    prepared = mapping.prepare(rules.INDICATOR_VALUES, BY_YEAR, "rt.csv", table, proposal, None, context,
                               rules.Options(source="x"))
    assert prepared.ok, prepared.problems
    # The dash of Teluk Lingga 2024 is no figure.
    assert sorted(zip(prepared.rows["tahun"], prepared.rows["nilai"])) == [(2023, 900.0), (2023, 1100.0), (2024, 1150.0)]


def test_the_mapping_is_remembered_per_file_shape(context, indicators):
    table = mapping.read(WIDE, "tabel3.csv")
    found = mapping.columns(table)
    shape = mapping.shape_key(rules.INDICATOR_VALUES, found)
    # Next month's file: other title rows, columns in another order, the same headings: the same shape.
    later = mapping.columns(mapping.read(b"Kecamatan;% Desil 1-4;RT Desil 1-2;Jumlah Penduduk\nKongbeng;1;2;3\n", "b.csv"))
    assert mapping.shape_key(rules.INDICATOR_VALUES, later) == shape
    assert mapping.shape_key(rules.PROGRAMME_AGGREGATES, later) != shape
    chosen = {**mapping.propose(rules.INDICATOR_VALUES, found, indicators, context.programmes), "desil_1_4": "abaikan"}
    saved = mapping.decode(mapping.encode(chosen))
    assert mapping.propose(rules.INDICATOR_VALUES, later, indicators, context.programmes, saved) == chosen


def test_the_store_keeps_mappings_by_shape(fixture_store_copy):
    from lib.core.store import Store, create_store_engine

    store = Store(create_store_engine(fixture_store_copy))
    assert store.column_mapping("a" * 64) is None
    store.save_column_mapping("a" * 64, "indikator", mapping.encode({"kecamatan": "kecamatan"}), by="bappeda")
    store.save_column_mapping("a" * 64, "indikator", mapping.encode({"kecamatan": "wilayah"}), by="dinsos")
    assert mapping.decode(store.column_mapping("a" * 64)) == {"kecamatan": "wilayah"}


def test_mistakes_name_what_is_missing_or_doubled():
    kind = rules.INDICATOR_VALUES
    assert mapping.mistakes(kind, {"a": "ind:ipm", "b": "ind:ipm", "c": "wilayah"}, 2025) == [
        "Dua kolom dipetakan ke 'ind:ipm': pilih satu, yang lain 'Abaikan'."]
    assert mapping.mistakes(kind, {"a": "ind:ipm"}, 2025) == [
        "Belum ada kolom wilayah, kecamatan atau kode wilayah: pilih kolom yang berisi nama atau kode wilayah."]
    assert mapping.mistakes(kind, {"w": "wilayah", "a": "ind:ipm", "b": "tahun:2024"}, None)[0].startswith(
        "Kolom lebar hanya boleh satu jenis")
    assert mapping.mistakes(kind, {"w": "wilayah", "i": "indikator", "t": "tahun", "n": "nilai"}, None) == []


def test_a_wide_programme_table_gives_recipients_per_programme(context, indicators):
    data = b"Kecamatan;Desa;Desil;Rumah Tangga;PKH;Sembako\nKongbeng;Miau Baru;1;40;30;12\n"
    table = mapping.read(data, "p.csv")
    proposal = mapping.propose(rules.PROGRAMME_AGGREGATES, mapping.columns(table), indicators, context.programmes)
    assert (proposal["pkh"], proposal["sembako"], proposal["rumah_tangga"]) == ("prog:PKH", "prog:SEMBAKO", "rumah_tangga")
    prepared = mapping.prepare(rules.PROGRAMME_AGGREGATES, data, "p.csv", table, proposal, 2025, context,
                               rules.Options(source="x"))
    assert prepared.ok, prepared.problems
    assert sorted(zip(prepared.rows["program"], prepared.rows["penerima"], prepared.rows["rumah_tangga"])) == [
        ("PKH", 30, 40), ("SEMBAKO", 12, 40)]


def test_a_wide_recap_per_programme_gives_recipient_counts_with_its_total_row_noted(context, indicators):
    # A Dinsos recap with one column per programme, in a workbook, its year in the title, a JUMLAH row.
    from tests.unit.test_ingest_shapes import workbook

    data = workbook([["REKAP KPM PER DESA TAHUN 2025"], [], ["Kecamatan", "Lokasi", "PKH", "Sembako"],
                     ["Kongbeng", "Miau Baru", 30, 12], ["Kongbeng", "Kombeng Indah", 20, "-"], ["JUMLAH", None, 50, 12]])
    kind = rules.RECIPIENTS
    table = mapping.read(data, "rekap.xlsx")
    chosen = {**mapping.propose(kind, mapping.columns(table), indicators, context.programmes), "lokasi": "desa"}
    assert (chosen["pkh"], chosen["sembako"]) == ("prog:PKH", "prog:SEMBAKO")
    options = rules.from_title(table.title, rules.Options(source="Dinsos (uji)"), context)
    assert options.year == 2025 and mapping.mistakes(kind, chosen, options.year) == []
    prepared = mapping.prepare(kind, data, "rekap.xlsx", table, chosen, options.year, context, options)
    assert prepared.ok, prepared.problems
    assert sorted(zip(prepared.rows["program"], prepared.rows["ukuran"], prepared.rows["nilai"])) == [
        ("PKH", "penerima", 20.0), ("PKH", "penerima", 30.0), ("SEMBAKO", "penerima", 12.0)]
    assert set(prepared.rows["tahun"]) == {2025} and prepared.file_name == "rekap.xlsx"
    # The total row is one note, not one per programme column, and is not lost on this path.
    assert [(n.baris, n.nilai, n.tingkat) for n in prepared.notices] == [(6, "JUMLAH", "catatan")]


def test_a_warning_survives_the_mapping_step(context, indicators):
    # The old advice followed in a file with odd headings: every desa in decile 1, households = recipients.
    data = b"Kecamatan;Lokasi;Desil;RT;KPM\nKongbeng;Miau Baru;1;12;12\nKongbeng;Kombeng Indah;1;8;8\n"
    kind = rules.PROGRAMME_AGGREGATES
    table = mapping.read(data, "p.csv")
    chosen = {"kecamatan": "kecamatan", "lokasi": "desa", "desil": "desil", "rt": "rumah_tangga", "kpm": "prog:PKH"}
    prepared = mapping.prepare(kind, data, "p.csv", table, chosen, 2025, context, rules.Options(source="x"))
    assert prepared.ok, prepared.problems
    assert [n.tingkat for n in prepared.notices] == ["peringatan"]
