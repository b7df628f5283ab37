"""A problem found in an uploaded file, as staff see it: where it is, what is wrong, and how to fix it.

Every reader and validation rule reports `Problem`s instead of raising, so an upload shows all of its
problems at once, in Indonesian, as one table. A problem stops the publish; a notice (a total row left out, a
file that looks like invented deciles) is shown beside the preview and does not.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from lib.core import fmt

# Column headings of the problems table shown to staff (and downloadable as CSV).
COLUMNS = {"baris": "Baris", "kolom": "Kolom", "nilai": "Nilai", "masalah": "Masalah", "perbaikan": "Cara memperbaiki"}
ERROR = "galat"  # the file is refused until it is fixed
WARNING = "peringatan"  # published only if staff go ahead: the file may not say what they think
NOTE = "catatan"  # what was done with the file, for the record


@dataclass(frozen=True)
class Problem:
    masalah: str  # what is wrong, in Indonesian
    perbaikan: str  # what to do about it, in Indonesian
    baris: int | None = None  # the row number as the spreadsheet shows it (1-based); None: the whole file
    kolom: str | None = None  # the column heading as written in the file, where one is concerned
    nilai: str | None = None  # the offending value as written (never personal data)
    tingkat: str = ERROR

    @property
    def blocks(self) -> bool:
        return self.tingkat == ERROR


def as_table(problems: Iterable[Problem]) -> pd.DataFrame:
    """The problems as a table in file order (whole-file problems first), with Indonesian headings."""
    frame = pd.DataFrame([vars(p) for p in problems], columns=list(COLUMNS))
    frame["baris"] = frame["baris"].astype("Int64")
    frame = frame.sort_values("baris", na_position="first", kind="stable", ignore_index=True)
    return frame[list(COLUMNS)].rename(columns=COLUMNS)


def as_markdown_table(problems: Iterable[Problem]) -> pd.DataFrame:
    """`as_table` for a Markdown-rendering table (`st.table`): the value as inline code, shown exactly as written
    (a formula's `=HYPERLINK("http://…")` never becomes a link), every other text escaped."""
    frame = as_table(problems).astype("string").fillna("")
    markdown = frame.map(fmt.markdown_text)
    value = COLUMNS["nilai"]
    markdown[value] = frame[value].map(lambda text: fmt.markdown_code(text) if text else "")
    return markdown
