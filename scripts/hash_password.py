"""Make the argon2 hash of a staff password for [kelola.akun] in .streamlit/secrets.toml.

Usage: .venv/bin/python scripts/hash_password.py NAMA
Asks for the password twice (hidden). Without a terminal it reads one line from standard input instead,
e.g. `printf '%s\\n' "$PW" | .venv/bin/python scripts/hash_password.py bappeda`.
Prints the TOML line to paste under [kelola.akun] on standard output; everything else goes to stderr.
"""

from __future__ import annotations

import argparse
import getpass
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from lib.ingest.accounts import hash_password

MIN_LENGTH = 12
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def read_password() -> str:
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Kata sandi: ")
    if getpass.getpass("Ulangi kata sandi: ") != first:
        raise SystemExit("Kata sandi tidak sama. Tidak ada yang dibuat.")
    return first


def toml_key(name: str) -> str:
    # A JSON string is also a valid TOML basic string, for names that are not bare keys.
    return name if _BARE_KEY.fullmatch(name) else json.dumps(name, ensure_ascii=False)


def main() -> None:
    parser = argparse.ArgumentParser(description="Buat hash argon2 kata sandi untuk [kelola.akun].")
    parser.add_argument("nama", help="nama pengguna, mis. bappeda")
    name = parser.parse_args().nama.strip()
    if not name:
        raise SystemExit("Nama pengguna tidak boleh kosong.")
    password = read_password()
    if len(password) < MIN_LENGTH:
        raise SystemExit(f"Kata sandi terlalu pendek: minimal {MIN_LENGTH} karakter. Tidak ada yang dibuat.")
    print("Tempel baris berikut di .streamlit/secrets.toml, di bawah [kelola.akun]:", file=sys.stderr)
    print(f'{toml_key(name)} = "{hash_password(password)}"')


if __name__ == "__main__":
    main()
