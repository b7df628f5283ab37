"""Kelola Data: staff log in, upload a file, fix what it reports, preview the change, publish; history and rollback.

Registered only in the internal mode (app.py). Nothing here is cached: an upload may hold personal data.
"""

import streamlit as st

from lib.content import kelola
from lib.core import fmt, settings
from lib.core.store import StaleRelease
from lib.core.wilayah import AreaRegistry, normalise_name
from lib.ingest import problems, publishing, rules
from lib.render import exports
from lib.ui import hardening, loaders, login

SHOWN_PROBLEMS = 200
# Numbers in the reader's own notation (8,07 on an Indonesian browser); years without a thousands separator.
NUMBERS = {"Sebelum": st.column_config.NumberColumn(format="localized"),
           "Sesudah": st.column_config.NumberColumn(format="localized"),
           "Selisih": st.column_config.NumberColumn(format="localized"),
           "Tahun": st.column_config.NumberColumn(format="%d")}
UPLOAD_KIND_LABELS = {
    "indikator": "Nilai indikator per wilayah dan tahun",
    "program": "Program per desa, tahun dan desil (agregat)",
    "rumah_tangga": "Daftar rumah tangga (NIK/nama tidak disimpan)",
}
MODE_LABELS = {
    "perbarui": "Perbarui: tambah baris baru dan ganti baris dengan kunci yang sama",
    "ganti": "Ganti: baris lama yang dicakup berkas (indikator/program × tahun) tetapi tidak ada di berkas dihapus",
}

st.title("Kelola Data")
if settings.is_public():  # app.py never registers this page in the public mode; this covers any other way in
    st.error("Kelola Data tidak tersedia pada versi publik.")
    st.stop()


def context(registry: AreaRegistry) -> rules.Context:
    return rules.Context(registry, loaders.indicators(), loaders.programme_registry())


def indicator_labels() -> dict[str, str]:
    return {indicator.id: indicator.label_id for indicator in loaders.indicators().values()}


def fresh_registry() -> AreaRegistry:
    # Aliases saved a moment ago are not a release, so the cached registry would not know them yet.
    store = loaders.store()
    return AreaRegistry(store.areas(), store.aliases())


def confirm_aliases(prepared: rules.Prepared, user: str, registry: AreaRegistry) -> None:
    st.subheader("Nama wilayah tak dikenal")
    st.caption("Pilih wilayah yang dimaksud; ejaan itu disimpan sebagai alias dan dikenali pada unggahan berikutnya.")
    for index, area in enumerate(prepared.unknown_areas):
        columns = st.columns([2, 3, 1], vertical_alignment="bottom")
        columns[0].markdown(f"**{fmt.markdown_text(area.written)}** (kolom {fmt.markdown_text(area.column)}, "
                            f"{len(area.rows)} baris)")
        options = [code for code, _name, _score in area.suggestions]
        chosen = columns[1].selectbox("Maksudnya", options, format_func=lambda code: rules.area_label(registry, code),
                                      key=f"alias-{index}",
                                      index=None, placeholder="Pilih wilayah…")
        if columns[2].button("Simpan alias", key=f"alias-save-{index}", disabled=chosen is None):
            loaders.store().add_alias(normalise_name(area.written), chosen, note=f"dikonfirmasi oleh {user}")
            st.rerun()


def refuse(found: list[problems.Problem] | tuple[problems.Problem, ...]) -> None:
    st.error(f"Berkas ditolak: {len(found)} masalah. Tidak ada data yang berubah; perbaiki lalu unggah lagi.",
             icon=":material/error:")
    table = problems.as_table(found)
    # A static table wraps the long "what is wrong" and "how to fix" texts; a data grid would cut them off.
    # st.table reads cells as Markdown, and they quote the file: escaped, so they show as written.
    st.table(table.head(SHOWN_PROBLEMS).astype("string").fillna("").map(fmt.markdown_text).set_index("Baris"))
    if len(table) > SHOWN_PROBLEMS:
        st.caption(f"{SHOWN_PROBLEMS} masalah pertama ditampilkan; daftar lengkap ada di unduhan CSV.")
    st.download_button("Unduh daftar masalah (CSV)", exports.to_csv_bytes(table), file_name="masalah_unggahan.csv",
                       mime="text/csv", icon=":material/download:")


