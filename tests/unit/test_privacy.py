"""Small-count suppression: hand-computed tables, edge cases, and a seeded property test against a
linear-algebra oracle (hypothesis is not installed, so random tables come from numpy)."""

import numpy as np
import pandas as pd
import pytest

from lib.analysis import privacy

CAT = ["A", "B", "C"]


def hidden_cells(mask: pd.DataFrame) -> set[tuple]:
    return {(r, c) for r in mask.index for c in mask.columns if mask.loc[r, c]}


def determined(mask: np.ndarray) -> set[tuple[int, int]]:
    """Oracle independent of the module's graph reasoning: the hidden cells of a table with margins
    (last row and column) whose value is the same in every solution of the published relations."""
    n, m = mask.shape
    relations = []
    for i in range(n):
        row = np.zeros((n, m))
        row[i, :-1], row[i, -1] = 1, -1
        relations.append(row.ravel())
    for j in range(m):
        col = np.zeros((n, m))
        col[:-1, j], col[-1, j] = 1, -1
        relations.append(col.ravel())
    cells = np.flatnonzero(mask.ravel())
    if cells.size == 0:
        return set()
    a = np.array(relations)[:, cells]
    _, s, vt = np.linalg.svd(a)
    rank = int((s > 1e-9).sum())
    null = vt[rank:].T  # basis of the unknowns' freedom; a cell with no freedom is determined
    free = np.linalg.norm(null, axis=1) > 1e-9 if null.size else np.zeros(cells.size, bool)
    return {divmod(int(c), m) for c, f in zip(cells, free, strict=True) if not f}


# --- hand-computed tables ---------------------------------------------------------------------


def test_one_small_cell_is_closed_by_the_cheapest_rectangle():
    counts = pd.DataFrame([[2, 10, 20], [12, 30, 25], [15, 8, 40]], index=list("xyz"), columns=CAT)
    values, mask = privacy.suppress_table(counts)
    # x.A = 2 is primary. Cheapest rectangle through it: x.B (10) + z.B (8) + z.A (15) = 33, against
    # e.g. x.B + y.B + y.A = 52 or x.C + y.C + y.A = 57. The margins stay published.
    assert hidden_cells(mask) == {("x", "A"), ("x", "B"), ("z", "A"), ("z", "B")}
    assert values.loc["Jumlah"].tolist() == [29, 48, 85, 162]
    assert values["Jumlah"].tolist() == [32, 67, 63, 162]
    assert not privacy.is_recoverable(mask)


def test_a_small_total_drags_in_a_second_row_and_its_total():
    counts = pd.DataFrame([[1, 2, 0], [10, 20, 30], [7, 40, 50]], index=list("xyz"), columns=CAT)
    values, mask = privacy.suppress_table(counts)
    # Primary: x.A = 1, x.B = 2 and the row total x = 3. Column A is closed through row y
    # (y.B 20 + y.A 10 = 30 beats z.B 40 + z.A 7 = 47), which also closes column B; the total
    # column is then closed by y's total (60), cheaper than any chain through row z. x.C = 0 is
    # published and never used as a complement.
    assert hidden_cells(mask) == {("x", "A"), ("x", "B"), ("x", "Jumlah"), ("y", "A"), ("y", "B"), ("y", "Jumlah")}
    assert values.loc["Jumlah"].tolist() == [18, 62, 80, 160]
    assert not privacy.is_recoverable(mask)
    shown = privacy.to_display(values, mask, 5, lambda v: f"{v:,.0f}")
    assert shown.loc["x"].tolist() == ["<5", "<5", "0", "<5"]
    assert shown.loc["z"].tolist() == ["7", "40", "50", "97"]


def test_single_category_rows_hide_their_own_total():
    values, mask = privacy.suppress_table(pd.DataFrame({"PKH": [3, 10, 20]}, index=list("xyz")))
    # A row's total equals its only cell, so both go; column PKH then needs a second row: y.
    assert mask.to_numpy().tolist() == [[True, True], [True, True], [False, False], [False, False]]
    assert values["Jumlah"].tolist() == [3, 10, 20, 33]


def test_single_row_hides_the_same_cells_in_the_total_row():
    values, mask = privacy.suppress_table(pd.DataFrame([[3, 10, 20]], columns=CAT))
    # The total row repeats the row, so A and the cheapest partner B go in both.
    assert mask.to_numpy().tolist() == [[True, True, False, False]] * 2
    assert values.loc["Jumlah"].tolist() == [3, 10, 20, 33]


