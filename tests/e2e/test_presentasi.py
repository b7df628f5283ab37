"""The rakor presentation (`/presentasi?mode=presentasi`) as the projector shows it.

Every slide fits a 1024x768 and a 1920x1080 screen without scrolling; the clicker's keys move between slides;
printing all slides gives one slide a page; a release published while the slides are up appears without a
reload; `&auto=N` advances on its own. Nothing leaves this machine.
"""

from __future__ import annotations

import io
import json
import os
import re
import time
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from PIL import Image, ImageChops
from playwright.sync_api import Browser, Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from pypdf import PdfReader
from pypdf.generic import ContentStream

from lib.core.store import Store, create_store_engine

from .harness import (
    REPO_ROOT,
    AppServer,
    open_app_page,
    open_offline_page,
    rerun_after,
    start_app,
    watch_app_socket,
)

AGENDA = tomllib.loads((REPO_ROOT / "data" / "agenda.toml").read_text(encoding="utf-8"))["slide"]
TITLES = [slide["judul"] for slide in AGENDA]
COUNT = len(TITLES)
SLIDES = range(1, COUNT + 1)
PRESENTATION = "/presentasi?mode=presentasi"

SIZES = {"1024x768": (1024, 768), "1280x720": (1280, 720), "1920x1080": (1920, 1080)}
HEADLINE_LABEL = "Persentase penduduk miskin"
HEADLINE_RATE = re.compile(r"^8,07\s?%$")
MIN_HEADLINE_PX = 48
HEADLINE_CARDS = 6
# lib/ui/layout.py draws the counter at clamp(20px, 2vw, 36px); Streamlit's paragraph style once shrank it to 16 px.
MIN_COUNTER_PX = 20

# The page checks for a new release every 15 s (lib/ui/loaders.py RELEASE_POLL_SECONDS); then one script run.
PUBLISH_VISIBLE_TIMEOUT_S = 30
KUTIM, P0, YEAR, NEW_P0 = "64.08", "persentase_penduduk_miskin_P0", 2025, 7.77
NEW_RATE = re.compile(r"^7,77\s?%$")
AUTO_SECONDS = 10
AUTO_TIMEOUT_S = 25
RUN_JITTER_S = 2

CHART_KINDS = {"tren", "peta_kaltim", "peta_kecamatan", "kesenjangan_program", "sejak_rakor"}
MAP_KINDS = {"peta_kaltim", "peta_kecamatan"}
MAP_SLIDES = [n for n, slide in enumerate(AGENDA, start=1) if slide["jenis"] in MAP_KINDS]
LAYER_OF_MAP = {"peta_kaltim": "kaltim_kabupaten", "peta_kecamatan": "kutim_kecamatan"}
CHART_STABLE_MS = 250
CHART_DRAW_TIMEOUT_MS = 20_000


def test_default_agenda_has_seven_slides() -> None:
    # The slide tests below are written for the shipped agenda: say so plainly if it changes.
    assert COUNT == 7, TITLES
    assert AGENDA[0]["jenis"] == "ringkasan"


# --- reading and driving the presentation ------------------------------------------------------------


def presentation_page(browser: Browser, width: int, height: int) -> Page:
    """An offline page (see harness.open_offline_page) that watches its Streamlit WebSocket from the start."""
    return watch_app_socket(open_offline_page(browser, width, height))



def open_slides(page: Page, base_url: str, query: str = "") -> None:
    open_app_page(page, base_url, PRESENTATION + query)
    expect(page.get_by_test_id("stException")).to_have_count(0, timeout=1)


def counter(page: Page) -> Locator:
    return page.locator("p.slide-counter")


def slide_title(page: Page) -> Locator:
    # The slide's title is the first h1; a profile slide has its own h1 (the area's name) below it.
    return page.locator("h1").first


def expect_slide(page: Page, number: int) -> None:
    expect(counter(page)).to_have_text(f"{number} / {COUNT}")
    expect(slide_title(page)).to_have_text(TITLES[number - 1])
    expect(page).to_have_url(re.compile(rf"[?&]slide={number}(&|$)"))


