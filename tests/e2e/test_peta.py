"""The Peta page's maps as the browser draws them: shapes on the MapLibre canvas, click-to-drill, hover, 3D.

What MapLibre drew is read from the map itself: `queryRenderedFeatures` on the choropleth's fill layers gives
the features on screen. Plotly's copies of the features carry only a centroid (`ct`) and a fill colour (`fc`),
so each drawn feature is matched to its area code through the trace's `calcdata`, which holds the same
centroid for every location plotly found in the geometry file.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from functools import cache
from urllib.parse import parse_qs, urlsplit

import pytest
from PIL import Image
from playwright.sync_api import Locator, Page, Response, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from lib.render import geometry

from . import harness
from .harness import REPO_ROOT, open_app_page
from .test_phone import new_page

GEO_DIR = REPO_ROOT / "static" / "geo"
GEO_URL_PATH = "/app/static/geo/"

# A map that is right draws within a few seconds of the script run; waiting longer only delays a failure.
MAP_DRAW_TIMEOUT_MS = 20_000
STABLE_MS = 400
HOVER_TIMEOUT_MS = 5_000

SANGATTA_UTARA = "64.08.04"
MUARA_WAHAU = "64.08.02"
KUTIM = "64.08"
BERAU = "64.03"

# The choropleth's fill opacity (lib/render/maps.py) over the white page, and how far a drawn pixel may stray from it.
FILL_OPACITY = 0.92
COLOUR_TOLERANCE = 6
WHITE_ENOUGH = 245
# Kutai Timur fills about 17 % of the 2D map canvas and of the 3D canvas; a blank canvas has none of it.
MIN_DRAWN_SHARE = 0.08

# --- what the map should show, from the geometry files the app serves -----------------------------------


@cache
def layer_names(layer: str) -> dict[str, str]:
    """kode -> nama of every feature of a browser layer, read from the file the browser loads."""
    features = json.loads((GEO_DIR / f"{layer}.json").read_text(encoding="utf-8"))["features"]
    return {f["properties"]["kode"]: f["properties"]["nama"] for f in features}


@cache
def label_points(layer: str) -> dict[str, tuple[float, float]]:
    """kode -> (lon, lat) of a point well inside each area (pole of inaccessibility)."""
    frame = geometry.centroids(layer)
    return {kode: (lon, lat) for kode, lon, lat in zip(frame["kode"], frame["lon"], frame["lat"])}


def desa_of(kecamatan: str) -> dict[str, str]:
    return {kode: nama for kode, nama in layer_names("kutim_desa").items() if kode.startswith(kecamatan + ".")}


# --- reading the MapLibre map inside the plotly chart ---------------------------------------------------

# null without a plotly map; {waiting} until the map shows `layer` and MapLibre has loaded it; then the codes of
# the areas drawn, the trace locations, and any location plotly did not find in the geometry file.
_DRAWN_JS = """
(layer) => {
  const gd = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
  const subplot = gd && gd._fullLayout && gd._fullLayout.map && gd._fullLayout.map._subplot;
  const map = subplot && subplot.map;
  if (!map || !gd.calcdata || !gd._fullData.length) return null;
  const layers = gd._fullData.map(trace => String(trace.geojson));
  if (!layers.every(url => url.endsWith('/' + layer + '.json'))) return {waiting: 'geometry ' + layers.join()};
  if (!map.loaded() || map.isMoving()) {
    return {waiting: `map loading (loaded ${map.loaded()}, moving ${map.isMoving()}, style ${map.isStyleLoaded()})`};
  }
  const codeOf = new Map();
  gd.calcdata.forEach(trace => trace.forEach(pt => { if (pt.ct) codeOf.set(JSON.stringify(pt.ct), pt.loc); }));
  const fills = map.getStyle().layers.filter(l => l.type === 'fill').map(l => l.id);
  const drawn = map.queryRenderedFeatures({layers: fills});
  const codes = [...new Set(drawn.map(f => codeOf.get(JSON.stringify(f.properties.ct)) || '(unknown feature)'))];
  return {
    codes: codes.sort(),
    locations: gd._fullData.flatMap(trace => Array.from(trace.locations)).sort(),
    unmatched: gd.calcdata.flatMap(trace => trace.filter(pt => !pt.ct).map(pt => pt.loc)),
  };
}
"""

# Where a (lon, lat) is on screen, and which area (code, fill colour) MapLibre drew under that pixel.
_AT_POINT_JS = """
([lon, lat]) => {
  const gd = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
  const map = gd._fullLayout.map._subplot.map;
  const codeOf = new Map();
  gd.calcdata.forEach(trace => trace.forEach(pt => { if (pt.ct) codeOf.set(JSON.stringify(pt.ct), pt.loc); }));
  const fills = map.getStyle().layers.filter(l => l.type === 'fill').map(l => l.id);
  const p = map.project([lon, lat]);
  const box = map.getCanvas().getBoundingClientRect();
  const hit = map.queryRenderedFeatures([p.x, p.y], {layers: fills})[0];
  return {x: p.x, y: p.y, pageX: box.left + p.x, pageY: box.top + p.y,
          code: hit ? codeOf.get(JSON.stringify(hit.properties.ct)) || null : null,
          fill: hit ? hit.properties.fc : null};
}
"""


def map_canvas(page: Page) -> Locator:
    return page.get_by_test_id("stPlotlyChart").locator("canvas.maplibregl-canvas")


def drawn_areas(page: Page, layer: str, expected: set[str]) -> dict:
    """Wait until the map over `layer` has drawn exactly `expected` and stayed so for a moment (or time out),
    then report what it drew.

    Streamlit may draw the chart again right after the first draw (its width settles), so one loaded frame
    with the right areas is not enough: the state must hold for `STABLE_MS`.
    """
    try:
        handle = page.wait_for_function(
            f"""([layer, expected, stableMs]) => {{
              const s = ({_DRAWN_JS})(layer);
              const ok = !!(s && s.codes && s.codes.join('|') === expected.join('|'));
              if (!ok) {{ window.__petaDrawnSince = null; return false; }}
              window.__petaDrawnSince = window.__petaDrawnSince || performance.now();
              return performance.now() - window.__petaDrawnSince >= stableMs ? s : false;
            }}""",
            arg=[layer, sorted(expected), STABLE_MS],
            polling=100,
            timeout=MAP_DRAW_TIMEOUT_MS,
        )
        return handle.json_value()
    except PlaywrightTimeoutError:
        pass  # the assertions below say what was drawn instead
    state = page.evaluate(_DRAWN_JS, layer)
    assert state is not None, "no plotly map on the page"
    assert "waiting" not in state, f"the map over {layer} never finished loading ({state['waiting']})"
    return state


def assert_draws(page: Page, layer: str, expected: set[str]) -> None:
    state = drawn_areas(page, layer, expected)
    assert not state["unmatched"], f"locations missing from {layer}.json: {state['unmatched']}"
    assert set(state["locations"]) == expected, "the trace locations are not the areas of this level"
    drawn = set(state["codes"])
    assert drawn == expected, (
        f"MapLibre drew {len(drawn)} of {len(expected)} areas; missing {sorted(expected - drawn)}, "
        f"unexpected {sorted(drawn - expected)}"
    )


def point_of(page: Page, layer: str, code: str) -> dict:
    """The on-screen point of `code`'s label point, after scrolling the map fully into view."""
    map_canvas(page).scroll_into_view_if_needed()
    lon, lat = label_points(layer)[code]
    point = page.evaluate(_AT_POINT_JS, [lon, lat])
    viewport = page.viewport_size
    assert 0 <= point["pageX"] < viewport["width"] and 0 <= point["pageY"] < viewport["height"], (
        f"{code} is drawn off screen at {point}"
    )
    # The map itself says what is under the pixel: if this fails the map drew another area where `code` lies.
    assert point["code"] == code, f"MapLibre drew {point['code']} at the label point of {code} ({lon}, {lat})"
    return point


