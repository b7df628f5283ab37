"""Login logic of the Kelola Data page: method detection, config problems, passwords, lockout, hash script."""

import subprocess
import sys
import tomllib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import argon2
import pytest
import sqlalchemy as sa

from lib.core import migrate
from lib.core.store import Store, create_store_engine, sesi_staf
from lib.ingest import accounts as auth
from tests import databases

ROOT = Path(__file__).resolve().parents[2]
# Cheap argon2 parameters: verification cost comes from the hash itself, so these keep the tests fast.
FAST = argon2.PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
PASSWORD = "benar-sekali-123"
PLAIN_SECRET = "rahasia-polos-99"

OIDC = {
    "redirect_uri": "https://dasbor.example/oauth2callback",
    "cookie_secret": "kue-rahasia-" + "c" * 30,
    "client_id": "id-klien-123",
    "client_secret": "rahasia-klien-456",
    "server_metadata_url": "https://accounts.example/.well-known/openid-configuration",
}
EMAILS = {"email_diizinkan": ["Kepala.Bidang@kutaitimurkab.go.id"]}


@pytest.fixture(scope="module")
def accounts() -> dict[str, str]:
    return {"Bappeda": FAST.hash(PASSWORD), "dinsos": FAST.hash("kata-sandi-dinsos")}


def _without(mapping: dict, key: str) -> dict:
    return {k: v for k, v in mapping.items() if k != key}


class FakeClock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


class SpyHasher:
    """Records which hashes are verified, then verifies for real."""

    def __init__(self, on_verify=lambda: None) -> None:
        self.verified: list[str] = []
        self.on_verify = on_verify

    def verify(self, stored: str, password: str) -> bool:
        self.verified.append(stored)
        self.on_verify()
        return argon2.PasswordHasher().verify(stored, password)


@pytest.fixture
def spy(monkeypatch) -> SpyHasher:
    hasher = SpyHasher()
    monkeypatch.setattr(auth, "_HASHER", hasher)
    return hasher


# --- which login method -----------------------------------------------------------------------------


def test_login_method_for_each_config_shape(accounts):
    base = {k: OIDC[k] for k in auth._OIDC_BASE_KEYS}
    provider = {k: OIDC[k] for k in auth._OIDC_PROVIDER_KEYS}
    shapes = {
        "nothing": ({}, "none"),
        "empty kelola": ({"kelola": {}}, "none"),
        "accounts": ({"kelola": {"akun": accounts}}, "password"),
        "oidc": ({"auth": OIDC, "kelola": EMAILS}, "oidc"),
        "oidc named provider": ({"auth": {**base, "google": provider}, "kelola": EMAILS}, "oidc"),
        "oidc wins over accounts": ({"auth": OIDC, "kelola": {**EMAILS, "akun": accounts}}, "oidc"),
        "oidc without allow-list": ({"auth": OIDC}, "none"),
        "oidc with empty allow-list": ({"auth": OIDC, "kelola": {"email_diizinkan": []}}, "none"),
        "oidc without allow-list, accounts": ({"auth": OIDC, "kelola": {"akun": accounts}}, "password"),
        "no cookie_secret": ({"auth": _without(OIDC, "cookie_secret"), "kelola": EMAILS}, "none"),
        "no client_secret": ({"auth": _without(OIDC, "client_secret"), "kelola": EMAILS}, "none"),
        "wrong callback": ({"auth": {**OIDC, "redirect_uri": "https://dasbor.example/"}, "kelola": EMAILS}, "none"),
        "underscore provider": ({"auth": {**base, "my_idp": provider}, "kelola": EMAILS}, "none"),
        "plain password": ({"kelola": {"akun": {"bappeda": PLAIN_SECRET}}}, "none"),
        "bcrypt": ({"kelola": {"akun": {"bappeda": "$2b$12$" + "a" * 53}}}, "none"),
        "truncated argon2": ({"kelola": {"akun": {"bappeda": "$argon2id$v=19$m=65536"}}}, "none"),
    }
    got = {shape: auth.login_method(secrets) for shape, (secrets, _) in shapes.items()}
    assert got == {shape: expected for shape, (_, expected) in shapes.items()}


