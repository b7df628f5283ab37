"""Rencana Aksi: the rakor's steps with their status, filters, history and export, and a need map showing the
high-need areas no step reaches. Read-only in both modes: steps are recorded in Kelola Data."""

import streamlit as st

from lib.analysis.measures import MEASURES
from lib.content import aksi, peta
from lib.core import actions, fmt, settings
from lib.core.i18n import t
from lib.render import charts, exports, geometry, maps
from lib.ui import layout, loaders, notes, widgets

lang = widgets.current_language()
data = loaders.published()
areas, programmes, tables = data.areas, data.programmes, data.actions
today = aksi.today_in_kutim()
steps = actions.with_status(tables, today)
priority = loaders.per_selection(
    "aksi.priority",
    lambda data, measure_id, programme, year, level, lang, rounding, today: aksi.priority_view(
        data.programme_rows, measure_id, data.programmes.get(programme), year, level,
        actions.with_status(data.actions, today), data.areas, rounding, lang),
)

st.title(t("aksi.heading", lang))
st.caption(t("aksi.intro", lang))
notes.provenance(aksi.steps_provenance(steps, data.current_releases), lang)
counts = aksi.status_counts(steps)
with st.container(horizontal=True, gap="medium"):
    st.metric(t("aksi.metric.total", lang), fmt.number(len(steps), 0, lang), width="content")
    for status in ("terlambat", "berjalan", "direncanakan", "selesai", "dibatalkan"):
        label = t(f"aksi.status.{status}", lang)
        st.metric(f":red[**{label}**]" if status == actions.LATE else label, fmt.number(counts[status], 0, lang),
                  width="content")
by_party = steps["jenis_pelaksana"].value_counts()
st.caption(t("aksi.by_party", lang) + " " + " · ".join(f"{t(f'aksi.party.{kind}', lang)} {by_party[kind]}"
                                                       for kind in actions.PARTY_KINDS if kind in by_party))