def hover_area(page: Page, layer: str, code: str) -> dict:
    """Move the mouse onto `code` and wait for plotly's tooltip naming it; returns the point."""
    point = point_of(page, layer, code)
    page.mouse.move(point["pageX"], point["pageY"])
    tooltip = hover_label(page)
    expect(tooltip).to_have_count(1, timeout=HOVER_TIMEOUT_MS)
    expect(tooltip).to_contain_text(layer_names(layer)[code])
    return point


def click_area(page: Page, layer: str, code: str) -> None:
    """Click `code` on the map as a person does: point at it, see its tooltip, click; wait for the rerun."""
    point = hover_area(page, layer, code)
    rerun_after(page, lambda: page.mouse.click(point["pageX"], point["pageY"]))


def hover_label(page: Page) -> Locator:
    return page.get_by_test_id("stPlotlyChart").locator(".hoverlayer .hovertext")


# --- waiting for Streamlit ----------------------------------------------------------------------------

@pytest.fixture(autouse=True)
def _watch_app_socket(page: Page) -> None:
    """Every test's `page` watches its Streamlit WebSocket from before the app opens."""
    harness.watch_app_socket(page)


def rerun_after(page: Page, action: Callable[[], None]) -> None:
    harness.rerun_after(page, action)
    expect_no_exception(page)


