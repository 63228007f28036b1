"""Helpers shared by the rule families: labels, legal sources, building findings.

Rule modules do not import :mod:`registry.snapshot` at run time (it imports
``registry.rules.rulesets``, so a run-time import would be circular); they only read the
snapshot's plain attributes.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, Iterable, Mapping

from registry.findings import Finding

if TYPE_CHECKING:   # pragma: no cover
    from registry.snapshot import BoardSnapshot, CompositionRule, Holding, NominationFact, SeatRule

#: Citations (kept in Danish in every language: they are names of legal sources).
LB_10A = "Ligestillingsloven § 10 a, stk. 1–2"
LB_KKR_RULES = "KKR's forretningsorden 2026–2030"
LB_LAPSE = "KKR's forretningsorden 2026–2030; KKR Nordjylland, referat 25-03-2022, pkt. 3.1"
LB_BALANCE = "Ligestillingsloven § 8 og § 11"
LB_PLURALITY = "Registrets grænse for antal poster pr. person (intet lovkrav)"
LB_DATA = "Datakontrol (intet lovkrav)"


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
    return ", ".join(org_label(snap, o) for o in orgs)


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
