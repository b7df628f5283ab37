"""AppTest of the Rencana Aksi page: it renders in both modes and languages, each filter narrows the list and lives
in the URL, an overdue step reads terlambat, the public mode shows no staff account and offers no edit path.

Most tests run on a copy of the fixture store with three real steps published by a staff account (so the demo is
gone and the audit names that account); due dates are set relative to today, so the statuses hold on any day.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from streamlit.testing.v1 import AppTest

from lib.content import aksi
from lib.core import actions, provenance
from lib.core.i18n import t
from lib.core.store import Store, create_store_engine
from tests import databases
from tests.app.pages import open_page

PAGE = "views/aksi.py"
STAFF = "staf.rahasia"
TODAY = aksi.today_in_kutim()
DAY = dt.timedelta(days=1)
# Widgets that would write: none may appear on this read-only page, in either mode.
EDIT_WIDGETS = ("text_input", "text_area", "number_input", "date_input", "time_input", "file_uploader", "checkbox",
                "toggle", "button", "data_editor", "color_picker", "slider")


def step(**fields) -> dict:
    record = dict(rakor="R-001", judul="Langkah", masalah="Masalah", ukuran=None, program=None, pelaksana="Dinas Sosial",
                  jenis_pelaksana="opd", mitra=None, wilayah="64.08.04", indikator=None, nilai_target=None,
                  mulai=TODAY - 100 * DAY, tenggat=TODAY + 100 * DAY, anggaran_rp=None, sumber_dana="apbd")
    return record | fields


@pytest.fixture(scope="module")
def steps_db_url(tmp_path_factory, fixture_db_url) -> str:
    """The fixture store with three real steps: A-001 overdue (no report), A-002 under way (a company's, in a desa of
    Sangkulirang, its due date moved later), A-003 done (academia, rakor R-002)."""
    url = databases.copy_of(fixture_db_url, tmp_path_factory.mktemp("aksi_page"))
    store = Store(create_store_engine(url))
    meeting = dict(tanggal=TODAY - 120 * DAY, tempat="Sangatta", pimpinan="Pj Bupati", agenda=None)
    report = dict(bukti=None, pelapor="PT Kaltim Prima Coal", tanggal=TODAY - 5 * DAY)
    actions.publish_change(store, actions.add_rows(
        rakor=[meeting, meeting],
        steps=[step(judul="Verifikasi PKH", tenggat=TODAY - 10 * DAY),
               step(judul="Pelatihan kerja", pelaksana="PT Kaltim Prima Coal", jenis_pelaksana="perusahaan",
                    wilayah="64.08.05.2001", sumber_dana="csr"),
               step(judul="Kajian kemiskinan", rakor="R-002", pelaksana="Universitas Mulawarman",
                    jenis_pelaksana="akademisi", wilayah="64.08.11")],
        progress=[dict(aksi="A-002", status="berjalan", uraian="60 peserta", **report),
                  dict(aksi="A-003", status="selesai", uraian="Laporan kajian", **report)]), by=STAFF, note="rakor")
    actions.publish_change(store, actions.update_step("A-002", {"tenggat": TODAY + 200 * DAY}), by=STAFF,
                           note="tenggat")
    return url


def open_aksi(monkeypatch, db_url: str, mode: str = "internal", query: dict | None = None) -> AppTest:
    monkeypatch.setenv("DASBOR_DB_URL", db_url)
    monkeypatch.setenv("DASBOR_MODE", mode)
    return open_page(PAGE, query)


def listed(app: AppTest) -> list[str]:
    return app.dataframe[0].value.iloc[:, 0].tolist()  # the step codes, in either language


def url_values(app: AppTest, key: str) -> list[str]:
    value = app.query_params[key]  # one value as text, several as a list
    return [value] if isinstance(value, str) else list(value)


def everything_shown(app: AppTest) -> str:
    parts = [m.value for m in app.markdown] + [c.value for c in app.caption] + [e.value for e in app.title]
    parts += [f"{m.label} {m.value}" for m in app.metric]
    parts += [frame.value.to_csv() for frame in app.dataframe]
    parts += [json.dumps(json.loads(chart.proto.spec), ensure_ascii=False) for chart in app.get("plotly_chart")]
    parts += [str(box.options) + str(box.value) for box in [*app.selectbox, *app.multiselect]]
    return "\n".join(str(part) for part in parts)


@pytest.mark.parametrize("mode", ["internal", "public"])
@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_demo_renders_labelled_in_every_mode_and_language(monkeypatch, fixture_db_url, mode, lang):
    app = open_aksi(monkeypatch, fixture_db_url, mode, {"lang": lang})
    assert app.title[0].value == t("aksi.heading", lang)
    shown = everything_shown(app)
    assert t("demo_label", lang) in shown and provenance.kind_label(provenance.DEMO, lang) in shown
    assert len(listed(app)) == 7
    assert not [kind for kind in EDIT_WIDGETS if app.get(kind)], "an edit widget on a read-only page"


@pytest.mark.parametrize(("query", "codes"), [
    ({}, ["A-001", "A-002", "A-003"]),
    ({"pelaksana": "PT Kaltim Prima Coal"}, ["A-002"]),
    ({"jenis": "akademisi"}, ["A-003"]),
    ({"kecamatan": "64.08.05"}, ["A-002"]),  # through its desa
    ({"status": "selesai"}, ["A-003"]),
    ({"terlambat": "terlambat"}, ["A-001"]),
    ({"rakor": "R-002"}, ["A-003"]),
])
def test_each_filter_from_the_url_narrows_the_list(monkeypatch, steps_db_url, query, codes):
    app = open_aksi(monkeypatch, steps_db_url, query=query)
    assert listed(app) == codes
    assert not app.warning  # every value of the link was understood


def test_a_filter_chosen_on_the_page_goes_into_the_url_and_back(monkeypatch, steps_db_url):
    app = open_aksi(monkeypatch, steps_db_url)
    app.multiselect(key="jenis").select("perusahaan").run()
    assert listed(app) == ["A-002"] and url_values(app, "jenis") == ["perusahaan"]
    app.multiselect(key="status").select("berjalan").run()
    assert url_values(app, "status") == ["berjalan"]
    again = open_aksi(monkeypatch, steps_db_url, query={key: app.query_params[key] for key in ("jenis", "status")})
    assert listed(again) == ["A-002"] and again.multiselect(key="jenis").value == ["perusahaan"]


def test_an_overdue_step_reads_terlambat_and_comes_first(monkeypatch, steps_db_url):
    app = open_aksi(monkeypatch, steps_db_url)
    table = app.dataframe[0].value
    assert table.iloc[0][["Kode", "Status"]].tolist() == ["A-001", "Terlambat"]
    assert table.set_index("Kode").loc["A-002", "Status"] == "Berjalan"
    metrics = {m.label: m.value for m in app.metric}
    assert metrics[":red[**Terlambat**]"] == "1" and metrics["Jumlah aksi"] == "3"
    assert any("**Status:** Terlambat" in m.value for m in app.markdown)  # the first step's details


def test_the_staff_account_shows_internally_and_never_in_public(monkeypatch, steps_db_url):
    query = {"langkah": "A-002"}
    internal = open_aksi(monkeypatch, steps_db_url, "internal", query)
    changes = next(frame.value for frame in internal.dataframe if "Perubahan" in frame.value.columns)
    assert changes["Akun staf"].tolist() == [STAFF, STAFF, STAFF]
    assert changes["Perubahan"].iloc[0].startswith("Tenggat: ")
    public = open_aksi(monkeypatch, steps_db_url, "public", query)
    changes = next(frame.value for frame in public.dataframe if "Perubahan" in frame.value.columns)
    assert len(changes) == 3 and "Akun staf" not in changes.columns
    assert STAFF not in everything_shown(public)
    assert not [kind for kind in EDIT_WIDGETS if public.get(kind)]
    # institutions are shown: the point is accountability
    assert "PT Kaltim Prima Coal" in everything_shown(public)


def test_the_need_map_draws_and_names_the_areas_without_a_step(monkeypatch, steps_db_url):
    app = open_aksi(monkeypatch, steps_db_url, query={"tingkat": "desa"})
    spec = json.loads(app.get("plotly_chart")[-1].proto.spec)
    outline = [trace for trace in spec["data"] if trace["type"] == "choroplethmap"
               and trace.get("marker", {}).get("line", {}).get("width") == aksi.WITHOUT_STEP_BORDER]
    assert outline and outline[0]["locations"]
    assert "tanpa aksi" in spec["layout"]["title"]["text"]
