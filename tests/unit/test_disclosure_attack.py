"""The public mode against an attacker who combines everything it shows.

Every selection the public Cakupan page offers (each programme, year and area: all of Kutim, every kecamatan,
every desa, from the registries the page's widgets are built from; the deciles are fixed in the public mode)
is computed with the page's own code (`cakupan.view`), and so are the decile shares the Profil and Peta pages
show (`privacy.rounded_shares` over `targeting.decile_share` at each level). Every count the public sees becomes a
constraint on the true count it stands for: the attacker knows the method but not the key, so a count shown as r
lies in [r - 4, r + 4] (base 5); an exact figure (a Kutim budget, read as its recipients) pins it. The attacker then combines them through every
sum the data obeys (a set of deciles is the sum of its deciles, an area the sum of the areas inside it) by
interval propagation until nothing tightens: the strongest use of sums and differences. No count from 1 to
base - 1 may end up pinned to one value. Rates are checked to say nothing the shown counts do not.
"""

from __future__ import annotations

import math
from collections import defaultdict

import numpy as np
import pandas as pd
import pytest

from lib.analysis import privacy, targeting
from lib.analysis.privacy import Rounding
from lib.analysis.targeting import Cube
from lib.content import cakupan
from lib.core import programmes as programme_registry
from lib.core.wilayah import KUTIM, AreaRegistry

BASE = 5
ALL = frozenset(range(1, 11))
INCLUDED = frozenset(range(6, 11))
SHARE_SETS = (frozenset({1}), frozenset({1, 2}), frozenset(range(1, 5)))


ROUNDING = Rounding(BASE, b"the test's key, which the attacker does not know")
# The attack is on the rounded estimates: published counts (shown as published) and releases play no part.
NOTHING_PUBLISHED = pd.DataFrame(columns=["kode_wilayah", "tahun", "program", "nilai", "satuan", "sumber", "status"])
NO_RELEASES = pd.DataFrame(columns=["id", "dibuat_pada"])


def rounded_interval(shown: float) -> tuple[int, int]:
    """The true counts that may show as `shown`: anything less than a base away."""
    return max(0, int(shown) - BASE + 1), int(shown) + BASE - 1


class Attack:
    """What the public sees, as intervals on true counts keyed (measure H|R, year, area, deciles)."""

    def __init__(self) -> None:
        self.known: dict[tuple, tuple[float, float]] = {}
        self.shown: dict[tuple, set] = defaultdict(set)
        self.figures = 0

    def see(self, key: tuple, value: float, exact: bool = False) -> None:
        self.figures += 1
        if not exact:
            self.shown[key].add(value)
        lo, hi = (value, value) if exact else rounded_interval(value)
        old_lo, old_hi = self.known.get(key, (0, math.inf))
        self.known[key] = (max(lo, old_lo), min(hi, old_hi))

    def propagate(self, relations: list[tuple[tuple, list[tuple]]]) -> None:
        """`total = sum(parts)` for each relation, tightened until nothing changes."""
        interval = lambda key: self.known.get(key, (0, math.inf))
        for _ in range(20):
            changed = False
            for total, parts in relations:
                bounds = [interval(p) for p in parts]
                low, high = sum(b[0] for b in bounds), sum(b[1] for b in bounds)
                t_lo, t_hi = interval(total)
                new_total = (max(t_lo, low), min(t_hi, high))
                changed |= self._tighten(total, new_total)
                t_lo, t_hi = self.known.get(total, new_total)
                for part, (p_lo, p_hi) in zip(parts, bounds):
                    others_lo, others_hi = low - p_lo, high - p_hi
                    changed |= self._tighten(part, (max(p_lo, t_lo - others_hi), min(p_hi, t_hi - others_lo)))
            if not changed:
                return
        raise AssertionError("interval propagation did not settle")

    def _tighten(self, key: tuple, bounds: tuple[float, float]) -> bool:
        if bounds == self.known.get(key, (0, math.inf)):
            return False
        self.known[key] = bounds
        return True


def truth(cube: Cube, key: tuple) -> int:
    measure, year, area, deciles = key
    counts = cube.within(area).by_decile(year)[0 if measure == "H" else 1]
    return int(sum(counts[d - 1] for d in deciles))


def see_coverage(attack: Attack, measures: pd.DataFrame, target: frozenset, where) -> None:
    """Targeting measures as shown; `where(row)` is the row's (year, area)."""
    for row in measures.itertuples():
        year, area = where(row)
        for measure, deciles, value in (("H", target, row.layak), ("R", target, row.penerima_layak),
                                        ("R", ALL, row.penerima), ("R", INCLUDED, row.inklusi)):
            attack.see((measure, year, area, deciles), value)
        # what the page derives must follow from what it shows, so it tells the attacker nothing more
        assert row.eksklusi == max(row.layak - row.penerima_layak, 0)
        expected_rate = privacy.rate(row.penerima_layak, row.layak, ROUNDING)
        assert (np.isnan(row.cakupan) and np.isnan(expected_rate)) or row.cakupan == pytest.approx(expected_rate)