def query(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def headline_value(page: Page) -> Locator:
    return page.get_by_test_id("stMetric").filter(has_text=HEADLINE_LABEL).get_by_test_id("stMetricValue")


# Which of the app's scroll containers can scroll: the main area (Streamlit's scroller) and the document.
_SCROLL_JS = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const doc = document.scrollingElement || document.documentElement;
  const box = el => ({scrollHeight: el.scrollHeight, clientHeight: el.clientHeight,
                      scrollWidth: el.scrollWidth, clientWidth: el.clientWidth});
  return {main: main && box(main), document: box(doc), body: box(document.body)};
}"""


def scrolling(page: Page) -> list[str]:
    """The scroll containers whose content is taller (or wider) than they are, with their sizes."""
    boxes = page.evaluate(_SCROLL_JS)
    assert boxes["main"] is not None, "no [data-testid=stMain] on the page"
    found = []
    for name, b in boxes.items():
        if b["scrollHeight"] > b["clientHeight"] + 1 or b["scrollWidth"] > b["clientWidth"] + 1:
            content, box = f"{b['scrollWidth']}x{b['scrollHeight']}", f"{b['clientWidth']}x{b['clientHeight']}"
            found.append(f"{name}: content {content} in {box}")
    return found


# Each metric value, its computed font size, and whether its text is cut: the value element and its text
# container (which clips with an ellipsis) must be as wide as the text's laid-out width.
_METRIC_VALUES_JS = """() => [...document.querySelectorAll('[data-testid="stMetricValue"]')].map(value => {
  const text = value.querySelector('[data-testid="stMarkdownContainer"]') || value;
  const range = document.createRange();
  range.selectNodeContents(text);
  const clipped = [value, text].filter(el => el.scrollWidth > el.clientWidth
                                       || range.getBoundingClientRect().width > el.clientWidth + 1);
  const box = value.getBoundingClientRect();
  return {text: value.textContent.trim(), fontPx: parseFloat(getComputedStyle(value).fontSize),
          clipped: clipped.length > 0, onScreen: box.top >= 0 && box.bottom <= innerHeight
                                                 && box.left >= 0 && box.right <= innerWidth,
          textWidth: range.getBoundingClientRect().width, width: text.clientWidth};
})"""


# Axis tick labels, axis titles and legend entries of every plotly chart that are cut by the chart's edge, and
# axis titles drawn over a tick label or legend entry.
_CUT_LABELS_JS = r"""() => {
  const problems = [];
  const inside = (r, b) => r.left >= b.left - 1 && r.right <= b.right + 1
                           && r.top >= b.top - 1 && r.bottom <= b.bottom + 1;
  const overlap = (a, b) => a.left < b.right - 1 && b.left < a.right - 1
                            && a.top < b.bottom - 1 && b.top < a.bottom - 1;
  for (const gd of document.querySelectorAll('[data-testid="stPlotlyChart"] .js-plotly-plot')) {
    const frame = gd.querySelector('.main-svg').getBoundingClientRect();
    const named = nodes => [...gd.querySelectorAll(nodes)].filter(t => t.textContent.trim());
    const ticks = named('.xtick text, .ytick text'), titles = named('.g-xtitle text, .g-ytitle text');
    const legend = named('.legend .legendtext');
    for (const label of [...ticks, ...titles, ...legend]) {
      if (!inside(label.getBoundingClientRect(), frame)) problems.push(`cut: ${label.textContent.trim()}`);
    }
    for (const title of titles) for (const other of [...ticks, ...legend]) {
      if (overlap(title.getBoundingClientRect(), other.getBoundingClientRect())) {
        problems.push(`axis title "${title.textContent.trim()}" over "${other.textContent.trim()}"`);
      }
    }
  }
  return problems;
}"""

# True once the page has at least `minimum` plotly charts, every chart has drawn (its map loaded, if any), every
# image has loaded, and no chart changed size for `stableMs`.
_CHARTS_SETTLED_JS = """([minimum, stableMs]) => {
  const charts = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')];
  const drawn = charts.length >= minimum && charts.every(chart => {
    const gd = chart.querySelector('.js-plotly-plot');
    const layout = gd && gd._fullLayout;
    const map = layout && layout.map && layout.map._subplot && layout.map._subplot.map;
    return layout && gd.querySelector('.main-svg') && (!layout.map || (map && map.loaded() && !map.isMoving()));
  }) && [...document.images].every(image => image.complete && image.naturalWidth > 0);
  const shape = drawn && charts.map(chart => {
    const r = chart.querySelector('.main-svg').getBoundingClientRect();
    return `${Math.round(r.width)}x${Math.round(r.height)}:${chart.querySelectorAll('text').length}`;
  }).join();
  if (!drawn || shape !== window.__chartsShape) {
    window.__chartsShape = shape;
    window.__chartsSince = performance.now();
    return false;
  }
  return performance.now() - window.__chartsSince >= stableMs;
}"""


def wait_for_charts(page: Page, minimum: int = 1) -> None:
    page.wait_for_function(_CHARTS_SETTLED_JS, arg=[minimum, CHART_STABLE_MS], polling=100,
                           timeout=CHART_DRAW_TIMEOUT_MS)


_FILL_OPERATORS = {b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*"}


def coloured_fills(reader: PdfReader, stream, resources, depth: int = 0) -> int:
    """How many shapes a PDF content stream (and the forms it draws) fills with a clearly coloured paint."""
    count, colour, saved = 0, (0.0, 0.0, 0.0), []
    for operands, operator in ContentStream(stream, reader).operations:
        if operator == b"q":
            saved.append(colour)
        elif operator == b"Q":
            colour = saved.pop() if saved else colour
        elif operator == b"rg":
            colour = tuple(float(v) for v in operands)
        elif operator == b"g":
            colour = (float(operands[0]),) * 3
        elif operator in _FILL_OPERATORS and max(colour) - min(colour) > 0.15:
            count += 1
        elif operator == b"Do" and depth < 5:
            form = resources["/XObject"][operands[0]].get_object()
            if form.get("/Subtype") == "/Form":
                count += coloured_fills(reader, form, form.get("/Resources", resources), depth + 1)
    return count


def features_in(layer: str) -> int:
    geometry = json.loads((REPO_ROOT / "static" / "geo" / f"{layer}.json").read_text(encoding="utf-8"))
    return len(geometry["features"])


def drawn_share(image: Image.Image) -> float:
    """Share of an image's pixels that are opaque and not white."""
    rgba = image.convert("RGBA")
    opaque = rgba.getchannel("A").point(lambda a: 255 if a > 16 else 0)
    coloured = rgba.convert("L").point(lambda v: 255 if v < 245 else 0)
    return ImageChops.multiply(opaque, coloured).histogram()[255] / (rgba.width * rgba.height)


