"""term-invalid, term-overlap, term-pattern, term-ending, holdover, term-limit."""

import dataclasses

from registry.findings import ERROR, INFO, WARNING
from registry.rules import terms

from .builders import CUSTOM, D, H, P, board, comp, erhvervshus_2022, seat, snap
from .helpers import none, one

C = comp(seat("s", 2, "Plads [/]", deputies="optional"), valid_from=D(2000, 1, 1))
A, B = P("anna", "woman", "Anna [b]"), P("bo", "man")


def test_nothing_to_say_about_a_regular_board():
    assert terms.check(erhvervshus_2022()) == []


# --- term-invalid ---------------------------------------------------------------------------

def test_deputy_starting_before_its_member():
    m = H("s", A, D(2022, 4, 1), D(2026, 3, 31), id="m")
    d = H("s", B, D(2022, 1, 1), D(2026, 3, 31), id="d", role="deputy", deputy_for="m")
    f = one(terms.check(snap(m, d, compositions=C)), "term-invalid")
    assert f.severity == ERROR and f.appointment == "d"
    assert f.details["deputy_start"] == D(2022, 1, 1) and f.details["member_start"] == D(2022, 4, 1)
    assert "01-01-2022" in f.text("da")


def test_deputy_outliving_its_member():
    m = H("s", A, D(2022, 4, 1), D(2026, 3, 31), id="m", ended_date=D(2023, 1, 31))
    d = H("s", B, D(2022, 4, 1), D(2026, 3, 31), id="d", role="deputy", deputy_for="m")
    one(terms.check(snap(m, d, compositions=C, on=D(2023, 6, 1))), "term-invalid")


def test_open_ended_deputy_of_an_ending_member_is_invalid_and_shows_an_open_end():
    m = H("s", A, D(2022, 4, 1), D(2026, 3, 31), id="m")
    d = H("s", B, D(2022, 4, 1), None, id="d", role="deputy", deputy_for="m")
    f = one(terms.check(snap(m, d, compositions=C)), "term-invalid")
    assert "…" in f.text("da") and "…" in f.text("en")


def test_deputy_within_its_member_is_fine():
    m = H("s", A, D(2022, 4, 1), D(2026, 3, 31), id="m")
    d = H("s", B, D(2022, 6, 1), D(2026, 3, 31), id="d", role="deputy", deputy_for="m")
    none(terms.check(snap(m, d, compositions=C)), "term-invalid")


# --- term-overlap ---------------------------------------------------------------------------

def test_same_person_twice_in_one_seat_group():
    f = one(terms.check(snap(H("s", A, id="x1"), H("s", A, D(2022, 5, 1), id="x2"), compositions=C)), "term-overlap")
    assert f.severity == ERROR and f.details == {"appointments": ["x1", "x2"], "kind": "member"}


def test_a_deputy_for_two_members_at_once():
    hist = (H("s", A, id="m1"), H("s", P("c", "woman"), id="m2"),
            H("s", B, id="d1", role="deputy", deputy_for="m1"), H("s", B, id="d2", role="deputy", deputy_for="m2"))
    f = one(terms.check(snap(*hist, compositions=C)), "term-overlap")
    assert f.details["kind"] == "deputy" and f.details["members"] == ["m1", "m2"] and f.person == "bo"


def test_consecutive_appointments_do_not_overlap():
    hist = (H("s", A, D(2018, 4, 1), D(2022, 3, 31)), H("s", A, D(2022, 4, 1), D(2026, 3, 31)))
    none(terms.check(snap(*hist, compositions=C)), "term-overlap")


# --- term-pattern ---------------------------------------------------------------------------

def test_a_mid_term_start_does_not_fit_the_kkr_pattern():
    f = one(terms.check(snap(H("s", A, D(2023, 2, 1), D(2026, 3, 31)), compositions=C, on=D(2023, 6, 1))),
            "term-pattern")
    assert f.severity == INFO
    assert f.details["period_start"] == D(2022, 4, 1) and f.details["period_end"] == D(2026, 3, 31)
    assert f.details["pattern"] == "kkr"


def test_full_term_and_custom_boards_fit():
    none(terms.check(snap(H("s", A), compositions=C)), "term-pattern")
    none(terms.check(snap(H("s", A, D(2023, 2, 1), None), compositions=C, b=board(term=CUSTOM))), "term-pattern")


# --- term-ending ----------------------------------------------------------------------------

def test_a_term_ending_within_the_window_with_no_successor():
    s = erhvervshus_2022(on=D(2026, 2, 1))
    fs = terms.check(s)
    ending = [f for f in fs if f.rule == "term-ending"]
    assert len(ending) == 12 and all(f.severity == INFO for f in ending)
    f = one(fs, "term-ending", person="richard-fynbo")
    assert f.details == {"end": D(2026, 3, 31), "days_left": 58, "window": 90}


def test_a_successor_silences_term_ending():
    s = erhvervshus_2022(on=D(2026, 2, 1))
    s = s.with_appointment(H("chair", P("ny", "woman"), D(2026, 4, 1), D(2030, 3, 31)))
    fs = terms.check(s)
    none(fs, "term-ending", seat="chair")
    one(fs, "term-ending", person="richard-fynbo")


