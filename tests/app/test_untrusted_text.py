"""Text that came from an upload or a URL is shown as written on every page that shows it: never as a link, an
image, HTML or one of Streamlit's Markdown directives (a crafted link or source must not put a phishing link or an
outside image on an official page). Sources become links only when they are http(s) addresses.
"""

import json
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from lib.core import fmt, provenance
from lib.core.store import Store, create_store_engine
from lib.ui import notes
from tests.app.pages import open_page
from tests.app.test_kelola import db_url, logged_in, password_hash, upload  # noqa: F401 (fixtures used below)

ROOT = Path(__file__).resolve().parents[2]

# Sources as an upload may carry them: Markdown and HTML that would link, load or run something, and an http(s)
# address that tries to close its own link and open another.
TEXT_SOURCE = ("x` [Unduh data](https://evil.example) ![](https://evil.example/t.png) "
               "<img src=https://evil.example/t.png> :red[merah] $x$ javascript:alert(1) `")
URL_SOURCE = "https://data.example/a) [Masuk ulang](https://evil.example) <a href=https://evil.example>x</a>"
SCRIPT_SOURCE = "javascript:alert(document.cookie)"
HOSTILE_SOURCES = (TEXT_SOURCE, URL_SOURCE, SCRIPT_SOURCE)
# What must never reach Markdown unescaped (a backslash before it makes it text).
MARKUP = ("](https://evil.example", "![", "<img", "<a href", ":red[", "$x$", "javascript:", "[Unduh", "[Masuk")
# What must never reach plotly's hover or legend text, which reads a subset of HTML.
HOVER_MARKUP = ("<img", "<a href")
CRAFTED_VALUE = "x` [Masuk ulang](https://evil.example) ![](https://evil.example/t.png) `"


def unescaped(markdown: str) -> list[str]:
    """The pieces of MARKUP that Markdown would read as markup in `markdown`."""
    return [piece for piece in MARKUP if re.search(r"(?<!\\)" + re.escape(piece), markdown)]


def links(markdown: str) -> list[str]:
    """The destinations of the Markdown links in `markdown`."""
    return re.findall(r"(?<!\\)\]\(([^)\s]*)\)", markdown)


@pytest.fixture
def hostile_store(fixture_store_copy, monkeypatch) -> str:
    """A copy of the fixture store whose every published row carries one of the hostile sources, as an agency's
    upload would (kind `data_opd`: a demo row's source is never shown, the demo label stands for it)."""
    url = fixture_store_copy
    store = Store(create_store_engine(url))
    for dataset, table in (("nilai", "nilai"), ("program", "program_desil")):
        rows = store.current_rows(dataset)
        rows["sumber"] = [HOSTILE_SOURCES[i % len(HOSTILE_SOURCES)] for i in range(len(rows))]
        rows["status"] = provenance.AGENCY
        store.publish(dataset, {table: rows}, by="uji")
    monkeypatch.setenv("DASBOR_DB_URL", url)
    monkeypatch.delenv("DASBOR_MODE", raising=False)
    return url


def markdown_texts(app: AppTest) -> list[str]:
    """Everything the page sent to be read as Markdown."""
    elements = [*app.markdown, *app.caption, *app.warning, *app.info, *app.error, *app.success]
    return [str(element.value) for element in elements]


def hover_specs(app: AppTest) -> list[str]:
    """The page's plotly figures as JSON with every string as plotly reads it (the spec escapes `<` and `/`)."""
    return [json.dumps(json.loads(element.proto.spec), ensure_ascii=False) for element in app.get("plotly_chart")]


def html_bodies(app: AppTest) -> list[str]:
    return [element.proto.body for element in app.get("html")]


# (page, query): every page that shows sources, the Kaltim map (indicator values) and the kecamatan map
# (programme rows), and every slide printed at once.
PAGES = [
    ("views/ringkasan.py", {}),
    ("views/tren.py", {}),
    ("views/peta.py", {"tingkat": "kaltim"}),
    ("views/peta.py", {}),
    ("views/cakupan.py", {}),
    ("views/profil.py", {}),
    ("views/presentasi.py", {"mode": "presentasi", "cetak": "semua"}),
]


@pytest.mark.parametrize(("page", "query"), PAGES)
def test_uploaded_sources_are_never_markup(hostile_store, page, query):
    app = open_page(page, query)
    texts = markdown_texts(app)
    for text in texts:
        assert not unescaped(text), (text, unescaped(text))
        # A link only to an http(s) address, encoded so it cannot end early, or to the dashboard's own
        # "Tentang data" page (the provenance line's "+ n sumber lain").
        assert all(re.fullmatch(r"https?://[^\s()<>`\\\[\]]+", target) or target == notes.ABOUT_DATA_PAGE
                   for target in links(text)), text
    shown = "\n".join(texts + html_bodies(app))
    # Not vacuous: a hostile source is on the page, escaped.
    assert any(marker in shown for marker in (fmt.markdown_text("[Unduh data]"), "&lt;img src=https://evil",
                                               "javascript\\:alert", "[data.example]")), shown[-2000:]
    for spec in hover_specs(app):
        assert not [piece for piece in HOVER_MARKUP if piece in spec]
    for body in html_bodies(app):
        assert "<img src=https://evil" not in body and "<a href=https://evil" not in body


@pytest.mark.parametrize(("page", "query"), [("views/tren.py", {}), ("views/peta.py", {"tingkat": "kaltim"}),
                                             ("views/cakupan.py", {})])
def test_sources_in_hovers_are_escaped_html(hostile_store, page, query):
    # A caption wraps long lines (`<br>` between words): read it as one line.
    specs = "\n".join(hover_specs(open_page(page, query))).replace("<br>", " ")
    assert "&lt;img src=https://evil.example/t.png&gt;" in specs or "&lt;a href=https://evil.example&gt;" in specs


