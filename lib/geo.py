"""Boundary geometry for the maps: the source layers, the simplified layers the browser loads, view helpers.

The source boundaries in `data/geo/` (see `data/geo/SOURCE.md`) are too detailed to send to a browser on every
rerun (the desa layer is ~1 MB). `scripts/build_geometry.py` turns them into small static files in
`static/geo/`, which Streamlit serves at `app/static/geo/` (`server.enableStaticServing`). A plotly map then
names the file instead of embedding it, so geometry crosses the wire once and a filter change only sends codes
and values::

    go.Choroplethmap(geojson=geo.static_url("kutim_desa"), featureidkey="properties.kode",
                     locations=codes, z=values)

Browser layers (`LAYERS`; every feature has exactly the properties `kode` and `nama`):

- `kaltim_kabupaten` — the 10 kabupaten/kota of Kalimantan Timur (`64.NN`).
- `kutim_kabupaten` — the outline of Kutai Timur (`64.08`): the union of the simplified desa, so it lines up
  exactly with the two layers below. On the Kaltim map, draw Kutim's outline from `kaltim_kabupaten`
  (`locations=["64.08"]`, same file, already cached by the browser): the source's province layer is a coarser
  drawing of the same border (the desa outline strays from it by up to ~3 km, median ~90 m).
- `kutim_kecamatan` — the 18 kecamatan (`64.08.NN`), dissolved from the simplified desa, so kecamatan borders
  coincide with desa borders. Names come from the source kecamatan layer (its geometry, which is coarser and does
  not line up with the desa layer, is not used).
- `kutim_desa` — the 141 desa/kelurahan (`64.08.NN.NNNN`).

How the files are made, per layer: repair the source into a clean polygonal coverage (`clean_coverage`: no
overlaps, shared edges vertex-identical, sliver gaps narrower than the gap width given to a neighbour), simplify
it as a coverage so neighbours keep one shared border (`simplify_coverage`), snap coordinates to a grid of
`DECIMALS` decimals and check that the result is still a valid coverage, then write compact, deterministic
GeoJSON (`write_static_geojson`). Tolerances are in degrees; near the equator 0.001° ≈ 111 m.

No Streamlit here; the functions are pure apart from reading `data/geo/` and the static files.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from lib.settings import DATA_DIR, PROJECT_ROOT

SOURCE_LAYERS = ("kaltim_kabupaten", "kutim_kabupaten", "kutim_kecamatan", "kutim_desa")
LAYERS = ("kaltim_kabupaten", "kutim_kabupaten", "kutim_kecamatan", "kutim_desa")

STATIC_DIR = PROJECT_ROOT / "static" / "geo"
STATIC_URL = "app/static/geo"

CRS = "EPSG:4326"
# Metric CRS for areas and lengths in checks: UTM zone 50N (114°E-120°E) covers Kutim and nearly all of Kaltim.
AREA_CRS = "EPSG:32650"

KUTIM = "64.08"

# Coordinates are written with 4 decimals (a 0.0001° grid, ~11 m): finer than a screen pixel up to zoom ~13.
DECIMALS = 4
# Desa: 0.0015° (~165 m; Visvalingam-Whyatt, so removed wiggles have an area below ~165 m x 165 m). Keeps
# river-following borders recognisable when a single kecamatan fills the map and makes the file ~230 KB.
DESA_TOLERANCE = 0.0015
# The source desa have 825 sliver gaps between neighbours, all under ~11 m wide; 0.0003° (~33 m) closes them all.
DESA_GAP_WIDTH = 0.0003
# Kaltim: 0.005° (~550 m) is under one pixel when the whole province fills a ~800 px map.
KALTIM_TOLERANCE = 0.005
# The source province layer has 88 gaps between kabupaten, up to ~530 m wide; 0.006° (~660 m) closes them all.
KALTIM_GAP_WIDTH = 0.006

ATTRIBUTION = (
    "Boundaries: cahyadsn/wilayah_boundaries, MIT licence, Copyright (c) 2024 Cahya DSN; "
    "simplified for display (data/geo/SOURCE.md)"
)

# MapLibre (plotly's `map` subplots) draws the world 512 px wide at zoom 0.
_TILE_PX = 512


def _geoms(gdf: gpd.GeoDataFrame) -> np.ndarray:
    return np.asarray(gdf.geometry.values, dtype=object)


def _with_geometry(gdf: gpd.GeoDataFrame, geoms: np.ndarray) -> gpd.GeoDataFrame:
    out = gdf.copy()
    out = out.set_geometry(gpd.GeoSeries(geoms, index=gdf.index, crs=gdf.crs))
    return out


def _check_layer_name(name: str, names: tuple[str, ...]) -> None:
    if name not in names:
        raise ValueError(f"Unknown layer '{name}'; known layers: {', '.join(names)}.")


def load_layer(name: str, data_dir: Path = DATA_DIR) -> gpd.GeoDataFrame:
    """One source layer from `data/geo/<name>.geojson`: columns kode, nama, level, geometry (EPSG:4326), by kode.

    Raises `ValueError` for an unknown layer name or a code that appears twice.
    """
    _check_layer_name(name, SOURCE_LAYERS)
    gdf = gpd.read_file(Path(data_dir) / "geo" / f"{name}.geojson")
    if gdf.crs is None:
        gdf = gdf.set_crs(CRS)
    elif gdf.crs != CRS:
        gdf = gdf.to_crs(CRS)
    duplicated = gdf["kode"][gdf["kode"].duplicated()].tolist()
    if duplicated:
        raise ValueError(f"Layer '{name}' has duplicated codes: {duplicated}.")
    return gdf[["kode", "nama", "level", "geometry"]].sort_values("kode", ignore_index=True)


def coverage_problems(gdf: gpd.GeoDataFrame) -> list[str]:
    """Why `gdf` is not a clean polygonal coverage (invalid/empty/non-polygonal rows, overlaps, unmatched edges).

    An empty list means every geometry is a valid, non-empty (Multi)Polygon and neighbours share exactly
    identical edges without overlapping.
    """
    geoms = _geoms(gdf)
    codes = gdf["kode"].tolist() if "kode" in gdf.columns else list(range(len(gdf)))
    problems = []
    for code, geom in zip(codes, geoms, strict=True):
        if geom is None or shapely.is_empty(geom):
            problems.append(f"{code}: empty geometry")
        elif shapely.get_type_id(geom) not in (3, 6):
            problems.append(f"{code}: {geom.geom_type}, not a (Multi)Polygon")
        elif not shapely.is_valid(geom):
            problems.append(f"{code}: invalid ({shapely.is_valid_reason(geom)})")
    if not problems:
        edges = shapely.coverage_invalid_edges(geoms)
        for code, edge in zip(codes, edges, strict=True):
            if edge is not None and not shapely.is_empty(edge):
                problems.append(f"{code}: overlapping or unmatched edges near {edge.representative_point().wkt}")
    return problems


def clean_coverage(gdf: gpd.GeoDataFrame, gap_width: float = 0.0) -> gpd.GeoDataFrame:
    """`gdf` as a clean polygonal coverage (GEOS coverage cleaning, `shapely.coverage_clean`).

    Overlaps go to the neighbour with the longest shared border, nearby vertices are snapped so shared edges are
    identical, and gaps narrower than `gap_width` (CRS units) are merged into a neighbour. Wider gaps stay.
    Raises `ValueError` if the result is still not a clean coverage.
    """
    cleaned = shapely.coverage_clean(_geoms(gdf), gap_width=gap_width)
    out = _with_geometry(gdf, cleaned)
    problems = coverage_problems(out)
    if problems:
        raise ValueError("Coverage cleaning left problems: " + "; ".join(problems[:5]))
    return out


def simplify_coverage(gdf: gpd.GeoDataFrame, tolerance: float, decimals: int = DECIMALS) -> gpd.GeoDataFrame:
    """Simplify polygons as a coverage, then snap coordinates to a grid of `decimals` decimals.

    `shapely.coverage_simplify` (Visvalingam-Whyatt; `tolerance` ≈ square root of the largest triangle area
    removed, CRS units) simplifies each shared edge once, so neighbours keep identical borders and no gaps or
    overlaps appear. It only removes vertices, so snapping afterwards (`shapely.set_precision`, which keeps every
    geometry valid) moves both copies of a shared vertex to the same grid point. Rings are oriented as RFC 7946
    asks (exterior counter-clockwise).

    An input that is not a clean coverage is first cleaned without closing gaps (`clean_coverage`). If snapping
    makes two polygons overlap (possible only where unshared borders come within a grid cell), the result is
    cleaned and snapped once more. Raises `ValueError` if the output is not a valid coverage or a geometry
    vanished.
    """
    if coverage_problems(gdf):
        gdf = clean_coverage(gdf)
    grid = 10.0**-decimals
    geoms = shapely.coverage_simplify(_geoms(gdf), tolerance)
    geoms = shapely.set_precision(geoms, grid)
    out = _with_geometry(gdf, geoms)
    if coverage_problems(out):
        repaired = shapely.coverage_clean(geoms, snapping_distance=0.0)
        out = _with_geometry(gdf, shapely.set_precision(repaired, grid))
    problems = coverage_problems(out)
    if problems:
        raise ValueError(
            f"Simplifying with tolerance {tolerance} and {decimals} decimals broke the coverage: "
            + "; ".join(problems[:5])
        )
    return _with_geometry(out, shapely.orient_polygons(_geoms(out)))


def kecamatan_from_desa(desa: gpd.GeoDataFrame, names: Mapping[str, str] | None = None) -> gpd.GeoDataFrame:
    """Kecamatan polygons dissolved from desa polygons by the first 8 characters of `kode` (`64.08.NN`).

    The kecamatan borders are then exactly the desa borders. Names are looked up by code in `names`, by default
    the source kecamatan layer (`kutim_kecamatan.geojson`). Raises `ValueError` for a kecamatan without a name.
    A clean coverage is dissolved with `shapely.coverage_union_all` (no new vertices), anything else with
    `shapely.union_all`.
    """
    if names is None:
        source = load_layer("kutim_kecamatan")
        names = dict(zip(source["kode"], source["nama"], strict=True))
    codes = desa["kode"].str[:8]
    missing = sorted(set(codes) - set(names))
    if missing:
        raise ValueError(f"No kecamatan name for codes {missing}.")
    union = shapely.coverage_union_all if not coverage_problems(desa) else shapely.union_all
    rows = []
    for code in sorted(set(codes)):
        geometry = union(_geoms(desa[codes == code]))
        rows.append({"kode": code, "nama": names[code], "level": "kecamatan", "geometry": geometry})
    return gpd.GeoDataFrame(rows, geometry="geometry", crs=desa.crs)


def outline(gdf: gpd.GeoDataFrame, kode: str, nama: str, level: str = "kabupaten") -> gpd.GeoDataFrame:
    """One feature: the union of all polygons of `gdf` (a clean coverage is dissolved without new vertices)."""
    union = shapely.coverage_union_all if not coverage_problems(gdf) else shapely.union_all
    return gpd.GeoDataFrame(
        [{"kode": kode, "nama": nama, "level": level, "geometry": union(_geoms(gdf))}], geometry="geometry", crs=gdf.crs
    )


def _number(value: float, decimals: int) -> str:
    text = f"{value:.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _ring_json(ring: shapely.LinearRing, decimals: int) -> str:
    coords = shapely.get_coordinates(ring)
    return "[" + ",".join(f"[{_number(x, decimals)},{_number(y, decimals)}]" for x, y in coords) + "]"


def _polygon_json(polygon: shapely.Polygon, decimals: int) -> str:
    rings = [polygon.exterior, *polygon.interiors]
    return "[" + ",".join(_ring_json(ring, decimals) for ring in rings) + "]"


def _geometry_json(geometry: shapely.Geometry, decimals: int) -> str:
    if geometry.geom_type == "Polygon":
        return '{"type":"Polygon","coordinates":' + _polygon_json(geometry, decimals) + "}"
    if geometry.geom_type == "MultiPolygon":
        parts = ",".join(_polygon_json(part, decimals) for part in geometry.geoms)
        return '{"type":"MultiPolygon","coordinates":[' + parts + "]}"
    raise ValueError(f"Only Polygon and MultiPolygon can be written, not {geometry.geom_type}.")


def geojson_text(gdf: gpd.GeoDataFrame, decimals: int = DECIMALS) -> str:
    """Compact GeoJSON of `gdf`: features sorted by kode, properties only kode and nama, fixed decimals.

    No whitespace; numbers printed with at most `decimals` decimals and no trailing zeros, so equal geometry always
    gives equal text. Exterior rings counter-clockwise, holes clockwise (RFC 7946). The FeatureCollection carries
    the source attribution (`ATTRIBUTION`) as a foreign member.
    """
    if gdf.crs is not None and gdf.crs != CRS:
        gdf = gdf.to_crs(CRS)
    ordered = gdf.sort_values("kode", ignore_index=True)
    if ordered["kode"].duplicated().any():
        raise ValueError("Codes must be unique to write a layer.")
    features = []
    geometries = shapely.orient_polygons(_geoms(ordered))
    for kode, nama, geometry in zip(ordered["kode"], ordered["nama"], geometries, strict=True):
        properties = json.dumps({"kode": str(kode), "nama": str(nama)}, ensure_ascii=False, separators=(",", ":"))
        features.append(
            '{"type":"Feature","properties":' + properties + ',"geometry":' + _geometry_json(geometry, decimals) + "}"
        )
    attribution = json.dumps(ATTRIBUTION, ensure_ascii=False)
    return '{"type":"FeatureCollection","attribution":' + attribution + ',"features":[' + ",".join(features) + "]}"


def write_static_geojson(gdf: gpd.GeoDataFrame, path: Path | str, decimals: int = DECIMALS) -> Path:
    """Write `geojson_text(gdf)` to `path` as UTF-8 (parents created; replaced atomically) and return the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(geojson_text(gdf, decimals).encode("utf-8"))
    os.replace(tmp, path)
    return path


