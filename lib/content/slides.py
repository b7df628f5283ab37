"""Slide content for the rakor presentation: figures sized and lettered for a projector, built from the same
functions as the pages, so a slide always shows the current release."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from lib.analysis import mapdata, series, targeting
from lib.analysis.measures import MEASURES
from lib.analysis.privacy import Rounding
from lib.content import cakupan, peta, summary
from lib.content.agenda import Slide
from lib.core import fmt
from lib.core.i18n import t
from lib.core.programmes import Programme
from lib.core.targets import targets_for
from lib.core.wilayah import KUTIM, AreaRegistry
from lib.render import charts, geometry, maps, svg

FIGURE_HEIGHT = 470
PROJECTOR_FONT = dict(family="Source Sans Pro, DejaVu Sans, Arial, sans-serif", size=18, color="#000000")


def for_projector(figure: go.Figure, height: int = FIGURE_HEIGHT) -> go.Figure:
    """Large type, with margins that grow to fit the larger tick labels."""
    figure.update_layout(font=PROJECTOR_FONT, height=height)
    if not any(trace.type == "choroplethmap" for trace in figure.data):
        figure.update_xaxes(automargin=True)
        figure.update_yaxes(automargin=True)
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
    if slide.kind == "peta_kaltim":
        indicator = options["indikator"]
        year = options.get("tahun") or peta.default_kaltim_year(values, indicator)
        regencies = areas.codes_at("kabupaten")
        return values[(values["indikator"] == indicator) & (values["tahun"] == year)
                      & values["kode_wilayah"].isin(regencies)]
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


def screen_map(data: mapdata.MapData, layer: str, lang: str) -> go.Figure:
    classes = mapdata.classify(data.table["nilai"], "quantiles")
    lat, lon, zoom = geometry.view_for(layer, data.table["kode"].tolist(), width=maps.MAP_FIT_WIDTH,
                                  height=FIGURE_HEIGHT - maps.LEGEND_HEIGHT)
    figure = maps.choropleth(data, classes, geometry.static_url(layer), "oranye_merah", lang, center=(lat, lon),
                             zoom=zoom, highlight=peta.highlighted("kaltim") if layer == "kaltim_kabupaten" else None,
                             height=FIGURE_HEIGHT)
    return for_projector(figure)


def print_map(data: mapdata.MapData, layer: str, lang: str) -> str:
    """The same map as a static image: a printed WebGL map comes out blank."""
    classes = mapdata.classify(data.table["nilai"], "quantiles")
    return svg.printable_map(data, classes, "oranye_merah", geometry.layer_geojson(layer), lang)


def gap_ranking(rows: pd.DataFrame, programmes: Mapping[str, Programme], slide: Slide, areas: AreaRegistry, lang: str,
                rounding: Rounding | None) -> go.Figure:
    programme = programmes[slide.options["program"]]
    year = slide.options.get("tahun") or latest(rows["tahun"].unique())
    selection = cakupan.Selection(programme.id, year, KUTIM, cakupan.default_deciles(programme))
    cube = targeting.Cube.of(rows[rows["program"] == programme.id])
    return for_projector(charts.exclusion_ranking(cakupan.by_area(cube, selection, areas.areas["nama"].to_dict(), rounding), lang))


def trend(values: pd.DataFrame, targets: pd.DataFrame, indicators: dict, slide: Slide, areas: AreaRegistry,
          lang: str) -> go.Figure:
    indicator = indicators[slide.options["indikator"]]
    codes = slide.options.get("wilayah", [KUTIM])
    table = series.trend_table(values, indicator, codes, {c: areas.name(c) for c in codes}, lang)
    plotted = [target for code in codes for target in targets_for(targets, indicator.id, code)]
    # The years speak for themselves; an axis title would collide with the legend in large type.
    return for_projector(charts.trend_figure(table, plotted, indicator, lang)).update_xaxes(title=None)


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
    figure.update_xaxes(title=t("slide.change_axis", lang, start=start, end=end), zeroline=True, zerolinewidth=2,
                        automargin=True)
    figure.update_yaxes(automargin=True)
    summary = pd.DataFrame({
        t("col.wilayah", lang): worse_first["nama"],
        str(start): [measure.format(v, lang) if pd.notna(v) else "–" for v in worse_first["awal"]],
        str(end): [measure.format(v, lang) if pd.notna(v) else "–" for v in worse_first["akhir"]],
        t("slide.change", lang): [_change_text(v, measure, lang) for v in worse_first["perubahan"]],
        t("slide.direction", lang): [t("slide.worse" if w else "slide.better" if b else "slide.same", lang)
                                     for w, b in zip(worse, better)],
    })
    return for_projector(figure, FIGURE_HEIGHT + 60), summary


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