def test_two_small_cells_in_a_row_need_no_complement_in_that_row_only():
    counts = pd.DataFrame([[3, 4, 50], [3, 4, 60], [20, 30, 70]], columns=CAT)
    _, mask = privacy.suppress_table(counts)
    # The four small cells already form a rectangle: nothing else is hidden.
    assert hidden_cells(mask) == {(0, "A"), (0, "B"), (1, "A"), (1, "B")}


def test_every_row_and_column_has_two_hidden_cells_and_yet_one_is_recoverable():
    rng = np.random.default_rng(7)
    table = privacy.with_totals(pd.DataFrame(rng.integers(5, 50, (4, 4))))
    mask = pd.DataFrame(False, index=table.index, columns=table.columns)
    for r, c in [(0, 0), (0, 1), (1, 0), (1, 1), (2, 2), (2, 3), (3, 2), (3, 3), (1, 2)]:
        mask.iloc[r, c] = True
    assert mask.sum(axis=0).isin([0, 2, 3]).all() and mask.sum(axis=1).isin([0, 2, 3]).all()
    # Hidden sums of rows 0-1 minus those of columns 0-1 leave exactly the joining cell.
    t, h = table.to_numpy(), mask.to_numpy()
    hidden_sum = np.where(h, t, 0)
    rows, cols = hidden_sum[:2].sum(), hidden_sum[:, :2].sum()
    assert rows - cols == t[1, 2]
    assert privacy.is_recoverable(mask)
    assert determined(h) == {(1, 2)}
    assert not privacy.is_recoverable(privacy.complementary_suppression(table, mask))


# --- edge cases -------------------------------------------------------------------------------


def test_empty_table():
    values, mask = privacy.suppress_table(pd.DataFrame())
    assert values.to_numpy().tolist() == [[0]] and not mask.to_numpy().any()
    values, mask = privacy.suppress_table(pd.DataFrame(), add_totals=False)
    assert values.empty and mask.empty


def test_all_cells_small():
    counts = pd.DataFrame(np.full((3, 4), 2), columns=list("ABCD"))
    values, mask = privacy.suppress_table(counts)
    assert mask.iloc[:-1, :-1].to_numpy().all()  # every cell is primary
    assert not mask.iloc[-1, -1] and values.iloc[-1, -1] == 24  # the grand total is publishable
    assert not privacy.is_recoverable(mask)


def test_one_cell_table_hides_everything_when_small_and_nothing_when_not():
    _, mask = privacy.suppress_table(pd.DataFrame([[4]]))
    assert mask.to_numpy().all()
    _, mask = privacy.suppress_table(pd.DataFrame([[5]]))
    assert not mask.to_numpy().any()


def test_k_1_hides_nothing():
    counts = pd.DataFrame([[1, 0, 2], [0, 1, 1]], columns=CAT)
    _, mask = privacy.suppress_table(counts, k=1)
    assert not mask.to_numpy().any()


def test_zero_is_published_unless_asked():
    counts = pd.DataFrame([[0, 7], [9, 8]], columns=["A", "B"])
    assert not privacy.primary_suppression(counts).to_numpy().any()
    assert privacy.primary_suppression(counts, suppress_zero=True).to_numpy().tolist() == [[True, False], [False, False]]


def test_without_totals_the_table_is_still_protected_against_them():
    counts = pd.DataFrame([[2, 10, 20], [12, 30, 25], [15, 8, 40]], columns=CAT)
    full_values, full_mask = privacy.suppress_table(counts)
    values, mask = privacy.suppress_table(counts, add_totals=False)
    pd.testing.assert_frame_equal(values, counts)
    pd.testing.assert_frame_equal(mask, full_mask.iloc[:-1, :-1])


def test_row_totals_only():
    table = pd.DataFrame([[2, 10, 12], [3, 20, 23]], columns=["A", "B", "Jumlah"])
    mask = privacy.primary_suppression(table)
    # Without column totals, rows are the only relations: each small cell needs one partner in its row.
    out = privacy.complementary_suppression(table, mask, col_totals=False)
    assert out.to_numpy().tolist() == [[True, True, False], [True, True, False]]
    assert not privacy.is_recoverable(out, col_totals=False)
    assert privacy.is_recoverable(mask, col_totals=False)
    assert not privacy.is_recoverable(mask, row_totals=False, col_totals=False)


