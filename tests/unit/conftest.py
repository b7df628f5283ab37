"""Hypothesis profiles, chosen by `HYPOTHESIS_PROFILE`: `dev` (the default) keeps a local run fast, `ci` (set by
`.ci/run`) tries the full number of examples. Both are derandomised, so a failure reproduces on any machine."""

import os

from hypothesis import HealthCheck, settings

# The share of each fuzz test's full example count a profile tries (`fuzz_examples`).
EXAMPLE_SHARE = {"ci": 1.0, "dev": 0.1}

for _name in EXAMPLE_SHARE:
    settings.register_profile(_name, deadline=None, derandomize=True, database=None,
                              suppress_health_check=list(HealthCheck))
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "dev")
if PROFILE not in EXAMPLE_SHARE:
    raise ValueError(f"HYPOTHESIS_PROFILE={PROFILE!r}: expected one of {sorted(EXAMPLE_SHARE)}")
settings.load_profile(PROFILE)


def fuzz_examples(full: int) -> int:
    """How many examples a fuzz test of `full` examples tries under the current profile."""
    return max(1, round(full * EXAMPLE_SHARE[PROFILE]))
