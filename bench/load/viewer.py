"""One simulated viewer: a browser tab on one page, speaking Streamlit's WebSocket protocol.

Besides the filter changes it is told to make, a viewer does what an open browser tab does by itself: it
reruns every `run_every` fragment on the fragment's interval (the dashboard's release check, every 15 s),
keeps the message cache, follows the address bar the app rewrites, and sends every widget's value.

A change is timed from sending its rerun request to the `script_finished` of the full run that answers it:
the first full run whose `new_session` arrives after the request (or the newest one, if a fragment reruns the
whole app meanwhile). A viewer makes one change at a time, as a person waits for the page to update.

Like a browser, a viewer loads the page over HTTP before it connects and keeps the cookies the site sets (nginx
pins it to a replica by one), and when its WebSocket drops it reconnects as Streamlit's front end does: it waits,
pings the server until it answers, opens a new WebSocket offering its last session id, and requests a run with
every widget's value. Each drop is kept in `reconnects`, with when the page was back, or why it never was.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from dataclasses import dataclass
from random import Random

from google.protobuf.message import DecodeError
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, WebSocketException
from websockets.typing import Origin, Subprotocol

from bench.load.browser import WEBSOCKET_TIMEOUT_S, BrowserHttp, ping_retry_s, reconnect_delay_s
from bench.load.message_cache import CacheMiss, MessageCache
from bench.load.pages import Page, floor_query
from bench.load.protocol import STREAM_PATH, SUBPROTOCOL, RerunRequest, decode, encode_rerun, problem, run_of
from bench.load.widgets import WidgetBoard, pick_value

CHANGE_TIMEOUT_S = 60
# A first run may build the store from data/ (about 10 s) or queue behind a crowd's first runs.
OPEN_TIMEOUT_S = 180
# Bound on a fragment timer's ticks; the timer is cancelled with its page long before.
MAX_TIMER_TICKS = 100_000
DEFAULT_MAX_CACHED_MESSAGE_AGE = 2
# A dropped viewer not back by then has lost its page (a browser would go on trying; the benchmark stops counting).
RECONNECT_TIMEOUT_S = 120
USER_AGENT = "dasbor-bench-viewer"


class ViewerError(RuntimeError):
    pass


@dataclass(frozen=True)
class Outcome:
    """One request for a full run: when it was sent, how long until it finished, what it cost on the wire."""

    sent_at: float  # time.monotonic()
    latency_s: float | None  # None when it failed
    bytes: int  # ForwardMsg bytes received from the request to the finish (protobuf, before compression)
    error: str | None = None


@dataclass
class Reconnect:
    """One dropped WebSocket: when the viewer saw it drop, and when its page was back (the rerun it requested on
    the new WebSocket finished), or the error that kept it from coming back."""

    dropped_at: float  # time.monotonic()
    back_at: float | None = None
    error: str | None = None


@dataclass
class _Awaited:
    sent_at: float
    done: asyncio.Future  # (finished_at, error or None)
    run_id: str | None = None
    run_started_at: float | None = None  # when the first full run after the request began
    bytes: int = 0

    def settle(self, error: str | None = None) -> None:
        if not self.done.done():
            self.done.set_result((time.monotonic(), error))


class Viewer:
    """A browser tab: `open()`, then `change_filter()` as often as wanted, then `close()`."""

    def __init__(self, port: int, page: Page, query_string: str, rng: Random, label: str = "") -> None:
        self.origin = f"http://127.0.0.1:{port}"
        # Its own User-Agent, so the proxy's access log tells which replica served it.
        self.user_agent = f"{USER_AGENT}/{label or page.name}"
        self.http = BrowserHttp(self.origin, self.user_agent)
        self.page = page
        self.query_string = query_string  # the address bar, which page_info_changed rewrites
        self.rng = rng
        self.page_script_hash = ""
        self.widgets = WidgetBoard()
        self.cache = MessageCache()
        self.max_cached_message_age = DEFAULT_MAX_CACHED_MESSAGE_AGE
        self.counts: Counter[str] = Counter()  # fragment_reruns_sent, fragment_runs, interrupted_runs
        self.background_errors: list[str] = []  # errors outside any awaited run (e.g. in a fragment run)
        self.full_runs: list[tuple[float, float]] = []  # (new_session received, script_finished received)
        self.reconnects: list[Reconnect] = []
        self._session_id = ""  # offered back when reconnecting, as the browser does
        self._reconnecting: asyncio.Task | None = None
        self._timers: dict[str, tuple[float, asyncio.Task]] = {}
        self._awaited: _Awaited | None = None
        self._run_started_at = 0.0
        self._new_session_since_request = False
        self._closing = False
        self._socket: ClientConnection | None = None
        self._receiver: asyncio.Task | None = None

    # --- what the benchmark asks of a viewer -------------------------------------------------------

    async def open(self) -> Outcome:
        """Load the page, connect and run it; raise ViewerError if it does not come up with its filters."""
        status = await self.http.get(self.page.path)
        if status != 200:
            raise ViewerError(f"{self.page.name}: loading the page: HTTP status {status or 'none'}")
        await self._connect(OPEN_TIMEOUT_S)
        outcome = await self._run_full(OPEN_TIMEOUT_S)
        if outcome.error:
            raise ViewerError(f"{self.page.name}: first run: {outcome.error}")
        if self.page.filters and not self.widgets.changeable(self.page.filters):
            raise ViewerError(f"{self.page.name}: none of its filters {self.page.filters} is on the page")
        return outcome

    async def change_filter(self) -> Outcome:
        """Pick another value for one of the page's filters, as a person would, and wait for the page (first for
        the page to come back, if the WebSocket dropped: a browser shows no page to change meanwhile)."""
        if self._reconnecting is not None:
            await asyncio.shield(self._reconnecting)
            if self.reconnects[-1].error:
                return Outcome(time.monotonic(), None, 0, f"page lost: {self.reconnects[-1].error}")
        if self.page.filters:
            widgets = self.widgets.changeable(self.page.filters)
            if not widgets:
                return Outcome(time.monotonic(), None, 0, f"no filter of {self.page.filters} to change")
            widget = self.rng.choice(widgets)
            self.widgets.choose(widget.id, pick_value(self.rng, widget, self.widgets.values.get(widget.id)))
        else:
            self.query_string = floor_query(self.rng)  # no widgets: a dummy URL parameter changes
        return await self._run_full(CHANGE_TIMEOUT_S)

    async def close(self) -> None:
        self._closing = True
        for fragment_id in list(self._timers):
            self._stop_timer(fragment_id)
        if (reconnecting := self._reconnecting) is not None:
            reconnecting.cancel()
            await asyncio.gather(reconnecting, return_exceptions=True)
        if self._socket is not None:
            await self._socket.close()
        if self._receiver is not None:
            await self._receiver
        self.http.close()

    # --- the WebSocket, and connecting it again when it drops ----------------------------------------

    async def _connect(self, timeout_s: float) -> None:
        """Open the WebSocket with the page's cookies (and, after a drop, the last session's id), and listen."""
        session = [self._session_id] if self._session_id else []
        cookies = self.http.cookie_header()
        try:
            self._socket = await connect(
                self.origin.replace("http", "ws", 1) + STREAM_PATH,
                subprotocols=[Subprotocol(p) for p in (SUBPROTOCOL, self.http.auth_token(), *session)],
                origin=Origin(self.origin),
                additional_headers={"Cookie": cookies} if cookies else None,
                user_agent_header=self.user_agent,
                max_size=None,  # a map's run can exceed the 1 MiB default
                proxy=None,  # never through an HTTP(S)_PROXY from the environment: loopback only
                ping_interval=None,  # browsers send no pings
                open_timeout=timeout_s,
            )
        except (OSError, TimeoutError, WebSocketException) as error:
            raise ViewerError(f"{self.page.name}: cannot connect: {error}") from error
        self.http.keep_cookies(self._socket.response.headers.get_all("Set-Cookie"))
        self._receiver = asyncio.create_task(self._receive())

    def _dropped(self) -> None:
        """The server closed the WebSocket (or vanished): the run awaited on it fails, and the viewer reconnects
        in the background, as the front end does. A drop while reconnecting fails that reconnection's rerun."""
        if self._awaited is not None:
            self._awaited.settle("socket closed by the server")
        if self._reconnecting is None:
            self.reconnects.append(Reconnect(time.monotonic()))
            self._reconnecting = asyncio.create_task(self._reconnect(self.reconnects[-1]))

    async def _reconnect(self, record: Reconnect) -> None:
        try:
            await asyncio.wait_for(self._come_back(), RECONNECT_TIMEOUT_S)
            record.back_at = time.monotonic()
        except TimeoutError:
            record.error = f"not back within {RECONNECT_TIMEOUT_S} s"
        except ViewerError as error:
            record.error = str(error)
        except asyncio.CancelledError:
            record.error = "still reconnecting when the tab closed"
            raise
        finally:
            self._reconnecting = None

    async def _come_back(self) -> None:
        """Wait, ping until the server answers, connect, then rerun the page with every widget's value (the
        front end reruns when the page has auto-rerun timers, and every page here has the release check's)."""
        for attempt in range(1, MAX_TIMER_TICKS):  # bounded by RECONNECT_TIMEOUT_S long before
            await asyncio.sleep(reconnect_delay_s(attempt, self.rng))
            for ping in range(1, MAX_TIMER_TICKS):
                if await self.http.server_answers():
                    break
                await asyncio.sleep(ping_retry_s(ping, self.rng))
            try:
                await self._connect(WEBSOCKET_TIMEOUT_S)
                break
            except ViewerError:
                continue
        outcome = await self._run_full(CHANGE_TIMEOUT_S)
        if outcome.error:
            raise ViewerError(f"{self.page.name}: rerun after reconnecting: {outcome.error}")

    # --- requests -------------------------------------------------------------------------------

    async def _run_full(self, timeout_s: float) -> Outcome:
        """Request a full run and wait for its finish; the timeout covers the send too (a saturated server
        stops reading, and then a send waits for room in the socket)."""
        awaited = _Awaited(time.monotonic(), asyncio.get_running_loop().create_future())
        self._awaited = awaited
        try:
            finished_at, error = await asyncio.wait_for(self._request(awaited), timeout_s)
        except ConnectionClosed:
            finished_at, error = time.monotonic(), "socket closed"
        except TimeoutError:
            started = ("its run never started" if awaited.run_started_at is None else
                       f"its run started after {awaited.run_started_at - awaited.sent_at:.0f} s")
            finished_at, error = time.monotonic(), f"no script_finished within {timeout_s} s ({started})"
        finally:
            self._awaited = None
        latency = None if error else finished_at - awaited.sent_at
        return Outcome(awaited.sent_at, latency, awaited.bytes, error)

    async def _request(self, awaited: _Awaited) -> tuple[float, str | None]:
        await self._send_rerun()
        return await awaited.done

    async def _send_rerun(self, fragment_id: str = "") -> None:
        query = f"?{self.query_string}" if self.query_string else ""
        request = RerunRequest(
            query_string=self.query_string,
            # The URL path names the page until the server has said which script it is.
            page_name="" if self.page_script_hash else self.page.path,
            page_script_hash=self.page_script_hash,
            url=f"{self.origin}/{self.page.path}{query}",
            widget_states=self.widgets.states(),
            cached_message_hashes=self.cache.hashes(),
            fragment_id=fragment_id,
        )
        self._new_session_since_request = False
        await self._socket.send(encode_rerun(request))

    # --- fragment timers, as the browser keeps them ----------------------------------------------

    def _follow_auto_rerun(self, interval: float, fragment_id: str) -> None:
        """Start the fragment's timer, unless one with this interval runs (the browser keeps it then)."""
        if fragment_id in self._timers and self._timers[fragment_id][0] == interval:
            return
        self._stop_timer(fragment_id)
        self._timers[fragment_id] = (interval, asyncio.create_task(self._tick(interval, fragment_id)))

    async def _tick(self, interval: float, fragment_id: str) -> None:
        for _ in range(MAX_TIMER_TICKS):
            await asyncio.sleep(interval)
            try:
                await self._send_rerun(fragment_id)
            except ConnectionClosed:
                return
            self.counts["fragment_reruns_sent"] += 1

    def _stop_timer(self, fragment_id: str) -> None:
        timer = self._timers.pop(fragment_id, None)
        if timer is not None:
            timer[1].cancel()

    # --- what arrives ---------------------------------------------------------------------------

    async def _receive(self) -> None:
        """Handle every frame until the connection ends; then, unless the tab is closing, it dropped. A frame the
        viewer cannot read ends the listening for good (the front end gives up on the connection too)."""
        try:
            async for data in self._socket:  # ends with the connection
                self._on_frame(data)
        except ConnectionClosed:
            pass
        except CacheMiss as miss:
            self._report(f"ref_hash {miss} not in the message cache")
            return
        except DecodeError as error:
            self._report(f"not a ForwardMsg: {error}")
            return
        if not self._closing:
            self._dropped()

    def _report(self, error: str) -> None:
        """An error belongs to the run being awaited, if any (once), else to the viewer's background."""
        if self._awaited is None:
            self.background_errors.append(error)
        else:
            self._awaited.settle(error)

    def _on_frame(self, data: bytes) -> None:
        if self._awaited is not None:
            self._awaited.bytes += len(data)
        message = self.cache.receive(decode(data))
        if (error := problem(message)) is not None:
            self._report(error)
        kind = message.WhichOneof("type")
        if kind == "new_session":
            self._on_new_session(message)
        elif kind == "navigation":
            self.page_script_hash = message.navigation.page_script_hash
        elif kind == "delta" and message.delta.WhichOneof("type") == "new_element":
            self.widgets.see(message.delta.new_element)
        elif kind == "page_info_changed":
            self.query_string = message.page_info_changed.query_string
        elif kind == "auto_rerun":
            self._follow_auto_rerun(message.auto_rerun.interval, message.auto_rerun.fragment_id)
        elif kind == "stop_auto_rerun":
            for fragment_id in message.stop_auto_rerun.fragment_ids:
                self._stop_timer(fragment_id)
        elif kind == "script_finished":
            self._on_script_finished(message)
        # Nothing else (page_config_changed, session_status_changed, parent_message, logo, page_profile,
        # git_info_changed, heartbeat_ack, ...) changes what a viewer sends next.

    def _on_new_session(self, message: ForwardMsg) -> None:
        run_id, fragment_ids = run_of(message)
        self._new_session_since_request = True
        self.max_cached_message_age = message.new_session.config.max_cached_message_age
        self._session_id = message.new_session.initialize.session_id or self._session_id
        if fragment_ids:
            return
        self.page_script_hash = message.new_session.page_script_hash
        # A full run clears the browser's fragment timers; the run's auto_rerun messages start them again.
        for fragment_id in list(self._timers):
            self._stop_timer(fragment_id)
        self.widgets.start_full_run()
        self._run_started_at = time.monotonic()
        if self._awaited is not None:
            self._awaited.run_id = run_id
            if self._awaited.run_started_at is None:
                self._awaited.run_started_at = self._run_started_at

    def _on_script_finished(self, message: ForwardMsg) -> None:
        status = message.script_finished
        run_id, fragment_ids = run_of(message)
        if status != ForwardMsg.FINISHED_EARLY_FOR_RERUN and run_id and self._new_session_since_request:
            self.cache.run_finished(self.max_cached_message_age, list(fragment_ids))
        if status == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
            self.counts["interrupted_runs"] += 1
        elif status == ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY:
            self.counts["fragment_runs"] += 1
        elif status == ForwardMsg.FINISHED_SUCCESSFULLY and not fragment_ids:
            self.widgets.end_full_run()
            self.full_runs.append((self._run_started_at, time.monotonic()))
            awaited = self._awaited
            if awaited is not None and awaited.run_id and run_id in ("", awaited.run_id):
                awaited.settle()
