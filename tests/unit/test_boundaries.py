"""The browser map layers in static/geo/: complete, valid, gap- and overlap-free, aligned, small, reproducible."""

from __future__ import annotations

import json
import math
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from lib.analysis import mapdata
from lib.content import profile
from lib.core import boundaries
from lib.render import geometry, maps, svg

ROOT = Path(__file__).resolve().parents[2]
STATIC = ROOT / "static" / "geo"

# Which source layer each browser layer is derived from (geometry), and how many features it must have.
DERIVED_FROM = {
    "kaltim_kabupaten": "kaltim_kabupaten",
    "kutim_kabupaten": "kutim_desa",
    "kutim_kecamatan": "kutim_desa",
    "kutim_desa": "kutim_desa",
}
COUNTS = {"kaltim_kabupaten": 10, "kutim_kabupaten": 1, "kutim_kecamatan": 18, "kutim_desa": 141}


def metric(gdf: gpd.GeoDataFrame) -> np.ndarray:
    """Geometries in UTM 50N (metres), for areas and lengths."""
    return np.asarray(gdf.geometry.to_crs(boundaries.AREA_CRS).values, dtype=object)


def pairwise_overlap_area(geoms: np.ndarray) -> float:
    tree = shapely.STRtree(geoms)
    left, right = tree.query(geoms, predicate="intersects")
    keep = left < right
    return float(shapely.area(shapely.intersection(geoms[left[keep]], geoms[right[keep]])).sum())


def gap_area(union: shapely.Geometry) -> float:
    """Area of the holes inside a union: gaps between polygons (and any real enclaves)."""
    return sum(shapely.Polygon(ring).area for part in shapely.get_parts(union) for ring in part.interiors)


@pytest.fixture(scope="module")
def sources() -> dict[str, gpd.GeoDataFrame]:
    return {name: boundaries.load_layer(name) for name in boundaries.LAYERS}


@pytest.fixture(scope="module")
def outputs() -> dict[str, gpd.GeoDataFrame]:
    """The committed static files, as the browser gets them."""
    return {name: geometry.layer_frame(name, STATIC) for name in boundaries.LAYERS}


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory) -> dict[str, Path]:
    return boundaries.build_static(tmp_path_factory.mktemp("geo"))


def test_static_dir_is_the_one_streamlit_serves():
    assert boundaries.STATIC_DIR == STATIC
    assert geometry.static_url("kutim_desa") == "app/static/geo/kutim_desa.json"
    assert geometry.static_path("kutim_kecamatan") == STATIC / "kutim_kecamatan.json"
    assert sorted(path.name for path in STATIC.glob("*.json")) == sorted(f"{name}.json" for name in boundaries.LAYERS)
    with pytest.raises(ValueError, match="kutim_desa"):
        geometry.static_url("desa")


def test_committed_files_are_exactly_what_the_pipeline_builds(rebuilt):
    assert set(rebuilt) == set(boundaries.LAYERS)
    for name, path in rebuilt.items():
        assert path.read_bytes() == geometry.static_path(name).read_bytes(), (
            f"static/geo/{name}.json is stale: run .venv/bin/python scripts/build_geometry.py"
        )


def test_desa_file_is_small_enough():
    size = geometry.static_path("kutim_desa").stat().st_size
    assert size <= 300_000, f"kutim_desa.json is {size} bytes"
    # The other layers are coarser or dissolved from it, so smaller.
    for name in ("kaltim_kabupaten", "kutim_kabupaten", "kutim_kecamatan"):
        assert geometry.static_path(name).stat().st_size < size


