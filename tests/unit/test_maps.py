import json

import numpy as np
import pandas as pd
import pytest

from lib.analysis import mapdata
from lib.analysis.mapdata import MapData
from lib.render import maps


def _data(values, lower_is_better=True):
    codes = [f"64.08.{i:02d}" for i in range(1, len(values) + 1)]
    table = pd.DataFrame({"kode": codes, "nama": [f"Kec {c}" for c in codes], "nilai": values, "sumber": "https://bps.go.id/x"})
    return MapData(table, "Rumah tangga desil 1–2", "%", lower_is_better, lambda v: f"{v:.1f}".replace(".", ","))


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


def test_worse_is_always_the_darker_end():
    light_to_dark = maps.palette_for("biru", 5, lower_is_better=True)
    assert light_to_dark == list(maps.PALETTES["biru"])
    assert maps.palette_for("biru", 5, lower_is_better=False) == light_to_dark[::-1]
    assert maps.palette_for("biru", 3, True) == ["#eff3ff", "#6baed6", "#08519c"]


def test_rank_one_is_the_worst_off():
    values = pd.Series([10.0, 30.0, 20.0])
    assert mapdata.ranks(values, lower_is_better=True).tolist() == [3, 1, 2]
    assert mapdata.ranks(values, lower_is_better=False).tolist() == [1, 3, 2]


def test_legend_labels_in_the_readers_format():
    data = _data([1.25, 2.5, 3.75, 5.0])
    classes = mapdata.classify(data.table["nilai"], "equal_interval", k=2)
    assert mapdata.legend_labels(classes, data.format_value, "id") == ["1,2 – 3,1", "3,1 – 5,0"]


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
