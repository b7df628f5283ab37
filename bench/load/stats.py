"""The numbers of a scenario: when viewers act (a Poisson process) and how their changes went."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from random import Random

from bench.load.viewer import Outcome

ERROR_SAMPLES = 5
MAX_ARRIVALS = 100_000  # per viewer: far above what a benchmark can send, a bound whatever the mean


def arrival_times(rng: Random, mean_interval_s: float, duration_s: float) -> list[float]:
    """Offsets within [0, duration) of a Poisson process: exponential gaps with the given mean."""
    times, now = [], 0.0
    for _ in range(MAX_ARRIVALS):
        now += rng.expovariate(1 / mean_interval_s)
        if now >= duration_s:
            break
        times.append(now)
    return times


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100), interpolated between the closest ranks (as numpy's default)."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def latency_summary(latencies_s: Sequence[float]) -> dict[str, float | None]:
    """p50, p95 and max in milliseconds (None without any)."""
    if not latencies_s:
        return {"p50_ms": None, "p95_ms": None, "max_ms": None}
    return {"p50_ms": round(percentile(latencies_s, 50) * 1000, 1),
            "p95_ms": round(percentile(latencies_s, 95) * 1000, 1),
            "max_ms": round(max(latencies_s) * 1000, 1)}


def summarise(outcomes: Iterable[Outcome], background_errors: Sequence[str] = ()) -> dict:
    """Changes, failures, latency and bytes of a set of changes, plus errors seen outside them."""
    outcomes = list(outcomes)
    done = [o for o in outcomes if o.error is None]
    failures = [o.error for o in outcomes if o.error is not None]
    errors = failures + list(background_errors)
    return {
        "changes": len(done),
        "failed_changes": len(failures),
        "errors": len(errors),
        **latency_summary([o.latency_s for o in done]),
        "mean_bytes_per_change": round(sum(o.bytes for o in done) / len(done)) if done else None,
        "error_samples": list(dict.fromkeys(errors))[:ERROR_SAMPLES],
    }
