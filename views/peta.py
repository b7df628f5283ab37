"""Peta: choropleths of the Kaltim regencies and of Kutim's kecamatan and desa, with click-to-drill."""

import streamlit as st

from lib.analysis import mapdata
from lib.analysis.measures import MEASURES
from lib.content import cakupan, peta
from lib.core.i18n import t
from lib.render import charts, exports, geometry, maps
from lib.ui import layout, loaders, notes, widgets

lang = widgets.current_language()
areas = loaders.area_registry()
# A map's data, computed once per release and selection and shared by every viewer who picks it.
kaltim_map = loaders.per_selection(
    "peta.kaltim",
    lambda data, indicator_id, year, lang: peta.kaltim_view(data.values, data.current_releases,
                                                            data.indicators[indicator_id], year, data.areas, lang),
)
kutim_map = loaders.per_selection(
    "peta.kutim",
    lambda data, measure_id, programme, year, level, kecamatan, lang, rounding: peta.kutim_view(
        data.programme_rows, data.published_counts, data.values, data.current_releases, data.programmes,
        MEASURES[measure_id], programme, year, level, kecamatan, data.areas, lang, rounding),
)


def on_map_click() -> None:
    # Runs before the rerun, so the level and kecamatan widgets are drawn with the clicked area.
    clicked = maps.clicked_area(st.session_state.get("peta_klik"))
    st.session_state.update(peta.drill_down(st.session_state["tingkat"], clicked))


def back_to_all_kecamatan() -> None:
    st.session_state.update({"tingkat": "kecamatan", "kecamatan": ""})


st.title(t("peta.heading", lang))
top = st.columns([3, 4, 2, 3])
level = widgets.url_choice(top[0].selectbox, t("peta.level", lang), list(peta.LEVELS), "kecamatan", key="tingkat",
                      lang=lang, format_func=lambda v: t(f"peta.level.{v}", lang))
if level == "kaltim":
    values, indicators = loaders.values(), loaders.indicators()
    indicator_id = widgets.url_choice(top[1].selectbox, t("peta.measure", lang), list(peta.KALTIM_INDICATORS),
                                 peta.KALTIM_INDICATORS[0], key="ukuran_kaltim", lang=lang,
                                 format_func=lambda i: indicators[i].label(lang))
    year = widgets.url_choice(top[2].selectbox, t("peta.year", lang), peta.kaltim_years(values, indicator_id),
                         peta.default_kaltim_year(values, indicator_id), key="tahun_kaltim", lang=lang)
    shown = kaltim_map(indicator_id, year, lang)
    kecamatan = None
    decimals = indicators[indicator_id].desimal
    widgets.forget_url_choices("ukuran", "program", "tahun", "kecamatan")
else:
    widgets.forget_url_choices("ukuran_kaltim", "tahun_kaltim")
    programmes = loaders.programme_registry()
    measure = MEASURES[widgets.url_choice(top[1].selectbox, t("peta.measure", lang), list(MEASURES), "persen_desil_1_2",
                                     key="ukuran", lang=lang, format_func=lambda m: peta.measure_label(m, None, lang))]
    if measure.needs_programme:
        programme = widgets.url_choice(top[3].selectbox, t("peta.programme", lang), list(programmes), "PKH",
                                  key="program", lang=lang, format_func=lambda p: programmes[p].name(lang))
    else:
        programme = None
        widgets.forget_url_choices("program")
    # A programme's coverage also maps the years only its desa recap has (coverage of all households).
    years = loaders.programme_years()
    if measure.id == "cakupan_program":
        years = cakupan.years_with_data(years, loaders.published().published_counts, programme)
    year = widgets.url_choice(top[2].selectbox, t("peta.year", lang), years, loaders.programme_years()[-1], key="tahun",
                              lang=lang)
    kecamatan = None
    if level == "desa":
        left, right = st.columns([3, 2], vertical_alignment="bottom")
        kecamatan = widgets.url_choice(left.selectbox, t("peta.kecamatan", lang), ["", *areas.codes_at("kecamatan")], "",
                                  key="kecamatan", lang=lang,
                                  format_func=lambda c: areas.name(c) if c else t("peta.all_kecamatan", lang)) or None
        if kecamatan:
            right.button(t("peta.back", lang), icon=":material/arrow_back:", on_click=back_to_all_kecamatan)
            st.page_link("views/profil.py", label=t("profil.open", lang, name=areas.name(kecamatan)),
                         icon=":material/location_city:", query_params={"kecamatan": kecamatan})
    else:
        widgets.forget_url_choices("kecamatan")
    shown = kutim_map(measure.id, programme, year, level, kecamatan, lang, loaders.rounding())
    decimals = peta.measure_decimals(measure)

