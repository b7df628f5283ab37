"""The programme registry (lib/core/programmes.py): one record per programme, read from data/program.csv."""

import pandas as pd
import pytest

from lib.core.programmes import Programme, registry_from_frame
from lib.ingest import rules
from lib.ingest.uploads import normalise_header


@pytest.fixture(scope="module")
def programmes(store):
    return registry_from_frame(store.programmes())


def test_the_registry_is_every_programme_in_id_order(programmes):
    assert list(programmes) == ["BLT_DD", "PBI_JK", "PIP", "PKH", "RTLH", "SEMBAKO"]
    assert all(isinstance(p, Programme) and p.id == key for key, p in programmes.items())


def test_eligible_deciles_come_from_the_registry(programmes):
    assert list(programmes["PKH"].eligible_deciles()) == [1, 2, 3, 4]
    assert list(programmes["SEMBAKO"].eligible_deciles()) == [1, 2, 3, 4, 5]


def test_a_programme_is_named_in_the_reader_language(programmes):
    blt = programmes["BLT_DD"]
    assert blt.name("id") == "BLT Dana Desa"
    assert blt.name("en") == "Village Fund Cash Transfer (BLT Dana Desa)"
    assert (blt.unit, blt.implementer) == ("KPM", "Pemerintah Desa / DPMDes")


def test_spellings_are_split_and_trimmed_and_may_be_absent():
    frame = pd.DataFrame([
        {"id": "B", "nama_id": "B", "nama_en": "B", "satuan": "KK", "desil_layak_min": 1, "desil_layak_max": 2,
         "dasar_kelayakan": "x", "pelaksana": "Dinsos", "keterangan_id": "", "keterangan_en": "",
         "ejaan": " satu ;; dua kata ;"},
        {"id": "A", "nama_id": "A", "nama_en": "A", "satuan": "KK", "desil_layak_min": 1, "desil_layak_max": 4,
         "dasar_kelayakan": "x", "pelaksana": "Dinsos", "keterangan_id": "", "keterangan_en": "", "ejaan": None},
    ])
    registry = registry_from_frame(frame)
    assert list(registry) == ["A", "B"]
    assert registry["B"].spellings == ("satu", "dua kata") and registry["A"].spellings == ()


# How ingest wrote the programmes when they were code: household-list headings, and programme cells.
FORMER_HEADINGS = {
    "PKH": ("pkh",),
    "SEMBAKO": ("sembako", "bpnt", "program sembako"),
    "PBI_JK": ("pbi", "pbi jk", "pbi jkn", "kis pbi"),
    "PIP": ("pip", "kip"),
    "BLT_DD": ("blt dd", "blt dana desa", "bltdd"),
    "RTLH": ("rtlh", "bedah rumah"),
}
FORMER_CELL_SYNONYMS = {"bpnt": "SEMBAKO", "pbi": "PBI_JK", "pbi_jkn": "PBI_JK", "kis_pbi": "PBI_JK",
                        "blt_dana_desa": "BLT_DD", "bltdd": "BLT_DD", "kip": "PIP", "bedah_rumah": "RTLH"}


def test_the_spellings_ingest_used_to_hard_code_are_in_the_registry(programmes):
    assert {key: p.spellings for key, p in programmes.items()} == FORMER_HEADINGS
    columns = rules.columns_of(rules.HOUSEHOLD_LIST, programmes)
    assert {key: columns[key] for key in FORMER_HEADINGS} == FORMER_HEADINGS
    lookup = rules.programme_lookup(programmes)
    assert {written: lookup[written] for written in FORMER_CELL_SYNONYMS} == FORMER_CELL_SYNONYMS
    for programme in programmes.values():
        for written in (programme.id, programme.name_id, programme.name_en):
            assert lookup[normalise_header(written)] == programme.id
