"""The staff login form of Kelola Data, over the checks, lockout and sessions of `lib.ingest.accounts`.

What must hold against visitors lives in the store, not in this process: failed logins per user name (so a
`clear_cache` message, which any websocket client may send, or a restart resets nothing) and the logged-in
sessions (so a log-out or 30 minutes idle ends a session on the server, whatever its browser session still holds).
"""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from lib.ingest.accounts import (
    MAX_SESSION_FAILURES,
    SESSION_IDLE_SECONDS,
    SESSION_LIMIT_MESSAGE,
    SETUP_INSTRUCTIONS,
    Lockout,
    StaffSessions,
    accounts_from,
    attempt_login,
    configuration_problems,
    login_method,
    oidc_provider,
    oidc_user_allowed,
)
from lib.ui import loaders

SESSION_KEY = "kelola_sesi"  # this browser session's staff-session token; the user is only in the store's record
FAILURES_KEY = "kelola_gagal"  # failed login attempts of this browser session
ENDED_MESSAGE = (f"Sesi Anda berakhir karena {SESSION_IDLE_SECONDS // 60} menit tanpa aktivitas atau sudah keluar. "
                 "Silakan masuk lagi.")


def current_secrets() -> Mapping[str, object]:
    """`st.secrets`, or an empty mapping when there is no (readable) secrets.toml; `st.secrets` would raise."""
    return st.secrets if st.secrets.load_if_toml_exists() else {}


def _session_user() -> tuple[str | None, bool]:
    """(the user of this browser session's staff session or None, whether a session it held has just ended)."""
    token = st.session_state.get(SESSION_KEY)
    if token is None:
        return None, False
    user = StaffSessions(loaders.store()).user_of(token)
    if user is None:
        del st.session_state[SESSION_KEY]
    return user, user is None


def _open_session(user: str) -> None:
    st.session_state[SESSION_KEY] = StaffSessions(loaders.store()).open(user)


def _close_session() -> None:
    token = st.session_state.pop(SESSION_KEY, None)
    if token is not None:
        StaffSessions(loaders.store()).close(token)


def login_gate(config: Mapping[str, object]) -> str | None:
    """The logged-in user's name, or None after drawing the login (or the how-to when none is configured)."""
    method = login_method(config)
    for message in configuration_problems(config):
        st.warning(message)
    if method == "none":
        st.info(SETUP_INSTRUCTIONS)
        return None
    if method == "oidc":
        return _oidc_gate(config)
    user, ended = _session_user()
    if user in accounts_from(config):  # an account removed from secrets ends its sessions
        return user
    if user is not None:
        _close_session()
    if ended:
        st.info(ENDED_MESSAGE)
    failures = st.session_state.get(FAILURES_KEY, 0)
    if failures >= MAX_SESSION_FAILURES:
        st.error(SESSION_LIMIT_MESSAGE)
        return None
    with st.form("login", clear_on_submit=True):  # the typed password does not stay in the session
        username = st.text_input("Nama pengguna")
        password = st.text_input("Kata sandi", type="password")
        submitted = st.form_submit_button("Masuk", type="primary", icon=":material/login:")
    if submitted:
        result = attempt_login(Lockout(loaders.store()), accounts_from(config), username, password, failures)
        if result.ok:
            _open_session(result.user)
            st.rerun()
        if result.counted:
            st.session_state[FAILURES_KEY] = failures + 1
        st.error(result.message)
    return None


def _oidc_gate(config: Mapping[str, object]) -> str | None:
    if not st.user.is_logged_in:
        st.button("Masuk dengan akun instansi", on_click=st.login, args=(oidc_provider(config),),
                  type="primary", icon=":material/login:")
        return None
    if not oidc_user_allowed(config, st.user):
        st.error("Akun ini belum diberi izin mengelola data. Minta admin menambahkan surel Anda ke "
                 "`kelola.email_diizinkan`.")
        st.button("Keluar", on_click=st.logout)
        return None
    email = str(st.user.get("email"))
    user, ended = _session_user()
    if ended:  # idle too long or logged out: the provider's identity cookie goes too, so the page asks again
        st.logout()
        return None
    if user != email:  # first run after signing in, or another identity in this browser session
        _close_session()
        _open_session(email)
    return email


def log_out(config: Mapping[str, object]) -> None:
    _close_session()
    if login_method(config) == "oidc":
        st.logout()
