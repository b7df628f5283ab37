"""Alembic's entry point for the store's migrations (`python -m lib.core.migrate`, `make migrate`).

The connection comes from `lib.core.migrate` (config attribute `connection`); the schema is `lib.core.store.metadata`,
which autogenerate compares against when a new revision is written:
`.venv/bin/alembic -c migrations/alembic.ini revision --autogenerate -m "..."` with DASBOR_DB_URL set.
"""

from alembic import context

from lib.core import settings
from lib.core.store import create_store_engine, metadata

connection = context.config.attributes.get("connection")
if connection is None:  # the alembic command line: the store of DASBOR_DB_URL
    engine = create_store_engine(settings.db_url())
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()
else:
    # render_as_batch: SQLite alters a table by copying it, which Alembic's batch mode does for us.
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