row = st.columns(3)
chosen = aksi.StepFilter(
    pelaksana=tuple(widgets.url_choices(row[0].multiselect, t("aksi.filter.party", lang),
                                        aksi.responsible_parties(steps), [], key="pelaksana", lang=lang,
                                        placeholder=t("aksi.filter.all", lang))),
    jenis=tuple(widgets.url_choices(row[1].multiselect, t("aksi.filter.kind", lang), list(actions.PARTY_KINDS), [],
                                    key="jenis", lang=lang, placeholder=t("aksi.filter.all", lang),
                                    format_func=lambda kind: t(f"aksi.party.{kind}", lang))),
    kecamatan=tuple(widgets.url_choices(row[2].multiselect, t("aksi.filter.kecamatan", lang),
                                        areas.codes_at("kecamatan"), [], key="kecamatan", lang=lang,
                                        placeholder=t("aksi.filter.all", lang), format_func=areas.name)),
    status=tuple(widgets.url_choices(row[0].multiselect, t("aksi.filter.status", lang), list(actions.STATUSES), [],
                                     key="status", lang=lang, placeholder=t("aksi.filter.all", lang),
                                     format_func=lambda status: t(f"aksi.status.{status}", lang))),
    rakor=tuple(widgets.url_choices(row[1].multiselect, t("aksi.filter.rakor", lang), tables.rakor["kode"].tolist(),
                                    [], key="rakor", lang=lang, placeholder=t("aksi.filter.all", lang),
                                    format_func=lambda code: aksi.rakor_label(code, tables.rakor, lang,
                                                                              with_place=False))),
    late_only=bool(widgets.url_choices(row[2].pills, t("aksi.filter.late", lang), [actions.LATE], [], key="terlambat",
                                       lang=lang, selection_mode="multi",
                                       format_func=lambda _: t("aksi.filter.late_option", lang))),
)
shown = aksi.filter_steps(steps, chosen)
st.caption(t("aksi.shown", lang, shown=len(shown), total=len(steps)))
st.dataframe(aksi.late_styled(aksi.step_table(shown, areas, lang), lang), hide_index=True, width="stretch")
minutes = aksi.export_table(shown, tables.rakor, areas, lang)
with st.container(horizontal=True, gap="small"):
    st.download_button(t("aksi.download_csv", lang), lambda: exports.to_csv_bytes(minutes),
                       file_name=f"rencana_aksi_{today.isoformat()}.csv", mime="text/csv", icon=":material/download:")
    st.download_button(t("aksi.download_xlsx", lang), lambda: exports.to_xlsx_bytes(minutes, "rencana_aksi"),
                       file_name=f"rencana_aksi_{today.isoformat()}.xlsx", icon=":material/table:",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")

if len(shown):
    listed = aksi.in_list_order(shown)
    titles = dict(zip(listed["kode"], listed["judul"]))
    code = widgets.url_choice(st.selectbox, t("aksi.detail", lang), list(titles), listed["kode"].iloc[0],
                              key="langkah", lang=lang, format_func=lambda c: f"{c} · {titles[c]}")
    step = listed[listed["kode"] == code].iloc[0]
    with st.container(border=True):
        st.markdown("  \n".join(f"**{label}:** {fmt.markdown_text(text)}"
                                for label, text in aksi.step_details(step, tables.rakor, areas, lang)))
        for link in aksi.gap_links(step, programmes, areas, lang):
            st.page_link(link.page, label=link.label, icon=":material/query_stats:", query_params=link.query)
        st.markdown(f"**{t('aksi.progress', lang)}**")
        reports = aksi.progress_history(code, tables.progress, lang)
        if len(reports):
            st.dataframe(reports, hide_index=True, width="stretch")
        else:
            st.caption(t("aksi.no_progress", lang))
        public = settings.is_public()
        st.markdown(f"**{t('aksi.changes', lang)}**")
        changes = aksi.change_history(code, loaders.published().action_audit, lang, with_staff=not public)
        if len(changes):
            st.dataframe(changes, hide_index=True, width="stretch")
        st.caption(t("aksi.changes_public" if public else "aksi.changes_internal", lang) if len(changes)
                   else t("aksi.no_changes", lang))
else:
    widgets.forget_url_choices("langkah")

st.subheader(t("aksi.chart.heading", lang))
st.plotly_chart(aksi.party_status_chart(aksi.party_status_counts(shown), lang), width="stretch",
                config={"displaylogo": False})

st.subheader(t("aksi.map.heading", lang))
top = st.columns([4, 3, 2, 3])
measure = MEASURES[widgets.url_choice(top[0].selectbox, t("peta.measure", lang), list(MEASURES), aksi.DEFAULT_NEED,
                                      key="ukuran", lang=lang, format_func=lambda m: peta.measure_label(m, None, lang))]
level = widgets.url_choice(top[1].segmented_control, t("peta.level", lang), list(aksi.LEVELS), "kecamatan",
                           key="tingkat", lang=lang, required=True,
                           format_func=lambda v: t("peta.kecamatan" if v == "kecamatan" else "cakupan.desa", lang))
year = widgets.url_choice(top[2].selectbox, t("peta.year", lang), data.programme_years, data.programme_years[-1],
                          key="tahun", lang=lang)
if measure.needs_programme:  # last in the row: without one, its place stays empty at the end
    programme = widgets.url_choice(top[3].selectbox, t("peta.programme", lang), list(programmes), "PKH", key="program",
                                   lang=lang, format_func=lambda p: programmes[p].name(lang))
else:
    programme = None
    widgets.forget_url_choices("program")
view = priority(measure.id, programme, year, level, lang, loaders.rounding(), today)
layer = peta.layer_for(level)
lat, lon, zoom = geometry.view_for(layer, width=layout.map_fit_width(), height=maps.MAP_HEIGHT - maps.LEGEND_HEIGHT)
shown_on_map = aksi.map_provenance(data.programme_rows, programme, year, steps, data.current_releases)
st.plotly_chart(charts.captioned_taller(aksi.priority_map(view, geometry.static_url(layer), lang, center=(lat, lon),
                                                          zoom=zoom),
                                        aksi.map_title(view, lang), peta.subtitle(level, None, year, areas, lang),
                                        shown_on_map, lang),
                key="aksi_peta", width="stretch", config={"displaylogo": False})
st.caption(t("aksi.map.note", lang))
if view.data.hides_small_cells:
    notes.rounding_note(loaders.rounding(), lang)
notes.provenance(shown_on_map, lang)
with st.expander(t("aksi.map.table", lang), icon=":material/table:"):
    st.dataframe(aksi.priority_table(view, lang), hide_index=True, width="stretch")
