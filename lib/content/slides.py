"""Slide content for the rakor presentation: figures sized and lettered for a projector, built from the same
functions as the pages, so a slide always shows the current release."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from html import escape

import pandas as pd
import plotly.graph_objects as go

from lib.analysis import mapdata, series, targeting
from lib.analysis.measures import MEASURES
from lib.analysis.privacy import Rounding
from lib.content import aksi, cakupan, findings, peta, profile, summary
from lib.content.agenda import Slide
from lib.core import actions, fmt, provenance
from lib.core.actions import ActionTables, with_status
from lib.core.i18n import t
from lib.core.programmes import Programme
from lib.core.targets import targets_for
from lib.core.wilayah import KUTIM, AreaRegistry
from lib.render import charts, geometry, maps, svg
from lib.render.charts import hover_text

# Slides are laid out for a 768 px high projector (a 1024x768 one): the main visual takes 80 % of its height and
# text is 26 px; `sized` scales a figure to another projector's height.
DESIGN_SCREEN_HEIGHT = 768
FIGURE_HEIGHT = 618
# Read from the back of a ballroom: 24 px and up on a 1024x768 projector.
PROJECTOR_FONT = dict(family="Source Sans Pro, DejaVu Sans, Arial, sans-serif", size=26, color="#000000")


def for_projector(figure: go.Figure, height: int = FIGURE_HEIGHT) -> go.Figure:
    """Large type, with margins that grow to fit the larger tick labels."""
    figure.update_layout(font=PROJECTOR_FONT, height=height)
    if not any(trace.type == "choroplethmap" for trace in figure.data):
        # Fewer, larger ticks: six numbers of 26 px fit across a 1024 px projector without touching.
        figure.update_xaxes(automargin=True, nticks=6)
        figure.update_yaxes(automargin=True)
    return figure


def scaled(px: float, screen_height: int) -> int:
    """A size of the 768 px design on a projector `screen_height` px high."""
    return round(px * screen_height / DESIGN_SCREEN_HEIGHT)


def sized(figure: go.Figure, screen_height: int) -> go.Figure:
    """A slide figure scaled from the 768 px design to a projector `screen_height` px high."""
    font = scaled(PROJECTOR_FONT["size"], screen_height)
    figure.update_layout(height=scaled(FIGURE_HEIGHT, screen_height), font=dict(size=font))
    if figure.layout.legend.font.size:
        figure.update_layout(legend=dict(font=dict(size=font)))
    return figure


def latest(years) -> int:
    return int(max(years))


def map_data(values: pd.DataFrame, rows: pd.DataFrame, programmes: Mapping[str, Programme], indicators: dict, slide: Slide,
             areas: AreaRegistry, lang: str, rounding: Rounding | None) -> tuple[mapdata.MapData, str]:
    """What a map slide shows, and on which layer: the Kaltim regencies or Kutim's kecamatan."""
    if slide.kind == "peta_kaltim":
        indicator = indicators[slide.options["indikator"]]
        year = slide.options.get("tahun") or peta.default_kaltim_year(values, indicator.id)
        return peta.kaltim_map_data(values, indicator, year, areas, lang), "kaltim_kabupaten"
    measure = MEASURES[slide.options["ukuran"]]
    programme = slide.options.get("program", "PKH") if measure.needs_programme else None
    year = slide.options.get("tahun") or latest(rows["tahun"].unique())
    data = peta.kutim_map_data(rows, programmes, measure, programme, year, "kecamatan", None, areas, lang, rounding)
    return data, "kutim_kecamatan"


def shown_provenance(slide: Slide, values: pd.DataFrame, rows: pd.DataFrame, areas: AreaRegistry,
                     releases: pd.DataFrame) -> provenance.Provenance:
    """The provenance line of a slide: of the rows its figures are built from (`shown_rows`). A trend's title is its
    first area's finding, so that area's sources lead."""
    shown = shown_rows(slide, values, rows, areas)
    whole = provenance.of(shown, releases)
    if slide.kind != "tren":
        return whole
    first = slide.options.get("wilayah", [KUTIM])[0]
    return provenance.led_by(whole, provenance.of(shown[shown["kode_wilayah"] == first], releases))


