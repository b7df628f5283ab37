"""Shared fixtures: one store built from data/ per test session (per xdist worker)."""

from pathlib import Path

import pytest

from lib.core import seed
from lib.core.store import Store, create_store_engine

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def built_db_url(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('store') / 'dasbor.sqlite'}"
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

    return registry_from_frame(store.indicators())
