"""The printed slides' maps (`lib.render.svg` via `slides.print_map`): as wide as the page, every area named,
Kutim outlined on the Kaltim map (issue 15, deliverable 1)."""

import base64
import re

import pytest

from lib.analysis.mapdata import MapData
from lib.content import slides
from lib.core.wilayah import KUTIM
from lib.render import geometry, svg


def printed(layer: str) -> tuple[str, str]:
    """The print view's <img> of `layer` and the SVG inside it."""
    points = geometry.centroids(layer)
    data = MapData(points[["kode", "nama"]].assign(nilai=range(len(points)), sumber="x"), "Nilai uji", "%", True,
                   lambda v: f"{v:.1f}")
    image = slides.print_map(data, layer, "id")
    return image, base64.b64decode(re.search(r"base64,([^\"]+)", image).group(1)).decode()


@pytest.mark.parametrize(("layer", "areas"), [("kutim_kecamatan", 18), ("kaltim_kabupaten", 10)])
def test_every_area_is_named_once_without_overlaps(layer, areas):
    _, drawn = printed(layer)
    labels = re.findall(r'<text class="label">(.*?)</text>', drawn)
    assert len(labels) == areas and drawn.count("<path ") == areas
    assert "Kabupaten" not in " ".join(labels)  # short names: `Kutai Timur`
    boxes = []
    for label in labels:
        spans = re.findall(r'<tspan x="([\d.]+)" y="([\d.]+)">([^<]*)</tspan>', label)
        width = svg._CHAR_WIDTH * svg.LABEL_FONT * max(len(text) for *_, text in spans) / 2
        ys = [float(y) for _, y, _ in spans]
        boxes.append((float(spans[0][0]) - width, min(ys) - svg.LABEL_FONT, float(spans[0][0]) + width, max(ys)))
    overlaps = [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:]
                if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]]
    assert not overlaps


def test_kutim_is_outlined_on_the_kaltim_map_and_no_area_on_the_kecamatan_map():
    _, kaltim = printed("kaltim_kabupaten")
    kutim = re.search(rf'<path data-kode="{re.escape(KUTIM)}"[^>]*/>', kaltim).group(0)
    assert svg.OUTLINE in kutim
    assert kaltim.count(svg.OUTLINE) == 1 and kaltim.rindex("<path ") == kaltim.index(kutim)  # drawn on top
    assert svg.OUTLINE not in printed("kutim_kecamatan")[1]


def test_the_printed_map_fills_the_page_width_at_the_pages_shape():
    image, drawn = printed("kutim_kecamatan")
    width, height = svg.PRINT_SIZE
    assert f'viewBox="0 0 {width} {height}"' in drawn and "width:100%;height:auto" in image
    # A4 landscape less margins is 281 x 194 mm; the map leaves room for the slide's title and subtitle
    assert 1.45 < width / height < 281 / 150
    assert "Nilai uji (%)" in drawn and "tidak ada data" in drawn  # the legend is part of the image


def test_a_locator_map_keeps_its_size_and_highlight():
    layer = geometry.layer_geojson("kutim_kecamatan")
    image = svg.svg_image(layer, {"64.08.01": "#b30000"}, "peta", (300, 220))
    drawn = base64.b64decode(re.search(r"base64,([^\"]+)", image).group(1)).decode()
    assert 'width="300" height="220"' in image and drawn.count('fill="#b30000"') == 1
    assert "<text" not in drawn


def test_the_printed_priority_map_outlines_every_area_it_is_given_and_says_what_the_outline_means():
    """The priority slide's printed map rings every high-need area without a step, as the screen map does."""
    points = geometry.centroids("kutim_kecamatan")
    data = MapData(points[["kode", "nama"]].assign(nilai=range(len(points)), sumber="x"), "Nilai uji", "%", True,
                   lambda v: f"{v:.1f}")
    priority = set(points["kode"].iloc[[2, 7, 11]])
    image = slides.print_map(data, "kutim_kecamatan", "id", priority, "Prioritas tanpa aksi")
    drawn = base64.b64decode(re.search(r"base64,([^\"]+)", image).group(1)).decode()
    outlined = set(re.findall(rf'<path data-kode="([^"]+)"[^>]*{re.escape(svg.OUTLINE)}/>', drawn))
    assert outlined == priority
    assert drawn.count("<path ") == len(points)
    assert re.search(rf'<rect [^>]*fill="none" {re.escape(svg.OUTLINE)}/><text><tspan [^>]*>Prioritas tanpa aksi</tspan>',
                     drawn)


def test_a_long_legend_label_takes_two_lines_inside_the_legend_column():
    """"tidak ada data / disembunyikan" ran past the printed page's edge in one line."""
    points = geometry.centroids("kutim_kecamatan")
    data = MapData(points[["kode", "nama"]].assign(nilai=range(len(points)), sumber="x"), "Nilai uji", "%", True,
                   lambda v: f"{v:.1f}")
    image = slides.print_map(data, "kutim_kecamatan", "id", {points["kode"].iloc[0]}, "tidak ada data / disembunyikan")
    drawn = base64.b64decode(re.search(r"base64,([^\"]+)", image).group(1)).decode()
    lines = re.findall(r'<text><tspan x="([\d.]+)" y="([\d.]+)">(tidak ada data)</tspan>'
                       r'<tspan x="[\d.]+" y="([\d.]+)">(/ disembunyikan)</tspan></text>', drawn)
    assert len(lines) == 1
    left, first, one, second, two = lines[0]
    assert float(second) > float(first)
    assert float(left) + svg._CHAR_WIDTH * svg.LEGEND_FONT * max(len(one), len(two)) < svg.PRINT_SIZE[0]
