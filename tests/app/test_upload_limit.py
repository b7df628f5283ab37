"""Kelola Data offers no upload while the server would take in files over the reader's 10 MB limit: the
upload endpoint accepts files from any session, so the limit must be the server's own (.streamlit/config.toml)."""

import pytest
from streamlit import config as streamlit_config

from lib.ui import hardening
from tests.app.test_kelola import db_url, logged_in, password_hash  # noqa: F401 (fixtures used below)


@pytest.mark.parametrize(("limit", "uploads"), [(200, False), (hardening.INTERNAL_UPLOAD_LIMIT_MB, True)])
def test_uploads_only_under_the_readers_limit(db_url, password_hash, limit, uploads):  # noqa: F811 (fixtures)
    streamlit_config.set_option("server.maxUploadSize", limit)  # restored by the app tests' conftest
    app = logged_in(password_hash)
    assert bool(app.get("file_uploader")) is uploads
    refusals = [e.value for e in app.error if "Unggahan dimatikan" in e.value]
    assert bool(refusals) is not uploads
    if refusals:
        assert "200 MB" in refusals[0] and "STREAMLIT_SERVER_MAX_UPLOAD_SIZE=10" in refusals[0]
