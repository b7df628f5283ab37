"""Indicators staff add or change on Kelola Data (lib/ingest/indicator_edits.py): checks and history."""

import json

from lib.core import i18n
from lib.ingest import indicator_edits

ENTRY = {"id": "rumah_tangga_desil_1_2", "label_id": "Rumah tangga desil 1-2", "label_en": "Households in deciles 1-2",
         "satuan": "rumah_tangga", "desimal": 0, "lebih_rendah_lebih_baik": True, "definisi_id": "d", "definisi_en": "d",
         "sumber": "DTSEN", "tingkat": "desa"}


def test_every_known_unit_has_a_label_on_the_pages():
    assert all(f"unit.{unit}" in i18n.TEXTS for unit in indicator_edits.UNITS)


def test_a_good_entry_passes_and_each_fault_is_named_in_indonesian():
    assert indicator_edits.mistakes(ENTRY, {"ipm"}, new=True) == []
    wrong = {**ENTRY, "id": "RT Desil", "label_en": " ", "satuan": "kg", "desimal": 7}
    assert indicator_edits.mistakes(wrong, {"ipm"}, new=True) == [
        "Isi nama (Inggris).",
        "Kode 'RT Desil' tidak sah: pakai huruf, angka dan garis bawah tanpa spasi, diawali huruf kecil, 3–60 karakter "
        "(misalnya rumah_tangga_desil_1_2).",
        "Satuan 'kg' tidak dikenal: pilih salah satu dari persen, jiwa, ribu_jiwa, rumah_tangga, rupiah_kapita_bulan, "
        "indeks, rasio.",
        "Desimal harus bilangan bulat 0–4."]
    assert indicator_edits.mistakes(ENTRY, {ENTRY["id"]}, new=True)[0].startswith("Kode 'rumah_tangga_desil_1_2' sudah dipakai")
    assert indicator_edits.mistakes(ENTRY, {ENTRY["id"]}, new=False) == []  # editing it


def test_changes_record_old_and_new_values_of_what_changed():
    assert json.loads(indicator_edits.changes(None, ENTRY))["satuan"] == [None, "rumah_tangga"]
    edited = {**ENTRY, "desimal": 1, "lebih_rendah_lebih_baik": None}
    assert json.loads(indicator_edits.changes(ENTRY, edited)) == {"desimal": [0, 1], "lebih_rendah_lebih_baik": [True, None]}
    assert indicator_edits.changes(ENTRY, dict(ENTRY)) == "{}"


def test_the_form_shows_an_indicator_as_stored_and_a_new_one_with_defaults():
    assert indicator_edits.form_values({**ENTRY, "lebih_rendah_lebih_baik": float("nan")})["arah"] == "netral"
    blank = indicator_edits.form_values(None)
    assert (blank["id"], blank["satuan"], blank["arah"], blank["tingkat"]) == ("", "persen", "lebih rendah lebih baik", "kabupaten")
