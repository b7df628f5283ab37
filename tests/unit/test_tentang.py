"""The Tentang data page's content on the fixture store (`tests/fixture_data.py`): Kutim P0 2023 is reported as 9,60
elsewhere (the one conflict), 2025 confirmed; IPM on a new basis from 2024; PKH families 2025 published for Kutim
(900) and Muara Ancalong (120)."""

import pandas as pd
import pytest

from lib.analysis.privacy import Rounding
from lib.content import tentang
from lib.core import programmes, provenance
from lib.core.indicators import P0, registry_from_frame
from lib.core.wilayah import AreaRegistry
from tests import fixture_data


@pytest.fixture(scope="module")
def data(fixture_store):
    store = fixture_store
    return {
        "values": store.values(),
        "indicators": registry_from_frame(store.indicators(), store.method_breaks()),
        "counts": store.published_counts(),
        "programme_rows": store.programme_rows(),
        "programmes": programmes.registry_from_frame(store.programmes()),
        "areas": AreaRegistry(store.areas(), store.aliases()),
    }


def test_the_conflict_list_holds_exactly_kutims_p0_2023_with_both_values_and_sources(data):
    shown = tentang.conflicts(data["values"], data["indicators"], data["areas"].name, "id")
    assert shown.table.to_dict(orient="records") == [{
        "Wilayah": "Kabupaten Kutai Timur", "Indikator": "Persentase penduduk miskin (P0)", "Periode": "2023",
        "Ditampilkan": "9,50 %", "Sumber": fixture_data.SOURCE_KUTIM, "Angka lain": "9,60 %",
        "Sumber lain": fixture_data.SOURCE_OTHER, "Jenis sumber lain": "angka BPS via media",
        "Catatan": "laporan lain (uji)",
    }]
    assert shown.rows[["kode_wilayah", "indikator", "tahun"]].values.tolist() == [["64.08", P0, 2023]]


def test_every_point_of_an_indicator_for_kutim_kaltim_and_indonesia_with_its_other_reports(data):
    shown = tentang.points(data["values"], data["indicators"][P0], data["areas"].name, "en")
    table = shown.table
    expected = len(fixture_data.KUTIM_P0) + len(fixture_data.KALTIM_P0) + len(fixture_data.INDONESIA_P0)
    assert len(table) == len(shown.rows) == expected  # the other regencies' points are not listed
    assert table["Area"].unique().tolist() == ["Kabupaten Kutai Timur", "Kalimantan Timur", "Indonesia"]
    kutim = table[table["Area"] == "Kabupaten Kutai Timur"].set_index("Period")
    assert kutim.loc["2023", "Value"] == "9.50 %" and kutim.loc["2023", "Sources differ"] == "yes"
    assert kutim.loc["2023", "Other reports"] == "berita.example (BPS figure via the media): 9.60 %"
    # a confirming report is listed, and is no conflict
    assert kutim.loc["2025", "Other reports"] == "berita.example (BPS figure via the media): 8.00 %"
    assert kutim.loc["2025", "Sources differ"] == ""
    assert kutim.loc["2023", "Kind"] == "BPS release" and kutim.loc["2023", "Source"] == fixture_data.SOURCE_KUTIM
    assert table.iloc[len(fixture_data.KUTIM_P0)]["Period"] == "March 2020"


def test_a_source_that_is_no_web_address_is_no_link_but_is_still_said():
    assert tentang.link("https://bps.go.id/x") == "https://bps.go.id/x"
    assert tentang.link("javascript:alert(1)") is None and tentang.link("SK Dinsos 2025") is None
    assert tentang._note("angka uji", "SK Dinsos 2025", "id") == "angka uji · Sumber: SK Dinsos 2025"
    assert tentang._note(None, "https://bps.go.id/x", "id") == ""


def test_indicator_choices_are_those_with_regional_points_p0_first(data):
    options = tentang.indicator_options(data["values"], data["indicators"])
    assert options[0] == P0
    assert {"ipm", "tpt", "gini_ratio", "garis_kemiskinan", "tingkat_kemiskinan_ekstrem"} <= set(options)
    assert "jumlah_penduduk" not in options  # desa demo figures only


def test_dualism_pairs_bps_poor_people_with_the_published_counts_of_the_same_year(data):
    dualism = tentang.dualism(data["values"], data["counts"], data["programme_rows"], data["programmes"], None, "id")
    rows = dualism.table.to_dict(orient="records")
    assert [(r["Tahun"], r["Nilai"], r["Satuan"], r["Jenis"]) for r in rows] == [
        ("2025", "40.000", "jiwa", "rilis BPS"),  # 40,00 ribu jiwa
        ("2025", "900", "KK", "data OPD via media"),  # Kutim's count; Muara Ancalong's 120 is not the regency's
        ("2025", _demo_pkh_2025(), "KK", "data contoh"),
    ]
    assert rows[1]["Sumber"] == fixture_data.SOURCE_COUNTS and pd.isna(rows[2]["Sumber"])
    assert rows[2]["Catatan"] == "DATA CONTOH — bukan data resmi" and dualism.demo
    assert dualism.persons_per_family == (2025, 40_000, 900, pytest.approx(44.44, abs=0.01))
    assert dualism.poverty_rate == (2025, 8.0)
    # the provenance under the table: the poor people, the count, and the P0 the explanation cites
    assert sorted(dualism.published["sumber"]) == sorted([fixture_data.SOURCE_KUTIM, fixture_data.SOURCE_COUNTS,
                                                         fixture_data.SOURCE_KUTIM])
    explanation = " ".join(tentang.dualism_explanation(dualism, "id"))
    assert "40.000 penduduk miskin (BPS, 2025) dibagi 900 KK" in explanation and "sekitar 44,4 orang" in explanation
    assert "8,00 % di Kutai Timur pada 2025" in explanation


def _demo_pkh_2025() -> str:
    total = sum(sum(fixture_data.recipients("PKH", desa, 2025)) for desa in fixture_data.HOUSEHOLDS)
    return f"{total:,}".replace(",", ".")


def test_public_dualism_rounds_the_demo_total_only(data):
    rounding = Rounding(5, b"k" * 16)
    dualism = tentang.dualism(data["values"], data["counts"], data["programme_rows"], data["programmes"], rounding, "id")
    values = dualism.table["Nilai"].tolist()
    assert values[:2] == ["40.000", "900"]  # published figures as published
    assert int(values[2].replace(".", "")) % 5 == 0


def test_every_kind_is_explained_and_counted(data):
    table = tentang.kinds(data["values"], data["counts"], data["programme_rows"], "en")
    assert table["Kind"].tolist() == [provenance.kind_label(kind, "en") for kind in provenance.KINDS]
    assert table["Meaning"].str.len().gt(20).all()
    by_kind = table.set_index("Kind")
    assert by_kind.loc["BPS release", "Indicator figures"] == (data["values"]["status"] == "rilis_bps").sum()
    assert by_kind.loc["agency figure via the media", "Recipient counts without deciles"] == 2
    assert by_kind.loc["demo data", "Programme figures per desa and decile"] == len(data["programme_rows"])


def test_glossary_states_inclusion_as_the_dashboard_computes_it():
    terms = dict(tentang.glossary("id"))
    assert "desil 6–10" in terms["Inklusi"] and "desil 1–4" in terms["P3KE"]
    assert len(tentang.calendar("en")) == len(tentang.CALENDAR)
