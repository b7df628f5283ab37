"""Presentasi: the rakor slides for the projector (`?mode=presentasi`), or the agenda and how to start it."""

import streamlit as st

from lib.analysis.measures import MEASURES
from lib.content import agenda, profile, slides, summary
from lib.core import settings
from lib.core.i18n import t
from lib.ui import layout, loaders, notes, presentation, widgets

lang = widgets.current_language()
values, targets, indicators, areas = loaders.values(), loaders.targets(), loaders.indicators(), loaders.area_registry()
rows, programmes = loaders.programme_rows(), loaders.programme_registry()
rounding = loaders.rounding()
known = agenda.Known(indicators, MEASURES, list(programmes), areas.areas.index.tolist(),
                     sorted(set(rows["tahun"]) | set(values["tahun"])))
deck, problems = agenda.load(settings.agenda_path(), known)

if problems:
    st.error(t("slide.agenda_problems", lang) + "\n\n" + "\n".join(f"- {p}" for p in problems))

if not presentation.presenting():
    st.title(t("slide.heading", lang))
    st.page_link("views/presentasi.py", label=t("slide.start", lang), icon=":material/slideshow:",
                 query_params={"mode": "presentasi", "lang": lang})
    st.page_link("views/presentasi.py", label=t("slide.print_all", lang), icon=":material/print:",
                 query_params={"mode": "presentasi", "cetak": "semua", "lang": lang})
    st.caption(t("slide.keys", lang))
    st.dataframe({t("slide.number", lang): list(range(1, len(deck) + 1)),
                  t("slide.title", lang): [s.title for s in deck],
                  t("slide.kind", lang): [t(f"slide.kind.{s.kind}", lang) for s in deck]}, hide_index=True)
    st.stop()

layout.projector_layout()
CHART = dict(width="stretch", theme=None,
             config={"displaylogo": False, "toImageButtonOptions": {"format": "png", "scale": 2}})


def show(slide: agenda.Slide, number: int) -> None:
    head = st.columns([6, 1], vertical_alignment="center")
    head[0].title(slide.title)
    head[1].markdown(f"<p class='slide-counter'>{number} / {len(deck)}</p>", unsafe_allow_html=True)
    if slide.kind == "ringkasan":
        cards = [c for c in (summary.headline_card(values, targets, indicators[i], lang)
                             for i in summary.HEADLINE_INDICATORS) if c]
        for start in range(0, len(cards), 3):
            for column, card in zip(st.columns(3, gap="medium"), cards[start:start + 3]):
                column.metric(card.indicator.label(lang), card.value, delta=card.delta, delta_color=card.delta_colour,
                              delta_arrow=card.delta_arrow, delta_description=card.period, border=True)
    elif slide.kind in ("peta_kaltim", "peta_kecamatan"):
        data, layer = slides.map_data(values, rows, programmes, indicators, slide, areas, lang, rounding)
        if presentation.printing_all_slides():
            st.html(slides.print_map(data, layer, lang))
        else:
            st.plotly_chart(slides.screen_map(data, layer, lang), **CHART)
    elif slide.kind == "kesenjangan_program":
        st.plotly_chart(slides.gap_ranking(rows, programmes, slide, areas, lang, rounding), **CHART)
    elif slide.kind == "tren":
        st.plotly_chart(slides.trend(values, targets, indicators, slide, areas, lang), **CHART)
    elif slide.kind == "sejak_rakor":
        figure, table = slides.change_between_years(rows, programmes, slide, areas, lang, rounding)
        left, right = st.columns([3, 2])
        left.plotly_chart(figure, **CHART)
        right.markdown(slides.change_summary(table, lang))
    elif slide.kind == "profil":
        code = slide.options["wilayah"]
        year = slide.options.get("tahun") or slides.latest(rows["tahun"].unique())
        published = loaders.published()
        st.html(profile.with_fragment(code, year, rows, values, published.published_counts, published.current_releases,
                                      programmes, areas, lang, rounding)[1])
    notes.sources(slides.shown_rows(slide, values, rows, areas), lang)


if presentation.printing_all_slides():
    # One slide a page: print this view to PDF (Ctrl+P) for an offline backup of the whole agenda.
    layout.slide_print_layout(len(deck))
    for number, each in enumerate(deck, start=1):
        with st.container(key=f"slide-{number}"):
            show(each, number)
    st.stop()


def move(step: int) -> None:
    st.session_state["slide"] = (st.session_state["slide"] + step) % len(deck)


index = presentation.slide_index(len(deck))
show(deck[index], index + 1)
nav = st.container(horizontal=True, horizontal_alignment="center", gap="medium")
nav.button(t("slide.previous", lang), icon=":material/arrow_back:", shortcut="PageUp", on_click=move, args=(-1,))
nav.button("", icon=":material/chevron_left:", shortcut="Left", on_click=move, args=(-1,),
           help=t("slide.previous", lang))
nav.button("", icon=":material/chevron_right:", shortcut="Right", on_click=move, args=(1,), help=t("slide.next", lang))
nav.button(t("slide.next", lang), icon=":material/arrow_forward:", shortcut="PageDown", on_click=move, args=(1,))
loaders.follow_new_releases(advance_every=presentation.auto_advance_seconds(), advance=lambda: move(1))
