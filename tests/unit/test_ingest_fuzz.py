"""Thousands of malformed files thrown at the upload validator (hypothesis).

Whatever arrives, `rules.prepare` returns a result — rows or problems, each problem with a message and a
fix — and never raises; and the published data stays byte-for-byte what it was. Examples are derandomised
so CI runs the same inputs every time; the number tried is asserted, so the test cannot quietly shrink.
CI tries the full counts; a local run a tenth of them (the Hypothesis profiles in tests/unit/conftest.py).
"""

import hashlib
import io
from collections import Counter

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lib.core import programmes, seed
from lib.core.indicators import registry_from_frame
from lib.core.settings import DATA_DIR
from lib.core.store import Store, create_store_engine
from lib.core.wilayah import AreaRegistry
from lib.ingest import publishing, rules
from tests import databases
from tests.unit.conftest import fuzz_examples

# The full counts run in CI (HYPOTHESIS_PROFILE=ci); a local run tries a tenth (tests/unit/conftest.py).
TEXT_EXAMPLES = fuzz_examples(4000)
BYTES_EXAMPLES = fuzz_examples(1500)
XLSX_EXAMPLES = fuzz_examples(400)

# The shipped registry, as the store built below holds it: household lists have a column per programme.
PROGRAMMES = programmes.registry_from_frame(seed.read_programmes(DATA_DIR))
COLUMNS = {kind.key: rules.columns_of(kind, PROGRAMMES) for kind in rules.KINDS.values()}
HEADINGS = [heading for columns in COLUMNS.values() for spellings in columns.values() for heading in spellings]
CELLS = st.one_of(
    st.sampled_from([
        "", "-", " ", "8,81", "8,81 %", "8.81", "1.234,5", "9.492", "Rp 714.241", "-5", "180", "1850", "2025", "3",
        "13", "0", "11", "=SUM(A1:A3)", "+cmd|' /C calc'!A0", "@SUM(1)", "=HYPERLINK(\"http://x\")", "NaN", "inf",
        "1e400", "Kongbeng", "KAB. KUTAI TIMUR", "Sangata Utra", "Miau Baru", "Antah Berantah", "Ya", "Tidak",
        "PKH", "BPNT", "persentase_penduduk_miskin_P0", "ipm", "Persentase Penduduk Miskin (P0)", "64.08",
        "64.08.08.2007", "99.99", "\x00", "\ufeff", "ﾀ", "é", "–", "\"", "\"\"", ";", ",", "\n",
    ]),
    st.text(max_size=12),
    st.integers(min_value=-10**12, max_value=10**12).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
)
ROWS = st.lists(st.lists(CELLS, max_size=10), max_size=12)
HEADER = st.lists(st.one_of(st.sampled_from(HEADINGS), st.text(max_size=8)), max_size=10)
KINDS = st.sampled_from(list(rules.KINDS.values()))
OPTIONS = st.builds(rules.Options, source=st.sampled_from(["", "Dinsos", "=1+1"]),
                    year=st.sampled_from([None, 2025, 1850, 3000]))


def _csv(title: list[list[str]], header: list[str], rows: list[list[str]], delimiter: str) -> str:
    lines = [*title, header, *rows]
    return "\n".join(delimiter.join(cells) for cells in lines)


