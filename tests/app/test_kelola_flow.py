"""AppTest of the Kelola Data flow of issue 14: the column-mapping step for a wide kecamatan table, indicators staff
add, the alias screen, plausibility warnings confirmed before publishing, and the page bugs (refresh time, size
limit, rollback names, choices kept when the page is left)."""

import pandas as pd

from lib.ui import hardening, loaders
from tests.app.test_kelola import (  # noqa: F401 (fixtures used below)
    MESSY,
    MISSPELT,
    button,
    db_url,
    logged_in,
    password_hash,
    store_of,
    texts,
    upload,
)

WIDE = ("TABEL 3. PENDUDUK DAN DESIL PER KECAMATAN\n"
        "\n"
        "Kecamatan;Jumlah Penduduk;RT Desil 1-2\n"
        "Muara Ancalong;21.616;1.204\n"
        "Kec. Kongbeng;30.000;2.010\n").encode("cp1252")
TELUK_LINGGA = "64.08.04.1010"


def run(app):
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def selectbox_ending(app, suffix: str):
    return next(s for s in app.selectbox if s.key and s.key.endswith(suffix))


def add_indicator(app, ident: str, label: str, unit: str = "rumah_tangga"):
    inputs = {w.label: w for w in app.text_input}
    inputs["Kode (huruf kecil dan garis bawah)"].set_value(ident)
    inputs["Nama (Indonesia)"].set_value(label)
    inputs["Nama (Inggris)"].set_value(label)
    inputs["Sumber"].set_value("DTSEN Dinsos (uji)")
    areas = {w.label: w for w in app.text_area}
    areas["Definisi (Indonesia)"].set_value("Rumah tangga di desil 1 dan 2.")
    areas["Definisi (Inggris)"].set_value("Households in deciles 1 and 2.")
    next(s for s in app.selectbox if s.label == "Satuan").set_value(unit)
    button(app, "Simpan indikator").click()
    return run(app)


def test_a_wide_kecamatan_table_is_mapped_published_and_its_shape_remembered(db_url, password_hash):  # noqa: F811 (fixtures)
    app = logged_in(password_hash)
    # Deliverable 3: the measure has no indicator yet; staff add it from the page, with its history.
    add_indicator(app, "rumah_tangga_desil_1_2", "RT desil 1-2")
    assert "Indikator rumah_tangga_desil_1_2 disimpan" in app.success[0].value
    history = store_of(db_url).indicator_history()
    assert history[["indikator", "oleh"]].values.tolist() == [["rumah_tangga_desil_1_2", "bappeda"]]
    app.number_input(key="kelola_year").set_value(2025)
    app = upload(app, "tabel3.csv", WIDE, source="DTSEN Dinsos (uji)")
    assert "Judul kolom berkas ini tidak sesuai templat" in texts(app)
    assert selectbox_ending(app, "_rt_desil_1_2").value == "ind:rumah_tangga_desil_1_2"
    assert selectbox_ending(app, "_kecamatan").value == "kecamatan"
    button(app, "Terapkan pemetaan").click()
    run(app)
    assert {m.label: m.value for m in app.metric}["Baris ditambah"] == "4"
    button(app, "Terbitkan").click()
    run(app)
    values = store_of(db_url).values()
    new = values[values["indikator"] == "rumah_tangga_desil_1_2"]
    assert sorted(new["nilai"]) == [1204.0, 2010.0] and set(new["sumber"]) == {"DTSEN Dinsos (uji)"}
    # Next month's file of the same shape maps itself: no mapping click.
    app = upload(app, "tabel3_juli.csv", WIDE.replace(b"1.204", b"1.250"), source="DTSEN Dinsos (uji)")
    assert "pernah dipetakan" in texts(app)
    assert {m.label: m.value for m in app.metric}["Baris diubah"] == "1"


def test_a_mapping_that_cannot_be_applied_says_why(db_url, password_hash):  # noqa: F811 (fixtures)
    app = upload(logged_in(password_hash), "tabel3.csv", WIDE, source="x")  # no year column and no year given
    button(app, "Terapkan pemetaan").click()
    run(app)
    assert "Belum ada kolom 'Tahun'" in app.error[0].value and not app.metric