def test_an_http_source_is_a_link_to_itself_and_other_sources_are_text(hostile_store):
    captions = "\n".join(markdown_texts(open_page("views/cakupan.py")))
    # The http(s) source, the primary one here: one link labelled with its site, to the whole address, encoded.
    assert "[data.example](https://data.example/a%29%20%5BMasuk%20ulang%5D%28https://evil.example%29%20" in captions
    # The provenance line names its primary source only: make the script one primary, and it is text.
    store = Store(create_store_engine(hostile_store))
    rows = store.current_rows("program")
    store.publish("program", {"program_desil": rows.assign(sumber=SCRIPT_SOURCE)}, by="uji")
    captions = "\n".join(markdown_texts(open_page("views/cakupan.py")))
    assert "javascript\\:alert(document.cookie)" in captions and "(javascript:" not in captions


@pytest.mark.parametrize(("page", "key"), [("views/tren.py", "indikator"), ("views/cakupan.py", "program"),
                                           ("views/peta.py", "tingkat")])
def test_a_crafted_url_value_is_shown_as_written(fixture_db_url, monkeypatch, page, key):
    monkeypatch.setenv("DASBOR_DB_URL", fixture_db_url)
    app = open_page(page, {key: CRAFTED_VALUE})
    warning = " ".join(w.value for w in app.warning)
    assert fmt.markdown_code(CRAFTED_VALUE) in warning
    # Outside code spans nothing of the value is left to read as Markdown.
    outside_code = re.sub(r"(`+)(.+?)(?<!`)\1(?!`)", "", warning)
    assert "](https://evil.example" not in outside_code and "![" not in outside_code


@pytest.mark.parametrize("text", [
    TEXT_SOURCE, URL_SOURCE, SCRIPT_SOURCE, "`", "``a```b`", "- butir", "--- garis", "1. daftar", "# judul",
    "> kutipan", "| a | b |", "www.evil.example", "WWW.EVIL.EXAMPLE", "2) daftar", "nama@evil.example",
    ":material/home: ikon", "**tebal** _miring_",
    "&lt;b&gt;", "baris\npertama\n\n# kedua",
])
def test_escaped_text_reads_back_as_written(text):
    escaped = fmt.markdown_text(text)
    # Removing the backslash escapes gives the text back (on one line): each escaped mark shows as itself.
    assert re.sub(r"\\(.)", r"\1", escaped) == " ".join(text.split())
    for mark in "`*_[]<>#|:$~&@":
        assert not re.search(r"(?<!\\)" + re.escape(mark), escaped), (mark, escaped)
    assert not re.match(r"[-+](?=[-+ ]|$)|\d+[.)]", escaped)  # no list or rule at the start
    assert not re.search(r"www\.", escaped, re.IGNORECASE)  # no autolink


def test_code_spans_hold_any_backticks():
    for text in ("`", "a`b", "``a```b`", "x` [a](https://evil.example) `"):
        code = fmt.markdown_code(text)
        fence = re.match("`+", code).group()
        inside = code[len(fence):-len(fence)]
        assert code.endswith(fence) and fence not in inside.replace("`" * (len(fence) + 1), "")
        assert inside.strip(" ") == text and max(len(r) for r in re.findall("`+", text)) < len(fence)


@pytest.mark.parametrize(("label", "url", "link"), [
    ("bps.go.id", "https://bps.go.id/a_b?x=1&y=%20", "[bps.go.id](https://bps.go.id/a_b?x=1&y=%20)"),
    ("x.example", "http://x.example/a b)(c", "[x.example](http://x.example/a%20b%29%28c)"),
    ("javascript:alert(1)", "javascript:alert(1)", "javascript\\:alert(1)"),
    ("https:no-host", "https:no-host", "https\\:no-host"),
    ("data:text/html,<b>x</b>", "data:text/html,<b>x</b>", "data\\:text/html,\\<b\\>x\\</b\\>"),
])
def test_only_http_addresses_become_links(label, url, link):
    assert fmt.markdown_link(label, url) == link


def test_the_public_mode_escapes_sources_too(hostile_store, monkeypatch):
    monkeypatch.setenv("DASBOR_MODE", "public")
    texts = markdown_texts(open_page("views/tren.py"))
    assert all(not unescaped(text) for text in texts)
    assert any("\\[Unduh data\\]" in text or "[data.example]" in text for text in texts)


HOSTILE_NAME = "[Masuk ulang](https://evil.example) <img src=https://evil.example/t.png>"
HOSTILE_YEAR = "`![](https://evil.example/t.png)`"


def test_kelola_shows_what_a_file_says_as_written(db_url, password_hash):  # noqa: F811 (fixtures)
    data = (f"wilayah,indikator,tahun,nilai,sumber\n{HOSTILE_NAME},ipm,2025,75,x\n"
            f"Kutai Timur,ipm,{HOSTILE_YEAR},75,x\n").encode()
    app = upload(logged_in(password_hash), "jahat.csv", data)
    cells = [str(cell) for row in app.table[0].value.itertuples() for cell in row]
    # The problem table shows each value as written, as inline code (markup inside code is only text).
    assert fmt.markdown_code(HOSTILE_NAME) in cells and fmt.markdown_code(HOSTILE_YEAR) in cells
    outside_code = [re.sub(r"(`+).*?\1", "", text) for text in [*cells, *markdown_texts(app)]]
    for text in outside_code:
        assert not unescaped(text), (text, unescaped(text))
    # The unknown name offered for confirmation as an alias, too.
    assert any(fmt.markdown_text(HOSTILE_NAME) in text for text in markdown_texts(app))
