"""Page state kept in the URL, so every view can be shared and reopened exactly.

Values in the URL are codes (`?indikator=ipm&wilayah=64.08&wilayah=64`), never display labels: a link
shared from the English view opens the same view in Indonesian. Pure parsing lives here; `lib.ui` reads
and writes `st.query_params`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlencode


@dataclass(frozen=True)
class Parsed:
    value: object
    rejected: tuple[str, ...] = ()  # URL values that are not valid options, reported to the user


def parse_choice(raw: Sequence[str], options: Sequence[str], default: str) -> Parsed:
    """One option from the URL's values for a key; the last valid one wins, anything else is rejected."""
    valid = [v for v in raw if v in options]
    rejected = tuple(v for v in raw if v not in options)
    return Parsed(valid[-1] if valid else default, rejected)


def parse_choices(raw: Sequence[str], options: Sequence[str], default: Sequence[str]) -> Parsed:
    """Several options, repeated (`?w=a&w=b`) or comma-separated (`?w=a,b`), in order, without repeats. A value that
    is an option as it stands is never split: a party's name may hold a comma ("Dinas Sosial, P3A")."""
    values = [part.strip() for item in raw for part in ([item] if item in options else item.split(",")) if part.strip()]
    if not values:
        return Parsed(list(default))
    chosen = list(dict.fromkeys(v for v in values if v in options))
    rejected = tuple(v for v in values if v not in options)
    return Parsed(chosen if chosen else list(default), rejected)


def to_url(value: object, default: object) -> list[str] | None:
    """The URL values for a widget value; None (no parameter) when it equals the default, to keep links short."""
    if value == default:
        return None
    return pinned(value)


def pinned(value: object) -> list[str]:
    """The URL values for a widget value, whatever the default: a shared link pins them (`lib.ui.share`)."""
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def query_string(params: dict[str, list[str]]) -> str:
    """`?a=1&w=x&w=y` for {"a": ["1"], "w": ["x", "y"]}, in the dict's order; "" when there is nothing."""
    pairs = [(key, value) for key, values in params.items() for value in values]
    return "?" + urlencode(pairs) if pairs else ""