def test_a_fall_by_more_than_half_must_be_confirmed_before_publishing(db_url, password_hash):  # noqa: F811 (fixtures)
    store = store_of(db_url)
    rows = store.current_rows("program")
    key = (rows["kode_wilayah"] == TELUK_LINGGA) & (rows["tahun"] == 2025) & (rows["program"] == "PBI_JK") & (rows["desil"] == 5)
    rows.loc[key, ["rumah_tangga", "penerima"]] = [1200, 957]
    store.publish("program", {"program_desil": rows}, by="dinsos")
    file = (b"Kecamatan;Desa;Tahun;Program;Desil;Rumah tangga;Penerima\n"
            b"Sangatta Utara;Teluk Lingga;2025;PBI-JK;5;1200;1\n")
    app = upload(logged_in(password_hash), "pbi.csv", file, kind="program", source="BPJS (uji)")
    assert "1 perubahan tidak wajar" in app.warning[0].value
    warned = next(d.value for d in app.dataframe if "Peringatan" in d.value)
    assert warned[["Wilayah", "Sebelum", "Sesudah"]].values.tolist() == [["Teluk Lingga", 957, 1]]
    totals = next(d.value for d in app.dataframe if "Penerima sebelum" in d.value)
    sangatta = totals[totals["Kecamatan"] == "Sangatta Utara"]  # one row per kecamatan of PBI-JK 2025
    assert set(totals["Program"]) == {"PBI_JK"} and (sangatta["Penerima sebelum"] - sangatta["Penerima sesudah"]).tolist() == [956]
    assert button(app, "Terbitkan").disabled
    next(c for c in app.checkbox if c.label == "Saya sudah memeriksa peringatan di atas").check()
    run(app)
    assert not button(app, "Terbitkan").disabled
    button(app, "Terbitkan").click()
    run(app)
    after = store_of(db_url).current_rows("program")
    assert after.loc[(after["kode_wilayah"] == TELUK_LINGGA) & (after["tahun"] == 2025) & (after["program"] == "PBI_JK")
                     & (after["desil"] == 5), "penerima"].tolist() == [1]


def test_a_small_test_household_list_replacing_2025_gets_warnings(db_url, password_hash):  # noqa: F811 (fixtures)
    rows = ["NIK;Nama;Kecamatan;Desa;Desil;Tahun;PKH"]
    for n in range(2000):  # 2,000 test households over the fixture's desa of Sangatta Utara and Kongbeng
        desa = ("Sangatta Utara;Teluk Lingga", "Kongbeng;Miau Baru")[n % 2]
        rows.append(f"64080199{n:08d};Uji {n};{desa};{n % 10 + 1};2025;{'Ya' if n % 3 == 0 else 'Tidak'}")
    app = upload(logged_in(password_hash), "uji.csv", "\n".join(rows).encode(), kind="rumah_tangga", source="uji")
    assert "2.000 rumah tangga dihitung" in texts(app)
    assert "perubahan tidak wajar" in app.warning[0].value and button(app, "Terbitkan").disabled


def test_the_success_message_says_when_pages_refresh(db_url, password_hash):  # noqa: F811 (fixtures)
    app = upload(logged_in(password_hash), "rekap.csv", MESSY)
    button(app, "Terbitkan").click()
    run(app)
    assert f"dalam {loaders.RELEASE_POLL_SECONDS} detik" in app.success[0].value and "30 detik" not in app.success[0].value


def test_the_size_limit_is_stated_in_indonesian_before_a_file_is_chosen(db_url, password_hash):  # noqa: F811 (fixtures)
    app = logged_in(password_hash)
    assert f"paling besar **{hardening.INTERNAL_UPLOAD_LIMIT_MB} MB**" in texts(app)


def test_the_rollback_picker_names_each_release(db_url, password_hash):  # noqa: F811 (fixtures)
    app = upload(logged_in(password_hash), "rekap.csv", MESSY)
    button(app, "Terbitkan").click()
    run(app)
    options = app.selectbox(key="kelola_rollback").options
    assert any(o.startswith("Rilis ") and "Nilai indikator" in o and "WITA" in o for o in options)
    newest = store_of(db_url).releases().iloc[0]
    assert newest["nama_berkas"] == "rekap.csv"


def test_kind_source_and_year_survive_leaving_the_page(db_url, password_hash):  # noqa: F811 (fixtures)
    app = logged_in(password_hash)
    app.segmented_control(key="kelola_kind").set_value("program")
    app.text_input(key="kelola_source").set_value("SIKS-NG (uji)")
    app.number_input(key="kelola_year").set_value(2024)
    run(app)
    app.switch_page("views/ringkasan.py")
    run(app)
    app.switch_page("views/kelola.py")
    run(app)
    assert app.segmented_control(key="kelola_kind").value == "program"
    assert app.text_input(key="kelola_source").value == "SIKS-NG (uji)"
    assert app.number_input(key="kelola_year").value == 2024


def test_the_alias_screen_lists_who_added_a_spelling_and_undoes_it(db_url, password_hash):  # noqa: F811 (fixtures)
    app = upload(logged_in(password_hash), "salah_eja.csv", MISSPELT)
    app.selectbox(key="alias-0").set_value("64.08.04")
    run(app)
    button(app, "Simpan alias").click()
    run(app)
    table = next(d.value for d in app.dataframe if "Ejaan" in d.value)
    assert table.iloc[0][["Ejaan", "Oleh"]].tolist() == ["sangata utra", "bappeda"] and "WITA" in table.iloc[0]["Waktu"]
    app.selectbox(key="kelola_alias_remove").set_value("sangata utra")
    run(app)
    button(app, "Hapus alias").click()
    run(app)
    assert "sangata utra" not in store_of(db_url).aliases()["alias"].tolist()
    assert "Alias 'sangata utra' dihapus" in app.success[0].value


def test_a_new_indicator_with_a_taken_id_is_refused_with_a_reason(db_url, password_hash):  # noqa: F811 (fixtures)
    app = add_indicator(logged_in(password_hash), "ipm", "IPM lagi")
    assert "Kode 'ipm' sudah dipakai" in app.error[0].value
    assert pd.Series(store_of(db_url).indicators()["label_id"]).tolist().count("IPM lagi") == 0
