"""Profil Wilayah on crafted programme rows: Kutim's figure beside each of the area's, small trends per measure,
times in WITA, and the area named once."""

import base64
import re

import pandas as pd
import pytest

from lib.analysis.privacy import Rounding
from lib.content import profile
from lib.core.programmes import registry_from_frame
from lib.core.wilayah import AreaRegistry
from lib.render import svg

AREA = "64.08.01"  # Muara Ancalong; desa B in Sangatta Utara is the rest of Kutim
DESA_A, DESA_B = "64.08.01.2001", "64.08.04.2001"
# Households per decile 1..10: A's deciles 1-2 shrink from 2024 to 2025; B is the rest of Kutim.
HOUSEHOLDS = {
    (DESA_A, 2024): (15, 15, 10, 10, 10, 10, 10, 10, 10, 10),
    (DESA_A, 2025): (10, 10, 10, 10, 10, 10, 10, 10, 10, 10),
    (DESA_B, 2024): (10, 10, 35, 35, 35, 35, 35, 35, 35, 35),
    (DESA_B, 2025): (10, 10, 35, 35, 35, 35, 35, 35, 35, 35),
}
# PKH recipients per eligible decile (1-4): A's coverage doubles.
RECIPIENTS = {(DESA_A, 2024): 5, (DESA_A, 2025): 8, (DESA_B, 2024): 3, (DESA_B, 2025): 3}
RELEASED_UTC = pd.Timestamp("2026-11-28 23:30")  # 29 November 07.30 in Kutai Timur


def crafted_rows() -> pd.DataFrame:
    return pd.DataFrame([
        {"rilis_id": 3, "kode_wilayah": desa, "tahun": year, "program": "PKH", "desil": decile, "rumah_tangga": count,
         "penerima": RECIPIENTS[desa, year] if decile <= 4 else 0, "anggaran_rp": float("nan"),
         "realisasi_rp": float("nan"), "pelaksana": "Dinsos", "status": "contoh", "sumber": "uji"}
        for (desa, year), counts in HOUSEHOLDS.items() for decile, count in enumerate(counts, start=1)
    ])


def crafted_values() -> pd.DataFrame:
    return pd.DataFrame([
        {"rilis_id": 1, "kode_wilayah": desa, "indikator": "jumlah_penduduk", "tahun": 2025, "bulan": None,
         "nilai": people, "sumber": "uji", "status": "contoh", "catatan": None, "sumber_lain": None}
        for desa, people in ((DESA_A, 800.0), (DESA_B, 1200.0))
    ])


@pytest.fixture
def built(fixture_store):
    releases = fixture_store.current_releases().assign(dibuat_pada=RELEASED_UTC)
    programmes = {"PKH": registry_from_frame(fixture_store.programmes())["PKH"]}
    assert tuple(programmes["PKH"].eligible_deciles()) == (1, 2, 3, 4)
    areas = AreaRegistry(fixture_store.areas(), fixture_store.aliases())

    def build(rounding: Rounding | None = None, lang: str = "id") -> profile.AreaProfile:
        return profile.build(AREA, 2025, crafted_rows(), crafted_values(), fixture_store.published_counts().iloc[0:0],
                             releases, programmes, areas.areas["nama"].to_dict(), areas.areas["level"].to_dict(), lang,
                             rounding)
    return build


def test_each_figure_has_kutims_figure_of_the_same_measure_and_year_beside_it(built):
    area = built()
    assert (area.population, area.kutim["population"]) == (800, 2000)  # Kutim: the sum of its desa
    assert (area.poor_households, area.kutim["poor_households"]) == (10, 20)
    assert area.share_1_2 == pytest.approx(20.0) and area.kutim["share_1_2"] == pytest.approx(100 * 40 / 400)
    assert area.kutim["share_1_4"] == pytest.approx(100 * 130 / 400)
    pkh = area.programmes.iloc[0]
    assert pkh["cakupan"] == pytest.approx(80.0) and pkh["cakupan_kutim"] == pytest.approx(100 * 44 / 130)
    html = profile.to_html(area, "", "id")
    assert "<i>Kutim: 10,0 %</i>" in html and "<i>Kutim: 2.000</i>" in html and "<td>33,8 %</td>" in html
    assert "<th>Cakupan Kutim</th>" in html


def test_each_share_and_programme_has_its_trend_over_the_years(built):
    area = built()
    assert area.trends["share_1_2"] == [(2024, pytest.approx(100 * 30 / 110)), (2025, pytest.approx(20.0))]
    assert area.programmes.iloc[0]["tren"] == [(2024, pytest.approx(40.0)), (2025, pytest.approx(80.0))]
    html = profile.to_html(area, "", "id")
    assert html.count('class="spark"') == 3  # two share tiles and the programme's row
    assert "Tren cakupan 2024–2025" in html
    assert 'alt="Program Keluarga Harapan (PKH): 40,0 % (2024) → 80,0 % (2025)"' in html