def preview_and_publish(prepared: rules.Prepared, mode: str, user: str, registry: AreaRegistry) -> None:
    kind, store = prepared.kind, loaders.store()
    based_on = store.current_release_id(kind.dataset)
    # What this preview shows; a publish is refused if the staff member last saw a preview of something else.
    shown = (prepared.sha256, mode, based_on)
    seen = st.session_state.get("kelola_preview_shown")
    st.session_state["kelola_preview_shown"] = shown
    current = store.current_rows(kind.dataset, based_on)
    conflicts = publishing.period_conflicts(kind, current, prepared.rows)
    if conflicts:
        refuse(conflicts)
        return
    after = publishing.next_release(kind, current, prepared.rows, mode, registry)
    change = publishing.difference(kind, current, after)
    names, labels = registry.areas["nama"].to_dict(), indicator_labels()
    if prepared.households is not None:
        st.info(f"{fmt.number(prepared.households)} rumah tangga dihitung menjadi {fmt.number(len(prepared.rows))} baris "
                "agregat (desa × desil × program). Kolom pribadi tidak disimpan.")
    st.subheader("Pratinjau perubahan")
    cells = st.columns(4)
    cells[0].metric("Baris ditambah", fmt.number(len(change.added)))
    cells[1].metric("Baris diubah", fmt.number(len(change.changed)))
    cells[2].metric("Baris dihapus", fmt.number(len(change.removed)))
    cells[3].metric("Baris tetap", fmt.number(change.unchanged))
    if not change.changed.empty:
        st.markdown("**Perubahan terbesar**")
        st.dataframe(kelola.changes_table(change, names, labels), hide_index=True, column_config=NUMBERS)
    for label, rows in (("Baris ditambah", change.added), ("Baris dihapus", change.removed)):
        if not rows.empty:
            with st.expander(f"{label} ({len(rows)})"):
                st.dataframe(kelola.rows_table(rows, kind, names, labels), hide_index=True)
    if change.empty:
        st.info("Berkas ini tidak mengubah apa pun dari data yang berlaku.")
        return
    with st.form("publish"):
        note = st.text_area("Catatan rilis", placeholder="Misalnya: data PKH tahap II 2025 dari Dinas Sosial")
        if not st.form_submit_button("Terbitkan", type="primary", icon=":material/publish:"):
            return
    try:
        if seen != shown:
            raise StaleRelease(kind.dataset, based_on, based_on)
        release = store.publish(kind.dataset, {kelola.DATASET_TABLES[kind.dataset]: after}, by=user,
                                file_name=prepared.file_name, sha256=prepared.sha256, note=note or None,
                                based_on=based_on)
    except StaleRelease:
        st.warning("Data ini baru saja diterbitkan ulang oleh orang lain, jadi belum ada yang diterbitkan. Pratinjau "
                   "di atas sudah dihitung dari data terbaru: periksa, lalu klik Terbitkan lagi.", icon=":material/sync:")
        return
    st.session_state["kelola_published"] = release
    st.session_state["kelola_upload_round"] = st.session_state.get("kelola_upload_round", 0) + 1
    st.rerun()


def checked(kind: rules.UploadKind, uploaded, options: rules.Options, registry: AreaRegistry) -> rules.Prepared:
    """The file checked once for what decides the result, not again on every rerun (typing a note, publishing):
    a 50,000-row Excel list takes about 12 s (bench/bench_ingest.py). Kept in this session only, and a
    prepared household list holds counts, never the personal columns."""
    inputs = (kind.key, uploaded.file_id, options, loaders.release_id(), registry.aliases)
    last = st.session_state.get("kelola_checked")
    if last is None or last[0] != inputs:
        with st.spinner("Memeriksa berkas…"):
            last = (inputs, rules.prepare(kind, uploaded.getvalue(), uploaded.name, context(registry), options))
        st.session_state["kelola_checked"] = last
    return last[1]


