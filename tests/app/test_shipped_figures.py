"""Golden test of the shipped figures: the pages, run on the store built from the shipped `data/` (real BPS
figures as reported, the shipped targets and the generated demo dataset), show the headline figures exactly.

When the shipped data are corrected on purpose, update this file — and only this file should need it: every
other page test runs on the small fixture dataset of `tests/fixture_data.py`, and the unit tests that read
`data/` check the demo data's calibration and the geometry, not the headline figures. (The browser tests in
`tests/e2e` and the benches in `bench/` run on the shipped data too and still look for the 2025 P0, `8,07 %`.)
"""

from pathlib import Path

import pytest

from tests.app.pages import open_page
from tests.app.plotly_specs import plotted_traces

ROOT = Path(__file__).resolve().parents[2]
PAGES = ["views/ringkasan.py", "views/peta.py", "views/tren.py", "views/cakupan.py", "views/profil.py",
         "views/presentasi.py"]
DEFAULT_PAGE = "views/ringkasan.py"

# The shipped headline: Kutai Timur 2025 (data/reference/indikator_makro.csv).
KUTIM_P0_2025 = "8,07 %"
KUTIM_P0_2025_EN = "8.07 %"
KUTIM_P0_CHANGE = "−0,74 poin persen"  # from 8,81 % in 2024
KUTIM_P0_SOURCE = "katakaltim.com"
CARDS = {
    "Jumlah penduduk miskin": "34,91 ribu jiwa",  # 2025
    "Garis kemiskinan": "Rp753.332/kapita/bulan",  # 2025 (BPS Kutim via the press), with its unit
    "Indeks Pembangunan Manusia (IPM)": "75,90",  # 2024, new method
    "Tingkat pengangguran terbuka (TPT)": "5,93 %",  # 2023
    "Tingkat kemiskinan ekstrem": "0,30 %",  # mid-2024, Bappeda statement
}
# The 0,30 % of 2024 is a mid-year statement of the Bappeda, not a measurement: the December target is not judged.
EXTREME_POVERTY_TARGET = ("Target Kutim 2024 (pernyataan Bappeda Kutim): 0,00 % — belum dapat dinilai: angka terakhir "
                          "hanya pernyataan resmi")
KALTIM_P0_MARCH_2025, INDONESIA_P0_MARCH_2025 = "5,17 %", "8,47 %"
KUTIM_P0_YEARS, KUTIM_P0_LAST = list(range(2010, 2026)), 8.07
EXTREME_POVERTY_TARGET_TRACES = ["Target Kutim 2024 (pernyataan Bappeda Kutim)", "Target nasional 2026 (RKP 2026)"]
INDONESIA_POOR_MARCH_2025 = "23,85 juta jiwa"  # 23 850 thousand, not "23.850,00 ribu jiwa"


@pytest.fixture(autouse=True)
def _store_env(monkeypatch, built_db_url):
    monkeypatch.setenv("DASBOR_DB_URL", built_db_url)
    monkeypatch.delenv("DASBOR_MODE", raising=False)


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("mode", ["internal", "public"])
def test_every_page_renders_on_the_shipped_data(monkeypatch, page, mode):
    # 141 desa over 7 years with every programme: what the fixture dataset cannot cover.
    monkeypatch.setenv("DASBOR_MODE", mode)
    assert open_page(page).title


def test_ringkasan_shows_the_shipped_kutim_2025_poverty_rate_with_source():
    app = open_page("views/ringkasan.py")
    p0 = next(m for m in app.metric if m.label.startswith("Persentase penduduk miskin"))
    assert (p0.value, p0.delta) == (KUTIM_P0_2025, KUTIM_P0_CHANGE)
    captions = "\n".join(c.value for c in app.caption)
    assert "**2025** · " in captions and KUTIM_P0_SOURCE in captions
    assert "Data per 2025" in captions


def test_ringkasan_cards_show_the_shipped_figures():
    app = open_page("views/ringkasan.py")
    values = {m.label: m.value for m in app.metric}
    assert {label: values.get(label) for label in CARDS} == CARDS
    assert "Rasio Gini" not in values  # no Kutim Gini shipped: no card


def test_ringkasan_shows_the_shipped_targets():
    # The full sentences are the tooltips of the cards' target chips.
    captions = "\n".join(m.proto.help for m in open_page("views/ringkasan.py").markdown if "-badge[" in m.value)
    assert "Belum ada target Kutai Timur" in captions
    assert EXTREME_POVERTY_TARGET in captions


def test_ringkasan_in_english_shows_the_shipped_rate():
    app = open_page("views/ringkasan.py", {"lang": "en"})
    p0 = next(m for m in app.metric if m.label.startswith("Poverty headcount rate"))
    assert p0.value == KUTIM_P0_2025_EN


def test_ringkasan_compares_the_shipped_kutim_province_and_nation():
    table = open_page("views/ringkasan.py").dataframe[0].value
    p0 = table[table["Indikator"] == "Persentase penduduk miskin (P0)"].iloc[0]
    assert (p0["Kabupaten Kutai Timur"], p0["Periode"]) == (KUTIM_P0_2025, "2025")
    assert (p0["Kalimantan Timur"], p0["Indonesia"]) == (KALTIM_P0_MARCH_2025, INDONESIA_P0_MARCH_2025)
    poor = table[table["Indikator"] == "Jumlah penduduk miskin"].iloc[0]
    assert poor["Indonesia"] == INDONESIA_POOR_MARCH_2025


def test_tren_draws_the_shipped_kutim_series():
    app = open_page("views/tren.py")
    kutim = next(trace for trace in plotted_traces(app) if trace["name"] == "Kabupaten Kutai Timur")
    assert [x[:4] for x in kutim["x"]] == [str(y) for y in KUTIM_P0_YEARS]
    assert kutim["y"][-1] == KUTIM_P0_LAST
    assert {trace["name"] for trace in plotted_traces(app)} >= {"Kalimantan Timur", "Indonesia"}


def test_tren_draws_the_shipped_targets():
    app = open_page("views/tren.py", {"indikator": "tingkat_kemiskinan_ekstrem", "wilayah": ["64.08", "ID"]})
    names = [trace["name"] for trace in plotted_traces(app)]
    assert set(EXTREME_POVERTY_TARGET_TRACES) <= set(names)


def test_the_first_slide_shows_the_shipped_rate():
    app = open_page("views/presentasi.py", {"mode": "presentasi", "slide": "1"})
    assert KUTIM_P0_2025 in [m.value for m in app.metric]
