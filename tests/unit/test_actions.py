"""Rencana Aksi's model (lib.core.actions): statuses, changes with their audit, concurrent publishes, and which
high-need areas have no step."""

import datetime as dt
import threading

import pandas as pd
import pytest

from lib.core import actions, seed
from lib.core.actions import ActionTables
from lib.core.store import Store, create_store_engine
from tests import databases

TODAY = dt.date(2026, 11, 29)


def step(**fields) -> dict:
    record = dict(rakor=None, judul="Verifikasi PKH", masalah="Eksklusi PKH", ukuran=None, program=None,
                  pelaksana="Dinas Sosial", jenis_pelaksana="opd", mitra=None, wilayah="64.08.04", indikator=None,
                  nilai_target=None, mulai=dt.date(2026, 1, 5), tenggat=dt.date(2026, 12, 31), anggaran_rp=None,
                  sumber_dana="apbd")
    return record | fields


def progress(code: str, when: dt.date, status: str) -> dict:
    return dict(aksi=code, tanggal=when, status=status, uraian="laporan", bukti=None, pelapor="Dinas Sosial")


@pytest.fixture
def action_store(tmp_path) -> Store:
    store = Store(create_store_engine(databases.new_url(tmp_path, "aksi")))
    seed.build(store)
    return store


def current(store: Store) -> ActionTables:
    return ActionTables.from_release(store.current_tables(actions.DATASET))


@pytest.mark.parametrize(("reported", "due", "expected"), [
    (None, dt.date(2027, 1, 1), "direncanakan"),
    (None, dt.date(2026, 11, 28), "terlambat"),
    ("berjalan", dt.date(2026, 11, 29), "berjalan"),  # due today is not late yet
    ("berjalan", dt.date(2026, 11, 28), "terlambat"),
    ("selesai", dt.date(2026, 1, 1), "selesai"),
    ("dibatalkan", dt.date(2026, 1, 1), "dibatalkan"),
])
def test_an_open_step_past_its_due_date_is_late(reported, due, expected):
    assert actions.effective_status(reported, due, TODAY) == expected


def test_the_newest_report_gives_the_status_and_a_later_row_wins_on_the_same_date():
    tables, _ = actions.add_rows(steps=[step()], progress=[
        progress("A-001", dt.date(2026, 3, 1), "selesai"), progress("A-001", dt.date(2026, 2, 1), "berjalan"),
        progress("A-001", dt.date(2026, 3, 1), "berjalan")])(ActionTables.empty())
    shown = actions.with_status(tables, TODAY).iloc[0]
    assert (shown["status_aksi"], shown["laporan_terakhir"]) == ("berjalan", dt.date(2026, 3, 1))


def test_shipped_demo_covers_every_status_and_is_labelled(store):
    tables = current(store)
    assert tables.is_demo
    assert set(actions.with_status(tables, TODAY)["status_aksi"]) == set(actions.STATUSES)
    assert set(tables.rakor["status"]) == {actions.DEMO} and set(tables.progress["status_data"]) == {actions.DEMO}
    assert set(tables.steps["jenis_pelaksana"]) <= set(actions.PARTY_KINDS)
    assert set(tables.steps["sumber_dana"].dropna()) <= set(actions.FUNDING_SOURCES)
    assert set(tables.progress["aksi"]) <= set(tables.steps["kode"])
    assert set(tables.steps["rakor"]) <= set(tables.rakor["kode"])


def test_the_first_real_step_replaces_the_demo_and_is_audited(action_store):
    demo_release = action_store.current_release_id(actions.DATASET)
    actions.publish_change(action_store, actions.add_rows(steps=[step()]), by="staf1", note="rakor")
    tables = current(action_store)
    assert list(tables.steps["kode"]) == ["A-001"] and not tables.is_demo
    assert tables.rakor.empty and tables.progress.empty
    audit = action_store.action_audit()
    assert list(audit["kode"]) == ["A-001"] and audit["oleh"].iloc[0] == "staf1"
    assert '"pelaksana": [null, "Dinas Sosial"]' in audit["perubahan"].iloc[0]
    assert action_store.current_release_id(actions.DATASET) > demo_release  # the demo stays in the history


def test_codes_continue_and_a_step_may_name_a_rakor_of_the_same_change():
    rakor = dict(tanggal=dt.date(2026, 12, 1), tempat="Sangatta", pimpinan="Pj Bupati", agenda=None)
    tables, audit = actions.add_rows(rakor=[rakor], steps=[step(rakor="R-001"), step()])(ActionTables.empty())
    assert list(tables.steps["kode"]) == ["A-001", "A-002"] and list(tables.rakor["kode"]) == ["R-001"]
    assert [entry.table for entry in audit] == ["rakor", "aksi", "aksi"]
    with pytest.raises(actions.UnknownRecord):
        actions.add_rows(steps=[step(rakor="R-009")])(tables)
    with pytest.raises(actions.UnknownRecord):
        actions.add_rows(progress=[progress("A-009", TODAY, "berjalan")])(tables)


def test_an_update_records_only_the_fields_that_changed():
    tables, _ = actions.add_rows(steps=[step()])(ActionTables.empty())
    changed, audit = actions.update_step("A-001", {"tenggat": dt.date(2027, 3, 1), "pelaksana": "Dinas Sosial"})(tables)
    assert changed.steps["tenggat"].iloc[0] == dt.date(2027, 3, 1)
    assert [entry.changes for entry in audit] == [{"tenggat": [dt.date(2026, 12, 31), dt.date(2027, 3, 1)]}]
    assert '"tenggat": ["2026-12-31", "2027-03-01"]' in audit[0].as_record("staf", dt.datetime.now(dt.UTC))["perubahan"]
    assert actions.update_step("A-001", {"pelaksana": "Dinas Sosial"})(tables)[1] == []
    with pytest.raises(actions.UnknownRecord):
        actions.update_step("A-002", {"pelaksana": "Bappeda"})(tables)


