"""Deputies: deputy-missing for seat groups with ``deputies = "required"``.

A member is covered by a deputy on the board on the date who points at the member's
appointment; a deputy of the same seat group that points at no one covers one uncovered member.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from registry.findings import WARNING, Finding
from registry.i18n import N_
from registry.rules._common import appointed_elsewhere, board_basis, finding, org_label

if TYPE_CHECKING:   # pragma: no cover
    from registry.snapshot import BoardSnapshot

RULES = ("deputy-missing",)


def check(snap: "BoardSnapshot") -> list[Finding]:
    comp = snap.composition
    if comp is None:
        return []
    required = {s.id: s for s in comp.seats if s.deputies == "required"}
    if not required:
        return []
    basis = board_basis(snap, comp)
    covered = {d.deputy_for for d in snap.deputies if d.deputy_for}
    loose: dict[str, int] = {}
    for d in snap.deputies:
        if not d.deputy_for:
            loose[d.seat] = loose.get(d.seat, 0) + 1
    out: list[Finding] = []
    for h in snap.members:
        seat = required.get(h.seat)
        if seat is None or h.appointment in covered:
            continue
        if loose.get(h.seat, 0) > 0:
            loose[h.seat] -= 1
            continue
        elsewhere = appointed_elsewhere(snap, seat.appointed_by)
        out.append(finding(
            snap, "deputy-missing", WARNING,
            N_("{person} in {seat_name} has no deputy, and the seat group requires one"),
            legal_basis=basis,
            remedy=(N_("Ask {appointer} to appoint a deputy for {person} in {seat_name}, and record the deputy")
                    if elsewhere else N_("Appoint a deputy for {person} in {seat_name}")),
            holding=h, details={"deputies": "required"}, seat_name=seat.name,
            appointer=org_label(snap, seat.appointed_by)))
    return out
