"""All settings in one registry, read from environment variables.

Each setting is documented here and in the README (a test checks that), so an operator never has to read
code to deploy the dashboard.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]  # lib/core/settings.py -> the repository
DATA_DIR = PROJECT_ROOT / "data"

SERVER_MODES = ("internal", "public")


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
        "DASBOR_SMALL_CELL_THRESHOLD",
        "5",
        "Public mode: counts below this number (and rates built on them) are hidden as `<5`, with complementary "
        "cells so none can be worked out from totals.",
    ),
    Setting(
        "DASBOR_AGENDA",
        str(DATA_DIR / "agenda.toml"),
        "TOML file with the rakor slide sequence for the presentation mode (`?mode=presentasi`).",
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
    if value not in SERVER_MODES:
        raise SettingError(
            f"Pengaturan DASBOR_MODE bernilai '{value}', padahal hanya 'internal' atau 'public' yang dikenal. "
            "Ubah variabel lingkungan DASBOR_MODE menjadi salah satu dari keduanya."
        )
    return value


def is_public() -> bool:
    return mode() == "public"


def db_url() -> str:
    return _get("DASBOR_DB_URL")


def small_cell_threshold() -> int:
    raw = _get("DASBOR_SMALL_CELL_THRESHOLD")
    if not raw.isdigit() or int(raw) < 1:
        raise SettingError(
            f"Pengaturan DASBOR_SMALL_CELL_THRESHOLD bernilai '{raw}', padahal harus bilangan bulat 1 atau lebih "
            "(bawaan 5). Ubah variabel lingkungan itu menjadi misalnya 5."
        )
    return int(raw)


def agenda_path() -> Path:
    return Path(_get("DASBOR_AGENDA"))
