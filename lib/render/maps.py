"""Interactive maps: the plotly choropleth and the pydeck 3D desa view, with their colours.

Geometry never travels with a figure: plotly loads it by URL from Streamlit's static server, so a filter
change sends only area codes and values. Maps draw with no tile server (`map_style="white-bg"`).
"""

from __future__ import annotations

import html
import math
import textwrap

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pydeck as pdk

from lib.analysis.mapdata import Classes, MapData, legend_labels, ranks
from lib.core.i18n import t
from lib.render.charts import figure, hover_text, number_separators, source_label
from lib.render.geometry import outer_rings

# ColorBrewer 9-class sequential schemes (safe for the common colour-vision deficiencies), light to dark, without
# their near-white first steps: the lightest class must stand apart from the white page and the grey of "no data".
PALETTES = {
    "oranye_merah": ("#fdd49e", "#fdbb84", "#fc8d59", "#ef6548", "#d7301f", "#b30000", "#7f0000"),  # OrRd 3-9
    "ungu": ("#bcbddc", "#9e9ac8", "#807dba", "#6a51a3", "#54278f", "#3f007d"),  # Purples 4-9
    "biru": ("#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c", "#08306b"),  # Blues 4-9
}

MAP_HEIGHT = 620

# Under the map: the legend's title, its darker-is-worse note, the colour bar and two-line class labels.
LEGEND_HEIGHT = 120

# Narrowest map width in practice (1024 px screen with the sidebar open): zoom is fitted to it.
MAP_FIT_WIDTH = 600

# Characters of the legend title (15 px, `FONT`) that fit a phone's 350 px map.
LEGEND_TITLE_CHARS = 42

# Dark legend text, readable on a washed-out projector (the theme's default is a light grey).
LEGEND_TEXT = "#262730"

NO_DATA_COLOUR = "#d9d9d9"

BORDER_COLOUR = "#ffffff"

HIGHLIGHT_BORDER = "#000000"

FONT = dict(family="Source Sans Pro, DejaVu Sans, Arial, sans-serif", size=15)


def palette_for(name: str, classes: int, lower_is_better: bool | None) -> list[str]:
    """`classes` colours spread evenly from the palette's light end to its dark end (one class: the dark end), so
    that "worse" is always the darker end.

    For an indicator where higher is better (coverage), low values are worse: the order is reversed so the
    lowest class gets the darkest colour.
    """
    stops = PALETTES[name]
    positions = np.linspace(0, len(stops) - 1, classes) if classes > 1 else [len(stops) - 1]
    chosen = [_between(stops, position) for position in positions]
    return chosen[::-1] if lower_is_better is False else chosen


def _between(stops: tuple[str, ...], position: float) -> str:
    """The colour at `position` along `stops` (0 = the first), mixed linearly between the two stops around it."""
    low = min(int(position), len(stops) - 2)
    share = position - low
    mixed = [round(a + (b - a) * share) for a, b in zip(_hex_to_rgb(stops[low]), _hex_to_rgb(stops[low + 1]))]
    return "#" + "".join(f"{c:02x}" for c in mixed)


def darkness_note(lower_is_better: bool | None, lang: str) -> str:
    """What the darker colours mean: worse (the palette's dark end is always the worse end), or only higher for
    an indicator with no better direction."""
    return t("peta.darker_higher" if lower_is_better is None else "peta.darker_worse_short", lang)


def legend_title(data: MapData, lang: str) -> str:
    """The measure and unit (wrapped so a phone's legend keeps it whole) over the darker-is-worse note."""
    lines = [hover_text(line) for line in textwrap.wrap(f"{data.label} ({data.unit})", LEGEND_TITLE_CHARS)]
    note = hover_text(darkness_note(data.lower_is_better, lang))
    return "<br>".join(lines) + f"<br><i>{note}</i>"


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
    # Two-line class labels without the unit (the legend's title says it), never turned on their side: five fit
    # side by side on a phone.
    labels = legend_labels(classes, lambda v: data.format_value(v).removesuffix(f" {data.unit}"), lang,
                           between=" –<br>")
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
                # Sizes from the layout's font, so a projector's large type reaches the legend too.
                title=dict(text=legend_title(data, lang), side="top", font=dict(color=LEGEND_TEXT)),
                orientation="h",
                tickvals=[i + 0.5 for i in range(classes.count)],
                ticktext=labels,
                tickangle=0,
                tickfont=dict(color=LEGEND_TEXT),
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


