"""Where every benchmark leaves its numbers: bench/results/<name>.json, also printed."""

from __future__ import annotations

import json
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"


def save(name: str, report: dict) -> None:
    RESULTS.mkdir(exist_ok=True)
    text = json.dumps(report, indent=2) + "\n"
    (RESULTS / f"{name}.json").write_text(text)
    print(text, end="")
