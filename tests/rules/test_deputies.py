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


def test_a_missing_deputy_on_a_seat_another_body_appoints_is_asked_of_that_body():
    # issue 11, rule 7: the region appoints this seat and its deputy; the KKR can only ask
    c = comp(seat("region", 1, "Regionsrådets plads", appointed_by="region-nordjylland", deputies="required"))
    s = snap(H("region", P("r", "woman", "Rikke Region"), id="m"), compositions=c,
             org_names={"region-nordjylland": "Regionsrådet, Region Nordjylland"})
    f = one(deputies.check(s), "deputy-missing")
    assert f.remedy_text("en") == ("Ask Regionsrådet, Region Nordjylland to appoint a deputy for Rikke Region in "
                                   "Regionsrådets plads, and record the deputy")
    assert f.remedy_text("da") == ("Bed Regionsrådet, Region Nordjylland om at udpege en suppleant for Rikke Region i "
                                   "Regionsrådets plads, og registrér suppleanten")
    own = comp(seat("kkr", 1, "KKR's plads", appointed_by="kkr-nordjylland", deputies="required"))
    f = one(deputies.check(snap(H("kkr", P("k", "man", "Karl"), id="k"), compositions=own)), "deputy-missing")
    assert f.remedy_text("en") == "Appoint a deputy for Karl in KKR's plads"
