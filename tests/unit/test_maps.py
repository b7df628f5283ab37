import json

import numpy as np
import pandas as pd
import pytest

from lib.analysis import mapdata
from lib.analysis.mapdata import MapData
from lib.analysis.measures import MEASURES
from lib.render import geometry, maps
from lib.ui.layout import PHONE_MAP_WIDTH


def _data(values, lower_is_better=True):
    codes = [f"64.08.{i:02d}" for i in range(1, len(values) + 1)]
    table = pd.DataFrame({"kode": codes, "nama": [f"Kec {c}" for c in codes], "nilai": values, "sumber": "https://bps.go.id/x"})
    return MapData(table, "Rumah tangga desil 1–2", "%", lower_is_better, lambda v: f"{v:.1f} %".replace(".", ","))


@pytest.mark.parametrize("method", mapdata.CLASSIFICATIONS)
def test_every_value_gets_a_class_and_missing_values_none(method):
    values = pd.Series([1.0, 2.0, np.nan, 4.0, 8.0, 16.0, 32.0])
    classes = mapdata.classify(values, method)
    assert classes.class_of[2] == -1
    assert set(classes.class_of[[0, 1, 3, 4, 5, 6]]) <= set(range(classes.count))
    assert classes.upper_bounds[-1] == 32.0 and classes.minimum == 1.0
    assert classes.class_of[0] == 0 and classes.class_of[6] == classes.count - 1


def test_equal_intervals_and_natural_breaks_differ_on_skewed_data():
    values = pd.Series([1.0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 50])
    assert mapdata.classify(values, "equal_interval").upper_bounds[0] == pytest.approx(10.8)
    assert mapdata.classify(values, "natural_breaks").upper_bounds[0] == pytest.approx(2.0)


def test_few_distinct_values_give_few_classes():
    assert mapdata.classify(pd.Series([3.0, 3.0, 3.0]), "quantiles").count == 1
    assert mapdata.classify(pd.Series([np.nan, np.nan]), "quantiles").count == 0


def test_unknown_classification_is_refused():
    with pytest.raises(ValueError, match="unknown classification"):
        mapdata.classify(pd.Series([1.0]), "jenks")


def _lab(colour: str) -> np.ndarray:
    """CIELAB of a hex sRGB colour (D65), to measure how different two colours look."""
    rgb = np.array([int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)])
    linear = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]) @ linear
    f = np.cbrt(xyz / np.array([0.95047, 1.0, 1.08883]))
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def _difference(a: str, b: str) -> float:
    """CIE76 colour difference: about 2 is just noticeable, 20 and more is plainly another colour."""
    return float(np.linalg.norm(_lab(a) - _lab(b)))


@pytest.mark.parametrize("palette", maps.PALETTES)
@pytest.mark.parametrize("count", [3, 5, 7])
def test_worse_is_always_the_darker_end(palette, count):
    light_to_dark = maps.palette_for(palette, count, lower_is_better=True)
    lightness = [_lab(c)[0] for c in light_to_dark]
    assert len(set(light_to_dark)) == count and lightness == sorted(lightness, reverse=True)
    assert light_to_dark[0] == maps.PALETTES[palette][0] and light_to_dark[-1] == maps.PALETTES[palette][-1]
    assert maps.palette_for(palette, count, lower_is_better=False) == light_to_dark[::-1]  # coverage: low is dark


@pytest.mark.parametrize("palette", maps.PALETTES)
def test_the_lightest_class_stands_apart_from_white_and_from_no_data(palette):
    lightest = maps.palette_for(palette, 5, lower_is_better=True)[0]
    assert _difference(lightest, "#ffffff") >= 18, lightest
    assert _difference(lightest, maps.NO_DATA_COLOUR) >= 18, lightest


def _drawn_colours(figure) -> dict[str, str]:
    """Area code -> the fill colour the stepped colour scale gives it."""
    valued = figure.data[0]
    steps = [colour for _, colour in valued.colorscale[::2]]
    return {code: steps[int(z)] for code, z in zip(valued.locations, valued.z)}