def screenshot_dir(tmp_path: Path) -> Path:
    if os.environ.get("SCREENSHOTS"):
        folder = REPO_ROOT / "screenshots" / "presentasi"
        folder.mkdir(parents=True, exist_ok=True)
        return folder
    return tmp_path


# --- every slide on a projector -----------------------------------------------------------------------


@pytest.fixture(scope="module", params=list(SIZES))
def projector(request: pytest.FixtureRequest, browser: Browser) -> Iterator[Page]:
    """One page per screen size, reused for every slide (pytest groups the tests by size)."""
    page = presentation_page(browser, *SIZES[request.param])
    page.size_name = request.param
    yield page
    page.context.close()


@pytest.mark.parametrize("number", SLIDES)
def test_slide_fits_the_screen(projector: Page, app_server: str, number: int, tmp_path: Path) -> None:
    page = projector
    already_external = len(page.external_requests)
    open_slides(page, app_server, f"&slide={number}")
    kind = AGENDA[number - 1]["jenis"]
    if kind in CHART_KINDS:
        wait_for_charts(page)
    page.screenshot(path=screenshot_dir(tmp_path) / f"slide{number}_{page.size_name}.png")

    expect_slide(page, number)
    assert scrolling(page) == [], f"slide {number} scrolls at {page.size_name}"
    counter_px = counter(page).evaluate("el => parseFloat(getComputedStyle(el).fontSize)")
    assert counter_px >= MIN_COUNTER_PX, f"the slide counter is drawn at {counter_px} px"
    expect(page.get_by_test_id("stSidebar")).to_be_hidden()
    expect(page.get_by_test_id("stSidebarNav")).to_be_hidden()
    # The navigation is on screen, not below the fold.
    expect(page.get_by_role("button", name="Berikutnya")).to_be_in_viewport(ratio=1)
    # Every chart label is whole and readable (the projector's large font once pushed them out of the chart).
    assert page.evaluate(_CUT_LABELS_JS) == [], f"slide {number} ({kind}) at {page.size_name}"
    assert page.external_requests[already_external:] == []


