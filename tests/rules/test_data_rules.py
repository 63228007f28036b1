"""plurality and date-implausible."""

import dataclasses

from registry.findings import INFO, WARNING
from registry.rules import data

from .builders import D, H, P, comp, erhvervshus_2022, nom, seat, snap
from .helpers import none, one


def test_more_seats_than_the_threshold():
    s = dataclasses.replace(erhvervshus_2022(), seats_held={"richard-fynbo": 6, "birthe-dyrberg": 5})
    fs = data.check(s)
    f = one(fs, "plurality")
    assert f.severity == INFO and f.person == "richard-fynbo" and f.details == {"seats": 6, "threshold": 5}
    none(fs, "plurality", person="birthe-dyrberg")


def test_at_the_threshold_is_fine():
    s = dataclasses.replace(erhvervshus_2022(), seats_held={"richard-fynbo": 3}, plurality_threshold=3)
    none(data.check(s), "plurality")


C = comp(seat("business", 4, "Virksomhedsrepræsentanter"), valid_from=D(2022, 4, 1))


def _with(n):
    return snap(on=D(2026, 3, 1), compositions=C, nominations=(n,),
                org_names={"di": "DI [Dansk] Industri"})


def test_the_2030_deadline_for_the_2026_round():
    n = nom("n-2026-eh-di", "business", ["di"], [], deadline=D(2030, 2, 27))
    f = one(data.check(_with(n)), "date-implausible")
    assert f.severity == WARNING and f.nomination == "n-2026-eh-di"
    assert f.details == {"field": "deadline", "date": D(2030, 2, 27), "round": D(2026, 4, 1)}
    assert "27-02-2030" in f.text("da") and "DI [Dansk] Industri" in f.text("en")


def test_a_deadline_years_before_the_round():
    n = nom("n", "business", ["di"], [], deadline=D(2023, 2, 27))
    assert one(data.check(_with(n)), "date-implausible").details["field"] == "deadline"


def test_received_years_away_from_the_round():
    n = nom("n", "business", ["di"], [], received=D(2022, 2, 25))
    assert one(data.check(_with(n)), "date-implausible").details["field"] == "received"
    n = nom("n", "business", ["di"], [], received=D(2031, 2, 25))
    assert one(data.check(_with(n)), "date-implausible").details["field"] == "received"


def test_plausible_nomination_dates():
    n = nom("n", "business", ["di"], [], received=D(2026, 2, 25), deadline=D(2026, 2, 27))
    assert data.check(_with(n)) == []
    late = nom("n", "business", ["di"], [], received=D(2027, 5, 1))   # a replacement during the term
    assert data.check(_with(late)) == []


def test_an_appointment_running_longer_than_any_term():
    s = snap(H("business", P("x", "woman"), D(2022, 4, 1), D(2062, 3, 31)), compositions=C)
    f = one(data.check(s), "date-implausible")
    assert f.details["field"] == "end" and f.details["date"] == D(2062, 3, 31)
