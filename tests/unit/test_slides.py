import pytest

from lib.analysis.measures import MEASURES
from lib.content import slides
from lib.content.agenda import Slide
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
    assert text.startswith("#### Paling memburuk") and "#### Paling membaik" in text
    assert f"**{table['Wilayah'].iloc[0]}**" in text.split("#### Paling membaik")[0]
    assert f"**{table['Wilayah'].iloc[-1]}**" in text.split("#### Paling membaik")[1]


def test_change_of_a_count_is_in_households():
    assert slides._change_text(-12.0, MEASURES["rumah_tangga_desil_1"], "id") == "−12"
    assert slides._change_text(0.25, MEASURES["persen_desil_1_2"], "en") == "+0.2 percentage points"


def test_projector_figures_use_large_type(store, areas, registry):
    slide = Slide("tren", "x", {"indikator": "persentase_penduduk_miskin_P0", "wilayah": ["64.08"]})
    figure = slides.trend(store.values(), store.targets(), registry, slide, areas, "id")
    assert figure.layout.font.size >= 18 and figure.layout.height == slides.FIGURE_HEIGHT
