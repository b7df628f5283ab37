"""The pure parts of the load benchmark (bench/load): schedules, statistics, starting links, widget values and
the protocol messages. No server."""

from __future__ import annotations

import json
import statistics
from pathlib import Path
from random import Random
from urllib.parse import parse_qs

import pytest
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.Element_pb2 import Element
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from bench.load.message_cache import CacheMiss, MessageCache
from bench.load.pages import PROJECT_PAGES, load_catalogue
from bench.load.protocol import RerunRequest, decode, encode_rerun, problem, run_of
from bench.load.servers import hardening_env
from bench.load.stats import MAX_ARRIVALS, arrival_times, percentile, summarise
from bench.load.summary import markdown_table, with_floor_ratios
from bench.load.viewer import Outcome
from bench.load.widgets import WidgetBoard, pick_value, widget_from_element

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue(DATA)


# --- schedule and statistics -----------------------------------------------------------------------


def test_arrivals_are_seeded_and_have_the_requested_mean() -> None:
    first = arrival_times(Random(7), 5.0, 20_000)
    assert first == arrival_times(Random(7), 5.0, 20_000)
    assert first != arrival_times(Random(8), 5.0, 20_000)
    gaps = [b - a for a, b in zip([0.0, *first], first)]
    assert statistics.mean(gaps) == pytest.approx(5.0, rel=0.05)
    # Exponential gaps: the standard deviation equals the mean.
    assert statistics.stdev(gaps) == pytest.approx(5.0, rel=0.1)
    assert all(0 < t < 20_000 for t in first) and first == sorted(first)


def test_arrivals_stay_bounded_for_a_tiny_mean() -> None:
    assert len(arrival_times(Random(1), 1e-9, 10)) == MAX_ARRIVALS


@pytest.mark.parametrize(("q", "expected"), [(0, 1), (50, 3), (100, 5), (25, 2), (95, 4.8)])
def test_percentile_interpolates_between_ranks(q: float, expected: float) -> None:
    assert percentile([5, 1, 4, 2, 3], q) == pytest.approx(expected)


def test_percentile_of_one_value_and_of_none() -> None:
    assert percentile([7.0], 95) == 7.0
    assert percentile([], 50) != percentile([], 50)  # NaN


def test_summary_counts_failures_and_background_errors_once_each() -> None:
    outcomes = [Outcome(0, 0.1, 1000), Outcome(1, 0.3, 3000), Outcome(2, None, 50, "socket closed")]
    row = summarise(outcomes, ["exception on the page: X", "exception on the page: X"])
    assert row["changes"] == 2 and row["failed_changes"] == 1 and row["errors"] == 3
    assert row["p50_ms"] == 200.0 and row["max_ms"] == 300.0 and row["mean_bytes_per_change"] == 2000
    assert row["error_samples"] == ["socket closed", "exception on the page: X"]


def test_project_rows_get_ratios_to_the_floor_of_their_kind() -> None:
    rows = with_floor_ratios({
        "single-floor": {"target": "floor", "p50_ms": 100.0, "p95_ms": 200.0, "peak_rss_mb": 50.0},
        "single-peta": {"target": "project", "p50_ms": 300.0, "p95_ms": 500.0, "peak_rss_mb": 400.0},
        "crowd-peta": {"target": "project", "p50_ms": 300.0, "p95_ms": None, "peak_rss_mb": 400.0},
    })
    assert rows["single-peta"]["ratio_to_floor"] == {"p50": 3.0, "p95": 2.5, "peak_rss": 8.0}
    assert "ratio_to_floor" not in rows["crowd-peta"]  # no crowd-floor ran
    assert "ratio_to_floor" not in rows["single-floor"]
    assert markdown_table(rows).count("\n") == len(rows) + 1


# --- starting links from the data ------------------------------------------------------------------


def test_catalogue_matches_the_boundaries_and_registries(catalogue) -> None:
    kecamatan = {f["properties"]["kode"] for f in
                 json.loads((DATA / "geo" / "kutim_kecamatan.geojson").read_text())["features"]}
    assert set(catalogue.kecamatan) == kecamatan
    assert sum(len(d) for d in catalogue.desa_by_kecamatan.values()) == 141
    assert "PKH" in catalogue.programmes and catalogue.years[0] == 2019


