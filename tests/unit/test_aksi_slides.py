"""The Rencana Aksi slides (issue 17): a rakor's follow-up, overdue first, and the priority areas without a step, on
crafted steps and needs."""

import datetime as dt

import pandas as pd
import pytest

from lib.analysis.mapdata import MapData
from lib.content import aksi, slides
from lib.content.aksi import PriorityView
from lib.core import actions
from lib.core.actions import ActionTables

TODAY = dt.date(2026, 11, 29)
RAKOR = pd.Series({"kode": "R-002", "tanggal": dt.date(2026, 8, 20)})


def steps(*rows: tuple[str, str, dt.date | None]) -> pd.DataFrame:
    """Steps as `with_status` gives them: (kode, status_aksi, tenggat), the rest filled in."""
    return pd.DataFrame([{"kode": code, "status_aksi": status, "tenggat": due, "judul": f"Langkah {code}",
                          "pelaksana": "Dinas Sosial", "wilayah": "64.08.04", "status": "data_opd"}
                         for code, status, due in rows],
                        columns=["kode", "status_aksi", "tenggat", "judul", "pelaksana", "wilayah", "status"])


def follow(*rows) -> slides.FollowUp:
    return slides.FollowUp(RAKOR, slides.follow_up_order(steps(*rows)), TODAY)


def day(month: int, date: int, year: int = 2026) -> dt.date:
    return dt.date(year, month, date)


# --- the order and what fits ---------------------------------------------------------------------------


def test_overdue_first_longest_overdue_on_top_then_most_urgent_then_done_and_cancelled():
    ordered = slides.follow_up_order(steps(
        ("A-1", "selesai", day(9, 1)), ("A-2", "dibatalkan", day(8, 1)), ("A-3", "berjalan", day(12, 31)),
        ("A-4", "terlambat", day(11, 15)), ("A-5", "direncanakan", day(12, 10)), ("A-6", "terlambat", day(10, 1)),
        ("A-7", "berjalan", None)))
    # Open steps by due date whatever their status, a step without one last among them.
    assert ordered["kode"].tolist() == ["A-6", "A-4", "A-5", "A-3", "A-7", "A-1", "A-2"]


def test_ties_keep_the_code_order():
    ordered = slides.follow_up_order(steps(("A-3", "terlambat", day(10, 1)), ("A-1", "terlambat", day(10, 1)),
                                           ("A-2", "berjalan", day(12, 1)), ("A-10", "direncanakan", day(12, 1))))
    assert ordered["kode"].tolist() == ["A-1", "A-3", "A-10", "A-2"]


def test_more_steps_than_fit_show_the_overdue_and_most_urgent_and_count_the_rest():
    many = follow(*[(f"A-{n:02d}", "berjalan", day(12, n)) for n in range(1, 7)],
                  ("A-20", "selesai", day(9, 1)), ("A-21", "dibatalkan", day(9, 1)),
                  ("A-30", "terlambat", day(11, 1)), ("A-31", "terlambat", day(10, 1)))
    shown, rest = slides.fitting_steps(many.steps)
    assert len(shown) == slides.FOLLOW_UP_ROOM == 7
    assert shown["kode"].tolist() == ["A-31", "A-30", "A-01", "A-02", "A-03", "A-04", "A-05"]
    assert rest["kode"].tolist() == ["A-06", "A-20", "A-21"]
    board = slides.follow_up_board(many, _areas(), "id")
    assert board.count("class='aksi-step") == 7
    assert "+ 3 langkah lain (1 berjalan, 1 selesai, 1 dibatalkan)" in board
    assert "Terlambat 59 hari" in board and "tenggat 1 Oktober 2026" in board


def test_all_steps_fit_without_a_more_line():
    few = follow(*[(f"A-{n}", "berjalan", day(12, n)) for n in range(1, 8)])
    assert len(slides.fitting_steps(few.steps)[1]) == 0
    assert "langkah lain" not in slides.follow_up_board(few, _areas(), "id")


def test_the_board_shows_stored_text_as_text():
    crafted = steps(("A-1", "berjalan", day(12, 1)))
    crafted.loc[0, ["judul", "pelaksana"]] = ["<img src=x onerror=alert(1)>", "Dinas <b>Sosial</b>"]
    board = slides.follow_up_board(slides.FollowUp(RAKOR, crafted, TODAY), _areas(), "id")
    assert "<img" not in board and "&lt;img src=x onerror=alert(1)&gt;" in board
    assert "Dinas &lt;b&gt;Sosial&lt;/b&gt;" in board


def test_no_earlier_rakor_says_so():
    nothing = slides.follow_up(ActionTables.empty(), TODAY)
    assert nothing.rakor is None and slides.follow_up_finding(nothing, "id") is None
    assert "Belum ada rakor sebelumnya yang mencatat langkah." in slides.follow_up_board(nothing, _areas(), "id")


