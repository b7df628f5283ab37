"""What a browser tab does over plain HTTP around its WebSocket: it loads the page first and keeps the cookies the
site sets, and when the WebSocket drops it waits, pings the server until it answers and connects again.

The cookies matter behind nginx: the site pins a browser to a replica by its `dasbor_replika` cookie, set on the
first answer, so a viewer without cookies would land on a random replica at every connection. The timings of a
reconnection are those of Streamlit 1.67's front end (`ConnectionManager`: `nextReconnectDelayMs`, and the
pings of `doInitPings`), so a simulated crowd comes back as fast as browsers would, no faster.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from http.cookies import SimpleCookie
from random import Random

import requests

HEALTH_PATH = "_stcore/health"
HOST_CONFIG_PATH = "_stcore/host-config"
# The front end gives each ping, and each new WebSocket, 15 s before it counts as failed.
PING_TIMEOUT_S = WEBSOCKET_TIMEOUT_S = 15
# A browser that has no login token of its own names none (Streamlit checks it only to trust a login cookie).
NO_AUTH_TOKEN = "PLACEHOLDER_AUTH_TOKEN"
XSRF_COOKIE = "_streamlit_xsrf"
# Each browser has its own network stack: a killed replica's hundred viewers ping at once, and asyncio's default
# pool (a few threads) would queue their pings and add to the time they take to come back. Threads start lazily.
_HTTP_THREADS = ThreadPoolExecutor(max_workers=64, thread_name_prefix="viewer-http")


def reconnect_delay_s(attempt: int, rng: Random) -> float:
    """Wait before the `attempt`-th (1, 2, ...) try to reconnect: 250-500 ms first, then a random wait in the
    upper half of 0.5 s × 2^(attempt-1), at most 4 s (Streamlit's `nextReconnectDelayMs`)."""
    ceiling = min(4.0, 0.5 * 2 ** (attempt - 1))
    floor = 0.25 if attempt == 1 else ceiling / 2
    return floor + rng.random() * (ceiling - floor)


def ping_retry_s(attempt: int, rng: Random) -> float:
    """Wait after the `attempt`-th (1, 2, ...) failed ping: 100 ms, then 100 ms × 2^(attempt-1) at most 4 s, less
    up to 30 % at random (Streamlit's `doInitPings`)."""
    wait = min(4.0, 0.1 * 2 ** (attempt - 1))
    return wait if attempt == 1 else wait * (0.7 + rng.random() * 0.3)


class BrowserHttp:
    """One tab's HTTP side: GETs on the site's origin, with the cookies it sets kept and sent back (one origin,
    every cookie on Path=/, so a name -> value jar is the browser's)."""

    def __init__(self, origin: str, user_agent: str) -> None:
        self.origin = origin
        self._session = requests.Session()
        self._session.trust_env = False  # never through an HTTP(S)_PROXY from the environment: loopback only
        self._session.headers["User-Agent"] = user_agent

    async def get(self, path: str) -> int:
        """GET a path below the origin; its status (0 when nothing answered). In a thread: requests blocks."""
        def fetch() -> int:
            try:
                with self._session.get(f"{self.origin}/{path}", timeout=PING_TIMEOUT_S) as response:
                    return response.status_code
            except requests.RequestException:
                return 0

        return await asyncio.get_running_loop().run_in_executor(_HTTP_THREADS, fetch)

    async def server_answers(self) -> bool:
        """The front end's ping before it reconnects: health and host-config both answer 200."""
        return all(await asyncio.gather(*(self._ok(path) for path in (HEALTH_PATH, HOST_CONFIG_PATH))))

    async def _ok(self, path: str) -> bool:
        return await self.get(path) == 200

    def cookie_header(self) -> str:
        return "; ".join(f"{name}={value}" for name, value in self._session.cookies.items())

    def keep_cookies(self, set_cookie_headers: list[str]) -> None:
        """Keep what a response outside `get` (the WebSocket's handshake) set, as the browser does."""
        for header in set_cookie_headers:
            for name, morsel in SimpleCookie(header).items():
                self._session.cookies.set(name, morsel.value)

    def auth_token(self) -> str:
        """The second entry of the WebSocket's subprotocol header: the XSRF cookie's value if the site set one."""
        return self._session.cookies.get(XSRF_COOKIE) or NO_AUTH_TOKEN

    def close(self) -> None:
        self._session.close()
