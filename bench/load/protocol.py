"""Streamlit 1.67's WebSocket protocol, as the browser speaks it.

The browser opens `ws://host/_stcore/stream` with the subprotocol `streamlit` (the header's second and third
entries carry an XSRF token and a session to resume; the server reads the token only to trust a login cookie,
so an anonymous public visitor sends neither). Every frame is a protobuf: `BackMsg` up, `ForwardMsg` down.
A page is run by a `rerun_script` BackMsg whose ClientState names the page (`page_name`, the URL path, on the
first request; `page_script_hash`, learnt from `new_session` and `navigation`, afterwards), the query string,
every widget's value, the hashes of cached messages and the browser's context. A run starts with a
`new_session` and ends with a `script_finished`; both carry the run's id and, for a fragment run, the fragment
ids in `metadata.run`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

STREAM_PATH = "/_stcore/stream"
SUBPROTOCOL = "streamlit"
# What a browser in Kutai Timur reports about itself. WITA is UTC+8; JavaScript gives minutes *behind* UTC.
BROWSER_CONTEXT = {"timezone": "Asia/Makassar", "timezone_offset": -480, "locale": "id-ID",
                   "is_embedded": False, "color_scheme": "light"}
SUMMARY_CHARS = 160


@dataclass(frozen=True)
class RerunRequest:
    query_string: str
    page_name: str
    page_script_hash: str
    url: str
    widget_states: list[WidgetState] = field(default_factory=list)
    cached_message_hashes: list[str] = field(default_factory=list)
    fragment_id: str = ""  # set: the browser's timer rerunning a `run_every` fragment


def encode_rerun(request: RerunRequest) -> bytes:
    message = BackMsg()
    state = message.rerun_script
    state.query_string = request.query_string
    state.page_name = request.page_name
    state.page_script_hash = request.page_script_hash
    state.widget_states.SetInParent()
    state.widget_states.widgets.extend(request.widget_states)
    state.cached_message_hashes.extend(request.cached_message_hashes)
    state.fragment_id = request.fragment_id
    state.is_auto_rerun = bool(request.fragment_id)
    state.context_info.url = request.url
    for name, value in BROWSER_CONTEXT.items():
        setattr(state.context_info, name, value)
    return message.SerializeToString()


def decode(data: bytes) -> ForwardMsg:
    message = ForwardMsg()
    message.ParseFromString(data)
    return message


def run_of(message: ForwardMsg) -> tuple[str, tuple[str, ...]]:
    """The run a `new_session` starts or a `script_finished` ends: (id, fragment ids; none for a full run).
    The id is empty on the finish of a run the server could not start."""
    run = message.metadata.run
    return run.script_run_id, tuple(run.fragment_ids)


def problem(message: ForwardMsg) -> str | None:
    """What a visitor would see go wrong in this message, in one short line; None if nothing.

    A `script_finished` with FINISHED_WITH_COMPILE_ERROR always follows the compilation error's session event,
    so it is not counted twice; FINISHED_EARLY_FOR_RERUN is a run interrupted by a newer request, not an error.
    """
    kind = message.WhichOneof("type")
    if kind == "session_event" and message.session_event.WhichOneof("type") == "script_compilation_exception":
        error = message.session_event.script_compilation_exception
        text = f"script compilation error: {error.type}: {error.message}"
    elif kind == "delta" and message.delta.new_element.WhichOneof("type") == "exception":
        error = message.delta.new_element.exception
        text = f"exception on the page: {error.type}: {error.message}"
    elif kind == "page_not_found":
        text = f"page not found: {message.page_not_found.page_name!r}"
    else:
        return None
    return text[:SUMMARY_CHARS]
