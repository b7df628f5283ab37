"""All settings in one registry, read from environment variables.

Each setting is documented here and in the README (a test checks that), so an operator never has to read
code to deploy the dashboard.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"

MODES = ("internal", "public")


@dataclass(frozen=True)
class Setting:
    env: str
    default: str
    description: str


SETTINGS = (
    Setting(
        "DASBOR_MODE",
        "internal",
        "`internal` (default: staff, all pages) or `public` (the read-only public deployment).",
    ),
    Setting(
        "DASBOR_DB_URL",
        f"sqlite:///{PROJECT_ROOT / 'var' / 'dasbor.sqlite'}",
        "SQLAlchemy URL of the store. Default: a SQLite file under `var/` (git-ignored), built from `data/` "
        "on first start.",
    ),
)


class SettingError(ValueError):
    """A setting has a value the dashboard cannot use; the message says which and how to fix it."""


def _get(env: str) -> str:
    setting = next(s for s in SETTINGS if s.env == env)
    return os.environ.get(env, "").strip() or setting.default


def mode() -> str:
    value = _get("DASBOR_MODE").lower()
    if value not in MODES:
        raise SettingError(
            f"Pengaturan DASBOR_MODE bernilai '{value}', padahal hanya 'internal' atau 'public' yang dikenal. "
            "Ubah variabel lingkungan DASBOR_MODE menjadi salah satu dari keduanya."
        )
    return value


def is_public() -> bool:
    return mode() == "public"


def db_url() -> str:
    return _get("DASBOR_DB_URL")
