"""AppTest fixtures: the public mode's server hardening is in force, as `make run-public` sets it.

app.py refuses to serve the public mode without it; a test that checks that refusal is marked `unhardened`.
"""

from collections.abc import Iterator

import pytest
from streamlit import config as streamlit_config

from lib.ui.hardening import PUBLIC_SERVER_OPTIONS


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "unhardened: run without the public server hardening (Streamlit's config)")


@pytest.fixture(autouse=True)
def _public_server_hardening(request: pytest.FixtureRequest) -> Iterator[None]:
    if request.node.get_closest_marker("unhardened"):
        yield
        return
    options = streamlit_config.get_config_options()
    saved = {key: (options[key].value, options[key].where_defined) for key in PUBLIC_SERVER_OPTIONS}
    for key, value in PUBLIC_SERVER_OPTIONS.items():
        streamlit_config.set_option(key, value)
    yield
    for key, (value, where_defined) in saved.items():
        streamlit_config.set_option(key, value, where_defined)