@pytest.mark.parametrize("name", boundaries.LAYERS)
def test_files_are_compact_geojson_with_only_kode_and_nama(name, outputs):
    text = geometry.static_path(name).read_text(encoding="utf-8")
    collection = json.loads(text)
    # No whitespace and numbers in shortest form: the text is its own canonical compact dump.
    assert text == json.dumps(collection, ensure_ascii=False, separators=(",", ":"))
    assert collection["type"] == "FeatureCollection"
    assert "Cahya DSN" in collection["attribution"]
    codes = [feature["properties"]["kode"] for feature in collection["features"]]
    assert codes == sorted(codes)
    for feature in collection["features"]:
        assert set(feature["properties"]) == {"kode", "nama"}
        assert feature["geometry"]["type"] in {"Polygon", "MultiPolygon"}
        # RFC 7946 winding: exterior rings counter-clockwise.
        shape = shapely.geometry.shape(feature["geometry"])
        assert all(part.exterior.is_ccw for part in shapely.get_parts(shape)), feature["properties"]["kode"]
    scaled = shapely.get_coordinates(np.asarray(outputs[name].geometry.values, dtype=object)) * 10**boundaries.DECIMALS
    assert np.abs(scaled - np.round(scaled)).max() < 1e-6


@pytest.mark.parametrize("name", boundaries.LAYERS)
def test_every_source_code_once_with_valid_nonempty_geometry(name, sources, outputs):
    out = outputs[name]
    assert len(out) == COUNTS[name]
    assert out["kode"].is_unique
    source = sources[name]
    assert sorted(out["kode"]) == sorted(source["kode"])
    assert dict(zip(out["kode"], out["nama"], strict=True)) == dict(zip(source["kode"], source["nama"], strict=True))
    geoms = np.asarray(out.geometry.values, dtype=object)
    assert shapely.is_valid(geoms).all()
    assert not shapely.is_empty(geoms).any()
    assert (shapely.area(geoms) > 0).all()


def test_kecamatan_codes_are_the_desa_prefixes(sources, outputs):
    assert set(outputs["kutim_kecamatan"]["kode"]) == set(sources["kutim_desa"]["kode"].str[:8])


@pytest.mark.parametrize("name", boundaries.LAYERS)
def test_no_overlaps_and_no_new_gaps(name, sources, outputs):
    out = metric(outputs[name])
    source = metric(sources[DERIVED_FROM[name]])
    total = shapely.area(out).sum()
    assert pairwise_overlap_area(out) < 0.001 * total
    assert shapely.coverage_is_valid(np.asarray(outputs[name].geometry.values, dtype=object))
    union, source_union = shapely.union_all(out), shapely.union_all(source)
    assert abs(union.area - source_union.area) < 0.005 * source_union.area
    # Simplification opens no gaps; the cleaning even closes the source's sliver gaps.
    assert gap_area(union) <= gap_area(source_union) + 1e-6 * total
    # Each feature stays on its own source polygon: symmetric difference < 5 % of its area (measured: <= 3.1 %,
    # for 11-17 km2 desa with river borders), < 1 % for the typical feature.
    if DERIVED_FROM[name] == name:
        by_code = dict(zip(sources[name]["kode"], source, strict=True))
        changed = np.array(
            [
                shapely.symmetric_difference(geom, by_code[code]).area / by_code[code].area
                for code, geom in zip(outputs[name]["kode"], out, strict=True)
            ]
        )
        assert changed.max() < 0.05
        assert np.median(changed) < 0.01


@pytest.mark.parametrize("name", ["kutim_desa", "kaltim_kabupaten"])
def test_neighbours_keep_their_shared_border(name, sources, outputs):
    source, out = metric(sources[name]), np.asarray(outputs[name].geometry.values, dtype=object)
    assert list(outputs[name]["kode"]) == list(sources[name]["kode"])
    tree = shapely.STRtree(source)
    left, right = tree.query(source, predicate="dwithin", distance=30.0)
    keep = left < right
    left, right = left[keep], right[keep]
    assert len(left) > (300 if name == "kutim_desa" else 10)
    # Source borders are not vertex-matched: measure how far a's border runs within 30 m of b.
    near_b = shapely.buffer(source[right], 30.0)
    source_shared = shapely.length(shapely.intersection(shapely.boundary(source[left]), near_b))
    shared_now = shapely.length(shapely.intersection(shapely.boundary(out[left]), shapely.boundary(out[right])))
    assert shapely.touches(out[left], out[right]).all(), "neighbours in the source must still touch"
    # A run under ~100 m is a corner meeting (the 30 m buffer around a point); longer runs are real borders.
    border = source_shared > 100.0
    assert border.sum() > 0.9 * len(left)
    codes = outputs[name]["kode"].to_numpy()
    lost = [(codes[i], codes[j]) for i, j, now in zip(left[border], right[border], shared_now[border]) if now <= 0]
    assert not lost


