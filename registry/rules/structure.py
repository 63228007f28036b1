"""Structure: seats filled against the composition in force (seat-overfilled, seat-vacant,
board-size, board-size-odd, seat-share).

Counts are the members on the snapshot's date, holdovers included; deputies never count.
Without a composition in force on that date there is nothing to count against.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from fractions import Fraction
from typing import TYPE_CHECKING

from registry.findings import ERROR, WARNING, Finding
from registry.i18n import N_, N_n
from registry.rules._common import appointed_elsewhere, board_basis, finding, org_label, orgs_label

#: A number meets a noun: the form follows the number (ngettext), in each language.
_MEMBERS = N_n("{n} member", "{n} members")
_SEATS = N_n("{n} seat", "{n} seats")
_OVERFILLED = N_n("{seat_name} has {members} but only {count} seat", "{seat_name} has {members} but only {count} seats", "count")
_VACANT = N_n("{seat_name}: {open} of {seats} vacant", "{seat_name}: {open} of {seats} vacant", "open")

if TYPE_CHECKING:   # pragma: no cover
    from registry.snapshot import BoardSnapshot

RULES = ("seat-overfilled", "seat-vacant", "board-size", "board-size-odd", "seat-share")


def check(snap: "BoardSnapshot") -> list[Finding]:
    comp = snap.composition
    if comp is None:
        return []
    basis = board_basis(snap, comp)
    out: list[Finding] = []
    held = Counter(h.seat for h in snap.members)
    seats = {s.id: s for s in comp.seats}

    # -- per seat group -------------------------------------------------------------------
    full = True
    for s in comp.seats:
        k = held.get(s.id, 0)
        if k > s.count:
            out.append(finding(
                snap, "seat-overfilled", ERROR,
                _OVERFILLED, legal_basis=basis,
                remedy=N_("End {over} of the appointments to {seat_name}, or correct the composition"),
                seat=s.id, details={"count": s.count, "members": k, "over": k - s.count},
                seat_name=s.name, members=_MEMBERS.bind(k), count=s.count, over=k - s.count))
        elif k < s.count:
            full = False
            out.append(_vacant(snap, s, k, basis))
    # members of a seat group the composition in force does not have: a count of 0
    for seat_id, k in sorted(held.items()):
        if seat_id not in seats:
            out.append(finding(
                snap, "seat-overfilled", ERROR,
                _OVERFILLED, legal_basis=basis,
                remedy=N_("End {over} of the appointments to {seat_name}, or correct the composition"),
                seat=seat_id, details={"count": 0, "members": k, "over": k},
                seat_name=seat_id, members=_MEMBERS.bind(k), count=0, over=k))

    # -- the voting board -----------------------------------------------------------------
    voting = sum(k for seat_id, k in held.items() if seats.get(seat_id) is None or seats[seat_id].voting)
    too_big = comp.size_max is not None and voting > comp.size_max
    too_small = full and comp.size_min is not None and voting < comp.size_min
    if too_big or too_small:
        details = {"voting": voting, "min": comp.size_min, "max": comp.size_max}
        if too_big:
            out.append(finding(
                snap, "board-size", ERROR,
                N_n("The board has {voting} voting member; its composition allows at most {max}",
                    "The board has {voting} voting members; its composition allows at most {max}", "voting"),
                legal_basis=basis,
                remedy=N_("End voting appointments until at most {max} remain, or record the permission for a larger board in a new composition"),
                details=details, voting=voting, max=comp.size_max, over=voting - comp.size_max))
        else:
            out.append(finding(
                snap, "board-size", ERROR,
                N_n("The board has {voting} voting member; its composition asks for at least {min}",
                    "The board has {voting} voting members; its composition asks for at least {min}", "voting"),
                legal_basis=basis,
                remedy=N_("Appoint voting members until there are at least {min}, or correct the composition"),
                details=details, voting=voting, min=comp.size_min, missing=comp.size_min - voting))
    if comp.odd and full and voting % 2 == 0:
        out.append(finding(
            snap, "board-size-odd", ERROR,
            N_("The board has {voting} voting members; its composition demands an odd number"),
            legal_basis=basis,
            remedy=N_("Change the seat counts of the composition (with a new composition from the date it changes) so that the board has an odd number of voting seats"),
            details={"voting": voting, "odd": True}, voting=voting))

    # -- shares ---------------------------------------------------------------------------
    planned = sum(s.count for s in comp.seats if s.voting)
    whole = max(planned, voting)
    for s in comp.seats:
        if s.max_share is None or not s.voting or whole == 0:
            continue
        k = held.get(s.id, 0)
        limit = Fraction(repr(float(s.max_share))) * whole
        if k > limit:
            out.append(finding(
                snap, "seat-share", ERROR,
                N_("{seat_name} holds {members} of {voting} voting seats, more than its maximum share of {share:.0%}"),
                legal_basis=basis,
                remedy=N_("Reduce the members of {seat_name} or enlarge the rest of the board so that it holds at most {share:.0%} of the voting seats"),
                seat=s.id,
                details={"members": k, "voting": whole, "max_share": s.max_share},
                seat_name=s.name, members=k, voting=whole, share=float(s.max_share)))
    return out


def _vacant(snap: "BoardSnapshot", s, k: int, basis: str) -> Finding:
    """seat-vacant, naming the council group(s) the open seat is allotted to."""
    open_ = s.count - k
    # allotments not yet matched by a member named by that group
    filled_by = Counter(h.council_group for h in snap.members if h.seat == s.id and h.council_group)
    groups: dict[str, str] = {}
    pending: defaultdict[str, int] = defaultdict(int)
    for a in sorted(snap.allocations, key=lambda a: (a.start, a.id)):
        if a.seat != s.id or a.start > snap.on or (a.end is not None and a.end < snap.on):
            continue
        if filled_by.get(a.council_group, 0) > 0:
            filled_by[a.council_group] -= 1
            continue
        groups.setdefault(a.council_group, a.council_group_name or a.council_group)
        pending[a.council_group] += 1
    details = {"count": s.count, "members": k, "open": open_,
               "council_group": next(iter(groups), None)}
    if len(groups) > 1:
        details["council_groups"] = list(groups)
    params = dict(seat_name=s.name, members=k, count=s.count, open=open_, seats=_SEATS.bind(s.count))
    if groups:
        names = ", ".join(groups.values())
        return finding(
            snap, "seat-vacant", WARNING,
            N_n("{seat_name}: {open} of {seats} vacant, allotted to {council_group}",
                "{seat_name}: {open} of {seats} vacant, allotted to {council_group}", "open"),
            legal_basis=basis,
            remedy=N_("Ask {council_group} to name a person for {seat_name}"),
            seat=s.id, details=details, council_group=names, **params)
    if appointed_elsewhere(snap, s.appointed_by):
        return finding(
            snap, "seat-vacant", WARNING,
            _VACANT,
            legal_basis=basis,
            remedy=N_("Ask {appointer} whom it appoints to {seat_name}, and record the holder"),
            seat=s.id, details=details, appointer=org_label(snap, s.appointed_by), **params)
    if s.nominated_by:
        return finding(
            snap, "seat-vacant", WARNING,
            _VACANT,
            legal_basis=basis,
            remedy=N_("Ask {nominators} for a nomination and appoint a member to {seat_name}"),
            seat=s.id, details=details, nominators=orgs_label(snap, s.nominated_by), **params)
    return finding(
        snap, "seat-vacant", WARNING,
        _VACANT,
        legal_basis=basis,
        remedy=N_("Appoint a member to {seat_name}, or allot the seat to a council group"),
        seat=s.id, details=details, **params)
