"""Ringkasan: Kutim's headline indicators, change since the previous period, target status, comparison."""

import streamlit as st

from lib.content import summary
from lib.core.i18n import t
from lib.core.wilayah import INDONESIA, KALTIM, KUTIM
from lib.render import charts
from lib.ui import loaders, notes, widgets

CARD_WIDTH = 300

lang = widgets.current_language()
values, targets, registry, areas = loaders.values(), loaders.targets(), loaders.indicators(), loaders.area_registry()
shown = [registry[i] for i in summary.HEADLINE_INDICATORS if i in registry]

st.title(t("ringkasan.heading", lang))
st.caption(t("app.subtitle", lang))
notes.freshness_line(values[values["kode_wilayah"] == KUTIM], lang)

cards = [card for card in (summary.headline_card(values, targets, i, lang) for i in shown) if card]
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
            st.caption(f"**{t('ringkasan.period', lang, period=card.period)}** · {t('source', lang)}: "
                       f"[{charts.source_label(card.source)}]({card.source})")
            if card.status == "contoh":
                notes.demo_label(lang)
            st.caption(f":material/flag: {card.target}")

st.subheader(t("ringkasan.compare_heading", lang))
st.caption(t("ringkasan.compare_caption", lang))
names = {code: areas.name(code) for code in (KUTIM, KALTIM, INDONESIA)}
table, table_sources = summary.comparison_table(values, shown, names, lang)
st.dataframe(table, hide_index=True, width="stretch")
st.caption(t("reported_bps", lang))
notes.source_note(table_sources, lang)
