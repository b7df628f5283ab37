"""Small-count protection for published tables: primary and complementary cell suppression.

The public dashboard must not show a count of fewer than `k` households, a rate built on one, or
anything from which a hidden count can be worked out. Tables are areas (rows: kecamatan or desa)
x categories (columns: welfare deciles or programmes) of non-negative counts with their margins:
a row-total column, a column-total row and the grand total (see `with_totals`).

* Primary: 0 < count < k is hidden, margins included. A true zero is published by default: in
  aggregate social-assistance tables "no household in this desa is in decile 1" is the statistic,
  not a fact about a person (`suppress_zero=True` hides zeros too).
* Complementary: every row and column is a relation (its last cell is the sum of the others).
  With relations as nodes and hidden cells as edges, a hidden cell follows from the published
  figures by addition and subtraction exactly when it lies on no cycle of hidden cells. Being
  alone in its row or column is the common case, not the only one: in two 2x2 blocks of hidden
  cells joined by one more, every row and column has two hidden cells, yet the joining cell is the
  difference of the blocks' sums. So each hidden cell (row-major) not yet on a cycle gets the
  cheapest chain of published cells that closes one, a chain costing the counts it hides (least
  information lost; usually a 2x2 rectangle; ties by position). A single-category row's only
  partner is its own total, hidden with it. Zeros are never complements: next to a hidden cell a
  zero leaves the hidden sum equal to that cell and protects nothing.
* With `suppress_zero=False` every hidden count is positive, so non-negativity pins none down
  either. Not covered: narrower intervals (the `<k` label itself says a cell is small), and tables
  linked through shared figures (a desa table whose kecamatan sums are published elsewhere must
  carry them as rows of its own).
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable

import numpy as np
import pandas as pd


def suppressed_label(k: int) -> str:
    """What a hidden count reads on screen and in downloads: `<5` for k = 5."""
    return f"<{k}"


def _counts(table: pd.DataFrame) -> np.ndarray:
    values = table.to_numpy(dtype=float)
    if np.isnan(values).any() or (values < 0).any():
        raise ValueError("counts must be non-negative numbers without gaps")
    return values


def _frame(cells: np.ndarray, like: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(cells.reshape(like.shape), index=like.index, columns=like.columns)


def primary_suppression(counts: pd.DataFrame, k: int = 5, *, suppress_zero: bool = False) -> pd.DataFrame:
    """Boolean mask of the cells that are too small to publish: 0 < count < k (0 too if `suppress_zero`)."""
    values = _counts(counts)
    small = (values < k) if suppress_zero else (values > 0) & (values < k)
    return _frame(small, counts)


def with_totals(counts: pd.DataFrame, total_label: str = "Jumlah") -> pd.DataFrame:
    """`counts` with a row-total column, a column-total row and the grand total appended."""
    values = counts.to_numpy()
    rows = np.column_stack([values, values.sum(axis=1)])
    return pd.DataFrame(
        np.vstack([rows, rows.sum(axis=0)]),
        index=pd.Index([*counts.index, total_label], name=counts.index.name),
        columns=pd.Index([*counts.columns, total_label], name=counts.columns.name),
    )


def _relations(shape: tuple[int, int], row_totals: bool, col_totals: bool) -> tuple[list, list]:
    """Both end nodes of every cell (row-major), and the cells at every node.

    Node i is row i and node n + j column j when they carry a total; rows or columns that do not
    are no relation and share one unconstrained node, n + m."""
    n, m = shape
    free = n + m
    rows = range(n) if row_totals else [free] * n
    cols = range(n, n + m) if col_totals else [free] * m
    ends = [(r, c) for r in rows for c in cols]
    at: list[list[int]] = [[] for _ in range(free + 1)]
    for cell, (r, c) in enumerate(ends):
        at[r].append(cell)
        if c != r:
            at[c].append(cell)
    return ends, at


def _closing_chain(cell: int, cost: list[float], ends: list, at: list) -> list[int] | None:
    """The cheapest chain of cells joining the two ends of `cell` without it (Dijkstra), or None.

    `cost` per cell: 0 if hidden, the count if it may be hidden, inf if it may not be used."""
    source, target = ends[cell]
    best = {source: 0.0}
    via: dict[int, int] = {}
    heap = [(0.0, source)]
    while heap:
        dist, node = heapq.heappop(heap)
        if node == target:
            chain = []
            while node != source:
                chain.append(via[node])
                node = sum(ends[via[node]]) - node
            return chain
        if dist > best[node]:
            continue
        for other in at[node]:
            if cost[other] == math.inf or other == cell:
                continue
            a, b = ends[other]
            nxt, new = a + b - node, dist + cost[other]
            if new < best.get(nxt, math.inf):
                best[nxt], via[nxt] = new, other
                heapq.heappush(heap, (new, nxt))
    return None


def complementary_suppression(
    counts: pd.DataFrame, mask: pd.DataFrame, *, row_totals: bool = True, col_totals: bool = True
) -> pd.DataFrame:
    """`mask` extended so that no hidden cell can be worked out from the published totals.

    `counts` includes its margins: with `row_totals` its last column is the sum of the others,
    with `col_totals` its last row is (as `with_totals` builds it). See the module notes for the
    rule; the result is deterministic and `is_recoverable` is False for it."""
    values = _counts(counts).ravel()
    hidden = mask.to_numpy(dtype=bool).ravel().copy()
    ends, at = _relations(counts.shape, row_totals, col_totals)
    for cell in np.flatnonzero(hidden):
        cost = np.where(hidden, 0.0, np.where(values > 0, values, np.inf)).tolist()
        chain = _closing_chain(cell, cost, ends, at)
        if chain is None:  # cannot happen for tables built by `with_totals`
            raise ValueError(f"cell {divmod(int(cell), counts.shape[1])} cannot be protected")
        hidden[chain] = True
    return _frame(hidden, counts)


def is_recoverable(mask: pd.DataFrame, *, row_totals: bool = True, col_totals: bool = True) -> bool:
    """True when some hidden cell of a table with margins (laid out as for
    `complementary_suppression`) follows from the published cells by addition and subtraction.

    Only the pattern matters, not the values (hidden zeros aside: see the module notes), so this
    doubles as a cheap runtime assertion."""
    hidden = mask.to_numpy(dtype=bool).ravel()
    ends, at = _relations(mask.shape, row_totals, col_totals)
    cost = np.where(hidden, 0.0, np.inf).tolist()
    return any(_closing_chain(cell, cost, ends, at) is None for cell in np.flatnonzero(hidden))


def suppress_table(
    counts: pd.DataFrame,
    k: int = 5,
    *,
    add_totals: bool = True,
    total_label: str = "Jumlah",
    suppress_zero: bool = False,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(values, mask) ready to publish: true totals appended, and every cell to hide marked.

    The totals are sums of the unsuppressed counts; they are hidden when below k or when needed to
    protect a cell. With `add_totals=False` the table is returned without its margins but still
    protected against them, as area and category totals are usually published elsewhere."""
    table = with_totals(counts, total_label)
    if counts.size == 0:  # nothing to protect; the margins are sums of nothing
        mask = _frame(np.zeros(table.shape, dtype=bool), table)
    else:
        mask = complementary_suppression(table, primary_suppression(table, k, suppress_zero=suppress_zero))
    if add_totals:
        return table, mask
    return counts.copy(), mask.iloc[:-1, :-1]


