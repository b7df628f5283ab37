"""Choices read from and written to the URL (`lib.ui.urlstate`): codes in, codes out, a shared link reproducible."""

from lib.ui import urlstate

PARTIES = ["Dinas Sosial, P3A", "Bappeda", "Dinas Kesehatan"]


def test_a_value_holding_a_comma_is_one_choice_when_it_is_an_option():
    parsed = urlstate.parse_choices(["Dinas Sosial, P3A", "Bappeda"], PARTIES, [])
    assert parsed.value == ["Dinas Sosial, P3A", "Bappeda"] and parsed.rejected == ()


def test_what_the_url_writes_reads_back_the_same():
    chosen = ["Dinas Sosial, P3A", "Dinas Kesehatan"]
    assert urlstate.parse_choices(urlstate.pinned(chosen), PARTIES, []).value == chosen


def test_comma_separated_values_still_read_as_several_and_the_unknown_ones_are_reported():
    parsed = urlstate.parse_choices(["Bappeda,Dinas Kesehatan,Dinas X", "Bappeda"], PARTIES, [])
    assert parsed.value == ["Bappeda", "Dinas Kesehatan"] and parsed.rejected == ("Dinas X",)


def test_no_valid_value_falls_back_to_the_default():
    assert urlstate.parse_choices(["<b>x</b>"], PARTIES, ["Bappeda"]) == urlstate.Parsed(["Bappeda"], ("<b>x</b>",))
    assert urlstate.parse_choices([], PARTIES, ["Bappeda"]).value == ["Bappeda"]


def test_one_choice_takes_the_last_valid_value_and_a_default_is_left_out_of_the_url():
    assert urlstate.parse_choice(["Bappeda", "nope", "Dinas Kesehatan"], PARTIES, "Bappeda") == \
        urlstate.Parsed("Dinas Kesehatan", ("nope",))
    assert urlstate.to_url("Bappeda", "Bappeda") is None
    assert urlstate.query_string({"pihak": ["Dinas Sosial, P3A"], "tahun": ["2025"]}) == \
        "?pihak=Dinas+Sosial%2C+P3A&tahun=2025"
