"""Streamlit server settings the deployments must run with, in one place.

`make run-public` starts the server with the public ones (as `STREAMLIT_…` environment variables, printed by
`python -m lib.ui.hardening`), and app.py refuses to serve the public mode when any of them is missing, so a
public server started some other way cannot quietly run unhardened. The internal server's upload limit is in
`.streamlit/config.toml`; Kelola Data offers no upload when the server runs with another.
"""

from __future__ import annotations

from collections.abc import Callable

from starlette.formparsers import MultiPartParser
from streamlit import config

from lib.ingest.uploads import MAX_UPLOAD_BYTES

MB = 1024 * 1024

PUBLIC_SERVER_OPTIONS: dict[str, object] = {
    # No telemetry from a government server.
    "browser.gatherUsageStats": False,
    # No rerun / clear-cache / deploy items in the menu for the public.
    "client.toolbarMode": "viewer",
    # A traceback names files, queries and settings: show only a generic message.
    "client.showErrorDetails": "none",
    # Every PUT (file upload) needs the token from the server's cookie, so another site cannot post files.
    "server.enableXsrfProtection": True,
    # Only this origin may call the server from a browser.
    "server.enableCORS": True,
    # The public pages have no upload widget, and the upload endpoint does not check for one: with a 0 MB
    # limit it answers 413 to any non-empty file.
    "server.maxUploadSize": 0,
    # A server never opens a browser.
    "server.headless": True,
}

# The internal server's `server.maxUploadSize` (.streamlit/config.toml): the upload endpoint takes files from any
# live session and the browser's own check is the client's to skip, so the server itself refuses what the reader
# would refuse (`lib.ingest.uploads.MAX_UPLOAD_BYTES`) before holding it.
INTERNAL_UPLOAD_LIMIT_MB = MAX_UPLOAD_BYTES // MB


def env_var(option: str) -> str:
    """The environment variable `streamlit run` reads `option` from, e.g. STREAMLIT_SERVER_MAX_UPLOAD_SIZE."""
    return config.get_config_options()[option].env_var


def _env_value(value: object) -> str:
    # `streamlit run` parses booleans with click, which reads "true"/"false".
    return str(value).lower() if isinstance(value, bool) else str(value)


def public_server_env() -> dict[str, str]:
    """PUBLIC_SERVER_OPTIONS as environment variables for `streamlit run`."""
    return {env_var(option): _env_value(value) for option, value in PUBLIC_SERVER_OPTIONS.items()}


def unhardened_options(get_option: Callable[[str], object] | None = None) -> list[str]:
    """The options of PUBLIC_SERVER_OPTIONS whose current value differs (Streamlit's own config by default)."""
    read = get_option or config.get_option
    return [option for option, value in PUBLIC_SERVER_OPTIONS.items() if read(option) != value]


def requirements(options: list[str]) -> str:
    """A Markdown list of `options` with the value each must have and the variable that sets it."""
    lines = []
    for option in options:
        value = _env_value(PUBLIC_SERVER_OPTIONS[option])
        lines.append(f"- `{option}` = `{value}` (`{env_var(option)}={value}`)")
    return "\n".join(lines)


def upload_limit_above_reader(get_option: Callable[[str], object] | None = None) -> int | None:
    """The server's upload limit in MB when it is above INTERNAL_UPLOAD_LIMIT_MB (it would take in files the
    reader refuses), else None."""
    limit = int((get_option or config.get_option)("server.maxUploadSize"))
    return limit if limit > INTERNAL_UPLOAD_LIMIT_MB else None


def keep_uploads_in_memory() -> None:
    """Keep every upload the server accepts in memory while it is read.

    Starlette, which Streamlit's upload endpoint parses with, spools a file part over 1 MB to a temporary file on
    disk; a household list (NIK, names, addresses) must never touch the disk. Streamlit refuses a body over its
    limit plus 1 MB of framing while it streams, so no accepted part outgrows this spool.
    """
    MultiPartParser.spool_max_size = max(MultiPartParser.spool_max_size,
                                         int(config.get_option("server.maxUploadSize")) * MB + MB)


if __name__ == "__main__":
    # `make run-public` reads these lines into `env`.
    for name, value in public_server_env().items():
        print(f"{name}={value}")
