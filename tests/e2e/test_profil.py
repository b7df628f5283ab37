"""Profil Wilayah printed from a real browser: A4, one or two pages, the area's name, nothing fetched."""

import io

import pytest
from pypdf import PdfReader

from tests.e2e import harness


@pytest.mark.parametrize(
    ("query", "name"),
    [("?kecamatan=64.08.09", "Bengalon"), ("?kecamatan=64.08.04&desa=64.08.04.1010&lang=en", "Teluk Lingga")],
)
def test_profile_prints_to_one_or_two_a4_pages_with_the_area_name(page, app_server, query, name):
    harness.open_app_page(page, app_server, "/profil" + query)
    page.emulate_media(media="print")
    reader = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
    text = " ".join(p.extract_text() for p in reader.pages)
    assert 1 <= len(reader.pages) <= 2, f"{len(reader.pages)} pages"
    assert name in text
    # Widgets, menus and the print hint are not printed; the profile's own tables are.
    assert "Ctrl+P" not in text and "Bahasa Indonesia" not in text
    assert ("Cakupan program" in text) or ("Programme coverage" in text)
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    assert abs(width - 595) < 2 and abs(height - 842) < 2  # A4 in points (Chromium rounds to whole pixels)
    assert page.external_requests == []
