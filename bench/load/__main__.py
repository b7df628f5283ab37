"""Load benchmark: simulated browsers against the dashboard and against an empty Streamlit page, same run.

`.venv/bin/python -m bench.load [--scenario NAME ...] [--viewers 100] [--duration 60] ...` (see --help and
bench/README.md). Starts both servers itself on free loopback ports, the dashboard on a private copy of the
store, and stops them at the end, on Ctrl+C and on SIGTERM too. Writes bench/results/<output>.json and prints
it, then a Markdown table.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import sys
import tempfile
import time
from pathlib import Path

from bench.load.pages import FLOOR_PAGE, PROJECT_PAGES, Catalogue, load_catalogue
from bench.load.scenarios import MEAN_CHANGE_INTERVAL_S, Crowd, crowd, single, warm_up
from bench.load.servers import Server, hardening_env, start_server, start_topology
from bench.load.summary import git_state, kill_notes, machine, markdown_table, publish_notes, with_floor_ratios
from bench.report import save

REPO = Path(__file__).resolve().parents[2]
FLOOR_SCRIPT = "bench/load/empty_page.py"
PUBLISH_PAGE = "cakupan"
KILL_REPLICA = "crowd-kill-replica"
# Asked for by name only: it kills one of the replicas (--replicas 2 or more), and runs last.
SCENARIOS = ("single", *(f"crowd-{name}" for name in PROJECT_PAGES), "crowd-floor", "crowd-publish", KILL_REPLICA)


def parse_options(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__.split("\n\n")[0])
    parser.add_argument("--scenario", action="append", choices=SCENARIOS,
                        help=f"run this scenario (repeatable; default: all but {KILL_REPLICA}). Any crowd scenario "
                             "brings crowd-floor.")
    parser.add_argument("--viewers", type=int, default=100, help="viewers in each crowd (default 100)")
    parser.add_argument("--duration", type=float, default=60, help="seconds each crowd changes filters (default 60)")
    parser.add_argument("--idle", type=float, default=20,
                        help="seconds each crowd keeps its pages open untouched before changing filters, to "
                             "measure what open pages cost (default 20; 0 skips)")
    parser.add_argument("--changes", type=int, default=30, help="filter changes per page in `single` (default 30)")
    parser.add_argument("--seed", type=int, default=1, help="seed of every random choice (default 1)")
    parser.add_argument("--mode", choices=("public", "internal"), default="public",
                        help="DASBOR_MODE of the dashboard (default public, hardened as `make run-public`)")
    parser.add_argument("--replicas", type=int, default=0,
                        help="run the dashboard as deployed: nginx over this many public replicas on PostgreSQL "
                             "(deploy/topology.py); 0 (default) runs one process on SQLite")
    parser.add_argument("--floor-viewers", type=int,
                        help="viewers of the floor's crowd (default: --viewers), e.g. 100 beside 200 on replicas")
    parser.add_argument("--output", default="load", help="results file bench/results/<OUTPUT>.json (default load)")
    parser.add_argument("--pages", nargs="+", choices=tuple(PROJECT_PAGES), default=list(PROJECT_PAGES),
                        help="dashboard pages for `single` and crowd-<page> (default: all four)")
    options = parser.parse_args(argv)
    options.scenario = options.scenario or [name for name in SCENARIOS if name != KILL_REPLICA]
    if KILL_REPLICA in options.scenario and options.replicas < 2:
        parser.error(f"{KILL_REPLICA} kills one replica while the others carry its viewers: it needs --replicas 2 "
                     f"or more (got {options.replicas})")
    return options


def server_env(options: argparse.Namespace) -> dict[str, str]:
    """Streamlit's own settings, the same for both servers: hardened as `make run-public` in the public mode."""
    return hardening_env(REPO) if options.mode == "public" else {}


def dashboard_env(options: argparse.Namespace, workdir: Path) -> dict[str, str]:
    """The dashboard's settings: its mode, and a store of its own (built from data/ before the server starts)."""
    return {"DASBOR_MODE": options.mode, "DASBOR_DB_URL": f"sqlite:///{workdir / 'dasbor.sqlite'}"}


def _progress(name: str, row: dict) -> None:
    print(f"{name}: {row['changes']} changes, {row['errors']} errors, p50 {row['p50_ms']} ms, "
          f"p95 {row['p95_ms']} ms, peak RSS {row['peak_rss_mb']} MB", file=sys.stderr, flush=True)


