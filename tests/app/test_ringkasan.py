"""AppTest of Ringkasan's first screen (issue 15): the "Perlu perhatian" block and the cards' comparisons and
target chips, on the fixture dataset of `tests/fixture_data.py` (its top kecamatan worked out in
tests/unit/test_summary.py)."""

from pathlib import Path
from urllib.parse import parse_qs

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.pages import open_page

ROOT = Path(__file__).resolve().parents[2]
HEADING = {"id": "Perlu perhatian · 2025", "en": "Needs attention · 2025"}
DEMO_LABEL = {"id": "DATA CONTOH — bukan data resmi", "en": "DEMO DATA — not official figures"}
# Deciles 1-2 share 2025: Bengalon 45,0 %, Muara Ancalong 32,5 %, Sangatta Selatan 17,5 % (the fixture's kecamatan).
TOP_KECAMATAN = ["64.08.09", "64.08.01", "64.08.13"]


@pytest.fixture(autouse=True)
def _store_env(monkeypatch, fixture_db_url):
    monkeypatch.setenv("DASBOR_DB_URL", fixture_db_url)
    monkeypatch.delenv("DASBOR_MODE", raising=False)


def open_ringkasan(lang: str = "id") -> AppTest:
    return open_page(query={"lang": lang})


def links(app: AppTest) -> list:
    return [element.proto for element in app.get("page_link")]


def query(link) -> dict[str, str]:
    return {key: values[0] for key, values in parse_qs(link.query_string).items()}


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("mode", ["internal", "public"])
def test_perlu_perhatian_links_to_the_map_of_each_top_kecamatan_and_to_the_programme(monkeypatch, lang, mode):
    monkeypatch.setenv("DASBOR_MODE", mode)
    app = open_ringkasan(lang)
    markdown = "\n".join(m.value for m in app.markdown)
    assert HEADING[lang] in markdown and DEMO_LABEL[lang] in markdown
    maps = [link for link in links(app) if link.page.endswith("peta")]
    assert [query(link) for link in maps] == [
        {"tingkat": "desa", "kecamatan": code, "ukuran": "persen_desil_1_2", "tahun": "2025"} for code in TOP_KECAMATAN]
    assert maps[0].label.startswith("Bengalon ")
    programme = next(link for link in links(app) if link.page.endswith("cakupan"))
    assert set(query(programme)) == {"program", "tahun"} and query(programme)["tahun"] == "2025"
    # The block's provenance line names the kind of the rows it is built from.
    assert any({"id": "Jenis: data contoh", "en": "Kind: demo data"}[lang] in c.value for c in app.caption)
    if mode == "public":  # rounded counts, said once in the block: a short line, the whole rule in its tooltip
        rounding = next(c for c in app.caption if c.value.startswith({"id": "Versi publik", "en": "Public version"}[lang]))
        assert rounding.value == {"id": "Versi publik: jumlah dibulatkan ke kelipatan 5",
                                  "en": "Public version: counts rounded to multiples of 5"}[lang]
        assert {"id": "sedikitnya 25 rumah tangga", "en": "at least 25 households"}[lang] in rounding.proto.help


def test_the_internal_block_shows_exact_shares():
    maps = [link for link in links(open_ringkasan()) if link.page.endswith("peta")]
    assert [link.label.split(" ")[-2] for link in maps] == ["45,0", "32,5", "17,5"]


@pytest.mark.parametrize(("lang", "p0_peers"), [("id", "Kaltim 6,00 % · Indonesia 9,00 %"),
                                                 ("en", "Kaltim 6.00 % · Indonesia 9.00 %")])
def test_cards_show_kaltim_and_indonesia_inline_and_a_short_target_chip(lang, p0_peers):
    app = open_ringkasan(lang)
    captions = [c.value for c in app.caption]
    assert f":material/compare_arrows: {p0_peers}" in captions  # March 2025, the card's year
    badges = [(m.value, m.proto.help) for m in app.markdown if "-badge[" in m.value]
    chip = {"id": "Target nasional 2025: 7,00 %–8,00 %", "en": "National target 2025: 7.00 %–8.00 %"}[lang]
    full = next(help for body, help in badges if chip in body)
    assert full.endswith({"id": "Target nasional 2025 (RKP uji 2025): 7,00 %–8,00 %",
                          "en": "National target 2025 (RKP uji 2025): 7.00 %–8.00 %"}[lang])
    assert len(badges) == len(app.metric)  # one chip a card
    # The long sentence about a missing Kutim target is the chip's tooltip now, not a line on the card.
    assert not any("Belum ada target Kutai Timur" in c for c in captions)
