"""Static maps as inline SVG images: they print on paper, where WebGL maps come out blank, and load nothing."""

from __future__ import annotations

import base64
import html
from collections.abc import Callable, Collection

import pandas as pd

from lib.analysis.mapdata import Classes, MapData, legend_labels
from lib.render.geometry import outer_rings
from lib.render.maps import NO_DATA_COLOUR, palette_for

# A printed slide's map in CSS px: A4 landscape less 8 mm margins is ~1062 x 733 px, shown at the print zoom of
# 0.72 (lib.ui.layout) ~1475 x 1018, less the slide's title and subtitle. The image stretches to the page width.
PRINT_SIZE = (1440, 780)
LEGEND_WIDTH = 330
LABEL_FONT = 15
LEGEND_FONT = 19
_LEGEND_LABEL_CHARS = 22
OUTLINE = 'stroke="#000000" stroke-width="3"'  # the area a map is about (Kutim on the Kaltim map)
_BORDER = 'stroke="#ffffff" stroke-width="0.6"'
_CHAR_WIDTH = 0.56  # a sans-serif character's width in ems, to keep labels apart without measuring text

Project = Callable[[float, float], tuple[float, float]]


def _projection(geojson: dict, width: float, height: float) -> Project:
    """Plain equirectangular projection of the layer into `width` x `height`, centred: Kutim lies on the equator,
    where a degree of longitude and one of latitude are almost the same length on the ground."""
    points = [point for f in geojson["features"] for ring in outer_rings(f["geometry"]) for point in ring]
    lons, lats = [x for x, _ in points], [y for _, y in points]
    west, east, south, north = min(lons), max(lons), min(lats), max(lats)  # once, not per vertex
    scale = min(width / (east - west), height / (north - south))
    left, top = (width - (east - west) * scale) / 2, (height - (north - south) * scale) / 2
    return lambda lon, lat: (left + (lon - west) * scale, top + (north - lat) * scale)


def _paths(geojson: dict, fills: dict[str, str], default_fill: str, project: Project,
           outline: Collection[str] = ()) -> str:
    """One path per area (all its parts), the outlined areas drawn last so their borders lie on top."""
    outline = set(outline)
    features = sorted(geojson["features"], key=lambda f: f["properties"]["kode"] in outline)
    paths = []
    for feature in features:
        code = feature["properties"]["kode"]
        rings = ("M" + " L".join("{:.1f},{:.1f}".format(*project(x, y)) for x, y in ring[:-1]) + "Z"
                 for ring in outer_rings(feature["geometry"]))
        paths.append(f'<path data-kode="{html.escape(code)}" d="{"".join(rings)}" fill="{fills.get(code, default_fill)}" '
                     f'{OUTLINE if code in outline else _BORDER}/>')
    return "".join(paths)


def _lines(name: str) -> list[str]:
    """A long name on two lines, broken at the space nearest its middle."""
    spaces = [i for i, c in enumerate(name) if c == " "]
    if len(name) <= 12 or not spaces:
        return [name]
    cut = min(spaces, key=lambda i: abs(i - len(name) / 2))
    return [name[:cut], name[cut + 1:]]


def _labels(points: pd.DataFrame, project: Project, font: float) -> str:
    """Each area's name at its label point (`geometry.centroids`: inside the area), nudged up or down by a line
    where it would overlap a label already placed; white-haloed so it reads on any class colour."""
    placed: list[tuple[float, float, float, float]] = []
    texts = []
    for name, lon, lat in zip(points["nama"], points["lon"], points["lat"]):
        lines = _lines(str(name))
        x, y = project(lon, lat)
        half_w, half_h = _CHAR_WIDTH * font * max(map(len, lines)) / 2, 0.6 * font * len(lines)
        for shift in (0, -1, 1, -2, 2, -3, 3):
            box = (x - half_w, y + shift * font - half_h, x + half_w, y + shift * font + half_h)
            if not any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in placed):
                break
        else:
            box = (x - half_w, y - half_h, x + half_w, y + half_h)
        placed.append(box)
        top = (box[1] + box[3]) / 2 - 0.6 * font * (len(lines) - 1)
        spans = "".join(f'<tspan x="{x:.1f}" y="{top + i * 1.2 * font + 0.35 * font:.1f}">{html.escape(line)}</tspan>'
                        for i, line in enumerate(lines))
        texts.append(f'<text class="label">{spans}</text>')
    style = (f"<style>.label{{font:600 {font}px 'DejaVu Sans',Arial,sans-serif;fill:#111111;text-anchor:middle;"
             "paint-order:stroke;stroke:#ffffff;stroke-width:3px;stroke-linejoin:round}</style>")
    return style + "".join(texts)