@pytest.mark.parametrize("bad", [-1, float("nan")])
def test_counts_must_be_non_negative_and_complete(bad):
    with pytest.raises(ValueError):
        privacy.suppress_table(pd.DataFrame([[1, bad]]))


# --- seeded property test ---------------------------------------------------------------------


def random_counts(rng: np.random.Generator) -> pd.DataFrame:
    n, m = rng.integers(1, 13), rng.integers(1, 11)
    small = rng.random() * 0.9  # share of small counts varies from table to table
    big = rng.integers(0, rng.choice([10, 60, 1000]), (n, m))
    return pd.DataFrame(np.where(rng.random((n, m)) < small, rng.integers(0, 6, (n, m)), big))


@pytest.mark.parametrize("seed", range(4))
def test_no_hidden_count_is_recoverable_in_random_tables(seed):
    rng = np.random.default_rng(seed)
    for _ in range(500):
        counts = random_counts(rng)
        k = int(rng.choice([5, 5, 5, 2, 10]))
        values, mask = privacy.suppress_table(counts, k)
        v, h = values.to_numpy(), mask.to_numpy()
        assert not privacy.is_recoverable(mask)
        assert not determined(h)
        assert ((v >= k) | (v == 0))[~h].all()  # nothing small is shown
        assert not (h & (v == 0)).any()  # zeros are shown and never used as complements
        assert (v[:-1, -1] == counts.sum(axis=1)).all() and (v[-1, :-1] == counts.sum(axis=0)).all()
        assert v[-1, -1] == counts.to_numpy().sum()


def test_is_recoverable_agrees_with_linear_algebra_on_arbitrary_patterns():
    rng = np.random.default_rng(99)
    for _ in range(600):
        shape = (int(rng.integers(2, 7)), int(rng.integers(2, 7)))
        h = rng.random(shape) < rng.random()
        assert privacy.is_recoverable(pd.DataFrame(h)) == bool(determined(h))


def test_hidden_zeros_are_protected_too_when_asked():
    rng = np.random.default_rng(5)
    for _ in range(300):
        counts = random_counts(rng)
        values, mask = privacy.suppress_table(counts, suppress_zero=True)
        assert not determined(mask.to_numpy())
        assert mask.to_numpy()[values.to_numpy() == 0].all()


# --- rates and display ------------------------------------------------------------------------


def test_mask_rates_hides_small_or_hidden_numerators_and_small_denominators():
    idx = ["x", "y", "z"]
    rates = pd.DataFrame({"A": [10.0, 50.0, 25.0], "B": [90.0, 50.0, 75.0]}, index=idx)
    numerators = pd.DataFrame({"A": [True, False, False], "B": [False, False, False]}, index=idx)
    households = pd.Series([40, 4, 80], index=idx)
    hidden = privacy.mask_rates(rates, numerators, households, 5)
    assert hidden.to_numpy().tolist() == [[True, False], [True, True], [False, False]]
    per_cell = pd.DataFrame({"A": [40, 40, 3], "B": [40, 40, 80]}, index=idx)
    hidden = privacy.mask_rates(rates, numerators, per_cell, 5)
    assert hidden.to_numpy().tolist() == [[True, False], [False, False], [True, False]]
    denominator_hidden = pd.Series([False, False, True], index=idx)
    hidden = privacy.mask_rates(rates, numerators, households, 5, denominators_mask=denominator_hidden)
    assert hidden.to_numpy().tolist() == [[True, False], [True, True], [True, True]]


def test_to_display():
    values = pd.DataFrame({"A": [3, 1234], "B": [0, 56]})
    mask = pd.DataFrame({"A": [True, False], "B": [False, True]})
    shown = privacy.to_display(values, mask, 5, lambda v: f"{v:,.0f}".replace(",", "."))
    assert shown.to_numpy().tolist() == [["<5", "0"], ["1.234", "<5"]]
    rates = privacy.to_display(values / 10, mask, 5, lambda v: f"{v:.1f} %", label="–")
    assert rates.to_numpy().tolist() == [["–", "0.0 %"], ["123.4 %", "–"]]
    assert privacy.suppressed_label(10) == "<10"
