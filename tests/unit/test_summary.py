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


# --- the first screen: target chips, Kaltim and Indonesia on each card, "Perlu perhatian" -----------------------

def test_p0_card_shows_kaltim_and_indonesia_of_the_same_year_and_a_short_target_chip(values, targets, registry):
    card = summary.headline_card(values, targets, registry[P0], "id")
    kaltim = values.query("kode_wilayah == '64' and indikator == @P0 and tahun == 2025 and bulan == 3")["nilai"].item()
    assert card.peers == f"Kaltim {registry[P0].format(kaltim, 'id')} · Indonesia 8,47 %"
    assert "Maret 2025" in card.peers_help
    assert card.target_chip == "Target nasional 2025: 7,00 %–8,00 %"
    assert card.target.endswith("Target nasional 2025 (RKP 2025): 7,00 %–8,00 %")  # the tooltip's full sentence
    assert card.target_colour == summary.NEUTRAL


@pytest.fixture(scope="module")
def fixture_parts(fixture_store):
    from lib.analysis.targeting import Cube
    from lib.core.programmes import registry_from_frame as programme_registry
    from lib.core.wilayah import AreaRegistry

    rows = fixture_store.programme_rows()
    cubes = {str(p): Cube.of(part) for p, part in rows.groupby("program")}
    return (rows, cubes, programme_registry(fixture_store.programmes()),
            AreaRegistry(fixture_store.areas(), fixture_store.aliases()))


def test_fixture_cards_chip_each_target_status(fixture_store):
    registry = registry_from_frame(fixture_store.indicators(), fixture_store.method_breaks())
    values, targets = fixture_store.values(), fixture_store.targets()
    extreme = summary.headline_card(values, targets, registry["tingkat_kemiskinan_ekstrem"], "id")
    assert extreme.target_chip == "Target Kutim 2024: 0,00 % · belum dinilai"
    assert extreme.peers == "Kaltim – · Indonesia 1,00 %"  # the nation's March 2024 figure, the province none
    tpt = summary.headline_card(values, targets, registry["tpt"], "en")
    assert (tpt.target_chip, tpt.target_colour) == ("Kutim target 2024: 5.00 %–6.00 % · met", summary.BETTER)
    line = summary.headline_card(values, targets, registry["garis_kemiskinan"], "id")
    assert line.target_chip == "Belum ada target Kutim"
    # The card's value says "/kapita/bulan" once: Kaltim's figure beside it is the amount, in full in the tooltip.
    assert line.peers == "Kaltim Rp750.000 · Indonesia –"
    assert "Rp750.000/kapita/bulan" in line.peers_help


@pytest.mark.parametrize(("figure", "shown", "expected"), [
    ("Rp866.193/kapita/bulan", "Rp753.332/kapita/bulan", "Rp866.193"),
    ("Rp866,193 per capita per month", "Rp753,332 per capita per month", "Rp866,193"),
    ("199,71 ribu jiwa", "34,91 ribu jiwa", "199,71"),
    ("23,85 juta jiwa", "34,91 ribu jiwa", "23,85 juta jiwa"),  # another unit: said
    ("5,17 %", "8,07 %", "5,17 %"),  # a percent sign stays with its number
    ("78,79", "75,90", "78,79"),
    ("–", "34,91 ribu jiwa", "–"),
])
def test_a_peer_figure_drops_only_the_unit_the_card_already_says(figure, shown, expected):
    assert summary.without_unit(figure, shown) == expected


def test_perlu_perhatian_names_the_kecamatan_with_the_highest_share_in_deciles_1_2(fixture_parts, fixture_data_dir):
    rows, cubes, programmes, areas = fixture_parts
    block = summary.attention(rows, cubes, programmes, areas, "id")
    # Independently, from the fixture's CSV: households per desa and decile appear once per programme.
    csv = pd.read_csv(fixture_data_dir / "demo" / "program_desa.csv", dtype={"kode_wilayah": str})
    households = csv[csv["tahun"] == 2025].drop_duplicates(["kode_wilayah", "desil"])
    kecamatan = households["kode_wilayah"].str[:8]
    poorest = households["rumah_tangga"].where(households["desil"] <= 2, 0).groupby(kecamatan).sum()
    share = (100 * poorest / households.groupby(kecamatan)["rumah_tangga"].sum()).sort_values(ascending=False)
    assert block.year == 2025
    assert [link.query["kecamatan"] for link in block.areas] == share.index[:3].tolist()
    assert share.index[:3].tolist() == ["64.08.09", "64.08.01", "64.08.13"]  # 45,0 %, 32,5 %, 17,5 %
    assert block.areas[0].label == f"{areas.name('64.08.09')} 45,0 %"
    assert block.areas[0].query == {"tingkat": "desa", "kecamatan": "64.08.09", "ukuran": "persen_desil_1_2",
                                    "tahun": "2025"}


def test_perlu_perhatian_names_the_programme_leaving_most_target_households_out(fixture_parts, fixture_data_dir):
    rows, cubes, programmes, areas = fixture_parts
    block = summary.attention(rows, cubes, programmes, areas, "en")
    csv = pd.read_csv(fixture_data_dir / "demo" / "program_desa.csv", dtype={"kode_wilayah": str})
    latest = csv[csv["tahun"] == 2025]
    excluded = {}
    for programme, part in latest.groupby("program"):
        rule = programmes[programme].eligible_deciles()
        target = part[part["desil"].isin(list(rule))].groupby("kode_wilayah")[["rumah_tangga", "penerima"]].sum()
        excluded[programme] = int((target["rumah_tangga"] - target["penerima"]).clip(lower=0).sum())
    most = max(excluded, key=excluded.get)
    assert block.programme.query == {"program": most, "tahun": "2025"}
    assert block.programme.label.endswith(f": {excluded[most]:,} targets not reached")
    # exactly the rows both figures come from: every programme's rows of the year
    assert set(block.rows["tahun"]) == {2025} and set(block.rows["program"]) == set(latest["program"])


def test_perlu_perhatian_in_the_public_mode_uses_the_rounded_figures_peta_and_cakupan_show(fixture_parts):
    from lib.analysis.measures import MEASURES
    from lib.analysis.privacy import Rounding
    from lib.content import cakupan, peta

    rows, cubes, programmes, areas = fixture_parts
    rounding = Rounding(5, b"test-key")
    block = summary.attention(rows, cubes, programmes, areas, "id", rounding)
    mapped = peta.kutim_map_data(rows, programmes, MEASURES["persen_desil_1_2"], None, 2025, "kecamatan", None, areas,
                                 "id", rounding).table.set_index("kode")["nilai"]
    for link in block.areas:
        assert link.label.endswith(mapped.map(lambda v: f"{v:.1f}".replace(".", ",") + " %")[link.query["kecamatan"]])
    programme = block.programme.query["program"]
    shown = cakupan.headline(cubes[programme], cakupan.Selection(programme, 2025, "64.08",
                                                                 cakupan.default_deciles(programmes[programme])), rounding)
    assert f"{shown.excluded:,}".replace(",", ".") in block.programme.label


def test_no_perlu_perhatian_without_programme_rows(fixture_parts):
    rows, cubes, programmes, areas = fixture_parts
    assert summary.attention(rows.iloc[:0], {}, programmes, areas, "id") is None
    assert summary.largest_exclusion({}, programmes, 2025) is None
