"""The load benchmark against real servers: its simulated browser must work with Streamlit's protocol."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from bench.load.__main__ import main


@pytest.mark.e2e
def test_single_viewer_changes_filters_on_every_page_without_errors(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr("bench.report.RESULTS", tmp_path)  # leave bench/results/ alone
    # Its own thread: Playwright's sync API, used by other browser tests in this worker, keeps an event loop
    # running in the main thread, and the bench starts its own with asyncio.run.
    with ThreadPoolExecutor(max_workers=1) as thread:
        report = thread.submit(main, ["--scenario", "single", "--changes", "3", "--output", "smoke"]).result()
    rows = report["scenarios"]
    assert set(rows) == {"single-floor", "single-peta", "single-cakupan", "single-ringkasan", "single-profil"}
    for name, row in rows.items():
        assert row["errors"] == 0, (name, row["error_samples"])
        assert row["changes"] == 3, name
        assert 0 < row["p50_ms"] <= row["p95_ms"] <= row["max_ms"], name
        assert row["mean_bytes_per_change"] > 0 and row["peak_rss_mb"] > 0, name
    assert rows["single-cakupan"]["ratio_to_floor"]["p50"] > 0
    assert (tmp_path / "smoke.json").exists()