def test_headline_numbers_are_large_and_whole_at_1920(browser: Browser, app_server: str) -> None:
    page = presentation_page(browser, 1920, 1080)
    try:
        open_slides(page, app_server, "&slide=1")
        expect(headline_value(page)).to_have_text(HEADLINE_RATE)
        values = page.evaluate(_METRIC_VALUES_JS)
        assert len(values) == HEADLINE_CARDS, [v["text"] for v in values]
        for value in values:
            assert value["fontPx"] >= MIN_HEADLINE_PX, f"{value['text']!r} drawn at {value['fontPx']} px"
            assert not value["clipped"], f"{value['text']!r} is cut: {value}"
            assert value["onScreen"], f"{value['text']!r} is not fully on screen: {value}"
        assert page.external_requests == []

        # The same checks fail on a slide that does not fit: values too narrow, a slide taller than the screen.
        squeeze = page.add_style_tag(
            content='[data-testid="stMetricValue"] { max-width: 60px; }'
            '[data-testid="stMainBlockContainer"]::after { content: ""; display: block; height: 2000px; }'
        )
        assert all(v["clipped"] for v in page.evaluate(_METRIC_VALUES_JS))
        assert any(found.startswith("main:") for found in scrolling(page)), scrolling(page)
        squeeze.evaluate("style => style.remove()")
        assert scrolling(page) == []
    finally:
        page.context.close()


# --- the clicker ----------------------------------------------------------------------------------


def test_clicker_keys_move_between_slides(browser: Browser, app_server: str) -> None:
    page = presentation_page(browser, 1280, 800)
    try:
        open_slides(page, app_server, "&slide=1")
        expect_slide(page, 1)
        # Streamlit listens for shortcuts on the document: focus the page, not a widget.
        slide_title(page).click()
        for key, number in [("PageDown", 2), ("ArrowRight", 3), ("PageUp", 2), ("ArrowLeft", 1), ("PageUp", COUNT)]:
            rerun_after(page, lambda: page.keyboard.press(key))
            expect_slide(page, number)
        assert query(page).get("mode") == ["presentasi"], page.url
        assert page.external_requests == []
    finally:
        page.context.close()


# --- printing every slide --------------------------------------------------------------------------