def open_peta(page: Page, base_url: str, path: str) -> None:
    open_app_page(page, base_url, path)
    expect_no_exception(page)


def expect_no_exception(page: Page) -> None:
    """A script error shows as an exception box instead of the map: say so, rather than time out on the map."""
    expect(page.get_by_test_id("stException")).to_have_count(0, timeout=1)


def query(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def geometry_responses(page: Page) -> list[Response]:
    """Every response for a geometry file from now on (a list that fills as the page loads)."""
    responses: list[Response] = []
    page.on("response", lambda r: responses.append(r) if GEO_URL_PATH in r.url else None)
    return responses


def assert_geometry_loaded(responses: list[Response], layer: str) -> None:
    mine = [r for r in responses if urlsplit(r.url).path == f"{GEO_URL_PATH}{layer}.json"]
    assert mine, f"the browser never requested {layer}.json; geometry requests: {[r.url for r in responses]}"
    assert all(r.status == 200 for r in mine), [(r.url, r.status) for r in mine]


# --- reading the page ---------------------------------------------------------------------------------


def expect_table_rows(page: Page, count: int) -> list[str]:
    """Wait until the map table ("Tabel peta") has `count` rows; the names in its visible rows ("Wilayah").

    The grid draws on a canvas and redraws after the run; its accessible twin is a <table> with the row count
    and every column, but only the rows in view.
    """
    expect(page.get_by_role("heading", name="Tabel peta")).to_be_visible()
    grid = page.get_by_test_id("stDataFrame").locator('table[role="grid"]')
    expect(grid.locator('th[aria-colindex="1"]')).to_have_text("Wilayah")
    expect(grid).to_have_attribute("aria-rowcount", str(count + 1))  # plus the header row
    return grid.locator('tbody [aria-colindex="1"]').all_text_contents()


def screenshot_pixels(locator: Locator) -> Image.Image:
    return Image.open(io.BytesIO(locator.screenshot())).convert("RGB")


def non_white_share(image: Image.Image) -> float:
    grey = image.convert("L")
    histogram = grey.histogram()
    return sum(histogram[:WHITE_ENOUGH]) / (image.width * image.height)


def over_white(css_rgb: str, opacity: float) -> tuple[int, ...]:
    r, g, b = (int(v) for v in re.findall(r"\d+", css_rgb)[:3])
    return tuple(round(opacity * c + (1 - opacity) * 255) for c in (r, g, b))


# --- tests --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "layer", "count"),
    [("/peta", "kutim_kecamatan", 18), ("/peta?tingkat=desa", "kutim_desa", 141)],
    ids=["kecamatan", "desa"],
)
def test_map_draws_every_area(page: Page, app_server: str, path: str, layer: str, count: int) -> None:
    responses = geometry_responses(page)
    open_peta(page, app_server, path)
    expected = set(layer_names(layer))
    assert len(expected) == count
    assert_draws(page, layer, expected)
    assert_geometry_loaded(responses, layer)

    image = screenshot_pixels(map_canvas(page))
    share = non_white_share(image)
    assert share > MIN_DRAWN_SHARE, f"the map canvas is almost blank: {share:.1%} of its pixels are not white"
    if layer == "kutim_kecamatan":
        # Every kecamatan is filled, at its label point, with the colour plotly gave it.
        for code in sorted(expected):
            point = point_of(page, layer, code)
            drawn = image.getpixel((round(point["x"]), round(point["y"])))
            wanted = over_white(point["fill"], FILL_OPACITY)
            assert max(abs(a - b) for a, b in zip(drawn, wanted)) <= COLOUR_TOLERANCE, (
                f"{code} {layer_names(layer)[code]}: pixel {drawn} at its label point, expected ~{wanted}"
            )
    assert page.external_requests == []


