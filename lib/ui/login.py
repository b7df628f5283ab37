"""The staff login form of Kelola Data, over the checks and lockout of `lib.ingest.accounts`."""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from lib.ingest.accounts import (
    SETUP_INSTRUCTIONS,
    Lockout,
    accounts_from,
    attempt_login,
    configuration_problems,
    login_method,
    oidc_provider,
    oidc_user_allowed,
)


def current_secrets() -> Mapping[str, object]:
    """`st.secrets`, or an empty mapping when there is no (readable) secrets.toml; `st.secrets` would raise."""
    return st.secrets if st.secrets.load_if_toml_exists() else {}


@st.cache_resource
def shared_lockout() -> Lockout:
    """The one `Lockout` of this server process: a per-session counter is reset by opening a new tab."""
    return Lockout()

USER_KEY = "kelola_user"  # the logged-in account of a password login, per browser session


def login_gate(config: Mapping[str, object]) -> str | None:
    """The logged-in user's name, or None after drawing the login (or the how-to when none is configured)."""
    method = login_method(config)
    for message in configuration_problems(config):
        st.warning(message)
    if method == "none":
        st.info(SETUP_INSTRUCTIONS)
        return None
    if method == "oidc":
        if not st.user.is_logged_in:
            st.button("Masuk dengan akun instansi", on_click=st.login, args=(oidc_provider(config),),
                      type="primary", icon=":material/login:")
            return None
        if not oidc_user_allowed(config, st.user):
            st.error("Akun ini belum diberi izin mengelola data. Minta admin menambahkan surel Anda ke "
                     "`kelola.email_diizinkan`.")
            st.button("Keluar", on_click=st.logout)
            return None
        return str(st.user.get("email"))
    if st.session_state.get(USER_KEY) in accounts_from(config):  # an account removed from secrets ends its sessions
        return st.session_state[USER_KEY]
    with st.form("login", clear_on_submit=True):  # the typed password does not stay in the session
        username = st.text_input("Nama pengguna")
        password = st.text_input("Kata sandi", type="password")
        submitted = st.form_submit_button("Masuk", type="primary", icon=":material/login:")
    if submitted:
        result = attempt_login(shared_lockout(), accounts_from(config), username, password)
        if result.ok:
            st.session_state[USER_KEY] = result.user
            st.rerun()
        st.error(result.message)
    return None


def log_out(config: Mapping[str, object]) -> None:
    if login_method(config) == "oidc":
        st.logout()
    else:
        st.session_state.pop(USER_KEY, None)
