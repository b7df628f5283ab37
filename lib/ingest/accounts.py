"""Login for the staff-only "Kelola Data" page: which method the secrets set up, password checks, lockout.

Two ways to let staff in, both configured in `.streamlit/secrets.toml` (never committed):

```toml
# Option A: accounts with argon2 hashes (make one with: .venv/bin/python scripts/hash_password.py NAMA)
[kelola.akun]
bappeda = "$argon2id$v=19$m=65536,t=3,p=4$..."
dinsos = "$argon2id$..."

# Option B: OIDC (Streamlit's st.login): Streamlit's own [auth] section, plus who may publish.
[auth]
redirect_uri = "https://dasbor.example/oauth2callback"
cookie_secret = "..."
client_id = "..."
client_secret = "..."
server_metadata_url = "https://accounts.example/.well-known/openid-configuration"
# (or the provider keys in a named table such as [auth.google]; then st.login("google"))
[kelola]
email_diizinkan = ["kepala.bidang@kutaitimurkab.go.id"]
```

OIDC wins when both are complete. With neither, `login_method` is "none" and the page shows
`SETUP_INSTRUCTIONS` and nothing else. Only argon2 hashes are accepted (no bcrypt package here).

Messages from `configuration_problems` never quote a secret value and refer to accounts by position,
not by name: the page shows them before anyone has logged in, and a user name is half a credential.

Plain Python, testable without a running app; the form is `lib.ui.login`.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import math
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from secrets import token_urlsafe
from typing import Literal

import argon2
from argon2.exceptions import InvalidHashError, VerificationError

from lib.core.store import Store

MAX_FAILURES = 5  # failures of a user name in a row before it has to wait between attempts
FIRST_WAIT_SECONDS = 30
MAX_WAIT_SECONDS = 5 * 60  # the wait grows to this and no further: no one can lock staff out for long
WINDOW_SECONDS = 15 * 60  # a name's failures are forgotten this long after its last one (longer than any wait)
MAX_SESSION_FAILURES = 10  # failed attempts one browser session may make, whatever the names
SESSION_IDLE_SECONDS = 30 * 60  # a logged-in staff session ends after this long without a page run

HASH_COMMAND = ".venv/bin/python scripts/hash_password.py NAMA"
OIDC_CALLBACK_PATH = "/oauth2callback"  # the only callback route Streamlit serves

# Streamlit's validate_auth_credentials: these two in [auth], the three provider keys either in [auth]
# itself (provider "default") or in a table [auth.<name>] whose name has no underscore.
_OIDC_BASE_KEYS = ("redirect_uri", "cookie_secret")
_OIDC_PROVIDER_KEYS = ("client_id", "client_secret", "server_metadata_url")
_ARGON2_PREFIXES = ("$argon2id$", "$argon2i$")
_BCRYPT_PREFIXES = ("$2a$", "$2b$", "$2y$")

_HASHER = argon2.PasswordHasher()

SETUP_INSTRUCTIONS = f"""\
Halaman ini belum bisa dipakai: belum ada cara masuk yang diatur. Pengelola server menambahkannya di
berkas `.streamlit/secrets.toml` (jangan dimasukkan ke git), lalu memuat ulang halaman ini.

**Pilihan A: akun dengan kata sandi.** Buat hash kata sandi (minimal 12 karakter) dengan
`{HASH_COMMAND}`, lalu tempel baris yang dicetaknya di bawah `[kelola.akun]`:

```toml
[kelola.akun]
bappeda = "$argon2id$v=19$m=65536,t=3,p=4$..."
```