def attack_programme(cube: Cube, programme, rows: pd.DataFrame, areas: AreaRegistry) -> tuple[Attack, int]:
    """Everything the public pages show about one programme, seen by one attacker; the selections tried."""
    attack, selections = Attack(), 0
    target = frozenset(cakupan.default_deciles(programme))
    names = areas.areas["nama"]
    kecamatan = areas.codes_at("kecamatan")
    choices = [KUTIM, *kecamatan, *(d for k in kecamatan for d in areas.children(k).index)]
    for year in cube.years.tolist():
        for area in choices:
            view = cakupan.view(cube, cakupan.Selection(programme.id, year, area, tuple(sorted(target))), names,
                                NOTHING_PUBLISHED, NO_RELEASES, ROUNDING, "id")
            selections += 1
            if not view.has_data:
                continue
            h = view.headline
            headline = pd.DataFrame([{"layak": h.households, "penerima_layak": h.reached, "penerima": h.recipients,
                                      "inklusi": h.included, "eksklusi": h.excluded,
                                      "cakupan": np.nan if h.coverage is None else h.coverage}])
            see_coverage(attack, headline, target, lambda _, at=(year, area): at)
            if h.budget is not None:  # a budget is a fixed amount times the recipients: read as their exact count
                assert area == KUTIM
                attack.see(("R", year, area, ALL), truth(cube, ("R", year, area, ALL)), exact=True)
            see_coverage(attack, view.by_area, target, lambda row, year=year: (year, row.kode))
            for row in view.by_decile.itertuples():
                attack.see(("H", year, area, frozenset({row.desil})), row.rumah_tangga)
                attack.see(("R", year, area, frozenset({row.desil})), row.penerima)
            see_coverage(attack, view.trend, target, lambda row, area=area: (int(row.tahun), area))
    # Profil and Peta: shares of deciles 1, 1-2 and 1-4 of every area at every level, from rounded counts.
    households = targeting.households_by_decile(rows)
    for year in cube.years.tolist():
        for level in ("kabupaten", "kecamatan", "desa"):
            for deciles in SHARE_SETS:
                shares = privacy.rounded_shares(targeting.decile_share(households, year, level, deciles), ROUNDING,
                                                year=year, deciles=deciles)
                for row in shares.itertuples():
                    attack.see(("H", year, row.kode, deciles), row.rumah_tangga_desil)
                    attack.see(("H", year, row.kode, ALL), row.rumah_tangga)
                    expected_rate = privacy.rate(row.rumah_tangga_desil, row.rumah_tangga, ROUNDING)
                    assert (np.isnan(row.persen) and np.isnan(expected_rate)) or row.persen == pytest.approx(expected_rate)
    return attack, selections


def relations(cube: Cube, areas: AreaRegistry, target: frozenset) -> list[tuple[tuple, list[tuple]]]:
    """Every sum the counts obey: a decile set is the sum of its deciles; an area the sum of the areas in it."""
    sets = {"H": {target, ALL, *SHARE_SETS}, "R": {target, ALL, INCLUDED}}
    kecamatan = areas.codes_at("kecamatan")
    tree = {KUTIM: kecamatan, **{k: areas.children(k).index.tolist() for k in kecamatan}}
    all_areas = [KUTIM, *kecamatan, *(d for k in kecamatan for d in tree[k])]
    found = []
    for year in cube.years.tolist():
        for measure, decile_sets in sets.items():
            singles = [frozenset({d}) for d in range(1, 11)]
            for area in all_areas:
                for deciles in decile_sets:
                    found.append(((measure, year, area, deciles), [(measure, year, area, s) for s in singles
                                                                   if s <= deciles]))
            for parent, children in tree.items():
                for deciles in [*decile_sets, *singles]:
                    found.append(((measure, year, parent, deciles), [(measure, year, c, deciles) for c in children]))
    return found


def check(cube: Cube, programme, rows: pd.DataFrame, areas: AreaRegistry) -> dict[str, int]:
    attack, selections = attack_programme(cube, programme, rows, areas)
    for key, values in attack.shown.items():
        assert len(values) == 1, (key, values)  # one count, one shown value, wherever it appears
    found = relations(cube, areas, frozenset(cakupan.default_deciles(programme)))
    attack.propagate(found)
    pinned = recovered = 0
    for key, (lo, hi) in attack.known.items():
        if key[2] not in areas.areas.index and key[2] != KUTIM:
            continue
        true = truth(cube, key)
        assert lo <= true <= hi, (key, lo, hi, true)  # the attacker's reasoning is sound
        if lo == hi:
            pinned += 1
            recovered += 0 < true < BASE
    assert recovered == 0, f"{recovered} counts from 1 to {BASE - 1} recovered exactly"
    return {"selections": selections, "figures": attack.figures, "counts": len(attack.known),
            "relations": len(found), "pinned": pinned}


