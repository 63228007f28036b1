"""Collective requirements of a seat group: collective-skill, spread.

A requirement is reported once it can no longer be met by filling the group's open seats
(``have + open < needed``): a half-filled group is not blamed for what the next appointment
can still bring, and an empty group gives no finding (``seat-vacant`` covers it).
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from registry.findings import WARNING, Finding
from registry.i18n import N_
from registry.rules._common import board_basis, finding

if TYPE_CHECKING:   # pragma: no cover
    from registry.snapshot import BoardSnapshot, Holding

RULES = ("collective-skill", "spread")


def check(snap: "BoardSnapshot") -> list[Finding]:
    comp = snap.composition
    if comp is None:
        return []
    basis = board_basis(snap, comp)
    by_seat: dict[str, list["Holding"]] = defaultdict(list)
    for h in snap.members:
        by_seat[h.seat].append(h)
    out: list[Finding] = []
    for s in comp.seats:
        holders = by_seat.get(s.id, [])
        if not holders:
            continue
        # a holder who is not recorded may have the skill or the municipality: counted like an open seat
        open_ = max(0, s.count - len(holders)) + sum(1 for h in holders if not h.person.recorded)
        for skill, needed in s.collective:
            have = sum(1 for h in holders if skill in h.person.skills)
            if have + open_ < needed:
                out.append(finding(
                    snap, "collective-skill", WARNING,
                    N_("{seat_name}: too few holders have the skill {skill} (with the skill: {have}, required: {needed})"),
                    legal_basis=basis,
                    remedy=N_("When {seat_name} is next filled, choose someone with the skill {skill}, or record the skill for a holder who has it"),
                    seat=s.id, details={"skill": skill, "min": needed, "have": have, "open": open_},
                    seat_name=s.name, skill=skill, have=have, needed=needed))
        if s.spread:
            places = {h.person.municipality for h in holders if h.person.municipality}
            if len(places) + open_ < s.spread:
                out.append(finding(
                    snap, "spread", WARNING,
                    N_("{seat_name}: the holders come from too few different municipalities (municipalities: {have}, required: {needed})"),
                    legal_basis=basis,
                    remedy=N_("When {seat_name} is next filled, choose someone from a municipality not yet represented"),
                    seat=s.id,
                    details={"min": s.spread, "have": len(places), "municipalities": sorted(places), "open": open_},
                    seat_name=s.name, have=len(places), needed=s.spread))
    return out
