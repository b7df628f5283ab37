"""Tentang data: where every figure comes from, the points sources disagree on, terms, kinds, release calendar,
licences, and why BPS's poor and the agencies' registers differ ("dualisme data")."""

import streamlit as st

from lib.content import tentang
from lib.core import fmt
from lib.core.i18n import t
from lib.core.indicators import P0
from lib.ui import loaders, notes, widgets

lang = widgets.current_language()
data = loaders.published()
rounding = loaders.rounding()
# The tables are built once per release and choice, and shared by every viewer.
conflicts = loaders.per_selection("tentang.conflicts", lambda d, lang: tentang.conflicts(
    d.values, d.indicators, d.areas.name, lang))(lang)
kinds = loaders.per_selection("tentang.kinds", lambda d, lang: tentang.kinds(
    d.values, d.published_counts, d.programme_rows, lang))(lang)
dualism = loaders.per_selection("tentang.dualism", lambda d, lang, rounding: tentang.dualism(
    d.values, d.published_counts, d.programme_rows, d.programmes, rounding, lang))(lang, rounding)
points = loaders.per_selection("tentang.points", lambda d, indicator, lang: tentang.points(
    d.values, d.indicators[indicator], d.areas.name, lang))


def table(shown, *links: str) -> None:
    """A table whose source columns (`Sumber` and `links`) are links showing the site's host; notes kept narrow
    enough that the columns after them stay in view."""
    links = (t("col.sumber", lang), *links)
    host = r"https?://(?:www\.)?([^/?#]+)"
    columns = {name: st.column_config.LinkColumn(name, display_text=host) for name in links}
    for note in (t("col.catatan", lang), t("tentang.col.other_reports", lang), t("tentang.col.figure", lang)):
        columns[note] = st.column_config.TextColumn(width="medium")
    st.dataframe(shown, hide_index=True, width="stretch", column_config=columns)


st.title(t("tentang.heading", lang))
st.caption(t("tentang.intro", lang))

st.subheader(t("tentang.conflicts.heading", lang), divider="gray")
if conflicts.table.empty:
    st.info(t("tentang.conflicts.none", lang))
else:
    st.caption(t("tentang.conflicts.intro", lang))
    table(conflicts.table, t("tentang.col.other_source", lang))
    notes.sources(conflicts.rows, lang)

st.subheader(t("tentang.indicator.heading", lang), divider="gray")
options = tentang.indicator_options(data.values, data.indicators)
indicator = data.indicators[widgets.url_choice(
    st.selectbox, t("tentang.indicator.pick", lang), options, P0, key="indikator", lang=lang,
    format_func=lambda i: data.indicators[i].label(lang))]
st.markdown(f"**{t('tentang.definition', lang)}:** {fmt.markdown_text(indicator.definition(lang))}  \n"
            f"**{t('tentang.primary_source', lang)}:** {fmt.markdown_text(indicator.sumber)}")
notes.method_breaks(indicator, lang)
shown = points(indicator.id, lang)
st.markdown(f"**{t('tentang.points', lang)}**")
table(shown.table)
notes.sources(shown.rows, lang)

st.subheader(t("tentang.dualism.heading", lang), divider="gray")
st.caption(t("tentang.dualism.intro", lang))
if dualism.table.empty:
    st.info(t("tentang.dualism.none", lang))
else:
    table(dualism.table)
    notes.sources(dualism.published, lang)
    if dualism.demo:
        notes.demo_label(lang)
    for paragraph in tentang.dualism_explanation(dualism, lang):
        st.markdown(paragraph)

st.subheader(t("tentang.glossary.heading", lang), divider="gray")
st.markdown("\n".join(f"- **{term}**: {text}" for term, text in tentang.glossary(lang)))

st.subheader(t("tentang.kinds.heading", lang), divider="gray")
st.caption(t("tentang.kinds.intro", lang))
st.table(kinds, hide_index=True, border="horizontal")  # a static table wraps the meanings, which a grid cuts off

st.subheader(t("tentang.calendar.heading", lang), divider="gray")
st.caption(t("tentang.calendar.intro", lang))
st.markdown("\n".join(f"- {item}" for item in tentang.calendar(lang)))

st.subheader(t("tentang.licence.heading", lang), divider="gray")
st.markdown(t("tentang.licence.text", lang))
notes.demo_label(lang)
st.markdown(t("tentang.demo.text", lang))
