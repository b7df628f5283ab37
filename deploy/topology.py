"""The deployment on one machine, for the tests and the load bench: the migrate step, N public replicas and the
internal server started as `deploy/systemd`'s units say, and nginx on `deploy/nginx`'s site, all on loopback.

    .venv/bin/python -m deploy.topology --replicas 2     # on a new PostgreSQL database (scripts/postgres.sh)

The units are read, not copied: their ExecStart, Environment and EnvironmentFile lines are what runs, with the
server's paths (/opt/dasbor, /etc/dasbor) mapped to this checkout and a work folder.
"""

from __future__ import annotations

import argparse
import os
import secrets
import shlex
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa

from deploy import render

REPO = Path(__file__).resolve().parents[1]
UNITS = REPO / "deploy" / "systemd"
SERVER_ROOT = "/opt/dasbor"
STARTUP_TIMEOUT_S = 120
SUPERVISE_EVERY_S = 0.2
# urllib would send even loopback requests through an HTTP(S)_PROXY from the environment.
DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def read_unit(name: str) -> dict[str, list[str]]:
    """The [Service] settings of a unit file: name -> its values, in order."""
    settings: dict[str, list[str]] = {}
    section = None
    for line in (UNITS / name).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith("["):
            section = line
        elif section == "[Service]" and "=" in line and not line.startswith("#"):
            key, value = line.split("=", 1)
            settings.setdefault(key, []).append(value)
    return settings


def read_env_file(path: Path) -> dict[str, str]:
    pairs = (line.split("=", 1) for line in path.read_text(encoding="utf-8").splitlines()
             if "=" in line and not line.lstrip().startswith("#"))
    return {key.strip(): value.strip() for key, value in pairs}


@dataclass
class Unit:
    """A unit's command and environment as it would run on the server, mapped to this machine."""

    argv: list[str]
    env: dict[str, str]
    restart_s: float | None = None  # the unit's RestartSec when it says Restart=always; None: never restarted

    @classmethod
    def of(cls, name: str, env_files: dict[str, Path], instance: str = "", port: int | None = None) -> Unit:
        settings = read_unit(name)
        env = {**os.environ}
        for path in settings.get("EnvironmentFile", []):
            env |= read_env_file(env_files[path])
        for assignment in settings.get("Environment", []):
            key, value = assignment.split("=", 1)
            env[key] = value
        (command,) = settings["ExecStart"]
        argv = shlex.split(command.replace("%i", instance).replace(f"{SERVER_ROOT}/.venv/bin/", f"{Path(sys.executable).parent}/"))
        if port is not None and "--server.port" in argv:
            argv[argv.index("--server.port") + 1] = str(port)
        restart_s = _seconds(settings.get("RestartSec", ["100ms"])[-1]) if settings.get("Restart") == ["always"] else None
        return cls(argv, env, restart_s)


def _seconds(span: str) -> float:
    """A systemd time span as RestartSec takes it: `2`, `2s`, `500ms`."""
    return float(span[:-2]) / 1000 if span.endswith("ms") else float(span.rstrip("s"))


@dataclass
class Process:
    name: str
    popen: subprocess.Popen
    log_path: Path
    port: int | None = None
    unit: Unit | None = None  # what started it, to start it again

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def kill(self, sig: int = signal.SIGKILL) -> None:
        if self.popen.poll() is None:
            os.killpg(self.popen.pid, sig)
            self.popen.wait(timeout=30)


@dataclass
class Topology:
    workdir: Path
    db_url: str
    public_url: str
    internal_url: str
    replicas: list[Process]
    internal: Process
    nginx: Process
    env_files: dict[str, Path] = field(default_factory=dict)
    _stopping: threading.Event = field(default_factory=threading.Event)
    _supervisor: threading.Thread | None = None

    def access_log(self, site: str = "publik") -> str:
        path = self.workdir / f"dasbor-{site}.access.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def supervise(self) -> None:
        """From now until `stop()`, start a replica or the internal server again when it exits, `RestartSec` after, as
        systemd does for units that say `Restart=always`: a killed replica comes back on its port."""
        self._supervisor = threading.Thread(target=self._restart_exited, name="topology-supervisor", daemon=True)
        self._supervisor.start()

    def _restart_exited(self) -> None:
        exited_at: dict[str, float] = {}

        def started_again(process: Process) -> Process:
            """`process`, or its successor once it has been gone for its unit's RestartSec."""
            if process.popen.poll() is None or process.unit is None or process.unit.restart_s is None:
                return process
            since = exited_at.setdefault(process.name, time.monotonic())
            if time.monotonic() - since < process.unit.restart_s or self._stopping.is_set():
                return process
            del exited_at[process.name]
            return _start(process.name, process.unit, self.workdir, process.port)

        while not self._stopping.wait(SUPERVISE_EVERY_S):
            self.replicas[:] = [started_again(replica) for replica in self.replicas]
            self.internal = started_again(self.internal)

    def stop(self) -> None:
        self._stopping.set()
        if self._supervisor is not None:
            self._supervisor.join()
        for process in [self.nginx, *self.replicas, self.internal]:
            if process.popen.poll() is None:
                os.killpg(process.popen.pid, signal.SIGTERM)
        for process in [self.nginx, *self.replicas, self.internal]:
            try:
                process.popen.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()


def _start(name: str, unit: Unit, workdir: Path, port: int | None = None) -> Process:
    log_path = workdir / f"{name}.log"
    with log_path.open("ab") as log:
        popen = subprocess.Popen(unit.argv, cwd=REPO, env=unit.env, stdout=log, stderr=subprocess.STDOUT,
                                 start_new_session=True)
    return Process(name, popen, log_path, port, unit)


