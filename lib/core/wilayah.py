"""The area registry: Kemendagri codes, names, parents, and matching of the names people actually write.

Names are matched to codes, never codes to display names: spreadsheets say `KEC. SANGATA UTARA`,
`Kongbeng` or `Ma. Ancalong`, and each must land on one Kemendagri code or be offered as a suggestion.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from rapidfuzz import fuzz, process

KUTIM = "64.08"
KALTIM = "64"
INDONESIA = "ID"

LEVELS = ("negara", "provinsi", "kabupaten", "kecamatan", "desa")

# Administrative prefixes staff put in front of names; they carry no identity.
_PREFIXES = re.compile(
    r"^(kecamatan|kec|kabupaten|kab|kota|desa|ds|kelurahan|kel|provinsi|prov)\b\.?\s*", re.IGNORECASE
)
# Abbreviations found in real sheets, expanded before comparing.
_ABBREVIATIONS = {"ma": "muara", "kel": "kelurahan", "sp": "simpang"}


def normalise_name(name: str) -> str:
    """Reduce a written area name to a comparable key: `KEC. Ma. Ancalong ` -> `muara ancalong`."""
    text = re.sub(r"\s+", " ", str(name)).strip().lower()
    while True:
        stripped = _PREFIXES.sub("", text)
        if stripped == text:
            break
        text = stripped
    words = re.sub(r"[^\w\s]", " ", text).split()
    return " ".join(_ABBREVIATIONS.get(word, word) for word in words)


_PREFIX_LEVELS = {"kecamatan": "kecamatan", "kec": "kecamatan", "desa": "desa", "ds": "desa", "kelurahan": "desa", "kel": "desa",
                  "kabupaten": "kabupaten", "kab": "kabupaten", "kota": "kabupaten", "provinsi": "provinsi",
                  "prov": "provinsi"}


def level_from_prefix(name: str) -> str | None:
    """The level a written name states (`Kec. Sangatta Utara` -> `kecamatan`), needed where a desa shares its
    kecamatan's name; None without a prefix."""
    found = _PREFIXES.match(re.sub(r"\s+", " ", str(name)).strip().lower())
    return _PREFIX_LEVELS[found.group(1)] if found else None


def areas_from_geojson(paths: dict[str, Path]) -> pd.DataFrame:
    """The registry rows (kode, nama, level, induk) for the nation, the province and every boundary file."""
    rows = [
        {"kode": INDONESIA, "nama": "Indonesia", "level": "negara", "induk": None},
        {"kode": KALTIM, "nama": "Kalimantan Timur", "level": "provinsi", "induk": INDONESIA},
    ]
    for level, path in paths.items():
        for feature in json.loads(path.read_text(encoding="utf-8"))["features"]:
            code = feature["properties"]["kode"]
            rows.append(
                {"kode": code, "nama": feature["properties"]["nama"], "level": level, "induk": parent_code(code)}
            )
    return pd.DataFrame(rows).drop_duplicates("kode").sort_values("kode", ignore_index=True)


def parent_code(code: str) -> str:
    """`64.08.04.2001` -> `64.08.04`; a province's parent is the nation."""
    return code.rsplit(".", 1)[0] if "." in code else INDONESIA


@dataclass(frozen=True)
class Match:
    """The outcome of matching one written name: a code when certain, otherwise ranked suggestions."""

    written: str
    kode: str | None
    suggestions: tuple[tuple[str, str, float], ...] = ()  # (kode, nama, score 0-100)
    # The name is exactly that of several areas (a kecamatan and its desa): the suggestions are those areas, and
    # only a level prefix or a code can tell them apart, so no alias can settle it.
    ambiguous: bool = False


class AreaRegistry:
    """Lookup of areas by code and by any known spelling."""

    def __init__(self, areas: pd.DataFrame, aliases: pd.DataFrame):
        self.areas = areas.set_index("kode", drop=False)
        self.aliases = frozenset(zip(aliases["alias"], aliases["kode"]))  # known spellings, as (alias, code)
        self._by_key: dict[str, list[str]] = {}
        for code, name in zip(areas["kode"], areas["nama"]):
            self._by_key.setdefault(normalise_name(name), []).append(code)
        for alias, code in zip(aliases["alias"], aliases["kode"]):
            self._by_key.setdefault(normalise_name(alias), []).append(code)

    def name(self, code: str) -> str:
        return str(self.areas.at[code, "nama"])

    def level(self, code: str) -> str:
        return str(self.areas.at[code, "level"])

    def children(self, code: str) -> pd.DataFrame:
        return self.areas[self.areas["induk"] == code]

    def codes_at(self, level: str) -> list[str]:
        return self.areas.index[self.areas["level"] == level].tolist()

    def _candidates(self, level: str | None, within: str | None) -> pd.DataFrame:
        areas = self.areas
        if level is not None:
            areas = areas[areas["level"] == level]
        if within is not None:
            areas = areas[areas["kode"].str.startswith(within + ".")]
        return areas

    def match(self, written: str, level: str | None = None, within: str | None = None, limit: int = 3) -> Match:
        """Match a written name (or code) to one area, restricted to a level and/or a parent area.

        Certain when the normalised name, a known alias or the code itself identifies exactly one area;
        otherwise the closest names are returned as suggestions for a person to confirm.
        """
        candidates = self._candidates(level, within)
        written_text = str(written).strip()
        if written_text in candidates.index:
            return Match(written, written_text)
        codes = [c for c in self._by_key.get(normalise_name(written_text), []) if c in candidates.index]
        if len(set(codes)) == 1:
            return Match(written, codes[0])
        if codes:
            return Match(written, None, tuple((code, self.name(code), 100.0) for code in sorted(set(codes))), True)
        names = {code: normalise_name(name) for code, name in zip(candidates["kode"], candidates["nama"])}
        best = process.extract(normalise_name(written_text), names, scorer=fuzz.WRatio, limit=limit)
        suggestions = tuple((code, self.name(code), round(score, 1)) for _key, score, code in best)
        return Match(written, None, suggestions)
