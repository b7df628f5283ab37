"""Kelola Rencana Aksi: logged-in staff record what the rakor decides while it runs (rakor, steps, changes to steps,
progress reports) and import a batch from the Excel template. Every save is a release (`actions.publish_change`).

Registered only in the internal mode (app.py); the checks are `lib.ingest.actions`.
"""

import datetime as dt
from zoneinfo import ZoneInfo

import streamlit as st

from lib.analysis.measures import MEASURES
from lib.core import actions, fmt, settings
from lib.core.i18n import t
from lib.ingest import actions as entry
from lib.ingest import problems
from lib.ui import loaders, login, widgets

SAVED = "aksi_kelola_saved"  # the success message shown after the rerun that follows a publish
UPLOADS = "aksi_kelola_uploads"  # bumped after an import, so the uploader starts empty

lang = widgets.current_language()
st.title(t("aksi_kelola.page", lang))
if settings.is_public():  # app.py never registers this page in the public mode; this covers any other way in
    st.error(t("aksi_kelola.public", lang))
    st.stop()


def context() -> entry.Context:
    published = loaders.published()
    return entry.Context(published.areas, published.indicators, published.programmes,
                         {measure.id: measure.needs_programme for measure in MEASURES.values()}, published.actions,
                         dt.datetime.now(ZoneInfo("Asia/Makassar")).date())


def publish(change: actions.Change, user: str, note: str) -> None:
    """Publish, then rerun so the page (and its pickers) show the new release; the message says what changed."""
    store = loaders.store()
    try:
        release = actions.publish_change(store, change, by=user, note=note)
    except actions.UnknownRecord as gone:
        st.error(t("aksi_kelola.gone", lang, what=gone))
        return
    audit = store.action_audit()
    st.session_state[SAVED] = t("aksi_kelola.saved", lang, release=release,
                                what=entry.describe(audit[audit["rilis_id"] == release], lang))
    st.rerun()


def refuse(found: list[problems.Problem]) -> None:
    st.error(t("aksi_kelola.problems", lang, count=len(found)), icon=":material/error:")
    st.table(problems.as_markdown_table(found).drop(columns="Baris").set_index("Kolom"))


def label(sheet: str, name: str) -> str:
    return entry.heading(sheet, name, lang)


def pick(sheet: str, name: str, options: list, shown, key: str, initial=None):
    """A selectbox over ids, shown by `shown`, starting at `initial` (nothing picked when None)."""
    index = options.index(initial) if initial in options else None
    empty = "aksi_kelola.choose" if name in entry.REQUIRED[sheet] else "aksi_kelola.none"
    return st.selectbox(label(sheet, name), options, index=index, format_func=shown, key=key,
                        placeholder=t(empty, lang))


