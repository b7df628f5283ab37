"""The pages a simulated viewer opens: where they live, which filters a viewer changes, and the shared link
each viewer opens them with.

Starting links are built from the files in data/ (areas, programmes, years), so 100 viewers spread over many
views instead of all sharing one cached result. A filter change itself is a widget change (see widgets.py):
the dashboard reads the URL only when a widget is first drawn in a session.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from random import Random
from urllib.parse import urlencode

DECILES = tuple(range(1, 11))
# The dummy URL parameter the floor's filter changes move: the empty page has no widgets.
FLOOR_PARAM = "pilihan"


@dataclass(frozen=True)
class Catalogue:
    """The codes a real visitor's link can carry, read from the data the store is built from."""

    desa_by_kecamatan: dict[str, tuple[str, ...]]
    programmes: tuple[str, ...]
    years: tuple[int, ...]

    @property
    def kecamatan(self) -> tuple[str, ...]:
        return tuple(self.desa_by_kecamatan)


def load_catalogue(data_dir: Path) -> Catalogue:
    """Kecamatan and desa codes from the desa boundaries, programmes from program.csv, years from the demo rows."""
    features = json.loads((data_dir / "geo" / "kutim_desa.geojson").read_text(encoding="utf-8"))["features"]
    desa_by_kecamatan: dict[str, list[str]] = {}
    for feature in features:
        code = feature["properties"]["kode"]
        desa_by_kecamatan.setdefault(code.rsplit(".", 1)[0], []).append(code)
    with (data_dir / "program.csv").open(encoding="utf-8") as file:
        programmes = tuple(row["id"] for row in csv.DictReader(file))
    with (data_dir / "demo" / "program_desa.csv").open(encoding="utf-8") as file:
        years = tuple(sorted({int(row["tahun"]) for row in csv.DictReader(file)}))
    return Catalogue({k: tuple(sorted(v)) for k, v in sorted(desa_by_kecamatan.items())}, programmes, years)


def _area(rng: Random, catalogue: Catalogue, all_share: float = 0.3) -> dict[str, str]:
    """A kecamatan (sometimes none: all of Kutim), and within it sometimes one desa."""
    if rng.random() < all_share:
        return {}
    kecamatan = rng.choice(catalogue.kecamatan)
    if rng.random() < 0.5:
        return {"kecamatan": kecamatan}
    return {"kecamatan": kecamatan, "desa": rng.choice(catalogue.desa_by_kecamatan[kecamatan])}


def peta_query(rng: Random, catalogue: Catalogue) -> str:
    """The desa-level map (the heaviest map) for a year, sometimes zoomed into one kecamatan."""
    query = {"tingkat": "desa", "tahun": str(rng.choice(catalogue.years))}
    if rng.random() < 0.5:
        query["kecamatan"] = rng.choice(catalogue.kecamatan)
    return urlencode(query)


def cakupan_query(rng: Random, catalogue: Catalogue) -> str:
    """A programme, year, area and target deciles (a prefix 1..k, as the eligibility rules are)."""
    query = {"program": rng.choice(catalogue.programmes), "tahun": str(rng.choice(catalogue.years)),
             **_area(rng, catalogue)}
    query["desil"] = ",".join(str(d) for d in DECILES[: rng.randint(1, len(DECILES))])
    return urlencode(query)


def profil_query(rng: Random, catalogue: Catalogue) -> str:
    """A kecamatan profile (Profil always shows one) or a desa in it, for a year."""
    return urlencode({**_area(rng, catalogue, all_share=0), "tahun": str(rng.choice(catalogue.years))})


def ringkasan_query(rng: Random, _catalogue: Catalogue) -> str:
    """Ringkasan has no filters of its own: only the language, Indonesian (no parameter) for most visitors."""
    return urlencode({"lang": "en"}) if rng.random() < 0.2 else ""


def floor_query(rng: Random, _catalogue: Catalogue | None = None) -> str:
    """The floor's link, and each of its changes: a dummy parameter, since the empty page has no widgets."""
    return urlencode({FLOOR_PARAM: str(rng.randrange(1000))})


@dataclass(frozen=True)
class Page:
    """One page of a server as a viewer uses it."""

    name: str
    path: str  # URL path below the server root; "" is the default page
    filters: tuple[str, ...]  # URL keys of the widgets a viewer changes; none: change FLOOR_PARAM instead
    start_query: Callable[[Random, Catalogue], str]


PROJECT_PAGES = {
    "peta": Page("peta", "peta", ("ukuran", "program", "tahun", "kecamatan", "kelas", "palet"), peta_query),
    "cakupan": Page("cakupan", "cakupan", ("program", "tahun", "kecamatan", "desa", "desil"), cakupan_query),
    "ringkasan": Page("ringkasan", "", ("lang",), ringkasan_query),
    "profil": Page("profil", "profil", ("kecamatan", "desa", "tahun"), profil_query),
}
FLOOR_PAGE = Page("floor", "", (), floor_query)