def build_layers(data_dir: Path = DATA_DIR) -> dict[str, gpd.GeoDataFrame]:
    """The browser layers (`LAYERS`) built from the source files, in memory."""
    desa = simplify_coverage(clean_coverage(load_layer("kutim_desa", data_dir), DESA_GAP_WIDTH), DESA_TOLERANCE)
    kecamatan_names = load_layer("kutim_kecamatan", data_dir)
    kecamatan = kecamatan_from_desa(desa, dict(zip(kecamatan_names["kode"], kecamatan_names["nama"], strict=True)))
    kutim_name = load_layer("kutim_kabupaten", data_dir).set_index("kode").loc[KUTIM, "nama"]
    kutim = outline(desa, KUTIM, kutim_name)
    kaltim = simplify_coverage(
        clean_coverage(load_layer("kaltim_kabupaten", data_dir), KALTIM_GAP_WIDTH), KALTIM_TOLERANCE
    )
    return {"kaltim_kabupaten": kaltim, "kutim_kabupaten": kutim, "kutim_kecamatan": kecamatan, "kutim_desa": desa}


def build_static(out_dir: Path | str = STATIC_DIR, data_dir: Path = DATA_DIR) -> dict[str, Path]:
    """Build every browser layer and write it to `<out_dir>/<layer>.json`; returns the paths by layer."""
    layers = build_layers(data_dir)
    return {name: write_static_geojson(layer, Path(out_dir) / f"{name}.json") for name, layer in layers.items()}


