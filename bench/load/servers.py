"""The Streamlit servers under load: started here on free loopback ports, watched for memory and CPU, always
stopped."""

from __future__ import annotations

import asyncio
import os
import re
import shlex
import signal
import socket
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from deploy.topology import wait_healthy

REPO_ROOT = Path(__file__).resolve().parents[2]
STARTUP_TIMEOUT_S = 120
STOP_TIMEOUT_S = 10
MEMORY_SAMPLE_S = 0.1
MAX_MEMORY_SAMPLES = 24 * 3600 * 10  # a day of samples: a bound far beyond any run


def hardening_env(repo: Path) -> dict[str, str]:
    """The STREAMLIT_... variables `make run-public` starts the public server with.

    Runs the command inside the `$$( )` of the Makefile's run-public recipe, as make would, so the benchmark
    follows wherever that recipe gets them from (the module printing them has moved before).
    """
    makefile = (repo / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^run-public:.*\n\t(.+)$", makefile, re.MULTILINE)
    inner = re.search(r"\$\$\((.+?)\)\s", recipe.group(1)) if recipe else None
    if inner is None:
        raise RuntimeError("Makefile: no `$$(command)` in the run-public recipe to read the hardening from")
    variables = dict(re.findall(r"^(\w+)\s*[:?]?=\s*(.*?)\s*$", makefile, re.MULTILINE))
    command = inner.group(1)
    for _ in range(len(variables)):  # expand $(BIN) -> $(VENV)/bin -> .venv/bin
        command = re.sub(r"\$\((\w+)\)", lambda m: variables.get(m.group(1), m.group(0)), command)
    result = subprocess.run(shlex.split(command), cwd=repo, capture_output=True, text=True, timeout=60)
    if result.returncode != 0:
        raise RuntimeError(f"`{command}` (from make run-public) failed:\n{result.stderr}")
    return dict(line.split("=", 1) for line in result.stdout.splitlines() if "=" in line)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    name: str
    process: subprocess.Popen
    port: int
    log_path: Path

    def log_tail(self, chars: int = 4000) -> str:
        return self.log_path.read_text(errors="replace")[-chars:]

    def stop(self) -> None:
        """Stop the server's whole process group: streamlit runs in a session of its own."""
        if self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=STOP_TIMEOUT_S)


def build_store(repo: Path, env: dict[str, str]) -> None:
    """Build the dashboard's store of `env` from data/, as `make run-public` does before the public server starts
    (that server only reads and never builds it)."""
    result = subprocess.run([sys.executable, "-m", "lib.core.seed"], cwd=repo, env={**os.environ, **env},
                            capture_output=True, text=True, timeout=STARTUP_TIMEOUT_S)
    if result.returncode != 0:
        raise RuntimeError(f"building the store (python -m lib.core.seed) failed:\n{result.stderr}")


def start_server(name: str, script: str, repo: Path, workdir: Path, env: dict[str, str]) -> Server:
    """`streamlit run script` from the repository root on a free loopback port; returns once healthy. A dashboard's
    store is built first (`make store`): no server builds its own."""
    if "DASBOR_DB_URL" in env:
        build_store(repo, env)
    port = free_port()
    command = [
        str(Path(sys.executable).with_name("streamlit")), "run", script,
        "--server.port", str(port),
        "--server.address", "127.0.0.1",
        "--server.headless", "true",
        # Other people edit the source while this runs: a file change must not rerun the sessions.
        "--server.fileWatcherType", "none",
    ]
    log_path = workdir / f"{name}.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, cwd=repo, env={**os.environ, **env}, stdout=log,
                                   stderr=subprocess.STDOUT, start_new_session=True)
    server = Server(name, process, port, log_path)
    try:
        wait_healthy(f"http://127.0.0.1:{server.port}", process, name, server.log_tail)
    except BaseException:
        server.stop()
        raise
    return server


@dataclass
class Topology(Server):
    """The deployment (deploy/topology.py) in a process of its own: its replicas, internal server and nginx are that
    process's children, so their memory and CPU are counted together; `port` is nginx's public port."""

    db_url: str = ""
    access_log: Path | None = None  # the public site's: which replica answered which request


def start_topology(replicas: int, workdir: Path) -> Topology:
    """nginx over `replicas` public replicas on a new PostgreSQL database, as `python -m deploy.topology` starts it."""
    log_path = workdir / "topologi.log"
    log = log_path.open("w")
    process = subprocess.Popen([sys.executable, "-m", "deploy.topology", "--replicas", str(replicas), "--workdir",
                                str(workdir / "topologi")], cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=log,
                               text=True, start_new_session=True)
    lines = [process.stdout.readline() for _ in range(3)]  # publik, internal, store: printed once all are healthy
    if process.poll() is not None or not lines[0].startswith("publik:"):
        raise RuntimeError(f"deploy.topology did not start:\n{log_path.read_text(errors='replace')[-4000:]}")
    urls = dict(line.split(":", 1) for line in lines)
    return Topology("topologi", process, int(urls["publik"].rsplit(":", 1)[1]), log_path, urls["store"].strip(),
                    workdir / "topologi" / "dasbor-publik.access.log")


def process_tree(pid: int) -> list[int]:
    """A process and all its descendants (Linux /proc); empty once it is gone."""
    found, pending = [], [pid]
    while pending:  # bounded: each process is visited once
        current = pending.pop()
        if current in found:
            continue
        try:
            for task in Path(f"/proc/{current}/task").iterdir():
                pending.extend(int(child) for child in (task / "children").read_text().split())
        except OSError:  # gone meanwhile
            continue
        found.append(current)
    return found


def tree_rss_bytes(pid: int) -> int:
    """Resident memory of a process and its descendants."""
    total = 0
    for member in process_tree(pid):
        try:
            status = Path(f"/proc/{member}/status").read_text()
        except OSError:
            continue
        if match := re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE):  # a zombie has none
            total += int(match.group(1)) * 1024
    return total


def tree_cpu_s(pid: int) -> float:
    """CPU time (user + system) used so far by a process and its living descendants."""
    ticks = 0
    for member in process_tree(pid):
        try:
            fields = Path(f"/proc/{member}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ticks += int(fields[11]) + int(fields[12])  # utime, stime: fields 14 and 15 of proc(5)
    return ticks / os.sysconf("SC_CLK_TCK")


class ServerWatch:
    """While a scenario runs: the server's peak resident memory (sampled every 100 ms) and the CPU it used."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak_bytes = 0
        self.cpu_s = 0.0
        self._task: asyncio.Task | None = None

    async def __aenter__(self) -> ServerWatch:
        self.count_cpu_from_now()
        self._task = asyncio.create_task(self._sample())
        return self

    def count_cpu_from_now(self) -> None:
        """Count the server's CPU from here on (from the measured part, after viewers have connected)."""
        self._cpu_at_start = tree_cpu_s(self.pid)

    async def __aexit__(self, *_exc) -> None:
        self._task.cancel()
        self.peak_bytes = max(self.peak_bytes, tree_rss_bytes(self.pid))
        self.cpu_s = tree_cpu_s(self.pid) - self._cpu_at_start

    async def _sample(self) -> None:
        for _ in range(MAX_MEMORY_SAMPLES):  # cancelled on exit from the scenario
            self.peak_bytes = max(self.peak_bytes, tree_rss_bytes(self.pid))
            await asyncio.sleep(MEMORY_SAMPLE_S)

    def numbers(self) -> dict[str, float]:
        return {"peak_rss_mb": round(self.peak_bytes / 2**20, 1), "server_cpu_s": round(self.cpu_s, 1)}
