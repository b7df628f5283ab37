"""Kelola Data: staff log in, upload a file, fix what it reports, preview the change, publish; history and rollback.

Registered only in the internal mode (app.py). Nothing here is cached: an upload may hold personal data.
"""

import streamlit as st

from lib.content import kelola
from lib.core import actions, fmt, settings
from lib.core.indicators import Indicator, registry_from_frame
from lib.core.store import StaleRelease
from lib.core.wilayah import AreaRegistry, normalise_name
from lib.ingest import indicator_edits, mapping, problems, publishing, rules
from lib.render import exports
from lib.ui import hardening, loaders, login

SHOWN_PROBLEMS = 200
SHOWN_WARNINGS = 200
CONFIRM = "Saya sudah memeriksa peringatan di atas"
NEW_INDICATOR = "(indikator baru)"
# Numbers in the reader's own notation (8,07 on an Indonesian browser); years without a thousands separator.
NUMBERS = {"Sebelum": st.column_config.NumberColumn(format="localized"),
           "Sesudah": st.column_config.NumberColumn(format="localized"),
           "Selisih": st.column_config.NumberColumn(format="localized"),
           "Tahun": st.column_config.NumberColumn(format="%d")}
UPLOAD_KIND_LABELS = {key: kind.label for key, kind in rules.KINDS.items()}
MODE_LABELS = {
    "perbarui": "Perbarui: tambah baris baru dan ganti baris dengan kunci yang sama",
    "ganti": "Ganti: baris lama yang dicakup berkas (indikator/program × tahun) tetapi tidak ada di berkas dihapus",
}

st.title("Kelola Data")
if settings.is_public():  # app.py never registers this page in the public mode; this covers any other way in
    st.error("Kelola Data tidak tersedia pada versi publik.")
    st.stop()


def fresh_indicators() -> dict[str, Indicator]:
    # An indicator added on this page is not a release, so the cached registry would not know it yet.
    store = loaders.store()
    return registry_from_frame(store.indicators(), store.method_breaks())


def context(registry: AreaRegistry) -> rules.Context:
    return rules.Context(registry, fresh_indicators(), loaders.programme_registry())


def indicator_labels() -> dict[str, str]:
    return {indicator.id: indicator.label_id for indicator in fresh_indicators().values()}


def remembered(key: str, initial: object) -> None:
    """Give the widget `key` the value it had when the page was left: Streamlit drops a widget's state when its page
    is not shown, a plain session key survives (`remember` keeps it)."""
    if key not in st.session_state:
        st.session_state[key] = st.session_state.get(f"_kept_{key}", initial)


def remember(key: str) -> object:
    st.session_state[f"_kept_{key}"] = st.session_state[key]
    return st.session_state[key]


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
            loaders.store().add_alias(normalise_name(area.written), chosen, note=f"dikonfirmasi oleh {user}", by=user)
            st.rerun()


def problem_table(found) -> None:
    # A static table wraps the long "what is wrong" and "how to fix" texts; a data grid would cut them off.
    # st.table reads cells as Markdown, and they quote the file: escaped, the value as code, so they show as written.
    st.table(problems.as_markdown_table(found).head(SHOWN_PROBLEMS).set_index("Baris"))


def refuse(found: list[problems.Problem] | tuple[problems.Problem, ...]) -> None:
    st.error(f"Berkas ditolak: {len(found)} masalah. Tidak ada data yang berubah; perbaiki lalu unggah lagi.",
             icon=":material/error:")
    table = problems.as_table(found)
    problem_table(found)
    if len(table) > SHOWN_PROBLEMS:
        st.caption(f"{SHOWN_PROBLEMS} masalah pertama ditampilkan; daftar lengkap ada di unduhan CSV.")
    st.download_button("Unduh daftar masalah (CSV)", exports.to_csv_bytes(table), file_name="masalah_unggahan.csv",
                       mime="text/csv", icon=":material/download:")


def show_notices(found: tuple[problems.Problem, ...]) -> None:
    """What the check did or doubts without refusing the file: warnings to weigh before publishing, notes for the
    record (a total row left out)."""
    warned = [n for n in found if n.tingkat == problems.WARNING]
    noted = [n for n in found if n.tingkat == problems.NOTE]
    if warned:
        st.warning(f"{len(warned)} peringatan tentang isi berkas: periksa apakah jenis data dan berkasnya benar. "
                   "Menerbitkan perlu konfirmasi di bawah.", icon=":material/warning:")
        problem_table(warned)
    if noted:
        st.info(f"{len(noted)} catatan: baris berikut tidak ikut diterbitkan; tidak perlu diubah bila memang baris "
                "jumlah.", icon=":material/info:")
        problem_table(noted)