def static_path(layer: str, static_dir: Path = STATIC_DIR) -> Path:
    """The file of a browser layer: `<repo>/static/geo/<layer>.json`."""
    _check_layer_name(layer, LAYERS)
    return Path(static_dir) / f"{layer}.json"


def static_url(layer: str) -> str:
    """The URL plotly fetches a browser layer from, relative to the app: `app/static/geo/<layer>.json`."""
    _check_layer_name(layer, LAYERS)
    return f"{STATIC_URL}/{layer}.json"


def _stamp(path: Path) -> tuple[str, int, int]:
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise FileNotFoundError(
            f"{path} is missing; build it with `.venv/bin/python scripts/build_geometry.py`."
        ) from None
    return str(path), stat.st_mtime_ns, stat.st_size


@lru_cache(maxsize=16)
def _read_text(path: str, mtime_ns: int, size: int) -> str:
    return Path(path).read_text(encoding="utf-8")


@lru_cache(maxsize=16)
def _read_frame(path: str, mtime_ns: int, size: int) -> gpd.GeoDataFrame:
    features = json.loads(_read_text(path, mtime_ns, size))["features"]
    return gpd.GeoDataFrame.from_features(features, crs=CRS)[["kode", "nama", "geometry"]]


def layer_geojson(layer: str, static_dir: Path = STATIC_DIR) -> dict[str, Any]:
    """A browser layer as a GeoJSON dict, read from its static file (cached until the file changes).

    Each call returns a fresh dict, so a caller may add properties (e.g. colours for pydeck) without affecting
    other callers.
    """
    return json.loads(_read_text(*_stamp(static_path(layer, static_dir))))


