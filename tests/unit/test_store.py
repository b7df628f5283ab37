from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa

from lib.core import migrate, provenance, seed
from lib.core.store import (
    StaleRelease,
    Store,
    StoreNotReady,
    create_store_engine,
    indikator,
    kepala_rilis,
    perubahan_metode,
    rahasia,
    wilayah,
)
from tests import databases


@pytest.fixture
def empty_store(tmp_path):
    store = Store(create_store_engine(databases.new_url(tmp_path / "nested", "test")))
    migrate.upgrade(store.engine)
    store.replace_registry(wilayah, pd.DataFrame([{"kode": "64.08", "nama": "Kutai Timur", "level": "kabupaten", "induk": None}]))
    store.replace_registry(
        indikator,
        pd.DataFrame([{"id": "p0", "label_id": "P0", "label_en": "P0", "satuan": "persen", "desimal": 2,
                       "lebih_rendah_lebih_baik": True, "bulan_acuan": 3,
                       "definisi_id": "d", "definisi_en": "d", "sumber": "BPS"}]),
    )
    return store


def _values(*pairs):
    return pd.DataFrame(
        [{"kode_wilayah": "64.08", "indikator": "p0", "tahun": year, "bulan": None, "nilai": value,
          "sumber": "https://example.org", "status": "resmi", "catatan": None} for year, value in pairs]
    )


def test_publish_round_trip_and_release_record(empty_store):
    release = empty_store.publish("makro", {"nilai": _values((2024, 8.81), (2025, 8.07))}, by="tester",
                                  file_name="a.csv", sha256="ab" * 32, note="uji")
    read = empty_store.values()
    assert read[["tahun", "nilai"]].values.tolist() == [[2024, 8.81], [2025, 8.07]]
    assert (read["rilis_id"] == release).all()
    assert read["bulan"].isna().all()
    record = empty_store.releases().iloc[0]
    assert (record["dataset"], record["oleh"], record["jumlah_baris"], record["nama_berkas"]) == ("makro", "tester", 2, "a.csv")
    assert empty_store.latest_release_id() == release


def test_views_read_only_the_newest_release_of_each_dataset(empty_store):
    empty_store.publish("makro", {"nilai": _values((2024, 8.81))}, by="a")
    empty_store.publish("lain", {"nilai": _values((2010, 11.39))}, by="a")
    newest = empty_store.publish("makro", {"nilai": _values((2024, 8.80))}, by="b")
    read = empty_store.values()
    assert sorted(read["nilai"]) == [8.80, 11.39]
    assert len(empty_store.releases()) == 3
    assert set(empty_store.current_releases()["id"]) == {2, newest}


def test_failed_publish_changes_nothing(empty_store):
    empty_store.publish("makro", {"nilai": _values((2024, 8.81))}, by="a")
    bad = _values((2025, 8.07)).assign(kode_wilayah="99.99")  # unknown area: foreign key violation
    with pytest.raises(sa.exc.IntegrityError):
        empty_store.publish("makro", {"nilai": bad}, by="a")
    assert empty_store.latest_release_id() == 1
    assert empty_store.values()["nilai"].tolist() == [8.81]


def test_publish_refuses_unknown_tables(empty_store):
    with pytest.raises(ValueError, match="unknown released tables"):
        empty_store.publish("x", {"rahasia": _values((2024, 1))}, by="a")


@databases.sqlite_only
def test_sqlite_store_uses_wal(empty_store):
    with empty_store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


# One release each when the store is built from data/.
SHIPPED_DATASETS = ("nilai", "target", "program", "penerima", "aksi")


def test_build_from_data_is_complete_and_idempotent(store):
    releases = store.releases()
    assert sorted(releases["dataset"]) == sorted(SHIPPED_DATASETS)
    seed.build(store)
    assert len(store.releases()) == len(SHIPPED_DATASETS)
    assert len(store.areas()) == 171
    values = store.values()
    assert set(values.loc[values["status"] == "contoh", "indikator"]) == {"jumlah_penduduk", "jumlah_rumah_tangga"}
    kutim_p0 = values[(values["kode_wilayah"] == "64.08") & (values["indikator"] == "persentase_penduduk_miskin_P0")]
    assert kutim_p0["tahun"].tolist() == list(range(2010, 2026))
    assert set(kutim_p0["status"]) <= set(provenance.KINDS) - {provenance.DEMO, provenance.AGENCY}


def test_programme_rows_are_marked_demo(store):
    rows = store.programme_rows(years=[2023])
    assert len(rows) > 0 and (rows["status"] == "contoh").all()
    assert set(rows["program"]) == {"PKH", "SEMBAKO", "PBI_JK", "PIP", "BLT_DD", "RTLH"}