def shown_rows(slide: Slide, values: pd.DataFrame, rows: pd.DataFrame, areas: AreaRegistry) -> pd.DataFrame:
    """The published rows a slide's figures are built from, for its provenance line (lib.core.provenance)."""
    options = slide.options
    if slide.kind == "ringkasan":
        kutim = values[values["kode_wilayah"] == KUTIM]
        latest_rows = [series.sorted_periods(series.observations(kutim, i, KUTIM)).tail(1)
                       for i in summary.HEADLINE_INDICATORS]
        return pd.concat(latest_rows, ignore_index=True)
    if slide.kind == "peta_kaltim":  # the one row per regency the map draws
        indicator = options["indikator"]
        return peta.kaltim_rows(values, indicator, options.get("tahun") or peta.default_kaltim_year(values, indicator),
                                areas)
    if slide.kind == "tren":
        return values[(values["indikator"] == options["indikator"])
                      & values["kode_wilayah"].isin(options.get("wilayah", [KUTIM]))]
    if slide.kind == "sejak_rakor":
        years = [options["tahun_awal"], options["tahun_akhir"]]
    else:
        years = [options.get("tahun") or latest(rows["tahun"].unique())]
    shown = rows[rows["tahun"].isin(years)]
    if "program" in options:
        shown = shown[shown["program"] == options["program"]]
    if slide.kind == "profil":
        shown = shown[shown["kode_wilayah"].str.startswith(options["wilayah"])]
    return shown


def period_of(slide: Slide, values: pd.DataFrame, rows: pd.DataFrame) -> str:
    """The year (or years) a slide shows, for its subtitle."""
    options = slide.options
    if slide.kind == "ringkasan":
        return str(int(values.loc[values["kode_wilayah"] == KUTIM, "tahun"].max()))
    if slide.kind == "tren":
        shown = values[(values["indikator"] == options["indikator"])
                       & values["kode_wilayah"].isin(options.get("wilayah", [KUTIM]))]["tahun"]
        return f"{int(shown.min())}–{int(shown.max())}" if len(shown) else ""
    if slide.kind == "sejak_rakor":
        return f"{options['tahun_awal']}–{options['tahun_akhir']}"
    if slide.kind == "peta_kaltim":
        return str(options.get("tahun") or peta.default_kaltim_year(values, options["indikator"]))
    return str(options.get("tahun") or latest(rows["tahun"].unique()))


def finding(slide: Slide, values: pd.DataFrame, rows: pd.DataFrame, published_counts: pd.DataFrame,
            releases: pd.DataFrame, programmes: Mapping[str, Programme], indicators: dict, areas: AreaRegistry,
            lang: str, rounding: Rounding | None) -> str | None:
    """The slide's title as the finding its figures show (lib.content.findings); None keeps the agenda title."""
    options = slide.options
    if slide.kind in ("ringkasan", "tren"):
        indicator = indicators[options.get("indikator", summary.HEADLINE_INDICATORS[0])]
        area = options.get("wilayah", [KUTIM])[0]
        figure = series.headline(values, indicator, area)
        if figure is None:
            return None
        subject = findings.subject(indicator.id, indicator.label(lang), areas.name(area), lang)
        if slide.kind == "tren":  # the whole line, from its first point on the latest method's basis
            shown = series.sorted_periods(series.observations(values, indicator.id, area))
            if indicator.method_breaks:
                shown = shown[shown["tahun"].map(indicator.method_of) == indicator.method_of(figure.latest.year)]
            first = shown.iloc[0]
            first_period = fmt.period(int(first["tahun"]), None if pd.isna(first["bulan"]) else int(first["bulan"]), lang)
            return findings.span(subject, indicator.format(float(first["nilai"]), lang), first_period,
                                 indicator.format(figure.latest.value, lang), figure.latest.period(lang), lang)
        previous = figure.previous.value if figure.previous is not None and figure.comparable else None
        return findings.change(subject, figure.latest.value, previous, indicator.format(figure.latest.value, lang),
                               figure.latest.period(lang), lang)
    if slide.kind in ("peta_kaltim", "peta_kecamatan"):
        data, _ = map_data(values, rows, programmes, indicators, slide, areas, lang, rounding)
        if slide.kind == "peta_kaltim":
            return findings.rank(data.table, KUTIM, data.format_value, data.lower_is_better, lang)
        return findings.extremes(data.table, data.label, data.format_value, lang)
    if slide.kind == "kesenjangan_program":
        programme = programmes[options["program"]]
        year = options.get("tahun") or latest(rows["tahun"].unique())
        return findings.largest_gap(gap_table(rows, programme, year, areas, rounding),
                                    fmt.short_name(programme.name(lang)), lambda n: fmt.number(n, 0, lang), lang)
    if slide.kind == "profil":
        area = area_profile(slide, values, rows, published_counts, releases, programmes, areas, lang, rounding)
        return findings.lowest_coverage(area.name, area.programmes, lambda v: fmt.percent(v, 1, lang), lang)
    if slide.kind == "sejak_rakor":
        _, table = change_between_years(rows, programmes, slide, areas, lang, rounding)
        directions = table[t("slide.direction", lang)]
        return findings.since_last_meeting(int((directions == t("slide.worse", lang)).sum()),
                                           int((directions == t("slide.better", lang)).sum()), len(table),
                                           options["tahun_awal"], lang)
    return None


