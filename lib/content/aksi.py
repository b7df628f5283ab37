"""What the Rencana Aksi page shows, as plain data: the need map with the high-need areas no step reaches, and
(below) the list of steps with its filters, counts, history and export.

The steps come from `lib.core.actions.with_status` (the effective status, `terlambat` from the due date).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from lib.analysis import mapdata
from lib.analysis.mapdata import MapData
from lib.analysis.measures import MEASURES
from lib.analysis.privacy import Rounding
from lib.content import peta
from lib.core import actions
from lib.core.i18n import t
from lib.core.programmes import Programme
from lib.core.wilayah import AreaRegistry
from lib.render import geometry, maps
from lib.render.charts import hover_text

# The need a map of steps is drawn over by default: the share of households in the poorest four deciles.
DEFAULT_NEED = "persen_desil_1_4"
LEVELS = ("kecamatan", "desa")

STEP_COLOUR = "#0072B2"  # Okabe-Ito blue: apart from every sequential palette's reds, oranges and purples
WITHOUT_STEP_COLOUR = "#000000"
WITHOUT_STEP_BORDER = 4.0
# A circle per area with steps, larger with more of them (px across: one step, each further one, the largest).
STEP_MARKER_PX, STEP_MARKER_GROWTH_PX, STEP_MARKER_MAX_PX = 14, 6, 38
WITHOUT_STEP_MARKER_PX, WITHOUT_STEP_HOLE_PX = 16, 7


@dataclass(frozen=True)
class PriorityView:
    """A need measure per area, with where steps are and which high-need areas none reaches."""

    data: MapData  # table: kode, nama, nilai, sumber (the need, rounded in the public mode as on Peta)
    level: str  # kecamatan or desa
    high_need: frozenset[str]  # the worst fifth by the need (`lib.core.actions.high_need`)
    without_step: frozenset[str]  # high-need areas no step (not cancelled) reaches
    steps_per_area: pd.Series  # kode -> how many steps (not cancelled) reach the area; every area of the level
    points: pd.DataFrame  # kode, lon, lat: a label point inside each area


def steps_per_area(steps: pd.DataFrame, codes: list[str]) -> pd.Series:
    """How many steps (not cancelled) reach each of `codes`, by the reach rule of `lib.core.actions.covered_areas`
    (a step on a kecamatan reaches its desa, one on a desa its kecamatan). `steps` need `wilayah`, `status_aksi`."""
    counts = pd.Series(0, index=pd.Index(codes, name="kode"), dtype=int)
    for i in range(len(steps)):
        reached = sorted(actions.covered_areas(steps.iloc[i : i + 1], codes))
        counts[reached] += 1
    return counts


def priority_view(rows: pd.DataFrame, measure_id: str, programme: Programme | None, year: int, level: str,
                  steps_with_status: pd.DataFrame, areas: AreaRegistry, rounding: Rounding | None, lang: str, *,
                  label_points: pd.DataFrame | None = None) -> PriorityView:
    """The need `measure_id` (of `lib.analysis.measures.MEASURES`; a programme's measure needs `programme`) per
    area at `level` (kecamatan or desa) in `year`, computed from the decile `rows` as Peta computes it (with the
    public mode's `rounding`), with the steps per area and the high-need areas without one.

    `label_points` (kode, lon, lat) default to the label points of the level's map layer."""
    measure = MEASURES[measure_id]
    registry = {programme.id: programme} if programme else {}
    data = peta.kutim_map_data(rows, registry, measure, programme.id if programme else None, year, level, None, areas,
                               lang, rounding)
    need = data.table[["kode", "nilai"]]
    codes = data.table["kode"].tolist()
    points = geometry.centroids(peta.layer_for(level)) if label_points is None else label_points
    return PriorityView(
        data=data,
        level=level,
        high_need=frozenset(actions.high_need(need, measure.lower_is_better)),
        without_step=frozenset(actions.priority_without_step(need, measure.lower_is_better, steps_with_status)),
        steps_per_area=steps_per_area(steps_with_status, codes),
        points=points[points["kode"].isin(codes)][["kode", "lon", "lat"]].reset_index(drop=True),
    )


def priority_map(view: PriorityView, geojson_url: str, lang: str, *, center: tuple[float, float], zoom: float,
                 palette: str = "oranye_merah", method: str = "quantiles", height: int = maps.MAP_HEIGHT) -> go.Figure:
    """The need as Peta's choropleth (`lib.render.maps.choropleth`), the high-need areas without a step outlined
    thick in black with a black ring at their label point, and a blue circle per area with steps, larger with more.

    Markers only, no text on the map: MapLibre would fetch a font for map text from the internet."""
    data = view.data
    figure = maps.choropleth(data, mapdata.classify(data.table["nilai"], method), geojson_url, palette, lang,
                             center=center, zoom=zoom, height=height)
    names = dict(zip(data.table["kode"], data.table["nama"]))
    values = {code: data.format_value(v) if pd.notna(v) else data.missing(lang)
              for code, v in zip(data.table["kode"], data.table["nilai"])}
    points = view.points.set_index("kode")
    missing = sorted(view.without_step)
    label = t("aksi.map.without_step", lang)
    traces = []
    if missing:
        hover = [[hover_text(names[c]), values[c]] for c in missing]
        template = f"<b>%{{customdata[0]}}</b><br>%{{customdata[1]}}<br>{hover_text(label)}<extra></extra>"
        traces += [
            # The outline: a fill no one sees, over the need's colours, with the area's own hover.
            dict(type="choroplethmap", geojson=geojson_url, featureidkey="properties.kode", locations=missing,
                 z=[0] * len(missing), colorscale=[[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]], showscale=False,
                 marker=dict(line=dict(width=WITHOUT_STEP_BORDER, color=WITHOUT_STEP_COLOUR)), customdata=hover,
                 hovertemplate=template, showlegend=False, name=label),
            # A ring (a black circle with a white hole) at the area's label point, named in the legend.
            dict(type="scattermap", mode="markers", lon=points.loc[missing, "lon"].tolist(),
                 lat=points.loc[missing, "lat"].tolist(), customdata=hover, hovertemplate=template, name=label,
                 marker=dict(size=WITHOUT_STEP_MARKER_PX, color=WITHOUT_STEP_COLOUR)),
            dict(type="scattermap", mode="markers", lon=points.loc[missing, "lon"].tolist(),
                 lat=points.loc[missing, "lat"].tolist(), hoverinfo="skip", showlegend=False,
                 marker=dict(size=WITHOUT_STEP_HOLE_PX, color="#ffffff")),
        ]
    counts = view.steps_per_area[view.steps_per_area > 0]
    if len(counts):
        codes = counts.index.tolist()
        traces.append(dict(
            type="scattermap", mode="markers", lon=points.loc[codes, "lon"].tolist(),
            lat=points.loc[codes, "lat"].tolist(), name=t("aksi.map.steps", lang),
            marker=dict(size=[min(STEP_MARKER_PX + STEP_MARKER_GROWTH_PX * (n - 1), STEP_MARKER_MAX_PX)
                              for n in counts], color=STEP_COLOUR, opacity=0.85),
            customdata=[[hover_text(names[c]), t("aksi.map.step_count", lang, n=int(n)), values[c]]
                        for c, n in counts.items()],
            hovertemplate="<b>%{customdata[0]}</b><br>%{customdata[1]}<br>%{customdata[2]}<extra></extra>"))
    return figure.add_traces(traces)


def priority_table(view: PriorityView, lang: str) -> pd.DataFrame:
    """The map's accessible twin: area, need, steps reaching it, and whether it is a high-need area without one;
    worst need first."""
    data = view.data
    table = data.table.assign(
        peringkat=mapdata.ranks(data.table["nilai"], data.lower_is_better),
        aksi=data.table["kode"].map(view.steps_per_area).fillna(0).astype(int),
    ).sort_values(["peringkat", "kode"], na_position="last")
    return pd.DataFrame({
        t("col.wilayah", lang): table["nama"],
        f"{data.label} ({data.unit})": [data.format_value(v) if pd.notna(v) else data.missing(lang)
                                        for v in table["nilai"]],
        t("aksi.col.steps", lang): table["aksi"],
        t("aksi.col.priority", lang): [t("aksi.map.without_step", lang) if c in view.without_step
                                       else t("aksi.map.high_need", lang) if c in view.high_need else ""
                                       for c in table["kode"]],
    })
