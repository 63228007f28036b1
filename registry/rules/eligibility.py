"""Eligibility (domain.md §3, §2 "Eligibility lapse"): eligibility, eligibility-lapsed.

A predicate is judged on the snapshot's date from the person's offices. An office that ends on
31 December of a municipal election year counts as held until 31 March of the next year
(KKR appointments run to 31 March; minutes 25-03-2022, point 3.1). A holder whose office held
during the appointment but has ended by the date gets ``eligibility-lapsed`` (vacant from the
day after the office ended) and not also ``eligibility``. An office that ends after the date
is still held: a future end is not a lapse.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Callable, Iterable

from registry.findings import ERROR, WARNING, Finding
from registry.i18n import N_
from registry.rules._common import LB_KKR_RULES, LB_LAPSE, board_basis, finding, other_appointer
from registry.terms import is_election_year

if TYPE_CHECKING:   # pragma: no cover
    from registry.snapshot import BoardSnapshot, Holding, OfficeFact, PersonFact

RULES = ("eligibility", "eligibility-lapsed")

COUNCIL, MAYOR, REGIONAL = "council-member", "mayor", "regional-council-member"

_MESSAGES = {
    "council-member-in-kkr": N_("{person} is not a member of a municipal council within the KKR, which {seat_name} requires"),
    "elected": N_("{person} is not an elected member of a municipal or regional council, which {seat_name} requires"),
    "regional-council-member": N_("{person} is not a member of the regional council, which {seat_name} requires"),
    "council-member-of": N_("{person} is not a member of the council of {municipality}, which {seat_name} requires"),
    "mayor": N_("{person} is not a mayor, which {seat_name} requires"),
}


def effective_end(office: "OfficeFact") -> date | None:
    """The last day an office counts as held (31 Dec of an election year → 31 Mar next year)."""
    end = office.end
    if end is not None and end.month == 12 and end.day == 31 and is_election_year(end.year):
        return date(end.year + 1, 3, 31)
    return end


def held_on(office: "OfficeFact", on: date) -> bool:
    end = effective_end(office)
    return office.start <= on and (end is None or on <= end)


def _matcher(predicate: str, kkr_municipalities: frozenset[str]) -> Callable[["OfficeFact"], bool] | None:
    """Which offices satisfy ``predicate`` (None for a predicate this version does not know)."""
    if predicate == "council-member-in-kkr":
        return lambda o: o.office in (COUNCIL, MAYOR) and o.body in kkr_municipalities
    if predicate == "elected":
        return lambda o: o.office in (COUNCIL, MAYOR, REGIONAL)
    if predicate == "regional-council-member":
        return lambda o: o.office == REGIONAL
    if predicate == "mayor":
        return lambda o: o.office == MAYOR
    if predicate.startswith("council-member-of:"):
        muni = predicate.split(":", 1)[1]
        return lambda o: o.office in (COUNCIL, MAYOR) and o.body == muni
    return None


def holds(person: "PersonFact", predicate: str, on: date, kkr_municipalities: frozenset[str] = frozenset()) -> bool:
    """Whether ``person`` meets ``predicate`` on ``on`` (unknown predicates hold)."""
    match = _matcher(predicate, kkr_municipalities)
    return match is None or any(match(o) and held_on(o, on) for o in person.offices)


def _lapse(h: "Holding", predicate: str, on: date, kkr: frozenset[str]) -> date | None:
    """The effective end of a matching office that ended during the appointment, before ``on``."""
    match = _matcher(predicate, kkr)
    if match is None:
        return None
    ends = [e for o in h.person.offices if match(o) and (e := effective_end(o)) is not None
            and o.start <= e and h.start <= e < on]
    return max(ends) if ends else None


def _real_end(h: "Holding", effective: date) -> date:
    """The day the office itself ended, for an office whose end as held is ``effective``."""
    ends = [o.end for o in h.person.offices if o.end is not None and effective_end(o) == effective]
    return max(ends) if ends else effective


def _judge(snap: "BoardSnapshot", h: "Holding", on: date) -> tuple[list[str], list[tuple[str, date]]]:
    """The predicates of ``h``'s seat group that ``h`` fails on ``on``, and those of them that
    lapsed (with the effective end of the office that met them)."""
    comp = snap.composition
    seat = comp.seat(h.seat) if comp is not None else None
    if seat is None or not seat.eligibility or not h.person.recorded:
        return [], []   # a holder who is not recorded cannot be judged (holder-not-recorded asks for the name)
    kkr = snap.kkr_municipalities
    failing = [p for p in seat.eligibility if not holds(h.person, p, on, kkr)]
    return failing, [(p, e) for p in failing if (e := _lapse(h, p, on, kkr)) is not None]


def lapsed_from(snap: "BoardSnapshot", h: "Holding", on: date | None = None) -> date | None:
    """The day ``h``'s seat is vacant from because its holder's eligibility lapsed, judged on
    ``on`` (default: the snapshot's date) by the composition in force on the snapshot's date;
    None when it has not lapsed by then. The one answer ``eligibility-lapsed`` and every count
    of open seats use (``registry.seats``)."""
    _failing, lapsed = _judge(snap, h, snap.on if on is None else on)
    return max(e for _, e in lapsed) + timedelta(days=1) if lapsed else None


def check(snap: "BoardSnapshot") -> list[Finding]:
    comp = snap.composition
    if comp is None:
        return []
    out: list[Finding] = []
    basis = board_basis(snap, comp)
    holders: Iterable["Holding"] = (*snap.members, *snap.deputies)
    for h in holders:
        failing, lapsed = _judge(snap, h, snap.on)
        if not failing:
            continue
        seat = comp.seat(h.seat)
        appointer = other_appointer(snap, comp, h.seat)   # a seat another body appoints: ask that body
        if lapsed:
            office_end = max(e for _, e in lapsed)
            vacant_from = office_end + timedelta(days=1)
            ended = _real_end(h, office_end)
            message = (N_("{person} no longer meets the requirement for {seat_name}: the office ended on {office_end}, so the seat is vacant from {vacant_from}")
                       if ended == office_end else
                       N_("{person} no longer meets the requirement for {seat_name}: the office ended on {office_ended} and counted as held until {office_end} (KKR appointments run to 31 March), so the seat is vacant from {vacant_from}"))
            out.append(finding(
                snap, "eligibility-lapsed", WARNING,
                message,
                legal_basis=LB_LAPSE,
                remedy=(N_("Tell {appointer} that {person} no longer meets the requirement for {seat_name} from {vacant_from}, "
                           "and record whom it appoints instead") if appointer else
                        N_("End the appointment of {person} from {vacant_from} and appoint a successor to {seat_name}")),
                holding=h,
                details={"predicate": lapsed[0][0], "predicates": [p for p, _ in lapsed],
                         "office_end": office_end, "office_ended": ended, "vacant_from": vacant_from},
                seat_name=seat.name, office_end=office_end, office_ended=ended, vacant_from=vacant_from,
                appointer=appointer))
            continue   # a lapsed holder gets eligibility-lapsed, not also eligibility
        for p in failing:
            key = "council-member-of" if p.startswith("council-member-of:") else p
            out.append(finding(
                snap, "eligibility", ERROR, _MESSAGES[key],
                legal_basis=LB_KKR_RULES if p == "council-member-in-kkr" else (basis or LB_KKR_RULES),
                remedy=(N_("Ask {appointer} to appoint someone to {seat_name} who meets the requirement, and record "
                           "the holder, or record an override reason") if appointer else
                        N_("Appoint someone to {seat_name} who meets the requirement, or record an override reason")),
                holding=h, details={"predicate": p},
                seat_name=seat.name, municipality=p.split(":", 1)[1] if ":" in p else "", appointer=appointer))
    return out
