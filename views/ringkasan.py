"""Ringkasan: the regent's first screen. What needs attention, Kutim's headline indicators with the change since
the previous period, Kaltim and Indonesia beside each and its target; the full comparison below."""

import streamlit as st

from lib.content import summary
from lib.core import provenance
from lib.core.i18n import t
from lib.core.wilayah import INDONESIA, KALTIM, KUTIM
from lib.ui import layout, loaders, notes, widgets

CARD_WIDTH = 316
# The comparison's columns: an area's wide enough for `Rp753,332 per capita per month`, the small trends' for their
# header; with the indicator's, the table fits beside the sidebar at 1366 px.
AREA_WIDTH, TREND_WIDTH = 190, 110

lang = widgets.current_language()
rounding = loaders.rounding()  # the public mode's; None in the internal mode
# The page's figures, computed once per release and language (and rounding) and shared by every viewer.
overview = loaders.per_selection(
    "ringkasan.overview",
    lambda data, lang: summary.overview(data.values, data.targets, data.indicators,
                                        {code: data.areas.name(code) for code in (KUTIM, KALTIM, INDONESIA)}, lang),
)(lang)
attention = loaders.per_selection(
    "ringkasan.attention",
    lambda data, lang, rounding: summary.attention(data.programme_rows, data.cubes, data.programmes, data.areas, lang,
                                                   rounding),
)(lang, rounding)

st.title(t("ringkasan.heading", lang))
notes.freshness_line(overview.kutim_values, lang)

# At 1366x768 the block and every card's comparison fit above the fold (tests/e2e/test_ringkasan.py).
if attention is not None:
    with st.container(border=True, gap="xsmall", key="perlu-perhatian"):
        # Heading, demo label and provenance line share one row: two lines fewer above the cards.
        with st.container(horizontal=True, gap="small", vertical_alignment="center"):
            st.markdown(f"**:material/priority_high: {t('ringkasan.attention_heading', lang, year=attention.year)}**",
                        width="content")
            notes.sources(attention.rows, lang)
        # Each row of links starts with what its figures mean, and wraps on a narrow screen.
        with st.container(horizontal=True, gap="small", vertical_alignment="center"):
            st.caption(t("ringkasan.attention_areas", lang), width="content")
            for link in attention.areas:
                st.page_link("views/peta.py", label=link.label, icon=":material/map:", query_params=link.query)
        with st.container(horizontal=True, gap="small", vertical_alignment="center"):
            st.caption(t("ringkasan.attention_gap", lang), width="content")
            if attention.programme is None:
                st.caption(t("ringkasan.attention_no_gap", lang), width="content")
            else:
                st.page_link("views/cakupan.py", label=attention.programme.label, icon=":material/diversity_3:",
                             query_params=attention.programme.query)
            if rounding:  # one short line, so the cards stay above the fold; the whole rule in its tooltip
                st.caption(t("ringkasan.rounding_short", lang, k=rounding.base), width="content",
                           help=t("cakupan.suppressed_note", lang, k=rounding.base, least=rounding.least_for_rate))

cards = overview.cards
if not cards:
    st.info(t("ringkasan.no_data", lang))
# Cards at least CARD_WIDTH wide, at most three a row (lib.ui.layout): three beside the sidebar at 1366 px, two on a
# 1024 px projector.
layout.summary_cards(CARD_WIDTH, {f"kartu-{card.indicator.id}": card.value for card in cards})
with st.container(horizontal=True, gap="small", key="ringkasan-kartu"):
    for card in cards:
        with st.container(border=True, width=CARD_WIDTH, gap="xsmall", key=f"kartu-{card.indicator.id}"):
            st.metric(
                card.indicator.label(lang),
                card.value,
                delta=card.delta,
                delta_color=card.delta_colour,
                delta_arrow=card.delta_arrow,
                delta_description=card.delta_description,
                help=card.indicator.definition(lang),
            )
            st.caption(f":material/compare_arrows: {card.peers}", help=card.peers_help)
            st.badge(card.target_chip, icon=":material/flag:", color=card.target_colour, help=card.target)
            st.caption(summary.card_source(card, lang))
            conflicts = summary.card_conflicts(card, lang)
            if conflicts:
                st.caption(f":material/rule: {conflicts}")
            if card.status == provenance.DEMO:
                notes.demo_label(lang)

st.subheader(t("ringkasan.compare_heading", lang))
st.caption(t("ringkasan.compare_caption", lang))
# A narrow screen (a 1024 px projector, a phone) scrolls the table sideways rather than cutting its figures.
st.dataframe(overview.comparison, hide_index=True, width="stretch",
             column_config={t("ringkasan.trend_column", lang): st.column_config.LineChartColumn(width=TREND_WIDTH)}
             | {area: st.column_config.TextColumn(width=AREA_WIDTH) for area in overview.area_columns})
notes.sources(overview.comparison_rows, lang)
