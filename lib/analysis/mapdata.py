"""What a choropleth shows, before any drawing: values per area, their classes, ranks and the table beside it.

Classes come from mapclassify; ranks say "third worst of 18". The figures themselves are built in
`lib.render.maps` (interactive) and `lib.render.svg` (printable).
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass

import mapclassify
import numpy as np
import pandas as pd

from lib.core.i18n import t

CLASSIFICATIONS = ("quantiles", "natural_breaks", "equal_interval")

MAX_CLASSES = 5


@dataclass(frozen=True)
class Classes:
    """Class of each value (0 = lightest), the upper bound of each class, and the lowest value."""

    class_of: np.ndarray
    upper_bounds: tuple[float, ...]
    minimum: float

    @property
    def count(self) -> int:
        return len(self.upper_bounds)

    def ranges(self) -> list[tuple[float, float]]:
        lowers = (self.minimum, *self.upper_bounds[:-1])
        return list(zip(lowers, self.upper_bounds))


def classify(values: pd.Series, method: str, k: int = MAX_CLASSES) -> Classes:
    """Classes of the non-missing `values` with mapclassify (Fisher-Jenks for natural breaks: deterministic).

    Fewer classes when there are fewer distinct values; missing values get class -1.
    """
    if method not in CLASSIFICATIONS:
        raise ValueError(f"unknown classification {method!r}; expected one of {CLASSIFICATIONS}")
    present = values.dropna().to_numpy(dtype=float)
    class_of = np.full(len(values), -1)
    if present.size == 0:
        return Classes(class_of, (), float("nan"))
    k = max(1, min(k, len(np.unique(present))))
    if k == 1:
        classifier_bins, classes = np.array([present.max()]), np.zeros(present.size, dtype=int)
    else:
        scheme = {
            "quantiles": mapclassify.Quantiles,
            "natural_breaks": mapclassify.FisherJenks,
            "equal_interval": mapclassify.EqualInterval,
        }[method]
        with warnings.catch_warnings():
            # Many equal values (e.g. zero coverage) give fewer quantile classes; mapclassify says so and copes.
            warnings.filterwarnings("ignore", message="Not enough unique values", category=UserWarning)
            classifier = scheme(present, k=k)
        classifier_bins, classes = classifier.bins, classifier.yb
    class_of[values.notna().to_numpy()] = classes
    return Classes(class_of, tuple(float(b) for b in classifier_bins), float(present.min()))


def legend_labels(classes: Classes, format_value, lang: str, between: str = " – ") -> list[str]:
    """`8,00 – 9,50 %` per class, in the reader's number format (`between` the bounds: a legend may break there)."""
    return [f"{format_value(low)}{between}{format_value(high)}" for low, high in classes.ranges()]


def ranks(values: pd.Series, lower_is_better: bool | None) -> pd.Series:
    """Rank 1 = the worst-off area, so a reader can say "third worst of 18"."""
    return values.rank(ascending=lower_is_better is False, method="min")


@dataclass(frozen=True)
class MapData:
    """What a choropleth shows: one row per area (kode, nama, nilai, sumber; status where each area is one published
    row) and how to present the values."""

    table: pd.DataFrame
    label: str
    unit: str
    lower_is_better: bool | None
    format_value: Callable[[float], str]
    hides_small_cells: bool = False  # public mode: an area without a value may be hidden, not missing

    def missing(self, lang: str) -> str:
        return t("peta.hidden_or_no_data" if self.hides_small_cells else "peta.no_data", lang)


def map_table(data: MapData, classes: Classes, lang: str) -> pd.DataFrame:
    """The accessible twin of the map: area, value, rank and class, sorted worst first."""
    table = data.table.assign(
        peringkat=ranks(data.table["nilai"], data.lower_is_better),
        kelas=classes.class_of + 1,
    )
    labels = legend_labels(classes, data.format_value, lang)
    table["kelas_teks"] = [labels[c - 1] if c > 0 else data.missing(lang) for c in table["kelas"]]
    return table.sort_values(["peringkat", "kode"], na_position="last", ignore_index=True)
