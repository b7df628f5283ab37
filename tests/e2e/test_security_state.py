"""Security state against a visitor who speaks Streamlit's websocket protocol directly, as an attacker would
(with the load bench's encoder, bench/load/protocol.py; no browser):

- a `clear_cache` message, which Streamlit accepts from any client whatever the toolbar mode and which empties
  `st.cache_resource`, resets no failed login on the internal server and makes the public server open nothing
  writable;
- a reconnect with a logged-in session's id after log-out or 30 idle minutes gets the login form.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import ClientConnection, connect
from websockets.typing import Origin, Subprotocol

from bench.load.protocol import STREAM_PATH, SUBPROTOCOL, RerunRequest, decode, encode_rerun
from lib.core import seed
from lib.core.store import Store, create_store_engine, sesi_staf
from lib.ingest import accounts
from tests import databases

from .harness import AppServer, start_app


def run_apart(coroutine):
    """`asyncio.run` in a thread of its own: a browser test before this one in the same worker leaves Playwright's
    event loop running in the main thread, where `asyncio.run` refuses to start."""
    with ThreadPoolExecutor(max_workers=1) as thread:
        return thread.submit(asyncio.run, coroutine).result()

PASSWORD = "kata-sandi-uji-serangan"
RUN_TIMEOUT_S = 120


@dataclass
class Run:
    """What one script run sent: the page's script hash, widgets by label, and the alert texts."""

    page_script_hash: str = ""
    session_id: str = ""
    widgets: dict[str, str] = field(default_factory=dict)  # label -> widget id
    alerts: list[str] = field(default_factory=list)


class Tab:
    """One browser session on one page, as a script speaks it."""

    def __init__(self, server: AppServer, page: str, resume: Run | None = None) -> None:
        """`resume`: the last run of a session to reconnect to, by its session id, as a browser does after a drop."""
        self.server, self.page, self.last = server, page, resume or Run()
        self.socket: ClientConnection | None = None

    async def __aenter__(self) -> Tab:
        # The header's second entry is an XSRF token (none here), its third the session to resume.
        protocols = [SUBPROTOCOL, *(["-", self.last.session_id] if self.last.session_id else [])]
        self.socket = await connect(self.server.url.replace("http", "ws", 1) + STREAM_PATH,
                                    subprotocols=[Subprotocol(p) for p in protocols], origin=Origin(self.server.url),
                                    max_size=None, proxy=None, ping_interval=None)
        await self.run()
        return self

    async def __aexit__(self, *_exc) -> None:
        await self.socket.close()

    async def run(self, widget_states: list[WidgetState] = ()) -> Run:
        request = RerunRequest(query_string="", page_name="" if self.last.page_script_hash else self.page,
                               page_script_hash=self.last.page_script_hash, url=f"{self.server.url}/{self.page}",
                               widget_states=list(widget_states))
        await self.socket.send(encode_rerun(request))
        run = Run(self.last.page_script_hash, self.last.session_id)
        async with asyncio.timeout(RUN_TIMEOUT_S):
            while True:
                message = decode(await self.socket.recv())
                kind = message.WhichOneof("type")
                if kind == "new_session":
                    run.session_id = message.new_session.initialize.session_id
                elif kind == "navigation":  # the page's own script, which later runs name
                    run.page_script_hash = message.navigation.page_script_hash
                elif kind == "delta" and message.delta.WhichOneof("type") == "new_element":
                    element = message.delta.new_element
                    inner = element.WhichOneof("type")
                    if inner == "alert":
                        run.alerts.append(element.alert.body)
                    elif inner in ("text_input", "button"):
                        widget = getattr(element, inner)
                        run.widgets[widget.label] = widget.id
                elif (kind == "script_finished" and not message.metadata.run.fragment_ids
                      and message.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN):  # st.rerun: run again
                    self.last = run
                    return run

    async def log_in(self, username: str, password: str) -> Run:
        widgets = self.last.widgets
        return await self.run([WidgetState(id=widgets["Nama pengguna"], string_value=username),
                               WidgetState(id=widgets["Kata sandi"], string_value=password),
                               WidgetState(id=widgets["Masuk"], trigger_value=True)])

    async def click(self, label: str) -> Run:
        return await self.run([WidgetState(id=self.last.widgets[label], trigger_value=True)])

    async def clear_cache(self) -> None:
        await self.socket.send(BackMsg(clear_cache=True).SerializeToString())


