"""AppTest of the Tentang data page on the fixture store (`tests/fixture_data.py`): the fixture's one conflict
(Kutim P0 2023: 9,50 % shown, 9,60 % elsewhere), the indicator choice in the URL, and sources from uploads shown
as text."""

import re

import pytest

from lib.ui.notes import ABOUT_DATA_PAGE
from tests import fixture_data
from tests.app.test_pages import open_page
from tests.app.test_untrusted_text import (
    TEXT_SOURCE,
    hostile_store,  # noqa: F401 (a fixture)
    links,
    markdown_texts,
    unescaped,
)

PAGE = "views/tentang.py"


@pytest.fixture(autouse=True)
def _store_env(monkeypatch, fixture_db_url):
    monkeypatch.setenv("DASBOR_DB_URL", fixture_db_url)
    monkeypatch.delenv("DASBOR_MODE", raising=False)


def points_table(app):
    """The table of every point of the chosen indicator (after the conflict table)."""
    return app.dataframe[1].value


def test_the_provenance_links_to_more_sources_land_on_this_page():
    app = open_page(PAGE)
    registered = {info["url_pathname"]: info["script_path"] for info in app._registered_pages.values()}
    assert registered[ABOUT_DATA_PAGE].endswith(PAGE)


@pytest.mark.parametrize("mode", ["internal", "public"])
@pytest.mark.parametrize(("lang", "heading", "shown"), [("id", "Angka yang berbeda antarsumber", "Ditampilkan"),
                                                         ("en", "Figures that differ between sources", "Shown")])
def test_the_conflict_is_listed_first_with_both_figures(monkeypatch, mode, lang, heading, shown):
    monkeypatch.setenv("DASBOR_MODE", mode)
    app = open_page(PAGE, {"lang": lang})
    assert app.subheader[0].value == heading
    conflicts = app.dataframe[0].value
    assert len(conflicts) == 1
    row = conflicts.iloc[0]
    assert row.iloc[0] == "Kabupaten Kutai Timur" and row[shown] in ("9,50 %", "9.50 %")
    assert fixture_data.SOURCE_KUTIM in row.values and fixture_data.SOURCE_OTHER in row.values
    assert any(value in ("9,60 %", "9.60 %") for value in row.values)


def test_the_indicator_choice_round_trips_through_the_link_and_changes_the_table():
    app = open_page(PAGE, {"indikator": "ipm"})
    assert app.selectbox(key="indikator").value == "ipm"
    ipm = points_table(app)
    assert ipm["Nilai"].tolist() == ["70,00", "71,00", "75,00"]  # Kutim's IPM only: no Kaltim or Indonesia IPM
    captions = "\n".join(c.value for c in app.caption)
    assert "basis baru (uji)" in captions and "kutim.statistik.example" in captions  # the method break, cited
    app.selectbox(key="indikator").set_value("tpt").run()
    assert app.query_params["indikator"] == "tpt"
    assert points_table(app)["Nilai"].tolist() == ["6,00 %", "5,50 %"]
    reopened = open_page(PAGE, dict(app.query_params))
    assert points_table(reopened).equals(points_table(app))


def test_p0_is_the_default_and_marks_the_point_sources_disagree_on():
    app = open_page(PAGE)
    assert "indikator" not in app.query_params
    table = points_table(app)
    kutim_2023 = table[(table["Wilayah"] == "Kabupaten Kutai Timur") & (table["Periode"] == "2023")].iloc[0]
    assert kutim_2023["Sumber berbeda"] == "ya" and "9,60 %" in kutim_2023["Laporan lain"]
    assert (table["Sumber berbeda"] == "ya").sum() == 1


def test_dualism_table_and_every_table_says_its_sources():
    app = open_page(PAGE)
    dualism = app.dataframe[2].value
    assert dualism["Nilai"].tolist()[:2] == ["40.000", "900"]
    text = "\n".join(markdown_texts(app))
    assert "DATA CONTOH" in text  # the demo programme total, labelled
    assert text.count("Sumber: [") >= 3  # conflicts, points, dualism
    assert "40.000 penduduk miskin (BPS, 2025) dibagi 900 KK" in text


@pytest.mark.usefixtures("hostile_store")
def test_sources_from_uploads_are_shown_as_text():
    app = open_page(PAGE)
    texts = markdown_texts(app)
    assert not [piece for text in texts for piece in unescaped(text)]
    # A link only to an http(s) address that cannot end early, or to this page (the "+ n sumber lain").
    assert all(re.fullmatch(r"https?://[^\s()<>`\\\[\]]+", target) or target == ABOUT_DATA_PAGE
               for text in texts for target in links(text))
    # Link columns hold http(s) addresses only: a `javascript:` source or a document name is never a link.
    addresses = [url for element in app.dataframe for column in ("Sumber", "Sumber lain") if column in element.value
                 for url in element.value[column].dropna()]
    assert addresses and all(url.startswith(("https://", "http://")) for url in addresses)
    assert any(url.startswith("https://data.example/a)") for url in addresses)
    notes = points_table(app)["Catatan"].tolist()
    assert any(TEXT_SOURCE in note for note in notes)  # a source that is no address is still said, as plain text
