import pytest

from lib.core.seed import BOUNDARY_FILES
from lib.core.settings import DATA_DIR
from lib.core.wilayah import AreaRegistry, areas_from_geojson, level_from_prefix, normalise_name, parent_code


@pytest.fixture(scope="module")
def registry(store):
    return AreaRegistry(store.areas(), store.aliases())


def test_registry_has_every_boundary_area_with_parents():
    areas = areas_from_geojson({level: DATA_DIR / name for level, name in BOUNDARY_FILES.items()})
    counts = areas["level"].value_counts().to_dict()
    assert counts == {"negara": 1, "provinsi": 1, "kabupaten": 10, "kecamatan": 18, "desa": 141}
    desa = areas[areas["level"] == "desa"]
    assert (desa["induk"] == desa["kode"].str[:8]).all()
    assert set(areas.loc[areas["level"] == "kecamatan", "induk"]) == {"64.08"}


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Kec. Sangatta Utara", "sangatta utara"),
        ("KECAMATAN  SANGATTA UTARA ", "sangatta utara"),
        ("Ma. Ancalong", "muara ancalong"),
        ("Kab. Kutai Timur", "kutai timur"),
    ],
)
def test_normalise_name(written, expected):
    assert normalise_name(written) == expected


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("Kombeng", "64.08.08"),
        ("Kongbeng", "64.08.08"),
        ("KONGBENG", "64.08.08"),
        ("Kec. Kongbeng", "64.08.08"),
        ("Sangata Utara", "64.08.04"),
        ("SANGATTA UTARA", "64.08.04"),
        ("Kec. Sangatta Utara", "64.08.04"),
        ("Ma. Ancalong", "64.08.01"),
        ("Muara Ancalong", "64.08.01"),
        ("64.08.12", "64.08.12"),
    ],
)
def test_kecamatan_spellings_match_one_code(registry, written, code):
    assert registry.match(written, level="kecamatan").kode == code


def test_unknown_spelling_is_not_guessed_but_suggested(registry):
    match = registry.match("Sangkulirangg", level="kecamatan")
    assert match.kode is None
    assert match.suggestions[0][0] == "64.08.05"


def test_match_is_restricted_to_the_parent_area(registry):
    in_sangkulirang = registry.match("Teluk Lingga", level="desa", within="64.08.05")
    assert in_sangkulirang.kode is None
    assert registry.match("Teluk Lingga", level="desa", within="64.08.04").kode == "64.08.04.1010"


def test_parent_code():
    assert parent_code("64.08.04.1010") == "64.08.04"
    assert parent_code("64") == "ID"


@pytest.mark.parametrize(("written", "level"), [("Kec. Sangatta Utara", "kecamatan"), ("KAB. KUTAI TIMUR", "kabupaten"),
                                                ("Desa Sangatta Utara", "desa"), ("Sangatta Utara", None)])
def test_a_written_prefix_states_the_level(written, level):
    assert level_from_prefix(written) == level


@pytest.mark.parametrize(("written", "level"), [("DS. Miau Baru", "desa"), ("Ds Miau Baru", "desa"),
                                                ("KEL. Sangatta Utara", "desa"), ("DESA MIAU BARU", "desa")])
def test_desa_prefixes_are_stripped_and_state_the_level(registry, written, level):
    assert level_from_prefix(written) == level
    assert normalise_name(written) in ("miau baru", "sangatta utara")


def test_a_name_shared_by_a_kecamatan_and_its_desa_is_ambiguous_without_a_level(registry):
    match = registry.match("Sangatta Utara")
    assert match.kode is None and match.ambiguous
    assert [code for code, _name, _score in match.suggestions] == ["64.08.04", "64.08.04.2001"]
    assert registry.match("Sangatta Utara", level="kecamatan").kode == "64.08.04"
    assert not registry.match("Sangkulirangg").ambiguous
