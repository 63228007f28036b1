"""Data checks: plurality, date-implausible, holder-not-recorded.

``holder-not-recorded`` (info) names each seat that is filled by someone the registry does not
know (an appointment with ``holder = "not-recorded"``): the seat counts as filled and its
holder's sex as undisclosed, and the finding asks for the name to be recorded.

``date-implausible`` looks for dates that cannot be meant:

* a nomination deadline after the round it is for has started (the 2026 agenda's
  "27. februar 2030" for the 2026-04-01 round), or more than a year before it;
* a nomination received more than a year before its round, or after the term it is for has
  ended (received during the term is normal: a replacement);
* an appointment on the board on the date that runs more than :data:`MAX_YEARS` years.

Nominations are judged only from the day they exist
(:func:`registry.rules._common.nomination_exists_from`): a check of 2022 does not judge the
nominations of 2026.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

from dateutil.relativedelta import relativedelta

from registry.findings import INFO, WARNING, Finding
from registry.i18n import N_
from registry.rules._common import (LB_DATA, LB_PLURALITY, LEAD, composition_on, finding, minus_lead, nominations_on,
                                   org_label, orgs_label, round_end, seat_label)
from registry.terms import MAX_PATTERN_YEARS, period_containing

if TYPE_CHECKING:   # pragma: no cover
    from registry.snapshot import BoardSnapshot

RULES = ("plurality", "date-implausible", "holder-not-recorded")

#: the longest an appointment can plausibly run (the longest fixed term a board may have)
MAX_YEARS = MAX_PATTERN_YEARS
__all__ = ["check", "check_plurality", "check_dates", "LEAD", "MAX_YEARS"]


def check(snap: "BoardSnapshot") -> list[Finding]:
    return check_plurality(snap) + check_dates(snap) + check_holders(snap)


def check_holders(snap: "BoardSnapshot") -> list[Finding]:
    """One info finding per member or deputy on the date whose holder is not recorded."""
    comp = snap.composition
    return [finding(
        snap, "holder-not-recorded", INFO,
        N_("{seat_name} is filled, but the holder is not recorded (appointed by {appointer})")
        if appointer else N_("{seat_name} is filled, but the holder is not recorded"),
        legal_basis=LB_DATA,
        remedy=N_("Ask {appointer} who holds the seat, and record the name")
        if appointer else N_("Find out who holds the seat, and record the name"),
        holding=h, details={"role": h.role},
        seat_name=seat_label(comp, h.seat), appointer=appointer)
        for h in (*snap.members, *snap.deputies) if not h.person.recorded
        for appointer in (_appointer(snap, comp, h.seat),)]


def _appointer(snap: "BoardSnapshot", comp, seat: str) -> str:
    rule = comp.seat(seat) if comp is not None else None
    return org_label(snap, rule.appointed_by) if rule is not None else ""


def check_plurality(snap: "BoardSnapshot") -> list[Finding]:
    threshold = snap.plurality_threshold
    if threshold is None or threshold < 0:
        return []
    out: list[Finding] = []
    seen: set[str] = set()
    for h in snap.members:
        pid = h.person.id
        if pid in seen:
            continue
        seen.add(pid)
        seats = snap.seats_held.get(pid, 0)
        if seats > threshold:
            out.append(finding(
                snap, "plurality", INFO,
                N_("{person} holds {seats} seats across the boards in the register, more than the threshold of {threshold}"),
                legal_basis=LB_PLURALITY,
                remedy=N_("Consider whether {person} can take on more seats before appointing again"),
                holding=h, details={"seats": seats, "threshold": threshold},
                seats=seats, threshold=threshold))
    return out


def check_dates(snap: "BoardSnapshot") -> list[Finding]:
    out: list[Finding] = []
    for n in nominations_on(snap):   # as they exist on the date: a later nomination is not judged
        comp = composition_on(snap, n.round) or snap.composition
        params = dict(org=orgs_label(snap, n.organisations), seat_name=seat_label(comp, n.seat), round=n.round)
        term_end = round_end(snap.board.term, n.round)
        if n.deadline is not None and (n.deadline > n.round or n.deadline < minus_lead(n.round)):
            out.append(finding(
                snap, "date-implausible", WARNING,
                N_("The deadline {date} for the nomination from {org} for {seat_name} does not fit the round starting {round}"),
                legal_basis=LB_DATA,
                remedy=N_("Check the deadline of the nomination from {org}; it should fall shortly before {round}"),
                nomination=n, details={"field": "deadline", "date": n.deadline, "round": n.round},
                date=n.deadline, **params))
        if n.received is not None and (n.received < minus_lead(n.round) or n.received > term_end):
            out.append(finding(
                snap, "date-implausible", WARNING,
                N_("The nomination from {org} for {seat_name} is recorded as received on {date}, which does not fit the round starting {round}"),
                legal_basis=LB_DATA,
                remedy=N_("Check the date the nomination from {org} was received"),
                nomination=n, details={"field": "received", "date": n.received, "round": n.round},
                date=n.received, **params))
    comp = snap.composition
    for h in (*snap.members, *snap.deputies):
        if h.end is not None and h.end > _add_years(h.start, MAX_YEARS):
            out.append(finding(
                snap, "date-implausible", WARNING,
                N_("The appointment of {person} to {seat_name} runs from {start} to {date}, longer than any term"),
                legal_basis=LB_DATA,
                remedy=N_("Check the end date of the appointment of {person}"),
                holding=h, details={"field": "end", "date": h.end, "start": h.start},
                date=h.end, start=h.start, seat_name=seat_label(comp, h.seat)))
    return out


@lru_cache(maxsize=65536)  # a registry's appointments share few start dates
def _add_years(d: date, years: int) -> date:
    try:
        return d + relativedelta(years=years)
    except (OverflowError, ValueError):
        return date.max