class _Areas:
    def name(self, code: str) -> str:
        return {"64.08.04": "Sangatta Utara"}.get(code, code)


def _areas():
    return _Areas()


# --- the finding -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("rows", "title"), [
    ([("A-1", "terlambat", day(11, 1)), ("A-2", "terlambat", day(11, 2)), ("A-3", "berjalan", day(12, 1)),
      ("A-4", "selesai", day(10, 1)), ("A-5", "direncanakan", day(12, 5)), ("A-6", "dibatalkan", day(10, 1))],
     "Rakor 20 Agustus 2026: 2 dari 5 langkah terlambat"),
    ([("A-1", "berjalan", day(12, 1)), ("A-2", "selesai", day(10, 1)), ("A-3", "direncanakan", day(12, 5))],
     "Rakor 20 Agustus 2026: tidak ada langkah yang terlambat"),
    ([("A-1", "terlambat", day(11, 1)), ("A-2", "terlambat", day(11, 2)), ("A-3", "dibatalkan", day(10, 1))],
     "Rakor 20 Agustus 2026: semua 2 langkah terlambat"),
    ([("A-1", "terlambat", day(11, 1))], "Rakor 20 Agustus 2026: 1 dari 1 langkah terlambat"),
    ([("A-1", "selesai", day(10, 1)), ("A-2", "selesai", day(11, 1))], "Rakor 20 Agustus 2026: semua 2 langkah selesai"),
    ([("A-1", "dibatalkan", day(10, 1))], "Rakor 20 Agustus 2026: semua langkah dibatalkan"),
])
def test_the_title_counts_the_late_steps_in_force(rows, title):
    assert slides.follow_up_finding(follow(*rows), "id") == title


def test_titles_in_english_and_one_line_long():
    late = follow(("A-1", "terlambat", day(11, 1)), ("A-2", "berjalan", day(12, 1)), ("A-3", "selesai", day(10, 1)))
    assert slides.follow_up_finding(late, "en") == "Meeting of 20 August 2026: 1 of 3 steps overdue"
    # The longest date and two-digit counts still fit one line beside the counter on a 1024 px projector.
    widest = slides.FollowUp(pd.Series({"kode": "R-9", "tanggal": day(9, 30)}),
                             slides.follow_up_order(steps(*[(f"A-{n}", "terlambat" if n < 12 else "berjalan", day(12, 1))
                                                            for n in range(1, 24)])), TODAY)
    for lang in ("id", "en"):
        assert len(slides.follow_up_finding(widest, lang)) <= slides.TITLE_CHARS
    assert slides.follow_up_period(late, "id") == "Status per 29 November 2026"


def test_no_steps_no_finding():
    assert slides.follow_up_finding(slides.FollowUp(RAKOR, steps(), TODAY), "id") is None


# --- which rakor, and the steps' status from the model ----------------------------------------------------


def _tables(rakor: list[tuple[str, dt.date]], step_rows: list[tuple[str, str, dt.date]],
            progress: list[tuple[str, dt.date, str]] = ()) -> ActionTables:
    return ActionTables.from_release({
        "rakor": pd.DataFrame([{"kode": c, "tanggal": d, "tempat": "Sangatta", "pimpinan": "Sekda", "agenda": "",
                                "status": "data_opd"} for c, d in rakor]),
        "aksi": pd.DataFrame([{column: None for column in actions.STEP_COLUMNS} | {
            "kode": code, "rakor": rakor_code, "judul": f"Langkah {code}", "pelaksana": "Dinas Sosial",
            "jenis_pelaksana": "opd", "wilayah": "64.08.04", "mulai": day(1, 1), "tenggat": due, "status": "data_opd"}
            for code, rakor_code, due in step_rows], columns=list(actions.STEP_COLUMNS)),
        "kemajuan": pd.DataFrame([{"aksi": a, "tanggal": d, "status": s, "uraian": "", "bukti": None,
                                   "pelapor": "Dinas Sosial", "status_data": "data_opd"} for a, d, s in progress],
                                 columns=list(actions.PROGRESS_COLUMNS)),
    })


def test_the_last_rakor_before_today_that_decided_steps():
    tables = _tables([("R-001", day(3, 12)), ("R-002", day(8, 20)), ("R-003", day(10, 1)), ("R-004", TODAY)],
                     [("A-001", "R-001", day(7, 31)), ("A-002", "R-002", day(11, 15)), ("A-003", "R-004", day(12, 31))])
    # R-003 decided nothing; R-004 is today's meeting, not the previous one.
    assert slides.previous_rakor(tables, TODAY) == "R-002"
    assert slides.previous_rakor(tables, day(8, 20)) == "R-001"
    assert slides.previous_rakor(tables, day(3, 12)) is None