Simpan hanya hash-nya, jangan kata sandinya. Setelah {MAX_FAILURES} kali gagal berturut-turut, nama \
pengguna itu harus menunggu sebelum mencoba lagi: {FIRST_WAIT_SECONDS} detik, berlipat dua tiap kali gagal \
lagi, paling lama {MAX_WAIT_SECONDS // 60} menit.

**Pilihan B: login lewat penyedia identitas (OIDC)**, misalnya akun Google instansi. Isi bagian
`[auth]` Streamlit dan daftar email yang boleh mengelola data:

```toml
[auth]
redirect_uri = "https://alamat-dasbor{OIDC_CALLBACK_PATH}"
cookie_secret = "string acak yang panjang"
client_id = "..."
client_secret = "..."
server_metadata_url = "https://penyedia/.well-known/openid-configuration"

[kelola]
email_diizinkan = ["nama@kutaitimurkab.go.id"]
```
"""


def normalise_username(username: str) -> str:
    """The form user names are compared and locked in: surrounding spaces and letter case ignored."""
    return username.strip().casefold()


def _table(mapping: Mapping[str, object], key: str) -> Mapping[str, object]:
    value = mapping.get(key)
    return value if isinstance(value, Mapping) else {}


def _filled(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _is_argon2_hash(value: object) -> bool:
    if not isinstance(value, str) or not value.startswith(_ARGON2_PREFIXES):
        return False
    try:
        argon2.extract_parameters(value)
    except InvalidHashError:
        return False
    return True


def _usable_accounts(accounts: Mapping[str, object]) -> dict[str, tuple[str, str]]:
    """Normalised name -> (name as configured, hash), for accounts with a valid argon2 hash; first wins."""
    usable: dict[str, tuple[str, str]] = {}
    for name, stored in accounts.items():
        if _is_argon2_hash(stored):
            usable.setdefault(normalise_username(name), (name, stored))
    return usable


def _allowed_emails(secrets: Mapping[str, object]) -> frozenset[str]:
    emails = _table(secrets, "kelola").get("email_diizinkan")
    if not isinstance(emails, list):
        return frozenset()
    return frozenset(e.strip().casefold() for e in emails if _filled(e))


def _provider_complete(section: Mapping[str, object]) -> bool:
    return all(_filled(section.get(key)) for key in _OIDC_PROVIDER_KEYS)


def oidc_provider(secrets: Mapping[str, object]) -> str | None:
    """The provider to pass to `st.login` ("default" = keys directly in [auth]), or None if [auth] is incomplete.

    Does not look at `email_diizinkan`; `login_method` does.
    """
    auth = _table(secrets, "auth")
    if not all(_filled(auth.get(key)) for key in _OIDC_BASE_KEYS):
        return None
    if not str(auth["redirect_uri"]).endswith(OIDC_CALLBACK_PATH):
        return None
    if _provider_complete(auth):
        return "default"
    named = (
        name
        for name, section in auth.items()
        if isinstance(section, Mapping) and "_" not in name and _provider_complete(section)
    )
    return next(named, None)


def login_method(secrets: Mapping[str, object]) -> Literal["oidc", "password", "none"]:
    """How the page lets staff in: OIDC if [auth] and the e-mail allow-list are complete, else accounts."""
    if oidc_provider(secrets) is not None and _allowed_emails(secrets):
        return "oidc"
    if _usable_accounts(_table(_table(secrets, "kelola"), "akun")):
        return "password"
    return "none"


def accounts_from(secrets: Mapping[str, object]) -> Mapping[str, object]:
    """The [kelola.akun] table (empty if missing), to pass to `attempt_login`."""
    return _table(_table(secrets, "kelola"), "akun")


def oidc_user_allowed(secrets: Mapping[str, object], user: Mapping[str, object]) -> bool:
    """Whether a user signed in by OIDC (`st.user`) may manage data: e-mail on the allow-list and not unverified.

    Providers that send `email_verified = false` let anyone type any address, so such a claim is refused.
    """
    email = user.get("email")
    if not isinstance(email, str) or user.get("email_verified") is False:
        return False
    return email.strip().casefold() in _allowed_emails(secrets)


def _account_problem(position: int, name: str, stored: object) -> str | None:
    where = f"Akun ke-{position} di [kelola.akun]"
    remake = f"Buat hash dengan `{HASH_COMMAND}` dan tempel baris yang dicetaknya."
    if not name.strip():
        return f"{where} tidak bernama. Beri nama pengguna di kiri tanda `=`."
    if _is_argon2_hash(stored):
        return None
    if not isinstance(stored, str) or not stored.startswith("$"):
        return f"{where} berisi kata sandi biasa, bukan hash, dan tidak bisa dipakai masuk. {remake}"
    if stored.startswith(_ARGON2_PREFIXES):
        return f"{where} berisi hash argon2 yang rusak (mungkin terpotong saat disalin). {remake}"
    if stored.startswith(_BCRYPT_PREFIXES):
        return f"{where} memakai hash bcrypt, yang tidak diterima di sini; hanya argon2. {remake}"
    return f"{where} memakai format hash yang tidak dikenal; hanya argon2 yang diterima. {remake}"


def _account_problems(secrets: Mapping[str, object]) -> list[str]:
    kelola = _table(secrets, "kelola")
    if "akun" in kelola and not isinstance(kelola["akun"], Mapping):
        return ['[kelola.akun] harus berupa tabel berisi baris `nama = "hash"`.']
    problems: list[str] = []
    first_position: dict[str, int] = {}
    for position, (name, stored) in enumerate(accounts_from(secrets).items(), start=1):
        problem = _account_problem(position, name, stored)
        if problem:
            problems.append(problem)
        key = normalise_username(name)
        if key in first_position:
            problems.append(
                f"Akun ke-{first_position[key]} dan ke-{position} di [kelola.akun] bernama sama (huruf besar/kecil "
                "tidak dibedakan). Hanya yang pertama dengan hash sah yang dipakai; ganti nama salah satunya."
            )
        else:
            first_position[key] = position
    return problems


def _oidc_problems(secrets: Mapping[str, object]) -> list[str]:
    problems: list[str] = []
    auth = _table(secrets, "auth")
    emails = _table(secrets, "kelola").get("email_diizinkan")
    if auth:
        missing = [key for key in _OIDC_BASE_KEYS if not _filled(auth.get(key))]
        if missing:
            problems.append(f"Bagian [auth] belum lengkap: {', '.join(missing)} belum diisi.")
        elif not str(auth["redirect_uri"]).endswith(OIDC_CALLBACK_PATH):
            problems.append(f"redirect_uri di [auth] harus berakhiran {OIDC_CALLBACK_PATH}.")
        underscored = [name for name, section in auth.items() if isinstance(section, Mapping) and "_" in name]
        if underscored:
            problems.append(
                f"Nama penyedia {', '.join(f'[auth.{n}]' for n in underscored)} mengandung garis bawah (_), "
                "yang ditolak Streamlit. Ganti namanya."
            )
        named = [s for n, s in auth.items() if isinstance(s, Mapping) and "_" not in n]
        if not _provider_complete(auth) and not any(_provider_complete(s) for s in named):
            problems.append(
                f"Bagian [auth] belum berisi {', '.join(_OIDC_PROVIDER_KEYS)} (langsung di [auth] atau di satu "
                "penyedia, misalnya [auth.google])."
            )
        if not _allowed_emails(secrets):
            problems.append(
                "Login OIDC diatur di [auth], tetapi `email_diizinkan` di [kelola] kosong atau tidak ada. Isi "
                "daftar email staf yang boleh mengelola data; tanpa itu login OIDC tidak dipakai."
            )
    elif emails is not None:
        problems.append("`email_diizinkan` di [kelola] sudah diisi, tetapi bagian [auth] untuk login OIDC belum ada.")
    if emails is not None and not (isinstance(emails, list) and all(isinstance(e, str) for e in emails)):
        problems.append('`email_diizinkan` di [kelola] harus berupa daftar teks, misalnya ["nama@instansi.go.id"].')
    return problems


def configuration_problems(secrets: Mapping[str, object]) -> list[str]:
    """Indonesian messages about half-done login settings; empty when every part present is usable."""
    problems = _oidc_problems(secrets) + _account_problems(secrets)
    if login_method(secrets) == "oidc" and accounts_from(secrets):
        problems.append("Login OIDC aktif, jadi akun di [kelola.akun] tidak dipakai.")
    return problems


def hash_password(password: str) -> str:
    """An argon2id hash of `password` with argon2-cffi's default cost, for [kelola.akun]."""
    return _HASHER.hash(password)


@functools.cache
def _dummy_hash(parameters: tuple[object, ...]) -> str:
    return argon2.PasswordHasher.from_parameters(argon2.Parameters(*parameters)).hash("bukan kata sandi siapa pun")


def _verify(stored: str, password: str) -> bool:
    try:
        return _HASHER.verify(stored, password)
    except (VerificationError, InvalidHashError):  # VerificationError includes VerifyMismatchError
        return False


def _matching_account(accounts: Mapping[str, object], username: str, password: str) -> str | None:
    """The account name as configured if `password` is right for `username`, else None."""
    usable = _usable_accounts(accounts)
    if not usable:
        return None
    found = usable.get(normalise_username(username))
    if found is None:
        # Verify against a throw-away hash of the same cost, so the response time does not tell
        # whether the user name exists.
        some_hash = next(iter(usable.values()))[1]
        _verify(_dummy_hash(dataclasses.astuple(argon2.extract_parameters(some_hash))), password)
        return None
    name, stored = found
    return name if _verify(stored, password) else None


def verify_password(accounts: Mapping[str, object], username: str, password: str) -> bool:
    """Whether `password` is right for `username` in [kelola.akun]; plain-text or broken entries never match."""
    return _matching_account(accounts, username, password) is not None


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def wait_after(failures: int) -> float:
    """Seconds a user name waits before its next attempt after `failures` failures in a row: none for the first
    `MAX_FAILURES - 1`, then `FIRST_WAIT_SECONDS`, doubling with each further failure up to `MAX_WAIT_SECONDS`."""
    if failures < MAX_FAILURES:
        return 0.0
    return float(min(MAX_WAIT_SECONDS, FIRST_WAIT_SECONDS * 2 ** min(failures - MAX_FAILURES, 16)))


class Lockout:
    """Failed logins per user name, kept in the store: shared by every session and server process, and surviving
    restarts and cache clears.

    Never a hard lock: after `MAX_FAILURES` failures the name waits `wait_after(failures)` (at most
    `MAX_WAIT_SECONDS`) before its next attempt, and attempts refused while it waits are not counted, so no one can
    stretch the wait. Unknown names are counted like real ones, so the counter says nothing about which names exist.
    """

    def __init__(self, store: Store, now: Callable[[], float] = time.time) -> None:
        self._store = store
        self._now = now  # wall-clock time: other processes and later restarts read the same records

    def _key(self, username: str) -> str:
        return _digest(normalise_username(username))

    def waiting(self, username: str) -> float:
        """Seconds the name still waits before its next attempt; 0.0 if none."""
        now = self._now()
        return self._store.login_failures(self._key(username), now, now - WINDOW_SECONDS)[1]

    def failures_left(self, username: str) -> int:
        """Failures the name may still have before it has to wait."""
        now = self._now()
        return max(0, MAX_FAILURES - self._store.login_failures(self._key(username), now, now - WINDOW_SECONDS)[0])

    def claim_attempt(self, username: str) -> float:
        """Seconds the name still waits (attempt refused, nothing recorded), or 0.0 with the attempt counted as failed.

        Counting before the slow password check, in one step with the wait test, stops many sessions sending
        guesses at the same moment from all getting past the limit; `record_success` undoes it.
        """
        now = self._now()
        return self._store.claim_login_attempt(self._key(username), now, now - WINDOW_SECONDS, wait_after)

    def record_success(self, username: str) -> None:
        """Clears the name's failures and wait."""
        self._store.forget_login_failures(self._key(username))


class StaffSessions:
    """Logged-in staff sessions held in the store, by a random token the browser session keeps.

    A session idle `SESSION_IDLE_SECONDS` ends, and so does a closed one: a browser session that comes back with
    its token afterwards (a reconnect with an old session id) is logged out.
    """

    def __init__(self, store: Store, now: Callable[[], float] = time.time) -> None:
        self._store = store
        self._now = now

    def open(self, user: str) -> str:
        """A new session of `user`; returns its token."""
        token = token_urlsafe(32)
        now = self._now()
        self._store.open_staff_session(_digest(token), user, now, now - SESSION_IDLE_SECONDS)
        return token

    def user_of(self, token: str) -> str | None:
        """The user of a live session, whose idle time starts again now; None if it ended."""
        now = self._now()
        return self._store.staff_session_user(_digest(token), now, now - SESSION_IDLE_SECONDS)

    def close(self, token: str) -> None:
        self._store.close_staff_session(_digest(token))


@dataclass(frozen=True)
class LoginResult:
    ok: bool
    user: str | None  # the account name as written in [kelola.akun]
    message: str  # Indonesian, for the page
    counted: bool = True  # whether the attempt counts against the browser session's MAX_SESSION_FAILURES


def _duration(seconds: float) -> str:
    if seconds < 60:
        return f"{max(1, math.ceil(seconds))} detik"
    return f"{math.ceil(seconds / 60)} menit"


def _waiting_message(seconds: float) -> str:
    return f"Terlalu banyak percobaan gagal untuk nama ini. Coba lagi dalam {_duration(seconds)}."


SESSION_LIMIT_MESSAGE = (
    f"Formulir masuk ditutup untuk tab ini setelah {MAX_SESSION_FAILURES} percobaan gagal. Periksa nama pengguna "
    "dan kata sandi (minta admin membuat hash baru bila lupa), lalu muat ulang halaman untuk mencoba lagi."
)


def attempt_login(lockout: Lockout, accounts: Mapping[str, object], username: str, password: str,
                  session_failures: int = 0) -> LoginResult:
    """Check a user name and password against [kelola.akun], honouring and updating `lockout`.

    `session_failures`: the counted failures of this browser session so far; at `MAX_SESSION_FAILURES` the
    session may not try again. A name that has to wait is refused without looking at the password, so guessing
    during a wait gains nothing. Messages are the same for unknown names and wrong passwords.
    """
    if not username.strip() or not password:
        return LoginResult(ok=False, user=None, message="Isi nama pengguna dan kata sandi.", counted=False)
    if session_failures >= MAX_SESSION_FAILURES:
        return LoginResult(ok=False, user=None, message=SESSION_LIMIT_MESSAGE, counted=False)
    waiting = lockout.claim_attempt(username)
    if waiting:
        return LoginResult(ok=False, user=None, message=_waiting_message(waiting))
    name = _matching_account(accounts, username, password)
    if name is not None:
        lockout.record_success(username)
        return LoginResult(ok=True, user=name, message=f"Selamat datang, {name}.", counted=False)
    wrong = "Nama pengguna atau kata sandi salah."
    waiting = lockout.waiting(username)
    if waiting:
        return LoginResult(ok=False, user=None, message=f"{wrong} Coba lagi dalam {_duration(waiting)}.")
    left = lockout.failures_left(username)
    return LoginResult(ok=False, user=None,
                       message=f"{wrong} Sisa {left} percobaan sebelum harus menunggu untuk mencoba lagi.")
