"""Cakupan as the page sends it (issue 15): each figure titled with its finding, the per-area table with short headers
and the area code kept for the download only. On the fixture store; the browser's view is in tests/e2e/test_cakupan.py."""

import json
import re

import pytest

from tests.app.pages import open_page


@pytest.fixture(autouse=True)
def _store_env(monkeypatch, fixture_db_url):
    monkeypatch.setenv("DASBOR_DB_URL", fixture_db_url)
    monkeypatch.delenv("DASBOR_MODE", raising=False)


@pytest.mark.parametrize(("lang", "findings"), [
    ("id", ["PKH menjangkau ", "Eksklusi PKH terbesar di ", "Cakupan PKH tertinggi di desil ", "Cakupan PKH "]),
    ("en", ["PKH reaches ", "Largest PKH exclusion in ", "PKH coverage: highest in decile ", "PKH coverage "]),
])
def test_each_figure_is_titled_with_its_finding(lang, findings):
    app = open_page("views/cakupan.py", {"lang": lang})
    titles = [json.loads(chart.proto.spec)["layout"]["title"]["text"] for chart in app.get("plotly_chart")]
    assert len(titles) == 4
    # As read: the markup and a long title's line breaks left out.
    titles = [re.sub(r"<[^>]+>", "", title.replace("<br>", " ")) for title in titles]
    for title, finding in zip(titles, findings):
        assert title.startswith(finding), (title, finding)
    assert titles[3].endswith(" 2025")  # the trend: the year shown against the one before


def test_the_table_has_short_headers_and_keeps_the_area_code_for_the_download():
    app = open_page("views/cakupan.py")
    table = app.dataframe[0]
    columns = json.loads(table.proto.columns)
    assert columns["Kode wilayah"] == {"hidden": True}
    assert columns["Eksklusi (sasaran belum menerima)"]["label"] == "Eksklusi"
    assert table.value["Rumah tangga sasaran"].dtype.kind == "i"  # numbers: sorting by value
