"""The public deployment's hardening: server options, their environment variables, and the read-only store."""

import asyncio
import subprocess
import sys
import tomllib

import pandas as pd
import pytest
import sqlalchemy as sa
from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartParser
from starlette.requests import Request

from lib.core import seed
from lib.core.store import Store, create_store_engine
from lib.ingest.uploads import MAX_UPLOAD_BYTES
from lib.ui import hardening
from tests import databases
from tests.conftest import ROOT


def test_public_server_env_names_the_variables_streamlit_run_reads():
    env = hardening.public_server_env()
    assert env == {
        "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false",
        "STREAMLIT_CLIENT_TOOLBAR_MODE": "viewer",
        "STREAMLIT_CLIENT_SHOW_ERROR_DETAILS": "none",
        "STREAMLIT_SERVER_ENABLE_XSRF_PROTECTION": "true",
        "STREAMLIT_SERVER_ENABLE_CORS": "true",
        "STREAMLIT_SERVER_MAX_UPLOAD_SIZE": "0",
        "STREAMLIT_SERVER_HEADLESS": "true",
    }


def test_module_prints_the_environment_for_make_run_public():
    printed = subprocess.run(
        [sys.executable, "-m", "lib.ui.hardening"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    assert dict(line.split("=", 1) for line in printed.splitlines()) == hardening.public_server_env()


def test_every_option_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    env = hardening.public_server_env()
    for option in hardening.PUBLIC_SERVER_OPTIONS:
        assert f"| `{option}` | `{env[hardening.env_var(option)]}` |" in readme, option


def test_unhardened_options_lists_each_option_that_differs():
    hardened = dict(hardening.PUBLIC_SERVER_OPTIONS)
    assert hardening.unhardened_options(hardened.__getitem__) == []
    loose = {**hardened, "server.maxUploadSize": 200, "client.toolbarMode": "auto"}
    assert hardening.unhardened_options(loose.__getitem__) == ["client.toolbarMode", "server.maxUploadSize"]


def test_the_shared_config_is_not_the_public_hardening():
    # .streamlit/config.toml serves the internal mode too, whose staff upload files: it must not carry the
    # public limits, so a public server started without them fails the check.
    assert "server.maxUploadSize" in hardening.unhardened_options()


@pytest.fixture
def built_file(tmp_path) -> str:
    url = databases.new_url(tmp_path)
    writer = create_store_engine(url)
    seed.build(Store(writer))
    writer.dispose()
    return url


@databases.sqlite_only
def test_read_only_sqlite_engine_refuses_writes(built_file):
    reader = create_store_engine(built_file, read_only=True)
    with reader.connect() as conn:
        assert conn.execute(sa.text("PRAGMA foreign_keys")).scalar_one() == 1
        with pytest.raises(sa.exc.OperationalError, match="readonly"):
            conn.execute(sa.text("INSERT INTO wilayah_alias (alias, kode) VALUES ('x', '64.08')"))
    reader.dispose()


def test_read_only_store_refuses_writes_before_the_database_does(built_file):
    store = Store(create_store_engine(built_file, read_only=True), read_only=True)
    with pytest.raises(PermissionError, match="hanya-baca"):
        store.publish("target", {"target": pd.DataFrame()}, by="uji")
    with pytest.raises(PermissionError, match="hanya-baca"):
        store.add_alias("Sangata", "64.08.04")
    assert not store.is_empty()


@databases.sqlite_only
def test_read_only_reader_sees_a_release_a_writer_publishes_in_wal_mode(built_file):
    # The deployment: the internal server publishes into the file the public server reads.
    reader = Store(create_store_engine(built_file, read_only=True), read_only=True)
    writer = Store(create_store_engine(built_file))
    with writer.engine.connect() as conn:
        assert conn.execute(sa.text("PRAGMA journal_mode")).scalar_one() == "wal"
    before = reader.latest_release_id()
    targets = writer.targets()
    with reader.engine.connect() as held:  # a reader session open across the publish
        held.execute(sa.text("SELECT count(*) FROM rilis")).scalar_one()
        new_release = writer.publish("target", {"target": targets.drop(columns=["id", "rilis_id"])}, by="uji")
    assert new_release > before
    assert reader.latest_release_id() == new_release
    assert len(reader.targets()) == len(targets)
    reader.engine.dispose()
    writer.engine.dispose()


@databases.postgres_only
def test_read_only_postgresql_sessions_refuse_writes_and_see_a_writers_release(built_file):
    # The deployment on PostgreSQL: every session of the public server's engine is read-only, whatever it runs.
    reader = Store(create_store_engine(built_file, read_only=True), read_only=True)
    writer = Store(create_store_engine(built_file))
    with reader.engine.connect() as conn, pytest.raises(sa.exc.InternalError, match="read-only transaction"):
        conn.execute(sa.text("INSERT INTO wilayah_alias (alias, kode) VALUES ('x', '64.08')"))
    before = reader.latest_release_id()
    targets = writer.targets()
    new_release = writer.publish("target", {"target": targets.drop(columns=["id", "rilis_id"])}, by="uji")
    assert new_release > before and reader.latest_release_id() == new_release
    reader.engine.dispose()
    writer.engine.dispose()


def test_read_only_sqlite_store_needs_a_file():
    with pytest.raises(ValueError, match="file"):
        create_store_engine("sqlite://", read_only=True)


def test_the_shared_config_gives_the_internal_server_the_readers_upload_limit():
    # Streamlit's default is 200 MB; the reader refuses anything over 10 MB, so the server must not take it in.
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] * hardening.MB == MAX_UPLOAD_BYTES
    assert hardening.upload_limit_above_reader() is None


@pytest.mark.parametrize(("limit", "above"), [(200, 200), (11, 11), (10, None), (0, None)])
def test_a_server_limit_above_the_readers_is_named(limit, above):
    assert hardening.upload_limit_above_reader({"server.maxUploadSize": limit}.__getitem__) == above


def parsed_upload(data: bytes) -> UploadFile:
    """`data` parsed as Streamlit's upload endpoint parses a browser's upload (Starlette's multipart form)."""
    boundary = "batas-uji"
    body = (f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="rt.csv"\r\n'
            f"Content-Type: text/csv\r\n\r\n").encode() + data + f"\r\n--{boundary}--\r\n".encode()
    scope = {"type": "http", "method": "PUT", "path": "/", "query_string": b"",
             "headers": [(b"content-type", f"multipart/form-data; boundary={boundary}".encode()),
                         (b"content-length", str(len(body)).encode())]}
    chunks = [body[i:i + 65536] for i in range(0, len(body), 65536)]

    async def receive() -> dict:
        chunk = chunks.pop(0)
        return {"type": "http.request", "body": chunk, "more_body": bool(chunks)}

    async def form() -> UploadFile:
        return (await Request(scope, receive).form())["file"]

    return asyncio.run(form())


def test_an_upload_up_to_the_limit_is_kept_in_memory(monkeypatch):
    monkeypatch.setattr(MultiPartParser, "spool_max_size", MultiPartParser.spool_max_size)  # restored afterwards
    household_list = b"6408019999990001;Nama Uji;Jl. Uji 1;Kongbeng;Miau Baru;1;2025;Ya\n" * 55_000  # 3.5 MB
    # Starlette's default: a part over 1 MB goes to a temporary file on disk (SpooledTemporaryFile rolled over).
    assert parsed_upload(household_list).file._rolled
    hardening.keep_uploads_in_memory()
    assert not parsed_upload(household_list).file._rolled
    assert not parsed_upload(b"x" * MAX_UPLOAD_BYTES).file._rolled
