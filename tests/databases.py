"""Stores for the tests: SQLite files, or, when `DASBOR_TEST_POSTGRES_URL` names a PostgreSQL server (`make test` runs
the whole suite a second time so, on the server `scripts/postgres.sh` starts), fresh databases on that server.

Tests ask for a store's URL here instead of writing a SQLite path, so the same test runs on both databases; a test
about one database's own behaviour (SQLite's WAL and read-only file mode, PostgreSQL's read-only sessions) says so
with `sqlite_only` / `postgres_only`.
"""

from __future__ import annotations

import os
import sqlite3
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa

POSTGRES_ENV = "DASBOR_TEST_POSTGRES_URL"


def postgres_admin_url() -> str | None:
    return os.environ.get(POSTGRES_ENV) or None


ON_POSTGRES = postgres_admin_url() is not None
sqlite_only = pytest.mark.skipif(ON_POSTGRES, reason="about SQLite itself; this run is on PostgreSQL")
postgres_only = pytest.mark.skipif(not ON_POSTGRES, reason=f"about PostgreSQL itself; set {POSTGRES_ENV} (make test does)")


def _admin(statement: str) -> None:
    engine = sa.create_engine(postgres_admin_url(), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql(statement)
    finally:
        engine.dispose()


def _database_url(database: str) -> str:
    return sa.make_url(postgres_admin_url()).set(database=database).render_as_string(hide_password=False)


def new_url(folder: Path, name: str = "dasbor") -> str:
    """The URL of a new, empty store: `folder/name.sqlite`, or a new database on the test PostgreSQL server."""
    if not ON_POSTGRES:
        folder.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{folder / name}.sqlite"
    database = f"t_{name[:20]}_{uuid.uuid4().hex[:12]}".lower()
    _admin(f'CREATE DATABASE "{database}"')
    return _database_url(database)


def copy_of(url: str, folder: Path, name: str = "salinan") -> str:
    """The URL of a private copy of the store at `url`, for a test that publishes into it."""
    if not ON_POSTGRES:
        copy = folder / f"{name}.sqlite"
        with sqlite3.connect(url.removeprefix("sqlite:///")) as source, sqlite3.connect(copy) as target:
            source.backup(target)
        return f"sqlite:///{copy}"
    source = sa.make_url(url).database
    database = f"t_{name[:20]}_{uuid.uuid4().hex[:12]}".lower()
    # A template must have no other connection: the session's pooled ones are idle, and reconnect (pool_pre_ping).
    _admin(f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{source}' AND pid <> pg_backend_pid()")
    _admin(f'CREATE DATABASE "{database}" TEMPLATE "{source}"')
    return _database_url(database)


def sqlite_path(url: str) -> Path:
    """The file of a SQLite store's URL (for tests about the file itself)."""
    return Path(url.removeprefix("sqlite:///"))


def missing_url(folder: Path) -> str:
    """The URL of a store that was never made (a file or a database that does not exist)."""
    if not ON_POSTGRES:
        return f"sqlite:///{folder / 'belum.sqlite'}"
    return _database_url(f"t_belum_{uuid.uuid4().hex[:12]}")


def exists(url: str) -> bool:
    """Whether the store's file or database exists at all."""
    if not ON_POSTGRES:
        return sqlite_path(url).exists()
    engine = sa.create_engine(postgres_admin_url())
    try:
        with engine.connect() as connection:
            return connection.execute(sa.text("SELECT 1 FROM pg_database WHERE datname = :name"),
                                      {"name": sa.make_url(url).database}).first() is not None
    finally:
        engine.dispose()


def table_rows(url: str) -> dict[str, list[str]]:
    """Every row of every table of the store, as text, in a fixed order: what the database holds."""
    engine = sa.create_engine(url)
    try:
        with engine.connect() as connection:
            tables = sa.inspect(connection).get_table_names()
            return {table: sorted(repr(tuple(row)) for row in connection.execute(sa.text(f'SELECT * FROM "{table}"')))
                    for table in sorted(tables)}
    finally:
        engine.dispose()


def stored_bytes(url: str) -> bytes:
    """Everything the store keeps: a SQLite store's files (with its write-ahead log), a PostgreSQL database's rows."""
    if not ON_POSTGRES:
        path = sqlite_path(url)
        return b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))
    return "\n".join(row for rows in table_rows(url).values() for row in rows).encode()
