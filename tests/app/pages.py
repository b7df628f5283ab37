"""Opening a page of the dashboard in AppTest, as a browser would: through app.py, with query parameters."""

from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_PAGE = "views/ringkasan.py"


def open_page(page: str = DEFAULT_PAGE, query: dict | None = None) -> AppTest:
    """`page` run through app.py (which picks the mode, language and pages) with `query` in the URL; fails on an
    exception in the script."""
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.query_params.update(query or {})
    if page != DEFAULT_PAGE:
        app.switch_page(page)
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app