def test_current_rows_are_the_newest_release_of_one_dataset(empty_store):
    assert empty_store.current_rows("nilai").empty
    assert "nilai" in empty_store.current_rows("nilai").columns
    empty_store.publish("nilai", {"nilai": _values((2024, 8.81))}, by="a")
    empty_store.publish("nilai", {"nilai": _values((2024, 8.80), (2025, 8.07))}, by="a")
    rows = empty_store.current_rows("nilai")
    assert rows["nilai"].tolist() == [8.80, 8.07]
    assert "rilis_id" not in rows.columns and "id" not in rows.columns


def test_republish_restores_an_earlier_release_as_a_new_one(empty_store):
    first = empty_store.publish("nilai", {"nilai": _values((2024, 8.81))}, by="a", file_name="a.csv", sha256="c" * 64)
    empty_store.publish("nilai", {"nilai": _values((2024, 9.99), (2025, 1.0))}, by="b")
    restored = empty_store.republish(first, by="c", note="Mengembalikan rilis 1")
    assert restored == 3
    assert empty_store.values()["nilai"].tolist() == [8.81]
    record = empty_store.release(restored)
    assert (record["dataset"], record["oleh"], record["nama_berkas"], record["catatan"]) == ("nilai", "c", "a.csv", "Mengembalikan rilis 1")
    assert empty_store.release_tables(first)["nilai"]["nilai"].tolist() == [8.81]  # history keeps every release


def test_republish_of_an_unknown_release_changes_nothing(empty_store):
    with pytest.raises(ValueError):
        empty_store.republish(42, by="a")
    assert empty_store.latest_release_id() == 0


def test_a_publish_computed_from_an_old_release_is_refused(empty_store):
    from lib.core.store import StaleRelease

    first = empty_store.publish("nilai", {"nilai": _values((2024, 8.81))}, by="a", based_on=0)
    assert empty_store.current_release_id("nilai") == first
    empty_store.publish("nilai", {"nilai": _values((2024, 8.80))}, by="b", based_on=first)
    with pytest.raises(StaleRelease):  # a's preview was of release `first`; b has published since
        empty_store.publish("nilai", {"nilai": _values((2024, 9.99))}, by="a", based_on=first)
    assert empty_store.values()["nilai"].tolist() == [8.80]
    assert empty_store.current_rows("nilai", release_id=first)["nilai"].tolist() == [8.81]


def test_a_store_from_before_one_dataset_per_table_is_moved_once_and_keeps_every_figure(tmp_path):
    store = Store(create_store_engine(databases.new_url(tmp_path, "lama")))
    seed.build(store)
    expected_values, expected_programmes = store.values(), store.programme_rows()
    # Rebuild what an older store held: the same rows under the legacy dataset names.
    nilai, program = store.current_rows("nilai"), store.current_rows("program")
    store.publish_together({"indikator_resmi": {"nilai": nilai[nilai["status"] != "contoh"]},
                            "contoh_desa": {"nilai": nilai[nilai["status"] == "contoh"], "program_desil": program},
                            "nilai": {}, "program": {}}, by="lama", note="seperti toko lama")
    assert len(store.values()) == len(expected_values)
    seed.build(store)  # what the next start does
    seed.build(store)  # and the one after: nothing more to move
    assert len(store.releases()) == len(SHIPPED_DATASETS) + 4 + 4  # + the legacy rows, + moved and retired
    columns = ["kode_wilayah", "indikator", "tahun", "nilai"]
    pd.testing.assert_frame_equal(store.values()[columns].reset_index(drop=True), expected_values[columns].reset_index(drop=True))
    assert len(store.programme_rows()) == len(expected_programmes)
    assert store.current_rows("nilai").shape[0] == len(expected_values)


def test_a_store_from_before_programme_spellings_gets_them_on_start(tmp_path):
    from lib.core.programmes import registry_from_frame

    store = Store(create_store_engine(databases.new_url(tmp_path, "lama")))
    seed.build(store)
    expected_rows = store.programme_rows()
    with store.engine.begin() as conn:  # the program table as it was before `ejaan`, in a store made before migrations
        conn.exec_driver_sql("ALTER TABLE program DROP COLUMN ejaan")
        conn.exec_driver_sql("DROP TABLE alembic_version")
    seed.build(store)  # what the next start does
    programmes = registry_from_frame(store.programmes())
    assert programmes["SEMBAKO"].spellings == ("sembako", "bpnt", "program sembako")
    assert programmes["PBI_JK"].spellings == ("pbi", "pbi jk", "pbi jkn", "kis pbi")
    assert list(programmes["SEMBAKO"].eligible_deciles()) == [1, 2, 3, 4, 5]
    assert len(store.releases()) == len(SHIPPED_DATASETS)  # the registry changed, not the published figures
    pd.testing.assert_frame_equal(store.programme_rows(), expected_rows)
    seed.build(store)  # and the start after: nothing more to do
    assert registry_from_frame(store.programmes()) == programmes


