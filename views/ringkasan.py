"""Ringkasan: Kutim's headline indicators, change since the previous period, target status, comparison."""

import streamlit as st

from lib.content import summary
from lib.core import provenance
from lib.core.i18n import t
from lib.core.wilayah import INDONESIA, KALTIM, KUTIM
from lib.ui import loaders, notes, widgets

CARD_WIDTH = 300

lang = widgets.current_language()
# The page's figures, computed once per release and language and shared by every viewer.
overview = loaders.per_selection(
    "ringkasan.overview",
    lambda data, lang: summary.overview(data.values, data.targets, data.indicators,
                                        {code: data.areas.name(code) for code in (KUTIM, KALTIM, INDONESIA)}, lang),
)(lang)

st.title(t("ringkasan.heading", lang))
st.caption(t("app.subtitle", lang))
notes.freshness_line(overview.kutim_values, lang)

cards = overview.cards
if not cards:
    st.info(t("ringkasan.no_data", lang))
# Cards of a fixed width that wrap: two a row on a 1024 px projector, four on a wide screen.
with st.container(horizontal=True, gap="medium"):
    for card in cards:
        with st.container(border=True, width=CARD_WIDTH):
            st.metric(
                card.indicator.label(lang),
                card.value,
                delta=card.delta,
                delta_color=card.delta_colour,
                delta_arrow=card.delta_arrow,
                delta_description=card.delta_description,
                help=card.indicator.definition(lang),
                chart_data=card.sparkline if len(card.sparkline) > 2 else None,
            )
            st.caption(summary.card_source(card, lang))
            conflicts = summary.card_conflicts(card, lang)
            if conflicts:
                st.caption(f":material/rule: {conflicts}")
            if card.status == provenance.DEMO:
                notes.demo_label(lang)
            st.caption(f":material/flag: {card.target}")

st.subheader(t("ringkasan.compare_heading", lang))
st.caption(t("ringkasan.compare_caption", lang))
st.dataframe(overview.comparison, hide_index=True, width="stretch")
notes.sources(overview.comparison_rows, lang)
