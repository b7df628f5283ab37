"""AppTest of Kelola Data: login, upload, problems, alias confirmation, preview, publish, history, rollback.

Each test publishes into its own copy of the store built from the fixture dataset (`tests/fixture_data.py`).
"""

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from lib.core import actions
from lib.core.store import Store, create_store_engine, sesi_staf
from lib.ingest import accounts
from lib.ui import login
from tests import databases, fixture_data

ROOT = Path(__file__).resolve().parents[2]
PAGE = "views/kelola.py"
PASSWORD = "kata-sandi-uji-rakor"
KUTIM_P0_2025 = ("64.08", "persentase_penduduk_miskin_P0", 2025)
FIXTURE_P0_2025 = fixture_data.KUTIM_P0[2025]  # 8,00 % in the store before any upload

MESSY = (
    "REKAP INDIKATOR KEMISKINAN KUTAI TIMUR\n"
    "Disusun oleh Bappeda\n"
    "\n"
    "Nama Wilayah;Indikator;Tahun;Bulan;Nilai;Sumber\n"
    "KAB. KUTAI TIMUR;Persentase Penduduk Miskin (P0);2025;;7,77 %;BPS Kutim (uji)\n"
    "Kongbeng;jumlah_rumah_tangga;2025;;6.120;Disdukcapil (uji)\n"
).encode("cp1252")
BROKEN = b"wilayah,indikator,tahun,nilai,sumber\nAntah Berantah,ipm,2025,75,x\nKutai Timur,ipm,1850,-2,x\n"
MISSPELT = b"wilayah,indikator,tahun,nilai,sumber\nSangata Utra,jumlah_rumah_tangga,2025,31250,Disdukcapil (uji)\n"


@pytest.fixture(scope="module")
def password_hash() -> str:
    return accounts.hash_password(PASSWORD)


@pytest.fixture
def db_url(fixture_store_copy, monkeypatch) -> str:
    """A private copy of the fixture store: these tests publish."""
    url = fixture_store_copy
    monkeypatch.setenv("DASBOR_DB_URL", url)
    monkeypatch.delenv("DASBOR_MODE", raising=False)
    return url


def store_of(url: str) -> Store:
    return Store(create_store_engine(url))


def kutim_p0_2025(url: str) -> float:
    values = store_of(url).values()
    key = (values["kode_wilayah"], values["indikator"], values["tahun"])
    return values.loc[(key[0] == KUTIM_P0_2025[0]) & (key[1] == KUTIM_P0_2025[1]) & (key[2] == KUTIM_P0_2025[2]), "nilai"].item()


def open_kelola(secrets: dict) -> AppTest:
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.secrets.update(secrets)
    app.switch_page(PAGE)
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def logged_in(password_hash: str) -> AppTest:
    app = open_kelola({"kelola": {"akun": {"bappeda": password_hash}}})
    return log_in(app, "bappeda", PASSWORD)


def log_in(app: AppTest, username: str, password: str) -> AppTest:
    inputs = {w.label: w for w in app.text_input}
    inputs["Nama pengguna"].set_value(username)
    inputs["Kata sandi"].set_value(password)
    button(app, "Masuk").click()
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def button(app: AppTest, label: str):
    return next(b for b in app.button if b.label == label)


def upload(app: AppTest, name: str, data: bytes, kind: str = "indikator", source: str = "") -> AppTest:
    app.segmented_control(key="kelola_kind").set_value(kind)
    app.text_input(key="kelola_source").set_value(source)
    app.run()
    app.get("file_uploader")[0].set_value((name, data, "text/csv"))
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def texts(app: AppTest) -> str:
    return "\n".join(str(e.value) for e in [*app.markdown, *app.caption, *app.info, *app.warning, *app.error, *app.success])


def test_without_credentials_the_page_explains_the_setup_and_offers_nothing(db_url):
    app = open_kelola({"lain": {"x": 1}})
    assert "secrets.toml" in texts(app)
    assert not app.get("file_uploader") and not app.tabs and not app.text_input


