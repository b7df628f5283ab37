"""Tren: the time series of any indicator for Kutim and the areas it is compared with, with targets."""

import streamlit as st

from lib.analysis import series
from lib.content import findings
from lib.core import provenance
from lib.core.i18n import t
from lib.core.indicators import P0
from lib.core.targets import targets_for
from lib.core.wilayah import INDONESIA, KALTIM, KUTIM
from lib.render import charts, exports
from lib.ui import layout, loaders, notes, widgets

# Tren compares whole regions; kecamatan and desa have their own pages.
COMPARED_LEVELS = ("negara", "provinsi", "kabupaten")
DEFAULT_AREAS = [KUTIM, KALTIM, INDONESIA]

lang = widgets.current_language()
values, indicators, areas = loaders.values(), loaders.indicators(), loaders.area_registry()
area_options = [code for level in COMPARED_LEVELS for code in areas.codes_at(level)]
regional = values[values["kode_wilayah"].isin(area_options)]
indicator_options = [i for i in indicators if i in set(regional["indikator"])]

st.title(t("tren.heading", lang))
left, right = st.columns([2, 3])
indicator_id = widgets.url_choice(
    left.selectbox, t("tren.indicator", lang), indicator_options, P0, key="indikator", lang=lang,
    format_func=lambda i: indicators[i].label(lang),
)
chosen = widgets.url_choices(
    right.multiselect, t("tren.areas", lang), area_options, DEFAULT_AREAS, key="wilayah", lang=lang,
    format_func=areas.name, help=t("tren.areas_help", lang),
)
indicator = indicators[indicator_id]
st.caption(f"**{t('tren.definition', lang)}:** {indicator.definition(lang)}")

if not chosen:
    st.info(t("tren.pick_area", lang))
    st.stop()

table = series.trend_table(regional, indicator, chosen, {c: areas.name(c) for c in chosen}, lang)
if table.empty:
    st.info(t("tren.no_data", lang, indicator=indicator.label(lang)))
    st.stop()
plotted_targets = [target for code in chosen for target in targets_for(loaders.targets(), indicator.id, code)]

releases = loaders.published().current_releases
# The title is the first area's finding: its sources lead the provenance line.
shown = provenance.led_by(provenance.of(table, releases, [target.source for target in plotted_targets]),
                          provenance.of(table[table["kode_wilayah"] == findings.trend_area(table)], releases))
notes.freshness_line(table, lang)
width = layout.map_fit_width()  # a phone's or the narrowest laptop's: the labels and caption fit it
st.plotly_chart(
    charts.captioned_taller(charts.trend_figure(table, plotted_targets, indicator, lang, label_width=width),
                            findings.trend(table, indicator, lang), series.trend_subtitle(table, lang), shown,
                            lang, width, measure=indicator.label(lang)),
    width="stretch",
    config={"displaylogo": False},
)
notes.method_breaks(indicator, lang)
if plotted_targets:
    st.caption(t("tren.targets_caption", lang))
if shown.conflicts:
    st.caption(f":material/rule: {t('tren.conflict_legend', lang)}")
notes.provenance(shown, lang)

download = exports.trend_download(table, plotted_targets, indicator, lang)
st.download_button(
    t("tren.download", lang),
    lambda: exports.to_csv_bytes(download),
    file_name=f"tren_{indicator.id}.csv",
    mime="text/csv",
    icon=":material/download:",
)
with st.expander(t("tren.table", lang)):
    st.dataframe(download, hide_index=True, width="stretch")
