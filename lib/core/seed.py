"""Build the store from the shipped files in data/ on first start.

The shipped published figures and the demo dataset go in through `Store.publish`, the same path staff
uploads take, so they appear in the release history like any other publish.

The internal server builds its store on start; the public server only reads, so its store is built before it
starts: `python -m lib.core.seed` (`make store`, run by `make run-public`) builds or updates the store of
`DASBOR_DB_URL`.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from lib.core import actions, migrate, provenance, settings
from lib.core.settings import DATA_DIR
from lib.core.store import (
    DATASET_TABLES,
    TABLE_DATASETS,
    Store,
    create_store_engine,
    indikator,
    perubahan_metode,
    program,
    sha256_of,
    wilayah,
    wilayah_alias,
)
from lib.core.wilayah import areas_from_geojson, normalise_name

SYSTEM_USER = "sistem (data bawaan)"
DEMO_SOURCE = "DATA CONTOH — bukan data resmi (dibuat untuk peragaan dasbor)"

BOUNDARY_FILES = {
    "kabupaten": "geo/kaltim_kabupaten.geojson",
    "kecamatan": "geo/kutim_kecamatan.geojson",
    "desa": "geo/kutim_desa.geojson",
}


def read_reference_values(path: Path, others_path: Path) -> pd.DataFrame:
    """`reference/indikator_makro.csv` as rows of the `nilai` table, each with its provenance kind (`jenis`) and
    the other reports of the same observation from `reference/indikator_sumber_lain.csv` (`sumber_lain`)."""
    raw = pd.read_csv(path, dtype={"kode_wilayah": str, "bulan": "Int64"})
    others = pd.read_csv(others_path, dtype={"kode_wilayah": str, "bulan": "Int64"})
    key = ["kode_wilayah", "indikator", "tahun", "bulan"]
    unknown = others.merge(raw[key], on=key, how="left", indicator=True).query("_merge == 'left_only'")
    if len(unknown):
        raise ValueError(f"{others_path.name}: reports of observations {path.name} does not hold: "
                         f"{unknown[key].to_dict(orient='records')}")
    reports = {
        tuple(None if pd.isna(part) else part for part in group_key): provenance.reports_json(
            provenance.Report(float(r.nilai), str(r.sumber), str(r.jenis), None if pd.isna(r.catatan) else str(r.catatan))
            for r in group.itertuples())
        for group_key, group in others.groupby(key, dropna=False, sort=False)
    }
    return pd.DataFrame(
        {
            "kode_wilayah": raw["kode_wilayah"],
            "indikator": raw["indikator"],
            "tahun": raw["tahun"].astype(int),
            "bulan": raw["bulan"],
            "nilai": raw["nilai"].astype(float),
            "sumber": raw["sumber"],
            "status": raw["jenis"],
            "catatan": raw["catatan"],
            "sumber_lain": [reports.get(tuple(None if pd.isna(part) else part for part in row))
                            for row in raw[key].itertuples(index=False)],
        }
    )


def read_published_counts(path: Path) -> pd.DataFrame:
    """`reference/program_fakta.csv` as rows of the `penerima` table: counts at the level they were published."""
    raw = pd.read_csv(path, dtype={"kode_wilayah": str, "program_id": str})
    return pd.DataFrame(
        {
            "kode_wilayah": raw["kode_wilayah"],
            "tahun": raw["tahun"].astype(int),
            "program": raw["program_id"].where(raw["program_id"].notna(), None),
            "nama_program": raw["program"],
            "ukuran": raw["ukuran"],
            "nilai": raw["nilai"].astype(float),
            "satuan": raw["satuan"],
            "sumber": raw["sumber"],
            "status": raw["jenis"],
            "catatan": raw["catatan"],
        }
    )


def read_reference_targets(path: Path) -> pd.DataFrame:
    raw = pd.read_csv(path, dtype={"kode_wilayah": str})
    columns = ["kode_wilayah", "indikator", "tahun", "nilai_bawah", "nilai_atas", "dokumen", "sumber", "catatan"]
    return raw[columns]


def read_demo_population(path: Path) -> pd.DataFrame:
    """Demo desa population and households as `nilai` rows (status `contoh`)."""
    raw = pd.read_csv(path, dtype={"kode_wilayah": str})
    long = raw.melt(
        id_vars=["kode_wilayah", "tahun", "status", "sumber"],
        value_vars=["penduduk", "rumah_tangga"],
        var_name="ukuran",
        value_name="nilai",
    )
    return pd.DataFrame(
        {
            "kode_wilayah": long["kode_wilayah"],
            "indikator": long["ukuran"].map({"penduduk": "jumlah_penduduk", "rumah_tangga": "jumlah_rumah_tangga"}),
            "tahun": long["tahun"].astype(int),
            "bulan": pd.NA,
            "nilai": long["nilai"].astype(float),
            "sumber": long["sumber"],
            "status": long["status"],
            "catatan": None,
            "sumber_lain": None,
        }
    )


def read_programmes(data_dir: Path) -> pd.DataFrame:
    """`program.csv` as rows of the `program` table; a programme without other spellings has an empty `ejaan`."""
    return pd.read_csv(data_dir / "program.csv").fillna({"ejaan": ""})


def read_demo_programmes(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype={"kode_wilayah": str, "anggaran_rp": "Int64", "realisasi_rp": "Int64"})


# Dataset names of stores built before there was one dataset per table; their rows move, their history stays.
LEGACY_DATASETS = {"indikator_resmi": "nilai", "contoh_desa": None}  # contoh_desa held nilai and program_desil rows


def migrate_legacy_datasets(store: Store) -> None:
    """Republish what an older store's legacy datasets hold in force under today's datasets, in one transaction,
    and retire the legacy names with an empty release, so no figure shows twice and none is lost."""
    current = store.current_releases()
    legacy = current[current["dataset"].isin(list(LEGACY_DATASETS))]
    if legacy.empty or (legacy["jumlah_baris"] == 0).all():
        return
    moved: dict[str, list[pd.DataFrame]] = {}
    for release_id in legacy["id"]:
        for table, rows in store.release_tables(int(release_id)).items():
            moved.setdefault(TABLE_DATASETS[table], [store.current_rows(TABLE_DATASETS[table])]).append(rows)
    releases = {dataset: {DATASET_TABLES[dataset]: pd.concat(parts, ignore_index=True)} for dataset, parts in moved.items()}
    releases |= {dataset: {} for dataset in legacy["dataset"]}
    store.publish_together(releases, by=SYSTEM_USER, note="Dipindahkan dari dataset lama "
                           + ", ".join(f"{d} (rilis {i})" for d, i in zip(legacy["dataset"], legacy["id"])))


def add_programme_spellings(store: Store, data_dir: Path) -> None:
    """A store built before programme spellings were data has an empty `program.ejaan` (the migration adds the
    column): fill it from data/program.csv, so its uploads recognise the programmes as written before (`bpnt`)."""
    registry = store.programmes()
    if len(registry) and (registry["ejaan"] == "").all():
        store.update_registry(program, read_programmes(data_dir))


VALUES_FILE = "reference/indikator_makro.csv"
OTHER_REPORTS_FILE = "reference/indikator_sumber_lain.csv"
METHOD_BREAKS_FILE = "reference/perubahan_metode.csv"
PUBLISHED_COUNTS_FILE = "reference/program_fakta.csv"


def reference_values(data_dir: Path) -> pd.DataFrame:
    return read_reference_values(data_dir / VALUES_FILE, data_dir / OTHER_REPORTS_FILE)


def read_method_breaks(data_dir: Path) -> pd.DataFrame:
    return pd.read_csv(data_dir / METHOD_BREAKS_FILE)


def publish_published_counts(store: Store, data_dir: Path) -> None:
    path = data_dir / PUBLISHED_COUNTS_FILE
    store.publish("penerima", {"penerima": read_published_counts(path)}, by=SYSTEM_USER,
                  file_name=PUBLISHED_COUNTS_FILE, sha256=sha256_of(path),
                  note="Jumlah penerima dan keluarga yang dipublikasikan, pada tingkat wilayah publikasinya.")


ACTION_FILES = ("demo/aksi_rakor.csv", "demo/aksi_langkah.csv", "demo/aksi_kemajuan.csv")


def read_demo_actions(data_dir: Path) -> actions.ActionTables:
    """The shipped demo rakor, steps and progress reports (`data/demo/aksi_*.csv`), all marked demo."""
    rakor, steps, progress = (pd.read_csv(data_dir / name, dtype=str, keep_default_na=False) for name in ACTION_FILES)
    steps = steps.replace("", None).assign(nilai_target=pd.to_numeric(steps["nilai_target"]).astype(object),
                                           anggaran_rp=pd.to_numeric(steps["anggaran_rp"]).astype("Int64"))
    return actions.demo_tables(rakor.replace("", None), steps, progress.replace("", None))


def publish_demo_actions(store: Store, data_dir: Path) -> None:
    store.publish(actions.DATASET, read_demo_actions(data_dir).as_release(), by=SYSTEM_USER,
                  file_name=", ".join(ACTION_FILES), note=f"Rencana Aksi: {DEMO_SOURCE}")


def classify_legacy_values(current: pd.DataFrame, reference: pd.DataFrame) -> pd.DataFrame:
    """The `nilai` rows of a store made before provenance kinds, each with its kind.

    Rows marked `resmi` were the shipped reference figures or staff uploads. A row with a reference key that
    still holds the shipped value or cites a source the reference data cites is replaced by today's reference
    row (its kind, corrected value and other reports); every other `resmi` row was uploaded by staff (`data_opd`).
    """
    key = ["kode_wilayah", "indikator", "tahun", "bulan"]
    legacy = current["status"] == provenance.LEGACY_PUBLISHED
    cited = set(reference["sumber"]) | {report.source for cell in reference["sumber_lain"]
                                         for report in provenance.other_reports(cell)}
    matched = current[legacy].reset_index().merge(reference[key + ["nilai"]].rename(columns={"nilai": "_shipped"}),
                                                  on=key, how="inner")
    shipped = matched.loc[matched["sumber"].isin(cited) | (matched["nilai"] - matched["_shipped"]).abs().lt(1e-9),
                          "index"]
    uploaded = current.index[legacy & ~current.index.isin(shipped)]
    kept = current.drop(index=shipped)
    kept.loc[kept.index.isin(uploaded), "status"] = provenance.AGENCY
    replacements = reference.merge(current.loc[shipped, key], on=key, how="inner")
    return pd.concat([kept, replacements], ignore_index=True)[list(reference.columns)]


def bring_up_to_date(store: Store, data_dir: Path) -> None:
    """What a store built by older code lacks: method breaks, published counts, provenance kinds, Rencana Aksi."""
    if store.method_breaks().empty:
        store.replace_registry(perubahan_metode, read_method_breaks(data_dir))
    if store.current_release_id("penerima") == 0:
        publish_published_counts(store, data_dir)
    if store.current_release_id(actions.DATASET) == 0:
        publish_demo_actions(store, data_dir)
    current = store.current_rows("nilai")
    if (current["status"] == provenance.LEGACY_PUBLISHED).any():
        store.update_registry(indikator, pd.read_csv(data_dir / "indikator.csv", dtype={"id": str}))
        rows = classify_legacy_values(current, reference_values(data_dir))
        store.publish("nilai", {"nilai": rows}, by=SYSTEM_USER, file_name=VALUES_FILE,
                      sha256=sha256_of(data_dir / VALUES_FILE),
                      note="Jenis sumber per angka (rilis BPS, via media, pernyataan, estimasi, data OPD); angka "
                           "rujukan diperbaiki dan sumber lain dicatat.")


def build(store: Store, data_dir: Path = DATA_DIR) -> None:
    """Bring the schema to the newest revision (`lib.core.migrate`) and, when the store has no release yet, load
    registries and shipped data."""
    migrate.upgrade(store.engine)
    store.ensure_disclosure_key()
    add_programme_spellings(store, data_dir)
    if not store.is_empty():
        migrate_legacy_datasets(store)
        bring_up_to_date(store, data_dir)
        return
    areas = areas_from_geojson({level: data_dir / name for level, name in BOUNDARY_FILES.items()})
    store.replace_registry(wilayah, areas)
    aliases = pd.read_csv(data_dir / "wilayah_alias.csv", dtype=str)
    store.replace_registry(wilayah_alias, aliases.assign(alias=aliases["alias"].map(normalise_name)))
    store.replace_registry(indikator, pd.read_csv(data_dir / "indikator.csv", dtype={"id": str}))
    store.replace_registry(perubahan_metode, read_method_breaks(data_dir))
    store.replace_registry(program, read_programmes(data_dir))

    population_path = data_dir / "demo" / "penduduk_desa.csv"
    programmes_path = data_dir / "demo" / "program_desa.csv"
    targets_path = data_dir / "reference" / "target.csv"
    # One dataset per table, so a staff upload of indicator values or programme figures has one release to
    # update; each row carries its provenance kind (lib.core.provenance), demo rows `contoh`.
    store.publish(
        "nilai",
        {"nilai": pd.concat([reference_values(data_dir), read_demo_population(population_path)], ignore_index=True)},
        by=SYSTEM_USER,
        file_name=f"{VALUES_FILE} + demo/penduduk_desa.csv",
        sha256=sha256_of(data_dir / VALUES_FILE),
        note="Angka yang dipublikasikan, dengan sumber dan jenis sumber per baris; penduduk dan rumah tangga desa: "
             + DEMO_SOURCE,
    )
    store.publish(
        "target",
        {"target": read_reference_targets(targets_path)},
        by=SYSTEM_USER,
        file_name="reference/target.csv",
        sha256=sha256_of(targets_path),
        note="Target yang dipublikasikan (RPJMN, RKP, pernyataan Bappeda Kutim).",
    )
    store.publish(
        "program",
        {"program_desil": read_demo_programmes(programmes_path)},
        by=SYSTEM_USER,
        file_name="demo/program_desa.csv",
        sha256=sha256_of(programmes_path),
        note=DEMO_SOURCE,
    )
    publish_published_counts(store, data_dir)
    publish_demo_actions(store, data_dir)


def main() -> None:
    """Build or update the store of `DASBOR_DB_URL`, as the internal server does on start."""
    engine = create_store_engine(settings.db_url())
    try:
        build(Store(engine))
    finally:
        engine.dispose()
    print(f"Basis data siap: {engine.url.render_as_string(hide_password=True)}")


if __name__ == "__main__":
    main()