def plausibility(kind: rules.UploadKind, current, after, upload, names: dict[str, str], labels: dict[str, str],
                 sha256: str, warned: bool) -> bool:
    """Totals before and after, and the changes that look like a wrong file; True once staff may publish (after
    confirming, when the file or the change carries a warning)."""
    totals = publishing.totals(kind, current, after, upload)
    if not totals.empty:
        st.markdown("**Jumlah sebelum dan sesudah** (yang dicakup berkas)")
        st.dataframe(kelola.totals_table(totals, names, labels), hide_index=True,
                     column_config={c: st.column_config.NumberColumn(format="localized")
                                    for c in kelola.TOTAL_LABELS.values()} | {"Tahun": NUMBERS["Tahun"]})
    found = publishing.warnings(kind, current, after)
    if found.empty:
        return not warned or st.checkbox(CONFIRM, key=f"kelola_confirm_{sha256[:12]}")
    st.warning(f"{fmt.number(len(found))} perubahan tidak wajar: angka turun lebih dari separuh atau naik lebih dari "
               "50 %, penerima di atas jumlah rumah tangga, atau wilayah yang angkanya hilang. Periksa apakah berkas dan "
               "jenis datanya benar sebelum menerbitkan.", icon=":material/warning:")
    st.dataframe(kelola.warnings_table(found.head(SHOWN_WARNINGS), names, labels), hide_index=True, column_config=NUMBERS)
    if len(found) > SHOWN_WARNINGS:
        st.caption(f"{SHOWN_WARNINGS} peringatan pertama ditampilkan dari {fmt.number(len(found))}.")
    return st.checkbox(CONFIRM, key=f"kelola_confirm_{sha256[:12]}")


def preview_and_publish(prepared: rules.Prepared, mode: str, user: str, registry: AreaRegistry) -> None:
    kind, store = prepared.kind, loaders.store()
    show_notices(prepared.notices)
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
    warned = any(notice.tingkat == problems.WARNING for notice in prepared.notices)
    confirmed = plausibility(kind, current, after, prepared.rows, names, labels, prepared.sha256, warned)
    with st.form("publish"):
        note = st.text_area("Catatan rilis", placeholder="Misalnya: data PKH tahap II 2025 dari Dinas Sosial")
        if not st.form_submit_button("Terbitkan", type="primary", icon=":material/publish:", disabled=not confirmed):
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


def once(name: str, inputs: tuple, work):
    """`work()` once per distinct `inputs` in this session, not again on every rerun (typing a note, publishing):
    a 50,000-row Excel list takes about 12 s (bench/bench_ingest.py). Kept in this session only, and a prepared
    household list holds counts, never the personal columns."""
    last = st.session_state.get(name)
    if last is None or last[0] != inputs:
        with st.spinner("Memeriksa berkas…"):
            last = (inputs, work())
        st.session_state[name] = last
    return last[1]