# The tallest column, as a share of the selection's width: Kutim's desa rise ~20 km, one kecamatan's ~2 km.
PEAK_HEIGHT_SHARE = 0.08
METRES_PER_DEGREE = 111_320
PITCH_3D = 45
# Ambient light only, at full strength: every face shows its class colour as the legend does. (deck.gl 9.1+ still
# lights a layer whose `material` is false or null: visgl/deck.gl#9696.)
FLAT_MATERIAL = {"ambient": 1.0, "diffuse": 0.0, "shininess": 0, "specularColor": [0, 0, 0]}
# A pitched view shows more ground at the far edge than the flat fit allows for: zoom out this much.
PITCH_ZOOM_OUT = 0.15


def desa_3d(
    geojson: dict, table: pd.DataFrame, classes: Classes, colours: list[str], tooltip_html: str,
    view: tuple[float, float, float],
) -> pdk.Deck:
    """A 3D view of the polygons of `table`'s areas extruded by `nilai`, coloured by class in flat colours (no
    lighting, so a light class is not shaded into the grey of "no data"), starting at `view` (lat, lon, zoom of
    the flat fit, e.g. `geometry.view_for`), with no basemap at all.

    `map_style="__MAP_STYLE__"` is pydeck's own unset value: with it, no style or tile is requested.
    """
    values = dict(zip(table["kode"], table["nilai"]))
    class_of = dict(zip(table["kode"], classes.class_of))
    texts = dict(zip(table["kode"], table["teks"]))
    shown = [feature for feature in geojson["features"] if feature["properties"]["kode"] in values]
    peak = float(np.nanmax(table["nilai"].to_numpy(dtype=float))) if table["nilai"].notna().any() else 1.0
    tallest = PEAK_HEIGHT_SHARE * _width_in_metres(shown)
    features = []
    for feature in shown:
        code = feature["properties"]["kode"]
        value = values[code]
        colour = colours[class_of[code]] if class_of[code] >= 0 else NO_DATA_COLOUR
        properties = dict(feature["properties"], nilai=None if pd.isna(value) else float(value),
                          tinggi=0 if pd.isna(value) else tallest * float(value) / peak,
                          warna=_hex_to_rgb(colour), teks=texts[code])
        features.append({"type": "Feature", "geometry": feature["geometry"], "properties": properties})
    layer = pdk.Layer(
        "GeoJsonLayer",
        {"type": "FeatureCollection", "features": features},
        extruded=True,
        wireframe=True,
        material=FLAT_MATERIAL,
        pickable=True,
        get_elevation="properties.tinggi",
        get_fill_color="properties.warna",
        get_line_color=[255, 255, 255],
    )
    lat, lon, zoom = view
    start = pdk.ViewState(latitude=lat, longitude=lon, zoom=zoom - PITCH_ZOOM_OUT, pitch=PITCH_3D, bearing=0)
    return pdk.Deck(layers=[layer], initial_view_state=start, map_provider=None, map_style="__MAP_STYLE__",
                    tooltip={"html": tooltip_html, "style": {"fontSize": "14px"}})


def _width_in_metres(features: list[dict]) -> float:
    """The larger side of the features' bounding box, in metres."""
    lons = [c[0] for f in features for ring in outer_rings(f["geometry"]) for c in ring]
    lats = [c[1] for f in features for ring in outer_rings(f["geometry"]) for c in ring]
    if not lons:
        return 0.0
    across = (max(lons) - min(lons)) * math.cos(math.radians((max(lats) + min(lats)) / 2))
    return METRES_PER_DEGREE * max(across, max(lats) - min(lats))


def heading_html(title: str, subtitle: str) -> str:
    """A map's title and subtitle over a view plotly does not draw (the 3D deck), as the choropleths carry them."""
    return f'<div><b>{html.escape(title)}</b><br><span style="font-size:0.85em;color:#555">{html.escape(subtitle)}</span></div>'


def legend_html(title: str, note: str, colours: list[str], labels: list[str], missing: str | None) -> str:
    """A legend for a view plotly does not draw (the 3D deck): the title, what darker means, and one swatch per
    class with its value range (and the "no data" grey when `missing` names it), wrapping on a narrow screen."""
    entries = [*zip(colours, labels), *([(NO_DATA_COLOUR, missing)] if missing else [])]
    swatches = "".join(
        f'<span style="display:inline-flex;align-items:center;gap:6px;white-space:nowrap">'
        f'<span class="swatch" style="width:22px;height:14px;background:{colour};border:1px solid #888"></span>'
        f'{html.escape(label)}</span>'
        for colour, label in entries
    )
    return (f'<div class="map-legend"><b>{html.escape(title)}</b> · {html.escape(note)}'
            f'<div style="display:flex;flex-wrap:wrap;gap:4px 18px;margin-top:4px">{swatches}</div></div>')
