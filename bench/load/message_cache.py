"""The browser's ForwardMsg cache, so the server sends what it sends a browser.

A delta of at least `global.minCachedMessageSize` (10 kB) arrives marked `cacheable`. The browser keeps it and
lists its hash in every rerun request (`ClientState.cached_message_hashes`); when a later run produces the
same message, the server sends only a `ref_hash` to it. Every finished run ages the entries, and one not used
for more than `max_cached_message_age` runs (from `new_session.config`, default 2) is dropped; a fragment run
ages only that fragment's entries. A client that skips this receives every large element again in full.
"""

from __future__ import annotations

from dataclasses import dataclass

from streamlit.proto.ForwardMsg_pb2 import ForwardMsg


class CacheMiss(KeyError):
    """The server referred to a message this client never cached: a protocol error."""


@dataclass
class _Entry:
    message: ForwardMsg
    last_used_run: int
    fragment_id: str


class MessageCache:
    def __init__(self) -> None:
        self._entries: dict[str, _Entry] = {}
        self._runs = 0

    def hashes(self) -> list[str]:
        return list(self._entries)

    def receive(self, message: ForwardMsg) -> ForwardMsg:
        """Keep a cacheable message; replace a `ref_hash` by the cached message (with the reference's metadata)."""
        if message.WhichOneof("type") != "ref_hash":
            if message.metadata.cacheable and message.hash:
                if message.hash in self._entries:  # seen again in full: as recent as a reference
                    self._entries[message.hash].last_used_run = self._runs
                else:
                    self._entries[message.hash] = _Entry(message, self._runs, message.delta.fragment_id)
            return message
        entry = self._entries.get(message.ref_hash)
        if entry is None:
            raise CacheMiss(message.ref_hash)
        entry.last_used_run = self._runs
        resolved = ForwardMsg()
        resolved.CopyFrom(entry.message)
        resolved.metadata.CopyFrom(message.metadata)
        return resolved

    def run_finished(self, max_age: int, fragment_ids: list[str]) -> None:
        """Age the entries after a finished run; only the rerun fragments' entries after a fragment run."""
        self._runs += 1
        for key, entry in list(self._entries.items()):
            if fragment_ids and entry.fragment_id not in fragment_ids:
                continue
            if self._runs - entry.last_used_run > max_age:
                del self._entries[key]
