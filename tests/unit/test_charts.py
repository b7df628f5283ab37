"""Figure builders (lib.render.charts): direct labels, tick formats and captions that fit the reader's screen."""

import re

import pandas as pd
import plotly.graph_objects as go
import pytest

from lib.analysis import series
from lib.core.targets import Target
from lib.render import charts

KUTIM, KALTIM, INDONESIA = "64.08", "64", "ID"
P0 = "persentase_penduduk_miskin_P0"
NAMES = {KUTIM: "Kabupaten Kutai Timur", KALTIM: "Provinsi Kalimantan Timur", INDONESIA: "Indonesia"}
NATIONAL = Target(INDONESIA, 2029, 4.5, 5.0, "RPJMN 2025-2029", "https://example.org")


@pytest.fixture
def p0_figure(values, registry):
    table = series.trend_table(values, registry[P0], [KUTIM, KALTIM, INDONESIA], NAMES, "id")
    return table, charts.trend_figure(table, [NATIONAL], registry[P0], "id", charts.PHONE_FIGURE_WIDTH)


def test_spread_apart_keeps_labels_a_gap_apart_around_their_middle():
    assert charts.spread_apart([0, 100], 20) == [0, 100]  # far apart: unmoved
    placed = charts.spread_apart([50, 52, 10], 20)
    assert placed[2] == 10 and placed[1] - placed[0] == pytest.approx(20)
    assert (placed[0] + placed[1]) / 2 == pytest.approx(51)  # pushed apart around where they were
    three = charts.spread_apart([5, 5, 6], 10)
    assert sorted(three) == pytest.approx([-4.667, 5.333, 15.333], abs=1e-3)
    # kept inside the plot: a label at the axis is lifted clear of it, the others above it
    assert charts.spread_apart([0, 3], 10, low=8, high=100) == [8, 18]
    assert charts.spread_apart([99, 100], 10, low=0, high=100) == [90, 100]


def test_each_line_is_named_at_its_end_with_its_last_value_and_no_legend(p0_figure):
    table, figure = p0_figure
    texts = [re.sub(r"<[^>]+>", " ", a.text).split() for a in figure.layout.annotations]
    assert ["Kutai", "Timur", "8,07", "%"] in texts and ["Indonesia", "8,47", "%"] in texts
    assert ["Target", "nasional"] in texts  # whose target it is, beside its marker
    assert figure.layout.showlegend is False
    kutim = next(a for a in figure.layout.annotations if "Kutai Timur" in a.text)
    assert kutim.x == str(table[table["kode_wilayah"] == KUTIM]["tanggal"].iloc[-1])


def test_end_labels_of_close_values_do_not_overlap(p0_figure):
    _, figure = p0_figure
    scale = (charts.TREND_HEIGHT - 40 - charts._X_AXIS_HEIGHT) / (figure.layout.yaxis.range[1] - figure.layout.yaxis.range[0])
    lines = [a for a in figure.layout.annotations if "<br>" in a.text]
    centres = sorted(a.y * scale + a.yshift for a in lines)
    # Kutim 8,07 and Indonesia 8,47 are a few px apart on the axis; their two-line labels are not
    assert min(b - a for a, b in zip(centres, centres[1:])) >= 2 * 1.25 * charts.FONT["size"]


def test_labels_that_pass_the_plot_get_a_right_margin_on_a_phone(values, registry):
    table = series.trend_table(values, registry[P0], [KUTIM], NAMES, "id")
    phone = charts.trend_figure(table, [], registry[P0], "id", charts.PHONE_FIGURE_WIDTH)
    assert phone.layout.margin.r > 60  # "Kutai Timur" ends the plot: it needs room at the right


def test_an_older_method_keeps_a_legend_entry(values, registry):
    table = series.trend_table(values, registry["ipm"], [KUTIM], NAMES, "id")
    figure = charts.trend_figure(table, [], registry["ipm"], "id", charts.DESKTOP_FIGURE_WIDTH)
    assert [t.name for t in figure.data if t.showlegend] == ["Kabupaten Kutai Timur (metode lama)"]
    assert figure.layout.showlegend


def test_value_axes_in_the_indicators_unit_without_needless_decimals(registry):
    assert charts.value_axis(registry[P0], "id") == {"tickformat": ",.2~f", "ticksuffix": " %"}
    rupiah = next(i for i in registry.values() if i.satuan == "rupiah_kapita_bulan")
    assert charts.value_axis(rupiah, "id")["tickprefix"] == "Rp"


def test_small_charts_read_percent_and_counts(small_tables):
    deciles, ranking, trend = small_tables
    assert charts.decile_bars(deciles, "id").layout.yaxis.ticksuffix == " %"
    assert charts.exclusion_ranking(ranking, "id").layout.xaxis.tickformat == ",.0f"
    coverage = charts.coverage_trend(trend, "id").layout
    assert coverage.yaxis.ticksuffix == " %" and coverage.xaxis.tickformat == "d"