def step_form(ctx: entry.Context, key: str, initial: dict) -> dict:
    """The step's fields; `initial` fills them in (editing), keyed per step so another pick starts afresh."""
    real = ctx.real
    rakor = {row["kode"]: entry.rakor_label(row, lang) for row in real.rakor.to_dict("records")}
    areas = entry.area_choices(ctx.areas)
    values = {"judul": st.text_input(label("langkah", "judul"), initial.get("judul") or "", key=f"{key}-judul"),
              "masalah": st.text_input(label("langkah", "masalah"), initial.get("masalah") or "",
                                       key=f"{key}-masalah")}
    left, right = st.columns(2)
    with left:
        values["pelaksana"] = st.text_input(label("langkah", "pelaksana"), initial.get("pelaksana") or "",
                                            help=t("aksi_kelola.help.institution", lang), key=f"{key}-pelaksana")
        values["mitra"] = st.text_input(label("langkah", "mitra"), initial.get("mitra") or "", key=f"{key}-mitra")
        values["mulai"] = st.date_input(label("langkah", "mulai"), initial.get("mulai"), format="DD/MM/YYYY",
                                        key=f"{key}-mulai")
        values["rakor"] = pick("langkah", "rakor", list(rakor), rakor.get, f"{key}-rakor", initial.get("rakor"))
        values["ukuran"] = pick("langkah", "ukuran", list(ctx.measures), lambda id_: t(f"measure.{id_}", lang),
                                f"{key}-ukuran", initial.get("ukuran"))
        values["indikator"] = pick("langkah", "indikator", list(ctx.indicators),
                                   lambda id_: ctx.indicators[id_].label(lang), f"{key}-indikator",
                                   initial.get("indikator"))
        values["anggaran_rp"] = st.text_input(label("langkah", "anggaran_rp"),
                                              "" if initial.get("anggaran_rp") is None else
                                              fmt.rupiah(initial["anggaran_rp"]),
                                              help=t("aksi_kelola.help.amount", lang), key=f"{key}-anggaran")
    with right:
        values["jenis_pelaksana"] = pick("langkah", "jenis_pelaksana", list(actions.PARTY_KINDS),
                                         lambda id_: entry.choice_label("jenis_pelaksana", id_, lang),
                                         f"{key}-jenis", initial.get("jenis_pelaksana"))
        values["wilayah"] = st.multiselect(label("langkah", "wilayah"), list(areas), initial.get("wilayah") or [],
                                           format_func=lambda code: areas.get(code, code), accept_new_options=True,
                                           placeholder=t("aksi_kelola.area_placeholder", lang),
                                           help=t("aksi_kelola.help.area", lang), key=f"{key}-wilayah")
        values["tenggat"] = st.date_input(label("langkah", "tenggat"), initial.get("tenggat"), format="DD/MM/YYYY",
                                          key=f"{key}-tenggat")
        values["program"] = pick("langkah", "program", list(ctx.programmes),
                                 lambda id_: ctx.programmes[id_].name(lang), f"{key}-program", initial.get("program"))
        values["nilai_target"] = st.number_input(label("langkah", "nilai_target"), value=initial.get("nilai_target"),
                                                 key=f"{key}-target")
        values["sumber_dana"] = pick("langkah", "sumber_dana", list(actions.FUNDING_SOURCES),
                                     lambda id_: entry.choice_label("sumber_dana", id_, lang), f"{key}-dana",
                                     initial.get("sumber_dana"))
    return values


def rakor_tab(user: str) -> None:
    with st.form("aksi-rakor", clear_on_submit=False, enter_to_submit=False):
        left, right = st.columns(2)
        # Left column first: a phone stacks them in the order staff fill them in.
        values = {"tanggal": left.date_input(label("rakor", "tanggal"), ctx.today, format="DD/MM/YYYY"),
                  "tempat": left.text_input(label("rakor", "tempat")),
                  "pimpinan": right.text_input(label("rakor", "pimpinan"), help=t("aksi_kelola.help.position", lang)),
                  "agenda": right.text_input(label("rakor", "agenda"))}
        submitted = st.form_submit_button(t("aksi_kelola.submit.rakor", lang), type="primary")
    if submitted:
        record, found = entry.check_rakor(values)
        if found:
            refuse(found)
        else:
            publish(actions.add_rows(rakor=[record]), user, "Rakor dicatat")


def new_step_tab(user: str) -> None:
    with st.form("aksi-langkah", enter_to_submit=False):
        values = step_form(ctx, "baru", {})
        submitted = st.form_submit_button(t("aksi_kelola.submit.step", lang), type="primary")
    if submitted:
        record, found = entry.check_step(values, ctx)
        if found:
            refuse(found)
        else:
            publish(actions.add_rows(steps=[record]), user, "Langkah dicatat")


def step_picker(key: str) -> dict | None:
    steps = {row["kode"]: row for row in ctx.real.steps.to_dict("records")}
    if not steps:
        st.info(t("aksi_kelola.no_steps", lang))
        return None
    code = st.selectbox(t("aksi_kelola.pick_step", lang), list(steps), format_func=lambda c: entry.step_label(steps[c]),
                        index=None, key=key)
    return None if code is None else steps[code]


def edit_tab(user: str) -> None:
    step = step_picker("aksi-ubah-pilih")
    if step is None:
        return
    shown = entry.form_values(step)
    with st.form(f"aksi-ubah-{step['kode']}", enter_to_submit=False):
        values = step_form(ctx, f"ubah-{step['kode']}", shown)
        submitted = st.form_submit_button(t("aksi_kelola.submit.edit", lang), type="primary")
    if submitted:
        record, found = entry.check_step(values, ctx)
        if found:
            refuse(found)
        elif not (changed := entry.changed_fields(step, record)):
            st.info(t("aksi_kelola.no_change", lang))
        else:
            publish(actions.update_step(step["kode"], changed), user, f"Langkah {step['kode']} diubah")


