from dataclasses import replace

import pandas as pd
import pytest

from lib.core.i18n import TEXTS
from lib.core.indicators import REQUIRED_FIELDS, method_breaks_from_frame, registry_from_frame
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
        ("garis_kemiskinan", 714241, "id", "Rp714.241/kapita/bulan"),
        ("garis_kemiskinan", 714241, "en", "Rp714,241 per capita per month"),
        ("jumlah_penduduk_miskin", 34.91, "id", "34,91 ribu jiwa"),
        ("jumlah_penduduk_miskin", 34.91, "en", "34.91 thousand people"),
        # Indonesia's poor: a million people and more read in millions, not "23.850,00 ribu jiwa"
        ("jumlah_penduduk_miskin", 23850.0, "id", "23,85 juta jiwa"),
        ("jumlah_penduduk_miskin", 23850.0, "en", "23.85 million people"),
        ("jumlah_penduduk_miskin", 999.99, "id", "999,99 ribu jiwa"),
        ("jumlah_penduduk_miskin", 999.999, "id", "1,00 juta jiwa"),  # as it would round: not "1.000,00 ribu"
        ("jumlah_penduduk_miskin", float("nan"), "id", "–"),
        ("ipm", 75.9, "id", "75,90"),
        ("gini_ratio", 0.3215, "id", "0,322"),
    ],
)
def test_values_are_shown_with_their_unit(registry, indicator, value, lang, expected):
    assert registry[indicator].format(value, lang) == expected


def test_changes_of_rates_are_percentage_points(registry):
    assert registry["persentase_penduduk_miskin_P0"].format_change(-0.74) == "−0,74 poin persen"


def test_changes_are_in_the_unit_of_the_value(registry):
    poor = registry["jumlah_penduduk_miskin"]
    assert poor.format_change(-1200) == "−1,20 juta jiwa"
    assert poor.format_change(-0.74, "en") == "−0.74 thousand people"
    assert registry["garis_kemiskinan"].format_change(12000) == "+Rp12.000/kapita/bulan"
    assert registry["garis_kemiskinan"].format_change(-12000, "en") == "−Rp12,000 per capita per month"


def test_method_change(registry):
    ipm = registry["ipm"]
    assert (ipm.method_of(2022), ipm.method_of(2023), ipm.method_of(2024)) == (0, 1, 1)
    assert (ipm.method_label(2022, "id"), ipm.method_label(2023, "en")) == ("metode lama", "new method")
    assert ipm.break_between(2022, 2023).year == 2023 and ipm.break_between(2023, 2024) is None
    assert ipm.method_breaks[0].source.startswith("http")
    assert registry["tpt"].method_of(2020) is None and registry["tpt"].break_between(2000, 2030) is None


def test_method_breaks_are_data_in_order():
    frame = pd.DataFrame({"indikator": ["x", "x"], "tahun": [2025, 2010], "keterangan_id": ["b", "a"],
                          "keterangan_en": ["b", "a"], "sumber": ["s2", "s1"], "jenis": ["rilis_bps", "rilis_bps"]})
    (breaks,) = method_breaks_from_frame(frame).values()
    assert [change.year for change in breaks] == [2010, 2025]
    indicator = replace(next(iter(registry_from_frame(_one_indicator()).values())), method_breaks=breaks)
    assert [indicator.method_of(y) for y in (2009, 2010, 2024, 2025)] == [0, 1, 1, 2]
    assert [indicator.method_label(y, "id") for y in (2009, 2012, 2030)] == ["metode lama", "metode sejak 2010",
                                                                            "metode baru"]


def _one_indicator() -> pd.DataFrame:
    return pd.DataFrame([{"id": "x", "label_id": "X", "label_en": "X", "satuan": "persen", "desimal": 2,
                          "lebih_rendah_lebih_baik": 1, "bulan_acuan": 3, "definisi_id": "d", "definisi_en": "d",
                          "sumber": "s"}])
