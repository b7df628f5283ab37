"""Number, money and date formats in Indonesian (default) or English, through Babel; text from files and URLs
made safe for Streamlit's Markdown."""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from urllib.parse import quote, urlparse

import pandas as pd
from babel import Locale
from babel.dates import format_date as _babel_date
from babel.dates import format_datetime as _babel_datetime
from babel.numbers import NumberPattern, parse_pattern

LOCALES = {"id": "id_ID", "en": "en_GB"}


def _locale(lang: str) -> str:
    return LOCALES.get(lang, LOCALES["id"])


@functools.cache
def _number_format(lang: str, decimals: int) -> tuple[NumberPattern, Locale]:
    # Parsed once: Babel's format_decimal parses its locale and pattern on every call, a third of a number's cost,
    # and a page formats hundreds of them a run.
    return parse_pattern("#,##0" + ("." + "0" * decimals if decimals > 0 else "")), Locale.parse(_locale(lang))


def _is_missing(value: float | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def number(value: float | None, decimals: int = 0, lang: str = "id") -> str:
    """`1234.5` -> `1.234,5` (id) or `1,234.5` (en); missing -> an en dash."""
    if _is_missing(value):
        return "–"
    pattern, locale = _number_format(lang, decimals)
    return pattern.apply(value, locale)


def percent(value: float | None, decimals: int = 2, lang: str = "id") -> str:
    """A value already in percent: `8.81` -> `8,81 %`."""
    return "–" if _is_missing(value) else f"{number(value, decimals, lang)} %"


def rupiah(value: float | None, lang: str = "id") -> str:
    """`714241` -> `Rp714.241` (id) or `Rp714,241` (en): whole rupiah, as BPS publishes the poverty line. Always
    `Rp`, the symbol readers know; Babel's English locales write `IDR`."""
    if _is_missing(value):
        return "–"
    return ("-" if value < 0 else "") + "Rp" + number(abs(value), 0, lang)


def sign(value: float) -> str:
    """The sign shown before a change: a true minus sign reads better on a projector than a hyphen."""
    return "+" if value > 0 else ("−" if value < 0 else "±")


def date(value: dt.date, lang: str = "id") -> str:
    """`2026-03-01` -> `1 Maret 2026`."""
    return _babel_date(value, format="d MMMM y", locale=_locale(lang))


def timestamp(value: dt.datetime, lang: str = "id") -> str:
    """`2026-03-01 14:05` -> `1 Maret 2026 14.05` (Indonesian uses a dot between hours and minutes)."""
    pattern = "d MMMM y HH.mm" if lang == "id" else "d MMMM y HH:mm"
    return _babel_datetime(value, format=pattern, locale=_locale(lang))


def wita(value, lang: str = "id") -> str:
    """A stored UTC time as Kutai Timur reads it: `28 November 2026 09.12 WITA` (UTC+8)."""
    stamp = pd.Timestamp(value)
    stamp = (stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp).tz_convert("Asia/Makassar")
    return timestamp(stamp.to_pydatetime(), lang) + " WITA"


def period(year: int, month: int | None = None, lang: str = "id") -> str:
    """`(2024, 3)` -> `Maret 2024`; `(2024, None)` -> `2024`."""
    if month is None or _is_missing(month):
        return str(int(year))
    return _babel_date(dt.date(int(year), int(month), 1), format="MMMM y", locale=_locale(lang))


# What can start markup in one line of Streamlit's Markdown: code, emphasis, links and images, HTML and entities,
# tables, maths, strikethrough, Streamlit's directives (`:red[…]`, `:material/…:`) and autolinks (`http:`, `www.`,
# `a@b`); at the start, a list or a rule (`- `, `1.`, `---`). Backslash-escaped, each shows as itself (CommonMark).
_MARKUP = re.compile(r"[\\`*_\[\]<>#|:$~&@]|(?<=www)\.|^\d+[.)]|^[-+](?=[-+ ]|$)", re.IGNORECASE)
# What an address keeps as written in a Markdown link; spaces, brackets, quotes and backslashes are encoded.
_URL_SAFE = ":/?#@!$&'*+,;=%~"


def _one_line(text: object) -> str:
    return " ".join(str(text).split())


def markdown_text(text: object) -> str:
    """Text that came from an upload or a URL, for Streamlit Markdown: shown as written, on one line, never as
    markup (`[Masuk](https://…)` stays those characters)."""
    return _MARKUP.sub(lambda found: f"{found.group()[:-1]}\\{found.group()[-1]}", _one_line(text))


def markdown_code(text: object) -> str:
    """Text from an upload or a URL as inline code, shown exactly as written: the fence has more backticks than
    any run inside, so no backtick in the text can end the code and start markup."""
    text = _one_line(text)
    fence = "`" * (max(map(len, re.findall("`+", text)), default=0) + 1)
    pad = " " if not text or text[0] == "`" or text[-1] == "`" else ""  # CommonMark drops one space each side
    return f"{fence}{pad}{text}{pad}{fence}"


def markdown_link(label: str, url: str) -> str:
    """`label` linking to `url` when `url` is an http(s) address, else the escaped `label` alone (a document
    name, or a `javascript:` address, is never a link). The address is percent-encoded so it cannot end the link."""
    parts = urlparse(str(url).strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return markdown_text(label)
    return f"[{markdown_text(label)}]({quote(str(url).strip(), safe=_URL_SAFE)})"


def short_name(name: str) -> str:
    """A name as a title says it: `Kutai Timur` for `Kabupaten Kutai Timur`, `PKH` for `Program Keluarga Harapan
    (PKH)`."""
    abbreviation = re.search(r"\(([^()]+)\)\s*$", name)
    if abbreviation:
        return abbreviation.group(1)
    return re.sub(r"^(Kabupaten|Provinsi)\s+", "", name)
