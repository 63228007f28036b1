"""collective-skill and spread."""

import dataclasses

from registry.findings import WARNING
from registry.rules import collective

from .builders import H, P, comp, erhvervshus_2022, seat, snap
from .helpers import none, one


def _without_skills(s):
    return dataclasses.replace(s, history=tuple(
        dataclasses.replace(h, person=dataclasses.replace(h.person, skills=())) for h in s.history))


def test_the_business_seats_have_international_experience():
    assert collective.check(erhvervshus_2022()) == []


def test_a_full_group_without_the_skill():
    f = one(collective.check(_without_skills(erhvervshus_2022())), "collective-skill", seat="business")
    assert f.severity == WARNING
    assert f.details == {"skill": "international", "min": 1, "have": 0, "open": 0}
    assert "Virksomhedsrepræsentanter" in f.text("en") and "international" in f.remedy_text("da")


def test_an_open_seat_can_still_bring_the_skill():
    s = _without_skills(erhvervshus_2022())
    s = dataclasses.replace(s, history=tuple(h for h in s.history if h.appointment != "eh-bus-lf"))
    none(collective.check(s), "collective-skill")


def test_an_empty_group_is_left_to_seat_vacant():
    s = dataclasses.replace(erhvervshus_2022(), history=())
    assert collective.check(s) == []


def _spread_board(*munis, count=3):
    c = comp(seat("m", count, "Kommunale [medlemmer]", spread=3))
    return snap(*(H("m", P(f"p{i}", "man", municipality=mu)) for i, mu in enumerate(munis)), compositions=c)


def test_spread_fires_for_too_few_municipalities():
    f = one(collective.check(_spread_board("aalborg", "aalborg", "thisted")), "spread", seat="m")
    assert f.severity == WARNING
    assert f.details == {"min": 3, "have": 2, "municipalities": ["aalborg", "thisted"], "open": 0}
    assert "Kommunale [medlemmer]" in f.text("en")


def test_spread_satisfied_or_still_reachable():
    assert collective.check(_spread_board("aalborg", "hjorring", "thisted")) == []
    assert collective.check(_spread_board("aalborg", "thisted")) == []          # one seat open
    assert collective.check(_spread_board("aalborg", "aalborg", count=4)) == []  # two open
