"""Reading what a page sent to plotly, as a test sees it in AppTest."""

import base64
import json

import numpy as np
from streamlit.testing.v1 import AppTest


def decoded(values):
    """plotly sends numeric arrays as base64 typed arrays ({"dtype": "f8", "bdata": ...}); lists pass through."""
    if isinstance(values, dict) and "bdata" in values:
        return np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"]).tolist()
    return values


def plotted_traces(app: AppTest) -> list[dict]:
    """The traces of the page's first chart, with x and y as plain lists."""
    traces = json.loads(app.get("plotly_chart")[0].proto.spec)["data"]
    return [{**trace, "x": decoded(trace.get("x")), "y": decoded(trace.get("y"))} for trace in traces]
