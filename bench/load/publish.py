"""A new release in the benchmark's private store, as staff publishing from Kelola Data would make one.

Run as its own process (`python -m bench.load.publish DB_URL`, which prints the new release id) so writing
tens of thousands of rows does not stall the viewers' event loop in the benchmark process.
"""

from __future__ import annotations

import sys

PROGRAMME_DATASET = "program"


def republish_programme_rows(db_url: str) -> int:
    """Publish the `program` dataset's release in force again, as a new release: same figures, new release id.

    Every cache of the dashboard is keyed on the newest release id, so this costs each open page what a real
    publish costs it, without changing a number on screen. The only place that knows the store's module path.
    """
    from lib.core.store import Store, create_store_engine

    engine = create_store_engine(db_url)
    try:
        store = Store(engine)
        return store.republish(store.current_release_id(PROGRAMME_DATASET), by="bench.load", note="load benchmark")
    finally:
        engine.dispose()


def newest_programme_release(db_url: str) -> int:
    """The `program` dataset's newest release in the store: after a run, the one published halfway, unless it
    was lost."""
    from lib.core.store import Store, create_store_engine

    engine = create_store_engine(db_url)
    try:
        return Store(engine).current_release_id(PROGRAMME_DATASET)
    finally:
        engine.dispose()


if __name__ == "__main__":
    print(republish_programme_rows(sys.argv[1]))