def test_kecamatan_and_outline_are_exactly_the_union_of_their_desa(outputs):
    desa, kecamatan = outputs["kutim_desa"], outputs["kutim_kecamatan"]
    desa_m = metric(desa)
    for code, geom in zip(kecamatan["kode"], metric(kecamatan), strict=True):
        union = shapely.union_all(desa_m[(desa["kode"].str[:8] == code).to_numpy()])
        assert shapely.symmetric_difference(geom, union).area < 1e-4 * union.area, code
    outline = metric(outputs["kutim_kabupaten"])[0]
    assert shapely.symmetric_difference(outline, shapely.union_all(desa_m)).area < 1e-4 * outline.area


def test_simplification_actually_simplifies(sources, outputs):
    before = shapely.get_num_coordinates(np.asarray(sources["kutim_desa"].geometry.values, dtype=object)).sum()
    after = shapely.get_num_coordinates(np.asarray(outputs["kutim_desa"].geometry.values, dtype=object)).sum()
    assert after < 0.5 * before


def test_simplify_coverage_repairs_and_keeps_a_shared_wiggly_border():
    # Two squares whose common border zigzags; b's copy of it is shifted 1e-7 into a, so the input overlaps.
    zigzag = [(1.0 + (0.01 if i % 2 else 0.0), i / 20) for i in range(21)]
    a = shapely.Polygon([(0, 0), *zigzag, (0, 1)])
    b = shapely.Polygon([(2, 0), (2, 1), *[(x - 1e-7, y) for x, y in reversed(zigzag)]])
    frame = gpd.GeoDataFrame({"kode": ["a", "b"], "nama": ["A", "B"]}, geometry=[a, b], crs=boundaries.CRS)
    assert boundaries.coverage_problems(frame)
    out = boundaries.simplify_coverage(frame, tolerance=0.05, decimals=3)
    assert boundaries.coverage_problems(out) == []
    sa, sb = out.geometry.values
    assert shapely.get_num_coordinates(sa) < shapely.get_num_coordinates(a)
    assert shapely.intersection(sa.boundary, sb.boundary).length > 0.9
    assert shapely.intersection(sa, sb).area == 0
    coords = shapely.get_coordinates(np.asarray(out.geometry.values, dtype=object))
    assert np.allclose(coords * 1000, np.round(coords * 1000), atol=1e-6)
    assert sa.exterior.is_ccw and sb.exterior.is_ccw


def test_geojson_text_is_compact_sorted_and_stable():
    square = shapely.Polygon([(-0.00001, 0), (1.5, 0), (1.5, 2.25), (-0.00001, 2.25)])
    frame = gpd.GeoDataFrame(
        {"kode": ["64.08.02", "64.08.01"], "nama": ["Dua", "Satu"], "level": "x"},
        geometry=[shapely.affinity.translate(square, 3), square],
        crs=boundaries.CRS,
    )
    text = boundaries.geojson_text(frame, decimals=4)
    assert text.index('"64.08.01"') < text.index('"64.08.02"')
    assert '"coordinates":[[[0,0],[1.5,0],[1.5,2.25],[0,2.25],[0,0]]]' in text
    assert '"properties":{"kode":"64.08.01","nama":"Satu"}' in text
    assert text == boundaries.geojson_text(frame.iloc[::-1], decimals=4)


def test_kecamatan_from_desa_needs_a_name_for_every_kecamatan(sources):
    desa = sources["kutim_desa"].head(5)
    with pytest.raises(ValueError, match="64.08.01"):
        boundaries.kecamatan_from_desa(desa, names={})