@pytest.fixture(scope="module")
def servers(tmp_path_factory: pytest.TempPathFactory, fixture_data_dir: Path) -> Iterator[dict[str, AppServer]]:
    """An internal server with a password account and a public one, on one store built before either starts."""
    workdir = tmp_path_factory.mktemp("clear-cache")
    db_url = databases.new_url(workdir)
    engine = create_store_engine(db_url)
    seed.build(Store(engine), data_dir=fixture_data_dir)
    engine.dispose()
    secrets = workdir / "secrets.toml"
    hashed = accounts.hash_password(PASSWORD)
    # Two accounts: `bappeda` is made to wait by the guessing test, `dinsos` logs in for the reconnect tests.
    secrets.write_text(f'[kelola.akun]\nbappeda = "{hashed}"\ndinsos = "{hashed}"\n', encoding="utf-8")
    started = {}
    try:
        started["internal"] = start_app(workdir, mode="internal", secrets=secrets, db_url=db_url)
        started["public"] = start_app(workdir, mode="public", db_url=db_url)
        yield started
    finally:
        for server in started.values():
            server.stop()


async def _guess_then_clear_then_log_in(internal: AppServer) -> tuple[list[Run], Run]:
    async with Tab(internal, "kelola") as attacker:
        guesses = [await attacker.log_in("bappeda", f"tebakan-{i}") for i in range(accounts.MAX_FAILURES)]
        await attacker.clear_cache()
        await attacker.run()  # the next run builds the cleared caches again
    async with Tab(internal, "kelola") as staff:  # a fresh session right after, with the right password
        return guesses, await staff.log_in("bappeda", PASSWORD)


def test_a_cache_clear_resets_no_failed_login(servers):
    guesses, after = run_apart(_guess_then_clear_then_log_in(servers["internal"]))
    assert "Coba lagi dalam" in guesses[-1].alerts[-1]
    assert any("Terlalu banyak percobaan gagal" in alert for alert in after.alerts), after.alerts
    assert "Keluar" not in after.widgets  # not logged in


def _points_to(fd: Path, database: Path) -> bool:
    try:
        return Path(os.readlink(fd)) == database
    except OSError:  # closed meanwhile
        return False


def _writable_opens(pid: int, database: Path) -> list[str]:
    """The process's writable open files of the SQLite database itself (not its -shm/-wal), with their flags."""
    found = []
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        if _points_to(fd, database):
            flags = int(Path(f"/proc/{pid}/fdinfo/{fd.name}").read_text().split("flags:")[1].split()[0], 8)
            if flags & (os.O_WRONLY | os.O_RDWR):
                found.append(f"fd {fd.name} flags {flags:o}")
    return found


async def _clear_on_public(public: AppServer) -> tuple[Run, Run]:
    async with Tab(public, "") as visitor:
        before = visitor.last
        await visitor.clear_cache()
        return before, await visitor.run()


@databases.sqlite_only  # on PostgreSQL every session of the public server is read-only (tests/unit/test_hardening.py)
def test_a_cache_clear_makes_the_public_server_open_nothing_writable(servers):
    public = servers["public"]
    database = databases.sqlite_path(public.db_url).resolve()
    before, after = run_apart(_clear_on_public(public))
    for run in (before, after):  # the page served from the store, before and after
        assert run.page_script_hash and not any("belum dibangun" in alert for alert in run.alerts), run.alerts
    opened = [fd for fd in Path(f"/proc/{public.process.pid}/fd").iterdir() if _points_to(fd, database)]
    assert opened, "the public server holds no connection to the store"
    assert _writable_opens(public.process.pid, database) == []


def _idle(db_url: str, minutes: float) -> None:
    """Every staff session of the store as if its last page run were `minutes` longer ago."""
    engine = create_store_engine(db_url)
    with engine.begin() as conn:
        conn.execute(sesi_staf.update().values(terakhir_aktif=sesi_staf.c.terakhir_aktif - minutes * 60))
    engine.dispose()


async def _log_in_then_reconnect(internal: AppServer, log_out: bool) -> tuple[Run, Run]:
    async with Tab(internal, "kelola") as staff:
        logged_in = await staff.log_in("dinsos", PASSWORD)
        if log_out:
            await staff.click("Keluar")
        else:
            _idle(internal.db_url, 31)
    async with Tab(internal, "kelola", resume=logged_in) as intruder:  # the same session id, after the drop
        return logged_in, intruder.last


@pytest.mark.parametrize("log_out", [False, True], ids=["after-30-idle-minutes", "after-log-out"])
def test_a_reconnect_with_the_session_id_of_an_ended_staff_session_gets_the_login_form(servers, log_out):
    logged_in, reconnected = run_apart(_log_in_then_reconnect(servers["internal"], log_out))
    assert "Keluar" in logged_in.widgets  # the staff member was in
    assert reconnected.session_id == logged_in.session_id  # the same server-side session, resumed
    assert "Keluar" not in reconnected.widgets and {"Nama pengguna", "Kata sandi"} <= set(reconnected.widgets)
