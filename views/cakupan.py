"""Cakupan Program: who each programme reaches, where, and who is left out."""

import streamlit as st

from lib.content import cakupan
from lib.core import fmt
from lib.core.i18n import t
from lib.core.wilayah import KUTIM
from lib.render import exports
from lib.ui import layout, loaders, notes, widgets

lang = widgets.current_language()
rounding = loaders.rounding()  # the public mode's; None in the internal mode
programmes, areas = loaders.programme_registry(), loaders.area_registry()
# One selection's whole content, computed once per release and shared by every viewer who picks it.
coverage_view = loaders.per_selection(
    "cakupan.view",
    lambda data, selection, rounding, lang: cakupan.view(data.cube_of(selection.programme), selection,
                                                         data.areas.areas["nama"], data.published_counts,
                                                         data.current_releases, rounding, lang),
)
# The programme's desa recap (no deciles) summed to the selection: coverage of all households.
recap_view = loaders.per_selection(
    "cakupan.recap",
    lambda data, selection, rounding: cakupan.recap(data.published_counts, data.values, data.current_releases,
                                                    selection.programme, selection.year, selection.area,
                                                    selection.breakdown_level, data.areas.areas["nama"], rounding),
)
# The years a programme offers: a scan of every published count, once per release and programme.
offered_years = loaders.per_selection(
    "cakupan.years",
    lambda data, programme: cakupan.years_with_data(data.programme_years, data.published_counts, programme),
)
decile_options = [str(d) for d in cakupan.DECILES]
CHART_CONFIG = {"displaylogo": False}


def reset_deciles_to_programme_rule() -> None:
    # A new programme brings its own eligible deciles; a decile choice made for another programme would mislead.
    st.session_state["desil"] = [str(d) for d in cakupan.default_deciles(programmes[st.session_state["program"]])]


st.title(t("cakupan.heading", lang))
with st.expander(t("cakupan.definitions", lang), icon=":material/info:"):
    st.markdown(t("cakupan.definitions_text", lang))

top = st.columns([3, 2, 3, 3])
programme = widgets.url_choice(top[0].selectbox, t("peta.programme", lang), list(programmes), "PKH", key="program",
                          lang=lang, format_func=lambda p: programmes[p].name(lang), on_change=reset_deciles_to_programme_rule)
# Years with decile rows or a desa recap of the programme; the newest year with decile rows first.
years = offered_years(programme)
year = widgets.url_choice(top[1].selectbox, t("peta.year", lang), years, loaders.programme_years()[-1], key="tahun",
                          lang=lang)
kecamatan = widgets.url_choice(top[2].selectbox, t("peta.kecamatan", lang), ["", *areas.codes_at("kecamatan")], "",
                          key="kecamatan", lang=lang,
                          format_func=lambda c: areas.name(c) if c else t("cakupan.all_kutim", lang))
desa_options = ["", *areas.children(kecamatan).index.tolist()] if kecamatan else [""]
desa = widgets.url_choice(top[3].selectbox, t("cakupan.desa", lang), desa_options, "", key="desa", lang=lang,
                     format_func=lambda c: areas.name(c) if c else t("cakupan.all_desa", lang), disabled=not kecamatan)
rule = cakupan.default_deciles(programmes[programme])
if rounding:  # public: the programme's deciles only, or comparing two decile choices would give one decile's count back
    st.multiselect(t("cakupan.deciles", lang), decile_options, [str(d) for d in rule], disabled=True,
                   help=t("cakupan.deciles_public", lang, rule=programmes[programme].eligibility_basis))
    widgets.forget_url_choices("desil")
    deciles = rule
else:
    chosen = widgets.url_choices(st.multiselect, t("cakupan.deciles", lang), decile_options, [str(d) for d in rule],
                                 key="desil", lang=lang,
                                 help=t("cakupan.deciles_help", lang, rule=programmes[programme].eligibility_basis))
    deciles = cakupan.normalise_deciles(map(int, chosen), rule)
selection = cakupan.Selection(programme, year, desa or kecamatan or KUTIM, deciles)

if kecamatan:
    st.page_link("views/profil.py", label=t("profil.open", lang, name=areas.name(desa or kecamatan)),
                 icon=":material/location_city:", query_params={"kecamatan": kecamatan, **({"desa": desa} if desa else {})})