async def run_scenarios(options: argparse.Namespace, floor: Server, project: Server, catalogue: Catalogue,
                        db_url: str) -> tuple[dict, dict]:
    """Warm both servers up, then run the chosen scenarios in a fixed order; (warm-up seconds, rows)."""
    pages = [PROJECT_PAGES[name] for name in options.pages]
    crowd_pages = [page for page in pages if f"crowd-{page.name}" in options.scenario]
    used = [*(pages if "single" in options.scenario else crowd_pages),
            *([PROJECT_PAGES[PUBLISH_PAGE]] if {"crowd-publish", KILL_REPLICA} & set(options.scenario) else [])]
    spec = Crowd(options.viewers, options.duration, options.seed, options.idle)
    floor_spec = Crowd(options.floor_viewers or options.viewers, options.duration, options.seed, options.idle)
    warm = {"floor": await warm_up(floor, FLOOR_PAGE, catalogue, options.seed)}
    for page in dict.fromkeys(used):
        warm[page.name] = await warm_up(project, page, catalogue, options.seed)
    rows: dict[str, dict] = {}

    async def record(name: str, target: str, page: str, scenario) -> None:
        rows[name] = {"target": target, "page": page, **await scenario}
        _progress(name, rows[name])

    if "single" in options.scenario:
        await record("single-floor", "floor", "floor", single(floor, FLOOR_PAGE, catalogue, options.changes, options.seed))
        for page in pages:
            await record(f"single-{page.name}", "project", page.name,
                         single(project, page, catalogue, options.changes, options.seed))
    if crowd_pages or {"crowd-floor", "crowd-publish", KILL_REPLICA} & set(options.scenario):
        await record("crowd-floor", "floor", "floor", crowd(floor, FLOOR_PAGE, catalogue, floor_spec))
    for page in crowd_pages:
        await record(f"crowd-{page.name}", "project", page.name, crowd(project, page, catalogue, spec))
    if "crowd-publish" in options.scenario:
        await record("crowd-publish", "project", PUBLISH_PAGE,
                     crowd(project, PROJECT_PAGES[PUBLISH_PAGE], catalogue, spec, publish=(REPO, db_url)))
    if KILL_REPLICA in options.scenario:  # last: the topology has one replica fewer afterwards
        await record(KILL_REPLICA, "project", PUBLISH_PAGE, crowd(project, PROJECT_PAGES[PUBLISH_PAGE], catalogue,
                                                                 spec, publish=(REPO, db_url), kill_replica=True))
    return warm, rows


def main(argv: list[str] | None = None) -> dict:
    options = parse_options(argv)
    started, report_machine = time.monotonic(), machine()
    catalogue = load_catalogue(REPO / "data")
    servers: list[Server] = []
    with tempfile.TemporaryDirectory(prefix="bench-load-") as tmp:
        workdir = Path(tmp)
        try:
            common = server_env(options)
            dashboard = dashboard_env(options, workdir)
            floor = start_server("floor", FLOOR_SCRIPT, REPO, workdir, common)
            servers.append(floor)
            if options.replicas:
                project = start_topology(options.replicas, workdir)
                dashboard["DASBOR_DB_URL"] = project.db_url
            else:
                project = start_server("project", "app.py", REPO, workdir, {**common, **dashboard})
            servers.append(project)
            warm, rows = asyncio.run(run_scenarios(options, floor, project, catalogue, dashboard["DASBOR_DB_URL"]))
        finally:
            for server in servers:
                server.stop()
    rows = with_floor_ratios(rows)
    report = {
        "git": git_state(REPO),
        "machine": {**report_machine, "loadavg_1m_at_end": round(os.getloadavg()[0], 2)},
        "options": {**vars(options), "mean_change_interval_s": MEAN_CHANGE_INTERVAL_S},
        "warm_up_first_run_s": warm,
        "scenarios": rows,
        "generator_cpu_s": round(time.process_time(), 1),
        "wall_s": round(time.monotonic() - started, 1),
    }
    save(options.output, report)
    print("\n" + markdown_table(rows))
    for note in publish_notes(rows) + kill_notes(rows):
        print(f"\n{note}")
    return report


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # stop the servers on SIGTERM as on Ctrl+C
    main()
