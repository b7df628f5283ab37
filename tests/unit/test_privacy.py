import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from lib.analysis import privacy


def test_counts_round_to_the_nearest_multiple_halves_up():
    assert privacy.rounded(np.arange(13), 5).tolist() == [0, 0, 0, 5, 5, 5, 5, 5, 10, 10, 10, 10, 10]
    assert int(privacy.rounded(9_825, 5)) == 9_825 and int(privacy.rounded(666, 5)) == 665
    series = pd.Series([1, 4], index=["a", "b"], name="penerima")
    assert privacy.rounded(series, 5).equals(pd.Series([0, 5], index=["a", "b"], name="penerima"))
    assert privacy.rounded([7, 8], 3).tolist() == [6, 9]


@given(st.integers(min_value=0, max_value=10**7), st.integers(min_value=1, max_value=20))
def test_rounding_moves_a_count_by_at_most_half_the_base_to_a_multiple(count, base):
    shown = int(privacy.rounded(count, base))
    assert shown % base == 0 and abs(shown - count) <= base / 2


def test_a_rate_needs_enough_rounded_households():
    assert privacy.rate([10, 10, 0], [25, 20, 0], 5).tolist()[0] == pytest.approx(40.0)
    assert np.isnan(privacy.rate([10], [20], 5)).all()  # 20 < 5 x 5
    assert privacy.rate([1], [2], None).tolist() == [50.0]  # internal mode: any denominator
    assert np.isnan(privacy.rate([0], [0], None)).all()


MEASURES = pd.DataFrame({
    "kode": ["a", "b"], "layak": [666, 3], "penerima_layak": [3, 3], "penerima": [56, 3], "inklusi": [52, 0],
    "cakupan": [0.45, 100.0], "eksklusi": [663, 0],
})


def test_public_coverage_derives_everything_from_rounded_counts():
    shown = privacy.rounded_coverage(MEASURES, 5)
    assert shown["layak"].tolist() == [665, 5] and shown["penerima_layak"].tolist() == [5, 5]
    assert shown["eksklusi"].tolist() == [660, 0]  # households - reached as shown, so the three agree
    assert shown["penerima"].tolist() == [55, 5] and shown["inklusi"].tolist() == [50, 0]
    assert shown["cakupan"].iloc[0] == pytest.approx(100 * 5 / 665) and np.isnan(shown["cakupan"].iloc[1])
    # households - excluded no longer gives the 3 reached back; recipients - included gives 5, not 4
    assert shown["layak"].iloc[0] - shown["eksklusi"].iloc[0] == 5
    assert privacy.rounded_coverage(MEASURES, None) is MEASURES  # internal mode: exact


def test_public_shares_come_from_rounded_counts():
    shares = pd.DataFrame({"kode": ["a"], "rumah_tangga_desil": [75], "rumah_tangga": [497], "persen": [15.0905]})
    shown = privacy.rounded_shares(shares, 5)
    assert shown[["rumah_tangga_desil", "rumah_tangga"]].iloc[0].tolist() == [75, 495]
    assert shown["persen"].iloc[0] == pytest.approx(100 * 75 / 495)
