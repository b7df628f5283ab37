"""Build the browser map layers in static/geo/ from the source boundaries in data/geo/.

Run: .venv/bin/python scripts/build_geometry.py [--out DIR]

Writes kaltim_kabupaten.json, kutim_kabupaten.json, kutim_kecamatan.json and kutim_desa.json (see lib/core/boundaries.py for
what each is and how it is simplified) and prints each file's size. Deterministic: the same sources and the pinned
shapely/GEOS give byte-identical files, which tests/unit/test_boundaries.py checks against the committed ones.
"""

from __future__ import annotations

import argparse
import gzip
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from lib.core import boundaries


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=boundaries.STATIC_DIR, help=f"output folder (default {boundaries.STATIC_DIR})")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    paths = boundaries.build_static(args.out)
    for path in paths.values():
        data = path.read_bytes()
        features = data.count(b'"type":"Feature"')
        print(
            f"{path}: {len(data) / 1000:7.1f} kB ({len(gzip.compress(data, 9, mtime=0)) / 1000:5.1f} kB gzipped), "
            f"{features} features"
        )
    print(f"built in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
