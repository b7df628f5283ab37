import datetime as dt

import pytest

from lib.core import fmt


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        (lambda: fmt.percent(8.81), "8,81 %"),
        (lambda: fmt.percent(8.07, 2, "en"), "8.07 %"),
        (lambda: fmt.rupiah(714241), "Rp714.241"),
        (lambda: fmt.rupiah(714241, "en"), "Rp714,241"),  # never Babel's English "IDR714,241"
        (lambda: fmt.number(1234567.5, 1), "1.234.567,5"),
        (lambda: fmt.number(1234567.5, 1, "en"), "1,234,567.5"),
        (lambda: fmt.number(34.91, 2), "34,91"),
        (lambda: fmt.number(None), "–"),
        (lambda: fmt.percent(float("nan")), "–"),
        (lambda: fmt.period(2024, 3), "Maret 2024"),
        (lambda: fmt.period(2024, 9, "en"), "September 2024"),
        (lambda: fmt.period(2025, None), "2025"),
        (lambda: fmt.date(dt.date(2026, 8, 17)), "17 Agustus 2026"),
        (lambda: fmt.timestamp(dt.datetime(2026, 11, 27, 14, 5)), "27 November 2026 14.05"),
    ],
)
def test_indonesian_formats(call, expected):
    assert call() == expected


@pytest.mark.parametrize(("value", "expected"), [(-0.5, "−"), (0.5, "+"), (0.0, "±")])
def test_sign_uses_true_minus(value, expected):
    assert fmt.sign(value) == expected
