"""Every chart a page sends is a valid plotly figure.

The figure builders skip plotly's validation at run time (`lib.render.charts.figure`: it cost most of a filter
change); this is where a misspelt or out-of-range property is caught instead, on what the pages really send.
"""

import json

import plotly.graph_objects as go
import pytest

from tests.app.test_pages import open_page

PAGES_WITH_CHARTS = [
    ("views/peta.py", {}),
    ("views/peta.py", {"tingkat": "desa", "kecamatan": "64.08.01", "ukuran": "cakupan", "program": "PKH"}),
    ("views/tren.py", {}),
    ("views/tren.py", {"lang": "en"}),
    ("views/cakupan.py", {}),
    ("views/cakupan.py", {"program": "BLT_DD", "kecamatan": "64.08.09", "lang": "en"}),
    ("views/cakupan.py", {"program": "PKH", "kecamatan": "64.08.04", "desa": "64.08.04.2001"}),
    *[("views/presentasi.py", {"mode": "presentasi", "slide": str(n)}) for n in range(1, 8)],
]


@pytest.fixture(autouse=True)
def _store_env(monkeypatch, fixture_db_url):
    monkeypatch.setenv("DASBOR_DB_URL", fixture_db_url)
    monkeypatch.delenv("DASBOR_MODE", raising=False)


def sent_figures(page: str, query: dict) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in open_page(page, query).get("plotly_chart")]


def test_the_pages_send_charts_at_all():
    # Guards the test below against passing on pages that send nothing.
    assert all(sent_figures(page, query) for page, query in PAGES_WITH_CHARTS[:7])
    assert sum(len(sent_figures(page, query)) for page, query in PAGES_WITH_CHARTS[7:]) >= 4


@pytest.mark.parametrize(("page", "query"), PAGES_WITH_CHARTS)
def test_every_sent_chart_passes_plotlys_validation(page, query):
    for spec in sent_figures(page, query):
        go.Figure(spec)  # raises ValueError on an unknown property or a bad value


def test_validation_catches_a_misspelt_property():
    with pytest.raises(ValueError, match="colour"):
        go.Figure({"data": [{"type": "bar", "x": [1], "colour": "red"}], "layout": {}})