def test_print_all_slides_gives_one_slide_a_page(page: Page, app_server: str) -> None:
    open_slides(page, app_server, "&cetak=semua")
    for number in SLIDES:
        expect(page.locator(f".st-key-slide-{number}")).to_have_count(1)
    wait_for_charts(page)
    page.emulate_media(media="print")
    # The print layout narrows the page: let the charts redraw for it before printing.
    wait_for_charts(page)
    reader = PdfReader(io.BytesIO(page.pdf(format="A4", landscape=True, print_background=True)))
    texts = [" ".join(p.extract_text().split()) for p in reader.pages]
    assert len(texts) == COUNT, f"{len(texts)} pages; first lines: {[t[:60] for t in texts]}"
    for number, (title, text) in enumerate(zip(TITLES, texts), start=1):
        assert title in text, f"page {number} does not show {title!r}: {text[:200]!r}"
        assert f"{number} / {COUNT}" in text, f"page {number} has no counter: {text[:200]!r}"
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    assert abs(width - 842) < 2 and abs(height - 595) < 2, (width, height)  # A4 landscape in points
    assert page.external_requests == []

    # A map slide prints its map (a WebGL map prints blank): as coloured shapes, one or more an area, or as an
    # image with content.
    for number in MAP_SLIDES:
        pdf_page = reader.pages[number - 1]
        areas = features_in(LAYER_OF_MAP[AGENDA[number - 1]["jenis"]])
        shapes = coloured_fills(reader, pdf_page.get_contents(), pdf_page["/Resources"])
        images = [drawn_share(image.image) for image in pdf_page.images]
        assert shapes >= areas or any(share > 0.05 for share in images), (
            f"page {number} prints no map: {shapes} coloured shapes for {areas} areas, images {images}"
        )


# --- live data and auto-advance ----------------------------------------------------------------------
#
# Both tests mostly wait on the app's own timers (a release check every 15 s, an advance every 10 s). Their
# pages are opened before the other tests of this module run (see _open_timed_pages_first), so those timers
# run meanwhile; each test then only checks what happened, waiting only as long as still needed.


@dataclass
class LiveSlides:
    server: AppServer
    db_url: str
    page: Page


@pytest.fixture(scope="module")
def live_slides(browser: Browser, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveSlides]:
    """Slide 1 open on a server of its own, so a release published there never reaches the other tests."""
    workdir = tmp_path_factory.mktemp("app-live")
    server = start_app(workdir)
    page = presentation_page(browser, 1280, 800)
    try:
        open_slides(page, server.url, "&slide=1")
        expect(headline_value(page)).to_have_text(HEADLINE_RATE)
        # Gone if the page reloads.
        page.evaluate("() => { window.__samePage = true; }")
        yield LiveSlides(server, f"sqlite:///{workdir / 'dasbor.sqlite'}", page)
    finally:
        page.context.close()
        server.stop()


# Every text the slide counter shows, with the time (ms since the epoch) it first showed it.
_COUNTER_LOG_JS = """
window.__counterLog = [];
new MutationObserver(() => {
  const counter = document.querySelector('p.slide-counter');
  const text = counter && counter.textContent.trim();
  const log = window.__counterLog;
  if (text && (!log.length || log[log.length - 1].text !== text)) log.push({text, t: Date.now()});
}).observe(document, {childList: true, subtree: true, characterData: true});
"""


@pytest.fixture(scope="module")
def auto_advancing(browser: Browser, app_server: str) -> Iterator[Page]:
    """Slide 1 with `&auto=10`, its counter's every change logged in `window.__counterLog`."""
    page = presentation_page(browser, 1280, 800)
    page.add_init_script(_COUNTER_LOG_JS)
    open_slides(page, app_server, f"&slide=1&auto={AUTO_SECONDS}")
    yield page
    page.context.close()


@pytest.fixture(scope="module", autouse=True)
def _open_timed_pages_first(request: pytest.FixtureRequest) -> None:
    """Open the pages of the timed tests that will run, before any other test of this module."""
    selected = {item.originalname for item in request.session.items if item.module is request.module}
    for test, fixture in (("test_new_release_appears_on_the_open_slide", "live_slides"),
                          ("test_auto_advance_moves_to_the_next_slide", "auto_advancing")):
        if test in selected:
            request.getfixturevalue(fixture)


def publish_new_p0(db_url: str) -> int:
    """Publish the current `nilai` release again with Kutim's 2025 P0 set to 7.77."""
    engine = create_store_engine(db_url)
    try:
        store = Store(engine)
        releases = store.current_releases()
        current = releases.loc[releases["dataset"] == "nilai", "id"]
        assert len(current) == 1, releases
        rows = store.values()
        rows = rows[rows["rilis_id"] == current.item()].drop(columns=["id", "rilis_id"])
        target = (rows["kode_wilayah"] == KUTIM) & (rows["indikator"] == P0) & (rows["tahun"] == YEAR)
        assert target.sum() == 1, rows[target]
        rows.loc[target, "nilai"] = NEW_P0
        return store.publish("nilai", {"nilai": rows}, by="test")
    finally:
        engine.dispose()


