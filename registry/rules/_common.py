"""Helpers shared by the rule families: labels, legal sources, building findings.

Rule modules do not import :mod:`registry.snapshot` at run time (it imports
``registry.rules.rulesets``, so a run-time import would be circular); they only read the
snapshot's plain attributes.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Iterable, Mapping

from dateutil.relativedelta import relativedelta

from registry.findings import Finding
from registry.i18n import Listed
from registry.terms import period_containing

if TYPE_CHECKING:   # pragma: no cover
    from registry.snapshot import BoardSnapshot, CompositionRule, Holding, NominationFact, SeatRule
    from registry.terms import TermPattern

#: Citations (kept in Danish in every language: they are names of legal sources).
LB_10A = "Ligestillingsloven § 10 a, stk. 1–2"
LB_KKR_RULES = "KKR's forretningsorden 2026–2030"
LB_LAPSE = "KKR's forretningsorden 2026–2030; KKR Nordjylland, referat 25-03-2022, pkt. 3.1"
LB_BALANCE = "Ligestillingsloven § 8 og § 11"
LB_PLURALITY = "Registrets grænse for antal poster pr. person (intet lovkrav)"
LB_DATA = "Datakontrol (intet lovkrav)"


#: how long before a round a nomination may plausibly arrive or be due
LEAD = relativedelta(years=1)


@lru_cache(maxsize=8192)   # few distinct round dates; relativedelta is slow
def minus_lead(d: date) -> date:
    return d - LEAD


@lru_cache(maxsize=8192)
def round_end(term: "TermPattern", round: date) -> date:
    """The last day of the term a nomination round is for (four years on, if the pattern has no periods)."""
    period = period_containing(term, round)
    return period.end if period is not None else round + relativedelta(years=4)


def nomination_exists_from(n: "NominationFact", term: "TermPattern") -> date:
    """The first day a nomination exists, so that a check on an earlier date does not see it.

    Its received date when recorded (domain.md §1: "a nomination exists from its received date"),
    unless that is after the term the round is for has ended: such a date cannot be meant (the
    ``date-implausible`` rule says so) and cannot hide the nomination from the checks of its own
    term. Without a usable received date, its deadline — the latest day it was due — when that
    fits the round (no later than the round's start and no more than :data:`LEAD` before it); a
    deadline that does not fit (the 2026 agenda's "27. februar 2030") cannot date it either.
    Neither known, it exists from :data:`LEAD` before its round: the earliest a nomination for
    the round plausibly arrives (the ``date-implausible`` rule's window). Nominations carry no
    reference to the meeting that asked for them, so a meeting's date is never used.
    """
    if n.received is not None and n.received <= round_end(term, n.round):
        return n.received
    earliest = minus_lead(n.round)
    if n.deadline is not None and earliest <= n.deadline <= n.round:
        return n.deadline
    return earliest


def nomination_exists_on(n: "NominationFact", term: "TermPattern", on: date) -> bool:
    return nomination_exists_from(n, term) <= on


def nominations_on(snap: "BoardSnapshot") -> tuple["NominationFact", ...]:
    """The snapshot's nominations that exist on its date (rules read only these)."""
    on, term = snap.on, snap.board.term
    return tuple(n for n in snap.nominations if nomination_exists_from(n, term) <= on)


class _OpenEnd:
    """Stands for a missing date in a template: shows as "…" whatever date format is asked."""

    def __format__(self, spec: str) -> str:
        return "…"

    def __str__(self) -> str:
        return "…"

    def __repr__(self) -> str:
        return "OPEN_END"


OPEN_END = _OpenEnd()


def board_basis(snap: "BoardSnapshot", comp: "CompositionRule | None" = None) -> str:
    """The board's own legal basis, with the decision that set the composition when known."""
    parts = [p for p in (snap.board.legal_basis, comp.source if comp else None) if p]
    return "; ".join(parts)


def composition_on(snap: "BoardSnapshot", on: date) -> "CompositionRule | None":
    for c in snap.compositions:
        if c.in_force(on):
            return c
    return None


def seat_label(comp: "CompositionRule | None", seat_id: str) -> str:
    rule = comp.seat(seat_id) if comp is not None else None
    return rule.name if rule is not None and rule.name else seat_id


def org_label(snap: "BoardSnapshot", org: str | None) -> str:
    if not org:
        return ""
    return snap.org_names.get(org, org)


def orgs_label(snap: "BoardSnapshot", orgs: Iterable[str]) -> str:
    """One organisation by its name; several joined as a sentence joins them, each by its short
    name when every name has one ("FH – Fagbevægelsens Hovedorganisation" is FH): "FH and AC",
    "FH og AC" in Danish (the glossary's joint nomination)."""
    names = [org_label(snap, o) for o in orgs]
    if len(names) > 1 and all(" – " in n for n in names):
        names = [n.split(" – ", 1)[0] for n in names]
    return Listed(names)


def appointed_elsewhere(snap: "BoardSnapshot", appointed_by: str | None) -> bool:
    """Whether a seat group is appointed by a body other than the board's own KKR (the regional
    council, a ministry, a representative assembly …): the registry can then only ask that body
    and record whom it appointed, never fill the seat itself or allot it to a council group.
    With no appointer recorded, or no KKR organisation known, the seat counts as the KKR's own
    (as in the planner)."""
    return bool(appointed_by) and bool(snap.owner_orgs) and appointed_by not in snap.owner_orgs


def other_appointer(snap: "BoardSnapshot", comp: "CompositionRule | None", seat_id: str) -> str:
    """The name of the body that appoints ``seat_id`` when that is not the board's KKR, else ""."""
    rule = comp.seat(seat_id) if comp is not None else None
    if rule is None or not appointed_elsewhere(snap, rule.appointed_by):
        return ""
    return org_label(snap, rule.appointed_by)


def counted_seats(comp: "CompositionRule") -> dict[str, "SeatRule"]:
    return {s.id: s for s in comp.seats if s.counts_for_balance}


def finding(
    snap: "BoardSnapshot",
    rule: str,
    severity: str,
    message: str,
    *,
    legal_basis: str,
    remedy: str,
    seat: str | None = None,
    holding: "Holding | None" = None,
    nomination: "NominationFact | None" = None,
    details: Mapping[str, Any] | None = None,
    **params: Any,
) -> Finding:
    """A finding about ``snap``'s board; names of the board, person and seat go in as params."""
    p: dict[str, Any] = {"board": snap.board.name}
    if holding is not None:
        p["person"] = holding.person.name
    p.update(params)
    return Finding(
        rule=rule,
        severity=severity,
        board=snap.board.id,
        message=message,
        legal_basis=legal_basis,
        remedy=remedy,
        seat=seat if seat is not None else (holding.seat if holding is not None else
                                            (nomination.seat if nomination is not None else None)),
        person=holding.person.id if holding is not None and holding.person.recorded else None,
        appointment=holding.appointment if holding is not None else None,
        nomination=nomination.id if nomination is not None else None,
        details=dict(details or {}),
        params=p,
    )