def column_mapping(kind: rules.UploadKind, table, year: int | None, user: str) -> dict[str, str] | None:
    """The mapping step: each column with its first values and what it holds; the mapping in force, or None."""
    found = mapping.columns(table)
    shape = mapping.shape_key(kind, found)
    store, indicators, programmes = loaders.store(), fresh_indicators(), loaders.programme_registry()
    saved = mapping.decode(store.column_mapping(shape))
    applied = saved if saved is not None and not mapping.mistakes(kind, saved, year) else None
    st.subheader("Pemetaan kolom")
    if applied is not None:
        st.caption("Berkas dengan judul kolom yang sama pernah dipetakan; pemetaan itu dipakai. Ubah di bawah bila perlu.")
    else:
        st.info("Judul kolom berkas ini tidak sesuai templat. Katakan apa isi setiap kolom (usulan dari judulnya sudah "
                "dipilih), lalu klik Terapkan. Tabel lebar (satu kolom per indikator, program atau tahun) diubah menjadi "
                "baris. Indikator yang belum ada bisa ditambah di tab Indikator.", icon=":material/table_convert:")
    offered = mapping.targets(kind, indicators, programmes, found)
    proposal = mapping.propose(kind, found, indicators, programmes, saved)
    with st.expander("Kolom berkas dan isinya", expanded=applied is None):
        chosen = {}
        for column in found:
            cells = st.columns([2, 3, 3], vertical_alignment="center")
            cells[0].markdown(f"**{fmt.markdown_text(column.heading)}**")
            cells[1].caption(fmt.markdown_text(" · ".join(column.samples) or "(kosong)"))
            options = list(offered)
            chosen[column.key] = cells[2].selectbox(
                f"Isi kolom {column.heading}", options, index=options.index(proposal[column.key]),
                format_func=offered.get, key=f"kelola_map_{shape[:8]}_{column.key}", label_visibility="collapsed")
        if st.button("Terapkan pemetaan", type="primary", icon=":material/check:"):
            wrong = mapping.mistakes(kind, chosen, year)
            if wrong:
                st.error("Pemetaan belum bisa diterapkan:\n" + "\n".join(f"- {fmt.markdown_text(w)}" for w in wrong),
                         icon=":material/error:")
            else:
                store.save_column_mapping(shape, kind.key, mapping.encode(chosen), by=user)
                st.rerun()
    return applied


def checked(kind: rules.UploadKind, uploaded, options: rules.Options, registry: AreaRegistry, user: str
            ) -> rules.Prepared | None:
    """The file checked against the kind; a file whose headings do not fit goes through the mapping step first
    (None until a mapping is applied)."""
    ctx = context(registry)
    inputs = (kind.key, uploaded.file_id, options, loaders.release_id(), registry.aliases, tuple(ctx.indicators))
    if kind is not rules.HOUSEHOLD_LIST:  # personal columns are never shown, so a household list is not mapped
        table = once("kelola_read", (uploaded.file_id,), lambda: mapping.read(uploaded.getvalue(), uploaded.name))
        if not table.frame.empty and mapping.needs_mapping(kind, table, ctx.programmes):
            options = rules.from_title(table.title, options, ctx)  # the mapped parts have no title rows
            applied = column_mapping(kind, table, options.year, user)
            if applied is None:
                return None
            return once("kelola_checked", (*inputs, mapping.encode(applied)), lambda: mapping.prepare(
                kind, uploaded.getvalue(), uploaded.name, table, applied, options.year, ctx, options))
    return once("kelola_checked", inputs, lambda: rules.prepare(kind, uploaded.getvalue(), uploaded.name, ctx, options))