@pytest.mark.parametrize("name", list(PROJECT_PAGES))
def test_starting_links_carry_only_valid_values(name: str, catalogue) -> None:
    page = PROJECT_PAGES[name]
    rng = Random(3)
    links = [parse_qs(page.start_query(rng, catalogue)) for _ in range(200)]
    assert len({json.dumps(link, sort_keys=True) for link in links}) > (1 if name == "ringkasan" else 20)
    for link in links:
        if "kecamatan" in link:
            assert link["kecamatan"][0] in catalogue.kecamatan
        if "desa" in link:
            assert link["desa"][0] in catalogue.desa_by_kecamatan[link["kecamatan"][0]]
        if "tahun" in link:
            assert int(link["tahun"][0]) in catalogue.years
        if "program" in link:
            assert link["program"][0] in catalogue.programmes
        if "desil" in link:
            deciles = [int(d) for d in link["desil"][0].split(",")]
            assert deciles == list(range(1, len(deciles) + 1))
        assert link.get("lang", ["en"]) == ["en"]
    if name == "peta":
        assert all(link["tingkat"] == ["desa"] for link in links)
    if name == "profil":
        assert all("kecamatan" in link for link in links)


# --- widget values ------------------------------------------------------------------------------------


def _selectbox(key: str, options: list[str], default: int = 0, server_value: str | None = None) -> Element:
    element = Element()
    box = element.selectbox
    box.id = f"$$ID-0123abcd-{key}"
    box.options.extend(options)
    box.default = default
    if server_value is not None:
        box.raw_value, box.set_value = server_value, True
    return element


def _multiselect(key: str, options: list[str], default: list[int]) -> Element:
    element = Element()
    element.multiselect.id = f"$$ID-0123abcd-{key}"
    element.multiselect.options.extend(options)
    element.multiselect.default.extend(default)
    return element


def test_widgets_take_the_servers_value_then_the_viewers_then_forget_undrawn_ones() -> None:
    board = WidgetBoard()
    board.start_full_run()
    board.see(_selectbox("tahun", ["2019", "2020", "2021"], server_value="2020"))
    board.see(_multiselect("desil", [str(d) for d in range(1, 11)], [0, 1, 2, 3]))
    board.end_full_run()
    year = next(w for w in board.widgets.values() if w.key == "tahun")
    assert board.values[year.id] == ("2020",)
    board.choose(year.id, ("2021",))
    board.start_full_run()
    board.see(_selectbox("tahun", ["2019", "2020", "2021"]))  # no set_value: the browser keeps its own
    board.see(_multiselect("desil", [str(d) for d in range(1, 11)], [0, 1, 2, 3]))
    board.end_full_run()
    assert board.values[year.id] == ("2021",)
    assert {s.id: (s.string_value or list(s.string_array_value.data)) for s in board.states()} == {
        year.id: "2021", "$$ID-0123abcd-desil": ["1", "2", "3", "4"]}
    assert [w.key for w in board.changeable(("desil", "tahun", "kecamatan"))] == ["desil", "tahun"]
    board.start_full_run()
    board.see(_selectbox("tahun", ["2019", "2020", "2021"]))
    board.end_full_run()  # the deciles were not drawn: forgotten
    assert [s.id for s in board.states()] == [year.id]


def test_a_value_no_longer_among_the_options_is_left_to_the_server() -> None:
    board = WidgetBoard()
    board.see(_selectbox("desa", ["Semua desa", "Senyiur"]))
    widget = next(iter(board.widgets.values()))
    board.choose(widget.id, ("Senyiur",))
    board.see(_selectbox("desa", ["Semua desa", "Long Nah"]))
    assert widget.id not in board.values and board.states() == []


