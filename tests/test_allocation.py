"""d'Hondt allocation between council groups (domain.md §7)."""

from __future__ import annotations

import itertools
from fractions import Fraction

import pytest
from hypothesis import assume, given, strategies as st

from registry.allocation import AllocationResult, Lot, Quotient, dhondt


def test_blue_red_five_seats():
    r = dhondt(5, {"blå": 13, "rød": 9})
    assert r.seats == {"blå": 3, "rød": 2}
    assert r.picking_order == ["blå", "rød", "blå", "rød", "blå"]
    assert r.ties == []
    values = [q.value for q in r.quotients]
    assert values[:6] == [13, 9, Fraction(13, 2), Fraction(9, 2), Fraction(13, 3), Fraction(13, 4)]
    assert r.quotients[0] == Quotient("blå", 1, Fraction(13))
    assert values == sorted(values, reverse=True)


def test_tie_at_cut_off_is_left_to_the_lot():
    r = dhondt(2, {"a": 6, "b": 3})          # 6/1 = 6; 6/2 = 3 = 3/1: tie for seat 2
    assert r.ties == [["a", "b"]]
    assert r.seats == {"a": 1, "b": 0}      # only a's first seat is certain
    assert r.lot == Lot(1, ("a", "b"))
    assert r.picking_order == ["a", None]   # seat 2 is the lot's turn
    assert dhondt(2, {"b": 3, "a": 6}) == r   # the order of the arguments decides nothing
    # both tied quotients fit in the seats: no tie
    assert dhondt(3, {"a": 6, "b": 3}).ties == []
    assert dhondt(3, {"a": 6, "b": 3}).seats == {"a": 2, "b": 1}
    assert dhondt(3, {"a": 6, "b": 3}).lot is None


def test_six_seats_blue_twelve_red_nine_leaves_the_sixth_to_the_lot():
    # quotients worked by hand: blaa 12, 6, 4, 3, 2.4, 2; roed 9, 4.5, 3, 2.25, 1.8, 1.5
    # in order 12, 9, 6, 4.5, 4 (seats 1-5: blaa, roed, blaa, roed, blaa), then 3 (blaa/4) = 3
    # (roed/3) for seat 6: a tie, decided by lot
    for sizes in ({"blaa": 12, "roed": 9}, {"roed": 9, "blaa": 12}):
        r = dhondt(6, sizes)
        assert r.seats == {"blaa": 3, "roed": 2}
        assert r.lot == Lot(1, ("blaa", "roed"))
        assert r.ties == [["blaa", "roed"]]
        assert r.picking_order == ["blaa", "roed", "blaa", "roed", "blaa", None]


def test_equal_groups():
    r = dhondt(1, {"rød": 5, "blå": 5})
    assert r.ties == [["blå", "rød"]] and r.seats == {"rød": 0, "blå": 0} and r.lot == Lot(1, ("blå", "rød"))
    r = dhondt(2, {"rød": 5, "blå": 5})
    assert r.ties == [] and r.seats == {"rød": 1, "blå": 1} and r.lot is None
    assert r.picking_order == ["blå", "rød"]    # equal quotients, not a seat tie: by name


def test_three_way_tie_for_two_seats():
    r = dhondt(3, {"x": 4, "y": 2, "z": 2, "w": 1})   # 4, then 2, 2, 2 for two seats
    assert r.ties == [["x", "y", "z"]]
    assert r.seats == {"x": 1, "y": 0, "z": 0, "w": 0}
    assert r.lot == Lot(2, ("x", "y", "z"))
    assert r.picking_order == ["x", None, None]


def test_single_seat_kkr_dialogforum():
    r = dhondt(1, {"blå": 12, "rød": 10})
    assert r.seats == {"blå": 1, "rød": 0} and r.picking_order == ["blå"]


def test_zero_seats_and_zero_sizes():
    r = dhondt(0, {"a": 3, "b": 0})
    assert r.seats == {"a": 0, "b": 0} and r.picking_order == [] and r.ties == []
    r = dhondt(4, {"a": 3, "b": 0})
    assert r.seats == {"a": 4, "b": 0}
    assert all(q.group == "a" for q in r.quotients)


@pytest.mark.parametrize("seats, sizes, words", [
    (-1, {"a": 1}, "negative"),
    (2, {}, "no groups"),
    (2, {"a": -3}, "negative"),
    (2, {"a": 0, "b": 0}, "0 members"),
    (2, {"a": 1.5}, "whole number"),
    (1.0, {"a": 1}, "whole number"),
])
def test_errors(seats, sizes, words):
    with pytest.raises(ValueError, match=words):
        dhondt(seats, sizes)