def test_wrong_password_is_refused_and_right_one_opens_the_page(db_url, password_hash):
    app = open_kelola({"kelola": {"akun": {"bappeda": password_hash}}})
    log_in(app, "bappeda", "salah")
    assert "salah" in app.error[0].value.lower() and not app.get("file_uploader")
    log_in(app, "BAPPEDA ", PASSWORD)
    assert app.get("file_uploader") and "bappeda" in texts(app)


def test_logging_out_closes_the_page(db_url, password_hash):
    app = logged_in(password_hash)
    button(app, "Keluar").click()
    app.run()
    assert not app.get("file_uploader") and {w.label for w in app.text_input} == {"Nama pengguna", "Kata sandi"}


def test_five_failures_make_the_name_wait_even_with_the_right_password(db_url, password_hash):
    app = open_kelola({"kelola": {"akun": {"bappeda": password_hash}}})
    for _ in range(accounts.MAX_FAILURES):
        log_in(app, "bappeda", "tebakan")
    log_in(app, "bappeda", PASSWORD)
    assert "Terlalu banyak percobaan" in app.error[0].value and not app.get("file_uploader")


def test_failed_logins_survive_a_cache_clear_and_a_new_server_process(db_url, password_hash):
    app = open_kelola({"kelola": {"akun": {"bappeda": password_hash}}})
    for _ in range(accounts.MAX_FAILURES):
        log_in(app, "bappeda", "tebakan")
    st.cache_resource.clear()  # what a `clear_cache` message from any websocket client does
    st.cache_data.clear()
    other = open_kelola({"kelola": {"akun": {"bappeda": password_hash}}})  # another browser session
    log_in(other, "bappeda", PASSWORD)
    assert "Terlalu banyak percobaan" in other.error[0].value and not other.get("file_uploader")
    assert accounts.Lockout(store_of(db_url)).waiting("bappeda") > 0  # in the store, for every process


def test_a_browser_session_stops_offering_the_form_after_its_failure_limit(db_url, password_hash):
    app = open_kelola({"kelola": {"akun": {"bappeda": password_hash}}})
    for attempt in range(accounts.MAX_SESSION_FAILURES):
        log_in(app, f"nama-{attempt}", "tebakan")  # other names: no name has to wait
    app.run()
    assert app.error[0].value == accounts.SESSION_LIMIT_MESSAGE and not app.text_input


def token_of(app: AppTest) -> str:
    return app.session_state[login.SESSION_KEY]


def test_logging_out_ends_the_session_on_the_server(db_url, password_hash):
    app = logged_in(password_hash)
    token = token_of(app)
    button(app, "Keluar").click()
    app.run()
    app.session_state[login.SESSION_KEY] = token  # a browser that kept the old session comes back
    app.run()
    assert not app.get("file_uploader") and {w.label for w in app.text_input} == {"Nama pengguna", "Kata sandi"}
    assert accounts.StaffSessions(store_of(db_url)).user_of(token) is None


def idle(url: str, minutes: float) -> None:
    """Make every staff session of the store as if its last page run were `minutes` longer ago."""
    with store_of(url).engine.begin() as conn:
        conn.execute(sesi_staf.update().values(terakhir_aktif=sesi_staf.c.terakhir_aktif - minutes * 60))


def test_a_session_idle_for_30_minutes_gets_the_login_form(db_url, password_hash):
    app = logged_in(password_hash)
    assert accounts.StaffSessions(store_of(db_url)).user_of(token_of(app)) == "bappeda"  # held in the store
    idle(db_url, 29)
    app.run()  # used again after 29 minutes: still in, and the idle time starts again
    assert app.get("file_uploader")
    idle(db_url, 29)
    app.run()
    assert app.get("file_uploader")
    idle(db_url, 31)
    app.run()  # the same browser session (or a reconnect with its id) after 31 idle minutes
    assert not app.get("file_uploader") and "30 menit tanpa aktivitas" in texts(app)
    assert {w.label for w in app.text_input} == {"Nama pengguna", "Kata sandi"}
    assert login.SESSION_KEY not in app.session_state


