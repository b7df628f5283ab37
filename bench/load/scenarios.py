"""What the simulated viewers do: one viewer changing filters back to back, or a crowd changing them at random.

Every scenario returns one row of numbers: its changes (see stats.summarise), what the viewers' browsers did
by themselves, and the server's memory and CPU.
"""

from __future__ import annotations

import asyncio
import sys
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from random import Random

from bench.load import replica_kill
from bench.load.pages import Catalogue, Page
from bench.load.publish import newest_programme_release
from bench.load.servers import Server, ServerWatch, Topology, tree_cpu_s
from bench.load.stats import arrival_times, latency_summary, summarise
from bench.load.viewer import Outcome, Viewer, ViewerError

MEAN_CHANGE_INTERVAL_S = 5.0
# First runs at once while a crowd connects: enough to ramp 100 viewers quickly, few enough not to time out.
RAMP_CONCURRENCY = 10
PUBLISH_WINDOW_S = 30
PUBLISH_TIMEOUT_S = 300
# Viewers not open by then are counted as errors: an overloaded server can starve first runs for minutes.
RAMP_TIMEOUT_S = 300


@dataclass(frozen=True)
class Crowd:
    viewers: int
    duration_s: float
    seed: int
    idle_s: float = 0  # seconds the open crowd only keeps its pages open before changing filters


@dataclass
class _Deadline:
    """When a crowd stops changing filters: unknown while it waits for a publish to commit."""

    at: float | None

    def passed(self, moment: float) -> bool:
        return self.at is not None and moment >= self.at


def _viewer_counts(viewers: Iterable[Viewer]) -> dict[str, int]:
    counts: Counter[str] = Counter()
    for viewer in viewers:
        counts.update(viewer.counts)
    return {name: counts[name] for name in ("fragment_reruns_sent", "fragment_runs", "interrupted_runs")} | {
        "dropped_sockets": sum(len(viewer.reconnects) for viewer in viewers)}


def _background_errors(viewers: Iterable[Viewer]) -> list[str]:
    """Errors outside any change, and pages that never came back after their WebSocket dropped (a dropped one
    that came back is a reconnection, not an error)."""
    return [error for viewer in viewers for error in viewer.background_errors] + [
        f"page not back after its WebSocket dropped: {each.error or 'still reconnecting'}"
        for viewer in viewers for each in viewer.reconnects if each.back_at is None]


async def warm_up(server: Server, page: Page, catalogue: Catalogue, seed: int) -> float:
    """Open the page once, unmeasured (the project's first run builds the store); return that run's seconds."""
    rng = Random(f"{seed}-warm-up-{page.name}")
    viewer = Viewer(server.port, page, page.start_query(rng, catalogue), rng)
    try:
        outcome = await viewer.open()
    finally:
        await viewer.close()
    return round(outcome.latency_s, 2)


async def single(server: Server, page: Page, catalogue: Catalogue, changes: int, seed: int) -> dict:
    """One viewer opens the page and makes `changes` filter changes, each as soon as the page has updated."""
    rng = Random(f"{seed}-single-{page.name}")
    viewer = Viewer(server.port, page, page.start_query(rng, catalogue), rng)
    outcomes: list[Outcome] = []
    async with ServerWatch(server.process.pid) as watch:
        try:
            await viewer.open()
            watch.count_cpu_from_now()
            for _ in range(changes):
                outcomes.append(await viewer.change_filter())
        except ViewerError as error:
            viewer.background_errors.append(str(error))
        finally:
            await viewer.close()
    return {"viewers": 1, **summarise(outcomes, viewer.background_errors), **_viewer_counts([viewer]),
            **_server_numbers(watch, outcomes)}


def _server_numbers(watch: ServerWatch, outcomes: list[Outcome]) -> dict:
    """Peak memory, and the server's CPU over the measured part, also per answered change."""
    answered = sum(o.error is None for o in outcomes)
    numbers = watch.numbers()
    return {**numbers, "server_cpu_ms_per_change":
            round(numbers["server_cpu_s"] * 1000 / answered, 1) if answered else None}


async def _open_all(viewers: list[Viewer]) -> list[str | None]:
    """Open the viewers, RAMP_CONCURRENCY at a time, within RAMP_TIMEOUT_S; per viewer, None or its error.
    A viewer that did not come up closes its tab, so it loads the server no further."""
    limit = asyncio.Semaphore(RAMP_CONCURRENCY)

    async def open_one(viewer: Viewer) -> None:
        async with limit:
            await viewer.open()

    tasks = [asyncio.create_task(open_one(viewer)) for viewer in viewers]
    _, late = await asyncio.wait(tasks, timeout=RAMP_TIMEOUT_S)
    for task in late:
        task.cancel()
    await asyncio.gather(*late, return_exceptions=True)
    errors = [f"not open after the {RAMP_TIMEOUT_S} s ramp" if task in late else
              (str(task.exception()) if task.exception() else None) for task in tasks]
    await asyncio.gather(*(viewer.close() for viewer, error in zip(viewers, errors) if error))
    return errors