@pytest.mark.parametrize("measure", MEASURES.values(), ids=lambda m: m.id)
def test_the_worst_off_area_is_the_darkest_on_every_measure(measure):
    """Coverage (higher is better): the lowest coverage is darkest; exclusion and deciles: the highest."""
    data = _data([12.0, 30.0, 21.0, 45.0, 8.0], lower_is_better=measure.lower_is_better)
    figure = maps.choropleth(data, mapdata.classify(data.table["nilai"], "quantiles"), "x.json", "biru", "id",
                             center=(1.0, 117.0), zoom=6)
    colours = _drawn_colours(figure)
    worst = data.table["kode"][mapdata.ranks(data.table["nilai"], measure.lower_is_better) == 1].item()
    assert colours[worst] == min(colours.values(), key=lambda c: _lab(c)[0])
    assert worst == ("64.08.05" if measure.id == "cakupan_program" else "64.08.04")


@pytest.mark.parametrize(("lower_is_better", "lang", "note"), [
    (True, "id", "lebih gelap = lebih buruk"), (False, "en", "darker = worse"), (None, "id", "lebih gelap = nilai lebih tinggi"),
])
def test_the_legend_says_what_darker_means_inside_the_figure(lower_is_better, lang, note):
    data = _data([5.0, 6.0, 7.0], lower_is_better=lower_is_better)
    figure = maps.choropleth(data, mapdata.classify(data.table["nilai"], "quantiles"), "x.json", "biru", lang,
                             center=(1.0, 117.0), zoom=6)
    assert note in figure.data[0].colorbar.title.text  # so a PNG saved from the toolbar keeps it


@pytest.mark.parametrize("count", [3, 5, 7])
def test_the_legend_names_every_class_upright(count):
    data = _data([float(v) for v in range(1, 22)])
    classes = mapdata.classify(data.table["nilai"], "equal_interval", k=count)
    colorbar = maps.choropleth(data, classes, "x.json", "oranye_merah", "id", center=(1.0, 117.0), zoom=6).data[0].colorbar
    assert list(colorbar.tickvals) == [i + 0.5 for i in range(count)]
    assert [label.replace(" –<br>", " – ") for label in colorbar.ticktext] == [
        label.replace(" %", "") for label in mapdata.legend_labels(classes, data.format_value, "id")]  # unit: in the title
    assert colorbar.tickangle == 0  # plotly turns crowded labels on their side (and cuts them) unless told not to
    if count <= mapdata.MAX_CLASSES:  # every class the page offers fits a phone's map side by side
        widest_line = max(len(line) for label in colorbar.ticktext for line in label.split("<br>"))
        # Source Sans Pro's characters average about half an em.
        assert widest_line * 0.5 * maps.FONT["size"] <= PHONE_MAP_WIDTH / count


def test_a_long_legend_title_is_wrapped_for_a_phone():
    data = MapData(_data([1.0]).table, "Cakupan sasaran Program Keluarga Harapan (PKH) & BLT", "%", False, str)
    lines = maps.legend_title(data, "id").split("<br>")
    assert len(lines) == 3 and all(len(line) <= maps.LEGEND_TITLE_CHARS for line in lines[:2])
    assert "&amp;" in lines[1]  # text from the data is shown as written, not read as markup


def test_rank_one_is_the_worst_off():
    values = pd.Series([10.0, 30.0, 20.0])
    assert mapdata.ranks(values, lower_is_better=True).tolist() == [3, 1, 2]
    assert mapdata.ranks(values, lower_is_better=False).tolist() == [1, 3, 2]


def test_legend_labels_in_the_readers_format():
    data = _data([1.25, 2.5, 3.75, 5.0])
    classes = mapdata.classify(data.table["nilai"], "equal_interval", k=2)
    assert mapdata.legend_labels(classes, data.format_value, "id") == ["1,2 % – 3,1 %", "3,1 % – 5,0 %"]


def test_choropleth_sends_codes_and_values_only_with_geometry_by_url():
    data = _data([5.0, np.nan, 7.0, 9.0])
    classes = mapdata.classify(data.table["nilai"], "quantiles")
    figure = maps.choropleth(data, classes, "app/static/geo/kutim_kecamatan.json", "oranye_merah", "id",
                             center=(1.0, 117.0), zoom=6, highlight="64.08.03")
    valued, missing = figure.data
    assert valued.geojson == "app/static/geo/kutim_kecamatan.json"
    assert list(valued.locations) == ["64.08.01", "64.08.03", "64.08.04"]
    assert list(missing.locations) == ["64.08.02"] and missing.name == "tidak ada data"
    assert list(valued.marker.line.width) == [0.6, 3.0, 0.6]
    assert valued.customdata[0][2] == 3 and "peringkat %{customdata[2]} dari 3" in valued.hovertemplate
    assert "bps.go.id" in valued.hovertemplate and len(valued.customdata[0]) == 3  # one source: said once
    assert len(json.dumps(figure.to_plotly_json(), default=str)) < 20_000
    assert figure.layout.map.style == "white-bg"