def test_a_picked_value_is_always_another_valid_one() -> None:
    rng = Random(5)
    single = widget_from_element(_selectbox("tahun", ["2019", "2020", "2021"]))
    deciles = widget_from_element(_multiselect("desil", [str(d) for d in range(1, 11)], [0, 1, 2, 3]))
    for _ in range(100):
        assert pick_value(rng, single, ("2020",)) in {("2019",), ("2021",)}
        chosen = pick_value(rng, deciles, deciles.default)
        assert chosen != deciles.default and chosen == deciles.options[: len(chosen)] and chosen
    assert widget_from_element(Element()) is None


# --- protocol -----------------------------------------------------------------------------------------


def test_a_rerun_request_round_trips_through_backmsg() -> None:
    board = WidgetBoard()
    board.see(_selectbox("tahun", ["2019", "2020"], default=1))
    request = RerunRequest("tahun=2020", "", "abc123", "http://127.0.0.1:1/cakupan?tahun=2020",
                           board.states(), ["h1", "h2"], fragment_id="frag")
    message = BackMsg()
    message.ParseFromString(encode_rerun(request))
    state = message.rerun_script
    assert message.WhichOneof("type") == "rerun_script"
    assert (state.query_string, state.page_script_hash, state.page_name) == ("tahun=2020", "abc123", "")
    assert [(w.id, w.string_value) for w in state.widget_states.widgets] == [("$$ID-0123abcd-tahun", "2020")]
    assert list(state.cached_message_hashes) == ["h1", "h2"]
    assert state.fragment_id == "frag" and state.is_auto_rerun
    assert state.context_info.timezone == "Asia/Makassar" and state.context_info.url.endswith("?tahun=2020")


def test_forward_messages_decode_with_their_run_and_problems() -> None:
    finished = ForwardMsg(script_finished=ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY)
    finished.metadata.run.script_run_id = "run-1"
    finished.metadata.run.fragment_ids.append("frag")
    decoded = decode(finished.SerializeToString())
    assert run_of(decoded) == ("run-1", ("frag",)) and problem(decoded) is None

    failing = ForwardMsg()
    failing.delta.new_element.exception.type = "KeyError"
    failing.delta.new_element.exception.message = "'tahun'"
    assert problem(decode(failing.SerializeToString())) == "exception on the page: KeyError: 'tahun'"
    compile_error = ForwardMsg()
    compile_error.session_event.script_compilation_exception.type = "SyntaxError"
    assert problem(compile_error).startswith("script compilation error: SyntaxError")
    missing = ForwardMsg()
    missing.page_not_found.page_name = "petaa"
    assert problem(missing) == "page not found: 'petaa'"
    assert problem(ForwardMsg(script_finished=ForwardMsg.FINISHED_EARLY_FOR_RERUN)) is None


def _cacheable(hash_: str, body: str) -> ForwardMsg:
    message = ForwardMsg(hash=hash_)
    message.metadata.cacheable = True
    message.delta.new_element.markdown.body = body
    return message


def _reference(hash_: str, path: int) -> ForwardMsg:
    message = ForwardMsg(ref_hash=hash_)
    message.metadata.delta_path.append(path)
    return message


def test_message_cache_resolves_references_and_ages_like_the_browser() -> None:
    cache = MessageCache()
    cache.receive(_cacheable("big", "map"))
    cache.receive(ForwardMsg(hash="small"))  # not cacheable
    assert cache.hashes() == ["big"]
    resolved = cache.receive(_reference("big", 7))
    assert resolved.delta.new_element.markdown.body == "map" and list(resolved.metadata.delta_path) == [7]
    for _ in range(2):
        cache.run_finished(max_age=2, fragment_ids=[])
    assert cache.hashes() == ["big"]
    cache.run_finished(max_age=2, fragment_ids=["frag"])  # a fragment run ages only its own messages
    assert cache.hashes() == ["big"]
    cache.run_finished(max_age=2, fragment_ids=[])
    assert cache.hashes() == []
    with pytest.raises(CacheMiss):
        cache.receive(_reference("big", 7))


def test_hardening_comes_from_the_makefiles_run_public_command() -> None:
    env = hardening_env(ROOT)
    assert env["STREAMLIT_SERVER_MAX_UPLOAD_SIZE"] == "0"
    assert env["STREAMLIT_CLIENT_SHOW_ERROR_DETAILS"] == "none"