def test_oidc_provider_names_the_provider_for_st_login():
    named = {k: OIDC[k] for k in auth._OIDC_BASE_KEYS}
    named["google"] = {k: OIDC[k] for k in auth._OIDC_PROVIDER_KEYS}
    assert auth.oidc_provider({"auth": OIDC}) == "default"
    assert auth.oidc_provider({"auth": named}) == "google"
    assert auth.oidc_provider({}) is None


def test_oidc_user_allowed_needs_listed_and_not_unverified_email():
    secrets = {"auth": OIDC, "kelola": EMAILS}
    assert auth.oidc_user_allowed(secrets, {"is_logged_in": True, "email": " kepala.bidang@KUTAITIMURKAB.go.id"})
    assert not auth.oidc_user_allowed(secrets, {"is_logged_in": True, "email": "orang.lain@gmail.com"})
    assert not auth.oidc_user_allowed(
        secrets, {"email": "kepala.bidang@kutaitimurkab.go.id", "email_verified": False}
    )
    assert not auth.oidc_user_allowed(secrets, {"is_logged_in": False})


# --- configuration problems -------------------------------------------------------------------------


def test_plain_password_in_secrets_is_flagged_without_revealing_it():
    problems = auth.configuration_problems({"kelola": {"akun": {"bappeda": PLAIN_SECRET}}})
    assert len(problems) == 1
    assert "kata sandi biasa" in problems[0] and "scripts/hash_password.py" in problems[0]
    assert "ke-1" in problems[0]
    assert PLAIN_SECRET not in problems[0] and "bappeda" not in problems[0]


@pytest.mark.parametrize(
    ("stored", "words"),
    [
        ("$2b$12$" + "a" * 53, "bcrypt"),
        ("$argon2id$v=19$m=65536", "rusak"),
        ("$6$salt$hash", "tidak dikenal"),
        (123456789012, "kata sandi biasa"),
    ],
)
def test_unusable_hashes_are_flagged(stored, words):
    problems = auth.configuration_problems({"kelola": {"akun": {"bappeda": stored}}})
    assert len(problems) == 1 and words in problems[0]


def test_half_done_oidc_is_flagged():
    no_list = auth.configuration_problems({"auth": OIDC})
    assert len(no_list) == 1 and "email_diizinkan" in no_list[0]
    missing = auth.configuration_problems({"auth": _without(OIDC, "cookie_secret"), "kelola": EMAILS})
    assert any("cookie_secret" in p for p in missing)
    no_auth = auth.configuration_problems({"kelola": EMAILS})
    assert len(no_auth) == 1 and "[auth]" in no_auth[0]
    not_a_list = auth.configuration_problems({"auth": OIDC, "kelola": {"email_diizinkan": "a@b.go.id"}})
    assert any("daftar teks" in p for p in not_a_list)
    assert all(OIDC["client_secret"] not in p and OIDC["cookie_secret"] not in p for p in missing + no_list)


def test_complete_configs_have_no_problems(accounts):
    assert auth.configuration_problems({}) == []
    assert auth.configuration_problems({"kelola": {"akun": accounts}}) == []
    assert auth.configuration_problems({"auth": OIDC, "kelola": EMAILS}) == []


def test_same_name_twice_and_unused_accounts_are_flagged(accounts):
    same_name = {"Bappeda": accounts["Bappeda"], "bappeda ": accounts["dinsos"]}
    twice = auth.configuration_problems({"kelola": {"akun": same_name}})
    assert len(twice) == 1 and "ke-1 dan ke-2" in twice[0]
    both = auth.configuration_problems({"auth": OIDC, "kelola": {**EMAILS, "akun": accounts}})
    assert both == ["Login OIDC aktif, jadi akun di [kelola.akun] tidak dipakai."]


