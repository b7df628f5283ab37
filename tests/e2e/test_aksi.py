"""The Rencana Aksi need map as Chromium draws it: the need over every kecamatan, exactly the high-need kecamatan no
step reaches outlined and ringed, a circle for each kecamatan with steps, the "tanpa aksi" hover, and not one
request off this machine (map markers, unlike map text, need no font from the internet).

What should be marked is computed from the shipped data the server is built from (`built_db_url`), as the page
computes it; what is drawn is read from MapLibre itself (`queryRenderedFeatures` per plotly trace).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from lib.content import aksi
from lib.core import actions
from lib.core.actions import ActionTables
from lib.core.i18n import t
from lib.core.store import Store, create_store_engine
from lib.core.wilayah import AreaRegistry
from lib.render import geometry

from .harness import open_app_page

LAYER = "kutim_kecamatan"
MAP_DRAW_TIMEOUT_MS = 20_000
STABLE_MS = 400
# A circle's centre as MapLibre reports it, against the label point it was placed at (degrees).
POINT_TOLERANCE = 1e-3

# Per trace of the page's map (the chart with a MapLibre map), once the map has loaded and stopped moving: the area
# codes of the fills MapLibre drew and the centres of the circles it drew.
_DRAWN_JS = """
() => {
  const charts = [...document.querySelectorAll('[data-testid="stPlotlyChart"] .js-plotly-plot')];
  const gd = charts.find(g => g._fullLayout && g._fullLayout.map && g._fullLayout.map._subplot);
  const map = gd && gd._fullLayout.map._subplot.map;
  if (!map || !gd.calcdata || !map.loaded() || map.isMoving()) return null;
  const codeOf = new Map();
  gd.calcdata.forEach(trace => trace.forEach(pt => { if (pt.ct) codeOf.set(JSON.stringify(pt.ct), pt.loc); }));
  const layers = map.getStyle().layers;
  return gd._fullData.map(trace => {
    const own = type => layers.filter(l => l.id.includes(trace.uid) && l.type === type).map(l => l.id);
    const fills = own('fill').length ? map.queryRenderedFeatures({layers: own('fill')}) : [];
    const circles = own('circle').length ? map.queryRenderedFeatures({layers: own('circle')}) : [];
    return {
      type: trace.type, name: trace.name, width: trace.marker && trace.marker.line && trace.marker.line.width,
      codes: [...new Set(fills.map(f => codeOf.get(JSON.stringify(f.properties.ct)) || '(unknown)'))].sort(),
      points: circles.map(f => f.geometry.coordinates),
    };
  });
}
"""


@pytest.fixture(scope="module")
def expected(built_db_url) -> aksi.PriorityView:
    """The default need map (share of deciles 1-4 per kecamatan, newest year) of the shipped data and demo steps."""
    store = Store(create_store_engine(built_db_url))
    rows = store.programme_rows()
    steps = actions.with_status(ActionTables.from_release(store.current_tables(actions.DATASET)), aksi.today_in_kutim())
    return aksi.priority_view(rows, aksi.DEFAULT_NEED, None, int(rows["tahun"].max()), "kecamatan", steps,
                              AreaRegistry(store.areas(), store.aliases()), None, "id")


def drawn_traces(page: Page) -> list[dict]:
    """What the map drew per trace, once it has held still for a moment."""
    page.locator("canvas.maplibregl-canvas").scroll_into_view_if_needed()
    try:
        handle = page.wait_for_function(
            f"""(stableMs) => {{
              const s = ({_DRAWN_JS})();
              if (!s) {{ window.__aksiSince = null; return false; }}
              window.__aksiSince = window.__aksiSince || performance.now();
              return performance.now() - window.__aksiSince >= stableMs ? s : false;
            }}""", arg=STABLE_MS, polling=100, timeout=MAP_DRAW_TIMEOUT_MS)
    except PlaywrightTimeoutError:
        pytest.fail("the need map never finished drawing")
    return handle.json_value()


def near(point: list[float], lon_lat: tuple[float, float]) -> bool:
    return abs(point[0] - lon_lat[0]) < POINT_TOLERANCE and abs(point[1] - lon_lat[1]) < POINT_TOLERANCE


def test_the_need_map_marks_exactly_the_priority_kecamatan_without_a_step(page: Page, app_server: str,
                                                                           expected: aksi.PriorityView) -> None:
    assert expected.without_step, "the shipped demo should leave some priority kecamatan without a step"
    open_app_page(page, app_server, "/aksi")
    expect(page.get_by_test_id("stException")).to_have_count(0, timeout=1)
    traces = drawn_traces(page)
    need = traces[0]
    assert need["type"] == "choroplethmap" and set(need["codes"]) == set(expected.data.table["kode"].dropna())
    label = t("aksi.map.without_step", "id")
    outline = next(trace for trace in traces if trace["type"] == "choroplethmap" and trace["width"] == 4)
    assert set(outline["codes"]) == expected.without_step
    ring = next(trace for trace in traces if trace["type"] == "scattermap" and trace["name"] == label)
    points = geometry.centroids(LAYER).set_index("kode")
    for code in expected.without_step:
        assert any(near(p, (points.at[code, "lon"], points.at[code, "lat"])) for p in ring["points"]), code
    assert len(ring["points"]) == len(expected.without_step)
    circles = next(trace for trace in traces if trace["name"] == t("aksi.map.steps", "id"))
    assert len(circles["points"]) == int((expected.steps_per_area > 0).sum())

    # Pointing at a ringed kecamatan says so.
    code = sorted(expected.without_step)[0]
    where = page.evaluate("""([lon, lat]) => {
      const gd = [...document.querySelectorAll('[data-testid="stPlotlyChart"] .js-plotly-plot')]
        .find(g => g._fullLayout && g._fullLayout.map);
      const map = gd._fullLayout.map._subplot.map;
      const p = map.project([lon, lat]);
      const box = map.getCanvas().getBoundingClientRect();
      return {x: box.left + p.x, y: box.top + p.y};
    }""", [points.at[code, "lon"], points.at[code, "lat"]])
    page.mouse.move(where["x"], where["y"])
    tooltip = page.get_by_test_id("stPlotlyChart").locator(".hoverlayer .hovertext")
    expect(tooltip.first).to_contain_text(label, timeout=5_000)
    assert page.external_requests == []
