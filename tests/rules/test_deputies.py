"""deputy-missing."""

from registry.findings import WARNING
from registry.rules import deputies

from .builders import H, P, comp, seat, snap
from .helpers import none, one

C = comp(seat("kkr", 1, "Medlem [udpeget]", deputies="required"))


def test_a_member_without_a_deputy():
    f = one(deputies.check(snap(H("kkr", P("j", "woman"), id="m"), compositions=C)), "deputy-missing")
    assert f.severity == WARNING and f.appointment == "m" and f.details == {"deputies": "required"}
    assert "Medlem [udpeget]" in f.text("da")


def test_a_deputy_pointing_at_the_member():
    s = snap(H("kkr", P("j", "woman"), id="m"), H("kkr", P("d", "man"), role="deputy", deputy_for="m"), compositions=C)
    assert deputies.check(s) == []


def test_a_deputy_of_the_group_pointing_at_no_one_covers_one_member():
    s = snap(H("kkr", P("j", "woman"), id="m"), H("kkr", P("d", "man"), role="deputy"), compositions=C)
    assert deputies.check(s) == []


def test_optional_deputies_are_not_required():
    c = comp(seat("kkr", 1, deputies="optional"))
    none(deputies.check(snap(H("kkr", P("j", "woman")), compositions=c)), "deputy-missing")
