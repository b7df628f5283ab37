"""The pure parts of the load bench's `crowd-kill-replica` and of its browser-like viewer: where nginx pinned each
viewer, which replica dies, what became of each viewer, the front end's reconnection timings and the cookie jar.
No server."""

from __future__ import annotations

from random import Random
from types import SimpleNamespace

import pytest

from bench.load import replica_kill, scenarios
from bench.load.__main__ import KILL_REPLICA, parse_options
from bench.load.browser import NO_AUTH_TOKEN, BrowserHttp, ping_retry_s, reconnect_delay_s
from bench.load.replica_kill import (
    DROPPED_ON_SURVIVOR,
    NEVER_BACK,
    NOT_DROPPED,
    ON_SURVIVOR,
    RECONNECTED,
    UNPINNED,
    back_after_s,
    choose_victim,
    fate,
    pid_serving,
    pins_from_access_log,
)
from bench.load.summary import kill_notes
from bench.load.viewer import Reconnect

A, B = "127.0.0.1:8601", "127.0.0.1:8602"


def access_line(user_agent: str, upstream: str, uri: str = "/cakupan") -> str:
    """A line in deploy/nginx's `dasbor` log format."""
    return (f'127.0.0.1 [29/Nov/2026:05:40:01 +0000] "GET {uri} HTTP/1.1" 200 1234 0.004 "{user_agent}" '
            f"{upstream}")


def test_a_viewer_is_pinned_where_its_page_load_went_not_where_a_later_request_did() -> None:
    log = "\n".join([
        access_line("dasbor-bench-viewer/cakupan-1", A),
        access_line("dasbor-bench-viewer/cakupan-10", B),
        access_line("Mozilla/5.0 someone else", B),
        # Its WebSocket, logged when it closed after the kill: nginx tried the dead replica, then the other.
        access_line("dasbor-bench-viewer/cakupan-1", f"{A}, {B}", "/_stcore/stream"),
    ])
    pins = pins_from_access_log(log, ["dasbor-bench-viewer/cakupan-1", "dasbor-bench-viewer/cakupan-10",
                                      "dasbor-bench-viewer/cakupan-2"])
    assert pins == {"dasbor-bench-viewer/cakupan-1": A, "dasbor-bench-viewer/cakupan-10": B}


def test_pins_are_read_from_what_nginx_logged_since_the_crowd_started(tmp_path) -> None:
    """A crowd before the kill's, in the same run, had viewers of the same User-Agents and other pins (seen: half of
    200 viewers classified wrong)."""
    log = tmp_path / "access.log"
    log.write_text(access_line("dasbor-bench-viewer/cakupan-1", B) + "\n")
    offset = log.stat().st_size
    with log.open("a") as more:
        more.write(access_line("dasbor-bench-viewer/cakupan-1", A) + "\n")
    topology = SimpleNamespace(access_log=log)
    viewer = SimpleNamespace(user_agent="dasbor-bench-viewer/cakupan-1")
    assert scenarios._pins(topology, [viewer], offset) == {"dasbor-bench-viewer/cakupan-1": A}


def test_the_replica_with_the_most_viewers_is_killed_the_lowest_address_on_a_tie() -> None:
    assert choose_victim({"v1": B, "v2": A, "v3": B}) == B
    assert choose_victim({"v1": B, "v2": A}) == A


def test_the_replica_process_is_found_by_the_port_its_command_line_serves() -> None:
    argvs = {
        10: ["python", "streamlit", "run", "app.py", "--server.port", "8700"],  # the internal server
        11: ["python", "streamlit", "run", "app.py", "--server.port", "8601", "--server.headless", "true"],
        12: ["nginx", "-c", "nginx.conf"],
        13: ["python", "-m", "tool", "--server.port"],  # the flag without a value
    }
    assert pid_serving(8601, argvs) == 11
    with pytest.raises(LookupError):
        pid_serving(8602, argvs)


KILLED_AT = 100.0


