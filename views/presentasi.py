"""Presentasi: the rakor slides for the projector (`?mode=presentasi`), or the agenda and how to start it."""

import streamlit as st

from lib.analysis.measures import MEASURES
from lib.content import agenda, aksi, peta, slides, summary
from lib.core import provenance, settings
from lib.core.i18n import t
from lib.ui import layout, loaders, notes, presentation, widgets

lang = widgets.current_language()
values, targets, indicators, areas = loaders.values(), loaders.targets(), loaders.indicators(), loaders.area_registry()
rows, programmes = loaders.programme_rows(), loaders.programme_registry()
rounding, published = loaders.rounding(), loaders.published()
known = agenda.Known(indicators, MEASURES, list(programmes), areas.areas.index.tolist(),
                     sorted(set(rows["tahun"]) | set(values["tahun"])), published.actions.rakor["kode"].tolist())
# Which steps are late, and which rakor was the last one, as of today in Kutai Timur.
today = aksi.today_in_kutim()
# The need map of "Wilayah prioritas tanpa aksi", once per release, options and day, shared by every viewer.
priority = loaders.per_selection(
    "slides.priority",
    lambda data, measure, programme, year, today, lang, rounding: slides.priority(
        measure, programme, year, data.programme_rows, data.programmes, data.actions, today, data.areas, lang,
        rounding),
)
deck, problems = agenda.load(settings.agenda_path(), known)

if problems:
    st.error(t("slide.agenda_problems", lang) + "\n\n" + "\n".join(f"- {p}" for p in problems))

if not presentation.presenting():
    st.title(t("slide.heading", lang))
    screen = widgets.url_choice(st.segmented_control, t("slide.screen", lang), list(presentation.SCREEN_HEIGHTS),
                                presentation.DEFAULT_SCREEN_HEIGHT, key="layar", lang=lang,
                                format_func=lambda h: t(f"slide.screen.{h}", lang), help=t("slide.screen_help", lang))
    st.page_link("views/presentasi.py", label=t("slide.start", lang), icon=":material/slideshow:",
                 query_params={"mode": "presentasi", "layar": screen, "lang": lang})
    st.page_link("views/presentasi.py", label=t("slide.print_all", lang), icon=":material/print:",
                 query_params={"mode": "presentasi", "cetak": "semua", "lang": lang})
    st.caption(t("slide.keys", lang))
    st.dataframe({t("slide.number", lang): list(range(1, len(deck) + 1)),
                  t("slide.title", lang): [s.title for s in deck],
                  t("slide.kind", lang): [t(f"slide.kind.{s.kind}", lang) for s in deck]}, hide_index=True)
    st.stop()

screen_height = presentation.screen_height()
layout.projector_layout(screen_height)
CHART = dict(width="stretch", theme=None,
             config={"displaylogo": False, "toImageButtonOptions": {"format": "png", "scale": 2}})


def chart(figure) -> None:
    st.plotly_chart(slides.sized(figure, screen_height), **CHART)


def move(step: int) -> None:
    st.session_state["slide"] = (st.session_state["slide"] + step) % len(deck)


def counter(number: int) -> str:
    return f"<p class='slide-counter'>{number} / {len(deck)}</p>"


def navigation(number: int) -> None:
    """Back, the slide number, forward; the clicker keys (PageUp/PageDown, arrows) are bound to these buttons (the
    arrow keys' buttons make the same moves and are not shown)."""
    nav = st.container(horizontal=True, horizontal_alignment="right", vertical_alignment="center", gap="small",
                       key="slide-nav")
    nav.button("", icon=":material/arrow_back:", shortcut="PageUp", on_click=move, args=(-1,),
               help=t("slide.previous", lang), key="slide-previous")
    nav.markdown(counter(number), unsafe_allow_html=True)
    nav.button("", icon=":material/arrow_forward:", shortcut="PageDown", on_click=move, args=(1,),
               help=t("slide.next", lang), key="slide-next")
    nav.button("", icon=":material/chevron_left:", shortcut="Left", on_click=move, args=(-1,), key="slide-left")
    nav.button("", icon=":material/chevron_right:", shortcut="Right", on_click=move, args=(1,), key="slide-right")


def priority_of(slide: agenda.Slide) -> aksi.PriorityView:
    options = slide.options
    return priority(options.get("ukuran"), options.get("program"), options.get("tahun"), today, lang, rounding)


def follow_up_of(slide: agenda.Slide) -> slides.FollowUp:
    return slides.follow_up(published.actions, today, slide.options.get("rakor"))