def test_outside_the_window_is_silent():
    none(terms.check(erhvervshus_2022(on=D(2025, 6, 1))), "term-ending")
    s = dataclasses.replace(erhvervshus_2022(on=D(2026, 2, 1)), term_warning_days=30)
    none(terms.check(s), "term-ending")


# --- holdover -------------------------------------------------------------------------------

def test_holdover_members_are_reported():
    s = snap(H("s", A, D(2022, 1, 1), D(2025, 12, 31)), compositions=C, on=D(2026, 2, 1),
             b=board(holdover=True, term=CUSTOM))
    f = one(terms.check(s), "holdover")
    assert f.severity == INFO and f.details == {"term_end": D(2025, 12, 31), "days_over": 32}
    none(terms.check(s), "term-ending")


def test_no_holdover_board_no_holdover():
    s = snap(H("s", A, D(2022, 1, 1), D(2025, 12, 31)), compositions=C, on=D(2026, 2, 1), b=board(term=CUSTOM))
    none(terms.check(s), "holdover")


# --- term-limit -----------------------------------------------------------------------------

def _serving(terms_served, limit):
    starts = [D(2022 - 4 * k, 4, 1) for k in range(terms_served)]
    hist = [H("s", A, st, D(st.year + 4, 3, 31)) for st in starts]
    return snap(*hist, compositions=C, b=board(max_consecutive_terms=limit))


def test_more_consecutive_terms_than_allowed():
    f = one(terms.check(_serving(3, 2)), "term-limit")
    assert f.severity == WARNING and f.details == {"terms": 3, "max": 2}


def test_within_the_limit_or_no_limit():
    none(terms.check(_serving(2, 2)), "term-limit")
    none(terms.check(_serving(5, 0)), "term-limit")


# --- issue 11, rule 7: the remedy fits who appoints the seat --------------------------------

def test_a_term_ending_on_a_seat_another_body_appoints_is_asked_of_that_body():
    fs = terms.check(erhvervshus_2022(on=D(2026, 2, 1)))
    region = one(fs, "term-ending", seat="region")
    assert region.remedy_text("en") == ("Ask Regionsrådet, Region Nordjylland whom it appoints to Regionsrådet after "
                                        "2026-03-31, and record the holder")
    assert region.remedy_text("da") == ("Spørg Regionsrådet, Region Nordjylland, hvem der udpeges til Regionsrådet "
                                        "efter 2026-03-31, og registrér navnet")
    assert one(fs, "term-ending", seat="observer").remedy_text("en").startswith("Ask Erhvervsministeriet whom it appoints")
    # a seat the KKR appoints itself keeps the KKR's remedy
    assert one(fs, "term-ending", person="richard-fynbo").remedy_text("en") == (
        "Prepare the next appointment to Virksomhedsrepræsentanter: ask for nominations or reappoint")


def test_a_holdover_on_a_seat_another_body_appoints_is_asked_of_that_body():
    c = comp(seat("r", 1, "Regionens plads", appointed_by="region-nordjylland"), valid_from=D(2022, 1, 1))
    s = snap(H("r", A, D(2022, 1, 1), D(2025, 12, 31)), compositions=c, on=D(2026, 2, 1),
             b=board(holdover=True, term=CUSTOM), org_names={"region-nordjylland": "Regionsrådet, Region Nordjylland"})
    f = one(terms.check(s), "holdover")
    assert f.remedy_text("en") == ("Ask Regionsrådet, Region Nordjylland whom it appoints to Regionens plads for "
                                   "the new term, and record the holder")
    own = dataclasses.replace(s, owner_orgs=frozenset({"region-nordjylland"}))
    assert one(terms.check(own), "holdover").remedy_text("en").startswith("Appoint a successor to Regionens plads")


def test_a_term_limit_on_a_seat_another_body_appoints_is_told_to_that_body():
    """Issue 11 rule 7: the region appoints its seat, so the KKR tells the region, it does not appoint."""
    import dataclasses

    from registry.rules import terms

    from .builders import D, H, erhvervshus_2022

    s = erhvervshus_2022()
    earlier = []   # the regional member and a political member also sat in the term before: two in a row
    for h in s.history:
        if h.appointment in ("eh-region", "eh-pol-1"):
            earlier.append(H(h.seat, h.person, D(2018, 4, 1), D(2022, 3, 31), id=h.appointment + "-0"))
    s = dataclasses.replace(s, history=s.history + tuple(earlier),
                            board=dataclasses.replace(s.board, max_consecutive_terms=1))
    fs = [f for f in terms.check(s) if f.rule == "term-limit"]
    region = next(f for f in fs if f.seat == "region")
    assert region.remedy_text("en").startswith("Tell Regionsrådet, Region Nordjylland that Mads Duedal may not serve")
    political = next(f for f in fs if f.seat == "political")
    assert political.remedy_text("en") == "Appoint someone else to Kommunale politiske repræsentanter when the term ends"