@pytest.mark.parametrize(("pin", "reconnects", "expected"), [
    (B, [], ON_SURVIVOR),
    (B, [Reconnect(50.0, 51.0)], ON_SURVIVOR),  # a drop before the kill is not the kill's
    (A, [Reconnect(100.2, 101.1)], RECONNECTED),
    (A, [Reconnect(100.2)], NEVER_BACK),
    (A, [Reconnect(100.2, 101.1), Reconnect(105.0, None, "not back within 120 s")], NEVER_BACK),
    (A, [], NOT_DROPPED),  # pinned wrongly: its WebSocket was elsewhere (a viewer without the cookie)
    (B, [Reconnect(100.2, 101.0)], DROPPED_ON_SURVIVOR),
    (None, [], UNPINNED),
])
def test_the_fate_of_a_viewer_follows_its_pin_and_its_drops_after_the_kill(pin, reconnects, expected) -> None:
    assert fate(pin, reconnects, A, KILLED_AT) == expected


def test_back_after_the_kill_is_timed_from_the_kill_to_the_last_rerun_finished() -> None:
    assert back_after_s([Reconnect(100.3, 101.25)], KILLED_AT) == pytest.approx(1.25)
    assert back_after_s([Reconnect(100.3)], KILLED_AT) is None
    assert back_after_s([Reconnect(10.0, 11.0)], KILLED_AT) is None


def test_reconnection_waits_are_those_of_streamlits_front_end() -> None:
    rng = Random(3)
    first = [reconnect_delay_s(1, rng) for _ in range(200)]
    assert all(0.25 <= wait < 0.5 for wait in first)
    assert all(0.5 <= reconnect_delay_s(2, rng) < 1.0 for _ in range(200))
    assert all(2.0 <= reconnect_delay_s(attempt, rng) < 4.0 for attempt in (4, 9) for _ in range(200))
    assert ping_retry_s(1, rng) == 0.1
    assert all(0.14 <= ping_retry_s(2, rng) <= 0.2 for _ in range(200))
    assert all(2.8 <= ping_retry_s(10, rng) <= 4.0 for _ in range(200))


def test_the_cookie_jar_keeps_what_the_site_sets_and_sends_it_back() -> None:
    http = BrowserHttp("http://127.0.0.1:1", "test")
    assert http.cookie_header() == "" and http.auth_token() == NO_AUTH_TOKEN
    http.keep_cookies(["dasbor_replika=abc123; Path=/; HttpOnly; SameSite=Lax"])
    http.keep_cookies(["dasbor_replika=abc123; Path=/; HttpOnly; SameSite=Lax", "_streamlit_xsrf=2|x|y|1; Path=/"])
    assert http.cookie_header() == "dasbor_replika=abc123; _streamlit_xsrf=2|x|y|1"
    assert http.auth_token() == "2|x|y|1"
    http.close()


def test_the_kill_scenario_is_refused_without_two_replicas_and_is_never_run_unasked(capsys) -> None:
    with pytest.raises(SystemExit):
        parse_options(["--scenario", KILL_REPLICA, "--replicas", "1"])
    assert "--replicas 2" in capsys.readouterr().err
    assert parse_options(["--scenario", KILL_REPLICA, "--replicas", "2"]).scenario == [KILL_REPLICA]
    assert KILL_REPLICA not in parse_options(["--replicas", "2"]).scenario


def test_the_kill_note_says_what_happened() -> None:
    row = {
        "kill": {"replica": A, "viewers_per_replica": {A: 11, B: 9}, "at_s": 10.0, "restarted_in_this_run": False},
        "fates": {ON_SURVIVOR: 9, RECONNECTED: 11, NEVER_BACK: 0},
        "back_after_kill": {"p50_s": 0.95, "p95_s": 1.06, "max_s": 1.07},
        "before_kill": {"changes": 23, "failed_changes": 0, "p50_ms": 64.7, "p95_ms": 213.6},
        "after_kill": {"changes": 160, "failed_changes": 1, "p50_ms": 103.2, "p95_ms": 1097.6},
        "published_kept": {"release": 6, "newest_in_store": 6, "kept": True,
                           "shown_on": {ON_SURVIVOR: {"viewers_seen": 9, "of_viewers": 9},
                                        RECONNECTED: {"viewers_seen": 11, "of_viewers": 11}}},
    }
    (note,) = kill_notes({KILL_REPLICA: row, "crowd-floor": {}})
    assert note.startswith(f"{KILL_REPLICA}: replica {A}") and "restarted: False" in note
    assert "p95 1.06 s" in note and "failed 0/1" in note and f"shown on {ON_SURVIVOR} 9/9, {RECONNECTED} 11/11" in note


def test_the_kill_comes_before_the_publish_halfway() -> None:
    assert 0 < replica_kill.KILL_AT_FRACTION < 0.5
