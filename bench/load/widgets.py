"""The browser's widget state, as much of it as a filter change needs.

A browser changes a filter by sending a rerun whose `widget_states` hold the value of every widget on the page,
the changed one included; the query string it sends is only the address bar, which the app rewrote after the
previous run. A rerun with another query string and no widget states changes nothing on this dashboard: its
widgets read the URL only the first time they are drawn in a session, and keep their own value after that.

So a viewer keeps the widgets' values as the browser's widget manager does: a widget's value comes from the
server when the script set it (`set_value`), else from the viewer's own change, else the widget's default, and
widgets missing from a finished full run are forgotten. Values travel as the option labels the server sent,
which is what Streamlit's select widgets put on the wire.
"""

from __future__ import annotations

from dataclasses import dataclass
from random import Random

from streamlit.proto.ButtonGroup_pb2 import ButtonGroup
from streamlit.proto.Element_pb2 import Element
from streamlit.proto.WidgetStates_pb2 import WidgetState
from streamlit.runtime.state.common import user_key_from_element_id

CHOICE_KINDS = ("selectbox", "multiselect", "button_group")
Value = tuple[str, ...]  # option labels; one for a single choice


@dataclass(frozen=True)
class Widget:
    id: str
    key: str | None  # the `key=` the page gave it: the same name as its URL parameter on this dashboard
    kind: str
    options: Value
    default: Value
    multiple: bool
    disabled: bool
    set_by_server: Value | None  # the value the script put in session state this run, if it did


def widget_from_element(element: Element) -> Widget | None:
    """The choice widget an element is, or None for any other element."""
    kind = element.WhichOneof("type")
    if kind not in CHOICE_KINDS:
        return None
    proto = getattr(element, kind)
    if kind == "button_group":
        options = tuple(option.content for option in proto.options)
        multiple = proto.click_mode == ButtonGroup.MULTI_SELECT
    else:
        options = tuple(proto.options)
        multiple = kind == "multiselect"
    if kind == "selectbox":
        default = (options[proto.default],) if proto.HasField("default") and proto.default < len(options) else ()
        server = (proto.raw_value,) if proto.set_value and proto.HasField("raw_value") else None
    else:
        default = tuple(options[i] for i in proto.default if i < len(options))
        server = tuple(proto.raw_values) if proto.set_value else None
    return Widget(proto.id, user_key_from_element_id(proto.id), kind, options, default, multiple, proto.disabled,
                  server)


def widget_state(widget: Widget, value: Value) -> WidgetState:
    """The wire form of a value: a label for a selectbox, a list of labels for the other choice widgets."""
    state = WidgetState(id=widget.id)
    if widget.kind == "selectbox":
        state.string_value = value[0]
    else:
        state.string_array_value.data.extend(value)
    return state


class WidgetBoard:
    """The widgets of the current page and the values the browser would send for them."""

    def __init__(self) -> None:
        self.widgets: dict[str, Widget] = {}
        self.values: dict[str, Value] = {}
        self._drawn_this_run: set[str] = set()

    def start_full_run(self) -> None:
        self._drawn_this_run = set()

    def see(self, element: Element) -> None:
        widget = widget_from_element(element)
        if widget is None:
            return
        self.widgets[widget.id] = widget
        self._drawn_this_run.add(widget.id)
        if widget.set_by_server is not None:
            self.values[widget.id] = widget.set_by_server
        elif widget.id not in self.values:
            self.values[widget.id] = widget.default
        elif not set(self.values[widget.id]) <= set(widget.options):
            # The options changed under the value (another kecamatan's desa): the server keeps its own value.
            del self.values[widget.id]

    def end_full_run(self) -> None:
        """Forget widgets the finished run did not draw, as the browser drops inactive widget state."""
        for widget_id in set(self.widgets) - self._drawn_this_run:
            del self.widgets[widget_id]
            self.values.pop(widget_id, None)

    def choose(self, widget_id: str, value: Value) -> None:
        self.values[widget_id] = value

    def changeable(self, keys: tuple[str, ...]) -> list[Widget]:
        """The enabled widgets with one of these keys that offer a choice, in the order of `keys`."""
        by_key = {w.key: w for w in self.widgets.values() if not w.disabled and len(w.options) > 1}
        return [by_key[key] for key in keys if key in by_key]

    def states(self) -> list[WidgetState]:
        return [widget_state(self.widgets[i], value) for i, value in self.values.items() if value and i in self.widgets]


def pick_value(rng: Random, widget: Widget, current: Value | None) -> Value:
    """Another value a person could pick: a different option, or for a multiple choice a different 1..k prefix
    (how target deciles are chosen: 1-2, 1-4, ...)."""
    if widget.multiple:
        choices = [widget.options[:k] for k in range(1, len(widget.options) + 1)]
    else:
        choices = [(option,) for option in widget.options]
    others = [choice for choice in choices if choice != current]
    return rng.choice(others)
