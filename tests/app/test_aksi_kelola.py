"""AppTest of Kelola Rencana Aksi: login, a step added during the meeting reaches the store and another session's
Rencana Aksi page, a broken form changes nothing, editing saves only what changed, a batch import publishes, and the
public mode has no such page.

Each test publishes into its own copy of the fixture store (`tests/fixture_data.py`, with the shipped demo steps).
"""

import datetime as dt
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from lib.analysis.measures import MEASURES
from lib.core import actions, programmes
from lib.core.actions import ActionTables
from lib.core.indicators import registry_from_frame
from lib.core.store import Store, create_store_engine
from lib.core.wilayah import AreaRegistry
from lib.ingest import accounts
from lib.ingest import actions as entry
from tests.app import pages

ROOT = Path(__file__).resolve().parents[2]
PAGE = "views/aksi_kelola.py"
PASSWORD = "kata-sandi-uji-rakor"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TITLE = "Pendampingan usaha mikro keluarga desil 1 <b>tebal</b> [tautan](https://contoh.id)"


@pytest.fixture(scope="module")
def password_hash() -> str:
    return accounts.hash_password(PASSWORD)


@pytest.fixture
def db_url(fixture_store_copy, monkeypatch) -> str:
    monkeypatch.setenv("DASBOR_DB_URL", fixture_store_copy)
    monkeypatch.delenv("DASBOR_MODE", raising=False)
    return fixture_store_copy


def tables_of(url: str) -> ActionTables:
    return ActionTables.from_release(Store(create_store_engine(url)).current_tables(actions.DATASET))


def checked(app: AppTest) -> AppTest:
    assert not app.exception, [e.value for e in app.exception]
    return app


def logged_in(password_hash: str) -> AppTest:
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.secrets.update({"kelola": {"akun": {"bappeda": password_hash}}})
    app.switch_page(PAGE)
    checked(app.run())
    inputs = {w.label: w for w in app.text_input}
    inputs["Nama pengguna"].set_value("bappeda")
    inputs["Kata sandi"].set_value(PASSWORD)
    button(app, "Masuk").click()
    return checked(app.run())


def button(app: AppTest, label: str):
    return next(b for b in app.button if b.label.startswith(label))


def fill_step(app: AppTest, key: str, **fields) -> None:
    widgets = {"judul": app.text_input, "pelaksana": app.text_input, "masalah": app.text_input,
               "jenis": app.selectbox, "wilayah": app.multiselect, "mulai": app.date_input, "tenggat": app.date_input,
               "anggaran": app.text_input, "dana": app.selectbox}
    for name, value in fields.items():
        widgets[name](key=f"{key}-{name}").set_value(value)


def test_without_login_the_page_offers_no_entry(db_url):
    app = checked(pages.open_page(PAGE))
    assert app.title[0].value == "Kelola Rencana Aksi"
    assert not app.get("form") and not app.get("file_uploader")


def test_a_step_added_in_the_meeting_is_published_and_seen_by_another_session(db_url, password_hash):
    app = logged_in(password_hash)
    assert "contoh" in app.warning[0].value  # the first real step removes the demo
    fill_step(app, "baru", judul=TITLE, masalah="Usaha keluarga miskin tidak berlanjut", pelaksana="Dinas Koperasi",
              jenis="opd", wilayah=["64.08.04", "Kaubun"], mulai=dt.date(2027, 1, 5), tenggat=dt.date(2027, 6, 30),
              anggaran="150 juta", dana="apbd")
    button(app, "Simpan langkah").click()
    checked(app.run())
    assert "A-001 ditambahkan" in app.success[0].value
    steps = tables_of(db_url).steps
    assert list(steps["kode"]) == ["A-001"]  # the demo steps are gone
    step = steps.iloc[0]
    assert step["judul"] == TITLE  # Markdown and HTML kept as written
    assert (step["wilayah"], step["anggaran_rp"], step["status"]) == ("64.08.04;64.08.15", 150_000_000, "data_opd")
    audit = Store(create_store_engine(db_url)).action_audit()
    assert list(audit["oleh"]) == ["bappeda"]

    public = checked(pages.open_page("views/aksi.py"))  # another session: the page the public reads
    shown = " ".join(frame.value.to_string() for frame in public.dataframe)
    assert "Pendampingan usaha mikro" in shown and "Dinas Koperasi" in shown


