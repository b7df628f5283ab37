"""Slide content for the rakor presentation: figures sized and lettered for a projector, built from the same
functions as the pages, so a slide always shows the current release."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from lib.analysis import mapdata, series, targeting
from lib.analysis.measures import MEASURES
from lib.analysis.privacy import Rounding
from lib.content import cakupan, findings, peta, profile, summary
from lib.content.agenda import Slide
from lib.core import fmt
from lib.core.i18n import t
from lib.core.programmes import Programme
from lib.core.targets import targets_for
from lib.core.wilayah import KUTIM, AreaRegistry
from lib.render import charts, geometry, maps, svg

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


def sized(figure: go.Figure, screen_height: int) -> go.Figure:
    """A slide figure scaled from the 768 px design to a projector `screen_height` px high."""
    scale = screen_height / DESIGN_SCREEN_HEIGHT
    font = round(PROJECTOR_FONT["size"] * scale)
    figure.update_layout(height=round(FIGURE_HEIGHT * scale), font=dict(size=font))
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
                                    findings.short_name(programme.name(lang)), lambda n: fmt.number(n, 0, lang), lang)
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
    names = [findings.short_name(name) for name in table["nama"]]
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


def screen_map(data: mapdata.MapData, layer: str, lang: str, screen_height: int = DESIGN_SCREEN_HEIGHT) -> go.Figure:
    """The map of a map slide, its zoom fitted to the projector's height (and a 4:3 width at least)."""
    classes = mapdata.classify(data.table["nilai"], "quantiles")
    height = round(FIGURE_HEIGHT * screen_height / DESIGN_SCREEN_HEIGHT) - maps.LEGEND_HEIGHT
    lat, lon, zoom = geometry.view_for(layer, data.table["kode"].tolist(), width=max(maps.MAP_FIT_WIDTH, height * 4 // 3),
                                  height=height)
    figure = maps.choropleth(data, classes, geometry.static_url(layer), "oranye_merah", lang, center=(lat, lon),
                             zoom=zoom, highlight=peta.highlighted("kaltim") if layer == "kaltim_kabupaten" else None,
                             height=FIGURE_HEIGHT)
    # Class labels in two lines, so all five fit side by side in large type instead of turning on their side.
    for trace in figure.data:
        if trace.showscale is not False and trace.colorbar.ticktext:
            trace.colorbar.update(ticktext=[label.replace(" – ", " –<br>") for label in trace.colorbar.ticktext],
                                  tickangle=0)
    return for_projector(figure)


def print_map(data: mapdata.MapData, layer: str, lang: str) -> str:
    """The same map as a static image the width of the printed page (a printed WebGL map comes out blank), every
    area named at its label point, Kutim outlined on the Kaltim map."""
    classes = mapdata.classify(data.table["nilai"], "quantiles")
    points = geometry.centroids(layer)
    labels = points.assign(nama=points["nama"].map(findings.short_name))
    outline = KUTIM if layer == peta.layer_for("kaltim") else None
    return svg.printable_map(data, classes, "oranye_merah", geometry.layer_geojson(layer), lang, labels, outline)


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


def trend(values: pd.DataFrame, targets: pd.DataFrame, indicators: dict, slide: Slide, areas: AreaRegistry,
          lang: str) -> go.Figure:
    indicator = indicators[slide.options["indikator"]]
    codes = slide.options.get("wilayah", [KUTIM])
    table = series.trend_table(values, indicator, codes, {c: findings.short_name(areas.name(c)) for c in codes}, lang)
    plotted = [target for code in codes for target in targets_for(targets, indicator.id, code)]
    figure = for_projector(charts.trend_figure(table, plotted, indicator, lang))
    # In large type a legend of every target's document fills half the slide: one entry per whose target (the
    # documents stay in the hovers), in one line above the plot. The years speak for themselves.
    seen: set[str] = set()
    for trace in figure.data:
        if trace.mode == "markers":
            whose = trace.name.split(" 20")[0]
            trace.update(name=whose, legendgroup=whose, showlegend=whose not in seen)
            seen.add(whose)
    return figure.update_xaxes(title=None).update_layout(
        legend=dict(orientation="h", yanchor="bottom", y=1.0, x=0, font=dict(size=PROJECTOR_FONT["size"])),
        margin=dict(t=50))


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
