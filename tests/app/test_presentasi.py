"""The Rencana Aksi slides of the rakor presentation (issue 17) in AppTest: the previous rakor's steps, overdue
first, and the priority kecamatan without a step; a step published by staff reaches the open slides on the next
run (the live refresh reruns the page on a new release)."""

import datetime as dt
import tomllib

import pytest
from streamlit.testing.v1 import AppTest

from lib.content import slides
from lib.core import actions
from lib.core.store import Store, create_store_engine
from tests.app.pages import ROOT, open_page

AGENDA = tomllib.loads((ROOT / "data" / "agenda.toml").read_text(encoding="utf-8"))["slide"]
FOLLOW_UP = next(n for n, s in enumerate(AGENDA, start=1) if s["jenis"] == "tindak_lanjut")
PRIORITY = next(n for n, s in enumerate(AGENDA, start=1) if s["jenis"] == "prioritas_tanpa_aksi")
TODAY = dt.date(2026, 11, 29)  # the demo steps' statuses are those of this day


@pytest.fixture(autouse=True)
def _store_and_day(monkeypatch, fixture_db_url):
    monkeypatch.setenv("DASBOR_DB_URL", fixture_db_url)
    monkeypatch.delenv("DASBOR_MODE", raising=False)
    monkeypatch.delenv("DASBOR_AGENDA", raising=False)
    monkeypatch.setattr(slides, "kutim_today", lambda: TODAY)


def open_slide(number: int, **query: str) -> AppTest:
    return open_page("views/presentasi.py", {"mode": "presentasi", "slide": str(number), **query})


def board(app: AppTest) -> str:
    return "\n".join(element.proto.body for element in app.get("html"))


@pytest.mark.parametrize("mode", ["internal", "public"])
def test_follow_up_slide_lists_the_last_rakors_steps_overdue_first(monkeypatch, mode):
    monkeypatch.setenv("DASBOR_MODE", mode)
    app = open_slide(FOLLOW_UP)
    # The demo's rakor of 20 August 2026: A-004 was due 15 November (late), A-006 and A-005 are on schedule, A-007
    # was cancelled.
    assert app.title[0].value == "Rakor 20 Agustus 2026: 1 dari 3 langkah terlambat"
    subtitle = app.caption[0].value
    assert subtitle.startswith("**Status per 29 November 2026**") and "DATA CONTOH" in subtitle
    shown = board(app)
    order = [shown.index(title) for title in ("Pemutakhiran DTSEN", "Kajian penyebab kemiskinan", "BLT Dana Desa",
                                              "Posyandu keliling")]
    assert order == sorted(order)
    assert "Terlambat 14 hari" in shown and "Badan Pusat Statistik Kabupaten Kutai Timur" in shown
    # Institutions are named; the staff who recorded or reported a step are not.
    assert "oleh" not in shown and "pelapor" not in shown


def test_follow_up_slide_in_english_and_for_a_named_rakor(tmp_path, monkeypatch):
    assert open_slide(FOLLOW_UP, lang="en").title[0].value == "Meeting of 20 August 2026: 1 of 3 steps overdue"
    agenda = tmp_path / "agenda.toml"
    agenda.write_text('[[slide]]\njenis = "tindak_lanjut"\njudul = "Rakor Maret"\nrakor = "R-001"\n', encoding="utf-8")
    monkeypatch.setenv("DASBOR_AGENDA", str(agenda))
    app = open_slide(1)
    # R-001's steps: A-001 done, A-002 due 31 October (late), A-003 under way.
    assert app.title[0].value == "Rakor 12 Maret 2026: 1 dari 3 langkah terlambat"
    assert not app.error


def test_an_agenda_naming_an_unknown_rakor_says_so_and_keeps_the_default(tmp_path, monkeypatch):
    agenda = tmp_path / "agenda.toml"
    agenda.write_text('[[slide]]\njenis = "tindak_lanjut"\njudul = "X"\nrakor = "R-009"\n', encoding="utf-8")
    monkeypatch.setenv("DASBOR_AGENDA", str(agenda))
    app = open_slide(FOLLOW_UP)
    assert "rakor `R-009` tidak dikenal; pilih salah satu dari R-001, R-002" in app.error[0].value
    assert app.title[0].value.startswith("Rakor 20 Agustus 2026")  # the default agenda's follow-up slide


def test_priority_slide_counts_the_high_need_kecamatan_without_a_step():
    app = open_slide(PRIORITY)
    # The fixture's 2025 shares of deciles 1-4: Bengalon 70 %, Muara Ancalong 55 %, Teluk Pandan 37,5 %, Sangatta
    # Utara 23,75 %; the worst fifth of four is Bengalon, which the demo's step A-003 reaches.
    assert app.title[0].value == "Semua kecamatan prioritas sudah punya langkah"
    assert app.caption[0].value.startswith("**2025**") and "DATA CONTOH" in app.caption[0].value
    [chart] = app.get("plotly_chart")
    assert '"choroplethmap"' in chart.proto.spec and "Prioritas tanpa aksi" in chart.proto.spec


def test_print_view_draws_the_priority_map_as_an_image_with_its_list():
    app = open_page("views/presentasi.py", {"mode": "presentasi", "cetak": "semua"})
    assert len(app.title) == len(AGENDA)
    printed = board(app)
    # A printed WebGL map comes out blank: the need map is a static image, the steps HTML.
    assert '<img alt="Rumah tangga desil 1–4"' in printed and "class='aksi-board'" in printed
    assert any(m.value.startswith("#### Prioritas tanpa aksi") for m in app.markdown)


def test_a_step_published_by_staff_reaches_the_open_slide(monkeypatch, fixture_store_copy):
    monkeypatch.setenv("DASBOR_DB_URL", fixture_store_copy)
    app = open_slide(FOLLOW_UP)
    assert app.title[0].value == "Rakor 20 Agustus 2026: 1 dari 3 langkah terlambat"

    store = Store(create_store_engine(fixture_store_copy))
    change = actions.add_rows(
        rakor=[{"tanggal": dt.date(2026, 10, 1), "tempat": "Sangatta", "pimpinan": "Sekda", "agenda": "Rakor Oktober"}],
        steps=[{column: None for column in actions.STEP_COLUMNS} | {
                "rakor": "R-001", "judul": "Verifikasi ulang penerima BLT DD", "masalah": "Salah sasaran",
                "pelaksana": "Dinas Pemberdayaan Masyarakat dan Desa", "jenis_pelaksana": "opd",
                "wilayah": "64.08.15", "mulai": dt.date(2026, 10, 5), "tenggat": dt.date(2026, 11, 20),
                "sumber_dana": "apbd"}])
    actions.publish_change(store, change, by="staf.bappeda", note="rakor Oktober")

    app.run()  # what the live refresh does on a new release
    assert not app.exception
    # The first real change replaced the demo: the new rakor is the previous one, its step late since 20 November.
    assert app.title[0].value == "Rakor 1 Oktober 2026: 1 dari 1 langkah terlambat"
    assert "DATA CONTOH" not in app.caption[0].value
    shown = board(app)
    assert "Verifikasi ulang penerima BLT DD" in shown and "Terlambat 9 hari" in shown
    assert "staf.bappeda" not in shown
    # Bengalon's step was a demo step: now the worst-off kecamatan has none.
    app.button(key="slide-next").click().run()
    assert app.title[0].value == "1 kecamatan prioritas belum punya langkah: Bengalon"
