"""Indicators staff add or change on Kelola Data: the checks an entry must pass, and what changed, for the history.

The registry is data (`indikator` table); a new measure such as "rumah tangga desil 1-2" needs an entry before a
file can carry its values. Every change is kept with who and when (`Store.save_indicator`).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping

# The units the pages know how to write (lib/core/i18n.py `unit.*`), with how staff read them.
UNITS = {"persen": "persen (%)", "jiwa": "jiwa", "ribu_jiwa": "ribu jiwa", "rumah_tangga": "rumah tangga",
         "rupiah_kapita_bulan": "rupiah per kapita per bulan", "indeks": "indeks", "rasio": "rasio 0–1"}
DIRECTIONS = {"lebih rendah lebih baik": True, "lebih tinggi lebih baik": False, "netral": None}
LEVELS = ("kabupaten", "kecamatan", "desa")
ID_FORMAT = re.compile(r"^[a-z][A-Za-z0-9_]{2,59}$")  # as the shipped ids: `persentase_penduduk_miskin_P0`
REQUIRED = {"id": "kode", "label_id": "nama (Indonesia)", "label_en": "nama (Inggris)", "definisi_id": "definisi "
            "(Indonesia)", "definisi_en": "definisi (Inggris)", "sumber": "sumber"}
FIELDS = ("id", "label_id", "label_en", "satuan", "desimal", "lebih_rendah_lebih_baik", "definisi_id", "definisi_en",
          "sumber", "tingkat")


def mistakes(record: Mapping[str, object], existing: Mapping[str, object], new: bool) -> list[str]:
    """What is wrong with an entry, in Indonesian; empty when it can be saved. `existing`: the ids in the registry."""
    found = [f"Isi {label}." for field, label in REQUIRED.items() if not str(record.get(field) or "").strip()]
    ident = str(record.get("id") or "").strip()
    if ident and not ID_FORMAT.match(ident):
        found.append(f"Kode '{ident}' tidak sah: pakai huruf, angka dan garis bawah tanpa spasi, diawali huruf kecil, 3–60 "
                     "karakter (misalnya rumah_tangga_desil_1_2).")
    if new and ident in existing:
        found.append(f"Kode '{ident}' sudah dipakai indikator lain: pilih kode lain, atau pilih indikator itu untuk "
                     "mengubahnya.")
    if record.get("satuan") not in UNITS:
        found.append(f"Satuan '{record.get('satuan')}' tidak dikenal: pilih salah satu dari {', '.join(UNITS)}.")
    decimals = record.get("desimal")
    if not isinstance(decimals, int) or not 0 <= decimals <= 4:
        found.append("Desimal harus bilangan bulat 0–4.")
    if record.get("tingkat") not in (*LEVELS, None):
        found.append(f"Tingkat wilayah harus salah satu dari {', '.join(LEVELS)}.")
    return found


def _plain(value: object) -> object:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return value.item() if hasattr(value, "item") else value  # numpy scalars from a store row


def changes(old: Mapping[str, object] | None, new: Mapping[str, object]) -> str:
    """The changed fields as JSON {field: [old, new]} (old null for a new indicator); '{}' when nothing changed."""
    before = {} if old is None else {field: _plain(old.get(field)) for field in FIELDS}
    after = {field: _plain(new.get(field)) for field in FIELDS}
    return json.dumps({field: [before.get(field), after[field]] for field in FIELDS
                       if old is None or before.get(field) != after[field]}, ensure_ascii=False)


def form_values(old: Mapping[str, object] | None) -> dict[str, object]:
    """What the form shows: an indicator's fields (a new one: empty, percent, one decimal, lower is better)."""
    record = {field: _plain((old or {}).get(field)) for field in FIELDS}
    arrows = {value: label for label, value in DIRECTIONS.items()}
    lower = record["lebih_rendah_lebih_baik"]
    return {**{field: record[field] or "" for field in REQUIRED}, "satuan": record["satuan"] or "persen",
            "desimal": 1 if record["desimal"] is None else int(record["desimal"]),
            "arah": arrows[True] if old is None else arrows[None if lower is None else bool(lower)],
            "tingkat": record["tingkat"] if record["tingkat"] in LEVELS else "kabupaten"}
