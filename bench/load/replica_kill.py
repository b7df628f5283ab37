"""`crowd-kill-replica`: one public replica killed with SIGKILL under a crowd, and what became of its viewers.

nginx pins a browser to a replica by its `dasbor_replika` cookie (set on the page's first answer; the viewers keep
cookies as browsers do), and its access log names the replica (`$upstream_addr`) that answered each viewer's page
load (each viewer has a User-Agent of its own). The replica serving the most viewers is killed; its viewers' WebSockets
drop, and they reconnect as Streamlit's front end does: nginx finds the replica gone and passes them to another one.
"""

from __future__ import annotations

import asyncio
import os
import signal
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from bench.load.servers import Topology, process_tree
from bench.load.stats import latency_summary, summarise
from bench.load.viewer import Outcome, Reconnect, Viewer
from deploy.topology import read_unit

# How far into the crowd's window the replica is killed: before the publish (halfway), so that the release must reach
# the reconnected viewers on the replica left.
KILL_AT_FRACTION = 1 / 3
REPLICA_UNIT = "dasbor-public@.service"
# Fates of a viewer: the two expected, then what would show the pinning or the reconnection wrong.
ON_SURVIVOR, RECONNECTED = "stayed_on_survivor", "reconnected"
NEVER_BACK, NOT_DROPPED, DROPPED_ON_SURVIVOR, UNPINNED = (
    "never_back", "pinned_to_killed_but_not_dropped", "dropped_on_survivor", "not_in_access_log")


def pins_from_access_log(log: str, user_agents: Sequence[str]) -> dict[str, str]:
    """User-Agent -> the replica (host:port) that answered its first request, the page load: nginx logs a
    WebSocket only when it closes. The log format is deploy/nginx's `dasbor`: the quoted User-Agent, then
    `$upstream_addr` last."""
    wanted, pins = set(user_agents), {}
    for line in log.splitlines():
        quoted = line.rsplit('"', 2)
        if len(quoted) == 3 and quoted[1] in wanted and quoted[1] not in pins:
            pins[quoted[1]] = quoted[2].strip()
    return pins


def choose_victim(pins: dict[str, str]) -> str:
    """The replica serving the most viewers (the lowest address on a tie): the most reconnections to watch."""
    counts = Counter(pins.values())
    return min(counts, key=lambda address: (-counts[address], address))


def pid_serving(port: int, argvs: dict[int, list[str]]) -> int:
    """The process whose command line serves `port` (`--server.port PORT`, as the systemd unit starts it)."""
    for pid, argv in sorted(argvs.items()):
        if "--server.port" in argv[:-1] and argv[argv.index("--server.port") + 1] == str(port):
            return pid
    raise LookupError(f"no process of the topology serves port {port}")


def _command_lines(pids: list[int]) -> dict[int, list[str]]:
    argvs = {}
    for pid in pids:
        try:
            argvs[pid] = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace").split("\0")
        except OSError:  # gone meanwhile
            continue
    return argvs


def _replica_pid(topology: Topology, address: str) -> int:
    return pid_serving(int(address.rsplit(":", 1)[1]), _command_lines(process_tree(topology.process.pid)))


async def kill_at(topology: Topology, address: str, moment: float) -> dict:
    """At `moment` (time.monotonic()), SIGKILL the replica answering at `address`; what and when."""
    await asyncio.sleep(max(0.0, moment - time.monotonic()))
    pid = _replica_pid(topology, address)
    os.kill(pid, signal.SIGKILL)
    return {"replica": address, "pid": pid, "killed_at": time.monotonic()}


def serving_again(topology: Topology, address: str) -> bool:
    """Whether anything (a restart) serves the killed replica's port again."""
    try:
        _replica_pid(topology, address)
    except LookupError:
        return False
    return True


def fate(pin: str | None, reconnects: Sequence[Reconnect], victim: str, killed_at: float) -> str:
    """What the kill did to one viewer, from where nginx had pinned it and the drops it saw after the kill."""
    dropped = [each for each in reconnects if each.dropped_at >= killed_at]
    if pin is None:
        return UNPINNED
    if pin != victim:
        return DROPPED_ON_SURVIVOR if dropped else ON_SURVIVOR
    if not dropped:
        return NOT_DROPPED
    return RECONNECTED if all(each.back_at is not None for each in dropped) else NEVER_BACK


def back_after_s(reconnects: Sequence[Reconnect], killed_at: float) -> float | None:
    """Seconds from the kill until the page was back: the last reconnection after the kill finished its rerun."""
    dropped = [each for each in reconnects if each.dropped_at >= killed_at]
    return dropped[-1].back_at - killed_at if dropped and dropped[-1].back_at is not None else None


def _changes(outcomes: Sequence[Outcome]) -> dict:
    numbers = summarise(outcomes)
    return {key: numbers[key] for key in ("changes", "failed_changes", "p50_ms", "p95_ms", "max_ms")}


def fates_of(viewers: Sequence[Viewer], pins: dict[str, str], kill: dict) -> list[str]:
    return [fate(pins.get(v.user_agent), v.reconnects, kill["replica"], kill["killed_at"]) for v in viewers]


def report(outcomes: Sequence[Outcome], viewers: Sequence[Viewer], fates: Sequence[str], pins: dict[str, str],
           kill: dict, start: float) -> dict:
    """The kill, the fate of every viewer, how soon the killed replica's viewers were back, the changes before
    and after, and whether the replica was restarted (`kill["restarted"]`, looked at after the run)."""
    killed_at = kill["killed_at"]
    back = [s for v, f in zip(viewers, fates) if f == RECONNECTED
            if (s := back_after_s(v.reconnects, killed_at)) is not None]
    unit = read_unit(REPLICA_UNIT)
    return {
        "kill": {"at_s": round(killed_at - start, 1), "replica": kill["replica"], "pid": kill["pid"],
                 "signal": "SIGKILL",
                 "viewers_per_replica": dict(sorted(Counter(pins.values()).items())),
                 "systemd_unit": f"{REPLICA_UNIT}: Restart={','.join(unit.get('Restart', ['no']))}, "
                                 f"RestartSec={','.join(unit.get('RestartSec', ['default']))}",
                 "restarted_in_this_run": kill["restarted"]},
        "fates": {name: fates.count(name) for name in
                  (ON_SURVIVOR, RECONNECTED, NEVER_BACK, NOT_DROPPED, DROPPED_ON_SURVIVOR, UNPINNED)},
        "back_after_kill": {k.replace("_ms", "_s"): None if v is None else round(v / 1000, 2)
                            for k, v in latency_summary(back).items()},
        "before_kill": _changes([o for o in outcomes if o.sent_at < killed_at]),
        "after_kill": _changes([o for o in outcomes if o.sent_at >= killed_at]),
    }
