"""Who takes over from whom in a seat group: the one place successors are worked out.

Used for the members on a date of a holdover board (:func:`registry.snapshot.board_on`), for
``term-ending`` (is a successor appointed?) and for the seats ``vacancies --within`` sees fall
vacant. Pure: plain holdings in, a mapping out; no database, no clock.

The rule (domain.md §2, holdover; issue 11):

* A member appointment starting on day *s* is a **continuation** when its person is still one of
  the seat group's holders (their latest appointment in the group has not been taken over by
  anyone): a re-appointment replaces only the person's own earlier appointment, never another
  holder's.
* Any other member appointment is a **newcomer**. A newcomer takes over from one holder who has
  left by *s* (whose last day is before *s*) and has not been taken over yet: first from those
  not re-appointed later (a re-appointment after a gap is still its person's own), then from
  those whose term ended (on a holdover board they sit on until then) before those who left
  early (a seat left vacant), and the earliest to leave first. With nobody to take over from,
  the newcomer fills a free seat.
* Appointments starting on the same day: continuations first, then newcomers by id.

So with three seats held by A, B and C to 31 March, A and B re-appointed from 1 April and C's
successor not named, C is the only holder nobody has taken over from: C sits on (holdover); a
newcomer D from 1 May takes over from C.

Members never outnumber the seats: a newcomer with someone to take over from replaces them, and
one with nobody to take over from joins only while every holder not taken over is still running,
so when the running appointments of a group never exceed its count (and nobody holds it twice at
once), neither do its members on any date, holdovers included.
"""

from __future__ import annotations

from datetime import date
from itertools import groupby
from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:   # pragma: no cover
    from registry.snapshot import Holding




def successions(arrivals: Iterable["Holding"], sitting: Iterable["Holding"] = ()) -> dict[str, "Holding"]:
    """Appointment id → the appointment that took over from it, for one seat group's members.

    ``arrivals`` are the group's member appointments in any order; ``sitting`` the holders
    already in the group before the first of them (e.g. the members on a date, when only the
    later appointments are given as arrivals). An appointment missing from the answer has not
    been taken over (by any of ``arrivals``).
    """
    latest: dict[str, "Holding"] = {h.person.id: h for h in sorted(sitting, key=lambda h: (h.start, h.appointment))}
    current: dict[str, "Holding"] = {h.appointment: h for h in latest.values()}   # not taken over yet
    out: dict[str, "Holding"] = {}
    ordered = sorted(arrivals, key=lambda h: (h.start, h.appointment))
    last_start: dict[str, date] = {}
    for h in ordered:
        last_start[h.person.id] = h.start

    def order(h: "Holding") -> tuple:
        """Whom a newcomer takes over from first: holders who are not re-appointed later, ended
        terms before early leavers, the earliest to leave."""
        returns = last_start.get(h.person.id, date.min) > h.start
        return (returns, h.ended_date is not None, h.last_day, h.start, h.appointment)

    for start, group in groupby(ordered, key=lambda h: h.start):
        newcomers: list["Holding"] = []
        for n in group:
            prev = latest.get(n.person.id)
            if prev is not None and prev.appointment in current and prev.appointment != n.appointment:
                out[prev.appointment] = n          # a continuation: the person's own earlier appointment
                del current[prev.appointment]
                latest[n.person.id] = n
                current[n.appointment] = n
            elif prev is None or prev.appointment != n.appointment:
                newcomers.append(n)
        for n in newcomers:
            left = [h for h in current.values() if h.last_day is not None and h.last_day < start]
            if left:
                gone = min(left, key=order)
                out[gone.appointment] = n
                del current[gone.appointment]
            latest[n.person.id] = n
            current[n.appointment] = n
    return out


def holdovers(members: Iterable["Holding"], on: date) -> list["Holding"]:
    """The members of one seat group who sit on in holdover on ``on``: their term ended before
    ``on`` (not ended early), and nobody has taken over from them by ``on``.

    ``members`` are all the group's member appointments, those starting after ``on`` included:
    a holder re-appointed later is their own continuation, so a newcomer takes over from a
    holder who is not coming back first."""
    hs = list(members)
    taken = successions(hs)
    return [h for h in hs
            if h.start <= on and h.ended_date is None and h.end is not None and h.end < on
            and (h.appointment not in taken or taken[h.appointment].start > on)]