def progress_tab(user: str) -> None:
    step = step_picker("aksi-kemajuan-pilih")
    if step is None:
        return
    statuses = list(actions.STATUSES)
    with st.form(f"aksi-kemajuan-{step['kode']}", enter_to_submit=False):
        left, right = st.columns(2)
        values = {"aksi": step["kode"],
                  "tanggal": left.date_input(label("kemajuan", "tanggal"), ctx.today, format="DD/MM/YYYY"),
                  "status": right.selectbox(label("kemajuan", "status"), statuses, index=None,
                                            placeholder=t("aksi_kelola.choose", lang),
                                            format_func=lambda id_: entry.choice_label("status", id_, lang)),
                  "uraian": st.text_area(label("kemajuan", "uraian"), height=68),
                  "bukti": left.text_input(label("kemajuan", "bukti")),
                  "pelapor": right.text_input(label("kemajuan", "pelapor"), step["pelaksana"],
                                              help=t("aksi_kelola.help.institution", lang))}
        submitted = st.form_submit_button(t("aksi_kelola.submit.progress", lang), type="primary")
    if submitted:
        record, found = entry.check_progress(values, ctx)
        if found:
            refuse(found)
        else:
            publish(actions.add_rows(progress=[record]), user, f"Kemajuan langkah {step['kode']}")


def batch_tab(user: str) -> None:
    st.caption(t("aksi_kelola.template_help", lang))
    st.download_button(t("aksi_kelola.template", lang), entry.template_xlsx(ctx), file_name="templat_rencana_aksi.xlsx",
                       icon=":material/download:")
    upload = st.file_uploader(t("aksi_kelola.upload", lang), type=["xlsx"],
                              key=f"aksi-impor-{st.session_state.get(UPLOADS, 0)}")
    if upload is None:
        return
    batch = entry.read_batch(upload.getvalue(), upload.name, ctx)
    if batch.problems:
        st.error(t("aksi_kelola.batch_problems", lang, count=len(batch.problems)), icon=":material/error:")
        st.table(entry.problems_table(batch.problems).set_index("Lembar"))
        return
    st.info(t("aksi_kelola.preview", lang, rakor=len(batch.rakor), steps=len(batch.steps),
              progress=len(batch.progress)), icon=":material/preview:")
    for sheet, table in entry.preview_tables(batch, ctx.areas, lang).items():
        st.markdown(f"**{sheet}**")
        st.dataframe(table)
    count = len(batch.rakor) + len(batch.steps) + len(batch.progress)
    if st.button(t("aksi_kelola.submit.batch", lang, count=count), type="primary"):
        st.session_state[UPLOADS] = st.session_state.get(UPLOADS, 0) + 1
        publish(batch.change(), user, f"Impor {upload.name}")


def history_tab() -> None:
    audit = loaders.store().action_audit()
    if audit.empty:
        st.caption(t("aksi_kelola.history_empty", lang))
    else:
        st.dataframe(entry.audit_table(audit.head(200), lang), hide_index=True)


secrets = login.current_secrets()
user = login.login_gate(secrets)
if user is None:
    st.stop()
top = st.columns([4, 1], vertical_alignment="center")
top[0].caption(t("aksi_kelola.signed_in", lang, user=fmt.markdown_text(user)))
top[1].button(t("aksi_kelola.log_out", lang), on_click=login.log_out, args=(secrets,))
if SAVED in st.session_state:
    st.success(fmt.markdown_text(st.session_state.pop(SAVED)), icon=":material/check_circle:")
st.caption(t("aksi_kelola.intro", lang))
ctx = context()
if ctx.tables.is_demo:
    st.warning(t("aksi_kelola.demo_warning", lang), icon=":material/warning:")
tabs = st.tabs([t(f"aksi_kelola.tab.{name}", lang) for name in ("rakor", "step", "edit", "progress", "batch", "history")])
for tab, draw in zip(tabs, (rakor_tab, new_step_tab, edit_tab, progress_tab, batch_tab), strict=False):
    with tab:
        draw(user)
with tabs[-1]:
    history_tab()