def test_new_release_appears_on_the_open_slide(live_slides: LiveSlides) -> None:
    page = live_slides.page
    expect(headline_value(page)).to_have_text(HEADLINE_RATE)
    sockets = page.app_socket.sockets

    published = time.monotonic()
    publish_new_p0(live_slides.db_url)
    try:
        page.wait_for_function(
            """(label) => [...document.querySelectorAll('[data-testid="stMetric"]')]
                 .filter(card => card.textContent.includes(label))
                 .map(card => card.querySelector('[data-testid="stMetricValue"]').textContent.trim())
                 .some(value => /^7,77\\s?%$/.test(value))""",
            arg=HEADLINE_LABEL, polling=100, timeout=PUBLISH_VISIBLE_TIMEOUT_S * 1000,
        )
    except PlaywrightTimeoutError:
        pytest.fail(f"7,77 % not shown {PUBLISH_VISIBLE_TIMEOUT_S} s after the publish; headline "
                    f"{headline_value(page).text_content()!r}; server log:\n{live_slides.server.log()[-4000:]}")
    delay = time.monotonic() - published
    print(f"\npublish-to-visible delay: {delay:.1f} s")

    expect(headline_value(page)).to_have_text(NEW_RATE)
    assert page.evaluate("() => window.__samePage === true"), "the page was reloaded"
    assert page.app_socket.sockets == sockets, "the page opened a new session"
    assert query(page).get("mode") == ["presentasi"], page.url
    expect_slide(page, 1)
    assert page.external_requests == []


def test_auto_advance_moves_to_the_next_slide(auto_advancing: Page) -> None:
    page = auto_advancing
    log = page.evaluate("() => window.__counterLog")
    assert log and log[0]["text"] == f"1 / {COUNT}", log
    shown = log[0]["t"]
    left_ms = max(shown + AUTO_TIMEOUT_S * 1000 - time.time() * 1000, 0) + 500
    try:
        page.wait_for_function(f"() => window.__counterLog.some(e => e.text === '2 / {COUNT}')", polling=100,
                               timeout=left_ms)
    except PlaywrightTimeoutError:
        pass  # the assertions below say what the counter showed
    log = page.evaluate("() => window.__counterLog")
    texts = [entry["text"] for entry in log]
    assert f"2 / {COUNT}" in texts, f"no advance within {AUTO_TIMEOUT_S} s of slide 1: {texts}"

    # One slide forward each time (the page may have run on for a while, round past the last slide), neither
    # sooner nor much later than asked. The times are when the browser drew each slide, after a script run of
    # its own length: allow for the difference between two runs.
    steps = [round((b["t"] - a["t"]) / 1000, 1) for a, b in zip(log, log[1:])]
    print(f"\nauto-advance: {texts} after {steps} s")
    assert texts == [f"{i % COUNT + 1} / {COUNT}" for i in range(len(texts))], texts
    assert all(AUTO_SECONDS - RUN_JITTER_S <= step <= AUTO_TIMEOUT_S for step in steps), (
        f"asked to advance every {AUTO_SECONDS} s, advanced after {steps} s"
    )
    # The slide is advancing on its own: wait for the counter, title and URL to agree on one slide.
    page.wait_for_function(
        """(titles) => {
          const counter = document.querySelector('p.slide-counter');
          const slide = new URL(location.href).searchParams.get('slide');
          const number = counter && parseInt(counter.textContent);
          return number && String(number) === slide && document.querySelector('h1').textContent === titles[number - 1];
        }""",
        arg=TITLES, polling=100, timeout=5_000,
    )
    assert query(page).get("mode") == ["presentasi"] and query(page).get("auto") == [str(AUTO_SECONDS)], page.url
    assert page.external_requests == []
