"""Terms: term-invalid, term-overlap, term-pattern, term-ending, holdover, term-limit.

Judged for the appointments on the board on the snapshot's date (members including holdovers,
and deputies), against the board's term pattern (:mod:`registry.terms`) and its history.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from registry.findings import ERROR, INFO, WARNING, Finding
from registry.i18n import N_
from registry.rules._common import OPEN_END, board_basis, finding, other_appointer, seat_label
from registry.succession import successions
from registry.terms import consecutive_terms, fits_pattern, period_containing

if TYPE_CHECKING:   # pragma: no cover
    from registry.snapshot import BoardSnapshot, Holding

RULES = ("term-invalid", "term-overlap", "term-pattern", "term-ending", "holdover", "term-limit")


def check(snap: "BoardSnapshot") -> list[Finding]:
    comp = snap.composition
    basis = board_basis(snap, comp)
    by_id = {h.appointment: h for h in snap.history}
    out: list[Finding] = []
    seat_name = lambda seat: seat_label(comp, seat)   # noqa: E731

    # term-invalid: a deputy's dates outside its member's
    for d in snap.deputies:
        m = by_id.get(d.deputy_for) if d.deputy_for else None
        if m is None:
            continue
        m_last, d_last = m.last_day, d.last_day
        if d.start < m.start or (m_last is not None and (d_last is None or d_last > m_last)):
            out.append(finding(
                snap, "term-invalid", ERROR,
                N_("The deputy appointment of {person} ({start} – {end}) runs outside the appointment of the member it stands in for ({member_start} – {member_end})"),
                legal_basis=basis,
                remedy=N_("Correct the dates of the deputy appointment so that they fall within those of {member}"),
                holding=d,
                details={"deputy_start": d.start, "deputy_end": d_last, "member_start": m.start,
                         "member_end": m_last, "member_appointment": m.appointment},
                start=d.start, end=_show(d_last), member_start=m.start, member_end=_show(m_last),
                member=m.person.name, seat_name=seat_name(d.seat)))

    # term-overlap: the same person twice in one seat group, or a deputy for two members at once
    twice: dict[tuple[str, str], list["Holding"]] = defaultdict(list)
    for h in snap.members:
        twice[(h.seat, h.person.id)].append(h)
    for (seat, _), hs in sorted(twice.items()):
        if len(hs) > 1:
            ids = sorted(h.appointment for h in hs)
            out.append(finding(
                snap, "term-overlap", ERROR,
                N_("{person} holds {count} appointments to {seat_name} at the same time"),
                legal_basis=basis,
                remedy=N_("End or correct the overlapping appointments of {person} to {seat_name}"),
                holding=max(hs, key=lambda h: (h.start, h.appointment)),
                details={"appointments": ids, "kind": "member"},
                count=len(hs), seat_name=seat_name(seat)))
    stand_ins: dict[str, list["Holding"]] = defaultdict(list)
    for d in snap.deputies:
        stand_ins[d.person.id].append(d)
    for _, ds in sorted(stand_ins.items()):
        members = {d.deputy_for or d.appointment for d in ds}
        if len(ds) > 1:
            ids = sorted(d.appointment for d in ds)
            out.append(finding(
                snap, "term-overlap", ERROR,
                N_("{person} is deputy for {count} members at the same time"),
                legal_basis=basis,
                remedy=N_("Keep {person} as deputy for one member only, and appoint another deputy for the rest"),
                holding=max(ds, key=lambda h: (h.start, h.appointment)),
                details={"appointments": ids, "kind": "deputy", "members": sorted(members)},
                count=len(ds), seat_name=seat_name(ds[0].seat)))

    # term-pattern: dates that do not fit the board's term pattern
    pattern = snap.board.term
    for h in (*snap.members, *snap.deputies):
        if h.status == "holdover" or fits_pattern(pattern, h.start, h.end):
            continue
        period = period_containing(pattern, h.start)
        out.append(finding(
            snap, "term-pattern", INFO,
            N_("The appointment of {person} ({start} – {end}) does not follow the board's term ({period_start} – {period_end})"),
            legal_basis=basis,
            remedy=N_("Check the dates; a replacement in mid-term is normal, otherwise correct them to the term"),
            holding=h,
            details={"start": h.start, "end": h.end, "pattern": str(pattern),
                     "period_start": period.start if period else None, "period_end": period.end if period else None},
            start=h.start, end=_show(h.end), period_start=_show(period.start if period else None),
            period_end=_show(period.end if period else None), seat_name=seat_name(h.seat)))

    # term-ending: ends within the warning window with no successor appointed
    window = snap.term_warning_days
    ending: dict[str, list["Holding"]] = defaultdict(list)
    for h in snap.members:
        last = h.last_day
        if h.status != "holdover" and last is not None and 0 <= (last - snap.on).days <= window:
            ending[h.seat].append(h)
    if ending:
        # a successor: the person's own re-appointment, or a newcomer to the seat group taking
        # over from them (registry.succession) — another holder's re-appointment is not one
        later: dict[str, list["Holding"]] = defaultdict(list)
        for h in snap.history:
            if h.role == "member" and h.seat in ending and h.start > snap.on:
                later[h.seat].append(h)
        for seat, hs in sorted(ending.items()):
            taken = successions(later.get(seat, ()), sitting=snap.members_of(seat))
            for h in sorted(hs, key=lambda h: (h.last_day, h.appointment)):
                if h.appointment in taken:
                    continue
                days = (h.last_day - snap.on).days
                appointer = other_appointer(snap, comp, seat)
                out.append(finding(
                    snap, "term-ending", INFO,
                    N_("The appointment of {person} to {seat_name} ends on {end}, and no successor is appointed"),
                    legal_basis=basis,
                    remedy=(N_("Ask {appointer} whom it appoints to {seat_name} after {end}, and record the holder")
                            if appointer else N_("Prepare the next appointment to {seat_name}: ask for nominations or reappoint")),
                    holding=h, details={"end": h.last_day, "days_left": days, "window": window},
                    end=h.last_day, days=days, seat_name=seat_name(seat), appointer=appointer))

    # holdover: sitting on past the term end
    for h in snap.members:
        if h.status == "holdover":
            over = (snap.on - h.end).days if h.end else 0
            appointer = other_appointer(snap, comp, h.seat)
            out.append(finding(
                snap, "holdover", INFO,
                N_("{person} sits on in {seat_name} after the term ended on {end}, awaiting a successor"),
                legal_basis=basis,
                remedy=(N_("Ask {appointer} whom it appoints to {seat_name} for the new term, and record the holder")
                        if appointer else N_("Appoint a successor to {seat_name}, or reappoint {person}")),
                holding=h, details={"term_end": h.end, "days_over": over},
                end=h.end, seat_name=seat_name(h.seat), appointer=appointer))

    # term-limit: more consecutive terms than allowed
    limit = snap.board.max_consecutive_terms
    if limit and limit > 0:
        spans: dict[str, list[tuple]] = defaultdict(list)
        for h in snap.history:
            if h.role == "member" and h.start <= snap.on:
                spans[h.person.id].append((h.start, h.last_day))
        seen: set[str] = set()
        for h in snap.members:
            if h.person.id in seen:
                continue
            seen.add(h.person.id)
            terms = consecutive_terms(pattern, [(s, e) for s, e in spans[h.person.id] if e is None or e >= s])
            if terms > limit:
                appointer = other_appointer(snap, snap.composition, h.seat)
                out.append(finding(
                    snap, "term-limit", WARNING,
                    N_("{person} is serving consecutive term number {terms}; the board allows at most {limit}"),
                    legal_basis=basis,
                    remedy=(N_("Tell {appointer} that {person} may not serve another term in {seat_name}, and record "
                               "whom it appoints when the term ends") if appointer else
                            N_("Appoint someone else to {seat_name} when the term ends")),
                    holding=h, details={"terms": terms, "max": limit},
                    terms=terms, limit=limit, seat_name=seat_name(h.seat), appointer=appointer))
    return out


def _show(d):
    """A date for a template, or an open end (formats as "…" whatever the date format asked)."""
    return d if d is not None else OPEN_END
