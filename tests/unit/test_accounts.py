"""Login logic of the Kelola Data page: method detection, config problems, passwords, lockout, hash script."""

import subprocess
import sys
import tomllib
from pathlib import Path

import argon2
import pytest

from lib.ingest import accounts as auth
from lib.ui import login

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


def test_lockout_after_max_failures_not_before():
    lockout = auth.Lockout(now=FakeClock())
    for _ in range(auth.MAX_FAILURES - 1):
        lockout.record_failure("bappeda")
    assert lockout.locked_for("bappeda") == 0.0
    assert lockout.failures_left("bappeda") == 1
    lockout.record_failure(" BAPPEDA")
    assert lockout.locked_for("bappeda") == auth.LOCK_SECONDS
    assert lockout.locked_for("dinsos") == 0.0


def test_lock_expires_and_old_failures_drop_out_of_the_window():
    clock = FakeClock()
    lockout = auth.Lockout(now=clock)
    for _ in range(auth.MAX_FAILURES):
        lockout.record_failure("bappeda")
    clock.t += auth.LOCK_SECONDS - 60
    assert lockout.locked_for("bappeda") == 60
    clock.t += 60
    assert lockout.locked_for("bappeda") == 0.0
    assert lockout.failures_left("bappeda") == auth.MAX_FAILURES
    # Failures spread wider than the window never add up to a lock.
    for _ in range(3 * auth.MAX_FAILURES):
        lockout.record_failure("dinsos")
        clock.t += auth.WINDOW_SECONDS / (auth.MAX_FAILURES - 1)
    assert lockout.locked_for("dinsos") == 0.0


def test_success_clears_failures_and_lock():
    lockout = auth.Lockout(now=FakeClock())
    for _ in range(auth.MAX_FAILURES - 1):
        lockout.record_failure("bappeda")
    lockout.record_success("Bappeda")
    assert lockout.failures_left("bappeda") == auth.MAX_FAILURES
    for _ in range(auth.MAX_FAILURES):
        lockout.record_failure("bappeda")
    lockout.record_success("bappeda")
    assert lockout.locked_for("bappeda") == 0.0


def test_shared_lockout_is_one_instance():
    assert login.shared_lockout() is login.shared_lockout()


# --- attempt_login ----------------------------------------------------------------------------------


def test_attempt_login_success_and_wrong_messages(accounts):
    lockout = auth.Lockout(now=FakeClock())
    ok = auth.attempt_login(lockout, accounts, " bappeda", PASSWORD)
    assert ok == auth.LoginResult(ok=True, user="Bappeda", message="Selamat datang, Bappeda.")
    wrong = auth.attempt_login(lockout, accounts, "bappeda", "salah")
    unknown = auth.attempt_login(lockout, accounts, "tidak-ada", "salah")
    assert not wrong.ok and wrong.user is None
    assert wrong.message == unknown.message  # nothing tells whether the name exists
    assert wrong.message == "Nama pengguna atau kata sandi salah. Sisa 4 percobaan sebelum dikunci 15 menit."
    empty = auth.attempt_login(lockout, accounts, "  ", PASSWORD)
    assert not empty.ok and lockout.failures_left("") == auth.MAX_FAILURES


def test_attempt_login_locks_and_refuses_without_checking_the_password(accounts, spy):
    clock = FakeClock()
    lockout = auth.Lockout(now=clock)
    results = [auth.attempt_login(lockout, accounts, "bappeda", "salah") for _ in range(auth.MAX_FAILURES)]
    assert results[-2].message.endswith("Sisa 1 percobaan sebelum dikunci 15 menit.")
    assert results[-1].message.endswith("Terlalu banyak percobaan gagal. Coba lagi dalam 15 menit.")
    checked = len(spy.verified)
    clock.t += 5 * 60 + 1
    locked = auth.attempt_login(lockout, accounts, "BAPPEDA", PASSWORD)
    assert locked == auth.LoginResult(
        ok=False, user=None, message="Terlalu banyak percobaan gagal. Coba lagi dalam 10 menit."
    )
    assert len(spy.verified) == checked
    clock.t += 10 * 60
    assert auth.attempt_login(lockout, accounts, "bappeda", PASSWORD).ok


def test_attempt_is_counted_before_the_password_check(accounts, monkeypatch):
    # Sessions guessing at the same moment must already see the last allowed attempt as used.
    lockout = auth.Lockout(now=FakeClock())
    seen: list[float] = []
    monkeypatch.setattr(auth, "_HASHER", SpyHasher(on_verify=lambda: seen.append(lockout.locked_for("bappeda"))))
    for _ in range(auth.MAX_FAILURES - 1):
        lockout.record_failure("bappeda")
    assert auth.attempt_login(lockout, accounts, "bappeda", PASSWORD).ok
    assert seen == [auth.LOCK_SECONDS]
    assert lockout.failures_left("bappeda") == auth.MAX_FAILURES


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