def upload_tab(user: str) -> None:
    if "kelola_published" in st.session_state:
        st.success(f"Rilis {st.session_state.pop('kelola_published')} diterbitkan. Semua dasbor yang terbuka "
                   f"menampilkannya dalam {loaders.RELEASE_POLL_SECONDS} detik.", icon=":material/check_circle:")
    remembered("kelola_kind", "indikator")
    kind_key = st.segmented_control(
        "Jenis data", list(UPLOAD_KIND_LABELS), format_func=UPLOAD_KIND_LABELS.get, required=True, key="kelola_kind")
    remember("kelola_kind")
    kind = rules.KINDS[kind_key]
    if kind is rules.HOUSEHOLD_LIST:
        mode = "ganti"
        st.info("Daftar rumah tangga dianggap **lengkap untuk setiap desa di dalamnya**: untuk tahun dan program di "
                "berkas, hitungan rumah tangga dan penerima desa itu diganti seluruhnya dengan hitungan dari daftar ini "
                "(desa lain tidak berubah). NIK, nama dan alamat hanya dihitung di memori dan tidak disimpan.",
                icon=":material/info:")
    else:
        remembered("kelola_mode", "perbarui")
        mode = st.radio("Cara menerbitkan", list(MODE_LABELS), format_func=MODE_LABELS.get, key="kelola_mode")
        remember("kelola_mode")
    if kind is rules.RECIPIENTS:
        st.info("Rekap penerima per desa disimpan apa adanya: jumlah penerima (dan Rupiah bila ada) per desa, program "
                "dan tahun, tanpa desil. Program dan tahun diambil dari kolom berkas, lalu dari judulnya (misalnya "
                "'REKAP KPM PKH TAHUN 2025'), lalu dari pilihan di bawah.", icon=":material/info:")
    cells = st.columns([3, 2, 1] if kind is rules.RECIPIENTS else [3, 1])
    remembered("kelola_source", "")
    source = cells[0].text_input("Sumber (wajib bila berkas tidak punya kolom sumber)", key="kelola_source",
                                 placeholder="Misalnya: SIKS-NG Dinas Sosial Kutim, Juni 2025")
    remember("kelola_source")
    remembered("kelola_year", None)
    year = cells[-1].number_input("Tahun data (bila tidak ada kolom tahun)", 2000, 2100, value=None, step=1,
                                 key="kelola_year")
    remember("kelola_year")
    programme = None
    if kind is rules.RECIPIENTS:
        programmes = loaders.programme_registry()
        remembered("kelola_programme", None)
        programme = cells[1].selectbox("Program (bila tidak ada kolom program)", list(programmes), index=None,
                                       format_func=lambda p: programmes[p].name_id, key="kelola_programme",
                                       placeholder="Dari kolom atau judul berkas")
        remember("kelola_programme")
    if (limit := hardening.upload_limit_above_reader()) is not None:
        allowed = hardening.INTERNAL_UPLOAD_LIMIT_MB
        st.error(f"Unggahan dimatikan: server ini menerima berkas sampai {limit} MB, di atas batas {allowed} MB, jadi "
                 "berkas yang terlalu besar tetap ditampung server. Jalankan server dengan `make run` (memakai "
                 f"`.streamlit/config.toml`) atau setel `server.maxUploadSize = {allowed}` "
                 f"(`STREAMLIT_SERVER_MAX_UPLOAD_SIZE={allowed}`), lalu muat ulang halaman ini.",
                 icon=":material/block:")
        return
    # The browser refuses larger files before sending them, with an English tooltip only: say the limit first.
    st.caption(f"Berkas CSV atau Excel (.xlsx) paling besar **{hardening.INTERNAL_UPLOAD_LIMIT_MB} MB**. Berkas yang "
               "lebih besar tidak bisa dipilih: pecah per kecamatan atau hapus lembar yang tidak dipakai.")
    # The server refuses larger files too (.streamlit/config.toml).
    uploaded = st.file_uploader("Berkas CSV atau Excel", type=["csv", "txt", "xlsx", "xlsm"],
                                max_upload_size=hardening.INTERNAL_UPLOAD_LIMIT_MB,
                                key=f"kelola_file_{st.session_state.get('kelola_upload_round', 0)}")
    if uploaded is None:
        return
    registry = fresh_registry()
    options = rules.Options(source=source, year=None if year is None else int(year), programme=programme)
    prepared = checked(kind, uploaded, options, registry, user)
    if prepared is None:
        return
    if not prepared.ok:
        refuse(prepared.problems)
        show_notices(prepared.notices)
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
    labels = kelola.rollback_labels(releases)
    chosen = st.selectbox("Rilis yang dikembalikan", choices, format_func=labels.get, index=None,
                          placeholder="Pilih rilis…", key="kelola_rollback")
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
        note = f"Mengembalikan rilis {chosen}"
        if record["dataset"] == actions.DATASET:  # audited per step, like every change to Rencana Aksi
            earlier = actions.ActionTables.from_release(store.release_tables(chosen))
            release = actions.publish_change(store, actions.restore(earlier), by=user, note=note)
        else:
            release = store.republish(chosen, by=user, note=note)
        st.session_state["kelola_restored"] = (chosen, release)
        st.session_state.pop("kelola_rollback")  # the restored release is in force now: no longer a choice
        st.rerun()


