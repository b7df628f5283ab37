"""AppTest of the public mode's guard rails: no service without the server hardening, no upload widget, and a
store that cannot be written. On the fixture dataset (`tests/fixture_data.py`): nothing here depends on figures."""

from pathlib import Path

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from lib.ui import hardening, loaders
from tests import databases

ROOT = Path(__file__).resolve().parents[2]
PAGES = ["views/ringkasan.py", "views/peta.py", "views/tren.py", "views/cakupan.py", "views/profil.py",
         "views/presentasi.py"]


@pytest.fixture(autouse=True)
def _store_env(monkeypatch, fixture_db_url):
    monkeypatch.setenv("DASBOR_DB_URL", fixture_db_url)
    monkeypatch.setenv("DASBOR_MODE", "public")


def run_app(page: str | None = None, query: dict | None = None) -> AppTest:
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.query_params.update(query or {})
    app.run()
    if page:
        app.switch_page(page).run()
    assert not app.exception, [e.value for e in app.exception]
    return app


@pytest.mark.unhardened
def test_public_mode_without_hardening_refuses_to_serve_and_says_how_to_start_it():
    app = run_app()
    message = app.error[0].value
    assert "belum diperketat" in message and "make run-public" in message
    for option in hardening.unhardened_options():
        assert f"`{option}`" in message
    assert "`server.maxUploadSize` = `0` (`STREAMLIT_SERVER_MAX_UPLOAD_SIZE=0`)" in message
    # Nothing of the dashboard itself: no page ran.
    assert not app.title and not app.metric


@pytest.mark.unhardened
def test_the_refusal_speaks_english_too():
    assert "make run-public" in run_app(query={"lang": "en"}).error[0].value


@pytest.mark.unhardened
def test_internal_mode_needs_no_hardening(monkeypatch):
    monkeypatch.setenv("DASBOR_MODE", "internal")
    app = run_app()
    assert not app.error and app.title[0].value == "Ringkasan indikator Kutai Timur"


def test_public_mode_with_hardening_serves_the_dashboard():
    app = run_app()
    assert not app.error and app.title[0].value == "Ringkasan indikator Kutai Timur"


@pytest.mark.parametrize("page", PAGES)
def test_no_public_page_offers_an_upload(page):
    assert not run_app(page).get("file_uploader")


def test_public_store_is_read_only():
    run_app()  # opens the store the way the pages do, in the same process
    store = loaders.store()
    assert store.read_only
    with pytest.raises(PermissionError):
        store.publish("target", {"target": pd.DataFrame()}, by="uji")


def test_internal_store_stays_writable(monkeypatch):
    monkeypatch.setenv("DASBOR_MODE", "internal")
    run_app()
    assert not loaders.store().read_only


def test_public_mode_on_a_store_not_built_says_so_and_builds_nothing(monkeypatch, tmp_path):
    missing = databases.missing_url(tmp_path)
    monkeypatch.setenv("DASBOR_DB_URL", missing)
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.run()
    assert not app.exception and "belum dibangun" in app.error[0].value and "make store" in app.error[0].value
    assert not app.title  # nothing of the dashboard
    assert not databases.exists(missing)  # the public server opened nothing writable to make it


def test_a_cache_clear_leaves_the_public_store_read_only(fixture_db_url):
    run_app()
    st.cache_resource.clear()  # what a `clear_cache` message from any websocket client does
    run_app()
    store = loaders.store()
    assert store.read_only
    with store.engine.connect() as connection:  # read-only in the database itself, not only in the Store object
        if databases.ON_POSTGRES:
            assert connection.exec_driver_sql("SHOW default_transaction_read_only").scalar() == "on"
        else:
            assert store.engine.url.query["mode"] == "ro"
