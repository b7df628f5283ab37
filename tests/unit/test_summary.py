import pandas as pd
import pytest

from lib.content import summary
from lib.core.indicators import registry_from_frame

P0 = "persentase_penduduk_miskin_P0"


@pytest.fixture(scope="module")
def targets(store):
    return store.targets()


def test_p0_card(values, targets, registry):
    card = summary.headline_card(values, targets, registry[P0], "id")
    assert (card.value, card.delta, card.delta_description) == ("8,07 %", "−0,74 poin persen", "dibanding 2024")
    assert card.delta_colour == summary.BETTER and card.delta_arrow == "down"
    assert card.period == "2025" and card.status == "bps_media"
    assert card.target.startswith("Belum ada target Kutai Timur")
    assert "Target nasional 2025 (RKP 2025): 7,00 %–8,00 %" in card.target
    assert len(card.sparkline) == 16


def test_rising_poverty_is_worse_and_rising_hdi_would_be_better(values, targets, registry):
    poor = summary.headline_card(values[values["tahun"] <= 2024], targets, registry["jumlah_penduduk_miskin"], "id")
    assert poor.delta == "+0,07 ribu jiwa" and poor.delta_colour == summary.WORSE
    assert summary._delta_colour(registry["ipm"], 0.5) == summary.BETTER
    assert summary._delta_colour(registry["garis_kemiskinan"], 1000) == summary.NEUTRAL


def test_method_change_card_has_no_delta(targets, registry):
    # IPM's basis changed with the 2023 release: a 2022 and a 2023 figure are never compared or joined.
    rows = [{"kode_wilayah": "64.08", "indikator": "ipm", "tahun": year, "bulan": None, "nilai": value,
             "sumber": "https://example.org", "status": "rilis_bps", "catatan": None, "sumber_lain": None}
            for year, value in ((2021, 73.8), (2022, 74.1), (2023, 75.3))]
    card = summary.headline_card(pd.DataFrame(rows), targets, registry["ipm"], "en")
    assert card.delta is None
    assert card.delta_description == "method changed in 2023: not compared with 2022"
    assert card.sparkline == [75.3]  # only new-method values: never a line across the change


def test_no_card_without_data(values, targets, registry):
    assert summary.headline_card(values, targets, registry["gini_ratio"], "id") is None


def test_comparison_table_same_year_march_figures(values, registry):
    names = {"64.08": "Kutai Timur", "64": "Kaltim", "ID": "Indonesia"}
    table, sources = summary.comparison_table(values, [registry[P0], registry["ipm"]], names, "id")
    assert len(sources) == table.drop(columns=["Indikator", "Periode"]).isin(["tidak ada data"]).eq(False).sum().sum()
    assert table["Indikator"].tolist() == ["Persentase penduduk miskin (P0)", "Indeks Pembangunan Manusia (IPM)"]
    p0 = table.iloc[0]
    kaltim_march_2025 = values.query("kode_wilayah == '64' and indikator == @P0 and tahun == 2025 and bulan == 3")
    assert p0["Kaltim"] == registry[P0].format(kaltim_march_2025["nilai"].item())


def test_a_conflict_between_sources_is_on_the_card_with_both_values(fixture_store):
    registry = registry_from_frame(fixture_store.indicators(), fixture_store.method_breaks())
    values, targets = fixture_store.values(), fixture_store.targets()
    # Kutim P0 2023 is 9,50 in the statistics office's release and 9,60 in a news report (tests/fixture_data.py).
    card_2023 = summary.headline_card(values[values["tahun"] <= 2023], targets, registry[P0], "id")
    assert [(r.value, r.kind) for r in card_2023.conflicts] == [(9.6, "bps_media")]
    assert summary.card_conflicts(card_2023, "id") == (
        "**Sumber berbeda:** [berita.example](https://berita.example/kemiskinan) (angka BPS via media): 9,60 %")
    assert summary.card_source(card_2023, "id").endswith("· rilis BPS")
    # 2025 is confirmed by the same news report: a further source is no conflict.
    card_2025 = summary.headline_card(values, targets, registry[P0], "id")
    assert card_2025.conflicts == [] and summary.card_conflicts(card_2025, "id") is None


def test_the_comparison_names_exactly_the_rows_it_shows(values, registry):
    names = {"64.08": "Kutai Timur", "64": "Kaltim", "ID": "Indonesia"}
    table, rows = summary.comparison_table(values, [registry[P0]], names, "id")
    assert len(rows) == 3 and set(rows["kode_wilayah"]) == {"64.08", "64", "ID"}
    assert set(rows["tahun"]) == {2025} and rows["bulan"].dropna().tolist() == [3, 3]