with st.expander(t("peta.settings", lang), icon=":material/tune:"):
    row = st.columns(3)
    method = widgets.url_choice(row[0].selectbox, t("peta.classification", lang), list(mapdata.CLASSIFICATIONS), "quantiles",
                           key="kelas", lang=lang, format_func=lambda v: t(f"peta.class.{v}", lang))
    palette = widgets.url_choice(row[1].selectbox, t("peta.palette", lang), list(maps.PALETTES), "oranye_merah",
                            key="palet", lang=lang, format_func=lambda v: t(f"peta.palette.{v}", lang))
    view = widgets.url_choice(row[2].segmented_control, t("peta.view", lang), ["peta", "3d"], "peta", key="tampilan",
                         lang=lang, format_func=lambda v: t(f"peta.view.{v}", lang), required=True)

data = shown.data
layer = peta.layer_for(level)
classes = mapdata.classify(data.table["nilai"], method)
table = mapdata.map_table(data, classes, lang)
title = peta.map_title(data, level, lang)
subtitle = peta.subtitle(level, kecamatan, year, areas, lang)
if view == "3d" and level != "kaltim":
    colours = maps.palette_for(palette, max(classes.count, 1), data.lower_is_better)
    fitted = geometry.view_for(layer, data.table["kode"].tolist(), width=layout.map_fit_width(), height=maps.MAP_HEIGHT)
    st.markdown(maps.heading_html(title, subtitle), unsafe_allow_html=True)
    deck = maps.desa_3d(geometry.layer_geojson(layer), peta.tooltip_texts(table, data, lang), classes, colours, "{teks}",
                        fitted)
    st.pydeck_chart(deck, height=maps.MAP_HEIGHT)
    st.markdown(maps.legend_html(f"{data.label} ({data.unit})", maps.darkness_note(data.lower_is_better, lang), colours,
                                 mapdata.legend_labels(classes, data.format_value, lang),
                                 data.missing(lang) if (classes.class_of < 0).any() else None),
                unsafe_allow_html=True)
    st.caption(t("peta.3d_caption", lang, measure=data.label))
else:
    width = layout.map_fit_width()  # a phone's or the narrowest laptop's: the view and the caption fit it
    lat, lon, zoom = geometry.view_for(layer, data.table["kode"].tolist(), width=width,
                                 height=maps.MAP_HEIGHT - maps.LEGEND_HEIGHT)
    figure = charts.captioned_taller(
        maps.choropleth(data, classes, geometry.static_url(layer), palette, lang, center=(lat, lon), zoom=zoom,
                        highlight=peta.highlighted(level)),
        title, subtitle, shown.provenance, lang, width)
    st.plotly_chart(figure, key="peta_klik", on_select=on_map_click, selection_mode="points", width="stretch",
                    config={"displaylogo": False})
    if level != "desa":
        st.caption(t("peta.click_hint_kaltim" if level == "kaltim" else "peta.click_hint", lang))
if shown.note:
    st.info(shown.note, icon=":material/info:")
if data.hides_small_cells:
    notes.rounding_note(loaders.rounding(), lang)
notes.provenance(shown.provenance, lang)

st.subheader(t("peta.table", lang))
st.dataframe(peta.screen_table(table, shown, lang), hide_index=True, width="stretch")
if len(shown.published):
    notes.sources(shown.published, lang)
st.download_button(t("peta.download", lang),
                   lambda: exports.to_csv_bytes(peta.download_table(table, shown, decimals, lang)),
                   file_name=f"peta_{level}_{year}.csv", mime="text/csv", icon=":material/download:")