def test_a_store_from_before_provenance_kinds_gets_them_and_keeps_staff_uploads(tmp_path, fixture_data_dir):
    store = Store(create_store_engine(databases.new_url(tmp_path, "lama")))
    seed.build(store, data_dir=fixture_data_dir)
    expected = store.current_rows("nilai")
    # What an older store held: every published row `resmi`, no other reports, no method breaks; staff had
    # uploaded one new figure (Kutim TPT 2025) and replaced one shipped figure (P0 2024) with their own.
    old = expected.assign(status=expected["status"].where(expected["status"] == "contoh", "resmi"), sumber_lain=None)
    p0_2024 = (old["indikator"] == "persentase_penduduk_miskin_P0") & (old["kode_wilayah"] == "64.08") & (old["tahun"] == 2024)
    old.loc[p0_2024, ["nilai", "sumber"]] = [9.2, "Dinas Sosial (unggahan)"]
    uploaded = old.iloc[[0]].assign(indikator="tpt", kode_wilayah="64.08", tahun=2025, bulan=None, nilai=5.1,
                                   sumber="BPS Kutim 2025 (unggahan)")
    store.publish("nilai", {"nilai": pd.concat([old, uploaded], ignore_index=True)}, by="lama")
    with store.engine.begin() as conn:
        conn.execute(perubahan_metode.delete())
    seed.build(store, data_dir=fixture_data_dir)  # what the next start does
    rows = store.current_rows("nilai")
    assert "resmi" not in set(rows["status"])
    by_key = rows.set_index(["indikator", "kode_wilayah", "tahun"])
    assert by_key.loc[("tpt", "64.08", 2025), "status"] == provenance.AGENCY
    assert tuple(by_key.loc[("persentase_penduduk_miskin_P0", "64.08", 2024), ["nilai", "status"]]) == (9.2, provenance.AGENCY)
    shipped = by_key.loc[("persentase_penduduk_miskin_P0", "64.08", 2023)]
    assert shipped["status"] == "rilis_bps" and provenance.conflicts(shipped["nilai"], shipped["sumber_lain"])
    assert len(rows) == len(expected) + 1
    assert store.method_breaks()["tahun"].tolist() == [2024]
    releases = len(store.releases())
    seed.build(store, data_dir=fixture_data_dir)  # and the start after: nothing more to do
    assert len(store.releases()) == releases


def test_a_store_from_before_the_login_tables_gets_them_on_start(tmp_path, fixture_data_dir):
    store = Store(create_store_engine(databases.new_url(tmp_path, "lama")))
    seed.build(store, data_dir=fixture_data_dir)
    releases = len(store.releases())
    with store.engine.begin() as conn:  # the store as it was before login state lived in it, and before migrations
        conn.exec_driver_sql("DROP TABLE login_gagal")
        conn.exec_driver_sql("DROP TABLE sesi_staf")
        conn.exec_driver_sql("DROP TABLE alembic_version")
    seed.build(store, data_dir=fixture_data_dir)  # what the next start does
    assert {"login_gagal", "sesi_staf"} <= set(sa.inspect(store.engine).get_table_names())
    assert store.claim_login_attempt("a" * 64, 1000.0, 0.0, lambda failures: 0.0) == 0.0
    assert store.login_failures("a" * 64, 1000.0, 0.0) == (1, 0.0)
    assert len(store.releases()) == releases


@pytest.mark.parametrize("read_only", [True, False])
def test_a_server_refuses_a_missing_unmigrated_or_empty_store_and_never_makes_one(tmp_path, read_only):
    missing = databases.missing_url(tmp_path)
    with pytest.raises(StoreNotReady):
        migrate.open_store(missing, read_only=read_only)
    assert not databases.exists(missing)
    unmigrated = databases.new_url(tmp_path, "kosong")
    create_store_engine(unmigrated).connect().close()  # a database without tables
    with pytest.raises(StoreNotReady, match="make store"):
        migrate.open_store(unmigrated, read_only=read_only)
    assert migrate.revision_of(create_store_engine(unmigrated)) is None  # nothing was created
    migrate.upgrade(create_store_engine(unmigrated))
    with pytest.raises(StoreNotReady, match="no release"):
        migrate.open_store(unmigrated, read_only=read_only)