def _on_grid(data: pd.DataFrame | pd.Series, like: pd.DataFrame, fill: object) -> pd.DataFrame:
    """`data` on the grid of `like`; a Series (one value per area) is repeated across the columns."""
    if isinstance(data, pd.Series):
        data = pd.DataFrame({col: data for col in like.columns})
    return data.reindex(index=like.index, columns=like.columns, fill_value=fill)


def mask_rates(
    rates: pd.DataFrame,
    numerators_mask: pd.DataFrame,
    denominators: pd.DataFrame | pd.Series,
    k: int,
    *,
    denominators_mask: pd.DataFrame | pd.Series | None = None,
) -> pd.DataFrame:
    """Boolean mask of the rates to hide: numerator hidden (pass the final mask, complements
    included, or the rate gives the count back), denominator below k or missing, or, when
    `denominators_mask` is given, denominator hidden (with a published numerator the rate would
    give it back). A Series of denominators holds one per area (row). Cells missing from a mask
    are hidden."""
    hidden = _on_grid(numerators_mask, rates, True).astype(bool)
    hidden |= ~(_on_grid(denominators, rates, 0) >= k)
    if denominators_mask is not None:
        hidden |= _on_grid(denominators_mask, rates, True).astype(bool)
    return hidden


def to_display(
    values: pd.DataFrame,
    mask: pd.DataFrame,
    k: int,
    formatter: Callable[[float], str],
    *,
    label: str | None = None,
) -> pd.DataFrame:
    """Strings for screen and download: hidden cells read `<k` (or `label`, e.g. for rates, where
    `<5` would read as "under 5 %"), the others `formatter(value)`."""
    hidden = _on_grid(mask, values, True).astype(bool)
    return values.map(formatter).where(~hidden, suppressed_label(k) if label is None else label)


def hidden_area_rows(table: pd.DataFrame, count_columns: list[str], k: int) -> pd.Series:
    """Rows (areas or deciles) to hide whole in a table whose columns are related counts of one area.

    The columns of a coverage table are linked within a row (exclusion = target households - reached), so
    a small cell is protected by hiding its whole row. The column sums are published (the selection's
    headline), so a single hidden row would follow by subtraction: then the smallest other row is hidden
    with it, and no hidden row can be told apart from the other.
    """
    counts = table[count_columns]
    hidden = ((counts > 0) & (counts < k)).any(axis=1)
    if hidden.sum() == 1 and len(table) > 1:
        size = counts[count_columns[0]].where(~hidden)
        hidden[size.idxmin()] = True
    return hidden


def count_text(value: float | None, k: int, public: bool, formatter: Callable[[float], str]) -> str:
    """A count as shown: `<k` in the public mode when 0 < value < k, else formatted."""
    if public and value is not None and 0 < value < k:
        return suppressed_label(k)
    return formatter(value)
