"""Static maps as inline SVG images: they print on paper, where WebGL maps come out blank, and load nothing."""

from __future__ import annotations

import base64
import html

from lib.analysis.mapdata import Classes, MapData, legend_labels
from lib.render.geometry import outer_rings
from lib.render.maps import NO_DATA_COLOUR, palette_for


def svg_image(geojson: dict, fills: dict[str, str], alt: str, size: tuple[int, int],
              default_fill: str = "#e6e6e6") -> str:
    """A static map as an <img> of inline SVG (data URI): prints on paper, where WebGL maps come out blank,
    and loads nothing. Plain equirectangular projection: Kutim lies on the equator, where a degree of
    longitude and one of latitude are almost the same length on the ground."""
    rings = [(f["properties"]["kode"], ring) for f in geojson["features"] for ring in outer_rings(f["geometry"])]
    lons = [x for _, ring in rings for x, _ in ring]
    lats = [y for _, ring in rings for _, y in ring]
    west, north = min(lons), max(lats)  # once, not per vertex: a desa layer has ~40,000 vertices
    width, height = size
    scale = min(width / (max(lons) - west), height / (north - min(lats)))
    polygons = "".join(
        f'<polygon points="{" ".join(f"{(x - west) * scale:.1f},{(north - y) * scale:.1f}" for x, y in ring[:-1])}" '
        f'fill="{fills.get(code, default_fill)}" stroke="#ffffff" stroke-width="0.6"/>'
        for code, ring in rings
    )
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}">{polygons}</svg>')
    # As an image: Streamlit's HTML sanitiser drops inline <svg>, and a data URI still loads nothing.
    encoded = base64.b64encode(svg.encode()).decode()
    return f'<img alt="{html.escape(alt)}" width="{width}" height="{height}" src="data:image/svg+xml;base64,{encoded}">'


def printable_map(data: MapData, classes: Classes, palette: str, geojson: dict, lang: str,
                  size: tuple[int, int] = (640, 420)) -> str:
    """The choropleth as a static image with its legend, for printed slides."""
    colours = palette_for(palette, max(classes.count, 1), data.lower_is_better)
    fills = {code: colours[c] for code, c in zip(data.table["kode"], classes.class_of) if c >= 0}
    swatch = '<span style="display:inline-block;width:18px;height:14px;background:{};margin-right:6px"></span>'
    legend = "".join(f"<div>{swatch.format(colour)}{html.escape(label)}</div>"
                     for colour, label in zip(colours, legend_labels(classes, data.format_value, lang)))
    legend += f"<div>{swatch.format(NO_DATA_COLOUR)}{html.escape(data.missing(lang))}</div>"
    return (f'<div style="display:flex;gap:24px;align-items:flex-start">{svg_image(geojson, fills, data.label, size)}'
            f'<div style="font-size:16px"><b>{html.escape(data.label)} ({html.escape(data.unit)})</b>{legend}</div></div>')
