"""iCalendar (RFC 5545) of term ends, nomination deadlines and meetings, for Outlook and others.

Every event is all-day (``DTSTART;VALUE=DATE``) with a UID made from what it is about, so a
calendar that imports the file twice updates the events instead of doubling them. ``DTSTAMP``
is the day given as ``stamp`` (the CLI passes today), so the same registry and dates give the
same file.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date, datetime, time, timedelta, timezone

from sqlalchemy import select

from registry import model as m
from registry import service
from registry.db import read_session
from registry.i18n import _
from registry.reports.common import load_names
from registry.snapshot import holder_name

DOMAIN = "udpeg"


def uid(*parts: object) -> str:
    text = "-".join(str(p) for p in parts)
    return re.sub(r"[^A-Za-z0-9.-]+", "-", text).strip("-").lower() + "@" + DOMAIN


def events(ctx, first: date, last: date) -> list[dict]:
    """The events between ``first`` and ``last`` (inclusive), sorted by date and UID."""
    names = load_names(ctx)
    out: list[dict] = []
    snaps = service.snapshots(ctx, first)
    for snap in snaps.values():
        seat_names = {s.id: s.name for c in snap.compositions for s in c.seats}
        ending: dict[date, list] = defaultdict(list)
        for h in snap.history:
            d = h.last_day
            if h.role == "member" and d is not None and first <= d <= last:
                ending[d].append(h)
        for d, hs in ending.items():
            hs.sort(key=lambda h: (seat_names.get(h.seat, h.seat), h.person.name))
            lines = [f"{holder_name(h.person)} — {seat_names.get(h.seat, h.seat)}" for h in hs]
            out.append({"uid": uid("term-end", snap.board.id, d.isoformat()), "date": d, "kind": "term-end",
                        "summary": _("Terms end: {board} ({n})", board=snap.board.name, n=len(hs)),
                        "description": _("Last day in office:") + "\n" + "\n".join(lines), "location": ""})
    with read_session(ctx.engine) as s:
        N, B = m.Nomination.__table__.c, m.Board.__table__.c
        deadlines: dict[tuple, dict] = {}
        q = (select(N.board, B.name, N.seat, N.deadline, N.organisations).join(m.Board.__table__, B.id == N.board)
             .where(N.deadline.is_not(None), N.deadline >= first, N.deadline <= last))
        seat_names = dict(((b, sid), name) for b, sid, name in s.execute(
            select(m.Composition.board, m.SeatGroup.seat, m.SeatGroup.name)
            .join(m.Composition, m.Composition.pk == m.SeatGroup.composition)))
        for r in s.execute(q):
            key = (r.board, r.seat, r.deadline)
            ev = deadlines.setdefault(key, {"board": r.board, "board_name": r.name, "seat": r.seat,
                                            "date": r.deadline, "orgs": set()})
            ev["orgs"] |= set(r.organisations or ())
        for (b, seat, d), ev in deadlines.items():
            seat_name = seat_names.get((b, seat), seat)
            orgs = sorted(names.org(o) for o in ev["orgs"])
            out.append({"uid": uid("nomination-deadline", b, seat, d.isoformat()), "date": d, "kind": "deadline",
                        "summary": _("Nomination deadline: {board} — {seat}", board=ev["board_name"], seat=seat_name),
                        "description": _("Nominations due from: {orgs}", orgs=", ".join(orgs)) if orgs else "",
                        "location": ""})
        Mt = m.Meeting.__table__.c
        for r in s.execute(select(Mt.id, Mt.body, Mt.date, Mt.place).where(Mt.date >= first, Mt.date <= last)):
            out.append({"uid": uid("meeting", r.id), "date": r.date, "kind": "meeting",
                        "summary": _("Meeting: {body}", body=names.org(r.body)), "description": "",
                        "location": r.place or ""})
    out.sort(key=lambda e: (e["date"], e["uid"]))
    return out


def build(ctx, first: date, last: date, stamp: date) -> bytes:
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//Udpeg//Udpeg calendar//DA")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    names = load_names(ctx)
    cal.add("x-wr-calname", _("{registry}: appointments", registry=names.registry or "Udpeg"))
    dtstamp = datetime.combine(stamp, time(0, 0), tzinfo=timezone.utc)
    for e in events(ctx, first, last):
        ev = Event()
        ev.add("uid", e["uid"])
        ev.add("dtstamp", dtstamp)
        ev.add("dtstart", e["date"])
        ev.add("dtend", e["date"] + timedelta(days=1))
        ev.add("summary", e["summary"])
        if e["description"]:
            ev.add("description", e["description"])
        if e["location"]:
            ev.add("location", e["location"])
        ev.add("categories", [e["kind"]])
        ev.add("transp", "TRANSPARENT")
        cal.add_component(ev)
    return cal.to_ical()