# Values a column plausibly holds, (good, bad), so generated files get past the reader to every rule.
POOLS = {
    "kode_wilayah": (["", "", "", "64.08.08.2007", "64.08.04.2001"], ["99.99", "=1+1", "64.08"]),
    "kecamatan": (["Kongbeng", "Sangatta Utara", "kombeng", "KEC. Sangatta Utara"], ["Antah Berantah", "Sangata Utra"]),
    "desa": (["Miau Baru", "Kombeng Indah", "Sukamaju"], ["", "Desa Hantu"]),
    "wilayah": (["Kutai Timur", "KAB. KUTAI TIMUR", "Kongbeng", "Kec. Sangatta Utara", "Nasional", "Kaltim"],
                ["Antah", "Sangatta Utara", ""]),
    "indikator": (["persentase_penduduk_miskin_P0", "ipm", "jumlah_rumah_tangga", "Persentase Penduduk Miskin (P0)",
                   "tpt"], ["hantu", ""]),
    "tahun": (["2025", "2024", "2019", "2023"], ["1850", "3000", "", "dua ribu"]),
    "bulan": (["", "", "3", "9"], ["13", "Maret"]),
    "nilai": (["8,81", "8.81 %", "7,77", "31.250", "1.234,5", "0"], ["180", "-5", "", "=SUM(A1:A2)"]),
    "sumber": (["BPS Kutim", "Dinsos", "=HYPERLINK(\"http://x\")"], ["", "-"]),
    "catatan": (["", "Maret", "@cmd"], []),
    "program": (["PKH", "BPNT", "PBI-JK", "BLT Dana Desa", "RTLH"], ["Bansos X", ""]),
    "desil": (["1", "2", "4", "10"], ["11", "0", ""]),
    "rumah_tangga": (["400", "120", "1.200"], ["-1", ""]),
    "penerima": (["30", "0", "7"], ["5000", ""]),
    "anggaran_rp": (["", "Rp 1.000.000"], ["-3"]),
    "realisasi_rp": (["", "900000"], []),
    "bantuan_rp": (["", "Rp 90.000.000", "1.250.000"], ["-5", "Rp"]),
    "pelaksana": (["", "Dinas Sosial"], []),
    **{programme: (["Ya", "Tidak", "1", "0", ""], ["mungkin"]) for programme in PROGRAMMES},
    "nik": (["6408011234560001", ""], []), "no_kk": (["6408010000000001"], []), "nama": (["Budi Santoso"], []),
    "alamat": (["Jl. Mawar 1"], []),
}


@st.composite
def plausible(draw, column: str, clean: bool):
    """A cell of `column`: always a good value in a clean file, else one in ten bad or noise."""
    good, bad = POOLS.get(column, ([""], []))
    roll = 9 if clean else draw(st.integers(0, 9))
    if roll == 0:
        return draw(CELLS)
    if roll == 1 and bad:
        return draw(st.sampled_from(bad))
    return draw(st.sampled_from(good))


@st.composite
def kind_and_text(draw):
    """A kind and a text file in its shape: its own columns in any order, plausible cells, some noise.

    A clean file is clean throughout, its own columns and good values, so enough files reach the rules whatever
    examples Hypothesis happens to try (it mixes in constants from the project's code, so any code change moves them).
    """
    kind = draw(KINDS)
    columns = list(COLUMNS[kind.key])
    own_columns = st.permutations(columns).map(lambda cs: [c for c in cs if c in kind.required or len(c) % 3])
    clean = draw(st.booleans())
    header = draw(own_columns if clean else st.one_of(
        own_columns,
        st.lists(st.sampled_from(columns), min_size=len(kind.required), max_size=14, unique=True),
        HEADER,
    ))
    rows = draw(st.lists(st.tuples(*[plausible(c, clean) for c in header]).map(list), min_size=1, max_size=10))
    title = draw(st.lists(st.lists(CELLS, max_size=3), max_size=2))
    return kind, _csv(title, header, rows, draw(st.sampled_from([";", ",", "\t", "|"])))


ENCODINGS = st.sampled_from(["utf-8", "utf-8", "utf-8-sig", "cp1252", "utf-16", "latin-1"])
NAMES = st.sampled_from(["data.csv", "data.csv", "DATA.CSV", "data.txt", "data.xlsx", "data.xls", "data.pdf", "data"])


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """A store built from data/, and the sha256 of its published rows as bytes."""
    url = databases.new_url(tmp_path_factory.mktemp("fuzz"))
    store = Store(create_store_engine(url))
    seed.build(store)
    return store, url


def fingerprint(url: str) -> str:
    # Every row of every table, in a fixed order: a SQLite file itself may be checkpointed by readers.
    return hashlib.sha256(repr(databases.table_rows(url)).encode()).hexdigest()


@pytest.fixture(scope="module")
def current(published):
    store, _url = published
    return {dataset: store.current_rows(dataset) for dataset in rules.DATASET_KINDS}


