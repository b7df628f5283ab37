"""The load bench's `crowd-kill-replica` on the deployed topology (nginx over two replicas on PostgreSQL), small: the
viewers of the replica killed with SIGKILL come back on the other, none is lost, and the release published after
the kill is kept and shown on every page."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from bench.load.__main__ import KILL_REPLICA, main
from bench.load.replica_kill import ON_SURVIVOR, RECONNECTED


@pytest.mark.e2e
def test_viewers_of_a_killed_replica_come_back_and_see_the_next_release(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr("bench.report.RESULTS", tmp_path)  # leave bench/results/ alone
    options = ["--replicas", "2", "--scenario", KILL_REPLICA, "--viewers", "8", "--floor-viewers", "2",
               "--duration", "15", "--idle", "0", "--output", "smoke-kill"]
    # Its own thread: Playwright's sync API, used by other browser tests in this worker, keeps an event loop
    # running in the main thread, and the bench starts its own with asyncio.run.
    with ThreadPoolExecutor(max_workers=1) as thread:
        row = thread.submit(main, options).result()["scenarios"][KILL_REPLICA]
    pinned = row["kill"]["viewers_per_replica"][row["kill"]["replica"]]
    assert pinned >= 4  # the replica with the most of the 8 viewers
    # Every viewer was where nginx's cookie pinned it: exactly the killed replica's viewers dropped.
    assert row["fates"] == {ON_SURVIVOR: 8 - pinned, RECONNECTED: pinned, "never_back": 0,
                            "pinned_to_killed_but_not_dropped": 0, "dropped_on_survivor": 0, "not_in_access_log": 0}
    assert row["dropped_sockets"] == pinned and row["errors"] == 0, row["error_samples"]
    assert 0 < row["back_after_kill"]["max_s"] < 30
    assert row["after_kill"]["changes"] > 0
    kept = row["published_kept"]
    assert kept["kept"] and kept["newest_in_store"] == kept["release"] == row["publish"]["release"]
    assert all(seen["viewers_seen"] == seen["of_viewers"] for seen in kept["shown_on"].values())
    assert row["kill"]["restarted_in_this_run"] is True  # the unit's Restart=always, as deploy/topology.py plays it
