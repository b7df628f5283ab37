"""A figure's title and provenance caption (lib.render.charts.captioned) fit the figure on a 390 px phone and on a
1024 px projector: plotly does not wrap titles, so a line too long would be cut at the figure's edge."""

from __future__ import annotations

import pytest

from .harness import open_app_page
from .test_profil import PHONE_AGENT

# Each figure's width and how far right its title, measure and caption lines reach.
CAPTION_REACH = """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"] .main-svg')]
  .filter(svg => svg.querySelector('.gtitle'))
  .map(svg => {
    const box = svg.getBoundingClientRect();
    const texts = [...svg.querySelectorAll('.gtitle, .gtitle-subtitle')].map(t => t.getBoundingClientRect());
    return {width: box.width, right: Math.max(...texts.map(t => t.right)) - box.left,
            left: Math.min(...texts.map(t => t.left)) - box.left};
  })"""


@pytest.mark.parametrize("viewport", [(390, 844), (1024, 768)])
@pytest.mark.parametrize("path", ["/tren", "/peta", "/cakupan"])
def test_figure_captions_fit_the_figure(browser, app_server, path, viewport):
    width, height = viewport
    phone = width < 600
    context = browser.new_context(viewport={"width": width, "height": height}, locale="id-ID", service_workers="block",
                                  **(dict(user_agent=PHONE_AGENT, is_mobile=True) if phone else {}))
    page = context.new_page()
    try:
        open_app_page(page, app_server, path)
        page.locator('[data-testid="stPlotlyChart"] .gtitle').first.wait_for()
        figures = page.evaluate(CAPTION_REACH)
        assert figures
        for figure in figures:
            assert figure["left"] >= 0 and figure["right"] <= figure["width"], figures
    finally:
        context.close()