def test_a_broken_step_lists_every_problem_and_publishes_nothing(db_url, password_hash):
    app = logged_in(password_hash)
    release = Store(create_store_engine(db_url)).current_release_id(actions.DATASET)
    fill_step(app, "baru", judul="Bedah rumah", masalah="RTLH", jenis="opd", wilayah=["Sangata Utra"],
              mulai=dt.date(2027, 6, 1), tenggat=dt.date(2027, 1, 1))
    button(app, "Simpan langkah").click()
    checked(app.run())
    assert "perbaiki 3 masalah" in app.error[0].value
    shown = app.table[0].value.to_string()
    assert "Pelaksana (lembaga)" in shown and "Sangatta Utara" in shown and "Tenggat sebelum tanggal mulai" in shown
    assert Store(create_store_engine(db_url)).current_release_id(actions.DATASET) == release


def test_editing_a_step_saves_only_the_changed_field(db_url, password_hash):
    store = Store(create_store_engine(db_url))
    step = dict(rakor=None, judul="Verifikasi PKH", masalah="Eksklusi PKH", ukuran=None, program=None,
                pelaksana="Dinas Sosial", jenis_pelaksana="opd", mitra=None, wilayah="64.08.04", indikator=None,
                nilai_target=None, mulai=dt.date(2027, 1, 5), tenggat=dt.date(2027, 12, 31), anggaran_rp=5_000_000,
                sumber_dana="apbd")
    actions.publish_change(store, actions.add_rows(steps=[step]), by="uji", note="uji")
    app = logged_in(password_hash)
    app.selectbox(key="aksi-ubah-pilih").set_value("A-001")
    checked(app.run())
    app.date_input(key="ubah-A-001-tenggat").set_value(dt.date(2028, 3, 31))
    button(app, "Simpan perubahan").click()
    checked(app.run())
    assert "A-001 diubah (tenggat)" in app.success[0].value
    assert tables_of(db_url).steps.iloc[0]["tenggat"] == dt.date(2028, 3, 31)
    assert store.action_audit()["perubahan"].iloc[0] == '{"tenggat": ["2027-12-31", "2028-03-31"]}'


def test_a_filled_in_template_is_imported_after_its_preview(db_url, password_hash):
    book = load_workbook(io.BytesIO(entry.template_xlsx(context_of(db_url))))
    book["rakor"].append([dt.date(2027, 2, 3), "Ruang Arau, Bappeda", "Sekretaris Daerah", "Rakor TKPK"])
    book["langkah"].append(["03/02/2027", "Pelatihan kerja", "Pengangguran", None, None, "PT Contoh Tambang",
                            "Perusahaan (CSR)", None, "Bengalon; 64.08.12", None, None, "2027-03-01", "2027-12-31",
                            "Rp850.000.000", "CSR"])
    buffer = io.BytesIO()
    book.save(buffer)
    app = logged_in(password_hash)
    app.get("file_uploader")[0].set_value(("rencana.xlsx", buffer.getvalue(), XLSX))
    checked(app.run())
    assert any("1 rakor, 1 langkah, 0 laporan kemajuan" in info.value for info in app.info)
    assert "Pelatihan kerja" in app.dataframe[1].value.to_string()
    assert tables_of(db_url).is_demo  # nothing published before the confirmation
    button(app, "Terbitkan 2 baris").click()
    checked(app.run())
    assert "rakor R-001 ditambahkan; langkah A-001 ditambahkan" in app.success[0].value
    tables = tables_of(db_url)
    assert list(tables.steps["rakor"]) == ["R-001"] and tables.steps["jenis_pelaksana"].iloc[0] == "perusahaan"
    assert not app.get("file_uploader")[0].value  # the uploader starts empty, so the file is not offered again


def context_of(url: str) -> entry.Context:
    store = Store(create_store_engine(url))
    return entry.Context(AreaRegistry(store.areas(), store.aliases()), registry_from_frame(store.indicators()),
                         programmes.registry_from_frame(store.programmes()),
                         {measure.id: measure.needs_programme for measure in MEASURES.values()}, tables_of(url),
                         dt.date(2026, 11, 29))


def test_the_page_is_not_registered_in_public_mode(fixture_db_url, monkeypatch):
    monkeypatch.setenv("DASBOR_DB_URL", fixture_db_url)
    monkeypatch.setenv("DASBOR_MODE", "public")
    app = checked(AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run())
    with pytest.raises(ValueError, match="Could not find a navigation page"):  # st.navigation has no such page
        app.switch_page(PAGE)
    assert not app.get("form") and not app.get("file_uploader")


def test_the_page_itself_refuses_the_public_mode(fixture_db_url, monkeypatch, password_hash):
    monkeypatch.setenv("DASBOR_DB_URL", fixture_db_url)
    monkeypatch.setenv("DASBOR_MODE", "public")
    app = AppTest.from_file(str(ROOT / PAGE), default_timeout=60)  # bypassing app.py's page list
    app.secrets.update({"kelola": {"akun": {"bappeda": password_hash}}})
    checked(app.run())
    assert "tidak tersedia pada versi publik" in app.error[0].value
    assert not app.text_input
