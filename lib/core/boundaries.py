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

Reading the built files at run time is `lib.render.geometry`'s job.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely

from lib.core.settings import DATA_DIR, PROJECT_ROOT
from lib.core.wilayah import KUTIM

LAYERS = ("kaltim_kabupaten", "kutim_kabupaten", "kutim_kecamatan", "kutim_desa")

STATIC_DIR = PROJECT_ROOT / "static" / "geo"

STATIC_URL = "app/static/geo"

CRS = "EPSG:4326"

# Metric CRS for areas and lengths in checks: UTM zone 50N (114°E-120°E) covers Kutim and nearly all of Kaltim.
AREA_CRS = "EPSG:32650"

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


def geometry_array(gdf: gpd.GeoDataFrame) -> np.ndarray:
    return np.asarray(gdf.geometry.values, dtype=object)


def _with_geometry(gdf: gpd.GeoDataFrame, geoms: np.ndarray) -> gpd.GeoDataFrame:
    out = gdf.copy()
    out = out.set_geometry(gpd.GeoSeries(geoms, index=gdf.index, crs=gdf.crs))
    return out


def check_layer_name(name: str, names: tuple[str, ...]) -> None:
    if name not in names:
        raise ValueError(f"Unknown layer '{name}'; known layers: {', '.join(names)}.")


def load_layer(name: str, data_dir: Path = DATA_DIR) -> gpd.GeoDataFrame:
    """One source layer from `data/geo/<name>.geojson`: columns kode, nama, level, geometry (EPSG:4326), by kode.

    Raises `ValueError` for an unknown layer name or a code that appears twice.
    """
    check_layer_name(name, LAYERS)
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
    geoms = geometry_array(gdf)
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
    cleaned = shapely.coverage_clean(geometry_array(gdf), gap_width=gap_width)
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
    geoms = shapely.coverage_simplify(geometry_array(gdf), tolerance)
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
    return _with_geometry(out, shapely.orient_polygons(geometry_array(out)))


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
        geometry = union(geometry_array(desa[codes == code]))
        rows.append({"kode": code, "nama": names[code], "level": "kecamatan", "geometry": geometry})
    return gpd.GeoDataFrame(rows, geometry="geometry", crs=desa.crs)


def outline(gdf: gpd.GeoDataFrame, kode: str, nama: str, level: str = "kabupaten") -> gpd.GeoDataFrame:
    """One feature: the union of all polygons of `gdf` (a clean coverage is dissolved without new vertices)."""
    union = shapely.coverage_union_all if not coverage_problems(gdf) else shapely.union_all
    return gpd.GeoDataFrame(
        [{"kode": kode, "nama": nama, "level": level, "geometry": union(geometry_array(gdf))}], geometry="geometry", crs=gdf.crs
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
    geometries = shapely.orient_polygons(geometry_array(ordered))
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