result = coverage_view(selection, rounding, lang)
if len(result.published):
    # Real counts, published without deciles at this level: their own block and provenance, above the demo label
    # and never added to (or rounded like) the estimates below.
    with st.container(border=True):
        st.markdown(f"**{t('published.heading', lang)}**")
        published = st.container(horizontal=True, gap="medium")
        for count in result.published.itertuples():
            published.metric(t("published.metric", lang, programme=programmes[programme].name(lang), year=year),
                             cakupan.count_text(count.nilai, count.satuan, lang),
                             help=fmt.markdown_text(count.catatan) if isinstance(count.catatan, str) else None, width="content")
        notes.provenance(result.published_provenance, lang)
        st.caption(t("published.note", lang))
recap = recap_view(selection, rounding)
if recap:
    # An agency's recipients per desa without deciles: coverage of all households, never a targeting measure. The
    # count cites the upload alone; the rate also the households it divides by (demo households say so).
    with st.container(border=True):
        st.markdown(f"**{t('recap.heading', lang, programme=programmes[programme].name(lang), year=year)}**")
        for texts, shown in ((cakupan.recap_texts(recap, programmes[programme].unit, lang), recap.counted),
                             (cakupan.recap_rate_texts(recap, lang), recap.rated)):
            row = st.container(horizontal=True, gap="medium")
            for label, text in texts.items():
                row.metric(label, text, width="content")
            notes.provenance(shown, lang)
        st.caption(f"{t('recap.note', lang)} {t('recap.desa', lang, desa=recap.desa)}")
        if recap.households_year != year:
            st.caption(t("recap.other_year", lang, households_year=recap.households_year, year=year))
        if len(result.published):
            st.caption(t("recap.beside_published", lang))
        if rounding:
            notes.rounding_note(rounding, lang)
        if len(recap.by_area) > 1:  # its kecamatan or desa
            st.dataframe(cakupan.recap_table(recap, lang), hide_index=True, width="stretch")
if len(result.published) or recap:
    st.markdown(f"**{t('cakupan.estimate', lang)}**")
if not result.has_data:
    key = "recap.needs_deciles" if recap else "cakupan.no_data"
    st.info(t(key, lang, programme=programmes[programme].name(lang), year=year))
    st.stop()
notes.provenance(result.provenance, lang)
if rounding:
    notes.rounding_note(rounding, lang)
# Unboxed and close together, the six figures share one line at 1366 px, so the first chart starts higher.
metrics = st.container(horizontal=True, gap="small")
for label, text in result.headline_texts.items():
    metrics.metric(t(label, lang), text, width="stretch")
headline = result.headline
if headline.realisation is not None:
    metrics.metric(t("cakupan.realisation", lang), fmt.percent(headline.realisation, 1, lang), width="stretch",
                   help=t("cakupan.realisation_detail", lang, spent=fmt.rupiah(headline.spent, lang),
                          budget=fmt.rupiah(headline.budget, lang)))

ranked = result.by_area
if len(ranked) and ranked["eksklusi"].iloc[0] > 0:
    st.markdown(t("cakupan.largest_exclusion", lang, name=fmt.markdown_text(ranked["nama"].iloc[0]),
                  count=fmt.number(ranked["eksklusi"].iloc[0], 0, lang)))

# Quick to build; cached per selection they took ~300 kB each.
drawn = cakupan.charts(result, selection, programmes[programme].name(lang), areas.name(selection.area), lang,
                       layout.map_fit_width())
# One figure a row: each carries its title, area, year and provenance line, which a half-width figure would cut.
for figure in (drawn.map, drawn.ranking, drawn.deciles, drawn.trend):
    st.plotly_chart(figure, width="stretch", config=CHART_CONFIG)

st.subheader(t("cakupan.table", lang))
st.dataframe(cakupan.table_on_screen(result.table, lang), column_config=cakupan.table_headers(lang), hide_index=True,
             width="stretch")
file_name = f"cakupan_{programme}_{year}_{selection.area}"
buttons = st.container(horizontal=True)
buttons.download_button(t("cakupan.download_csv", lang), lambda: exports.to_csv_bytes(cakupan.download(result, lang)),
                        file_name=f"{file_name}.csv", mime="text/csv", icon=":material/download:")
buttons.download_button(t("cakupan.download_xlsx", lang), lambda: exports.to_xlsx_bytes(cakupan.download(result, lang)),
                        file_name=f"{file_name}.xlsx",
                        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        icon=":material/table_view:")