@dataclass
class _Browsing:
    outcomes: list[Outcome]
    delayed: int = 0  # sent late: fell due while the previous change still ran
    unsent: int = 0  # fell due in the window but the window had closed before the previous change finished


async def _browse(viewer: Viewer, arrivals: list[float], start: float, deadline: _Deadline) -> _Browsing:
    """Change filters at the given offsets from `start`. One falling due while the last still runs is sent when
    that finishes, unless the window has closed by then: no change is sent after the deadline."""
    browsing = _Browsing([])
    for index, offset in enumerate(arrivals):
        due = start + offset
        if deadline.passed(due):
            break
        wait = due - time.monotonic()
        if wait > 0:
            await asyncio.sleep(wait)
            if deadline.passed(due):  # became known while waiting
                break
        elif deadline.passed(time.monotonic()):
            browsing.unsent = sum(not deadline.passed(start + later) for later in arrivals[index:])
            break
        else:
            browsing.delayed += 1
        browsing.outcomes.append(await viewer.change_filter())
    return browsing


async def _publish(repo: Path, db_url: str, start: float, spec: Crowd, deadline: _Deadline) -> dict:
    """Halfway through, publish a release from a separate process; the crowd then goes on for at least
    PUBLISH_WINDOW_S after the commit. Returns when it was committed and what it took."""
    try:
        await asyncio.sleep(spec.duration_s / 2)
        published = await _publish_release(repo, db_url)
    finally:
        deadline.at = start + spec.duration_s
    deadline.at = max(deadline.at, published["committed_at"] + PUBLISH_WINDOW_S)
    return published


async def _publish_release(repo: Path, db_url: str) -> dict:
    """Run bench.load.publish; the commit is when the process ends. Killed on timeout or cancellation."""
    started = time.monotonic()
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bench.load.publish", db_url, cwd=repo,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    try:
        out, err = await asyncio.wait_for(process.communicate(), PUBLISH_TIMEOUT_S)
    except BaseException:
        process.kill()
        await process.wait()
        raise
    if process.returncode != 0:
        raise RuntimeError(f"publishing failed:\n{err.decode(errors='replace')}")
    return {"committed_at": time.monotonic(), "took_s": round(time.monotonic() - started, 2),
            "release": int(out.split()[-1])}


def _release_visible_s(viewers: Iterable[Viewer], committed_at: float) -> list[float]:
    """Per viewer: from the commit to the end of its first full run that started after it (its page then
    shows the new release, whether its release check or its own filter change started that run)."""
    delays = []
    for viewer in viewers:
        after = [finished for started, finished in viewer.full_runs if started >= committed_at]
        if after:
            delays.append(after[0] - committed_at)
    return delays


def _after_publish(outcomes: list[Outcome], viewers: list[Viewer], publish: dict, start: float) -> dict:
    """The publish, the changes sent in the PUBLISH_WINDOW_S after its commit, and how soon pages showed it."""
    committed_at = publish["committed_at"]
    in_window = [o for o in outcomes if committed_at <= o.sent_at < committed_at + PUBLISH_WINDOW_S]
    visible = _release_visible_s(viewers, committed_at)
    window = summarise(in_window)
    return {
        "publish": {"committed_at_s": round(committed_at - start, 1), "took_s": publish["took_s"],
                    "release": publish["release"]},
        "after_publish": {"window_s": PUBLISH_WINDOW_S, **{k: window[k] for k in
                          ("changes", "failed_changes", "p50_ms", "p95_ms", "max_ms", "mean_bytes_per_change")}},
        "release_visible": {"viewers_seen": len(visible), "of_viewers": len(viewers),
                            **{k.replace("_ms", "_s"): None if v is None else round(v / 1000, 2)
                               for k, v in latency_summary(visible).items()}},
    }


async def _idle(server: Server, viewers: list[Viewer], seconds: float) -> dict:
    """What open pages cost the server while nobody touches them: only their release-check fragments run."""
    cpu_before, runs_before = tree_cpu_s(server.process.pid), sum(v.counts["fragment_runs"] for v in viewers)
    await asyncio.sleep(seconds)
    cpu_s = tree_cpu_s(server.process.pid) - cpu_before
    runs = sum(v.counts["fragment_runs"] for v in viewers) - runs_before
    return {"seconds": seconds, "server_cores": round(cpu_s / seconds, 2), "fragment_runs": runs,
            "server_cpu_ms_per_fragment_run": round(cpu_s * 1000 / runs, 1) if runs else None}


async def _change_filters(viewers: list[Viewer], page: Page, spec: Crowd, start: float,
                          deadline: _Deadline) -> list[_Browsing]:
    """Every viewer browses on its own seeded Poisson schedule; long enough to outlast a pending publish."""
    horizon = spec.duration_s + (PUBLISH_TIMEOUT_S + PUBLISH_WINDOW_S if deadline.at is None else 0)
    schedules = [arrival_times(Random(f"{spec.seed}-arrivals-{page.name}-{i}"), MEAN_CHANGE_INTERVAL_S, horizon)
                 for i in range(len(viewers))]
    return await asyncio.gather(*(_browse(v, times, start, deadline) for v, times in zip(viewers, schedules)))