def test_two_staff_publishing_at_once_lose_nothing(action_store):
    """Both changes are computed from the same release; the later one is applied again to the earlier one's."""
    actions.publish_change(action_store, actions.add_rows(steps=[step()]), by="staf1", note="awal")
    barrier = threading.Barrier(2)
    original = actions.ActionTables.from_release

    def slow_read(tables):  # both read before either writes
        result = original(tables)
        try:
            barrier.wait(timeout=2)
        except threading.BrokenBarrierError:
            pass
        return result

    changes = [actions.update_step("A-001", {"tenggat": dt.date(2027, 6, 30)}),
               actions.add_rows(progress=[progress("A-001", TODAY, "berjalan")])]
    actions.ActionTables.from_release = staticmethod(slow_read)
    try:
        threads = [threading.Thread(target=actions.publish_change, args=(action_store, change),
                                    kwargs={"by": f"staf{i}", "note": "rakor"}) for i, change in enumerate(changes)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        actions.ActionTables.from_release = original
    tables = current(action_store)
    assert tables.steps["tenggat"].iloc[0] == dt.date(2027, 6, 30)
    assert list(tables.progress["status"]) == ["berjalan"]
    assert len(action_store.action_audit()) == 3


def need(values: dict[str, float | None]) -> pd.DataFrame:
    return pd.DataFrame({"kode": list(values), "nilai": list(values.values())})


def test_high_need_is_the_worst_fifth_with_ties_and_never_an_area_without_value():
    ten = need({f"64.08.{i:02d}": float(i) for i in range(1, 11)} | {"64.08.11": None})
    assert actions.high_need(ten, lower_is_better=True) == {"64.08.10", "64.08.09"}
    assert actions.high_need(ten, lower_is_better=False) == {"64.08.01", "64.08.02"}
    tied = need({"a": 5.0, "b": 5.0, "c": 5.0, "d": 1.0, "e": 1.0})
    assert actions.high_need(tied, lower_is_better=True) == {"a", "b", "c"}
    assert actions.high_need(need({"a": None}), lower_is_better=True) == set()


def test_a_step_reaches_its_areas_their_desa_and_the_kecamatan_of_its_desa():
    steps = pd.DataFrame({"wilayah": ["64.08.04", "64.08.05.2001", "64.08.06"],
                          "status_aksi": ["berjalan", "selesai", "dibatalkan"]})
    codes = ["64.08.04", "64.08.04.1001", "64.08.05", "64.08.05.2002", "64.08.06", "64.08.07"]
    assert actions.covered_areas(steps, codes) == {"64.08.04", "64.08.04.1001", "64.08.05"}
    everywhere = pd.DataFrame({"wilayah": ["64.08"], "status_aksi": ["berjalan"]})
    assert actions.covered_areas(everywhere, codes) == set(codes)


def test_priority_areas_without_step_are_exactly_the_uncovered_high_need_ones():
    values = need({f"64.08.{i:02d}": float(i) for i in range(1, 11)})
    steps = pd.DataFrame({"wilayah": ["64.08.10.2003;64.08.01"], "status_aksi": ["berjalan"]})
    assert actions.priority_without_step(values, True, steps) == {"64.08.09"}
    assert actions.priority_without_step(values, True, steps.iloc[:0]) == {"64.08.09", "64.08.10"}


def test_a_store_from_before_rencana_aksi_gets_the_demo_on_its_next_start(tmp_path, monkeypatch):
    store = Store(create_store_engine(databases.new_url(tmp_path, "lama")))
    with monkeypatch.context() as patched:
        patched.setattr(seed, "publish_demo_actions", lambda *_: None)
        seed.build(store)
    assert store.current_release_id(actions.DATASET) == 0
    seed.build(store)
    assert current(store).is_demo
    seed.build(store)
    assert len(store.releases().query("dataset == 'aksi'")) == 1


def test_a_rollback_restores_the_earlier_tables_and_audits_what_it_changes(action_store):
    actions.publish_change(action_store, actions.add_rows(steps=[step()]), by="staf1", note="langkah")
    earlier = action_store.current_release_id(actions.DATASET)
    actions.publish_change(action_store, actions.add_rows(steps=[step(judul="Kedua")],
                                                          progress=[progress("A-001", TODAY, "berjalan")]),
                           by="staf1", note="lagi")
    actions.publish_change(action_store, actions.update_step("A-001", {"pelaksana": "Bappeda"}), by="staf1", note="ubah")
    old = ActionTables.from_release(action_store.release_tables(earlier))
    actions.publish_change(action_store, actions.restore(old), by="staf2", note="kembalikan")
    tables = current(action_store)
    assert list(tables.steps["kode"]) == ["A-001"] and tables.steps["pelaksana"].iloc[0] == "Dinas Sosial"
    assert tables.progress.empty
    latest = action_store.action_audit().query("oleh == 'staf2'")
    assert sorted(zip(latest["tabel"], latest["kode"])) == [("aksi", "A-001"), ("aksi", "A-002"), ("kemajuan", "A-001")]
    assert '"pelaksana": ["Bappeda", "Dinas Sosial"]' in latest.query("kode == 'A-001' and tabel == 'aksi'")["perubahan"].iloc[0]
