import pytest

from lib.core import settings
from tests.conftest import ROOT


def test_every_setting_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for setting in settings.SETTINGS:
        assert f"`{setting.env}`" in readme, setting.env


def test_mode_defaults_to_internal(monkeypatch):
    monkeypatch.delenv("DASBOR_MODE", raising=False)
    assert settings.mode() == "internal" and not settings.is_public()


def test_public_mode_is_case_insensitive(monkeypatch):
    monkeypatch.setenv("DASBOR_MODE", " Public ")
    assert settings.is_public()


def test_unknown_mode_is_refused_with_the_fix_in_indonesian(monkeypatch):
    monkeypatch.setenv("DASBOR_MODE", "publik")
    with pytest.raises(settings.SettingError, match="DASBOR_MODE.*'internal' atau 'public'"):
        settings.mode()


def test_db_url_setting(monkeypatch):
    monkeypatch.setenv("DASBOR_DB_URL", "sqlite:////tmp/x.sqlite")
    assert settings.db_url() == "sqlite:////tmp/x.sqlite"
    monkeypatch.delenv("DASBOR_DB_URL")
    assert settings.db_url().endswith("var/dasbor.sqlite")
