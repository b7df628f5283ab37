"""Shared fixtures, built once per test session (per xdist worker), on SQLite or PostgreSQL (`tests/databases.py`):

- `built_db_url` / `store`: the store built from the shipped `data/` (real BPS figures and the demo dataset),
  for tests about those data (unit tests of calibration and geometry, `tests/app/test_shipped_figures.py`);
- `fixture_db_url` / `fixture_store`: the store built from the small fake dataset of `tests/fixture_data.py`
  (real boundaries and registries, made-up figures), for page tests about behaviour, which a correction of
  the shipped figures must not break.
"""

from pathlib import Path

import pytest

from lib.core import seed
from lib.core.store import Store, create_store_engine
from tests import databases, fixture_data

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def built_db_url(tmp_path_factory) -> str:
    url = databases.new_url(tmp_path_factory.mktemp("store"), "dibangun")
    seed.build(Store(create_store_engine(url)))
    return url


@pytest.fixture(scope="session")
def store(built_db_url) -> Store:
    return Store(create_store_engine(built_db_url))


@pytest.fixture(scope="session")
def values(store):
    return store.values()


@pytest.fixture(scope="session")
def registry(store):
    from lib.core.indicators import registry_from_frame

    return registry_from_frame(store.indicators(), store.method_breaks())


@pytest.fixture(scope="session")
def fixture_data_dir(tmp_path_factory) -> Path:
    """The fixture dataset laid out like `data/` (see `tests/fixture_data.py`)."""
    return fixture_data.write(tmp_path_factory.mktemp("fixture_data"))


@pytest.fixture(scope="session")
def fixture_db_url(tmp_path_factory, fixture_data_dir) -> str:
    url = databases.new_url(tmp_path_factory.mktemp("fixture_store"), "fixture")
    seed.build(Store(create_store_engine(url)), data_dir=fixture_data_dir)
    return url


@pytest.fixture
def fixture_store_copy(tmp_path, fixture_db_url) -> str:
    """The URL of a private copy of the fixture store, for tests that publish into it."""
    return databases.copy_of(fixture_db_url, tmp_path)


@pytest.fixture(scope="session")
def fixture_store(fixture_db_url) -> Store:
    return Store(create_store_engine(fixture_db_url))


def pytest_terminal_summary(terminalreporter) -> None:
    """What the disclosure attack tried (`tests/unit/test_disclosure_attack.py`), in every test log."""
    lines = sorted(value for report in terminalreporter.stats.get("passed", [])
                   for name, value in report.user_properties if name == "disclosure_attack")
    if lines:
        terminalreporter.write_sep("-", "disclosure attack")
        for line in lines:
            terminalreporter.write_line(line)