def test_broken_file_is_refused_with_every_problem_and_nothing_changes(db_url, password_hash):
    before = store_of(db_url).latest_release_id()
    app = upload(logged_in(password_hash), "rusak.csv", BROKEN)
    assert "Berkas ditolak: 3 masalah" in app.error[0].value
    problems = app.table[0].value
    assert list(problems.columns) == ["Kolom", "Nilai", "Masalah", "Cara memperbaiki"]
    assert problems.index.tolist() == ["2", "3", "3"]
    assert problems["Nilai"].tolist() == ["`Antah Berantah`", "`1850`", "`-2`"]  # as written, as code
    assert not [b for b in app.button if b.label == "Terbitkan"]
    assert store_of(db_url).latest_release_id() == before


def test_messy_file_previews_then_publishes_a_release(db_url, password_hash):
    app = upload(logged_in(password_hash), "rekap kemiskinan.csv", MESSY)
    metrics = {m.label: m.value for m in app.metric}
    assert (metrics["Baris diubah"], metrics["Baris ditambah"], metrics["Baris dihapus"]) == ("1", "1", "0")
    changes = app.dataframe[0].value
    assert changes[["Kode", "Wilayah", "Sebelum", "Sesudah"]].values.tolist() == [["64.08", "Kabupaten Kutai Timur", FIXTURE_P0_2025, 7.77]]
    assert kutim_p0_2025(db_url) == pytest.approx(FIXTURE_P0_2025)  # nothing published by a preview
    app.text_area[0].set_value("Uji rilis P0 2025")
    button(app, "Terbitkan").click()
    app.run()
    assert not app.exception
    assert kutim_p0_2025(db_url) == pytest.approx(7.77)
    release = store_of(db_url).releases().iloc[0]
    assert (release["oleh"], release["nama_berkas"], release["catatan"]) == ("bappeda", "rekap kemiskinan.csv", "Uji rilis P0 2025")
    assert len(release["sha256"]) == 64
    assert "diterbitkan" in app.success[0].value


def test_unknown_name_confirmed_as_alias_then_publishes(db_url, password_hash):
    app = upload(logged_in(password_hash), "salah_eja.csv", MISSPELT)
    assert "Berkas ditolak: 1 masalah" in app.error[0].value
    app.selectbox(key="alias-0").set_value("64.08.04")
    app.run()
    button(app, "Simpan alias").click()
    app.run()
    assert "sangata utra" in store_of(db_url).aliases()["alias"].tolist()
    assert not app.error and {m.label: m.value for m in app.metric}["Baris ditambah"] == "1"


def test_rollback_publishes_the_earlier_release_again(db_url, password_hash):
    app = upload(logged_in(password_hash), "rekap.csv", MESSY)
    first_nilai_release = int(store_of(db_url).current_releases().set_index("dataset").at["nilai", "id"])
    button(app, "Terbitkan").click()
    app.run()
    assert kutim_p0_2025(db_url) == pytest.approx(7.77)
    app.selectbox(key="kelola_rollback").set_value(first_nilai_release)
    app.run()
    button(app, f"Kembalikan rilis {first_nilai_release}").click()
    app.run()
    assert not app.exception
    assert kutim_p0_2025(db_url) == pytest.approx(FIXTURE_P0_2025)
    newest = store_of(db_url).releases().iloc[0]
    assert newest["catatan"] == f"Mengembalikan rilis {first_nilai_release}" and newest["dataset"] == "nilai"
    assert f"Rilis {first_nilai_release} diterbitkan lagi sebagai rilis {newest['id']}" in app.success[0].value
    assert app.dataframe[0].value.iloc[0]["Rilis"] == newest["id"]  # the history shows the restore at once


def test_rolling_back_rencana_aksi_restores_the_demo_steps_and_audits_each_step(db_url, password_hash):
    store = store_of(db_url)
    demo_release = store.current_release_id(actions.DATASET)
    step = dict(rakor=None, judul="Verifikasi PKH", masalah="Eksklusi", ukuran=None, program=None, pelaksana="Dinas Sosial",
                jenis_pelaksana="opd", mitra=None, wilayah="64.08.04", indikator=None, nilai_target=None,
                mulai=dt.date(2026, 1, 5), tenggat=dt.date(2026, 12, 31), anggaran_rp=None, sumber_dana="apbd")
    actions.publish_change(store, actions.add_rows(steps=[step]), by="bappeda", note="rakor")
    app = logged_in(password_hash)
    app.selectbox(key="kelola_rollback").set_value(demo_release)
    app.run()
    button(app, f"Kembalikan rilis {demo_release}").click()
    app.run()
    assert not app.exception
    restored = actions.ActionTables.from_release(store.current_tables(actions.DATASET))
    assert restored.is_demo and len(restored.steps) == 7
    audit = store.action_audit()
    assert len(audit[audit["rilis_id"] == store.current_release_id(actions.DATASET)]) >= 7  # each demo step came back