# --- passwords --------------------------------------------------------------------------------------


def test_verify_password(accounts):
    assert auth.verify_password(accounts, "Bappeda", PASSWORD)
    assert not auth.verify_password(accounts, "Bappeda", PASSWORD + "x")
    assert not auth.verify_password(accounts, "dinsos", PASSWORD)  # another account's password
    assert not auth.verify_password(accounts, "tidak-ada", PASSWORD)


def test_username_is_case_insensitive_and_stripped(accounts):
    assert auth.verify_password(accounts, "  bAPPEDA ", PASSWORD)


def test_plain_or_garbage_stored_values_never_match(accounts):
    stored = {**accounts, "polos": PLAIN_SECRET, "rusak": "$argon2id$v=19$m=8,t=1,p=1$AAAA$BBBB", "angka": 1}
    assert not auth.verify_password(stored, "polos", PLAIN_SECRET)
    assert not auth.verify_password(stored, "rusak", "apa saja")
    assert not auth.verify_password(stored, "angka", "1")


def test_unknown_user_still_verifies_a_hash_of_the_same_cost(accounts, spy):
    auth.verify_password(accounts, "tidak-ada", PASSWORD)
    auth.verify_password({**accounts, "polos": PLAIN_SECRET}, "polos", PLAIN_SECRET)
    assert len(spy.verified) == 2
    expected = argon2.extract_parameters(accounts["Bappeda"])
    assert all(argon2.extract_parameters(h) == expected for h in spy.verified)
    assert accounts["Bappeda"] not in spy.verified


def test_hash_password_round_trip():
    hashed = auth.hash_password(PASSWORD)
    assert hashed.startswith("$argon2id$")
    assert auth.verify_password({"bappeda": hashed}, "bappeda", PASSWORD)
    assert not auth.verify_password({"bappeda": hashed}, "bappeda", "salah-salah-salah")


# --- lockout ----------------------------------------------------------------------------------------


@pytest.fixture
def store(tmp_path) -> Store:
    """An empty store: login state needs only its tables."""
    store = Store(create_store_engine(databases.new_url(tmp_path)))
    migrate.upgrade(store.engine)
    return store


def test_a_name_waits_after_max_failures_and_the_wait_doubles_up_to_a_cap(store):
    clock = FakeClock()
    lockout = auth.Lockout(store, now=clock)
    for _ in range(auth.MAX_FAILURES - 1):
        assert lockout.claim_attempt("bappeda") == 0.0
    assert lockout.waiting("bappeda") == 0.0 and lockout.failures_left("bappeda") == 1
    waits = []
    for _ in range(6):
        assert lockout.claim_attempt(" BAPPEDA") == 0.0
        waits.append(lockout.waiting("bappeda"))
        clock.t += waits[-1]
    assert waits == [30, 60, 120, 240, 300, 300] and max(waits) == auth.MAX_WAIT_SECONDS
    assert lockout.waiting("dinsos") == 0.0 and lockout.failures_left("dinsos") == auth.MAX_FAILURES


def test_attempts_refused_during_a_wait_are_not_counted_and_do_not_stretch_it(store):
    clock = FakeClock()
    lockout = auth.Lockout(store, now=clock)
    for _ in range(auth.MAX_FAILURES):
        lockout.claim_attempt("bappeda")
    for _ in range(50):  # someone hammering the name
        assert lockout.claim_attempt("bappeda") > 0
        clock.t += 0.5
    assert lockout.waiting("bappeda") == auth.FIRST_WAIT_SECONDS - 25
    clock.t += 5
    assert lockout.claim_attempt("bappeda") == 0.0  # the next wait is the second step, not the 55th
    assert lockout.waiting("bappeda") == 2 * auth.FIRST_WAIT_SECONDS