def _after_kill(viewers: list[Viewer], outcomes: list[Outcome], pins: dict[str, str], killed: dict,
                published: dict, db_url: str, start: float) -> dict:
    """The kill's numbers (replica_kill.report), then nothing published lost: the release published after the
    kill is the store's newest of its dataset, and the pages that stayed and those that came back showed it."""
    fates = replica_kill.fates_of(viewers, pins, killed)
    newest = newest_programme_release(db_url)
    reach = {}
    for group in (replica_kill.ON_SURVIVOR, replica_kill.RECONNECTED):
        members = [viewer for viewer, each in zip(viewers, fates) if each == group]
        reach[group] = {"viewers_seen": len(_release_visible_s(members, published["committed_at"])),
                        "of_viewers": len(members)}
    return {**replica_kill.report(outcomes, viewers, fates, pins, killed, start),
            "published_kept": {"release": published["release"], "newest_in_store": newest,
                               "kept": newest == published["release"], "shown_on": reach}}


async def crowd(server: Server, page: Page, catalogue: Catalogue, spec: Crowd,
                publish: tuple[Path, str] | None = None, kill_replica: bool = False) -> dict:
    """`spec.viewers` viewers connect and run the page (unmeasured), keep it open untouched for `spec.idle_s`,
    then each changes a filter at Poisson times (mean 5 s) for `spec.duration_s`. With `publish` (repo, store
    URL), a release is published halfway and the crowd goes on until PUBLISH_WINDOW_S after its commit, if that
    is later. With `kill_replica` (`server` a Topology, and `publish`), the replica serving the most viewers is
    killed with SIGKILL a third of the way in (bench/load/replica_kill.py)."""
    rngs = [Random(f"{spec.seed}-crowd-{page.name}-{i}") for i in range(spec.viewers)]
    viewers = [Viewer(server.port, page, page.start_query(rng, catalogue), rng, f"{page.name}-{i}")
               for i, rng in enumerate(rngs)]
    async with ServerWatch(server.process.pid) as watch:
        try:
            log_offset = server.access_log.stat().st_size if kill_replica else 0
            ramp_started = time.monotonic()
            failed_opens = await _open_all(viewers)
            ramp_s = time.monotonic() - ramp_started
            opened = [v for v, error in zip(viewers, failed_opens) if error is None]
            print(f"  {page.name}: {len(opened)} of {spec.viewers} viewers open after {ramp_s:.0f} s",
                  file=sys.stderr, flush=True)
            idle = await _idle(server, opened, spec.idle_s) if spec.idle_s else None
            pins = _pins(server, opened, log_offset) if kill_replica else {}
            watch.count_cpu_from_now()
            start = time.monotonic()
            deadline = _Deadline(None if publish else start + spec.duration_s)
            publishing = asyncio.create_task(_publish(*publish, start, spec, deadline)) if publish else None
            killing = asyncio.create_task(replica_kill.kill_at(
                server, replica_kill.choose_victim(pins), start + spec.duration_s * replica_kill.KILL_AT_FRACTION,
            )) if kill_replica else None
            browsing = await _change_filters(opened, page, spec, start, deadline)
            published = await publishing if publishing else None
            killed = await killing if killing else None
            if killed is not None:  # looked at before the topology stops
                killed["restarted"] = replica_kill.serving_again(server, killed["replica"])
        finally:
            await asyncio.gather(*(v.close() for v in viewers))
    outcomes = [o for each in browsing for o in each.outcomes]
    row = {
        "viewers": spec.viewers,
        "opened": len(opened),
        "ramp_s": round(ramp_s, 1),
        "idle": idle,
        "duration_s": round(deadline.at - start, 1),
        **summarise(outcomes, [e for e in failed_opens if e] + _background_errors(viewers)),
        "delayed_changes": sum(each.delayed for each in browsing),
        "unsent_changes": sum(each.unsent for each in browsing),
        **_viewer_counts(viewers),
        **_server_numbers(watch, outcomes),
    }
    if published is not None:
        row.update(_after_publish(outcomes, opened, published, start))
    if killed is not None:
        row.update(_after_kill(opened, outcomes, pins, killed, published, publish[1], start))
    return row


def _pins(topology: Topology, viewers: list[Viewer], log_offset: int) -> dict[str, str]:
    """Where nginx pinned each open viewer (its User-Agent -> replica), from the public site's access log written
    since `log_offset` (bytes): an earlier crowd's viewers had the same User-Agents and other pins."""
    with topology.access_log.open("rb") as log:
        log.seek(log_offset)
        written = log.read().decode(errors="replace")
    return replica_kill.pins_from_access_log(written, [viewer.user_agent for viewer in viewers])