def indicators_tab(user: str) -> None:
    if "kelola_indicator_saved" in st.session_state:
        st.success(f"Indikator {st.session_state.pop('kelola_indicator_saved')} disimpan.", icon=":material/check_circle:")
    store = loaders.store()
    registry = store.indicators().set_index("id", drop=False)
    st.caption("Indikator baru bisa langsung dipakai di unggahan (kolom indikator atau pemetaan kolom).")
    choice = st.selectbox("Tambah atau ubah", [NEW_INDICATOR, *registry.index], key="kelola_indicator",
                          format_func=lambda i: i if i == NEW_INDICATOR else f"{registry.at[i, 'label_id']} ({i})")
    old = None if choice == NEW_INDICATOR else registry.loc[choice].to_dict()
    shown = indicator_edits.form_values(old)
    with st.form(f"indikator_{choice}"):
        cells = st.columns(2)
        ident = cells[0].text_input("Kode (huruf kecil dan garis bawah)", value=shown["id"], disabled=old is not None,
                                    placeholder="rumah_tangga_desil_1_2")
        unit = cells[1].selectbox("Satuan", list(indicator_edits.UNITS), format_func=indicator_edits.UNITS.get,
                                  index=list(indicator_edits.UNITS).index(shown["satuan"]))
        label_id = cells[0].text_input("Nama (Indonesia)", value=shown["label_id"])
        label_en = cells[1].text_input("Nama (Inggris)", value=shown["label_en"])
        decimals = cells[0].number_input("Desimal", 0, 4, value=shown["desimal"], step=1)
        level = cells[1].selectbox("Tingkat wilayah terendah", indicator_edits.LEVELS,
                                   index=indicator_edits.LEVELS.index(shown["tingkat"]))
        direction = st.radio("Arah", list(indicator_edits.DIRECTIONS), horizontal=True,
                             index=list(indicator_edits.DIRECTIONS).index(shown["arah"]))
        definition_id = st.text_area("Definisi (Indonesia)", value=shown["definisi_id"])
        definition_en = st.text_area("Definisi (Inggris)", value=shown["definisi_en"])
        source = st.text_input("Sumber", value=shown["sumber"], placeholder="Misalnya: DTSEN Dinas Sosial Kutim")
        submitted = st.form_submit_button("Simpan indikator", type="primary", icon=":material/save:")
    if submitted:
        record = {"id": ident.strip(), "label_id": label_id.strip(), "label_en": label_en.strip(), "satuan": unit,
                  "desimal": int(decimals), "lebih_rendah_lebih_baik": indicator_edits.DIRECTIONS[direction],
                  "bulan_acuan": None if old is None else old.get("bulan_acuan"), "definisi_id": definition_id.strip(),
                  "definisi_en": definition_en.strip(), "sumber": source.strip(), "tingkat": level}
        wrong = indicator_edits.mistakes(record, set(registry.index), new=old is None)
        changes = indicator_edits.changes(old, record)
        if wrong:
            st.error("Indikator belum disimpan:\n" + "\n".join(f"- {fmt.markdown_text(w)}" for w in wrong),
                     icon=":material/error:")
        elif changes == "{}":
            st.info("Tidak ada yang berubah.")
        else:
            store.save_indicator(record, changes, by=user)
            st.session_state["kelola_indicator_saved"] = record["id"]
            st.rerun()
    with st.expander("Riwayat perubahan indikator"):
        st.dataframe(kelola.indicator_history(store.indicator_history()), hide_index=True)
    st.dataframe(kelola.indicator_registry(registry), hide_index=True)


def aliases_tab() -> None:
    if "kelola_alias_removed" in st.session_state:
        st.success(f"Alias '{st.session_state.pop('kelola_alias_removed')}' dihapus: ejaan itu kembali ditanyakan pada "
                   "unggahan berikutnya.", icon=":material/check_circle:")
    store = loaders.store()
    aliases = store.aliases()
    names = {code: rules.area_label(registry, code) for registry in [fresh_registry()] for code in registry.areas.index}
    st.caption("Ejaan nama wilayah yang dikenali. Alias yang dikonfirmasi staf bisa dihapus bila salah pilih.")
    st.dataframe(kelola.aliases_table(aliases, names), hide_index=True)
    staff = aliases[aliases["oleh"].notna()]
    if staff.empty:
        return
    chosen = st.selectbox("Alias yang dihapus", list(staff["alias"]), index=None, placeholder="Pilih alias…",
                          key="kelola_alias_remove",
                          format_func=lambda a: f"{a} → {names.get(staff.set_index('alias').at[a, 'kode'])}")
    if st.button("Hapus alias", icon=":material/undo:", disabled=chosen is None):
        store.remove_alias(chosen)
        st.session_state["kelola_alias_removed"] = chosen
        st.session_state.pop("kelola_alias_remove")
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
    upload, releases, indicators, aliases, templates = st.tabs(
        ["Unggah", "Riwayat rilis", "Indikator", "Alias wilayah", "Templat"])
    with upload:
        upload_tab(user)
    with releases:
        history_tab(user)
    with indicators:
        indicators_tab(user)
    with aliases:
        aliases_tab()
    with templates:
        templates_tab()