def desa_geojson(static_dir: Path = STATIC_DIR) -> dict[str, Any]:
    """The simplified desa layer as a GeoJSON dict, for layers that need geometry inline (pydeck GeoJsonLayer)."""
    return layer_geojson("kutim_desa", static_dir)


def layer_frame(layer: str, static_dir: Path = STATIC_DIR) -> gpd.GeoDataFrame:
    """A browser layer as a GeoDataFrame (kode, nama, geometry; EPSG:4326), read from its static file."""
    return _read_frame(*_stamp(static_path(layer, static_dir))).copy()


def centroids(layer: str, static_dir: Path = STATIC_DIR) -> pd.DataFrame:
    """A label point per feature (kode, nama, lon, lat), sorted by kode.

    The point is the centre of the largest circle inside the polygon (pole of inaccessibility, to ~10 m), so it
    always lies inside the area, also for concave or multi-part desa where the plain centroid may not.
    """
    frame = layer_frame(layer, static_dir)
    centres = shapely.get_point(shapely.maximum_inscribed_circle(_geoms(frame), 1e-4), 0)
    return pd.DataFrame(
        {
            "kode": frame["kode"].to_numpy(),
            "nama": frame["nama"].to_numpy(),
            "lon": np.round(shapely.get_x(centres), 5),
            "lat": np.round(shapely.get_y(centres), 5),
        }
    ).sort_values("kode", ignore_index=True)