def test_clicking_a_kecamatan_drills_into_its_desa(page: Page, app_server: str) -> None:
    responses = geometry_responses(page)
    open_peta(page, app_server, "/peta")
    assert_draws(page, "kutim_kecamatan", set(layer_names("kutim_kecamatan")))

    click_area(page, "kutim_kecamatan", SANGATTA_UTARA)

    params = query(page)
    assert params.get("tingkat") == ["desa"], page.url
    assert params.get("kecamatan") == [SANGATTA_UTARA], page.url
    expect(page.get_by_role("combobox", name="Kecamatan", exact=True)).to_have_value(
        layer_names("kutim_kecamatan")[SANGATTA_UTARA]
    )
    desa = desa_of(SANGATTA_UTARA)
    assert len(desa) == 4
    assert_draws(page, "kutim_desa", set(desa))
    assert_geometry_loaded(responses, "kutim_desa")
    names = expect_table_rows(page, len(desa))
    assert sorted(names) == sorted(desa.values())

    rerun_after(page, page.get_by_role("button", name="Kembali ke semua kecamatan").click)
    # The link no longer names the kecamatan: opened later and switched to desa, it would show only its desa.
    assert query(page).get("tingkat", ["kecamatan"]) == ["kecamatan"], page.url
    assert "kecamatan" not in query(page), page.url
    expect(page.get_by_role("combobox", name="Tingkat wilayah", exact=True)).to_have_value("Kecamatan Kutim")
    expect(page.get_by_role("combobox", name="Kecamatan", exact=True)).to_have_count(0)
    assert_draws(page, "kutim_kecamatan", set(layer_names("kutim_kecamatan")))
    expect_table_rows(page, 18)
    assert page.external_requests == []


def test_clicking_kutai_timur_on_the_kaltim_map_opens_its_kecamatan(page: Page, app_server: str) -> None:
    open_peta(page, app_server, "/peta?tingkat=kaltim")
    assert_draws(page, "kaltim_kabupaten", set(layer_names("kaltim_kabupaten")))

    # Another regency has no kecamatan map: a click on it keeps the Kaltim map.
    click_area(page, "kaltim_kabupaten", BERAU)
    assert query(page).get("tingkat") == ["kaltim"], page.url
    assert_draws(page, "kaltim_kabupaten", set(layer_names("kaltim_kabupaten")))

    click_area(page, "kaltim_kabupaten", KUTIM)
    assert query(page).get("tingkat", ["kecamatan"]) == ["kecamatan"], page.url
    expect(page.get_by_role("combobox", name="Tingkat wilayah", exact=True)).to_have_value("Kecamatan Kutim")
    assert_draws(page, "kutim_kecamatan", set(layer_names("kutim_kecamatan")))
    expect_table_rows(page, 18)


def test_hovering_a_kecamatan_shows_its_name_and_rank(page: Page, app_server: str) -> None:
    open_peta(page, app_server, "/peta")
    names = layer_names("kutim_kecamatan")
    assert_draws(page, "kutim_kecamatan", set(names))
    for code in (SANGATTA_UTARA, MUARA_WAHAU):
        hover_area(page, "kutim_kecamatan", code)  # waits for a tooltip with the name
        text = hover_label(page).text_content()
        others = [n for c, n in names.items() if c != code and n not in names[code]]
        assert not [n for n in others if n in text], f"tooltip over {names[code]} names another area: {text!r}"
        assert_rank(text, len(names))


def assert_rank(text: str, areas: int) -> None:
    """The tooltip says "peringkat R dari N (1 = terburuk)" with 1 <= R <= N <= the number of areas shown."""
    found = re.search(r"peringkat (\d+) dari (\d+) \(1 = terburuk\)", text)
    assert found, f"no rank in the tooltip {text!r}"
    rank, total = int(found.group(1)), int(found.group(2))
    assert 1 <= rank <= total <= areas, f"impossible rank in the tooltip {text!r}"


