"""A household list uploaded to the internal server never touches the disk while the server reads it, and the
server itself refuses a file over the reader's 10 MB limit (the browser's check is the client's to skip).

Starlette, under Streamlit's upload endpoint, spools a file part over 1 MB to a temporary file unless told
otherwise (lib/ui/hardening.py keep_uploads_in_memory). The upload is sent as a browser sends it (a multipart PUT
with the session's XSRF token) but held open before its closing boundary, so the test can look at the files the
server has open while it is in the middle of reading the list.
"""

from __future__ import annotations

import http.client
import os
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Page

from lib.ingest.uploads import MAX_UPLOAD_BYTES

from .harness import AppServer, rerun_after, watch_app_socket
from .test_public_mode import XSRF_COOKIE, open_session

LIST_BYTES = 3_500_000
MEMORY_FILESYSTEMS = {"tmpfs", "ramfs"}
WATCH_SECONDS = 3.0


def household_list(size: int) -> bytes:
    """A household list of at least `size` bytes with NIK, names and addresses, as staff export it."""
    header = b"NIK;Nama Kepala Keluarga;Alamat;Kecamatan;Desa;Desil;Tahun;PKH\n"
    rows, length, n = [header], len(header), 0
    while length < size:
        rows.append(f"64080199{n:08d};Nama Uji Rahasia {n};Jl. Uji No. {n} RT 01;Kongbeng;Miau Baru;"
                    f"{n % 10 + 1};2025;{'Ya' if n % 3 else 'Tidak'}\n".encode())
        length, n = length + len(rows[-1]), n + 1
    return b"".join(rows)


def filesystem_type(path: str) -> str:
    """The type of the filesystem `path` lies on (longest mount point that contains it)."""
    mounts = [line.split()[1:3] for line in Path("/proc/mounts").read_text().splitlines()]
    point, kind = max(((p, k) for p, k in mounts if path == p or path.startswith(p.rstrip("/") + "/")),
                      key=lambda mount: len(mount[0]))
    return kind


def disk_temporary_dirs() -> set[str]:
    """The temporary directories a server started from this environment could spool to, where they are on disk."""
    candidates = {tempfile.gettempdir(), "/tmp", "/var/tmp", "/usr/tmp"}
    return {os.path.realpath(d) for d in candidates
            if os.path.isdir(d) and filesystem_type(os.path.realpath(d)) not in MEMORY_FILESYSTEMS}


def open_paths(pid: int) -> set[str]:
    """The files process `pid` has open, as /proc shows them (a deleted or unnamed temporary file included)."""
    paths = set()
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            paths.add(os.readlink(f"/proc/{pid}/fd/{fd}"))
        except FileNotFoundError:  # closed meanwhile
            continue
    return paths


def in_disk_temporary_dir(path: str, dirs: set[str]) -> bool:
    return os.path.dirname(path.removesuffix(" (deleted)")) in dirs


def kelola_session(page: Page, server: AppServer) -> tuple[str, str]:
    """A live session that has opened Kelola Data (where staff upload), and its XSRF token."""
    watch_app_socket(page)
    session_id, token = open_session(page, server.url)
    rerun_after(page, page.get_by_test_id("stSidebarNav").get_by_text("Kelola Data").click)
    assert page.locator("h1", has_text="Kelola Data").count() == 1
    return session_id, token


def put_held_open(server: AppServer, session_id: str, token: str, data: bytes,
                  while_open: Callable[[], None] = lambda: None, send_body: bool = True) -> int:
    """PUT `data` as the browser's uploader does; call `while_open` before sending the closing boundary. Without
    `send_body` only the headers go, as a client waiting for the server's answer to its stated size."""
    url = urlsplit(server.url)
    boundary = uuid.uuid4().hex
    head = (f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="rumah_tangga.csv"\r\n'
            "Content-Type: text/csv\r\n\r\n").encode()
    tail = f"\r\n--{boundary}--\r\n".encode()
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
    connection.putrequest("PUT", f"/_stcore/upload_file/{session_id}/{uuid.uuid4()}")
    for name, value in {"Content-Type": f"multipart/form-data; boundary={boundary}",
                        "Content-Length": str(len(head) + len(data) + len(tail)),
                        "Cookie": f"{XSRF_COOKIE}={token}", "X-Xsrftoken": token}.items():
        connection.putheader(name, value)
    connection.endheaders()
    try:
        if send_body:
            connection.send(head + data)
            while_open()
            connection.send(tail)
        return connection.getresponse().status
    finally:
        connection.close()


def test_a_household_list_is_read_in_memory_never_spooled_to_disk(page: Page,
                                                                  app_factory: Callable[[str], AppServer]):
    server = app_factory("internal")
    dirs = disk_temporary_dirs()
    assert dirs, "no disk-backed temporary directory to watch"
    session_id, token = kelola_session(page, server)
    before = open_paths(server.process.pid)
    spooled: set[str] = set()

    def watch() -> None:
        deadline = time.monotonic() + WATCH_SECONDS
        while time.monotonic() < deadline:
            spooled.update(p for p in open_paths(server.process.pid) - before if in_disk_temporary_dir(p, dirs))
            time.sleep(0.05)

    assert put_held_open(server, session_id, token, household_list(LIST_BYTES), watch) == 204
    assert not spooled, f"the upload was spooled to disk: {sorted(spooled)}"


def test_the_server_refuses_a_file_over_the_readers_limit(page: Page, app_factory: Callable[[str], AppServer]):
    server = app_factory("internal")
    session_id, token = kelola_session(page, server)
    assert put_held_open(server, session_id, token, household_list(MAX_UPLOAD_BYTES + 1), send_body=False) == 413
    # The control: a list just under the limit is taken.
    assert put_held_open(server, session_id, token, household_list(MAX_UPLOAD_BYTES - 200_000)) == 204