def test_failures_are_forgotten_a_window_after_the_last_one(store):
    clock = FakeClock()
    lockout = auth.Lockout(store, now=clock)
    for _ in range(auth.MAX_FAILURES - 1):
        lockout.claim_attempt("bappeda")
    clock.t += auth.WINDOW_SECONDS + 1
    assert lockout.failures_left("bappeda") == auth.MAX_FAILURES
    assert lockout.claim_attempt("bappeda") == 0.0 and lockout.waiting("bappeda") == 0.0


def test_success_clears_failures_and_wait(store):
    lockout = auth.Lockout(store, now=FakeClock())
    for _ in range(auth.MAX_FAILURES):
        lockout.claim_attempt("bappeda")
    lockout.record_success("Bappeda")
    assert lockout.waiting("bappeda") == 0.0 and lockout.failures_left("bappeda") == auth.MAX_FAILURES


def test_failures_are_shared_by_server_processes_and_survive_a_restart(store):
    clock = FakeClock()
    for _ in range(auth.MAX_FAILURES):
        auth.Lockout(store, now=clock).claim_attempt("bappeda")
    restarted = Store(create_store_engine(str(store.engine.url)))  # a new engine: another process, or after a restart
    assert auth.Lockout(restarted, now=clock).waiting("bappeda") == auth.FIRST_WAIT_SECONDS


def test_parallel_attempts_cannot_all_slip_past_the_limit(store):
    # Sessions of several server processes guessing one name at the same moment, each through its own connection.
    stores = [Store(create_store_engine(str(store.engine.url))) for _ in range(12)]
    with ThreadPoolExecutor(len(stores)) as pool:
        waits = list(pool.map(lambda s: auth.Lockout(s, now=lambda: 1000.0).claim_attempt("bappeda"), stores))
    assert waits.count(0.0) == auth.MAX_FAILURES


# --- attempt_login ----------------------------------------------------------------------------------


def test_attempt_login_success_and_wrong_messages(accounts, store):
    lockout = auth.Lockout(store, now=FakeClock())
    ok = auth.attempt_login(lockout, accounts, " bappeda", PASSWORD)
    assert ok == auth.LoginResult(ok=True, user="Bappeda", message="Selamat datang, Bappeda.", counted=False)
    wrong = auth.attempt_login(lockout, accounts, "bappeda", "salah")
    unknown = auth.attempt_login(lockout, accounts, "tidak-ada", "salah")
    assert not wrong.ok and wrong.user is None and wrong.counted
    assert wrong == unknown  # nothing tells whether the name exists
    assert wrong.message == ("Nama pengguna atau kata sandi salah. Sisa 4 percobaan sebelum harus menunggu untuk "
                             "mencoba lagi.")
    empty = auth.attempt_login(lockout, accounts, "  ", PASSWORD)
    assert not empty.ok and not empty.counted and lockout.failures_left("") == auth.MAX_FAILURES


def test_attempt_login_waits_and_refuses_without_checking_the_password(accounts, spy, store):
    clock = FakeClock()
    lockout = auth.Lockout(store, now=clock)
    results = [auth.attempt_login(lockout, accounts, "bappeda", "salah") for _ in range(auth.MAX_FAILURES)]
    assert results[-2].message.endswith("Sisa 1 percobaan sebelum harus menunggu untuk mencoba lagi.")
    assert results[-1].message == "Nama pengguna atau kata sandi salah. Coba lagi dalam 30 detik."
    checked = len(spy.verified)
    clock.t += 10
    waiting = auth.attempt_login(lockout, accounts, "BAPPEDA", PASSWORD)
    assert waiting == auth.LoginResult(
        ok=False, user=None, message="Terlalu banyak percobaan gagal untuk nama ini. Coba lagi dalam 20 detik."
    )
    assert len(spy.verified) == checked
    clock.t += 20
    assert auth.attempt_login(lockout, accounts, "bappeda", PASSWORD).ok


