import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from lib.analysis import privacy
from lib.analysis.privacy import Rounding

ROUNDING = Rounding(5, b"a test key, not a deployment's")


def test_a_count_goes_to_one_of_the_two_multiples_around_it():
    values = np.arange(20)
    shown = ROUNDING.counts(values, [f"cell {v}" for v in values])
    assert (shown % 5 == 0).all() and (np.abs(shown - values) < 5).all()
    assert shown[[0, 5, 10, 15]].tolist() == [0, 5, 10, 15]  # multiples stay as they are


def test_the_same_count_always_shows_the_same_and_another_key_draws_differently():
    identities = [f"cell {i}" for i in range(400)]
    values = np.full(400, 2)
    first, again = ROUNDING.counts(values, identities), ROUNDING.counts(values, identities)
    assert (first == again).all()
    other = Rounding(5, b"another deployment").counts(values, identities)
    assert (first != other).any()


def test_rounding_is_unbiased_over_many_counts():
    identities = [f"cell {i}" for i in range(20_000)]
    for value in (1, 2, 3, 4):
        up = (ROUNDING.counts(np.full(20_000, value), identities) == 5).mean()
        assert up == pytest.approx(value / 5, abs=0.02)  # a 1 shows as 5 one time in five


@given(st.integers(min_value=0, max_value=10**7), st.integers(min_value=1, max_value=20), st.text(max_size=20))
def test_a_shown_count_is_a_multiple_less_than_a_base_away(count, base, name):
    shown = int(Rounding(base, b"k").counts([count], [name])[0])
    assert shown % base == 0 and abs(shown - count) < base


def test_identities_name_what_is_counted():
    assert privacy.identity("H", 2025, "64.08.04", (4, 1, 2, 3), "PKH") == "H||2025|64.08.04|1,2,3,4"
    assert privacy.identity("R", 2025, "64.08.04", (1,), "PKH") == "R|PKH|2025|64.08.04|1"


def test_a_rate_needs_enough_rounded_households():
    assert privacy.rate([10, 10, 0], [25, 20, 0], ROUNDING).tolist()[0] == pytest.approx(40.0)
    assert np.isnan(privacy.rate([10], [20], ROUNDING)).all()  # 20 < 5 x 5
    assert privacy.rate([1], [2], None).tolist() == [50.0]  # internal mode: any denominator
    assert np.isnan(privacy.rate([0], [0], None)).all()


MEASURES = pd.DataFrame({
    "kode": ["a", "b"], "layak": [666, 3], "penerima_layak": [3, 3], "penerima": [56, 3], "inklusi": [52, 0],
    "cakupan": [0.45, 100.0], "eksklusi": [663, 0],
})


def test_public_coverage_derives_everything_from_rounded_counts():
    shown = privacy.rounded_coverage(MEASURES, ROUNDING, programme="PKH", deciles=(1, 2, 3, 4), year=2025)
    for column in ("layak", "penerima_layak", "penerima", "inklusi"):
        assert (shown[column] % 5 == 0).all() and (abs(shown[column] - MEASURES[column]) < 5).all()
    assert (shown["eksklusi"] == (shown["layak"] - shown["penerima_layak"]).clip(lower=0)).all()
    assert shown["cakupan"].iloc[0] == pytest.approx(100 * shown["penerima_layak"].iloc[0] / shown["layak"].iloc[0])
    assert np.isnan(shown["cakupan"].iloc[1])  # a handful of households: no rate
    again = privacy.rounded_coverage(MEASURES.iloc[::-1], ROUNDING, programme="PKH", deciles=(1, 2, 3, 4), year=2025)
    assert again.set_index("kode").loc[["a", "b"]].equals(shown.set_index("kode"))  # a row's draw is its own
    assert privacy.rounded_coverage(MEASURES, None, programme="PKH", deciles=(1,)) is MEASURES  # internal: exact


def test_households_show_the_same_whichever_page_counts_them():
    coverage = privacy.rounded_coverage(MEASURES, ROUNDING, programme="PKH", deciles=(1, 2, 3, 4), year=2025)
    shares = pd.DataFrame({"kode": ["a"], "rumah_tangga_desil": [666], "rumah_tangga": [900], "persen": [74.0]})
    profile = privacy.rounded_shares(shares, ROUNDING, year=2025, deciles=range(1, 5))
    assert profile["rumah_tangga_desil"].iloc[0] == coverage["layak"].iloc[0]
    assert profile["persen"].iloc[0] == pytest.approx(100 * profile["rumah_tangga_desil"].iloc[0]
                                                      / profile["rumah_tangga"].iloc[0])
