"""The built browser layers at run time: their files and URLs, GeoJSON and frames, label points and map views.

The layers are built from `data/geo/` by `lib.core.boundaries` (`scripts/build_geometry.py`); this module only
reads the static files, cached until a file changes. No Streamlit here.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from lib.core.boundaries import CRS, LAYERS, STATIC_DIR, STATIC_URL, check_layer_name, geometry_array

# MapLibre (plotly's `map` subplots) draws the world 512 px wide at zoom 0.
_TILE_PX = 512


def static_path(layer: str, static_dir: Path = STATIC_DIR) -> Path:
    """The file of a browser layer: `<repo>/static/geo/<layer>.json`."""
    check_layer_name(layer, LAYERS)
    return Path(static_dir) / f"{layer}.json"


def static_url(layer: str) -> str:
    """The URL plotly fetches a browser layer from, relative to the app: `app/static/geo/<layer>.json`."""
    check_layer_name(layer, LAYERS)
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
    """A browser layer as a GeoJSON dict, parsed once per file version and shared by every caller: read it,
    never change it (build new dicts from its features instead)."""
    return _parsed_layer(*_stamp(static_path(layer, static_dir)))


@lru_cache(maxsize=16)
def _parsed_layer(path: str, mtime_ns: int, size: int) -> dict[str, Any]:
    return json.loads(_read_text(path, mtime_ns, size))


def layer_frame(layer: str, static_dir: Path = STATIC_DIR) -> gpd.GeoDataFrame:
    """A browser layer as a GeoDataFrame (kode, nama, geometry; EPSG:4326), read from its static file."""
    return _read_frame(*_stamp(static_path(layer, static_dir))).copy()


def centroids(layer: str, static_dir: Path = STATIC_DIR) -> pd.DataFrame:
    """A label point per feature (kode, nama, lon, lat), sorted by kode.

    The point is the centre of the largest circle inside the polygon (pole of inaccessibility, to ~10 m), so it
    always lies inside the area, also for concave or multi-part desa where the plain centroid may not.
    """
    frame = layer_frame(layer, static_dir)
    centres = shapely.get_point(shapely.maximum_inscribed_circle(geometry_array(frame), 1e-4), 0)
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
    return frame[_under(frame["kode"].to_numpy(dtype=str), codes)]


def _under(feature_codes: np.ndarray, codes: Iterable[str]) -> np.ndarray:
    """Which features have one of `codes`, or lie under one of them."""
    wanted = [str(code) for code in ([codes] if isinstance(codes, str) else codes)]
    keep = np.isin(feature_codes, wanted)
    for length in {len(code) for code in wanted}:  # a code's first `length` characters and the dot after them
        keep |= np.isin(feature_codes.astype(f"<U{length + 1}"), [code + "." for code in wanted if len(code) == length])
    if not keep.any():
        raise ValueError(f"No feature matches codes {wanted}.")
    return keep


@lru_cache(maxsize=16)
def _feature_bounds(path: str, mtime_ns: int, size: int) -> tuple[np.ndarray, np.ndarray]:
    """Each feature's code and (min_lon, min_lat, max_lon, max_lat), computed once per layer file."""
    frame = _read_frame(path, mtime_ns, size)
    return frame["kode"].to_numpy(dtype=str), shapely.bounds(geometry_array(frame))


def bounds(
    layer: str, codes: Iterable[str] | None = None, static_dir: Path = STATIC_DIR
) -> tuple[float, float, float, float]:
    """(min_lon, min_lat, max_lon, max_lat) of a browser layer, or of its features whose kode is one of `codes`
    or lies under one of them (`codes=["64.08.10"]` on `kutim_desa` gives that kecamatan's desa)."""
    feature_codes, feature_bounds = _feature_bounds(*_stamp(static_path(layer, static_dir)))
    chosen = feature_bounds if codes is None else feature_bounds[_under(feature_codes, codes)]
    return (float(chosen[:, 0].min()), float(chosen[:, 1].min()), float(chosen[:, 2].max()),
            float(chosen[:, 3].max()))


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


def outer_rings(geometry: dict) -> list:
    """Outer rings of a Polygon or MultiPolygon (holes are not drawn on these small maps)."""
    if geometry["type"] == "Polygon":
        return geometry["coordinates"][:1]
    return [polygon[0] for polygon in geometry["coordinates"]]
