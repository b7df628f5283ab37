"""Schema migrations of the store (Alembic, `migrations/`), run by their own step and never by a serving process.

`python -m lib.core.migrate` (`make migrate`) brings the store of `DASBOR_DB_URL` to the newest revision;
`python -m lib.core.seed` (`make store`) does the same and then loads `data/`. A store made before there were
migrations (its tables created by the app itself) is brought up to the first revision's schema the way the app
used to do it (missing tables created, missing nullable columns added) and then stamped, so every store ends up on
the same revision history.
"""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Engine

from lib.core import settings
from lib.core.store import PUBLISH_TURN_ROW, Store, StoreNotReady, create_store_engine, giliran_terbit, metadata

MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"
FIRST_REVISION = "0001"


def _config(connection: sa.Connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head() -> str:
    """The newest revision the code knows."""
    return ScriptDirectory.from_config(_config(None)).get_current_head()


def revision_of(engine: Engine) -> str | None:
    """The revision the store is at; None for an empty store or one made before migrations."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def is_current(engine: Engine) -> bool:
    return revision_of(engine) == head()


def upgrade(engine: Engine) -> None:
    """Bring the store to the newest revision (nothing when it is there already)."""
    with engine.begin() as connection:
        if revision_of(engine) is None and sa.inspect(connection).has_table("rilis"):
            _adopt_store_without_migrations(connection)
        command.upgrade(_config(connection), "head")


def _adopt_store_without_migrations(connection: sa.Connection) -> None:
    """A store the app built itself before migrations: complete it as the app did, then stamp the first revision
    (whose schema it now has)."""
    metadata.create_all(connection)
    inspector = sa.inspect(connection)
    for table in metadata.sorted_tables:
        present = {column["name"] for column in inspector.get_columns(table.name)}
        for column in table.columns:
            # NOT NULL columns with a default too (`program.ejaan`): the seed fills them where staff data needs it.
            if column.name not in present and (column.nullable or column.server_default is not None):
                declared = sa.schema.CreateColumn(column).compile(dialect=connection.dialect)
                connection.exec_driver_sql(f"ALTER TABLE {connection.dialect.identifier_preparer.format_table(table)} "
                                           f"ADD COLUMN {declared}")
    if connection.execute(sa.select(giliran_terbit)).first() is None:
        connection.execute(giliran_terbit.insert().values(PUBLISH_TURN_ROW))
    command.stamp(_config(connection), FIRST_REVISION)


def open_store(url: str, read_only: bool = False) -> Store:
    """The store at `url` as a serving process opens it: never creating or altering anything, checked to be on the
    code's schema revision and to hold published data and the rounding key.

    Raises `StoreNotReady` otherwise; `make store` (migrations, then data/) makes it ready. The public server opens it
    read-only (`read_only`), the internal server writable, to publish.
    """
    parsed = sa.make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database and not Path(parsed.database).exists():
        raise StoreNotReady(f"there is no store at {parsed.database}: run `make store`")  # connecting would make one
    store = Store(create_store_engine(url, read_only=read_only), read_only=read_only)
    try:
        revision = revision_of(store.engine)
        if revision != head():
            raise StoreNotReady(f"the store's schema is at revision {revision}, the code's at {head()}: run `make store`")
        if store.is_empty():
            raise StoreNotReady("the store has no release yet: run `make store`")
        store.disclosure_key()
    except sa.exc.DBAPIError as error:  # no file (SQLite mode=ro cannot create one), no server
        store.engine.dispose()
        raise StoreNotReady(f"the store cannot be read: {error.orig}") from error
    except StoreNotReady:
        store.engine.dispose()
        raise
    return store


def main() -> None:
    engine = create_store_engine(settings.db_url())
    try:
        upgrade(engine)
        print(f"Skema basis data pada revisi {revision_of(engine)}: {engine.url.render_as_string(hide_password=True)}")
    finally:
        engine.dispose()


if __name__ == "__main__":
    main()
