"""A database that cannot be reached (a PostgreSQL restart) gets a clear message on every page, and the page comes
back by itself once it can be reached again (tests/e2e/test_topology.py restarts a real server)."""

import pytest
import sqlalchemy as sa

from lib.ui import loaders
from tests.app.pages import open_page


@pytest.fixture
def db_url(fixture_db_url, monkeypatch):
    monkeypatch.setenv("DASBOR_DB_URL", fixture_db_url)
    monkeypatch.delenv("DASBOR_MODE", raising=False)
    return fixture_db_url


def unreachable():
    raise sa.exc.OperationalError("SELECT max(id) FROM rilis", {}, ConnectionRefusedError("server closed"))


@pytest.mark.parametrize("page", ["views/ringkasan.py", "views/peta.py", "views/cakupan.py"])
def test_an_unreachable_store_says_so_in_indonesian_and_shows_nothing_stale(db_url, monkeypatch, page):
    monkeypatch.setattr(loaders, "newest_release_id", unreachable)
    app = open_page(page)
    assert "sedang tidak dapat dihubungi" in app.error[0].value and "5 detik" in app.error[0].value
    assert not app.metric and not app.get("plotly_chart")


def test_the_page_comes_back_on_its_next_run_once_the_store_answers(db_url, monkeypatch):
    with monkeypatch.context() as down:
        down.setattr(loaders, "newest_release_id", unreachable)
        app = open_page()
        assert app.error
    app.run()  # what the retry fragment's rerun does once the store answers
    assert not app.exception and not app.error and app.metric
