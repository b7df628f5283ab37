"""The walk of issue 13's acceptance: every page, every slide and the printed profile, in both languages and both
modes, names the kind of the figures it shows, and labels every view whose numbers come from demo data.

Which views show demo-derived numbers is found by an experiment, not a list: the same view is opened on the fixture
store and on a copy whose demo rows (desa households and programme aggregates, status `contoh`) are tripled; a
view whose numbers change shows demo-derived numbers, and must carry the demo label.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from lib.core import provenance
from lib.core.i18n import t
from lib.core.store import create_store_engine
from tests import databases
from tests.app.pages import open_page

ROOT = Path(__file__).resolve().parents[2]
SLIDES = 7  # data/agenda.toml
VIEWS = [
    ("views/ringkasan.py", {}),
    ("views/tren.py", {}),
    ("views/peta.py", {"tingkat": "kaltim"}),
    ("views/peta.py", {}),
    ("views/peta.py", {"tingkat": "desa"}),
    ("views/cakupan.py", {}),
    ("views/profil.py", {}),
    ("views/tentang.py", {}),
    *[("views/presentasi.py", {"mode": "presentasi", "slide": str(n)}) for n in range(1, SLIDES + 1)],
]
NUMBER = re.compile(r"\d[\d.,]*")


@pytest.fixture(scope="module")
def tripled_demo_db_url(tmp_path_factory, fixture_db_url) -> str:
    """A copy of the fixture store with every demo count tripled."""
    copy = databases.copy_of(fixture_db_url, tmp_path_factory.mktemp("tripled"))
    engine = create_store_engine(copy)
    with engine.begin() as connection:
        connection.exec_driver_sql("UPDATE program_desil SET rumah_tangga = rumah_tangga * 3, penerima = penerima * 3 "
                                   "WHERE status = 'contoh'")
        connection.exec_driver_sql("UPDATE nilai SET nilai = nilai * 3 WHERE status = 'contoh'")
    engine.dispose()
    return copy


def _open(monkeypatch, db_url: str, page: str, query: dict, lang: str, mode: str) -> AppTest:
    monkeypatch.setenv("DASBOR_DB_URL", db_url)
    monkeypatch.setenv("DASBOR_MODE", mode)
    return open_page(page, {**query, "lang": lang})


def _texts(app: AppTest) -> list[str]:
    """Everything the view shows as text: Markdown, captions, metrics, tables, HTML, and chart specs."""
    parts = [m.value for m in app.markdown] + [c.value for c in app.caption]
    parts += [f"{m.label} {m.value} {m.delta}" for m in app.metric]
    parts += [element.proto.body for element in app.get("html")]
    parts += [frame.value.to_csv() for frame in app.dataframe]
    parts += [json.dumps(json.loads(chart.proto.spec), ensure_ascii=False) for chart in app.get("plotly_chart")]
    return [str(part) for part in parts]


def _numbers(texts: list[str]) -> list[str]:
    return [number for text in texts for number in NUMBER.findall(text)]


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("mode", ["internal", "public"])
@pytest.mark.parametrize(("page", "query"), VIEWS, ids=[f"{p.split('/')[1]}-{'-'.join(q.values())}" for p, q in VIEWS])
def test_every_view_names_its_kinds_and_labels_demo_numbers(monkeypatch, fixture_db_url, tripled_demo_db_url, page,
                                                              query, lang, mode):
    texts = _texts(_open(monkeypatch, fixture_db_url, page, query, lang, mode))
    shown = "\n".join(texts)
    kinds = [provenance.kind_label(kind, lang) for kind in provenance.KINDS]
    assert any(kind in shown for kind in kinds), f"{page} {query}: no provenance kind on the view"
    tripled = _texts(_open(monkeypatch, tripled_demo_db_url, page, query, lang, mode))
    if _numbers(tripled) != _numbers(texts):
        assert t("demo_label", lang) in shown, f"{page} {query}: demo-derived numbers without the demo label"


def test_the_experiment_can_tell_a_demo_view_from_a_published_one(monkeypatch, fixture_db_url, tripled_demo_db_url):
    """Not vacuous: Cakupan's numbers come from demo rows and change; Tren's come from published rows and do not."""
    def numbers(db_url, page):
        return _numbers(_texts(_open(monkeypatch, db_url, page, {}, "id", "internal")))

    assert numbers(fixture_db_url, "views/cakupan.py") != numbers(tripled_demo_db_url, "views/cakupan.py")
    assert numbers(fixture_db_url, "views/tren.py") == numbers(tripled_demo_db_url, "views/tren.py")