def test_attempt_is_counted_before_the_password_check(accounts, monkeypatch, store):
    # Sessions guessing at the same moment must already see the last free attempt as used.
    lockout = auth.Lockout(store, now=FakeClock())
    seen: list[float] = []
    monkeypatch.setattr(auth, "_HASHER", SpyHasher(on_verify=lambda: seen.append(lockout.waiting("bappeda"))))
    for _ in range(auth.MAX_FAILURES - 1):
        lockout.claim_attempt("bappeda")
    assert auth.attempt_login(lockout, accounts, "bappeda", PASSWORD).ok
    assert seen == [auth.FIRST_WAIT_SECONDS]
    assert lockout.failures_left("bappeda") == auth.MAX_FAILURES


def test_a_browser_session_gets_a_limited_number_of_attempts_whatever_the_names(accounts, spy, store):
    lockout = auth.Lockout(store, now=FakeClock())
    refused = auth.attempt_login(lockout, accounts, "bappeda", PASSWORD, session_failures=auth.MAX_SESSION_FAILURES)
    assert not refused.ok and refused.message == auth.SESSION_LIMIT_MESSAGE and not refused.counted
    assert not spy.verified and lockout.failures_left("bappeda") == auth.MAX_FAILURES  # nothing checked or counted
    assert auth.attempt_login(lockout, accounts, "bappeda", PASSWORD, session_failures=auth.MAX_SESSION_FAILURES - 1).ok


# --- staff sessions ---------------------------------------------------------------------------------


def test_a_staff_session_lasts_while_used_and_ends_after_30_idle_minutes(store):
    clock = FakeClock()
    sessions = auth.StaffSessions(store, now=clock)
    token = sessions.open("bappeda")
    assert len(token) >= 40 and sessions.open("bappeda") != token
    for _ in range(3):  # in use for 1.5 hours, never idle for 30 minutes
        clock.t += auth.SESSION_IDLE_SECONDS - 1
        assert sessions.user_of(token) == "bappeda"
    clock.t += auth.SESSION_IDLE_SECONDS + 1
    assert sessions.user_of(token) is None
    clock.t -= auth.SESSION_IDLE_SECONDS  # an ended session stays ended: its record is gone
    assert sessions.user_of(token) is None


def test_a_closed_staff_session_is_over_for_every_process_and_the_store_holds_no_token(store):
    sessions = auth.StaffSessions(store, now=FakeClock())
    token, other = sessions.open("bappeda"), sessions.open("dinsos")
    sessions.close(token)
    elsewhere = auth.StaffSessions(Store(create_store_engine(str(store.engine.url))), now=FakeClock())
    assert elsewhere.user_of(token) is None and elsewhere.user_of(other) == "dinsos"
    with store.engine.connect() as conn:
        stored = conn.execute(sa.select(sesi_staf)).mappings().all()
    assert [row["pengguna"] for row in stored] == ["dinsos"] and other not in str(stored)


# --- scripts/hash_password.py -----------------------------------------------------------------------


def _run_script(name: str, stdin: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "hash_password.py"), name],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_hash_script_prints_a_toml_line_that_verifies():
    done = _run_script("bappeda", PASSWORD + "\n")
    assert done.returncode == 0, done.stderr
    accounts = tomllib.loads(f"[kelola.akun]\n{done.stdout}")["kelola"]["akun"]
    assert list(accounts) == ["bappeda"]
    assert auth.verify_password(accounts, "bappeda", PASSWORD)
    assert auth.login_method({"kelola": {"akun": accounts}}) == "password"


def test_hash_script_refuses_short_passwords():
    done = _run_script("bappeda", "pendek\n")
    assert done.returncode != 0
    assert done.stdout == ""
    assert "minimal 12 karakter" in done.stderr