def upload_tab(user: str) -> None:
    if "kelola_published" in st.session_state:
        st.success(f"Rilis {st.session_state.pop('kelola_published')} diterbitkan. Semua dasbor yang terbuka "
                   "menampilkannya dalam 30 detik.", icon=":material/check_circle:")
    kind_key = st.segmented_control("Jenis data", list(UPLOAD_KIND_LABELS), format_func=UPLOAD_KIND_LABELS.get,
                                    default="indikator", required=True, key="kelola_kind")
    kind = rules.KINDS[kind_key]
    if kind is rules.HOUSEHOLD_LIST:
        mode = "ganti"
        st.info("Daftar rumah tangga dianggap **lengkap untuk setiap desa di dalamnya**: untuk tahun dan program di "
                "berkas, hitungan rumah tangga dan penerima desa itu diganti seluruhnya dengan hitungan dari daftar ini "
                "(desa lain tidak berubah). NIK, nama dan alamat hanya dihitung di memori dan tidak disimpan.",
                icon=":material/info:")
    else:
        mode = st.radio("Cara menerbitkan", list(MODE_LABELS), format_func=MODE_LABELS.get, key="kelola_mode")
    cells = st.columns([3, 1])
    source = cells[0].text_input("Sumber (wajib bila berkas tidak punya kolom sumber)", key="kelola_source",
                                 placeholder="Misalnya: SIKS-NG Dinas Sosial Kutim, Juni 2025")
    year = None
    if kind is rules.HOUSEHOLD_LIST:
        year = cells[1].number_input("Tahun data (bila tidak ada kolom tahun)", 2000, 2100, value=None, step=1)
    if (limit := hardening.upload_limit_above_reader()) is not None:
        allowed = hardening.INTERNAL_UPLOAD_LIMIT_MB
        st.error(f"Unggahan dimatikan: server ini menerima berkas sampai {limit} MB, di atas batas {allowed} MB, jadi "
                 "berkas yang terlalu besar tetap ditampung server. Jalankan server dengan `make run` (memakai "
                 f"`.streamlit/config.toml`) atau setel `server.maxUploadSize = {allowed}` "
                 f"(`STREAMLIT_SERVER_MAX_UPLOAD_SIZE={allowed}`), lalu muat ulang halaman ini.",
                 icon=":material/block:")
        return
    # The browser refuses larger files before sending them; the server refuses them too (.streamlit/config.toml).
    uploaded = st.file_uploader("Berkas CSV atau Excel", type=["csv", "txt", "xlsx", "xlsm"],
                                max_upload_size=hardening.INTERNAL_UPLOAD_LIMIT_MB,
                                key=f"kelola_file_{st.session_state.get('kelola_upload_round', 0)}")
    if uploaded is None:
        return
    registry = fresh_registry()
    prepared = checked(kind, uploaded, rules.Options(source=source, year=year), registry)
    if not prepared.ok:
        refuse(prepared.problems)
        if prepared.unknown_areas:
            confirm_aliases(prepared, user, registry)
        return
    preview_and_publish(prepared, mode, user, registry)


def history_tab(user: str) -> None:
    if "kelola_restored" in st.session_state:
        chosen, release = st.session_state.pop("kelola_restored")
        st.success(f"Rilis {chosen} diterbitkan lagi sebagai rilis {release}.", icon=":material/check_circle:")
    releases = loaders.store().releases()
    st.dataframe(kelola.history(releases), hide_index=True,
                 column_config={"Baris": st.column_config.NumberColumn(format="localized")})
    choices = kelola.rollback_choices(releases)
    if not choices:
        return
    st.subheader("Kembalikan rilis lama")
    chosen = st.selectbox("Rilis yang dikembalikan", choices, index=None, placeholder="Pilih rilis…", key="kelola_rollback")
    if chosen is None:
        return
    store = loaders.store()
    record = store.release(chosen)
    kind = rules.DATASET_KINDS.get(record["dataset"])
    if kind is not None:
        old_rows = store.release_tables(chosen)[kelola.DATASET_TABLES[record["dataset"]]]
        change = publishing.difference(kind, store.current_rows(kind.dataset), old_rows)
        st.caption(f"Dibanding yang berlaku: {len(change.added)} baris kembali, {len(change.changed)} berubah, "
                   f"{len(change.removed)} hilang.")
        if not change.changed.empty:
            st.dataframe(kelola.changes_table(change, fresh_registry().areas["nama"].to_dict(), indicator_labels()),
                         hide_index=True, column_config=NUMBERS)
    if st.button(f"Kembalikan rilis {chosen}", type="primary", icon=":material/history:"):
        release = store.republish(chosen, by=user, note=f"Mengembalikan rilis {chosen}")
        st.session_state["kelola_restored"] = (chosen, release)
        st.session_state.pop("kelola_rollback")  # the restored release is in force now: no longer a choice
        st.rerun()


def templates_tab() -> None:
    st.caption("Templat berisi contoh baris. Judul di atas tabel, nama wilayah (bukan kode), koma desimal dan "
               "tanda % boleh; kolom dikenali dari judulnya.")
    templates = rules.templates(loaders.programme_registry())
    for key, label in UPLOAD_KIND_LABELS.items():
        template = templates[key]
        cells = st.columns([3, 1, 1], vertical_alignment="center")
        cells[0].markdown(f"**{label}**  \nKolom: {', '.join(template.columns)}")
        cells[1].download_button("CSV", exports.to_csv_bytes(template), file_name=f"templat_{key}.csv",
                                 mime="text/csv", key=f"templat-csv-{key}", icon=":material/download:")
        cells[2].download_button("Excel", exports.to_xlsx_bytes(template), file_name=f"templat_{key}.xlsx",
                                 key=f"templat-xlsx-{key}", icon=":material/download:")


secrets = login.current_secrets()
user = login.login_gate(secrets)
if user is not None:
    top = st.columns([4, 1], vertical_alignment="center")
    top[0].caption(f"Masuk sebagai **{fmt.markdown_text(user)}**")
    top[1].button("Keluar", on_click=login.log_out, args=(secrets,))
    upload, releases, templates = st.tabs(["Unggah", "Riwayat rilis", "Templat"])
    with upload:
        upload_tab(user)
    with releases:
        history_tab(user)
    with templates:
        templates_tab()
