"""Profil Wilayah: one printable profile per kecamatan or desa, also downloadable as a self-contained file."""

import streamlit as st

from lib.content import profile
from lib.core.i18n import t
from lib.ui import layout, loaders, notes, widgets

lang = widgets.current_language()
areas = loaders.area_registry()
# What every area's profile of a year compares with, once per release, year and rounding; a profile once per
# release, area, year and language. Both are shared by every viewer.
kutim_year = loaders.per_selection(
    "profil.kutim",
    lambda data, year, rounding: profile.kutim_year(data.programme_rows, data.values, data.programmes, year, rounding),
)
profile_page = loaders.per_selection(
    "profil.page",
    lambda data, code, year, lang, rounding: profile.with_fragment(
        code, year, data.programme_rows, data.values, data.published_counts, data.current_releases, data.programmes,
        data.areas, lang, rounding, kutim_year(year, rounding)),
)

st.title(t("profil.heading", lang))
top = st.columns([3, 3, 2])
kecamatan_codes = areas.codes_at("kecamatan")
kecamatan = widgets.url_choice(top[0].selectbox, t("peta.kecamatan", lang), kecamatan_codes, kecamatan_codes[0],
                          key="kecamatan", lang=lang, format_func=areas.name)
desa = widgets.url_choice(top[1].selectbox, t("cakupan.desa", lang), ["", *areas.children(kecamatan).index], "", key="desa",
                     lang=lang, format_func=lambda c: areas.name(c) if c else t("cakupan.all_desa", lang))
years = loaders.programme_years()
year = widgets.url_choice(top[2].selectbox, t("peta.year", lang), years, years[-1], key="tahun", lang=lang)

code = desa or kecamatan
rounding = loaders.rounding()
area_profile, fragment = profile_page(code, year, lang, rounding)
notes.provenance(area_profile.provenance, lang)
if rounding:
    notes.rounding_note(rounding, lang)

st.caption(t("profil.print_hint", lang))
st.download_button(t("profil.download", lang), lambda: profile.standalone_html(fragment, area_profile.name, lang),
                   file_name=f"profil_{code}_{year}.html", mime="text/html", icon=":material/download:")
layout.profile_print_layout()
st.html(fragment)