def _image(body: str, alt: str, width: int, height: int, style: str = "") -> str:
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}">{body}</svg>')
    # As an image: Streamlit's HTML sanitiser drops inline <svg>, and a data URI still loads nothing.
    encoded = base64.b64encode(svg.encode()).decode()
    return (f'<img alt="{html.escape(alt)}" width="{width}" height="{height}"{style} '
            f'src="data:image/svg+xml;base64,{encoded}">')


def svg_image(geojson: dict, fills: dict[str, str], alt: str, size: tuple[int, int],
              default_fill: str = "#e6e6e6") -> str:
    """A static map as an <img> of inline SVG (data URI): prints on paper and loads nothing."""
    width, height = size
    return _image(_paths(geojson, fills, default_fill, _projection(geojson, width, height)), alt, width, height)


_SWATCH_BORDER = 'stroke="#888888" stroke-width="0.5"'


def _legend(title: str, entries: list[tuple[str, str, str]], left: float, font: float) -> str:
    """The legend as SVG, in the column right of the map: title, then a swatch (fill, label, border) per entry."""
    title_lines = _lines(title) if len(title) > 28 else [title]
    rows = [f'<text x="{left:.0f}" y="{40 + i * 1.3 * font:.0f}" font-weight="700">{html.escape(line)}</text>'
            for i, line in enumerate(title_lines)]
    y = 40 + len(title_lines) * 1.3 * font + 10
    for colour, label, border in entries:
        # beside its swatch a label has room for about 22 characters: a longer one ("tidak ada data / disembunyikan")
        # takes two lines
        lines = _lines(label) if len(label) > _LEGEND_LABEL_CHARS else [label]
        text = "".join(f'<tspan x="{left + 2 * font:.0f}" y="{y + (0.85 + 1.2 * i) * font:.0f}">{html.escape(line)}</tspan>'
                       for i, line in enumerate(lines))
        rows.append(f'<rect x="{left:.0f}" y="{y:.0f}" width="{1.4 * font:.0f}" height="{font:.0f}" fill="{colour}" '
                    f'{border}/><text>{text}</text>')
        y += (1.8 + 1.2 * (len(lines) - 1)) * font
    return f"<g font-family=\"'DejaVu Sans',Arial,sans-serif\" font-size=\"{font}\" fill=\"#111111\">{''.join(rows)}</g>"


def printable_map(data: MapData, classes: Classes, palette: str, geojson: dict, lang: str,
                  labels: pd.DataFrame | None = None, outline: Collection[str] = (), outline_label: str | None = None,
                  size: tuple[int, int] = PRINT_SIZE) -> str:
    """The choropleth as one static image for printed slides, as wide as the page: the map with each area's name
    (`labels`: nama, lon, lat) and the `outline`d areas drawn in black, the legend in a column at its right (with
    `outline_label` for the black border, where the outline needs saying)."""
    width, height = size
    colours = palette_for(palette, max(classes.count, 1), data.lower_is_better)
    fills = {code: colours[c] for code, c in zip(data.table["kode"], classes.class_of) if c >= 0}
    project = _projection(geojson, width - LEGEND_WIDTH, height)
    body = _paths(geojson, fills, NO_DATA_COLOUR, project, outline)
    if labels is not None:
        body += _labels(labels, project, LABEL_FONT)
    entries = [*((colour, label, _SWATCH_BORDER) for colour, label in zip(colours, legend_labels(classes,
                                                                                               data.format_value, lang))),
               (NO_DATA_COLOUR, data.missing(lang), _SWATCH_BORDER),
               *([("none", outline_label, OUTLINE)] if outline_label else [])]
    body += _legend(f"{data.label} ({data.unit})", entries, width - LEGEND_WIDTH + 24, LEGEND_FONT)
    return _image(body, data.label, width, height, ' style="display:block;width:100%;height:auto"')


SPARK_SIZE = (96, 28)


def sparkline(points: list[tuple[int, float]], alt: str, colour: str = "#0072B2",
              size: tuple[int, int] = SPARK_SIZE) -> str:
    """A small trend as an <img> of inline SVG: the values of `points` (year, value) joined, the last one dotted,
    on an axis from zero to the highest value (a small change looks small), the years spaced as on a time axis.
    Empty for fewer than two points."""
    if len(points) < 2:
        return ""
    width, height = size
    years, values = [year for year, _ in points], [value for _, value in points]
    low, high = min(0.0, *values), max(values)
    x = lambda year: 3 + (year - years[0]) / ((years[-1] - years[0]) or 1) * (width - 6)
    y = lambda value: height - 3 - ((value - low) / (high - low) * (height - 6) if high > low else (height - 6) / 2)
    line = " ".join(f"{x(year):.1f},{y(value):.1f}" for year, value in points)
    body = (f'<polyline points="{line}" fill="none" stroke="{colour}" stroke-width="2" stroke-linejoin="round"/>'
            f'<circle cx="{x(years[-1]):.1f}" cy="{y(values[-1]):.1f}" r="2.6" fill="{colour}"/>')
    return _image(body, alt, width, height, ' class="spark"')