def area_profile(slide: Slide, values: pd.DataFrame, rows: pd.DataFrame, published_counts: pd.DataFrame,
                 releases: pd.DataFrame, programmes: Mapping[str, Programme], areas: AreaRegistry, lang: str,
                 rounding: Rounding | None) -> profile.AreaProfile:
    year = slide.options.get("tahun") or latest(rows["tahun"].unique())
    return profile.build(slide.options["wilayah"], year, rows, values, published_counts, releases, programmes,
                         areas.areas["nama"].to_dict(), areas.areas["level"].to_dict(), lang, rounding)


def profile_coverage(area: profile.AreaProfile, lang: str) -> go.Figure:
    """An area's coverage per programme, lowest on top, each bar labelled: the profile as one projector chart."""
    table = area.programmes.dropna(subset=["cakupan"]).sort_values("cakupan", ascending=False)
    names = [fmt.short_name(name) for name in table["nama"]]
    figure = go.Figure(go.Bar(
        x=table["cakupan"], y=names, orientation="h", marker_color=charts.SERIES_COLOURS[0],
        text=[fmt.percent(v, 1, lang) for v in table["cakupan"]], textposition="outside", cliponaxis=False,
        customdata=[[fmt.number(r, 0, lang), fmt.number(e, 0, lang)] for r, e in zip(table["penerima_layak"],
                                                                                    table["eksklusi"])],
        hovertemplate=(f"<b>%{{y}}</b><br>{t('cakupan.coverage', lang)}: %{{text}}<br>"
                       f"{t('cakupan.excluded', lang)}: %{{customdata[1]}}<extra></extra>"),
    ))
    figure.update_layout(margin=dict(l=10, r=60, t=10, b=10), showlegend=False, separators=charts.number_separators(lang))
    figure.update_xaxes(title=t("slide.coverage_axis", lang), range=[0, 100], ticksuffix=" %")
    return for_projector(figure)


