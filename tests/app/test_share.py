""""Salin tautan" (`lib.ui.share`): every page but Kelola offers a link with every choice pinned, the year and the
language included, and that link opened in a fresh session gives the same widget values.

AppTest has no browser URL (`st.context.url` is None), so the link is the page's path from the site's root; in a
browser it starts with the app's address (tests/e2e/test_phone.py).
"""

from urllib.parse import parse_qs, urlsplit

import pytest

from tests import fixture_data
from tests.app.test_pages import _store_env, open_page  # noqa: F401 (_store_env: the fixture store, autouse)

URL_PATHS = {"views/ringkasan.py": "/", "views/peta.py": "/peta", "views/tren.py": "/tren",
             "views/cakupan.py": "/cakupan", "views/profil.py": "/profil", "views/tentang.py": "/tentang",
             "views/presentasi.py": "/presentasi"}
YEAR_PAGES = {"views/peta.py", "views/cakupan.py", "views/profil.py"}
LATEST = str(fixture_data.LATEST_YEAR)
EARLIER = str(fixture_data.YEARS[0])

# Each page as first opened (every choice at its default) and with choices away from the defaults.
CASES = [
    ("views/ringkasan.py", {}),
    ("views/ringkasan.py", {"lang": "en"}),
    ("views/peta.py", {}),
    ("views/peta.py", {"lang": "en", "tingkat": "desa", "kecamatan": "64.08.04", "ukuran": "persen_desil_1_4",
                       "tahun": EARLIER, "kelas": "equal_interval", "palet": "biru"}),
    ("views/peta.py", {"tingkat": "kaltim"}),
    ("views/tren.py", {}),
    ("views/tren.py", {"indikator": "ipm", "wilayah": [fixture_data.KALTIM, fixture_data.KUTIM]}),
    ("views/cakupan.py", {}),
    ("views/cakupan.py", {"program": "SEMBAKO", "tahun": EARLIER, "kecamatan": "64.08.04", "desa": "64.08.04.2001",
                          "desil": ["1", "2"]}),
    ("views/profil.py", {}),
    ("views/profil.py", {"kecamatan": "64.08.04", "desa": "64.08.04.1010", "lang": "en"}),
    ("views/tentang.py", {}),
    ("views/tentang.py", {"indikator": "ipm"}),
    ("views/presentasi.py", {}),
    ("views/presentasi.py", {"layar": "1080", "lang": "en"}),
]


def shared_link(app) -> str:
    links = [code.value for code in app.code if "lang=" in code.value]
    assert len(links) == 1, [code.value for code in app.code]
    return links[0]


def pinned(link: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(link).query, keep_blank_values=True)


def no_url_warnings(app) -> bool:
    return not any("URL" in str(w.value) or "tautan" in str(w.value) for w in app.warning)


@pytest.mark.parametrize(("page", "query"), CASES, ids=lambda v: v if isinstance(v, str) else ",".join(v) or "defaults")
def test_the_shared_link_reopens_the_same_view(page, query):
    first = open_page(page, query)
    assert no_url_warnings(first)
    link = shared_link(first)
    assert urlsplit(link).path == URL_PATHS[page]
    params = pinned(link)

    # Every choice the page keeps in the URL is pinned, defaults included.
    assert params["lang"] == [query.get("lang", "id")]
    if page in YEAR_PAGES and params.get("tingkat") != ["kaltim"]:
        assert params["tahun"] == [query.get("tahun", LATEST)]
    if page == "views/peta.py" and params["tingkat"] == ["kaltim"]:
        assert "tahun_kaltim" in params and "tahun" not in params  # the Kutim year is not drawn on the Kaltim map
    for key, values in query.items():
        assert params[key] == (values if isinstance(values, list) else [values]), key

    # A fresh session opened on the link shows the same choices, and offers the same link.
    second = open_page(page, {key: values if len(values) > 1 else values[0] for key, values in params.items()})
    assert no_url_warnings(second)
    for key in params:
        assert second.session_state[key] == first.session_state[key], key
    assert shared_link(second) == link


def test_the_address_bar_stays_short_while_the_copied_link_pins_the_year():
    app = open_page("views/cakupan.py")
    assert "tahun" not in app.query_params and "lang" not in app.query_params
    assert pinned(shared_link(app))["tahun"] == [LATEST]


def test_the_link_follows_a_change_of_choice():
    app = open_page("views/profil.py")
    app.selectbox(key="tahun").select(int(EARLIER)).run()
    assert pinned(shared_link(app))["tahun"] == [EARLIER]
    app.selectbox(key="tahun").select(int(LATEST)).run()
    assert pinned(shared_link(app))["tahun"] == [LATEST]  # back at the default, still pinned
    assert "tahun" not in app.query_params


def test_no_link_on_kelola_nor_on_the_slides(monkeypatch):
    monkeypatch.setenv("DASBOR_MODE", "internal")
    assert not [c for c in open_page("views/kelola.py").code if "lang=" in c.value]
    assert not [c for c in open_page("views/presentasi.py", {"mode": "presentasi"}).code if "lang=" in c.value]