def test_a_layer_is_parsed_once_and_its_readers_leave_it_unchanged():
    layer = geometry.layer_geojson("kutim_desa")
    assert geometry.layer_geojson("kutim_desa") is layer and len(layer["features"]) == 141
    before = json.dumps(layer)
    locator = profile.locator_layer("64.08.10.2001")
    assert 0 < len(locator["features"]) < 141
    table = pd.DataFrame({"kode": ["64.08.10.2001"], "nilai": [3.0], "teks": ["x"]})
    maps.desa_3d(layer, table, mapdata.classify(table["nilai"], "quantiles"), ["#000000"], "{teks}", (0.9, 117.3, 8.0))
    svg.svg_image(layer, {"64.08.10.2001": "#b30000"}, "peta", (300, 200))
    assert json.dumps(geometry.layer_geojson("kutim_desa")) == before


def test_centroids_lie_inside_their_area(outputs):
    points = geometry.centroids("kutim_desa")
    assert list(points.columns) == ["kode", "nama", "lon", "lat"]
    assert list(points["kode"]) == sorted(outputs["kutim_desa"]["kode"])
    polygons = dict(zip(outputs["kutim_desa"]["kode"], outputs["kutim_desa"].geometry, strict=True))
    for row in points.itertuples():
        assert polygons[row.kode].contains(shapely.Point(row.lon, row.lat)), row.kode


def web_mercator_px(lon: float, lat: float, zoom: float) -> tuple[float, float]:
    world = 512 * 2**zoom
    x = (lon + 180) / 360 * world
    y = (1 - math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)) / math.pi) / 2 * world
    return x, y


@pytest.mark.parametrize(
    ("layer", "codes", "width", "height"),
    [("kutim_desa", None, 800, 600), ("kutim_desa", ["64.08.10"], 700, 500), ("kaltim_kabupaten", None, 500, 700)],
)
def test_view_for_fits_the_layer_tightly(layer, codes, width, height):
    minx, miny, maxx, maxy = geometry.bounds(layer, codes)
    lat, lon, zoom = geometry.view_for(layer, codes, width, height, padding=0.0)
    assert minx < lon < maxx and miny < lat < maxy

    def extent(z: float) -> tuple[float, float]:
        (x0, y0), (x1, y1) = web_mercator_px(minx, maxy, z), web_mercator_px(maxx, miny, z)
        cx, cy = web_mercator_px(lon, lat, z)
        return 2 * max(cx - x0, x1 - cx), 2 * max(cy - y0, y1 - cy)

    w, h = extent(zoom)
    assert w <= width + 1 and h <= height + 1
    w, h = extent(zoom + 0.05)
    assert w > width or h > height, "the zoom could be higher"


def test_view_for_a_kecamatan_zooms_in_further():
    assert geometry.view_for("kutim_desa", codes=["64.08.10"])[2] > geometry.view_for("kutim_desa")[2] + 2
    with pytest.raises(ValueError):
        geometry.bounds("kutim_desa", ["99.99"])


def test_bounds_of_codes_at_any_level_above_the_features():
    whole = geometry.bounds("kutim_desa")
    assert geometry.bounds("kutim_desa", ["64.08"]) == whole  # the regency: every desa, two levels down
    frame = geometry.layer_frame("kutim_desa")
    one_desa = frame[frame["kode"] == "64.08.10.2001"].geometry.iloc[0].bounds
    assert geometry.bounds("kutim_desa", "64.08.10.2001") == pytest.approx(one_desa)
    kecamatan = geometry.bounds("kutim_desa", ["64.08.10"])
    both = geometry.bounds("kutim_desa", ["64.08.10", "64.08.01.2001"])
    assert both[0] <= kecamatan[0] and both[2] >= kecamatan[2] and both != kecamatan
    with pytest.raises(ValueError):
        geometry.bounds("kutim_desa", ["64.08.1"])  # not a code: a prefix of codes is not a parent
