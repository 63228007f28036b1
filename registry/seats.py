"""Open seats: which seats of a board are open on a date, from which day, and for which council group.

The one answer that ``boards``' ``open_seats``, ``vacancies``, ``board`` (CLI and UI) and the
annual report give; none of them counts seats itself.

A seat is open when its seat group has fewer members than seats (``seat-vacant``), or when its
member's eligibility lapsed: it is then open from the day after the office ended as held
(``eligibility-lapsed``'s ``vacant_from``, domain.md §2), though the member still sits until the
appointment is ended. A seat belongs to the council group it is allotted to for the period in
which it is open: a seat falling vacant on a later day belongs to the allotment in force on that
day, not to the one of the day asked about.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from registry.rules.eligibility import lapsed_from
from registry.snapshot import AllocationFact, BoardSnapshot, Holding
from registry.succession import successions

VACANT = "vacant"                       # fewer members than seats
LAPSED = "eligibility-lapsed"           # held by a member whose eligibility lapsed
TERM_ENDS = "term-ends"                 # falls vacant: the member's appointment ends, no successor


@dataclass(frozen=True)
class OpenSeat:
    seat: str
    seat_name: str
    open: int                           # how many seats of the group
    since: date                         # open from this day (the snapshot's date for a plain vacancy)
    allocation: AllocationFact | None   # the council group the seat is allotted to then
    reason: str = VACANT
    holder: Holding | None = None       # the member whose seat it is (lapsed, or whose term ends)


def allocation_for(snap: BoardSnapshot, seat: str, day: date) -> AllocationFact | None:
    """The allotment of ``seat`` in force on ``day`` (the latest to start, if several)."""
    found = [a for a in snap.allocations_on(day) if a.seat == seat]
    return max(found, key=lambda a: (a.start, a.id)) if found else None


def open_seats(snap: BoardSnapshot) -> tuple[OpenSeat, ...]:
    """The board's open seats on ``snap.on``, by seat group in the composition's order."""
    comp = snap.composition
    if comp is None:
        return ()
    out: list[OpenSeat] = []
    for s in comp.seats:
        members = snap.members_of(s.id)
        free = max(0, s.count - len(members))
        alloc = allocation_for(snap, s.id, snap.on)
        if free:
            out.append(OpenSeat(s.id, s.name, free, snap.on, alloc))
        lapsed = sorted(((d, h) for h in members if (d := lapsed_from(snap, h)) is not None),
                        key=lambda x: (x[0], x[1].appointment))
        # seats not held by an eligible member, beyond the plain vacancies
        room = max(0, s.count - (len(members) - len(lapsed)) - free)
        for d, h in lapsed[:room]:
            out.append(OpenSeat(s.id, s.name, 1, d, alloc, LAPSED, h))
    return tuple(out)


def open_count(snap: BoardSnapshot) -> int:
    """How many seats are open on ``snap.on`` (``boards``' ``open_seats``)."""
    return sum(o.open for o in open_seats(snap))


def open_by_seat(snap: BoardSnapshot) -> dict[str, list[OpenSeat]]:
    out: dict[str, list[OpenSeat]] = {}
    for o in open_seats(snap):
        out.setdefault(o.seat, []).append(o)
    return out


def falling_vacant(snap: BoardSnapshot, through: date) -> tuple[OpenSeat, ...]:
    """Seats held on ``snap.on`` that fall vacant after it, on or before ``through``: the member's
    appointment ends with no successor starting the next day, or the member's eligibility lapses
    while the appointment runs. Each belongs to the allotment in force on the day it falls vacant."""
    comp = snap.composition
    if comp is None or through <= snap.on:
        return ()
    out: list[OpenSeat] = []
    day = timedelta(days=1)
    for s in comp.seats:
        members = snap.members_of(s.id)
        # who takes over the day after: the holder's own re-appointment or a newcomer
        # (registry.succession), never another holder's re-appointment
        taken = successions([o for o in snap.history if o.seat == s.id and o.role == "member" and o.start > snap.on],
                            sitting=members)
        for h in members:
            if lapsed_from(snap, h) is not None:
                continue          # open already (open_seats)
            last = h.last_day
            since: date | None = None
            reason = TERM_ENDS
            lapse = lapsed_from(snap, h, through)
            if lapse is not None and snap.on < lapse <= through and (last is None or lapse <= last):
                since, reason = lapse, LAPSED
            elif last is not None and snap.on <= last < through:
                if snap.board.holdover and h.ended_date is None:
                    continue      # sits on until someone takes over: the seat never falls vacant
                nxt = taken.get(h.appointment)
                if nxt is None or nxt.start != last + day:
                    since = last + day
            if since is not None:
                out.append(OpenSeat(s.id, s.name, 1, since, allocation_for(snap, s.id, since), reason, h))
    return tuple(out)
