"""Pages read the published data without copying it: a warm page run allocates far less than one copy of the
programme rows (57,690 rows on the shipped data). `st.cache_data` would hand every run its own unpickled copy,
which with a room full of viewers meant gigabytes; this test fails if a loader or page brings that back."""

import tracemalloc
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from lib.core.store import Store, create_store_engine

ROOT = Path(__file__).resolve().parents[2]
PAGES = {
    "views/cakupan.py": {"program": "PKH", "kecamatan": "64.08.04"},
    "views/peta.py": {"tingkat": "desa", "ukuran": "cakupan_program", "program": "PKH"},
    "views/profil.py": {"kecamatan": "64.08.04"},
    "views/ringkasan.py": {},
}


@pytest.fixture(autouse=True)
def _store_env(monkeypatch, built_db_url):
    monkeypatch.setenv("DASBOR_DB_URL", built_db_url)
    monkeypatch.delenv("DASBOR_MODE", raising=False)


@pytest.fixture(scope="module")
def programme_rows_bytes(built_db_url) -> int:
    return int(Store(create_store_engine(built_db_url)).programme_rows().memory_usage(deep=True).sum())


def peak_bytes_of(app: AppTest) -> int:
    tracemalloc.start()
    try:
        app.run()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("page", PAGES)
def test_a_warm_page_run_does_not_copy_the_programme_rows(page, programme_rows_bytes):
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.query_params.update(PAGES[page])
    if page != "views/ringkasan.py":
        app.switch_page(page)
    app.run()  # cold: builds the shared snapshot and this selection's results
    assert not app.exception, [e.value for e in app.exception]
    peak = peak_bytes_of(app)
    assert not app.exception, [e.value for e in app.exception]
    assert peak < programme_rows_bytes / 2, f"a warm run allocated {peak:,} bytes; the rows are {programme_rows_bytes:,}"