def test_household_list_publishes_counts_only(db_url, password_hash):
    households = (b"NIK;Nama Kepala Keluarga;Alamat;Kecamatan;Desa;Desil;Tahun;PKH\n"
                  b"6408019999990001;Budi Santoso;Jl. Mawar 1;Kongbeng;Miau Baru;1;2025;Ya\n"
                  b"6408019999990002;Siti Aminah;Jl. Melati 2;Kongbeng;Miau Baru;1;2025;Tidak\n")
    app = upload(logged_in(password_hash), "kpm.csv", households, kind="rumah_tangga", source="P3KE (uji)")
    assert "2 rumah tangga dihitung" in texts(app)
    button(app, "Terbitkan").click()
    app.run()
    rows = store_of(db_url).programme_rows()
    miau = rows[(rows["kode_wilayah"] == "64.08.08.2007") & (rows["tahun"] == 2025) & (rows["program"] == "PKH") & (rows["desil"] == 1)]
    assert miau[["rumah_tangga", "penerima"]].values.tolist() == [[2, 1]]
    stored = databases.stored_bytes(db_url)
    for personal in (b"6408019999990001", b"Budi Santoso", b"Jl. Mawar"):
        assert personal not in stored


def test_a_release_published_meanwhile_is_not_overwritten_by_an_old_preview(db_url, password_hash):
    app = upload(logged_in(password_hash), "rekap.csv", MESSY)
    other = store_of(db_url)  # another officer publishes while this preview is open
    rows = other.current_rows("nilai")
    rows.loc[rows["indikator"] == "ipm", "nilai"] += 1
    theirs = other.publish("nilai", {"nilai": rows}, by="dinsos")
    button(app, "Terbitkan").click()
    app.run()
    assert "baru saja diterbitkan ulang" in app.warning[0].value
    assert store_of(db_url).latest_release_id() == theirs and kutim_p0_2025(db_url) == pytest.approx(FIXTURE_P0_2025)
    button(app, "Terbitkan").click()  # the preview is now of their release: publishing keeps both changes
    app.run()
    assert kutim_p0_2025(db_url) == pytest.approx(7.77)
    values = store_of(db_url).values()
    ipm = sorted(values.loc[values["indikator"] == "ipm", "nilai"])
    assert ipm == sorted(rows.loc[rows["indikator"] == "ipm", "nilai"])


def test_the_page_itself_refuses_the_public_mode(db_url, password_hash, monkeypatch):
    monkeypatch.setenv("DASBOR_MODE", "public")
    app = AppTest.from_file(str(ROOT / PAGE), default_timeout=60)  # run directly, bypassing app.py's page list
    app.secrets.update({"kelola": {"akun": {"bappeda": password_hash}}})
    app.run()
    assert "tidak tersedia pada versi publik" in app.error[0].value
    assert not app.get("file_uploader") and not app.text_input


def test_published_figures_replace_the_demo_label_where_they_replace_demo_rows(db_url):
    store = store_of(db_url)
    current = store.current_rows("program")
    real = current[(current["program"] == "PKH") & (current["tahun"] == 2025)].assign(status="resmi", sumber="SIKS-NG (uji)")
    store.publish("program", {"program_desil": pd.concat([current.drop(real.index), real])}, by="dinsos")

    def cakupan(year: int) -> AppTest:
        app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        app.query_params.update({"program": "PKH", "tahun": str(year)})
        app.switch_page("views/cakupan.py")
        app.run()
        assert not app.exception, [e.value for e in app.exception]
        return app

    assert "DATA CONTOH" not in texts(cakupan(2025)) and "SIKS-NG (uji)" in texts(cakupan(2025))
    assert "DATA CONTOH" in texts(cakupan(2024))