def test_public_mode_compares_with_kutims_rounded_counts(built):
    area = built(Rounding(5, b"a test key"))
    assert area.kutim["poor_households"] % 5 == 0 and area.kutim["population"] % 5 == 0


def test_times_are_in_wita_and_the_area_is_named_once(built):
    html = profile.to_html(built(), "", "id")
    assert "29 November 2026 07.30 WITA" in html and "28 November 2026" not in html
    assert re.findall(r"<h1>(.*?)</h1>", html) == ["Muara Ancalong"]
    assert "Sumber: <br>" not in html  # no empty sources line under demo rows without a named source


def test_sparkline_draws_the_points_left_to_right_from_a_zero_base():
    image = svg.sparkline([(2021, 10.0), (2022, 20.0), (2025, 40.0)], "PKH: naik", size=(100, 30))
    drawing = base64.b64decode(re.search(r"base64,([^\"]+)", image).group(1)).decode()
    points = [tuple(map(float, p.split(","))) for p in re.search(r'points="([^"]+)"', drawing).group(1).split()]
    assert [x for x, _ in points] == [3.0, 26.5, 97.0]  # years apart as on a time axis
    assert points[-1][1] == 3.0 and points[0][1] == 21.0  # 10 is a quarter of the way from 0 to the highest, 40
    assert 'alt="PKH: naik"' in image and svg.sparkline([(2025, 1.0)], "one") == ""


NEIGHBOUR = "64.08.01.2002"


@pytest.fixture
def with_neighbour(fixture_store):
    """The crafted tables with a second desa in A's kecamatan, poorer and less reached than A."""
    releases = fixture_store.current_releases().assign(dibuat_pada=RELEASED_UTC)
    programmes = {"PKH": registry_from_frame(fixture_store.programmes())["PKH"]}
    areas = AreaRegistry(fixture_store.areas(), fixture_store.aliases())
    rows, values, counts = crafted_rows(), crafted_values(), fixture_store.published_counts().iloc[0:0]
    # a second desa in A's kecamatan, poorer and less reached, so A's own rows differ from its kecamatan's
    neighbour = rows[rows["kode_wilayah"] == DESA_A].assign(kode_wilayah=NEIGHBOUR, penerima=lambda r: r["penerima"] // 4,
                                                            rumah_tangga=lambda r: r["rumah_tangga"] * (11 - r["desil"]))
    rows = pd.concat([rows, neighbour], ignore_index=True)
    return rows, values, counts, releases, programmes, areas


@pytest.mark.parametrize("code", [AREA, DESA_A, DESA_B])
@pytest.mark.parametrize("rounding", [None, Rounding(5, b"kunci")])
def test_a_profile_built_on_the_years_shared_kutim_figures_is_the_one_built_alone(with_neighbour, code, rounding):
    """The page computes Kutim's side of a year once and shares it among every area's profile: each must come out
    exactly as if built on its own, for a kecamatan, a desa of it and a desa elsewhere."""
    rows, values, counts, releases, programmes, areas = with_neighbour
    shared = profile.kutim_year(rows, values, programmes, 2025, rounding)
    # another area's profile first: the shared figures must not carry anything of it
    profile.with_fragment(DESA_B if code != DESA_B else AREA, 2025, rows, values, counts, releases, programmes, areas,
                          "id", rounding, shared)
    alone = profile.with_fragment(code, 2025, rows, values, counts, releases, programmes, areas, "id", rounding)
    with_shared = profile.with_fragment(code, 2025, rows, values, counts, releases, programmes, areas, "id", rounding,
                                        shared)
    assert with_shared[1] == alone[1]
    assert (with_shared[0].kutim, with_shared[0].trends, with_shared[0].provenance) == \
        (alone[0].kutim, alone[0].trends, alone[0].provenance)
    pd.testing.assert_frame_equal(with_shared[0].programmes, alone[0].programmes)
    assert with_shared[0].share_1_4 is not None


def test_a_desas_profile_counts_its_own_households_not_its_kecamatans(with_neighbour):
    rows, values, counts, releases, programmes, areas = with_neighbour
    desa, _ = profile.with_fragment(DESA_A, 2025, rows, values, counts, releases, programmes, areas, "id", None)
    kecamatan, _ = profile.with_fragment(AREA, 2025, rows, values, counts, releases, programmes, areas, "id", None)
    assert desa.programmes.iloc[0]["cakupan"] == pytest.approx(80.0)  # 4 x 8 recipients of 4 x 10 households
    assert desa.trends["share_1_2"] == [(2024, pytest.approx(100 * 30 / 110)), (2025, pytest.approx(20.0))]
    assert kecamatan.programmes.iloc[0]["cakupan"] < 80.0