def _screen_view(layer: str, codes: list[str], screen_height: int) -> tuple[float, float, float]:
    """(lat, lon, zoom) of a map slide fitted to the projector's height (and a 4:3 width at least)."""
    height = round(FIGURE_HEIGHT * screen_height / DESIGN_SCREEN_HEIGHT) - maps.LEGEND_HEIGHT
    return geometry.view_for(layer, codes, width=max(maps.MAP_FIT_WIDTH, height * 4 // 3), height=height)


def _for_projector_map(figure: go.Figure) -> go.Figure:
    # Class labels in two lines, so all five fit side by side in large type instead of turning on their side.
    for trace in figure.data:
        if trace.type == "choroplethmap" and trace.showscale is not False and trace.colorbar.ticktext:
            trace.colorbar.update(ticktext=[label.replace(" – ", " –<br>") for label in trace.colorbar.ticktext],
                                  tickangle=0)
    return for_projector(figure)


def screen_map(data: mapdata.MapData, layer: str, lang: str, screen_height: int = DESIGN_SCREEN_HEIGHT) -> go.Figure:
    """The map of a map slide, its zoom fitted to the projector's height (and a 4:3 width at least)."""
    classes = mapdata.classify(data.table["nilai"], "quantiles")
    lat, lon, zoom = _screen_view(layer, data.table["kode"].tolist(), screen_height)
    figure = maps.choropleth(data, classes, geometry.static_url(layer), "oranye_merah", lang, center=(lat, lon),
                             zoom=zoom, highlight=peta.highlighted("kaltim") if layer == "kaltim_kabupaten" else None,
                             height=FIGURE_HEIGHT)
    return _for_projector_map(figure)


def print_map(data: mapdata.MapData, layer: str, lang: str, outlined: Collection[str] = (),
              outlined_label: str | None = None) -> str:
    """The same map as a static image the width of the printed page (a printed WebGL map comes out blank), every
    area named at its label point, Kutim outlined on the Kaltim map, or the `outlined` areas (`outlined_label` in the
    legend says what they are)."""
    classes = mapdata.classify(data.table["nilai"], "quantiles")
    points = geometry.centroids(layer)
    labels = points.assign(nama=points["nama"].map(fmt.short_name))
    outline = {KUTIM} if layer == peta.layer_for("kaltim") else outlined
    return svg.printable_map(data, classes, "oranye_merah", geometry.layer_geojson(layer), lang, labels, outline,
                             outlined_label)


def gap_ranking(rows: pd.DataFrame, programmes: Mapping[str, Programme], slide: Slide, areas: AreaRegistry, lang: str,
                rounding: Rounding | None) -> go.Figure:
    programme = programmes[slide.options["program"]]
    year = slide.options.get("tahun") or latest(rows["tahun"].unique())
    return for_projector(charts.exclusion_ranking(gap_table(rows, programme, year, areas, rounding), lang))


def gap_table(rows: pd.DataFrame, programme: Programme, year: int, areas: AreaRegistry,
              rounding: Rounding | None) -> pd.DataFrame:
    """Each kecamatan's exclusion from `programme` in `year`, largest first (as Cakupan computes it)."""
    selection = cakupan.Selection(programme.id, year, KUTIM, cakupan.default_deciles(programme))
    cube = targeting.Cube.of(rows[rows["program"] == programme.id])
    return cakupan.by_area(cube, selection, areas.areas["nama"].to_dict(), rounding)


# The slide's side padding (lib.ui.layout's projector CSS: 1.2rem a side), which the main column's figures lose.
_SLIDE_SIDE_PADDING = 40


def trend(values: pd.DataFrame, targets: pd.DataFrame, indicators: dict, slide: Slide, areas: AreaRegistry,
          lang: str, screen_height: int = DESIGN_SCREEN_HEIGHT) -> go.Figure:
    """Each area's line and each whose target named at its end in the projector's type (`sized` for
    `screen_height`); a legend only for an older method's line, in one line above the plot."""
    indicator = indicators[slide.options["indikator"]]
    codes = slide.options.get("wilayah", [KUTIM])
    table = series.trend_table(values, indicator, codes, {c: fmt.short_name(areas.name(c)) for c in codes}, lang)
    plotted = [target for code in codes for target in targets_for(targets, indicator.id, code)]
    # Only the projector's height is known (`?layar=`): its width is taken as a 4:3 screen's of that height, the
    # narrowest a projector has (1024 at 768); a 16:9 one gives the labels more room than they were measured for.
    width = screen_height * 4 // 3 - _SLIDE_SIDE_PADDING
    font = scaled(PROJECTOR_FONT["size"], screen_height)
    height = scaled(FIGURE_HEIGHT, screen_height)
    figure = for_projector(charts.trend_figure(table, plotted, indicator, lang, width, font, height), height)
    # An older method's legend entries in one line above the plot, with the room its type takes. The years on the
    # time axis speak for themselves.
    return figure.update_xaxes(title=None).update_layout(
        font=dict(size=font), legend=dict(orientation="h", yanchor="bottom", y=1.0, x=0, font=dict(size=font)),
        margin=dict(t=round(1.6 * font) if figure.layout.showlegend else 30))


def _change_text(change: float, measure, lang: str) -> str:
    """A change of a rate is in percentage points, of a count in households."""
    if pd.isna(change):
        return "–"
    text = fmt.sign(change) + fmt.number(abs(change), 1 if measure.unit == "persen" else 0, lang)
    return f"{text} {t('unit.poin_persen', lang)}" if measure.unit == "persen" else text


def change_between_years(rows: pd.DataFrame, programmes: Mapping[str, Programme], slide: Slide, areas: AreaRegistry,
                         lang: str, rounding: Rounding | None) -> tuple[go.Figure, pd.DataFrame]:
    """"Sejak rakor terakhir": each kecamatan's change of a measure between two years, worse first."""
    measure = MEASURES[slide.options["ukuran"]]
    programme = slide.options.get("program", "PKH") if measure.needs_programme else None
    start, end = slide.options["tahun_awal"], slide.options["tahun_akhir"]
    before, after = (peta.kutim_map_data(rows, programmes, measure, programme, year, "kecamatan", None, areas, lang, rounding)
                     for year in (start, end))
    change = before.table[["kode", "nama"]].assign(awal=before.table["nilai"], akhir=after.table["nilai"])
    change["perubahan"] = change["akhir"] - change["awal"]
    worse_first = change.sort_values("perubahan", ascending=not measure.lower_is_better, na_position="last")
    rising, falling = worse_first["perubahan"] > 0, worse_first["perubahan"] < 0
    worse, better = (rising, falling) if measure.lower_is_better else (falling, rising)
    colours = ["#D55E00" if w else "#0072B2" for w in worse]
    shown = worse_first.iloc[::-1]
    figure = go.Figure(go.Bar(
        x=shown["perubahan"], y=shown["nama"], orientation="h", marker_color=colours[::-1],
        customdata=[[measure.format(a, lang), measure.format(b, lang)] for a, b in zip(shown["awal"], shown["akhir"])],
        hovertemplate=f"<b>%{{y}}</b><br>{start}: %{{customdata[0]}}<br>{end}: %{{customdata[1]}}<extra></extra>",
    ))
    figure.update_layout(margin=dict(l=10, r=10, t=10, b=10), showlegend=False,
                         separators=charts.number_separators(lang))
    unit = t("unit.poin_persen" if measure.unit == "persen" else "unit.rumah_tangga", lang)
    # The years are in the slide's subtitle; the axis names the unit.
    figure.update_xaxes(title=t("slide.change_axis", lang, unit=unit), zeroline=True, zerolinewidth=2, automargin=True)
    figure.update_yaxes(automargin=True, dtick=1)  # every kecamatan named, not every other one
    summary = pd.DataFrame({
        t("col.wilayah", lang): worse_first["nama"],
        str(start): [measure.format(v, lang) if pd.notna(v) else "–" for v in worse_first["awal"]],
        str(end): [measure.format(v, lang) if pd.notna(v) else "–" for v in worse_first["akhir"]],
        t("slide.change", lang): [_change_text(v, measure, lang) for v in worse_first["perubahan"]],
        t("slide.direction", lang): [t("slide.worse" if w else "slide.better" if b else "slide.same", lang)
                                     for w, b in zip(worse, better)],
    })
    return for_projector(figure), summary


def change_summary(table: pd.DataFrame, lang: str, count: int = 3) -> str:
    """The areas that worsened most and improved most, as short Markdown lists for the projector; an area that
    improved is never listed as worsening (when none worsened, the slide says so)."""
    name, before, after, change, direction = table.columns
    line = lambda row: f"- **{fmt.markdown_text(row[name])}**: {row[before]} → {row[after]} ({row[change]})"
    worst = table[table[direction] == t("slide.worse", lang)].head(count)
    best = table[table[direction] == t("slide.better", lang)].tail(count).iloc[::-1]
    lines = [f"#### {t('slide.worst', lang)}", *(map(line, (r for _, r in worst.iterrows())) if len(worst)
                                                  else [t("slide.none_worse", lang)])]
    lines += [f"#### {t('slide.best', lang)}", *(map(line, (r for _, r in best.iterrows())) if len(best)
                                                 else [t("slide.none_better", lang)])]
    return "\n".join(lines)


# --- Rencana Aksi on the slides (issue 17) ------------------------------------------------------------------

# Room for this many steps and a line "+ n langkah lain" in a slide's figure height, at two lines of 26 px a step
# (every size scales with the screen's height, so the same number fits on every projector).
FOLLOW_UP_ROOM = 7
# A step's place on the slide: overdue first, then the open steps, then those done, the cancelled last.
_FOLLOW_UP_ORDER = {actions.LATE: 0, "berjalan": 1, actions.PLANNED: 1, "selesai": 2, "dibatalkan": 3}
# Status colours (Okabe-Ito, dark enough for white text on a washed-out projector); the label says it too.
_STATUS_COLOURS = {actions.LATE: "#B34700", "berjalan": "#005A8C", actions.PLANNED: "#4D4D4D", "selesai": "#00694D",
                   "dibatalkan": "#8C8C8C"}
# A title of this many characters fits one line beside the slide counter on a 1024 px projector (28 px bold; wider
# projectors scale the type with their height, so they fit at least as many).
TITLE_CHARS = 56


@dataclass(frozen=True)
class FollowUp:
    """A "Tindak lanjut rakor sebelumnya" slide: one rakor and its steps in the slide's order."""

    rakor: pd.Series | None  # the rakor's row; None when no earlier rakor has steps
    steps: pd.DataFrame  # its steps with `status_aksi` (lib.core.actions.with_status), overdue first
    today: dt.date


def previous_rakor(tables: actions.ActionTables, today: dt.date) -> str | None:
    """The code of the latest rakor before `today` that decided steps (None when there is none)."""
    earlier = tables.rakor[tables.rakor["tanggal"].map(lambda day: day is not None and day < today)
                           & tables.rakor["kode"].isin(set(tables.steps["rakor"]))]
    if earlier.empty:
        return None
    return str(earlier.sort_values(["tanggal", "kode"], kind="stable").iloc[-1]["kode"])


def follow_up_order(steps: pd.DataFrame) -> pd.DataFrame:
    """Steps (with `status_aksi`) as the slide lists them: overdue first, the longest overdue on top; then the open
    steps, the nearest due date first (the most urgent); then those done, and the cancelled last; ties by code."""
    rank = steps["status_aksi"].map(_FOLLOW_UP_ORDER).fillna(len(_FOLLOW_UP_ORDER))
    due = steps["tenggat"].map(lambda day: day or dt.date.max)
    order = sorted(range(len(steps)), key=lambda i: (rank.iloc[i], due.iloc[i], str(steps["kode"].iloc[i])))
    return steps.iloc[order].reset_index(drop=True)


def follow_up(tables: actions.ActionTables, today: dt.date, code: str | None = None) -> FollowUp:
    """The steps of rakor `code` (by default the last one before `today` with steps), overdue first."""
    code = code or previous_rakor(tables, today)
    found = tables.rakor[tables.rakor["kode"] == code]
    if code is None or found.empty:
        return FollowUp(None, with_status(tables, today).iloc[:0], today)
    steps = with_status(ActionTables(tables.rakor, tables.steps[tables.steps["rakor"] == code],
                                     tables.progress), today)
    return FollowUp(found.iloc[0], follow_up_order(steps), today)


def fitting_steps(steps: pd.DataFrame, room: int = FOLLOW_UP_ROOM) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The first `room` steps (in slide order), shown, and the rest, counted in "+ n langkah lain"."""
    return steps.iloc[:room], steps.iloc[room:]


def follow_up_finding(follow: FollowUp, lang: str) -> str | None:
    """`Rakor 20 Agustus 2026: 2 dari 7 langkah terlambat`: of the steps still in force (cancelled ones are not), how
    many are late; or that none, or all, are late, or all done. None without steps."""
    if follow.rakor is None or follow.steps.empty:
        return None
    date = fmt.date(follow.rakor["tanggal"], lang)
    counts = follow.steps["status_aksi"].value_counts()
    late, cancelled, done = (int(counts.get(status, 0)) for status in (actions.LATE, "dibatalkan", "selesai"))
    active = len(follow.steps) - cancelled
    if active == 0:
        return t("slide.aksi.all_cancelled", lang, date=date)
    if done == active > 1:
        return t("slide.aksi.all_done", lang, n=done, date=date)
    if late == 0:
        return t("slide.aksi.none_late", lang, date=date)
    if late == active > 1:
        return t("slide.aksi.all_late", lang, n=late, date=date)
    return t("slide.aksi.late", lang, late=late, n=active, date=date)


def follow_up_period(follow: FollowUp, lang: str) -> str:
    """`Status per 29 November 2026`, for the subtitle (the rakor's date is in the title)."""
    return t("slide.aksi.status_on", lang, date=fmt.date(follow.today, lang))


def action_provenance(steps: pd.DataFrame, releases: pd.DataFrame) -> provenance.Provenance:
    """Steps as a slide shows them: demo or recorded by staff (`status`), from the Rencana Aksi release in force."""
    rows = pd.DataFrame({"status": steps["status"].astype(str), "sumber": None})
    return provenance.of(rows, releases[releases["dataset"] == actions.DATASET])


def _who_and_where(step: pd.Series, areas: AreaRegistry) -> str:
    """`Dinas Sosial · Sangatta Utara, Bengalon`: the responsible institution and the step's areas."""
    places = [fmt.short_name(areas.name(code)) for code in actions.areas_of(step["wilayah"])]
    return " · ".join([str(step["pelaksana"]), *([", ".join(places)] if places else [])])


def _status_and_due(step: pd.Series, today: dt.date, lang: str) -> tuple[str, str]:
    """`Terlambat 14 hari` / `tenggat 15 November 2026`: the status (how long overdue), and the due date."""
    status, due = step["status_aksi"], step["tenggat"]
    label = t(f"aksi.status.{status}", lang)
    if status == actions.LATE and due is not None:
        label = t("slide.aksi.late_by", lang, n=fmt.number((today - due).days, 0, lang))
    return label, t("slide.aksi.due", lang, date=fmt.date(due, lang)) if due is not None else ""


def follow_up_board(follow: FollowUp, areas: AreaRegistry, lang: str,
                    screen_height: int = DESIGN_SCREEN_HEIGHT) -> str:
    """The steps as one HTML block the height of a slide's figure, a row per step: what, and who and where, beside
    the status (how long overdue) and the due date; each line cut with an ellipsis rather than wrapped, so the rows
    always fit; then "+ n langkah lain" with their statuses when more steps than fit. Texts from the store are
    escaped: data, never markup."""
    scale = screen_height / DESIGN_SCREEN_HEIGHT
    px = lambda size: f"{round(size * scale)}px"
    shown, rest = fitting_steps(follow.steps)
    rows = []
    for _, step in shown.iterrows():
        status, due = _status_and_due(step, follow.today, lang)
        colour = _STATUS_COLOURS.get(step["status_aksi"], "#000000")
        rows.append(
            f"<div class='aksi-step aksi-{escape(str(step['status_aksi']))}' style='border-left-color:{colour}'>"
            f"<div class='aksi-main'><div class='aksi-what'>{escape(str(step['judul']))}</div>"
            f"<div>{escape(_who_and_where(step, areas))}</div></div>"
            f"<div class='aksi-when'><div class='aksi-status' style='color:{colour}'>{escape(status)}</div>"
            f"<div>{escape(due)}</div></div></div>")
    if len(rest):
        counts = rest["status_aksi"].value_counts()
        kinds = ", ".join(f"{counts[s]} {t(f'aksi.status.{s}', lang).lower()}"
                          for s in dict.fromkeys(rest["status_aksi"]))  # in the slide's order
        rows.append(f"<div class='aksi-more'>{escape(t('slide.aksi.more', lang, n=len(rest), statuses=kinds))}</div>")
    if not rows:
        rows.append(f"<div class='aksi-more'>{escape(t('slide.aksi.no_steps', lang))}</div>")
    style = (f".aksi-board {{ height: {px(FIGURE_HEIGHT)}; display: flex; flex-direction: column; gap: {px(8)};"
             f" color: #000000; font-size: {px(26)}; line-height: 1.25; overflow: hidden; }}"
             f" .aksi-step {{ display: flex; gap: {px(14)}; padding: {px(2)} 0 {px(6)} {px(12)};"
             f" border-left: {px(10)} solid; border-bottom: 1px solid #bbbbbb; }}"
             f" .aksi-main {{ flex: 1; min-width: 0; }}"
             f" .aksi-main > div, .aksi-when > div {{ white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }}"
             f" .aksi-what {{ font-size: {px(27)}; font-weight: 700; }}"
             f" .aksi-dibatalkan .aksi-main {{ color: #555555; }}"
             f" .aksi-when {{ flex: 0 0 {px(225)}; text-align: right; }}"
             f" .aksi-status {{ font-weight: 700; }}"
             f" .aksi-more {{ font-weight: 700; padding-top: {px(4)}; }}"
             # A phone opening the slides: each step whole, status and due date under it, as long as it takes.
             " @media (max-width: 640px) { .aksi-board { height: auto; } .aksi-step { flex-direction: column; gap: 0; }"
             " .aksi-when { flex: none; text-align: left; } .aksi-main > div, .aksi-when > div { white-space: normal; } }")
    return f"<style>{style}</style><div class='aksi-board'>{''.join(rows)}</div>"


def priority(measure_id: str | None, programme_id: str | None, year: int | None, rows: pd.DataFrame,
             programmes: Mapping[str, Programme], tables: ActionTables, today: dt.date, areas: AreaRegistry, lang: str,
             rounding: Rounding | None) -> aksi.PriorityView:
    """Kutim's kecamatan by a need measure (the slide's `ukuran`, by default the share of deciles 1-4; `program` for
    a programme's measure, PKH by default; `tahun`, by default the latest), with the high-need ones no step
    reaches (lib.content.aksi.priority_view)."""
    measure = MEASURES[measure_id or aksi.DEFAULT_NEED]
    programme = programmes[programme_id or "PKH"] if measure.needs_programme else None
    year = year or latest(rows["tahun"].unique())
    return aksi.priority_view(rows, measure.id, programme, year, "kecamatan", with_status(tables, today), areas,
                              rounding, lang)


def priority_finding(view: aksi.PriorityView, lang: str) -> str | None:
    """`3 kecamatan prioritas belum punya langkah: Sandaran, Busang dan Telen` (the worst need first; the names only
    when the title still fits one line, else the slide's list names them), or that every one has a step; None
    without need figures."""
    if view.data.table["nilai"].isna().all():
        return None
    missing = _priority_areas(view, view.without_step)
    if missing.empty:
        return t("slide.aksi.all_reached", lang, level=view.level)
    names = [fmt.short_name(name) for name in missing["nama"]]
    listed = names[0] if len(names) == 1 else t("finding.and", lang, first=", ".join(names[:-1]), last=names[-1])
    named = t("slide.aksi.without_step_named", lang, n=len(names), level=view.level, names=listed)
    return named if len(named) <= TITLE_CHARS else t("slide.aksi.without_step", lang, n=len(names), level=view.level)


def _priority_areas(view: aksi.PriorityView, codes: frozenset[str]) -> pd.DataFrame:
    """The areas of `codes` in the view's table, the worst need first (ties by code)."""
    table = view.data.table
    return table[table["kode"].isin(codes)].sort_values(["nilai", "kode"], ascending=[not view.data.lower_is_better,
                                                                                       True])


def priority_lists(view: aksi.PriorityView, lang: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """The high-need areas named beside the map: those without a step, then those with one (how many), each area
    with its need, the worst first; as (heading, [(area, text)])."""
    value = lambda v: view.data.format_value(v) if pd.notna(v) else view.data.missing(lang)
    without = _priority_areas(view, view.without_step)
    reached = _priority_areas(view, view.high_need - view.without_step)
    lists = [(t("aksi.map.without_step", lang), [(fmt.short_name(r.nama), value(r.nilai))
                                                 for r in without.itertuples()])]
    if len(reached):
        lists.append((t("aksi.map.high_need", lang), [
            (fmt.short_name(r.nama),
             f"{value(r.nilai)} ({t('aksi.map.step_count', lang, n=int(view.steps_per_area.get(r.kode, 0)))})")
            for r in reached.itertuples()]))
    return lists


def priority_summary(view: aksi.PriorityView, lang: str) -> str:
    """`priority_lists` as short Markdown lists (beside the printed map)."""
    lines = []
    for heading, items in priority_lists(view, lang):
        lines.append(f"#### {heading}")
        lines += [f"- **{fmt.markdown_text(name)}**: {text}" for name, text in items] or [t("slide.aksi.no_priority", lang)]
    return "\n".join(lines)


# The share of a priority slide's width the map takes; the high-need areas are listed in the rest.
PRIORITY_MAP_WIDTH = 0.64


def priority_screen_map(view: aksi.PriorityView, lang: str, screen_height: int = DESIGN_SCREEN_HEIGHT) -> go.Figure:
    """The need map with the high-need kecamatan without a step ringed, fitted to the projector like a map slide,
    and `priority_lists` at its right, in the same figure: a map in a narrower column of the page is not drawn until
    the window is resized."""
    layer = peta.layer_for(view.level)
    lat, lon, zoom = _screen_view(layer, view.data.table["kode"].tolist(), screen_height)
    figure = aksi.priority_map(view, geometry.static_url(layer), lang, center=(lat, lon), zoom=zoom,
                               height=FIGURE_HEIGHT)
    lines = []
    for heading, items in priority_lists(view, lang):
        lines.append(f"<b>{hover_text(heading)}</b>")
        lines += [f"{hover_text(name)}: {text}" for name, text in items] or [t("slide.aksi.no_priority", lang)]
        lines.append("")
    figure.update_layout(map_domain=dict(x=[0, PRIORITY_MAP_WIDTH], y=[0, 1]))
    figure.add_annotation(text="<br>".join(lines[:-1]), x=PRIORITY_MAP_WIDTH + 0.03, y=1, xref="paper", yref="paper",
                          xanchor="left", yanchor="top", align="left", showarrow=False)
    return _for_projector_map(figure)
