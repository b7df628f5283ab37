"""Profil Wilayah: one printable profile per kecamatan or desa, also downloadable as a self-contained file."""

import pandas as pd
import streamlit as st

from lib.content import profile
from lib.core import fmt, settings
from lib.core.i18n import t
from lib.ui import layout, loaders, widgets

lang = widgets.current_language()
rows, programmes, areas = loaders.programme_rows(), loaders.programme_registry(), loaders.area_registry()

st.title(t("profil.heading", lang))
top = st.columns([3, 3, 2])
kecamatan_codes = areas.codes_at("kecamatan")
kecamatan = widgets.url_choice(top[0].selectbox, t("peta.kecamatan", lang), kecamatan_codes, kecamatan_codes[0],
                          key="kecamatan", lang=lang, format_func=areas.name)
desa = widgets.url_choice(top[1].selectbox, t("cakupan.desa", lang), ["", *areas.children(kecamatan).index], "", key="desa",
                     lang=lang, format_func=lambda c: areas.name(c) if c else t("cakupan.all_desa", lang))
years = sorted(rows["tahun"].unique().tolist())
year = widgets.url_choice(top[2].selectbox, t("peta.year", lang), years, years[-1], key="tahun", lang=lang)

code = desa or kecamatan
newest = loaders.current_releases().sort_values("id").iloc[-1]
release = t("profil.release", lang, release=int(newest["id"]),
            updated=fmt.date(pd.Timestamp(newest["dibuat_pada"]).date(), lang))
area_profile = profile.build(code, year, rows, loaders.values(), programmes, areas.areas["nama"].to_dict(),
                             areas.areas["level"].to_dict(), release, lang)
k = settings.suppression_threshold()
locator = profile.locator_map(profile.locator_layer(code), code, area_profile.name)
fragment = profile.to_html(area_profile, locator, lang, k)
if k:
    st.caption(t("cakupan.suppressed_note", lang, k=k))

st.caption(t("profil.print_hint", lang))
st.download_button(t("profil.download", lang), profile.standalone_html(fragment, area_profile.name, lang),
                   file_name=f"profil_{code}_{year}.html", mime="text/html", icon=":material/download:")
layout.profile_print_layout()
st.html(fragment)
