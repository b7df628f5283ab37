"""Interactive maps: the plotly choropleth and the pydeck 3D desa view, with their colours.

Geometry never travels with a figure: plotly loads it by URL from Streamlit's static server, so a filter
change sends only area codes and values. Maps draw with no tile server (`map_style="white-bg"`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pydeck as pdk

from lib.analysis.mapdata import Classes, MapData, legend_labels, ranks
from lib.core.i18n import t
from lib.render.charts import figure, hover_text, number_separators, source_label
from lib.render.geometry import outer_rings

# ColorBrewer sequential schemes, light to dark, safe for the common colour-vision deficiencies.
PALETTES = {
    "oranye_merah": ("#fef0d9", "#fdcc8a", "#fc8d59", "#e34a33", "#b30000"),
    "ungu": ("#f2f0f7", "#cbc9e2", "#9e9ac8", "#756bb1", "#54278f"),
    "biru": ("#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"),
}

MAP_HEIGHT = 620

LEGEND_HEIGHT = 90

# Narrowest map width in practice (1024 px screen with the sidebar open): zoom is fitted to it.
MAP_FIT_WIDTH = 600

NO_DATA_COLOUR = "#d9d9d9"

BORDER_COLOUR = "#ffffff"

HIGHLIGHT_BORDER = "#000000"

FONT = dict(family="Source Sans Pro, DejaVu Sans, Arial, sans-serif", size=15)


def palette_for(name: str, classes: int, lower_is_better: bool | None) -> list[str]:
    """`classes` colours from light to dark so that "worse" is always the darker end.

    For an indicator where higher is better (coverage), low values are worse: the order is reversed so the
    lowest class gets the darkest colour.
    """
    colours = PALETTES[name]
    picks = np.linspace(0, len(colours) - 1, classes).round().astype(int) if classes > 1 else [len(colours) - 1]
    chosen = [colours[i] for i in picks]
    return chosen[::-1] if lower_is_better is False else chosen


def choropleth(
    data: MapData,
    classes: Classes,
    geojson_url: str,
    palette: str,
    lang: str,
    *,
    center: tuple[float, float],
    zoom: float,
    highlight: str | None = None,
    height: int = MAP_HEIGHT,
) -> go.Figure:
    """A classed choropleth of `data.table` over the geometry at `geojson_url` (loaded by the browser)."""
    table = data.table.reset_index(drop=True)
    colours = palette_for(palette, max(classes.count, 1), data.lower_is_better)
    labels = legend_labels(classes, data.format_value, lang)
    customdata, hovertemplate = _hover(table, data, lang)
    # Per-area border arrays only when one area is outlined: a filter change should send little more than
    # codes and values.
    if highlight in set(table["kode"]):
        line = lambda keep: dict(
            width=[3.0 if c == highlight else 0.6 for c, k in zip(table["kode"], keep) if k],
            color=[HIGHLIGHT_BORDER if c == highlight else BORDER_COLOUR for c, k in zip(table["kode"], keep) if k],
        )
    else:
        line = lambda keep: dict(width=0.6, color=BORDER_COLOUR)
    has_value = classes.class_of >= 0
    traces = []
    if classes.count:
        # A stepped colour scale: class i (z = i + 0.5) fills the band [i, i + 1) / count in one colour.
        scale = []
        for i, colour in enumerate(colours):
            scale += [[i / classes.count, colour], [(i + 1) / classes.count, colour]]
        traces.append(dict(
            type="choroplethmap",
            geojson=geojson_url,
            featureidkey="properties.kode",
            locations=table["kode"][has_value].tolist(),
            z=(classes.class_of[has_value] + 0.5).tolist(),
            zmin=0,
            zmax=classes.count,
            colorscale=scale,
            marker=dict(opacity=0.92, line=line(has_value)),
            customdata=[row for row, h in zip(customdata, has_value) if h],
            hovertemplate=hovertemplate,
            # Legend under the map, so it never hides areas on a narrow projector screen.
            colorbar=dict(
                title=dict(text=f"{data.label} ({data.unit})", side="top"),
                orientation="h",
                tickvals=[i + 0.5 for i in range(classes.count)],
                ticktext=labels,
                thickness=16,
                len=1.0,
                x=0.5,
                xanchor="center",
                y=0,
                yanchor="top",
            ),
            name=data.label,
        ))
    if (~has_value).any():
        traces.append(dict(
            type="choroplethmap",
            geojson=geojson_url,
            featureidkey="properties.kode",
            locations=table["kode"][~has_value].tolist(),
            z=[0] * int((~has_value).sum()),
            colorscale=[[0, NO_DATA_COLOUR], [1, NO_DATA_COLOUR]],
            showscale=False,
            showlegend=True,
            name=data.missing(lang),
            marker=dict(line=line(~has_value)),
            customdata=[row[:2] for row, h in zip(customdata, has_value) if not h],
            hovertemplate="<b>%{customdata[0]}</b><br>%{customdata[1]}<extra></extra>",
        ))
    return figure(traces, dict(
        map=dict(style="white-bg", center=dict(lat=center[0], lon=center[1]), zoom=zoom,
                 domain=dict(x=[0, 1], y=[0, 1])),
        margin=dict(l=0, r=0, t=0, b=LEGEND_HEIGHT),
        height=height,
        font=FONT,
        legend=dict(x=0.01, y=0.99, bgcolor="rgba(255,255,255,0.85)"),
        separators=number_separators(lang),
    ))


def _hover(table: pd.DataFrame, data: MapData, lang: str) -> tuple[list[list], str]:
    """Hover rows (name, value, rank[, source]) and their template; a source shared by all areas is written
    once into the template instead of once per area."""
    rank = ranks(table["nilai"], data.lower_is_better)
    total = int(table["nilai"].notna().sum())
    sources = table["sumber"].dropna().unique()
    rows = [
        [name, data.format_value(value) if pd.notna(value) else data.missing(lang), int(r) if pd.notna(r) else ""]
        for name, value, r in zip(table["nama"], table["nilai"], rank)
    ]
    if len(sources) > 1:
        rows = [row + [hover_text(source_label(source)) if pd.notna(source) else ""]
                for row, source in zip(rows, table["sumber"])]
        source_text = "%{customdata[3]}"
    else:
        source_text = hover_text(source_label(sources[0])) if len(sources) else "–"
    template = (
        "<b>%{customdata[0]}</b><br>%{customdata[1]}<br>"
        + t("peta.rank", lang, rank="%{customdata[2]}", total=total)
        + f"<br>{t('source', lang)}: {source_text}<extra></extra>"
    )
    return rows, template


def clicked_area(selection: dict | None) -> str | None:
    """The area code a reader clicked on a choropleth (Streamlit's selection event), if any."""
    points = (selection or {}).get("selection", {}).get("points", [])
    for point in points:
        if point.get("location"):
            return str(point["location"])
    return None


def _hex_to_rgb(colour: str) -> list[int]:
    return [int(colour[i : i + 2], 16) for i in (1, 3, 5)]


def desa_3d(
    geojson: dict, table: pd.DataFrame, classes: Classes, colours: list[str], tooltip_html: str
) -> pdk.Deck:
    """A 3D view of desa polygons extruded by `nilai`, coloured by class, with no basemap at all.

    `map_style="__MAP_STYLE__"` is pydeck's own unset value: with it, no style or tile is requested.
    """
    values = dict(zip(table["kode"], table["nilai"]))
    class_of = dict(zip(table["kode"], classes.class_of))
    texts = dict(zip(table["kode"], table["teks"]))
    peak = float(np.nanmax(table["nilai"].to_numpy(dtype=float))) if table["nilai"].notna().any() else 1.0
    features = []
    for feature in geojson["features"]:
        code = feature["properties"]["kode"]
        if code not in values:
            continue
        value = values[code]
        colour = colours[class_of[code]] if class_of[code] >= 0 else NO_DATA_COLOUR
        properties = dict(feature["properties"], nilai=None if pd.isna(value) else float(value),
                          tinggi=0 if pd.isna(value) else 20000 * float(value) / peak,
                          warna=_hex_to_rgb(colour), teks=texts[code])
        features.append({"type": "Feature", "geometry": feature["geometry"], "properties": properties})
    layer = pdk.Layer(
        "GeoJsonLayer",
        {"type": "FeatureCollection", "features": features},
        extruded=True,
        wireframe=True,
        pickable=True,
        get_elevation="properties.tinggi",
        get_fill_color="properties.warna",
        get_line_color=[255, 255, 255],
    )
    lons = [c[0] for f in features for ring in outer_rings(f["geometry"]) for c in ring]
    lats = [c[1] for f in features for ring in outer_rings(f["geometry"]) for c in ring]
    view = pdk.ViewState(latitude=(min(lats) + max(lats)) / 2, longitude=(min(lons) + max(lons)) / 2,
                         zoom=7.2, pitch=45, bearing=0)
    return pdk.Deck(layers=[layer], initial_view_state=view, map_provider=None, map_style="__MAP_STYLE__",
                    tooltip={"html": tooltip_html, "style": {"fontSize": "14px"}})
