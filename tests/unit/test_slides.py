import pandas as pd
import pytest

from lib.analysis.measures import MEASURES
from lib.content import slides
from lib.content.agenda import Slide
from lib.core import provenance
from lib.core.programmes import registry_from_frame
from lib.core.wilayah import AreaRegistry


@pytest.fixture(scope="module")
def areas(store):
    return AreaRegistry(store.areas(), store.aliases())


@pytest.fixture(scope="module")
def programmes(store):
    return registry_from_frame(store.programmes())


def test_change_between_years_lists_every_kecamatan_worst_first(store, areas, programmes):
    rows = store.programme_rows()
    slide = Slide("sejak_rakor", "x", {"ukuran": "persen_desil_1_2", "tahun_awal": 2024, "tahun_akhir": 2025})
    figure, table = slides.change_between_years(rows, programmes, slide, areas, "id", None)
    assert len(table) == 18 and len(figure.data[0].y) == 18
    changes = [float(c.split(" ")[0].replace("−", "-").replace("+", "").replace("±", "").replace(",", "."))
               for c in table["Perubahan"]]
    assert changes == sorted(changes, reverse=True)  # a rising share of poor households is worse: first
    assert table["Perubahan"].iloc[0].endswith("poin persen")


def test_change_summary_names_the_worst_and_the_best(store, areas, programmes):
    slide = Slide("sejak_rakor", "x", {"ukuran": "persen_desil_1_2", "tahun_awal": 2024, "tahun_akhir": 2025})
    _, table = slides.change_between_years(store.programme_rows(), programmes, slide, areas, "id", None)
    text = slides.change_summary(table, "id")
    worst_part, best_part = text.split("#### Paling membaik")
    assert worst_part.startswith("#### Paling memburuk")
    worse, better = table[table["Arah"] == "memburuk"], table[table["Arah"] == "membaik"]
    assert len(better) >= 3
    assert f"**{better['Wilayah'].iloc[-1]}**" in best_part  # the largest improvement first
    # Never an area that improved under "worsened most" (the demo's shares of poor households all fell)
    assert not [name for name in better["Wilayah"] if f"**{name}**" in worst_part]
    if worse.empty:
        assert "Tidak ada kecamatan yang memburuk." in worst_part
    else:
        assert f"**{worse['Wilayah'].iloc[0]}**" in worst_part


def test_change_summary_lists_only_areas_that_worsened():
    table = pd.DataFrame({"Wilayah": ["A", "B", "C"], "2024": ["10,6 %", "9,0 %", "8,0 %"],
                          "2025": ["10,3 %", "8,0 %", "7,5 %"], "Perubahan": ["−0,3", "−1,0", "−0,5"],
                          "Arah": ["membaik", "membaik", "membaik"]})
    text = slides.change_summary(table, "id")
    assert "Tidak ada kecamatan yang memburuk." in text.split("#### Paling membaik")[0]
    assert "**A**" not in text.split("#### Paling membaik")[0]


def test_change_of_a_count_is_in_households():
    assert slides._change_text(-12.0, MEASURES["rumah_tangga_desil_1"], "id") == "−12"
    assert slides._change_text(0.25, MEASURES["persen_desil_1_2"], "en") == "+0.2 percentage points"


def test_projector_figures_use_large_type(store, areas, registry):
    slide = Slide("tren", "x", {"indikator": "persentase_penduduk_miskin_P0", "wilayah": ["64.08"]})
    figure = slides.trend(store.values(), store.targets(), registry, slide, areas, "id")
    assert figure.layout.font.size >= 18 and figure.layout.height == slides.FIGURE_HEIGHT


def test_each_slide_names_the_rows_it_shows_with_their_kinds(store, areas):
    values, rows = store.values(), store.programme_rows()
    summary_rows = slides.shown_rows(Slide("ringkasan", "x", {}), values, rows, areas)
    assert set(summary_rows["kode_wilayah"]) == {"64.08"}
    assert "pernyataan" in set(summary_rows["status"])  # Kutim's extreme poverty figure is a statement
    assert "contoh" not in set(summary_rows["status"])
    kaltim = slides.shown_rows(Slide("peta_kaltim", "x", {"indikator": "persentase_penduduk_miskin_P0", "tahun": 2024}),
                               values, rows, areas)
    assert set(kaltim["kode_wilayah"]) <= set(areas.codes_at("kabupaten")) and len(kaltim) >= 5
    gap = slides.shown_rows(Slide("kesenjangan_program", "x", {"program": "PKH", "tahun": 2024}), values, rows, areas)
    assert set(gap["program"]) == {"PKH"} and set(gap["tahun"]) == {2024} and set(gap["status"]) == {"contoh"}
    profile = slides.shown_rows(Slide("profil", "x", {"wilayah": "64.08.01", "tahun": 2024}), values, rows, areas)
    assert profile["kode_wilayah"].str.startswith("64.08.01").all() and len(profile)


def test_a_trend_slide_cites_its_first_areas_source_first_the_one_its_title_is_about(store, areas):
    """Kutim's poverty line beside Kaltim's and Indonesia's: Kaltim's BPS releases are the strongest kind shown, but
    the title is Kutim's finding, so Kutim's own source leads the line (it read "mahulukab.bps.go.id + 32 sumber lain")."""
    values, releases = store.values(), store.current_releases()
    slide = Slide("tren", "x", {"indikator": "persentase_penduduk_miskin_P0", "wilayah": ["64.08", "64", "ID"]})
    kutim = values[(values["indikator"] == "persentase_penduduk_miskin_P0") & (values["kode_wilayah"] == "64.08")]
    shown = slides.shown_provenance(slide, values, store.programme_rows(), areas, releases)
    everything = provenance.of(slides.shown_rows(slide, values, store.programme_rows(), areas), releases)
    assert shown.primary_source == provenance.of(kutim, releases).primary_source != everything.primary_source
    assert set(shown.sources) == set(everything.sources) and shown.kinds == everything.kinds


@pytest.mark.parametrize("screen_height", [720, 768, 1080])
def test_trend_slide_names_every_area_and_whose_target_in_its_type_without_a_legend(store, areas, registry,
                                                                                     screen_height):
    slide = Slide("tren", "x", {"indikator": "persentase_penduduk_miskin_P0", "wilayah": ["64.08", "64", "ID"]})
    figure = slides.sized(slides.trend(store.values(), store.targets(), registry, slide, areas, "id", screen_height),
                          screen_height)
    names = [a.text.split("<br>")[0] for a in figure.layout.annotations]
    assert names == ["<b>Kutai Timur</b>", "<b>Kalimantan Timur</b>", "<b>Indonesia</b>", "Target nasional"]
    assert not figure.layout.showlegend
    # the labels are drawn at the size they were spaced for: the slide's text on this projector
    assert {a.font.size for a in figure.layout.annotations} == {figure.layout.font.size}
    assert figure.layout.font.size == slides.scaled(slides.PROJECTOR_FONT["size"], screen_height)


def test_trend_slide_keeps_a_legend_for_an_older_methods_line_above_the_plot(store, areas, registry):
    slide = Slide("tren", "x", {"indikator": "ipm", "wilayah": ["64.08"]})
    figure = slides.trend(store.values(), store.targets(), registry, slide, areas, "id")
    assert [trace.name for trace in figure.data if trace.showlegend] == ["Kutai Timur (metode lama)"]
    assert figure.layout.showlegend and figure.layout.legend.y == 1.0
    assert figure.layout.margin.t >= 1.25 * figure.layout.legend.font.size