def test_follow_up_takes_the_named_rakor_and_the_late_status_from_the_due_date():
    tables = _tables([("R-001", day(3, 12)), ("R-002", day(8, 20))],
                     [("A-001", "R-001", day(7, 31)), ("A-002", "R-002", day(11, 15)), ("A-003", "R-002", day(12, 31)),
                      ("A-004", "R-002", day(11, 1))],
                     [("A-002", day(9, 1), "berjalan"), ("A-004", day(10, 20), "selesai")])
    latest = slides.follow_up(tables, TODAY)
    assert latest.rakor["kode"] == "R-002"
    assert list(zip(latest.steps["kode"], latest.steps["status_aksi"])) == [
        ("A-002", "terlambat"), ("A-003", "direncanakan"), ("A-004", "selesai")]
    assert slides.follow_up_finding(latest, "id") == "Rakor 20 Agustus 2026: 1 dari 3 langkah terlambat"
    named = slides.follow_up(tables, TODAY, "R-001")
    assert named.steps["kode"].tolist() == ["A-001"]


def test_demo_steps_carry_the_demo_label_and_the_rencana_aksi_release():
    releases = pd.DataFrame({"id": [3, 5], "dataset": ["nilai", "aksi"],
                             "dibuat_pada": pd.to_datetime(["2026-11-29 03:00", "2026-11-20 01:00"])})
    shown = slides.action_provenance(steps(("A-1", "berjalan", day(12, 1))).assign(status="contoh"), releases)
    assert shown.demo and shown.release == 5
    recorded = slides.action_provenance(steps(("A-1", "berjalan", day(12, 1))), releases)
    assert not recorded.demo and recorded.kinds == ("data_opd",)


# --- priority areas without a step --------------------------------------------------------------------


NEED = pd.DataFrame({"kode": ["64.08.01", "64.08.02", "64.08.03", "64.08.04", "64.08.05", "64.08.06", "64.08.07",
                              "64.08.08", "64.08.09", "64.08.10"],
                     "nama": ["Muara Ancalong", "Muara Wahau", "Muara Bengkal", "Sangatta Utara", "Sangkulirang",
                              "Busang", "Telen", "Kombeng", "Bengalon", "Kaliorang"],
                     "nilai": [10.0, 20.0, 30.0, 40.0, 50.0, 60.0, 65.0, 80.0, 80.0, 90.0]})


def priority_view(step_areas: list[str], need: pd.DataFrame = NEED) -> PriorityView:
    """A view of `need` (higher is worse) with one step (under way) on each of `step_areas`."""
    step_rows = pd.DataFrame({"wilayah": step_areas, "status_aksi": ["berjalan"] * len(step_areas)})
    data = MapData(need.assign(sumber=None), "Rumah tangga desil 1–4", "%", True, lambda v: f"{v:.1f} %")
    return PriorityView(data, "kecamatan", frozenset(actions.high_need(need, True)),
                        frozenset(actions.priority_without_step(need, True, step_rows)),
                        aksi.steps_per_area(step_rows, need["kode"].tolist()), pd.DataFrame(columns=["kode", "lon", "lat"]))


def test_priority_title_names_the_areas_without_a_step_when_they_fit_one_line():
    # The worst fifth of 10 areas: two, and Bengalon ties with Kombeng, the second: three high-need areas.
    view = priority_view(["64.08.09.2001", "64.08.08"])  # a step in a desa of Bengalon reaches Bengalon
    assert view.high_need == {"64.08.10", "64.08.09", "64.08.08"} and view.without_step == {"64.08.10"}
    assert slides.priority_finding(view, "id") == "1 kecamatan prioritas belum punya langkah: Kaliorang"
    assert slides.priority_finding(view, "en") == "1 priority kecamatan without a step: Kaliorang"
    assert slides.priority_lists(view, "id") == [
        ("Prioritas tanpa aksi", [("Kaliorang", "90.0 %")]),
        ("Prioritas, ada aksi", [("Kombeng", "80.0 % (1 aksi)"), ("Bengalon", "80.0 % (1 aksi)")])]


def test_priority_title_counts_when_the_names_do_not_fit_and_the_list_names_them_worst_first():
    view = priority_view([])
    assert slides.priority_finding(view, "id") == "3 kecamatan prioritas belum punya langkah"
    assert slides.priority_summary(view, "id").splitlines() == [  # ties by code
        "#### Prioritas tanpa aksi", "- **Kaliorang**: 90.0 %", "- **Kombeng**: 80.0 %", "- **Bengalon**: 80.0 %"]


def test_priority_title_when_every_priority_area_has_a_step_or_no_need_is_known():
    view = priority_view(["64.08.08", "64.08.09", "64.08.10"])
    assert slides.priority_finding(view, "id") == "Semua kecamatan prioritas sudah punya langkah"
    assert slides.priority_summary(view, "id").splitlines()[:2] == ["#### Prioritas tanpa aksi", "Tidak ada."]
    assert slides.priority_finding(priority_view([], NEED.assign(nilai=float("nan"))), "id") is None