def test_a_server_refuses_a_store_on_an_older_schema_revision(tmp_path, fixture_db_url):
    url = databases.copy_of(fixture_db_url, tmp_path)
    with create_store_engine(url).begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '0000'")
    with pytest.raises(StoreNotReady, match="revision 0000"):
        migrate.open_store(url)


@databases.sqlite_only
def test_read_only_store_reads_through_a_read_only_connection(tmp_path, fixture_db_url):
    store = migrate.open_store(fixture_db_url, read_only=True)
    assert store.read_only and store.engine.url.query["mode"] == "ro"
    assert store.latest_release_id() > 0
    with pytest.raises(PermissionError):
        store.claim_login_attempt("a" * 64, 1000.0, 0.0, lambda failures: 0.0)
    with store.engine.connect() as conn, pytest.raises(sa.exc.OperationalError, match="readonly"):
        conn.exec_driver_sql("DELETE FROM sesi_staf")


def test_python_m_lib_core_seed_builds_the_store_a_public_server_then_reads(tmp_path, monkeypatch, capsys):
    url = databases.new_url(tmp_path, "publik")
    monkeypatch.setenv("DASBOR_DB_URL", url)
    seed.main()  # what `make store` (and so `make run-public`) runs before the public server starts
    assert "Basis data siap" in capsys.readouterr().out
    assert migrate.open_store(url, read_only=True).latest_release_id() > 0


def test_the_rounding_key_is_made_once_and_kept(tmp_path):
    url = databases.new_url(tmp_path)
    store = Store(create_store_engine(url))
    seed.build(store)
    key = store.disclosure_key()
    assert len(key) == 32 and migrate.open_store(url, read_only=True).disclosure_key() == key
    seed.build(store)  # a later start (or `make store`) keeps it: published figures must not change
    assert store.disclosure_key() == key
    with store.engine.begin() as conn:
        conn.execute(sa.delete(rahasia))
    with pytest.raises(StoreNotReady, match="make store"):  # a store built before the key: the public server waits
        migrate.open_store(url, read_only=True)


