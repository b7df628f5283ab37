"""Disclosure control of the public mode: every count randomly rounded to a multiple of the base, with a secret
key per count so the same count always shows the same, and every rate from rounded counts.

The public dashboard lets anyone combine figures freely: cards, charts, tables and downloads of overlapping
selections (Kutim, a kecamatan, a desa; every programme and year). Hiding small cells one figure at a time did
not hold against that (a hidden count came back as households − excluded, as a kecamatan total minus its other
desa, as a budget divided by the benefit), and neither does rounding each count to the *nearest* multiple: a
desa's four target deciles each shown as 5 (3-7 each) under a total shown as 10 (8-12) must be 3 each. So, as
statistics offices do for flexible tables (random rounding; the cell key method):

* every published count, at every level, is rounded on its own to one of the two multiples of the base around
  it (`DASBOR_SMALL_CELL_THRESHOLD`, default 5), up with probability (remainder / base): 1 is shown as 0 four
  times in five and as 5 once, 4 the other way round; unbiased on average. The draw is not random per view but
  fixed per count by a keyed hash of what the count is (households or a programme's recipients, year, area,
  deciles) under a secret key created with the store (`Store.disclosure_key`): the same count shows the same
  value on every page and every visit, so asking again teaches nothing, and without the key no one can tell
  which way a count went. A shown 5 may be anything from 1 to 9;
* a figure derived from counts is derived from the rounded counts (excluded = rounded target households −
  rounded reached), so every figure on screen agrees with the others and adds nothing they do not say;
* a rate is computed from rounded counts and shown only when its rounded denominator is at least
  `RATE_MIN_MULTIPLE` × base (25 households at base 5);
* the decile choice is fixed to each programme's target deciles (`views/cakupan.py`), and budgets, which are a
  fixed amount times a count, are shown for all of Kutim only.

What it costs: a count may be off by up to base − 1 (±4 at base 5), parts may not add up to their total, and
small areas lose their rates. The internal (staff) mode shows exact figures. `tests/unit/
test_disclosure_attack.py` attacks every public selection with interval reasoning over all sums the data obey.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from lib.analysis import targeting

# A rate is shown only over a rounded denominator of at least this many bases.
RATE_MIN_MULTIPLE = 5
ALL_DECILES = tuple(range(1, 11))
INCLUDED_DECILES = tuple(range(targeting.INCLUSION_FROM_DECILE, 11))


@dataclass(frozen=True)
class Rounding:
    """The public mode's rounding: the base (the small-cell threshold) and the secret key of the draws."""

    base: int
    key: bytes

    @property
    def least_for_rate(self) -> int:
        return RATE_MIN_MULTIPLE * self.base

    def counts(self, values: Sequence[float], identities: Iterable[str]) -> np.ndarray:
        """Each count rounded to a multiple of the base, up with probability remainder / base, the draw fixed
        by the count's identity (what it counts: see `identity`)."""
        values = np.asarray(values, dtype=np.int64)
        draws = np.array([_draw(self.key, identity) for identity in identities], dtype=float)
        below, remainder = values - values % self.base, values % self.base
        return below + self.base * (draws * self.base < remainder)


def identity(measure: str, year: int, area: str, deciles: Iterable[int], programme: str = "") -> str:
    """What a count counts, the same wherever it is shown: `H` households (of any programme's rows) or `R` a
    programme's recipients, in `deciles` of `area` in `year`."""
    return f"{measure}|{programme if measure == 'R' else ''}|{year}|{area}|{','.join(map(str, sorted(deciles)))}"


def _draw(key: bytes, identity: str) -> float:
    digest = hashlib.blake2b(identity.encode(), key=key, digest_size=8).digest()
    return int.from_bytes(digest, "big") / 2**64


def rate(numerator, denominator, rounding: Rounding | None) -> np.ndarray:
    """100 × numerator / denominator, NaN without a denominator and, in the public mode (counts already
    rounded), below `RATE_MIN_MULTIPLE` bases."""
    return targeting.rate(numerator, denominator, rounding.least_for_rate if rounding else 1)


def rounded_coverage(measures: pd.DataFrame, rounding: Rounding | None, *, programme: str, deciles: Iterable[int],
                     year: int | None = None, area: str | None = None) -> pd.DataFrame:
    """Targeting measures (`lib.analysis.targeting`: kode, layak, penerima_layak, penerima, inklusi, cakupan,
    eksklusi, and tahun unless `year` is given) as the public sees them: counts rounded, exclusion and coverage
    from the rounded counts. `area` names the area when the rows' `kode` does not (a whole-area total)."""
    if not rounding:
        return measures
    deciles = tuple(deciles)
    years = measures["tahun"] if year is None else [year] * len(measures)
    areas = measures["kode"] if area is None else [area] * len(measures)

    def rounded(column: str, measure: str, counted: tuple[int, ...]) -> np.ndarray:
        return rounding.counts(measures[column], [identity(measure, y, a, counted, programme)
                                                  for y, a in zip(years, areas)])

    layak, reached = rounded("layak", "H", deciles), rounded("penerima_layak", "R", deciles)
    return measures.assign(
        layak=layak, penerima_layak=reached, penerima=rounded("penerima", "R", ALL_DECILES),
        inklusi=rounded("inklusi", "R", INCLUDED_DECILES), eksklusi=np.maximum(layak - reached, 0),
        cakupan=rate(reached, layak, rounding),
    )


def rounded_shares(shares: pd.DataFrame, rounding: Rounding | None, *, year: int,
                   deciles: Iterable[int]) -> pd.DataFrame:
    """Decile shares (`targeting.decile_share`: kode, rumah_tangga_desil, rumah_tangga, persen) as the public
    sees them: both counts rounded, the share from the rounded counts."""
    if not rounding:
        return shares
    deciles = tuple(deciles)
    part = rounding.counts(shares["rumah_tangga_desil"], [identity("H", year, a, deciles) for a in shares["kode"]])
    whole = rounding.counts(shares["rumah_tangga"], [identity("H", year, a, ALL_DECILES) for a in shares["kode"]])
    return shares.assign(rumah_tangga_desil=part, rumah_tangga=whole, persen=rate(part, whole, rounding))