def heading(slide: agenda.Slide) -> tuple[str | None, provenance.Provenance, str]:
    """The finding the slide's figures show (None: keep the agenda's title), their provenance and period."""
    if slide.kind == "tindak_lanjut":  # the steps, recorded by staff (or demo), from Rencana Aksi's release
        follow = follow_up_of(slide)
        return (slides.follow_up_finding(follow, lang), slides.action_provenance(follow.steps, published.current_releases),
                slides.follow_up_period(follow, lang))
    if slide.kind == "prioritas_tanpa_aksi":
        title = slides.priority_finding(priority_of(slide), lang)
    else:
        title = slides.finding(slide, values, rows, published.published_counts, published.current_releases,
                               programmes, indicators, areas, lang, rounding)
    shown = slides.shown_provenance(slide, values, rows, areas, published.current_releases)
    return title, shown, slides.period_of(slide, values, rows)


def show(slide: agenda.Slide, number: int, with_navigation: bool) -> None:
    # The title states what the slide shows, from its figures; the agenda's title where no finding applies.
    title, shown, period = heading(slide)
    head = st.columns([5, 1], vertical_alignment="center")
    head[0].title(title or slide.title)
    with head[1]:
        if with_navigation:
            navigation(number)
        else:
            st.markdown(counter(number), unsafe_allow_html=True)
    notes.slide_subtitle(shown, period, lang)
    with st.container(key=f"slide-visual-{number}"):
        visual(slide)


def visual(slide: agenda.Slide) -> None:
    """The slide's main visual: 80 % of the projector's height (`slides.sized`, lib.ui.layout)."""
    if slide.kind == "ringkasan":
        cards = [c for c in (summary.headline_card(values, targets, indicators[i], lang)
                             for i in summary.HEADLINE_INDICATORS) if c]
        for start in range(0, len(cards), 3):
            for column, card in zip(st.columns(3, gap="small"), cards[start:start + 3]):
                # A break after "/" so Rp753.332/kapita/bulan wraps between words in large type.
                column.metric(card.indicator.label(lang), card.value.replace("/", "/\u200b"),
                              delta=card.delta, delta_color=card.delta_colour, delta_arrow=card.delta_arrow,
                              delta_description=card.period, border=True)
    elif slide.kind in ("peta_kaltim", "peta_kecamatan"):
        data, layer = slides.map_data(values, rows, programmes, indicators, slide, areas, lang, rounding)
        if presentation.printing_all_slides():
            st.html(slides.print_map(data, layer, lang))
        else:
            chart(slides.screen_map(data, layer, lang, screen_height))
    elif slide.kind == "kesenjangan_program":
        chart(slides.gap_ranking(rows, programmes, slide, areas, lang, rounding))
    elif slide.kind == "tren":
        chart(slides.trend(values, targets, indicators, slide, areas, lang, screen_height))
    elif slide.kind == "sejak_rakor":
        figure, table = slides.change_between_years(rows, programmes, slide, areas, lang, rounding)
        left, right = st.columns([2, 1])
        with left:
            chart(figure)
        right.markdown(slides.change_summary(table, lang))
    elif slide.kind == "profil":
        area = slides.area_profile(slide, values, rows, published.published_counts, published.current_releases,
                                   programmes, areas, lang, rounding)
        chart(slides.profile_coverage(area, lang))
    elif slide.kind == "tindak_lanjut":
        st.html(slides.follow_up_board(follow_up_of(slide), areas, lang, screen_height))
    elif slide.kind == "prioritas_tanpa_aksi":
        view = priority_of(slide)
        if presentation.printing_all_slides():
            left, right = st.columns([2, 1])
            left.html(slides.print_map(view.data, peta.layer_for(view.level), lang, view.without_step,
                                       t("aksi.map.without_step", lang)))
            right.markdown(slides.priority_summary(view, lang))
        else:
            chart(slides.priority_screen_map(view, lang, screen_height))


if presentation.printing_all_slides():
    # One slide a page: print this view to PDF (Ctrl+P) for an offline backup of the whole agenda.
    layout.slide_print_layout(len(deck))
    for number, each in enumerate(deck, start=1):
        with st.container(key=f"slide-{number}"):
            show(each, number, with_navigation=False)
    st.stop()


index = presentation.slide_index(len(deck))
show(deck[index], index + 1, with_navigation=True)
loaders.follow_new_releases(advance_every=presentation.auto_advance_seconds(), advance=lambda: move(1))