def _publish_from_two_processes_at_once(db_url: str, rows: pd.DataFrame, based_on: int) -> list[str]:
    """Two staff members' publishes of the same dataset, both computed from `based_on`, started together from
    two threads with their own connections (as two server sessions); the outcome of each."""
    import threading

    barrier, outcomes = threading.Barrier(2), []

    def publish(who: str) -> None:
        store = Store(create_store_engine(db_url))
        barrier.wait()
        try:
            store.publish("nilai", {"nilai": rows.assign(sumber=who)}, by=who, based_on=based_on)
            outcomes.append("published")
        except StaleRelease:
            outcomes.append("stale")
        finally:
            store.engine.dispose()

    threads = [threading.Thread(target=publish, args=(who,)) for who in ("a", "b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(outcomes)


@pytest.mark.parametrize("attempt", range(3))
def test_two_staff_publishing_at_the_same_moment_never_lose_a_change(empty_store, attempt):
    store, db_url = empty_store, empty_store.engine.url.render_as_string(hide_password=False)
    first = store.publish("nilai", {"nilai": _values((2024, 8.81))}, by="seed")
    # Enough rows that one publish takes a while, as a real upload does: the second starts inside the first.
    many = pd.concat([_values(*((year, 8.0) for year in range(1900, 2100)))] * 20, ignore_index=True)
    assert _publish_from_two_processes_at_once(db_url, many, based_on=first) == ["published", "stale"]
    assert len(store.releases()) == 2  # one of the two landed; the other was told to preview again


def test_the_first_publish_of_a_store_made_before_claims_still_claims(empty_store):
    first = empty_store.publish("nilai", {"nilai": _values((2024, 8.81))}, by="a", based_on=0)
    with empty_store.engine.begin() as conn:  # a store from before kepala_rilis: no claim rows
        conn.execute(kepala_rilis.delete())
    with pytest.raises(StaleRelease):
        empty_store.publish("nilai", {"nilai": _values((2024, 9.99))}, by="b", based_on=0)
    second = empty_store.publish("nilai", {"nilai": _values((2024, 8.80))}, by="a", based_on=first)
    assert empty_store.current_release_id("nilai") == second


# --- Golden: the shipped reference data as issue 13 corrected it (a data refresh may change these, and only these) --


def test_shipped_reference_values_and_kinds(store):
    values = store.values()

    def row(area, indicator, year, month=None):
        rows = values[(values["kode_wilayah"] == area) & (values["indikator"] == indicator) & (values["tahun"] == year)]
        rows = rows[rows["bulan"].isna()] if month is None else rows[rows["bulan"] == month]
        (found,) = rows.to_dict(orient="records")
        return found

    assert row("ID", "ipm", 2023)["nilai"] == 74.39  # was 73,55
    assert row("64.08", "garis_kemiskinan", 2025)["nilai"] == 753332
    extreme = row("64.08", "tingkat_kemiskinan_ekstrem", 2024)
    assert (extreme["nilai"], extreme["status"]) == (0.3, provenance.STATEMENT)  # a Bappeda statement, not BPS
    # The known conflicts are data, with both values.
    p0_2014 = row("64.08", "persentase_penduduk_miskin_P0", 2014)
    assert {r.value for r in provenance.conflicts(p0_2014["nilai"], p0_2014["sumber_lain"])} == {8.86}
    assert set(values["status"]) <= set(provenance.KINDS)
    assert store.method_breaks().set_index("indikator").loc["ipm", "tahun"] == 2023


def test_publishes_take_turns_so_release_ids_follow_commit_order(empty_store):
    """A publish that started first but has not committed holds back a later one, even of another dataset: else on
    PostgreSQL the later one would commit first with the higher id, and a reader caching on the newest id would
    never see the earlier release."""
    import threading
    import time

    store = empty_store
    target_rows = pd.DataFrame([{"kode_wilayah": "64.08", "indikator": "p0", "tahun": 2025, "nilai_bawah": 6.0,
                                 "nilai_atas": 7.0, "dokumen": "RPJMN", "sumber": "s", "catatan": None}])
    claimed, events = threading.Event(), []

    def slow_publish() -> None:
        with store.engine.begin() as conn:
            store._claim(conn, "nilai", None)
            first = store._insert_release(conn, "nilai", {"nilai": _values((2024, 8.81))}, "a", None, None, None)
            claimed.set()
            time.sleep(1.0)  # still uncommitted while the other publish starts
            events.append(("committed", first))

    def quick_publish() -> None:
        claimed.wait()
        events.append(("published", store.publish("target", {"target": target_rows}, by="b")))

    threads = [threading.Thread(target=slow_publish), threading.Thread(target=quick_publish)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    (first_event, first_id), (second_event, second_id) = events
    assert (first_event, second_event) == ("committed", "published") and second_id > first_id
    assert store.latest_release_id() == second_id and len(store.releases()) == 2


def test_a_publisher_killed_mid_publish_leaves_the_last_release_intact(tmp_path, fixture_db_url):
    """SIGKILL in the middle of a publish (the internal server dying): the half-written release is absent and the one
    before it still in force, on the next read as after a restart."""
    import os
    import signal
    import subprocess
    import sys

    url = databases.copy_of(fixture_db_url, tmp_path)
    store = Store(create_store_engine(url))
    before_release, before_rows = store.current_release_id("nilai"), store.current_rows("nilai")
    releases = len(store.releases())
    store.engine.dispose()
    publisher = subprocess.Popen([sys.executable, "-c", f"""
import time
from lib.core.store import Store, create_store_engine
store = Store(create_store_engine({url!r}))
write_release = Store._insert_release
def written_then_stuck(*args):  # every row of the release written, the transaction not yet committed
    write_release(*args)
    print("ditulis", flush=True)
    time.sleep(600)
Store._insert_release = staticmethod(written_then_stuck)
store.publish("nilai", {{"nilai": store.current_rows("nilai")}}, by="dibunuh")
"""], stdout=subprocess.PIPE, text=True, cwd=Path(__file__).resolve().parents[2])
    assert publisher.stdout.readline().strip() == "ditulis"
    os.kill(publisher.pid, signal.SIGKILL)
    publisher.wait(timeout=30)
    after = Store(create_store_engine(url))
    assert after.current_release_id("nilai") == before_release and len(after.releases()) == releases
    pd.testing.assert_frame_equal(after.current_rows("nilai"), before_rows)
    with after.engine.connect() as conn:  # no row of the unfinished release anywhere
        assert conn.exec_driver_sql("SELECT count(*) FROM nilai WHERE rilis_id NOT IN (SELECT id FROM rilis)").scalar() == 0
    after.publish("nilai", {"nilai": before_rows}, by="sesudahnya", based_on=before_release)  # and publishing goes on