def test_3d_view_draws_desa_without_a_basemap(page: Page, app_server: str) -> None:
    open_peta(page, app_server, "/peta?tingkat=desa&tampilan=3d")
    chart = page.get_by_test_id("stDeckGlJsonChart")
    canvas = chart.locator("canvas#deckgl-overlay")
    expect(canvas).to_be_visible()
    expect(page.get_by_test_id("stPlotlyChart")).to_have_count(0)

    # deck.gl draws after the script run: poll the pixels until the extruded desa appear.
    share = 0.0
    for _ in range(40):
        image = screenshot_pixels(canvas)
        share = non_white_share(image)
        if share > MIN_DRAWN_SHARE:
            break
        page.wait_for_timeout(250)
    assert share > MIN_DRAWN_SHARE, f"the 3D canvas is almost blank: {share:.1%} of its pixels are not white"
    # A legend under the deck names every class, and the desa are drawn flat in exactly its colours: unlit, so a
    # light class is not shaded towards the grey of "no data".
    legend = page.locator(".map-legend")
    expect(legend).to_contain_text("lebih gelap = lebih buruk")
    swatches = legend.locator(".swatch").evaluate_all(
        "spans => spans.map(s => getComputedStyle(s).backgroundColor)")
    assert len(swatches) >= 3, swatches
    assert in_legend_colours_share(image, [tuple(int(v) for v in re.findall(r"\d+", c)[:3]) for c in swatches]) > 0.6

    # The desa are pickable: hovering a drawn pixel near the middle shows a desa's tooltip.
    tooltip = chart.locator(".deck-tooltip")
    box = canvas.bounding_box()
    x, y = _drawn_pixel_near_centre(image)
    page.mouse.move(box["x"] + x, box["y"] + y)
    expect(tooltip).to_be_visible(timeout=HOVER_TIMEOUT_MS)
    text = tooltip.text_content()
    assert any(name in text for name in layer_names("kutim_desa").values()), f"no desa named in {text!r}"
    assert_rank(text, len(layer_names("kutim_desa")))
    assert page.external_requests == [], page.external_requests


def in_legend_colours_share(image: Image.Image, colours: list[tuple[int, ...]]) -> float:
    """The share of the drawn (not white) pixels that are one of `colours`: most of them when faces are unlit."""
    drawn = [(n, pixel) for n, pixel in image.getcolors(maxcolors=1 << 20) if min(pixel) < WHITE_ENOUGH]
    matching = sum(n for n, pixel in drawn
                   if any(max(abs(a - b) for a, b in zip(pixel, colour)) <= COLOUR_TOLERANCE for colour in colours))
    return matching / sum(n for n, _ in drawn)


def _drawn_pixel_near_centre(image: Image.Image) -> tuple[int, int]:
    """A clearly coloured pixel close to the image centre (the top of an extruded desa)."""
    cx, cy = image.width // 2, image.height // 2
    for radius in range(0, min(cx, cy), 4):
        for dx, dy in ((0, 0), (radius, 0), (-radius, 0), (0, radius), (0, -radius)):
            r, g, b = image.getpixel((cx + dx, cy + dy))
            if max(r, g, b) - min(r, g, b) > 40:
                return cx + dx, cy + dy
    raise AssertionError("no coloured pixel near the centre of the 3D view")


# The choropleth's colour bar on screen: the chart's left and right edges, each class label's box and whether it is
# turned, and the legend title's text.
_LEGEND_JS = """() => {
  const chart = document.querySelector('[data-testid="stPlotlyChart"]');
  const bar = chart && chart.querySelector('.colorbar');
  if (!bar) return null;
  const edges = chart.getBoundingClientRect();
  const labels = [...bar.querySelectorAll('.cbaxis text')].filter(t => t.textContent.trim()).map(t => {
    const box = t.getBoundingClientRect();
    return {text: t.textContent, left: box.left, right: box.right, turned: /rotate/.test(t.getAttribute('transform') || '')};
  });
  return {left: edges.left, right: edges.right, labels: labels, title: bar.querySelector('.cbtitle').textContent};
}"""


def test_a_phone_map_legend_names_every_class_upright(browser, app_server: str) -> None:
    page = new_page(browser, phone=True)
    open_app_page(page, app_server, "/peta")
    page.wait_for_function(f"(({_LEGEND_JS})() || {{labels: []}}).labels.length > 0", timeout=MAP_DRAW_TIMEOUT_MS)
    legend = page.evaluate(_LEGEND_JS)
    page.context.close()
    labels = sorted(legend["labels"], key=lambda label: label["left"])
    assert len(labels) == 5, labels  # the page's five quantile classes, every one named
    assert "lebih gelap = lebih buruk" in legend["title"]
    assert not any(label["turned"] for label in labels), labels
    assert legend["left"] <= labels[0]["left"] and labels[-1]["right"] <= legend["right"], legend
    assert all(a["right"] <= b["left"] for a, b in zip(labels, labels[1:])), labels  # side by side, none overlapping