def _select(frame: gpd.GeoDataFrame, codes: Iterable[str] | None) -> gpd.GeoDataFrame:
    if codes is None:
        return frame
    wanted = [str(code) for code in ([codes] if isinstance(codes, str) else codes)]
    keep = frame["kode"].map(lambda kode: any(kode == c or kode.startswith(c + ".") for c in wanted))
    if not keep.any():
        raise ValueError(f"No feature matches codes {wanted}.")
    return frame[keep]


def bounds(
    layer: str, codes: Iterable[str] | None = None, static_dir: Path = STATIC_DIR
) -> tuple[float, float, float, float]:
    """(min_lon, min_lat, max_lon, max_lat) of a browser layer, or of its features whose kode is one of `codes`
    or lies under one of them (`codes=["64.08.10"]` on `kutim_desa` gives that kecamatan's desa)."""
    frame = _select(layer_frame(layer, static_dir), codes)
    minx, miny, maxx, maxy = shapely.total_bounds(_geoms(frame))
    return float(minx), float(miny), float(maxx), float(maxy)


def _mercator_y(lat: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def view_for_bounds(
    bbox: tuple[float, float, float, float], width: int = 800, height: int = 600, padding: float = 0.05
) -> tuple[float, float, float]:
    """(lat, lon, zoom) that fits `bbox` in a plotly `map` subplot of `width` x `height` pixels.

    Web Mercator with MapLibre's 512 px world at zoom 0; `padding` is the share of each side left free. The
    zoom is rounded down to 2 decimals so the box always fits.
    """
    minx, miny, maxx, maxy = bbox
    usable = 1.0 - 2.0 * padding
    y0, y1 = _mercator_y(miny), _mercator_y(maxy)
    zooms = []
    if maxx > minx:
        zooms.append(math.log2(width * usable * 360.0 / (_TILE_PX * (maxx - minx))))
    if y1 > y0:
        zooms.append(math.log2(height * usable * 2.0 * math.pi / (_TILE_PX * (y1 - y0))))
    zoom = math.floor(min(zooms) * 100) / 100 if zooms else 12.0
    lat = math.degrees(2.0 * math.atan(math.exp((y0 + y1) / 2.0)) - math.pi / 2.0)
    return round(lat, 5), round((minx + maxx) / 2.0, 5), zoom


def view_for(
    layer: str,
    codes: Iterable[str] | None = None,
    width: int = 800,
    height: int = 600,
    padding: float = 0.05,
    static_dir: Path = STATIC_DIR,
) -> tuple[float, float, float]:
    """(lat, lon, zoom) for `map=dict(center=dict(lat=lat, lon=lon), zoom=zoom)` showing the whole layer (or the
    features under `codes`, see `bounds`) in a map of `width` x `height` pixels."""
    return view_for_bounds(bounds(layer, codes, static_dir), width, height, padding)