def _report(record_property, name: str, numbers: dict[str, int]) -> None:
    # Printed at the end of the test run (tests/conftest.py), also from xdist workers: what the attack covered.
    record_property("disclosure_attack", f"{name}: tried {numbers['selections']} selections, {numbers['figures']} "
                    f"shown figures on {numbers['counts']} counts through {numbers['relations']} sums; "
                    f"{numbers['pinned']} pinned, none of them 1-4")


@pytest.mark.parametrize("programme_id", ["PKH", "BLT_DD", "RTLH", "PBI_JK", "PIP", "SEMBAKO"])
def test_no_small_count_can_be_worked_out_from_the_shipped_demo_data(store, programme_id, record_property):
    rows = store.programme_rows()
    programme = programme_registry.registry_from_frame(store.programmes())[programme_id]
    areas = AreaRegistry(store.areas(), store.aliases())
    mine = rows[rows["program"] == programme_id]
    _report(record_property, programme_id, check(Cube.of(mine), programme, mine, areas))


def small_cell_rows(areas: AreaRegistry, seed: int) -> pd.DataFrame:
    """Two years of a programme in three kecamatan where most cells are 0 to 6 households."""
    rng = np.random.default_rng(seed)
    rows = []
    for kecamatan in areas.codes_at("kecamatan")[:3]:
        for desa in areas.children(kecamatan).index:
            for year in (2024, 2025):
                for decile in range(1, 11):
                    households = int(rng.integers(0, 7))
                    rows.append({"kode_wilayah": desa, "tahun": year, "program": "PKH", "desil": decile,
                                 "rumah_tangga": households, "penerima": int(rng.binomial(households, 0.5)),
                                 "anggaran_rp": np.nan, "realisasi_rp": np.nan, "sumber": "uji", "status": "contoh"})
    return pd.DataFrame(rows)


@pytest.mark.parametrize("seed", [1, 2])
def test_no_small_count_can_be_worked_out_from_a_dataset_of_small_cells(store, seed, record_property):
    areas = AreaRegistry(store.areas(), store.aliases())
    programme = programme_registry.registry_from_frame(store.programmes())["PKH"]
    rows = small_cell_rows(areas, seed)
    assert ((rows["rumah_tangga"] > 0) & (rows["rumah_tangga"] < BASE)).mean() > 0.5
    _report(record_property, f"small cells {seed}", check(Cube.of(rows), programme, rows, areas))


def test_the_attack_pins_what_rounding_to_the_nearest_multiple_gave_away():
    # Guards the attack itself. Four deciles of 3 each, shown as 5 under a total of 12 shown as 10: rounded to the
    # nearest multiple (3-7 and 8-12) they are pinned, as the first version of this rounding allowed.
    nearest = lambda shown: (max(0, shown - 2), shown + 2)
    attack = Attack()
    total, parts = ("R", 2025, "x", frozenset(range(1, 5))), [("R", 2025, "x", frozenset({d})) for d in range(1, 5)]
    attack.known[total] = nearest(10)
    for part in parts:
        attack.known[part] = nearest(5)
    attack.propagate([(total, parts)])
    assert all(attack.known[part] == (3, 3) for part in parts)
    # The same figures under random rounding (a 5 may be 1-9, a 10 may be 6-14) pin nothing.
    attack = Attack()
    attack.see(total, 10)
    for part in parts:
        attack.see(part, 5)
    attack.propagate([(total, parts)])
    assert all(attack.known[part][0] < attack.known[part][1] for part in parts)


@pytest.mark.parametrize(("programme_id", "area"), [
    ("RTLH", "64.08.06"),  # households 666 - excluded 663 gave the 3 reached
    ("BLT_DD", "64.08.17.2005"),  # recipients 56 - reached 52 gave 4
    ("RTLH", "64.08.09.2001"),  # the profile's 160 - 159 gave 1
    ("BLT_DD", "64.08.10"),  # included 6 - decile 6's 5 gave decile 7's 1
])
def test_the_reported_subtractions_give_nothing_back(store, programme_id, area):
    rows = store.programme_rows()
    programme = programme_registry.registry_from_frame(store.programmes())[programme_id]
    cube = Cube.of(rows[rows["program"] == programme_id])
    names = AreaRegistry(store.areas(), store.aliases()).areas["nama"]
    for year in cube.years.tolist():
        selection = cakupan.Selection(programme_id, year, area, tuple(cakupan.default_deciles(programme)))
        view = cakupan.view(cube, selection, names, NOTHING_PUBLISHED, NO_RELEASES, ROUNDING, "id")
        h = view.headline
        shown = [h.households, h.reached, h.excluded, h.included, h.recipients,
                 *view.by_decile["rumah_tangga"], *view.by_decile["penerima"],
                 *view.by_area[["layak", "penerima_layak", "eksklusi", "inklusi", "penerima"]].to_numpy().ravel()]
        # every difference of two shown counts is a multiple of 5 too: never 1 to 4
        assert all(count % BASE == 0 for count in shown), (year, shown)
        assert h.budget is None  # below Kutim no budget, which would be recipients times the benefit
