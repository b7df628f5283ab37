"""A recap of recipients per desa without deciles (issue 14), published into a copy of the fixture store, reaches
Cakupan, Peta and Profil in both modes: as coverage of all households, with the agency's source on the count and
the demo label only on what divides by demo households."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from lib.core.store import Store, create_store_engine
from tests.app.pages import open_page
from tests.unit.test_view_provenance import AGENCY_SOURCE, publish_recap

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def recap_db_url(fixture_store_copy) -> str:
    store = Store(create_store_engine(fixture_store_copy))
    publish_recap(store, 2023)  # PKH 2023: no decile rows
    publish_recap(store, 2025)  # PKH 2025: decile rows too
    return fixture_store_copy


def _open(monkeypatch, db_url: str, page: str, query: dict, mode: str = "internal") -> AppTest:
    monkeypatch.setenv("DASBOR_DB_URL", db_url)
    monkeypatch.setenv("DASBOR_MODE", mode)
    return open_page(page, query)


def _captions(app: AppTest) -> list[str]:
    return [c.value for c in app.caption]


@pytest.mark.parametrize("mode", ["internal", "public"])
def test_cakupan_shows_a_recap_without_deciles_as_coverage_of_all_households(monkeypatch, recap_db_url, mode):
    app = _open(monkeypatch, recap_db_url, "views/cakupan.py", {"program": "PKH", "tahun": "2023"}, mode)
    assert any("Rekap penerima per desa (tanpa desil)" in m.value for m in app.markdown)
    metrics = {m.label: m.value for m in app.metric}
    recipients = metrics["Penerima (jumlah rekap desa)"]
    assert recipients == "82 KK" if mode == "internal" else int(recipients.split()[0]) % 5 == 0
    assert "Cakupan dari semua rumah tangga" in metrics and "Cakupan sasaran" not in metrics
    assert "Belum ada data desil" in app.info[0].value and "perlu data desil" in app.info[0].value
    # the count's line cites the upload and is no demo; the rate's line (demo households) carries the label
    counted = next(c for c in _captions(app) if AGENCY_SOURCE in c)
    assert "data OPD" in counted and "DATA CONTOH" not in counted
    assert sum("DATA CONTOH" in m.value for m in app.markdown) == 1
    assert any("bukan ukuran ketepatan sasaran" in c for c in _captions(app))
    assert app.dataframe[0].value["Wilayah"].tolist() == ["Muara Ancalong", "Sangatta Utara"]


def test_cakupan_of_a_kecamatan_shows_its_published_count_beside_the_recap(monkeypatch, recap_db_url):
    app = _open(monkeypatch, recap_db_url, "views/cakupan.py", {"program": "PKH", "tahun": "2025", "kecamatan": "64.08.01"})
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Angka terbit Program Keluarga Harapan (PKH) 2025"] == "120 KK"
    assert metrics["Penerima (jumlah rekap desa)"] == "70 KK" and "Cakupan sasaran" in metrics  # deciles too
    assert any("tidak dijumlahkan" in c for c in _captions(app))


@pytest.mark.parametrize("mode", ["internal", "public"])
def test_peta_falls_back_to_the_recap_where_no_decile_rows_exist(monkeypatch, recap_db_url, mode):
    app = _open(monkeypatch, recap_db_url, "views/peta.py",
                {"tingkat": "kecamatan", "ukuran": "cakupan_program", "program": "PKH", "tahun": "2023"}, mode)
    assert "Belum ada data desil" in app.info[0].value
    assert any(AGENCY_SOURCE in c for c in _captions(app))
    shown = app.dataframe[0].value.set_index("Wilayah")["Nilai"]
    assert shown["Muara Ancalong"] == "17,5 %" if mode == "internal" else shown["Muara Ancalong"].endswith("%")


def test_profil_lists_the_recap_of_the_area(monkeypatch, recap_db_url):
    app = _open(monkeypatch, recap_db_url, "views/profil.py", {"kecamatan": "64.08.01"})
    fragment = next(h.proto.body for h in app.get("html") if "profil" in h.proto.body)
    assert "Rekap penerima per desa (tanpa desil): Muara Ancalong" in fragment
    assert fragment.count("70 KK") == 2 and AGENCY_SOURCE in fragment  # 2025 and 2023