def test_clicked_area_from_a_selection_event():
    event = {"selection": {"points": [{"location": "64.08.04", "z": 1.5}]}}
    assert maps.clicked_area(event) == "64.08.04"
    assert maps.clicked_area({"selection": {"points": []}}) is None
    assert maps.clicked_area(None) is None


def test_map_table_is_sorted_worst_first_with_no_data_last():
    data = _data([5.0, np.nan, 9.0])
    table = mapdata.map_table(data, mapdata.classify(data.table["nilai"], "quantiles"), "id")
    assert table["kode"].tolist() == ["64.08.03", "64.08.01", "64.08.02"]
    assert table["kelas_teks"].iloc[-1] == "tidak ada data"


def test_without_an_outlined_area_borders_are_not_sent_per_area():
    data = _data([5.0, 6.0, 7.0])
    figure = maps.choropleth(data, mapdata.classify(data.table["nilai"], "quantiles"), "x.json", "biru", "en",
                             center=(1.0, 117.0), zoom=6)
    assert figure.data[0].marker.line.width == 0.6


def _deck_of(codes: list[str]):
    data = _data([float(i % 7) for i in range(len(codes))])
    table = data.table.assign(kode=codes, teks="x")
    classes = mapdata.classify(table["nilai"], "quantiles")
    view = geometry.view_for("kutim_desa", codes, width=maps.MAP_FIT_WIDTH, height=maps.MAP_HEIGHT)
    colours = maps.palette_for("biru", classes.count, True)
    return maps.desa_3d(geometry.layer_geojson("kutim_desa"), table, classes, colours, "{teks}", view), view, colours


def test_the_3d_view_is_flat_coloured_and_fitted_to_the_selection():
    all_desa = [f["properties"]["kode"] for f in geometry.layer_geojson("kutim_desa")["features"]]
    kutim, _, _ = _deck_of(all_desa)
    sangatta_utara, view, colours = _deck_of([c for c in all_desa if c.startswith("64.08.04.")])
    spec = json.loads(sangatta_utara.to_json())
    layer = spec["layers"][0]
    # Ambient light only: a light class is not shaded towards the "no data" grey.
    assert layer["material"]["diffuse"] == 0 and layer["material"]["ambient"] == 1 and not any(
        layer["material"]["specularColor"])
    assert spec["mapStyle"] == "__MAP_STYLE__"  # no basemap request
    start = spec["initialViewState"]
    assert (start["latitude"], start["longitude"]) == view[:2] and start["zoom"] == view[2] - maps.PITCH_ZOOM_OUT
    assert start["zoom"] > json.loads(kutim.to_json())["initialViewState"]["zoom"] + 1.5  # one kecamatan fills the frame
    tallest = lambda deck: max(f["properties"]["tinggi"] for f in json.loads(deck.to_json())["layers"][0]["data"]["features"])
    assert tallest(sangatta_utara) < tallest(kutim) / 3  # columns in proportion to what is shown
    assert {tuple(f["properties"]["warna"]) for f in layer["data"]["features"]} <= {
        tuple(int(c[i : i + 2], 16) for i in (1, 3, 5)) for c in colours}


def test_the_3d_legend_names_every_class_and_no_data():
    legend = maps.legend_html("Desil 1–2 (%)", "lebih gelap = lebih buruk", ["#9ecae1", "#08306b"],
                              ["1,0 % – 2,0 %", "2,0 % – <b>3,0</b> %"], "tidak ada data")
    assert legend.count('class="swatch"') == 3 and "background:#9ecae1" in legend
    assert "background:" + maps.NO_DATA_COLOUR in legend and "tidak ada data" in legend
    assert "lebih gelap = lebih buruk" in legend and "&lt;b&gt;3,0" in legend
    assert "tidak ada data" not in maps.legend_html("x", "y", ["#9ecae1"], ["1 – 2"], None)