@pytest.fixture(scope="module")
def context(published):
    store, _url = published
    return rules.Context(AreaRegistry(store.areas(), store.aliases()), registry_from_frame(store.indicators()),
                          programmes.registry_from_frame(store.programmes()), this_year=2026)


def assert_clear_result(prepared: rules.Prepared, context: rules.Context, current: dict) -> None:
    """A result staff can act on; an accepted file also goes through the preview the page shows."""
    assert isinstance(prepared, rules.Prepared)
    Tally.outcomes["diterima" if prepared.ok else prepared.problems[0].masalah.split(":")[0][:50]] += 1
    if prepared.ok:
        assert not prepared.rows.empty or prepared.households == 0
        kind, rows = prepared.kind, current[prepared.kind.dataset]
        publishing.period_conflicts(kind, rows, prepared.rows)
        for mode in rules.MODES:
            publishing.difference(kind, rows, publishing.next_release(kind, rows, prepared.rows, mode, context.areas))
    else:
        assert prepared.rows.empty
        for problem in prepared.problems:
            assert problem.masalah.strip() and problem.perbaikan.strip()
            assert problem.baris is None or problem.baris >= 1


def printable(cell):
    # openpyxl refuses control characters; a real workbook cannot hold them either.
    return "".join(ch for ch in cell if ch >= " " or ch == "\n") if isinstance(cell, str) else cell


class Tally:
    tried = 0
    outcomes: Counter = Counter()


@pytest.fixture(scope="module")
def tally(published):
    _store, url = published
    before = fingerprint(url)
    yield Tally
    print(f"\nfuzz: {Tally.tried} files, {Tally.outcomes['diterima']} accepted and previewed, "
          f"{len(Tally.outcomes) - 1} distinct first problems; most common: {Tally.outcomes.most_common(5)}")
    assert fingerprint(url) == before, "a rejected or previewed upload changed the published data"


def test_text_files(context, current, tally):
    @settings(max_examples=TEXT_EXAMPLES)
    @given(kind_and_text(), ENCODINGS, NAMES, OPTIONS)
    def run(kind_text, encoding, name, options):
        kind, text = kind_text
        data = text.encode(encoding, errors="replace")
        assert_clear_result(rules.prepare(kind, data, name, context, options), context, current)
        tally.tried += 1

    run()
    assert tally.tried >= TEXT_EXAMPLES
    assert tally.outcomes["diterima"] >= fuzz_examples(50), "too few generated files get past the reader to exercise the rules"


def test_random_bytes_and_damaged_templates(context, current, tally):
    templates = [template.to_csv(index=False).encode() for template in rules.templates(context.programmes).values()]

    @settings(max_examples=BYTES_EXAMPLES)
    @given(KINDS, st.one_of(st.binary(max_size=2000), st.builds(lambda t, cut, junk: t[:cut] + junk,
                                                               st.sampled_from(templates), st.integers(0, 400),
                                                               st.binary(max_size=30))), NAMES)
    def run(kind, data, name):
        assert_clear_result(rules.prepare(kind, data, name, context, rules.Options(source="x")), context, current)
        tally.tried += 1

    start = tally.tried
    run()
    assert tally.tried - start >= BYTES_EXAMPLES


def test_spreadsheets(context, current, tally):
    @settings(max_examples=XLSX_EXAMPLES)
    @given(KINDS, st.lists(st.lists(st.one_of(CELLS, st.integers(-10**6, 10**6), st.floats(-1e9, 1e9)), max_size=8),
                           max_size=10), HEADER, st.booleans())
    def run(kind, rows, header, formula):
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(["JUDUL LAPORAN"])
        for row in [header, *rows]:
            sheet.append([printable(cell) for cell in row])
        if formula:
            sheet.append(["=SUM(B3:B9)"])
        buffer = io.BytesIO()
        book.save(buffer)
        assert_clear_result(rules.prepare(kind, buffer.getvalue(), "data.xlsx", context, rules.Options(source="x")),
                            context, current)
        tally.tried += 1

    start = tally.tried
    run()
    assert tally.tried - start >= XLSX_EXAMPLES
