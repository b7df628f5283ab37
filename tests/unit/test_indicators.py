import pandas as pd
import pytest

from lib.core.i18n import TEXTS
from lib.core.indicators import REQUIRED_FIELDS
from lib.core.settings import DATA_DIR


def test_every_published_indicator_is_in_the_registry(registry):
    published = set(pd.read_csv(DATA_DIR / "reference" / "indikator_makro.csv")["indikator"])
    assert published <= set(registry)


def test_registry_is_complete(registry):
    for indicator in registry.values():
        for field in REQUIRED_FIELDS:
            assert str(getattr(indicator, field)).strip(), (indicator.id, field)
        assert f"unit.{indicator.satuan}" in TEXTS, indicator.id
        assert indicator.desimal >= 0


def test_directions(registry):
    assert registry["persentase_penduduk_miskin_P0"].lower_is_better is True
    assert registry["ipm"].lower_is_better is False
    assert registry["garis_kemiskinan"].lower_is_better is None


@pytest.mark.parametrize(
    ("indicator", "value", "lang", "expected"),
    [
        ("persentase_penduduk_miskin_P0", 8.81, "id", "8,81 %"),
        ("garis_kemiskinan", 714241, "id", "Rp714.241"),
        ("jumlah_penduduk_miskin", 34.91, "id", "34,91 ribu jiwa"),
        ("jumlah_penduduk_miskin", 34.91, "en", "34.91 thousand people"),
        ("ipm", 75.9, "id", "75,90"),
        ("gini_ratio", 0.3215, "id", "0,322"),
    ],
)
def test_values_are_shown_with_their_unit(registry, indicator, value, lang, expected):
    assert registry[indicator].format(value, lang) == expected


def test_changes_of_rates_are_percentage_points(registry):
    assert registry["persentase_penduduk_miskin_P0"].format_change(-0.74) == "−0,74 poin persen"
    assert registry["garis_kemiskinan"].format_change(12000) == "+Rp12.000"


def test_method_change(registry):
    ipm = registry["ipm"]
    assert (ipm.method_of(2023), ipm.method_of(2024)) == ("old", "new")
    assert registry["tpt"].method_of(2020) is None