def wait_healthy(url: str, popen: subprocess.Popen, name: str, log: Callable[[], str],
                 timeout: float = STARTUP_TIMEOUT_S) -> None:
    """Return once the Streamlit server at `url` (or nginx in front of one) answers its health check; fail with the end
    of `log` as soon as its process exits, or after `timeout` s. The topology, the e2e tests and the load bench all
    wait with this."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if popen.poll() is not None:
            raise RuntimeError(f"{name} exited with {popen.returncode}:\n{log()[-4000:]}")
        try:
            with DIRECT.open(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200 and response.read().strip() == b"ok":
                    return
        except OSError:
            pass
        time.sleep(0.3)
    raise TimeoutError(f"{name} not healthy after {timeout} s:\n{log()[-4000:]}")


def postgres_database() -> str:
    """A new database on the throwaway PostgreSQL server of scripts/postgres.sh (started if needed)."""
    admin = subprocess.run(["bash", str(REPO / "scripts" / "postgres.sh")], check=True, capture_output=True,
                           text=True).stdout.strip()
    database = f"topologi_{uuid.uuid4().hex[:12]}"
    engine = sa.create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{database}"')
    engine.dispose()
    return sa.make_url(admin).set(database=database).render_as_string(hide_password=False)


def nginx_conf(workdir: Path, site: str) -> str:
    """nginx's main file around the site, with every path in the work folder (Debian's nginx.conf, in short)."""
    temp = workdir / "nginx-temp"
    temp.mkdir(exist_ok=True)
    user = "user root;\n" if os.geteuid() == 0 else ""
    return (f"{user}worker_processes 2;\npid {workdir}/nginx.pid;\nerror_log {workdir}/nginx-error.log warn;\n"
            "events { worker_connections 4096; }\n"
            "http {\n  include /etc/nginx/mime.types;\n  default_type application/octet-stream;\n  gzip on;\n"
            f"  client_body_temp_path {temp}/body;\n  proxy_temp_path {temp}/proxy;\n"
            f"  fastcgi_temp_path {temp}/fastcgi;\n  uwsgi_temp_path {temp}/uwsgi;\n  scgi_temp_path {temp}/scgi;\n"
            f"{site}\n}}\n")


def start(workdir: Path, replicas: int = 2, db_url: str | None = None) -> Topology:
    """The whole topology, healthy through nginx and supervised as systemd would (`Topology.supervise`); `db_url`
    defaults to a new PostgreSQL database."""
    subprocess.run(["bash", str(REPO / "scripts" / "install_nginx.sh")], check=True)
    workdir.mkdir(parents=True, exist_ok=True)
    db_url = db_url or postgres_database()
    from lib.ui.hardening import public_server_env

    env_files = {"/etc/dasbor/dasbor.env": workdir / "dasbor.env", "/etc/dasbor/publik.env": workdir / "publik.env"}
    shared = {"DASBOR_DB_URL": db_url, "STREAMLIT_SERVER_COOKIE_SECRET": secrets.token_hex(32),
              "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
    env_files["/etc/dasbor/dasbor.env"].write_text("".join(f"{k}={v}\n" for k, v in shared.items()), encoding="utf-8")
    env_files["/etc/dasbor/publik.env"].write_text("".join(f"{k}={v}\n" for k, v in public_server_env().items()),
                                                   encoding="utf-8")
    migrate = Unit.of("dasbor-migrate.service", env_files)
    subprocess.run(migrate.argv, cwd=REPO, env=migrate.env, check=True, capture_output=True, timeout=STARTUP_TIMEOUT_S)

    internal_port = free_port()
    internal = _start("internal", Unit.of("dasbor-internal.service", env_files, port=internal_port), workdir,
                      internal_port)
    started = [internal]
    try:
        public = []
        for _ in range(replicas):
            port = free_port()
            public.append(_start(f"publik-{port}", Unit.of("dasbor-public@.service", env_files, str(port)), workdir, port))
            started.append(public[-1])
        for process in started:
            wait_healthy(f"http://127.0.0.1:{process.port}", process.popen, process.name, process.log)
        public_port, internal_nginx_port = free_port(), free_port()
        site = render.site([p.port for p in public], [internal_port], public_listen=f"127.0.0.1:{public_port}",
                           internal_listen=f"127.0.0.1:{internal_nginx_port}", log_dir=str(workdir),
                           snippets=str(render.SNIPPETS))
        (workdir / "nginx.conf").write_text(nginx_conf(workdir, site), encoding="utf-8")
        nginx = _start("nginx", Unit(["nginx", "-c", str(workdir / "nginx.conf"), "-p", str(workdir), "-g",
                                      "daemon off;"], {**os.environ}), workdir)
        started.append(nginx)
        topology = Topology(workdir, db_url, f"http://127.0.0.1:{public_port}",
                            f"http://127.0.0.1:{internal_nginx_port}", public, internal, nginx, env_files)
        wait_healthy(topology.public_url, nginx.popen, nginx.name, nginx.log)
        wait_healthy(topology.internal_url, nginx.popen, nginx.name, nginx.log)
        topology.supervise()
        return topology
    except BaseException:
        for process in started:
            process.kill()
        raise


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replicas", type=int, default=2)
    parser.add_argument("--workdir", type=Path, default=REPO / "var" / "topologi")
    parser.add_argument("--db-url", help="the store (default: a new database on scripts/postgres.sh's server)")
    options = parser.parse_args()
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # stop every process on SIGTERM as on Ctrl+C
    topology = start(options.workdir, options.replicas, options.db_url)
    print(f"publik:   {topology.public_url}\ninternal: {topology.internal_url}\nstore:    {topology.db_url}", flush=True)
    try:
        signal.pause()
    except KeyboardInterrupt:
        pass
    finally:
        topology.stop()


if __name__ == "__main__":
    main()
