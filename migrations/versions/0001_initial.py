"""The store as of issue 17: registries, releases, released tables, Rencana Aksi, login state.

The schema the app used to create itself, as the first revision; stores made before migrations are completed and
stamped with it (lib.core.migrate).

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-29 03:12:46.125084
"""

import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    publish_turn = op.create_table('giliran_terbit',
    sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('terbitan', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.bulk_insert(publish_turn, [{'id': 1, 'terbitan': 0}])  # the one row every publish updates first
    op.create_table('indikator',
    sa.Column('id', sa.String(length=60), nullable=False),
    sa.Column('label_id', sa.String(length=120), nullable=False),
    sa.Column('label_en', sa.String(length=120), nullable=False),
    sa.Column('satuan', sa.String(length=30), nullable=False),
    sa.Column('desimal', sa.Integer(), nullable=False),
    sa.Column('lebih_rendah_lebih_baik', sa.Boolean(), nullable=True),
    sa.Column('bulan_acuan', sa.Integer(), nullable=True),
    sa.Column('definisi_id', sa.Text(), nullable=False),
    sa.Column('definisi_en', sa.Text(), nullable=False),
    sa.Column('sumber', sa.Text(), nullable=False),
    sa.Column('tingkat', sa.String(length=20), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('kepala_rilis',
    sa.Column('dataset', sa.String(length=40), nullable=False),
    sa.Column('rilis_id', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('dataset')
    )
    op.create_table('login_gagal',
    sa.Column('nama_sha256', sa.String(length=64), nullable=False),
    sa.Column('gagal', sa.Integer(), nullable=False),
    sa.Column('terakhir', sa.Float(), nullable=False),
    sa.Column('tunggu_sampai', sa.Float(), nullable=False),
    sa.PrimaryKeyConstraint('nama_sha256')
    )
    op.create_table('pemetaan_kolom',
    sa.Column('bentuk', sa.String(length=64), nullable=False),
    sa.Column('jenis', sa.String(length=30), nullable=False),
    sa.Column('pemetaan', sa.Text(), nullable=False),
    sa.Column('oleh', sa.String(length=120), nullable=False),
    sa.Column('diubah_pada', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('bentuk')
    )
    op.create_table('program',
    sa.Column('id', sa.String(length=30), nullable=False),
    sa.Column('nama_id', sa.String(length=120), nullable=False),
    sa.Column('nama_en', sa.String(length=120), nullable=False),
    sa.Column('satuan', sa.String(length=20), nullable=False),
    sa.Column('desil_layak_min', sa.Integer(), nullable=False),
    sa.Column('desil_layak_max', sa.Integer(), nullable=False),
    sa.Column('dasar_kelayakan', sa.Text(), nullable=False),
    sa.Column('pelaksana', sa.String(length=120), nullable=False),
    sa.Column('keterangan_id', sa.Text(), nullable=False),
    sa.Column('keterangan_en', sa.Text(), nullable=False),
    sa.Column('ejaan', sa.Text(), server_default='', nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('rahasia',
    sa.Column('nama', sa.String(length=40), nullable=False),
    sa.Column('nilai', sa.LargeBinary(), nullable=False),
    sa.PrimaryKeyConstraint('nama')
    )
    op.create_table('rilis',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('dataset', sa.String(length=40), nullable=False),
    sa.Column('dibuat_pada', sa.DateTime(timezone=True), nullable=False),
    sa.Column('oleh', sa.String(length=120), nullable=False),
    sa.Column('nama_berkas', sa.String(length=255), nullable=True),
    sa.Column('sha256', sa.String(length=64), nullable=True),
    sa.Column('jumlah_baris', sa.Integer(), nullable=False),
    sa.Column('catatan', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('rilis', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rilis_dataset'), ['dataset'], unique=False)

    op.create_table('sesi_staf',
    sa.Column('token_sha256', sa.String(length=64), nullable=False),
    sa.Column('pengguna', sa.String(length=120), nullable=False),
    sa.Column('terakhir_aktif', sa.Float(), nullable=False),
    sa.PrimaryKeyConstraint('token_sha256')
    )
    op.create_table('wilayah',
    sa.Column('kode', sa.String(length=20), nullable=False),
    sa.Column('nama', sa.String(length=120), nullable=False),
    sa.Column('level', sa.String(length=20), nullable=False),
    sa.Column('induk', sa.String(length=20), nullable=True),
    sa.PrimaryKeyConstraint('kode')
    )
    op.create_table('aksi',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('rilis_id', sa.Integer(), nullable=False),
    sa.Column('kode', sa.String(length=40), nullable=False),
    sa.Column('rakor', sa.String(length=40), nullable=True),
    sa.Column('judul', sa.Text(), nullable=False),
    sa.Column('masalah', sa.Text(), nullable=False),
    sa.Column('ukuran', sa.String(length=40), nullable=True),
    sa.Column('program', sa.String(length=30), nullable=True),
    sa.Column('pelaksana', sa.String(length=200), nullable=False),
    sa.Column('jenis_pelaksana', sa.String(length=30), nullable=False),
    sa.Column('mitra', sa.Text(), nullable=True),
    sa.Column('wilayah', sa.Text(), nullable=False),
    sa.Column('indikator', sa.String(length=60), nullable=True),
    sa.Column('nilai_target', sa.Float(), nullable=True),
    sa.Column('mulai', sa.Date(), nullable=False),
    sa.Column('tenggat', sa.Date(), nullable=False),
    sa.Column('anggaran_rp', sa.BigInteger(), nullable=True),
    sa.Column('sumber_dana', sa.String(length=30), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.ForeignKeyConstraint(['rilis_id'], ['rilis.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('aksi', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_aksi_rilis_id'), ['rilis_id'], unique=False)

    op.create_table('aksi_riwayat',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('rilis_id', sa.Integer(), nullable=False),
    sa.Column('tabel', sa.String(length=20), nullable=False),
    sa.Column('kode', sa.String(length=40), nullable=False),
    sa.Column('perubahan', sa.Text(), nullable=False),
    sa.Column('oleh', sa.String(length=120), nullable=False),
    sa.Column('diubah_pada', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['rilis_id'], ['rilis.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('aksi_riwayat', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_aksi_riwayat_rilis_id'), ['rilis_id'], unique=False)

    op.create_table('indikator_riwayat',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('indikator', sa.String(length=60), nullable=False),
    sa.Column('diubah_pada', sa.DateTime(timezone=True), nullable=False),
    sa.Column('oleh', sa.String(length=120), nullable=False),
    sa.Column('perubahan', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['indikator'], ['indikator.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('indikator_riwayat', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_indikator_riwayat_indikator'), ['indikator'], unique=False)

    op.create_table('kemajuan',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('rilis_id', sa.Integer(), nullable=False),
    sa.Column('aksi', sa.String(length=40), nullable=False),
    sa.Column('tanggal', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('uraian', sa.Text(), nullable=False),
    sa.Column('bukti', sa.Text(), nullable=True),
    sa.Column('pelapor', sa.String(length=200), nullable=False),
    sa.Column('status_data', sa.String(length=20), nullable=False),
    sa.ForeignKeyConstraint(['rilis_id'], ['rilis.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('kemajuan', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_kemajuan_rilis_id'), ['rilis_id'], unique=False)

    op.create_table('nilai',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('rilis_id', sa.Integer(), nullable=False),
    sa.Column('kode_wilayah', sa.String(length=20), nullable=False),
    sa.Column('indikator', sa.String(length=60), nullable=False),
    sa.Column('tahun', sa.Integer(), nullable=False),
    sa.Column('bulan', sa.Integer(), nullable=True),
    sa.Column('nilai', sa.Float(), nullable=False),
    sa.Column('sumber', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('catatan', sa.Text(), nullable=True),
    sa.Column('sumber_lain', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['indikator'], ['indikator.id'], ),
    sa.ForeignKeyConstraint(['kode_wilayah'], ['wilayah.kode'], ),
    sa.ForeignKeyConstraint(['rilis_id'], ['rilis.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('nilai', schema=None) as batch_op:
        batch_op.create_index('ix_nilai_indikator_wilayah', ['indikator', 'kode_wilayah'], unique=False)
        batch_op.create_index(batch_op.f('ix_nilai_rilis_id'), ['rilis_id'], unique=False)

    op.create_table('penerima',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('rilis_id', sa.Integer(), nullable=False),
    sa.Column('kode_wilayah', sa.String(length=20), nullable=False),
    sa.Column('tahun', sa.Integer(), nullable=False),
    sa.Column('program', sa.String(length=30), nullable=True),
    sa.Column('nama_program', sa.String(length=120), nullable=False),
    sa.Column('ukuran', sa.String(length=60), nullable=False),
    sa.Column('nilai', sa.Float(), nullable=False),
    sa.Column('satuan', sa.String(length=20), nullable=False),
    sa.Column('sumber', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('catatan', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['kode_wilayah'], ['wilayah.kode'], ),
    sa.ForeignKeyConstraint(['program'], ['program.id'], ),
    sa.ForeignKeyConstraint(['rilis_id'], ['rilis.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('penerima', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_penerima_rilis_id'), ['rilis_id'], unique=False)

    op.create_table('perubahan_metode',
    sa.Column('indikator', sa.String(length=60), nullable=False),
    sa.Column('tahun', sa.Integer(), nullable=False),
    sa.Column('keterangan_id', sa.Text(), nullable=False),
    sa.Column('keterangan_en', sa.Text(), nullable=False),
    sa.Column('sumber', sa.Text(), nullable=False),
    sa.Column('jenis', sa.String(length=20), nullable=False),
    sa.ForeignKeyConstraint(['indikator'], ['indikator.id'], ),
    sa.PrimaryKeyConstraint('indikator', 'tahun')
    )
    op.create_table('program_desil',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('rilis_id', sa.Integer(), nullable=False),
    sa.Column('kode_wilayah', sa.String(length=20), nullable=False),
    sa.Column('tahun', sa.Integer(), nullable=False),
    sa.Column('program', sa.String(length=30), nullable=False),
    sa.Column('desil', sa.Integer(), nullable=False),
    sa.Column('rumah_tangga', sa.Integer(), nullable=False),
    sa.Column('penerima', sa.Integer(), nullable=False),
    sa.Column('anggaran_rp', sa.BigInteger(), nullable=True),
    sa.Column('realisasi_rp', sa.BigInteger(), nullable=True),
    sa.Column('pelaksana', sa.String(length=120), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('sumber', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['kode_wilayah'], ['wilayah.kode'], ),
    sa.ForeignKeyConstraint(['program'], ['program.id'], ),
    sa.ForeignKeyConstraint(['rilis_id'], ['rilis.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('program_desil', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_program_desil_rilis_id'), ['rilis_id'], unique=False)
        batch_op.create_index('ix_program_desil_tahun_program', ['tahun', 'program'], unique=False)

    op.create_table('rakor',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('rilis_id', sa.Integer(), nullable=False),
    sa.Column('kode', sa.String(length=40), nullable=False),
    sa.Column('tanggal', sa.Date(), nullable=False),
    sa.Column('tempat', sa.String(length=200), nullable=False),
    sa.Column('pimpinan', sa.String(length=200), nullable=False),
    sa.Column('agenda', sa.Text(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.ForeignKeyConstraint(['rilis_id'], ['rilis.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('rakor', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rakor_rilis_id'), ['rilis_id'], unique=False)

    op.create_table('target',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('rilis_id', sa.Integer(), nullable=False),
    sa.Column('kode_wilayah', sa.String(length=20), nullable=False),
    sa.Column('indikator', sa.String(length=60), nullable=False),
    sa.Column('tahun', sa.Integer(), nullable=False),
    sa.Column('nilai_bawah', sa.Float(), nullable=False),
    sa.Column('nilai_atas', sa.Float(), nullable=False),
    sa.Column('dokumen', sa.String(length=200), nullable=False),
    sa.Column('sumber', sa.Text(), nullable=False),
    sa.Column('catatan', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['indikator'], ['indikator.id'], ),
    sa.ForeignKeyConstraint(['kode_wilayah'], ['wilayah.kode'], ),
    sa.ForeignKeyConstraint(['rilis_id'], ['rilis.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('target', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_target_rilis_id'), ['rilis_id'], unique=False)

    op.create_table('wilayah_alias',
    sa.Column('alias', sa.String(length=120), nullable=False),
    sa.Column('kode', sa.String(length=20), nullable=False),
    sa.Column('catatan', sa.Text(), nullable=True),
    sa.Column('oleh', sa.String(length=120), nullable=True),
    sa.Column('dibuat_pada', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['kode'], ['wilayah.kode'], ),
    sa.PrimaryKeyConstraint('alias')
    )


def downgrade() -> None:
    op.drop_table('wilayah_alias')
    with op.batch_alter_table('target', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_target_rilis_id'))

    op.drop_table('target')
    with op.batch_alter_table('rakor', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_rakor_rilis_id'))

    op.drop_table('rakor')
    with op.batch_alter_table('program_desil', schema=None) as batch_op:
        batch_op.drop_index('ix_program_desil_tahun_program')
        batch_op.drop_index(batch_op.f('ix_program_desil_rilis_id'))

    op.drop_table('program_desil')
    op.drop_table('perubahan_metode')
    with op.batch_alter_table('penerima', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_penerima_rilis_id'))

    op.drop_table('penerima')
    with op.batch_alter_table('nilai', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_nilai_rilis_id'))
        batch_op.drop_index('ix_nilai_indikator_wilayah')

    op.drop_table('nilai')
    with op.batch_alter_table('kemajuan', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_kemajuan_rilis_id'))

    op.drop_table('kemajuan')
    with op.batch_alter_table('indikator_riwayat', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_indikator_riwayat_indikator'))

    op.drop_table('indikator_riwayat')
    with op.batch_alter_table('aksi_riwayat', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_aksi_riwayat_rilis_id'))

    op.drop_table('aksi_riwayat')
    with op.batch_alter_table('aksi', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_aksi_rilis_id'))

    op.drop_table('aksi')
    op.drop_table('wilayah')
    op.drop_table('sesi_staf')
    with op.batch_alter_table('rilis', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_rilis_dataset'))

    op.drop_table('rilis')
    op.drop_table('rahasia')
    op.drop_table('program')
    op.drop_table('pemetaan_kolom')
    op.drop_table('login_gagal')
    op.drop_table('kepala_rilis')
    op.drop_table('indikator')
    op.drop_table('giliran_terbit')