# --- properties ---------------------------------------------------------------------------------

groups = st.dictionaries(st.sampled_from(["blå", "rød", "grøn", "gul"]), st.integers(0, 30),
                         min_size=1, max_size=4).filter(lambda d: any(d.values()))


def reference_sequential(seats, sizes):
    """Give each next seat to the highest size/(won+1)."""
    won = {g: 0 for g in sizes}
    for _ in range(seats):
        best = max(sizes, key=lambda g: Fraction(sizes[g], won[g] + 1))
        won[best] += 1
    return won


def reference_brute_force(seats, sizes):
    """The distribution whose smallest winning quotient is largest."""
    names = list(sizes)
    best, best_min = None, None
    for combo in itertools.product(range(seats + 1), repeat=len(names)):
        if sum(combo) != seats:
            continue
        if any(c and not sizes[g] for g, c in zip(names, combo)):
            continue
        smallest = min((Fraction(sizes[g], c) for g, c in zip(names, combo) if c), default=None)
        if best_min is None or smallest > best_min:
            best, best_min = dict(zip(names, combo)), smallest
    return best


@given(st.integers(1, 7), groups)
def test_matches_references_without_ties(seats, sizes):
    r = dhondt(seats, sizes)
    assume(not r.ties)
    assert r.seats == reference_sequential(seats, sizes)
    assert r.seats == reference_brute_force(seats, sizes)


@given(st.integers(0, 15), groups)
def test_invariants(seats, sizes):
    r = dhondt(seats, sizes)
    assert isinstance(r, AllocationResult)
    assert set(r.seats) == set(sizes)
    assert sum(r.seats.values()) + r.lot_seats == seats
    assert len(r.picking_order) == seats
    assert {g: r.picking_order.count(g) for g in sizes} == r.seats
    assert r.picking_order.count(None) == r.lot_seats
    assert None not in r.picking_order[:seats - r.lot_seats]     # the lot's turns come last
    if r.lot:
        assert r.ties == [list(r.lot.groups)] and 0 < r.lot.seats < len(r.lot.groups)
    keys = [(-q.value, q.group, q.divisor) for q in r.quotients]
    assert keys == sorted(keys)
    assert all(r.seats[g] == 0 for g, s in sizes.items() if s == 0)
    # each group's certain seats are its quotients above the cut-off (and at it when no tie)
    if seats:
        cutoff = r.quotients[seats - 1].value
        for g in sizes:
            above = sum(1 for q in r.quotients if q.group == g and q.value > cutoff)
            at = sum(1 for q in r.quotients if q.group == g and q.value == cutoff)
            assert r.seats[g] == above + (0 if r.ties else at)
            assert (g in r.lot.groups) == bool(at) if r.lot else True


@given(st.integers(0, 15), groups, st.randoms(use_true_random=False))
def test_the_order_of_the_groups_decides_nothing(seats, sizes, rnd):
    names = list(sizes)
    rnd.shuffle(names)
    shuffled = {g: sizes[g] for g in names}
    assert dhondt(seats, shuffled) == dhondt(seats, sizes)


@given(st.integers(0, 15), groups)
def test_house_monotonic(seats, sizes):
    before, after = dhondt(seats, sizes), dhondt(seats + 1, sizes)
    for g in sizes:
        assert after.seats[g] >= before.seats[g]
    assert after.picking_order[:seats] == before.picking_order or before.ties or after.ties


def test_allocate_cli_gives_the_same_answer_in_any_order_and_shows_the_lot(udpeg):
    a = udpeg("allocate", "--seats", "6", "blaa=12", "roed=9", "--format", "json")
    b = udpeg("allocate", "--seats", "6", "roed=9", "blaa=12", "--format", "json")
    assert a.code == b.code == 0 and a.out == b.out
    data = a.json()
    assert data["seats"] == {"blaa": 3, "roed": 2}
    assert data["lot"] == {"seats": 1, "groups": ["blaa", "roed"]}
    assert data["ties"] == [["blaa", "roed"]]
    assert data["picking_order"] == ["blaa", "roed", "blaa", "roed", "blaa", None]
    t = udpeg("allocate", "--seats", "6", "roed=9", "blaa=12")
    assert "drawn by lot" in t.out and "1 seat is drawn by lot between blaa, roed" in t.out
    da = udpeg("--lang", "da", "allocate", "--seats", "6", "roed=9", "blaa=12")
    assert "afgøres ved lodtrækning" in da.out and "1 plads afgøres" in da.out
    two = udpeg("allocate", "--seats", "3", "x=4", "y=2", "z=2", "w=1")
    assert "2 seats are drawn by lot between x, y, z" in two.out
