"""The store: every read and write of the dashboard's database goes through this module.

SQLAlchemy 2 Core with portable expressions only, so the same code runs on the embedded SQLite file and on
PostgreSQL. Published data lives in releases (`rilis`): every publish writes a new release of one dataset,
and views read, per dataset, the newest release. Older releases stay for history and rollback.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from urllib.parse import quote

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine

metadata = sa.MetaData()

wilayah = sa.Table(
    "wilayah",
    metadata,
    sa.Column("kode", sa.String(20), primary_key=True),
    sa.Column("nama", sa.String(120), nullable=False),
    sa.Column("level", sa.String(20), nullable=False),
    sa.Column("induk", sa.String(20), nullable=True),
)

wilayah_alias = sa.Table(
    "wilayah_alias",
    metadata,
    sa.Column("alias", sa.String(120), primary_key=True),
    sa.Column("kode", sa.String(20), sa.ForeignKey("wilayah.kode"), nullable=False),
    sa.Column("catatan", sa.Text, nullable=True),
    # Who confirmed a spelling on Kelola Data, and when (none for the aliases shipped in data/).
    sa.Column("oleh", sa.String(120), nullable=True),
    sa.Column("dibuat_pada", sa.DateTime(timezone=True), nullable=True),
)

indikator = sa.Table(
    "indikator",
    metadata,
    sa.Column("id", sa.String(60), primary_key=True),
    sa.Column("label_id", sa.String(120), nullable=False),
    sa.Column("label_en", sa.String(120), nullable=False),
    sa.Column("satuan", sa.String(30), nullable=False),
    sa.Column("desimal", sa.Integer, nullable=False),
    sa.Column("lebih_rendah_lebih_baik", sa.Boolean, nullable=True),
    sa.Column("bulan_acuan", sa.Integer, nullable=True),
    sa.Column("definisi_id", sa.Text, nullable=False),
    sa.Column("definisi_en", sa.Text, nullable=False),
    sa.Column("sumber", sa.Text, nullable=False),
    # The lowest area level the indicator is published for (kabupaten, kecamatan, desa); staff set it on Kelola Data.
    sa.Column("tingkat", sa.String(20), nullable=True),
)

# Every change staff make to the indicator registry on Kelola Data: who, when, and each field's old and new value
# as JSON {field: [old, new]} (old is null for a new indicator).
indikator_riwayat = sa.Table(
    "indikator_riwayat",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("indikator", sa.String(60), sa.ForeignKey("indikator.id"), nullable=False, index=True),
    sa.Column("diubah_pada", sa.DateTime(timezone=True), nullable=False),
    sa.Column("oleh", sa.String(120), nullable=False),
    sa.Column("perubahan", sa.Text, nullable=False),
)

# What staff said the columns of a file shape hold (lib.ingest.mapping): the shape is a hash of the upload kind
# and the file's normalised headings, the mapping JSON {heading: target}, so next month's file maps itself.
pemetaan_kolom = sa.Table(
    "pemetaan_kolom",
    metadata,
    sa.Column("bentuk", sa.String(64), primary_key=True),
    sa.Column("jenis", sa.String(30), nullable=False),
    sa.Column("pemetaan", sa.Text, nullable=False),
    sa.Column("oleh", sa.String(120), nullable=False),
    sa.Column("diubah_pada", sa.DateTime(timezone=True), nullable=False),
)

program = sa.Table(
    "program",
    metadata,
    sa.Column("id", sa.String(30), primary_key=True),
    sa.Column("nama_id", sa.String(120), nullable=False),
    sa.Column("nama_en", sa.String(120), nullable=False),
    sa.Column("satuan", sa.String(20), nullable=False),
    sa.Column("desil_layak_min", sa.Integer, nullable=False),
    sa.Column("desil_layak_max", sa.Integer, nullable=False),
    sa.Column("dasar_kelayakan", sa.Text, nullable=False),
    sa.Column("pelaksana", sa.String(120), nullable=False),
    sa.Column("keterangan_id", sa.Text, nullable=False),
    sa.Column("keterangan_en", sa.Text, nullable=False),
    # Other ways staff write the programme in a file heading or cell, separated by `;` (lib.core.programmes).
    sa.Column("ejaan", sa.Text, nullable=False, server_default=""),
)

rilis = sa.Table(
    "rilis",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("dataset", sa.String(40), nullable=False, index=True),
    sa.Column("dibuat_pada", sa.DateTime(timezone=True), nullable=False),
    sa.Column("oleh", sa.String(120), nullable=False),
    sa.Column("nama_berkas", sa.String(255), nullable=True),
    sa.Column("sha256", sa.String(64), nullable=True),
    sa.Column("jumlah_baris", sa.Integer, nullable=False),
    sa.Column("catatan", sa.Text, nullable=True),
)

nilai = sa.Table(
    "nilai",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("rilis_id", sa.Integer, sa.ForeignKey("rilis.id"), nullable=False, index=True),
    sa.Column("kode_wilayah", sa.String(20), sa.ForeignKey("wilayah.kode"), nullable=False),
    sa.Column("indikator", sa.String(60), sa.ForeignKey("indikator.id"), nullable=False),
    sa.Column("tahun", sa.Integer, nullable=False),
    sa.Column("bulan", sa.Integer, nullable=True),
    sa.Column("nilai", sa.Float, nullable=False),
    sa.Column("sumber", sa.Text, nullable=False),
    # The provenance kind (lib.core.provenance.KINDS): a BPS release, a BPS figure via the media, a statement...
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("catatan", sa.Text, nullable=True),
    # Other reports of the same observation as JSON [{nilai, sumber, jenis, catatan}]: a different value is a
    # conflict shown beside the chosen one, the same value a further source (lib.core.provenance.other_reports).
    sa.Column("sumber_lain", sa.Text, nullable=True),
    sa.Index("ix_nilai_indikator_wilayah", "indikator", "kode_wilayah"),
)

program_desil = sa.Table(
    "program_desil",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("rilis_id", sa.Integer, sa.ForeignKey("rilis.id"), nullable=False, index=True),
    sa.Column("kode_wilayah", sa.String(20), sa.ForeignKey("wilayah.kode"), nullable=False),
    sa.Column("tahun", sa.Integer, nullable=False),
    sa.Column("program", sa.String(30), sa.ForeignKey("program.id"), nullable=False),
    sa.Column("desil", sa.Integer, nullable=False),
    sa.Column("rumah_tangga", sa.Integer, nullable=False),
    sa.Column("penerima", sa.Integer, nullable=False),
    sa.Column("anggaran_rp", sa.BigInteger, nullable=True),
    sa.Column("realisasi_rp", sa.BigInteger, nullable=True),
    sa.Column("pelaksana", sa.String(120), nullable=True),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("sumber", sa.Text, nullable=False),
    sa.Index("ix_program_desil_tahun_program", "tahun", "program"),
)

target = sa.Table(
    "target",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("rilis_id", sa.Integer, sa.ForeignKey("rilis.id"), nullable=False, index=True),
    sa.Column("kode_wilayah", sa.String(20), sa.ForeignKey("wilayah.kode"), nullable=False),
    sa.Column("indikator", sa.String(60), sa.ForeignKey("indikator.id"), nullable=False),
    sa.Column("tahun", sa.Integer, nullable=False),
    sa.Column("nilai_bawah", sa.Float, nullable=False),
    sa.Column("nilai_atas", sa.Float, nullable=False),
    sa.Column("dokumen", sa.String(200), nullable=False),
    sa.Column("sumber", sa.Text, nullable=False),
    sa.Column("catatan", sa.Text, nullable=True),
)

# Counts published without deciles, at the level they were published (Kutim, a kecamatan, a desa): programme
# recipients, DTKS families, JKN members. `program` is the registry id when the count is of a registry programme.
penerima = sa.Table(
    "penerima",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("rilis_id", sa.Integer, sa.ForeignKey("rilis.id"), nullable=False, index=True),
    sa.Column("kode_wilayah", sa.String(20), sa.ForeignKey("wilayah.kode"), nullable=False),
    sa.Column("tahun", sa.Integer, nullable=False),
    sa.Column("program", sa.String(30), sa.ForeignKey("program.id"), nullable=True),
    sa.Column("nama_program", sa.String(120), nullable=False),
    sa.Column("ukuran", sa.String(60), nullable=False),
    sa.Column("nilai", sa.Float, nullable=False),
    sa.Column("satuan", sa.String(20), nullable=False),
    sa.Column("sumber", sa.Text, nullable=False),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("catatan", sa.Text, nullable=True),
)

# Rencana Aksi (lib.core.actions): the rakor, the concrete steps they decided and the steps' progress reports,
# published together as the dataset `aksi`. Codes (`kode`) stay the same from release to release; a step's areas are
# Kemendagri codes separated by ";". `status` is the provenance kind (demo steps `contoh`).
rakor = sa.Table(
    "rakor",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("rilis_id", sa.Integer, sa.ForeignKey("rilis.id"), nullable=False, index=True),
    sa.Column("kode", sa.String(40), nullable=False),
    sa.Column("tanggal", sa.Date, nullable=False),
    sa.Column("tempat", sa.String(200), nullable=False),
    sa.Column("pimpinan", sa.String(200), nullable=False),
    sa.Column("agenda", sa.Text, nullable=True),
    sa.Column("status", sa.String(20), nullable=False),
)

aksi = sa.Table(
    "aksi",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("rilis_id", sa.Integer, sa.ForeignKey("rilis.id"), nullable=False, index=True),
    sa.Column("kode", sa.String(40), nullable=False),
    sa.Column("rakor", sa.String(40), nullable=True),
    sa.Column("judul", sa.Text, nullable=False),  # what will be done
    sa.Column("masalah", sa.Text, nullable=False),  # the problem it answers
    # The dashboard measure that shows the gap (lib.analysis.measures.MEASURES) and its programme, if any.
    sa.Column("ukuran", sa.String(40), nullable=True),
    sa.Column("program", sa.String(30), nullable=True),
    sa.Column("pelaksana", sa.String(200), nullable=False),  # the responsible institution, never a person
    sa.Column("jenis_pelaksana", sa.String(30), nullable=False),
    sa.Column("mitra", sa.Text, nullable=True),
    sa.Column("wilayah", sa.Text, nullable=False),
    sa.Column("indikator", sa.String(60), nullable=True),
    sa.Column("nilai_target", sa.Float, nullable=True),
    sa.Column("mulai", sa.Date, nullable=False),
    sa.Column("tenggat", sa.Date, nullable=False),
    sa.Column("anggaran_rp", sa.BigInteger, nullable=True),
    sa.Column("sumber_dana", sa.String(30), nullable=True),
    sa.Column("status", sa.String(20), nullable=False),
)

kemajuan = sa.Table(
    "kemajuan",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("rilis_id", sa.Integer, sa.ForeignKey("rilis.id"), nullable=False, index=True),
    sa.Column("aksi", sa.String(40), nullable=False),
    sa.Column("tanggal", sa.Date, nullable=False),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("uraian", sa.Text, nullable=False),
    sa.Column("bukti", sa.Text, nullable=True),
    sa.Column("pelapor", sa.String(200), nullable=False),  # the reporting institution, never a person
    sa.Column("status_data", sa.String(20), nullable=False),
)

# Every change to Rencana Aksi: who (the staff user; internal only), when, in which release, and each field's old
# and new value as JSON {field: [old, new]}.
aksi_riwayat = sa.Table(
    "aksi_riwayat",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("rilis_id", sa.Integer, sa.ForeignKey("rilis.id"), nullable=False, index=True),
    sa.Column("tabel", sa.String(20), nullable=False),
    sa.Column("kode", sa.String(40), nullable=False),
    sa.Column("perubahan", sa.Text, nullable=False),
    sa.Column("oleh", sa.String(120), nullable=False),
    sa.Column("diubah_pada", sa.DateTime(timezone=True), nullable=False),
)

# Method changes of an indicator as cited data: from `tahun` on, values are on a new basis and never compared
# with or joined to the values before.
perubahan_metode = sa.Table(
    "perubahan_metode",
    metadata,
    sa.Column("indikator", sa.String(60), sa.ForeignKey("indikator.id"), primary_key=True),
    sa.Column("tahun", sa.Integer, primary_key=True),
    sa.Column("keterangan_id", sa.Text, nullable=False),
    sa.Column("keterangan_en", sa.Text, nullable=False),
    sa.Column("sumber", sa.Text, nullable=False),
    sa.Column("jenis", sa.String(20), nullable=False),
)

# The release each dataset's last publish made, as a row to claim: a publish first updates its dataset's row
# where it still holds the release the publish was computed from (compare-and-swap), so of two staff publishing
# at the same moment the second waits for the first and then finds the row changed, on SQLite (the update takes
# the write lock) and on PostgreSQL (it takes the row lock and re-reads the row) alike.
kepala_rilis = sa.Table(
    "kepala_rilis",
    metadata,
    sa.Column("dataset", sa.String(40), primary_key=True),
    sa.Column("rilis_id", sa.Integer, nullable=False),
)

# One row every publish updates first, so publishes take turns: release ids are handed out in commit order, and a
# reader that sees release n has seen every release before it (every cache is keyed on the newest id). Without it,
# on PostgreSQL a publish that started first but committed last would hide under a newer id.
giliran_terbit = sa.Table(
    "giliran_terbit",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("terbitan", sa.Integer, nullable=False),
)
PUBLISH_TURN_ROW = {"id": 1, "terbitan": 0}

# Staff login state (lib.ingest.accounts), kept here rather than in a server process's memory: every process
# shares it, and neither a restart nor a visitor's `clear_cache` resets it. Times are seconds since the epoch.
# Failed logins per user name, keyed by the SHA-256 of the normalised name: unknown names are counted too, and a
# password typed into the name field is not kept.
login_gagal = sa.Table(
    "login_gagal",
    metadata,
    sa.Column("nama_sha256", sa.String(64), primary_key=True),
    sa.Column("gagal", sa.Integer, nullable=False),
    sa.Column("terakhir", sa.Float, nullable=False),
    sa.Column("tunggu_sampai", sa.Float, nullable=False),
)

# Logged-in staff sessions, keyed by the SHA-256 of the random token a browser session holds: a copy of the
# store gives no token that opens a session.
sesi_staf = sa.Table(
    "sesi_staf",
    metadata,
    sa.Column("token_sha256", sa.String(64), primary_key=True),
    sa.Column("pengguna", sa.String(120), nullable=False),
    sa.Column("terakhir_aktif", sa.Float, nullable=False),
)

# Secrets made with the store and never shown: the key of the public mode's rounding draws
# (lib.analysis.privacy.Rounding). Without it nobody can tell which way a published count was rounded.
rahasia = sa.Table(
    "rahasia",
    metadata,
    sa.Column("nama", sa.String(40), primary_key=True),
    sa.Column("nilai", sa.LargeBinary, nullable=False),
)
DISCLOSURE_KEY = "kunci_pembulatan"

# Tables whose rows belong to a release; each dataset publishes into one or more of them.
RELEASED_TABLES = {"nilai": nilai, "program_desil": program_desil, "target": target, "penerima": penerima,
                   "rakor": rakor, "aksi": aksi, "kemajuan": kemajuan}
# The datasets the dashboard publishes, each into one table: a new release of a dataset replaces all its rows.
DATASET_TABLES = {"nilai": "nilai", "program": "program_desil", "target": "target", "penerima": "penerima"}
TABLE_DATASETS = {table: dataset for dataset, table in DATASET_TABLES.items()}
# Rencana Aksi publishes its three tables together (lib.core.actions).
ACTION_DATASET = "aksi"
ACTION_TABLES = ("rakor", "aksi", "kemajuan")


def _enable_sqlite_wal(dbapi_connection, _record) -> None:
    # WAL lets sessions keep reading while one writer publishes; foreign keys are off by default in SQLite.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _enable_sqlite_foreign_keys(dbapi_connection, _record) -> None:
    # A read-only connection cannot switch the journal mode; it reads the WAL database the writer set up.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def create_store_engine(url: str, read_only: bool = False) -> Engine:
    """An engine for `url`; for a SQLite file, its folder is created and WAL mode switched on.

    `read_only` opens a SQLite file with `mode=ro` (the file must exist; SQLite still needs to create the
    `-shm`/`-wal` files beside it) and PostgreSQL sessions with `default_transaction_read_only`, so even a
    bug cannot write through it.
    """
    engine_url = sa.make_url(url)
    if engine_url.get_backend_name() == "sqlite":
        in_memory = not engine_url.database or engine_url.database == ":memory:"
        if read_only:
            if in_memory:
                raise ValueError("a read-only SQLite store needs a database file")
            path = Path(engine_url.database).resolve()
            engine_url = engine_url.set(
                database=f"file:{quote(str(path))}", query={**engine_url.query, "mode": "ro", "uri": "true"}
            )
            engine = sa.create_engine(engine_url)
            sa.event.listen(engine, "connect", _enable_sqlite_foreign_keys)
            return engine
        if not in_memory:
            Path(engine_url.database).parent.mkdir(parents=True, exist_ok=True)
        engine = sa.create_engine(engine_url)
        sa.event.listen(engine, "connect", _enable_sqlite_wal)
        return engine
    if read_only and engine_url.get_backend_name() == "postgresql":
        return sa.create_engine(
            engine_url, pool_pre_ping=True, connect_args={"options": "-c default_transaction_read_only=on"}
        )
    return sa.create_engine(engine_url, pool_pre_ping=True)


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _records(frame: pd.DataFrame) -> list[dict]:
    """Rows as dicts with NaN turned into NULL and numpy scalars into Python ones."""
    clean = frame.astype(object).where(frame.notna(), None)
    return clean.to_dict(orient="records")


class StaleRelease(RuntimeError):
    """A publish was computed from a release that is no longer the one in force."""

    def __init__(self, dataset: str, based_on: int, in_force: int | None):
        super().__init__(f"dataset {dataset}: computed from release {based_on}, but release {in_force} is in force")
        self.in_force = in_force


class StoreNotReady(RuntimeError):
    """A store a server cannot serve: missing, never built, on an older schema, or without a release
    (`lib.core.migrate.open_store`)."""


# How often a claim on a user name's failed logins is tried again after another process changed the row meanwhile.
CLAIM_TRIES = 20


class Store:
    """All data access of the dashboard. Pages and charts never see SQL."""

    def __init__(self, engine: Engine, read_only: bool = False):
        self.engine = engine
        # The public deployment's store: writes fail here, before the database would refuse them.
        self.read_only = read_only

    def _check_writable(self) -> None:
        if self.read_only:
            raise PermissionError(
                "Basis data dibuka hanya-baca (versi publik): data hanya dapat diterbitkan atau diubah lewat "
                "versi internal."
            )

    # --- schema and registries -------------------------------------------------------------

    def ensure_disclosure_key(self) -> None:
        """Create the rounding key once, at random; an existing key is never replaced (published figures
        would change, and comparing the two versions would narrow every count)."""
        self._check_writable()
        with self.engine.begin() as conn:
            if conn.execute(sa.select(rahasia.c.nama).where(rahasia.c.nama == DISCLOSURE_KEY)).first() is None:
                conn.execute(rahasia.insert().values(nama=DISCLOSURE_KEY, nilai=secrets.token_bytes(32)))

    def disclosure_key(self) -> bytes:
        """The rounding key (`ensure_disclosure_key`); a store built before it has none until a writable start."""
        with self.engine.connect() as conn:
            key = conn.execute(sa.select(rahasia.c.nilai).where(rahasia.c.nama == DISCLOSURE_KEY)).scalar_one_or_none()
        if key is None:
            raise StoreNotReady("the store has no rounding key yet: build it with `make store`")
        return bytes(key)

    def is_empty(self) -> bool:
        with self.engine.connect() as conn:
            return conn.execute(sa.select(sa.func.count()).select_from(rilis)).scalar_one() == 0

    def replace_registry(self, table: sa.Table, frame: pd.DataFrame) -> None:
        """Reference tables (areas, aliases, indicators, programmes) are replaced whole."""
        self._check_writable()
        with self.engine.begin() as conn:
            conn.execute(table.delete())
            if len(frame):
                conn.execute(table.insert(), _records(frame))

    def update_registry(self, table: sa.Table, frame: pd.DataFrame) -> None:
        """Rows of a reference table updated from `frame` and new ones added, in one transaction."""
        self._check_writable()
        with self.engine.begin() as conn:
            self._upsert(conn, table, frame)

    @staticmethod
    def _upsert(conn, table: sa.Table, frame: pd.DataFrame) -> None:
        # Updated in place, never deleted and inserted again: published rows refer to them.
        (key,) = table.primary_key.columns
        for record in _records(frame[[c for c in frame.columns if c in table.c]]):
            if conn.execute(table.update().where(key == record[key.name]).values(record)).rowcount == 0:
                conn.execute(table.insert(), record)

    def add_alias(self, alias: str, kode: str, note: str | None = None, by: str | None = None) -> None:
        self._check_writable()
        with self.engine.begin() as conn:
            conn.execute(wilayah_alias.delete().where(wilayah_alias.c.alias == alias))
            conn.execute(wilayah_alias.insert(), [{"alias": alias, "kode": kode, "catatan": note, "oleh": by,
                                                   "dibuat_pada": dt.datetime.now(dt.UTC)}])

    def remove_alias(self, alias: str) -> None:
        self._check_writable()
        with self.engine.begin() as conn:
            conn.execute(wilayah_alias.delete().where(wilayah_alias.c.alias == alias))

    def save_indicator(self, record: Mapping[str, object], changes: str, *, by: str) -> None:
        """Add or update one indicator of the registry and record the change (`changes`, JSON) in one transaction."""
        self._check_writable()
        with self.engine.begin() as conn:
            self._upsert(conn, indikator, pd.DataFrame([dict(record)]))
            conn.execute(indikator_riwayat.insert(), {"indikator": record["id"], "diubah_pada": dt.datetime.now(dt.UTC),
                                                      "oleh": by, "perubahan": changes})

    def indicator_history(self) -> pd.DataFrame:
        return self._frame(sa.select(indikator_riwayat).order_by(indikator_riwayat.c.id.desc()))

    def column_mapping(self, shape: str) -> str | None:
        """The mapping JSON saved for a file shape (`lib.ingest.mapping.shape_key`), if any."""
        with self.engine.connect() as conn:
            return conn.execute(sa.select(pemetaan_kolom.c.pemetaan).where(pemetaan_kolom.c.bentuk == shape)
                                ).scalar_one_or_none()

    def save_column_mapping(self, shape: str, kind: str, mapping: str, *, by: str) -> None:
        self._check_writable()
        record = {"bentuk": shape, "jenis": kind, "pemetaan": mapping, "oleh": by, "diubah_pada": dt.datetime.now(dt.UTC)}
        with self.engine.begin() as conn:
            self._upsert(conn, pemetaan_kolom, pd.DataFrame([record]))

    # --- releases ----------------------------------------------------------------------------

    def publish(
        self,
        dataset: str,
        tables: Mapping[str, pd.DataFrame],
        *,
        by: str,
        file_name: str | None = None,
        sha256: str | None = None,
        note: str | None = None,
        based_on: int | None = None,
        audit: Iterable[Mapping[str, object]] = (),
    ) -> int:
        """Write `tables` (name in RELEASED_TABLES -> rows) as one new release of `dataset`, atomically.

        Either every row lands with its release record, or nothing does. With `based_on` (the release the new
        rows were computed from), a release published meanwhile by someone else raises `StaleRelease` instead
        of being silently overwritten. `audit` rows (Rencana Aksi's field changes) land with the release.
        """
        self._check_writable()
        try:
            with self.engine.begin() as conn:
                self._claim(conn, dataset, based_on)
                release_id = self._insert_release(conn, dataset, tables, by, file_name, sha256, note)
                if records := [{**record, "rilis_id": release_id} for record in audit]:
                    conn.execute(aksi_riwayat.insert(), records)
        except sa.exc.IntegrityError as error:  # another first publish of the dataset claimed it meanwhile
            if based_on is None or not self._is_claim_conflict(error):
                raise
            raise StaleRelease(dataset, based_on, self.current_release_id(dataset)) from error
        return release_id

    def publish_together(self, releases: Mapping[str, Mapping[str, pd.DataFrame]], *, by: str, note: str) -> list[int]:
        """Several datasets' new releases (dataset -> tables; no tables retires a dataset) in one transaction."""
        self._check_writable()
        with self.engine.begin() as conn:
            for dataset in releases:
                self._claim(conn, dataset, None)
            return [self._insert_release(conn, dataset, tables, by, None, None, note) for dataset, tables in releases.items()]

    def _claim(self, conn, dataset: str, based_on: int | None) -> None:
        """Claim `dataset` for a publish, as the transaction's first statements: take the publishing turn, then, with
        `based_on`, go on only while that release is still the one in force (else `StaleRelease`)."""
        conn.execute(giliran_terbit.update().values(terbitan=giliran_terbit.c.terbitan + 1))
        claim = kepala_rilis.update().where(kepala_rilis.c.dataset == dataset)
        if based_on is not None:
            claim = claim.where(kepala_rilis.c.rilis_id == based_on)
        if conn.execute(claim.values(rilis_id=kepala_rilis.c.rilis_id)).rowcount == 1:
            return
        in_force = conn.execute(self._current_release_of(dataset)).scalar_one() or 0
        if based_on is not None and in_force != based_on:
            raise StaleRelease(dataset, based_on, in_force)
        if conn.execute(sa.select(kepala_rilis.c.dataset).where(kepala_rilis.c.dataset == dataset)).first() is None:
            # The dataset's first publish since the store had claims: the row is made here (a concurrent first
            # publish fails on its primary key).
            conn.execute(kepala_rilis.insert().values(dataset=dataset, rilis_id=in_force))

    @staticmethod
    def _is_claim_conflict(error: sa.exc.IntegrityError) -> bool:
        return "kepala_rilis" in str(error.orig)  # SQLite names the column, PostgreSQL the key `kepala_rilis_pkey`

    @staticmethod
    def _insert_release(conn, dataset: str, tables: Mapping[str, pd.DataFrame], by: str, file_name: str | None,
                        sha256: str | None, note: str | None) -> int:
        unknown = set(tables) - set(RELEASED_TABLES)
        if unknown:
            raise ValueError(f"unknown released tables: {sorted(unknown)}")
        release_id = conn.execute(
            rilis.insert(),
            {
                "dataset": dataset,
                "dibuat_pada": dt.datetime.now(dt.UTC),
                "oleh": by,
                "nama_berkas": file_name,
                "sha256": sha256,
                "jumlah_baris": sum(len(frame) for frame in tables.values()),
                "catatan": note,
            },
        ).inserted_primary_key[0]
        for name, frame in tables.items():
            if len(frame):
                conn.execute(RELEASED_TABLES[name].insert(), _records(frame.assign(rilis_id=release_id)))
        conn.execute(kepala_rilis.update().where(kepala_rilis.c.dataset == dataset).values(rilis_id=release_id))
        return release_id

    def latest_release_id(self) -> int:
        """The newest release of any dataset: the key every cache is built on."""
        with self.engine.connect() as conn:
            return conn.execute(sa.select(sa.func.coalesce(sa.func.max(rilis.c.id), 0))).scalar_one()

    def _current_release_ids(self) -> sa.Select:
        return sa.select(sa.func.max(rilis.c.id)).group_by(rilis.c.dataset)

    def current_releases(self) -> pd.DataFrame:
        """The release in force for each dataset."""
        query = sa.select(rilis).where(rilis.c.id.in_(self._current_release_ids())).order_by(rilis.c.id)
        return self._frame(query)

    def releases(self) -> pd.DataFrame:
        return self._frame(sa.select(rilis).order_by(rilis.c.id.desc()))

    def release(self, release_id: int) -> dict | None:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(rilis).where(rilis.c.id == release_id)).mappings().first()
        return dict(row) if row else None

    def release_tables(self, release_id: int) -> dict[str, pd.DataFrame]:
        """The rows of one release, per released table, as they were published (no row ids)."""
        tables = {}
        for name, table in RELEASED_TABLES.items():
            frame = self._frame(sa.select(table).where(table.c.rilis_id == release_id).order_by(table.c.id))
            if len(frame):
                tables[name] = frame.drop(columns=["id", "rilis_id"])
        return tables

    @staticmethod
    def _current_release_of(dataset: str) -> sa.Select:
        return sa.select(sa.func.max(rilis.c.id)).where(rilis.c.dataset == dataset)

    def current_release_id(self, dataset: str) -> int:
        """The release in force of one dataset; 0 before its first."""
        with self.engine.connect() as conn:
            return conn.execute(self._current_release_of(dataset)).scalar_one() or 0

    def current_rows(self, dataset: str, release_id: int | None = None) -> pd.DataFrame:
        """The rows of one dataset's release in force, or of `release_id` (empty, with the table's columns, before
        the first release)."""
        table = RELEASED_TABLES[DATASET_TABLES[dataset]]
        release = self._current_release_of(dataset).scalar_subquery() if release_id is None else release_id
        frame = self._frame(sa.select(table).where(table.c.rilis_id == release).order_by(table.c.id))
        return frame.drop(columns=["id", "rilis_id"])

    def current_tables(self, dataset: str) -> dict[str, pd.DataFrame]:
        """Every table of one dataset's release in force (a dataset publishing several tables, like `aksi`); empty
        before its first release."""
        release = self.current_release_id(dataset)
        return self.release_tables(release) if release else {}

    def action_audit(self) -> pd.DataFrame:
        """Every recorded change to Rencana Aksi, newest first (with the staff user: internal pages only)."""
        return self._frame(sa.select(aksi_riwayat).order_by(aksi_riwayat.c.id.desc()))

    def republish(self, release_id: int, *, by: str, note: str | None = None) -> int:
        """Roll back: publish the rows of an earlier release again, as a new release of the same dataset."""
        record = self.release(release_id)
        if record is None:
            raise ValueError(f"no release {release_id}")
        return self.publish(record["dataset"], self.release_tables(release_id), by=by,
                            file_name=record["nama_berkas"], sha256=record["sha256"], note=note)

    # --- staff login state (policy in lib.ingest.accounts) ------------------------------------

    def claim_login_attempt(self, name_key: str, now: float, forget_before: float,
                            wait_after: Callable[[int], float]) -> float:
        """Seconds the name must still wait (nothing recorded), or 0.0 with this attempt counted as its next failure
        and `wait_after(failures)` set as the wait after it; failures last made before `forget_before` are forgotten.

        A compare-and-swap, tried again when another session or process changed the row between the read and the
        write, so parallel attempts cannot all slip past a wait, on SQLite and PostgreSQL alike.
        """
        self._check_writable()
        for _ in range(CLAIM_TRIES):
            try:
                with self.engine.begin() as conn:
                    conn.execute(login_gagal.delete().where(login_gagal.c.terakhir < forget_before))
                    row = conn.execute(sa.select(login_gagal).where(login_gagal.c.nama_sha256 == name_key)).first()
                    if row is not None and row.tunggu_sampai > now:
                        return row.tunggu_sampai - now
                    failures = (row.gagal if row is not None else 0) + 1
                    claimed = {"gagal": failures, "terakhir": now, "tunggu_sampai": now + wait_after(failures)}
                    if row is None:
                        conn.execute(login_gagal.insert(), {"nama_sha256": name_key, **claimed})
                        return 0.0
                    unchanged = ((login_gagal.c.nama_sha256 == name_key) & (login_gagal.c.gagal == row.gagal)
                                 & (login_gagal.c.terakhir == row.terakhir))
                    if conn.execute(login_gagal.update().where(unchanged).values(claimed)).rowcount == 1:
                        return 0.0
            except sa.exc.IntegrityError:  # another process recorded the name's first failure meanwhile
                continue
        raise RuntimeError(f"failed logins of one name changed {CLAIM_TRIES} times while being claimed")

    def login_failures(self, name_key: str, now: float, forget_before: float) -> tuple[int, float]:
        """(failures counted since `forget_before`, seconds still to wait) for a name."""
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(login_gagal).where(
                (login_gagal.c.nama_sha256 == name_key) & (login_gagal.c.terakhir >= forget_before))).first()
        return (0, 0.0) if row is None else (row.gagal, max(0.0, row.tunggu_sampai - now))

    def forget_login_failures(self, name_key: str) -> None:
        self._check_writable()
        with self.engine.begin() as conn:
            conn.execute(login_gagal.delete().where(login_gagal.c.nama_sha256 == name_key))

    def open_staff_session(self, token_key: str, user: str, now: float, idle_before: float) -> None:
        """Record a logged-in session; sessions idle since before `idle_before` are dropped on the way."""
        self._check_writable()
        with self.engine.begin() as conn:
            conn.execute(sesi_staf.delete().where(sesi_staf.c.terakhir_aktif < idle_before))
            conn.execute(sesi_staf.insert(), {"token_sha256": token_key, "pengguna": user, "terakhir_aktif": now})

    def staff_session_user(self, token_key: str, now: float, idle_before: float) -> str | None:
        """The user of a session active since `idle_before`, marked active now; None (and the record dropped) if it
        is closed or idle longer."""
        self._check_writable()
        live = (sesi_staf.c.token_sha256 == token_key) & (sesi_staf.c.terakhir_aktif >= idle_before)
        with self.engine.begin() as conn:
            if conn.execute(sesi_staf.update().where(live).values(terakhir_aktif=now)).rowcount == 1:
                return conn.execute(sa.select(sesi_staf.c.pengguna).where(live)).scalar_one()
            conn.execute(sesi_staf.delete().where(sesi_staf.c.token_sha256 == token_key))
            return None

    def close_staff_session(self, token_key: str) -> None:
        self._check_writable()
        with self.engine.begin() as conn:
            conn.execute(sesi_staf.delete().where(sesi_staf.c.token_sha256 == token_key))

    # --- reads -------------------------------------------------------------------------------

    def _frame(self, query: sa.Select) -> pd.DataFrame:
        with self.engine.connect() as conn:
            result = conn.execute(query)
            return pd.DataFrame(result.fetchall(), columns=list(result.keys()))

    def areas(self) -> pd.DataFrame:
        return self._frame(sa.select(wilayah).order_by(wilayah.c.kode))

    def aliases(self) -> pd.DataFrame:
        return self._frame(sa.select(wilayah_alias).order_by(wilayah_alias.c.alias))

    def indicators(self) -> pd.DataFrame:
        return self._frame(sa.select(indikator).order_by(indikator.c.id))

    def programmes(self) -> pd.DataFrame:
        return self._frame(sa.select(program).order_by(program.c.id))

    def method_breaks(self) -> pd.DataFrame:
        return self._frame(sa.select(perubahan_metode).order_by(perubahan_metode.c.indikator, perubahan_metode.c.tahun))

    def published_counts(self) -> pd.DataFrame:
        """Counts published without deciles (current release), e.g. PKH families per kecamatan in 2021."""
        query = sa.select(penerima).where(penerima.c.rilis_id.in_(self._current_release_ids()))
        return self._frame(query.order_by(penerima.c.tahun, penerima.c.kode_wilayah, penerima.c.program))

    def values(
        self, indicators: Iterable[str] | None = None, area_codes: Iterable[str] | None = None
    ) -> pd.DataFrame:
        """Published observations (current releases only), optionally for some indicators and areas."""
        query = sa.select(nilai).where(nilai.c.rilis_id.in_(self._current_release_ids()))
        if indicators is not None:
            query = query.where(nilai.c.indikator.in_(list(indicators)))
        if area_codes is not None:
            query = query.where(nilai.c.kode_wilayah.in_(list(area_codes)))
        return self._frame(query.order_by(nilai.c.indikator, nilai.c.kode_wilayah, nilai.c.tahun, nilai.c.bulan))

    def targets(self, indicators: Iterable[str] | None = None) -> pd.DataFrame:
        query = sa.select(target).where(target.c.rilis_id.in_(self._current_release_ids()))
        if indicators is not None:
            query = query.where(target.c.indikator.in_(list(indicators)))
        return self._frame(query.order_by(target.c.indikator, target.c.kode_wilayah, target.c.tahun))

    def programme_rows(self, years: Iterable[int] | None = None) -> pd.DataFrame:
        """Programme aggregates per desa, year, programme and welfare decile (current release)."""
        query = sa.select(program_desil).where(program_desil.c.rilis_id.in_(self._current_release_ids()))
        if years is not None:
            query = query.where(program_desil.c.tahun.in_(list(years)))
        return self._frame(query)
