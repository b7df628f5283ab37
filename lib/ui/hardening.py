"""Streamlit server settings the public deployment must run with, in one place.

`make run-public` starts the server with them (as `STREAMLIT_…` environment variables, printed by
`python -m lib.ui.hardening`), and app.py refuses to serve the public mode when any of them is missing, so a
public server started some other way cannot quietly run unhardened.
"""

from __future__ import annotations

from collections.abc import Callable

from streamlit import config

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


if __name__ == "__main__":
    # `make run-public` reads these lines into `env`.
    for name, value in public_server_env().items():
        print(f"{name}={value}")