@pytest.fixture
def small_tables():
    deciles = pd.DataFrame({"desil": [1, 2], "persen": [40.0, 20.0], "sasaran": [True, False], "penerima": [4, 2],
                            "rumah_tangga": [10, 10]})
    ranking = pd.DataFrame({"nama": ["A", "B"], "eksklusi": [1500, 20], "cakupan": [50.0, 90.0]})
    trend = pd.DataFrame({"tahun": [2024, 2025], "cakupan": [40.0, 45.0]})
    return deciles, ranking, trend


class _Shown:
    demo = True

    def line(self, lang):
        return ("Sumber: mahulukab.bps.go.id + 35 sumber lain · Jenis: rilis BPS, angka BPS via media · "
                "3 angka berbeda antarsumber · rilis 5, 29 November 2026 11.06 WITA · DATA CONTOH — bukan data resmi")


@pytest.mark.parametrize("width", [charts.PHONE_FIGURE_WIDTH, charts.DESKTOP_FIGURE_WIDTH])
def test_caption_lines_fit_the_figure_width(width):
    figure = charts.captioned_taller(go.Figure(layout=dict(height=400)), "Kemiskinan Kutai Timur turun ke 8,07 % pada 2025",
                                     "Kabupaten Kutai Timur, Kalimantan Timur, Indonesia · 2010–2025", _Shown(), "id",
                                     width, measure="Persentase penduduk miskin (P0)")
    title = figure.layout.title
    plain = lambda markup: [re.sub(r"<[^>]+>", "", line) for line in markup.split("<br>")]
    assert max(len(line) for line in plain(title.text)[:1]) * charts._TITLE_CHAR <= width
    assert max(len(line) for line in plain(title.subtitle.text)) * charts._SUBTITLE_CHAR <= width
    assert "DATA CONTOH — bukan data resmi" in title.subtitle.text and "Jenis: rilis BPS" in title.subtitle.text
    lines = len(plain(title.text)) + len(plain(title.subtitle.text))
    assert figure.layout.height == 400 + figure.layout.margin.t - 30 and lines >= 5
    if width == charts.PHONE_FIGURE_WIDTH:
        assert len(plain(title.text)) == 3  # the finding on two lines, the measure under it


def test_a_target_at_zero_is_drawn_whole_and_its_label_stays_above_the_axis(values, registry):
    extreme = registry["tingkat_kemiskinan_ekstrem"]
    table = series.trend_table(values, extreme, [KUTIM], NAMES, "id")
    targets = [Target(KUTIM, 2024, 0.0, 0.0, "pernyataan", "x"), Target(INDONESIA, 2026, 0.0, 0.0, "RKP", "x")]
    figure = charts.trend_figure(table, targets, extreme, "id", charts.DESKTOP_FIGURE_WIDTH)
    low, high = figure.layout.yaxis.range
    assert low < 0  # the marker on 0 is not cut in half by the axis
    scale = (charts.TREND_HEIGHT - 40 - charts._X_AXIS_HEIGHT) / (high - low)
    target = next(a for a in figure.layout.annotations if a.text == "Target Kutim")
    assert (target.y - low) * scale + target.yshift >= 1.25 * charts.FONT["size"] / 2
    # two years apart, the two targets' labels do not overlap: neither is pushed off its marker by the other
    national = next(a for a in figure.layout.annotations if a.text == "Target nasional")
    assert national.yshift == target.yshift


PROJECTOR_WIDTH, PROJECTOR_FONT, PROJECTOR_HEIGHT = 984, 26, 618  # a 1024x768 slide's figure


def centres_px(figure, font_size):
    """Each two-line (area) label's centre in px above the plot's foot, as the labels were placed."""
    height = figure.layout.height - 40 - charts._X_AXIS_HEIGHT * font_size / charts.FONT["size"]
    low, high = figure.layout.yaxis.range
    return sorted((a.y - low) * height / (high - low) + a.yshift for a in figure.layout.annotations if "<br>" in a.text)


def test_labels_in_a_projectors_type_are_a_line_of_it_apart_and_get_the_room_it_takes(values, registry):
    table = series.trend_table(values, registry[P0], [KUTIM, KALTIM, INDONESIA], NAMES, "id")
    page = charts.trend_figure(table, [NATIONAL], registry[P0], "id", PROJECTOR_WIDTH)
    slide = charts.trend_figure(table, [NATIONAL], registry[P0], "id", PROJECTOR_WIDTH, PROJECTOR_FONT,
                                PROJECTOR_HEIGHT)
    assert slide.layout.height == PROJECTOR_HEIGHT and slide.layout.font.size == PROJECTOR_FONT
    assert {a.font.size for a in slide.layout.annotations} == {PROJECTOR_FONT}
    centres = centres_px(slide, PROJECTOR_FONT)
    # Kutim 8,07 and Indonesia 8,47: two lines of 26 px apart, not of the page's 15 px
    assert min(b - a for a, b in zip(centres, centres[1:])) >= 2 * 1.25 * PROJECTOR_FONT
    # "Kalimantan Timur" and "Target nasional" in 26 px reach further past the plot than in 15 px
    assert slide.layout.margin.r > page.layout.margin.r + 100
