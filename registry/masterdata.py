"""Master data kept by the secretariat: organisations, boards, offices, meetings and their agenda
items, council groups and seat allotments (issue 16).

One path for writes, as :mod:`registry.service`: every value is checked by the dataset
validators (:mod:`registry.dataset.schema`), so a refused value gets the sentence a dataset load
would give; references are checked against the registry; the change is written and audited in one
transaction (``db.write_session``); an edit states what it read — the ``version`` of a board or
person, the row as read for records without one — and a mismatch is a conflict (exit 3), nothing
written. Ids are made from names: the secretariat never types one.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from registry.db import ConflictError, RegistryError, read_session, write_session
from registry.i18n import _, format_day
from registry.service import Context, NotFound, _row, audit, m

# --- validation as a load does it ----------------------------------------------------------------


def _checked(kind: str, record: dict) -> dict:
    """``record`` normalised by the dataset validator of ``kind``, or a RegistryError (exit 2)
    with the loader's sentence for each problem (its place relative to the record)."""
    from registry.dataset.schema import FORMAT, validate

    ds, problems = validate({"format": FORMAT, kind: [record]})
    if problems:
        prefix = f"{kind}[0]"
        parts = []
        for p in problems:
            place = p.place[len(prefix):].lstrip(".") if p.place.startswith(prefix) else p.place
            parts.append(f"{place}: {p.message}" if place else p.message)
        raise RegistryError("; ".join(parts))
    return {k: v for k, v in ds.records[kind][0].items() if not k.startswith("_")}


def _fields(fields: dict, allowed: set[str]) -> dict:
    """The given fields that the record has; text stripped, empty optional text left out."""
    out = {}
    for k, v in fields.items():
        if k not in allowed:
            raise RegistryError(_("unknown key {key}", key=repr(k)))
        if isinstance(v, str):
            v = v.strip()
        out[k] = v
    return out


def slug(name: str) -> str:
    """An id from a name: lowercase ASCII letters, digits and '-' (æ → ae, ø → oe, å → aa)."""
    s = name.lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    return s[:60].rstrip("-") or "x"


def _free_id(s: Session, model: Any, base: str) -> str:
    candidate, n = base, 1
    while s.get(model, candidate) is not None:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def _same_as_read(row: Any, expected: dict | None, what: str, rid: str) -> None:
    """Refuse (exit 3) when a record without a version column differs from the row as read."""
    if expected is None:
        return
    now = _row(row)
    if any(now.get(k) != v for k, v in expected.items() if k in now):
        raise ConflictError(_("Someone else changed {what} {id} first; nothing was written. Reload and try again.",
                              what=what, id=rid))


def _must_exist(s: Session, model: Any, value: str | None, message: str) -> None:
    if value and s.get(model, value) is None:
        raise NotFound(message)


def _as_date(v: Any) -> Any:
    """A typed date as a date when it is one (for making ids); otherwise as given, for the validator."""
    from registry.terms import parse_date

    if isinstance(v, str):
        try:
            return parse_date(v.strip())
        except ValueError:
            return v
    return v


def _add(s: Session, ctx: Context, model: Any, section: str, entity: str, rid: str, values: dict,
         taken: str, check: Any = None) -> Any:
    """Insert a record of a dataset ``section`` (validated as a load is), audited as ``add``."""
    if s.get(model, rid) is not None:
        raise ConflictError(taken)
    rec = _checked(section, {"id": rid, **{k: v for k, v in values.items() if v is not None}})
    if check is not None:
        check(rec)
    row = model(**rec)
    s.add(row)
    s.flush()
    audit(s, ctx.actor, "add", entity, rid, after=_row(row))
    return row


def _edit(s: Session, ctx: Context, model: Any, section: str, entity: str, rid: str, values: dict,
          expected: dict | None, what: str, missing: str, columns: tuple[str, ...], check: Any = None) -> Any:
    """Change ``columns`` of a record as read (``expected``; a conflict if it changed), the merged
    record validated as a load is, audited as ``edit``."""
    row = s.get(model, rid)
    if row is None:
        raise NotFound(missing)
    _same_as_read(row, expected, what, rid)
    before = _row(row)
    merged = {**{k: v for k, v in before.items() if v is not None and k in columns + ("id",)}, **values}
    rec = _checked(section, {k: v for k, v in merged.items() if v is not None})
    if check is not None:
        check(rec)
    for k in columns:
        setattr(row, k, rec.get(k))
    s.flush()
    audit(s, ctx.actor, "edit", entity, rid, before=before, after=_row(row))
    return row


def _registry_kkr(s: Session) -> str:
    info = s.get(m.RegistryInfo, 1)
    return (info.kkr if info else "") or "nordjylland"


# --- organisations -----------------------------------------------------------------------------


def organisations(ctx: Context, search: str | None = None) -> list[dict]:
    """Organisations by name: id, name, kind, kkr, and how many seat groups and meetings use them."""
    O = m.Organisation
    q = select(O).order_by(func.lower(O.name), O.id)
    if search:
        like = f"%{search.lower()}%"
        q = q.where(or_(func.lower(O.name).like(like), O.id.like(like), O.kind.like(like)))
    with read_session(ctx.engine) as s:
        return [_row(o) for o in s.execute(q).scalars()]


def save_organisation(ctx: Context, org_id: str | None, fields: dict, expected: dict | None = None,
                      create: bool = False) -> dict:
    """Add an organisation (``create``; its id made from the name unless given) or edit one.

    ``fields``: name, kind (business | knowledge | labour | region | municipality | ministry | kkr |
    council-group | other), kkr (for kind kkr). ``expected`` is the row as read (a conflict if it changed).
    """
    values = _fields(fields, {"name", "kind", "kkr"})
    if values.get("kkr") == "":
        values["kkr"] = None
    with write_session(ctx.engine) as s:
        if create:
            oid = org_id or _free_id(s, m.Organisation, slug(str(values.get("name") or "")))
            row = _add(s, ctx, m.Organisation, "organisations", "organisation", oid, values,
                       _("There is already an organisation with id {id}; nothing was written.", id=oid))
        else:
            oid = org_id or ""
            row = _edit(s, ctx, m.Organisation, "organisations", "organisation", oid, values, expected,
                        _("organisation"), _("There is no organisation with id {id}.", id=oid), ("name", "kind", "kkr"))
        return _row(row)


# --- boards ------------------------------------------------------------------------------------

BOARD_FIELDS = {"name", "legal_basis", "url", "term", "term_anchor", "statutory", "decision_making", "holdover",
                "max_consecutive_terms", "kkr"}


def board_record(ctx: Context, board_id: str) -> dict:
    """A board's own fields (no seats), with its version, for the edit form."""
    with read_session(ctx.engine) as s:
        b = s.get(m.Board, board_id)
        if b is None:
            raise NotFound(_("There is no board with id {id}. `udpeg boards` lists them.", id=board_id))
        return _row(b)


def save_board(ctx: Context, board_id: str | None, fields: dict, expected_version: int | None = None,
               create: bool = False) -> dict:
    """Create a board (without seats: a composition gives it those) or edit one's own fields.

    ``fields``: name, legal_basis, url, term (kkr | municipal | custom | years:N with
    term_anchor), statutory, decision_making, holdover, max_consecutive_terms, kkr.
    """
    values = _fields(fields, BOARD_FIELDS)
    with write_session(ctx.engine) as s:
        if create:
            bid = board_id or _free_id(s, m.Board, slug(str(values.get("name") or "")))
            if s.get(m.Board, bid) is not None:
                raise ConflictError(_("There is already a board with id {id}; nothing was written.", id=bid))
            rec = _checked("boards", {"id": bid, **{k: v for k, v in values.items() if v is not None}})
            rec.pop("compositions")
            rec["kkr"] = rec.get("kkr") or _registry_kkr(s)
            row = m.Board(**rec)
            s.add(row)
            s.flush()
            audit(s, ctx.actor, "add", "board", bid, board=bid, after=_row(row))
        else:
            bid = board_id or ""
            row = s.get(m.Board, bid)
            if row is None:
                raise NotFound(_("There is no board with id {id}. `udpeg boards` lists them.", id=bid))
            before = _row(row)
            merged = {**{k: v for k, v in before.items() if k in BOARD_FIELDS | {"id"} and v is not None}, **values}
            rec = _checked("boards", {k: v for k, v in merged.items() if v is not None})
            new = {k: rec[k] if k != "kkr" else (rec.get("kkr") or before["kkr"]) for k in BOARD_FIELDS}
            version = row.version if expected_version is None else expected_version
            res = s.execute(update(m.Board).where(m.Board.id == bid, m.Board.version == version)
                            .values(**new, version=version + 1))
            if res.rowcount != 1:
                raise ConflictError(_("Someone else changed board {id} first; nothing was written. Reload and try again.",
                                      id=bid))
            s.refresh(row)
            audit(s, ctx.actor, "edit", "board", bid, board=bid, before=before, after=_row(row))
        return _row(row)


def retire_board(ctx: Context, board_id: str, on: date, expected_version: int | None = None) -> dict:
    """Retire a board from ``on``: its seat rules end the day before (no seats, so no vacancies
    from then), and every appointment still running on ``on`` ends the day before (reason
    ``other``). Refused when seat rules or appointments start on or after ``on`` (end them first)."""
    from registry.service import _end_in_session

    last = on - timedelta(days=1)
    with write_session(ctx.engine) as s:
        row = s.get(m.Board, board_id)
        if row is None:
            raise NotFound(_("There is no board with id {id}. `udpeg boards` lists them.", id=board_id))
        version = row.version if expected_version is None else expected_version
        if row.version != version:
            raise ConflictError(_("Someone else changed board {id} first; nothing was written. Reload and try again.",
                                  id=board_id))
        C, A = m.Composition, m.Appointment
        comps = list(s.execute(select(C).where(C.board == board_id)).scalars())
        if not comps:
            raise RegistryError(_("Board {board} has no seat rules to end; there is nothing to retire.",
                                  board=row.name))
        if any(c.valid_from >= on for c in comps) or \
                s.execute(select(A.id).where(A.board == board_id, A.start >= on)).first() is not None:
            raise RegistryError(_("Board {board} has seat rules or appointments that start on or after {on}; "
                                  "nothing was written.", board=row.name, on=format_day(on)))
        if all(c.valid_to is not None and c.valid_to < on for c in comps):
            raise RegistryError(_("Board {board} has no seat rules on {on}; it is retired already.",
                                  board=row.name, on=format_day(on)))
        ended = []
        for a in s.execute(select(A).where(A.board == board_id, A.ended_date.is_(None),
                                           or_(A.end.is_(None), A.end >= on)).order_by(A.id)).scalars():
            _end_in_session(s, ctx.actor, a.id, last, "other", None, _("The board was retired."))
            ended.append(a.id)
        for c in comps:
            if c.valid_to is None or c.valid_to >= on:
                before = _row(c)
                c.valid_to = last
                s.flush()
                audit(s, ctx.actor, "retire", "composition", str(c.pk), board=board_id, before=before, after=_row(c))
        s.execute(update(m.Board).where(m.Board.id == board_id).values(version=version + 1))
        s.flush()
        audit(s, ctx.actor, "retire", "board", board_id, board=board_id, after={"retired": on, "ended": ended})
        return {"board": board_id, "retired": on, "ended": ended}


# --- offices -----------------------------------------------------------------------------------


def _person_for_write(s: Session, person_id: str, expected_version: int | None) -> Any:
    p = s.get(m.Person, person_id)
    if p is None:
        raise NotFound(_("There is no person with id {id}. `udpeg people --search NAME` finds people.", id=person_id))
    version = p.version if expected_version is None else expected_version
    res = s.execute(update(m.Person).where(m.Person.id == person_id, m.Person.version == version)
                    .values(version=version + 1))
    if res.rowcount != 1:
        raise ConflictError(_("Someone else changed person {id} first; nothing was written. Reload and try again.",
                              id=person_id))
    return p


def office_bodies(ctx: Context) -> list[dict]:
    """What an office can be held in: municipalities, then regions and KKRs (organisations), by name."""
    with read_session(ctx.engine) as s:
        out = [{"id": r.id, "name": r.name, "kind": "municipality"}
               for r in s.execute(select(m.Municipality).order_by(m.Municipality.name)).scalars()]
        out += [{"id": r.id, "name": r.name, "kind": r.kind} for r in s.execute(
            select(m.Organisation).where(m.Organisation.kind.in_(("region", "kkr"))).order_by(m.Organisation.name)).scalars()]
    return out


def add_office(ctx: Context, person_id: str, office: str, body: str, start: date | str, end: date | str | None = None,
               expected_version: int | None = None) -> dict:
    """Record that a person holds an office (council-member, mayor, regional-council-member,
    kkr-member) in ``body`` from ``start`` (to ``end``). Eligibility follows at once."""
    rec = {"office": office, "body": body, "start": start}
    if end not in (None, ""):
        rec["end"] = end
    checked = _checked("people", {"id": person_id or "-", "name": "-", "offices": [rec]})["offices"][0]
    checked = {k: v for k, v in checked.items() if not k.startswith("_")}
    with write_session(ctx.engine) as s:
        _person_for_write(s, person_id, expected_version)
        if s.get(m.Municipality, checked["body"]) is None and s.get(m.Organisation, checked["body"]) is None:
            raise NotFound(_("There is no municipality or organisation with id {id}.", id=checked["body"]))
        row = m.Office(person=person_id, **checked)
        s.add(row)
        s.flush()
        audit(s, ctx.actor, "add", "office", person_id, after=_row(row))
    from registry.service import person

    return person(ctx, person_id)


def end_office(ctx: Context, person_id: str, office_pk: int, on: date, expected_version: int | None = None) -> dict:
    """End an office on ``on`` (its last day)."""
    with write_session(ctx.engine) as s:
        _person_for_write(s, person_id, expected_version)
        o = s.get(m.Office, office_pk)
        if o is None or o.person != person_id:
            raise NotFound(_("{person} holds no such office.", person=person_id))
        rec = {"office": o.office, "body": o.body, "start": o.start, "end": on}
        _checked("people", {"id": person_id, "name": "-", "offices": [rec]})
        if o.end is not None and o.end < on:
            raise RegistryError(_("The office already ended on {end}.", end=format_day(o.end)))
        before = _row(o)
        o.end = on
        s.flush()
        audit(s, ctx.actor, "end", "office", person_id, before=before, after=_row(o))
    from registry.service import person

    return person(ctx, person_id)


def person_offices(ctx: Context, person_id: str) -> list[dict]:
    """A person's offices with their keys (for ending one) and the body's name."""
    with read_session(ctx.engine) as s:
        rows = list(s.execute(select(m.Office).where(m.Office.person == person_id)
                              .order_by(m.Office.start, m.Office.pk)).scalars())
        names = {}
        for o in rows:
            b = s.get(m.Municipality, o.body) or s.get(m.Organisation, o.body)
            names[o.body] = b.name if b is not None else o.body
        return [{**_row(o), "body_name": names[o.body]} for o in rows]


# --- meetings and agenda items ------------------------------------------------------------------


def meetings(ctx: Context) -> list[dict]:
    """Meetings, newest first, with the body's name and the agenda items."""
    M, O = m.Meeting, m.Organisation
    with read_session(ctx.engine) as s:
        return [{**_row(r), "body_name": name or r.body, "items": list(r.items or [])}
                for r, name in s.execute(select(M, O.name).outerjoin(O, O.id == M.body)
                                         .order_by(M.date.desc(), M.id))]


def save_meeting(ctx: Context, meeting_id: str | None, fields: dict, expected: dict | None = None,
                 create: bool = False) -> dict:
    """Create a meeting (body = an organisation, date, place; id made from body and date) or edit one."""
    values = _fields(fields, {"body", "date", "place"})
    if values.get("place") == "":
        values["place"] = None
    with write_session(ctx.engine) as s:
        if create:
            when = _as_date(values.get("date"))
            base = slug(f"{values.get('body') or ''}-{when.isoformat() if isinstance(when, date) else when or ''}")
            mid = meeting_id or _free_id(s, m.Meeting, base)
        else:
            mid = meeting_id or ""

        def body_exists(rec: dict) -> None:
            _must_exist(s, m.Organisation, rec["body"], _("There is no organisation with id {id}.", id=rec["body"]))

        if create:
            row = _add(s, ctx, m.Meeting, "meetings", "meeting", mid, values,
                       _("There is already a meeting with id {id}; nothing was written.", id=mid), body_exists)
        else:
            row = _edit(s, ctx, m.Meeting, "meetings", "meeting", mid, values, expected, _("meeting"),
                        _("There is no meeting with id {id}.", id=mid), ("body", "date", "place"), body_exists)
        return _row(row)


def add_agenda_item(ctx: Context, meeting_id: str, item: str, case: str | None = None, title: str | None = None,
                    expected: dict | None = None) -> dict:
    """Add an agenda item (its number, case number and title) to a meeting."""
    with write_session(ctx.engine) as s:
        row = s.get(m.Meeting, meeting_id)
        if row is None:
            raise NotFound(_("There is no meeting with id {id}.", id=meeting_id))
        _same_as_read(row, expected, _("meeting"), meeting_id)
        before = _row(row)
        new = {"item": (item or "").strip()}
        for k, v in (("case", case), ("title", title)):
            if v is not None and str(v).strip():
                new[k] = str(v).strip()
        items = list(row.items or []) + [new]
        rec = _checked("meetings", {"id": row.id, "body": row.body, "date": row.date, "items": items})
        row.items = rec["items"]
        s.flush()
        audit(s, ctx.actor, "add-item", "meeting", meeting_id, before=before, after=_row(row))
        return _row(row)


# --- council groups and allotments ---------------------------------------------------------------


def council_groups(ctx: Context, on: date | None = None) -> list[dict]:
    """Council groups by period (newest first), then name; with ``on``, those whose period holds it."""
    G = m.CouncilGroup
    q = select(G).order_by(G.period_start.desc(), func.lower(G.name), G.id)
    if on is not None:
        q = q.where(G.period_start <= on, G.period_end >= on)
    with read_session(ctx.engine) as s:
        return [_row(g) for g in s.execute(q).scalars()]


def save_council_group(ctx: Context, group_id: str | None, fields: dict, expected: dict | None = None,
                       create: bool = False) -> dict:
    """Create a council group for a period (name, period_start, period_end, parties, members, kkr)
    or edit one; the id is made from the name and the period's first year."""
    values = _fields(fields, {"name", "kkr", "period_start", "period_end", "parties", "members"})
    if isinstance(values.get("parties"), str):
        values["parties"] = [p.strip() for p in re.split(r"[,\s]+", values["parties"]) if p.strip()]
    if values.get("members") == "":
        values["members"] = None
    with write_session(ctx.engine) as s:
        if create:
            values["kkr"] = values.get("kkr") or _registry_kkr(s)
            start = _as_date(values.get("period_start"))
            year = start.year if isinstance(start, date) else str(start or "")[:4]
            gid = group_id or _free_id(s, m.CouncilGroup, slug(f"{values.get('name') or ''}-{year}"))
            row = _add(s, ctx, m.CouncilGroup, "council_groups", "council-group", gid, values,
                       _("There is already a council group with id {id}; nothing was written.", id=gid))
        else:
            gid = group_id or ""
            row = _edit(s, ctx, m.CouncilGroup, "council_groups", "council-group", gid, values, expected,
                        _("council group"), _("There is no council group with id {id}.", id=gid),
                        ("name", "kkr", "period_start", "period_end", "parties", "members"))
        return _row(row)


def share_seats(ctx: Context, groups: list[str], seats: int):
    """d'Hondt between the named council groups by their member counts (:mod:`registry.allocation`)."""
    from registry.allocation import dhondt

    with read_session(ctx.engine) as s:
        sizes = {}
        for gid in groups:
            g = s.get(m.CouncilGroup, gid)
            if g is None:
                raise NotFound(_("There is no council group with id {id}.", id=gid))
            if g.members is None:
                raise RegistryError(_("Council group {group} has no member count; give it one first.", group=g.name))
            sizes[gid] = g.members
    if seats < 1:
        raise RegistryError(_("must be at least {minimum}, not {value}", minimum=1, value=seats))
    return dhondt(seats, sizes)


def allocations(ctx: Context, board: str | None = None) -> list[dict]:
    """Seats allotted to council groups, with the board's and the group's names."""
    A, B, G = m.Allocation, m.Board, m.CouncilGroup
    q = (select(A, B.name, G.name).join(B, B.id == A.board).join(G, G.id == A.council_group)
         .order_by(A.start.desc(), B.name, A.seat, A.id))
    if board:
        q = q.where(A.board == board)
    with read_session(ctx.engine) as s:
        rows = [{**_row(a), "board_name": bn, "council_group_name": gn} for a, bn, gn in s.execute(q)]
        names: dict[tuple[str, str], str] = {}
        for b, seat, name in s.execute(select(m.Composition.board, m.SeatGroup.seat, m.SeatGroup.name)
                                       .join(m.Composition, m.Composition.pk == m.SeatGroup.composition)
                                       .where(m.Composition.board.in_({r["board"] for r in rows}))
                                       .order_by(m.Composition.valid_from.desc())):
            names.setdefault((b, seat), name)
    return [{**r, "seat_name": names.get((r["board"], r["seat"]), r["seat"])} for r in rows]


def allot(ctx: Context, board: str, seat: str, council_group: str, start: date | str, end: date | str | None = None,
          decision: dict | None = None) -> dict:
    """Allot a seat of ``board`` to a council group from ``start`` (an allocation: the group names
    the person later). The seat shows at once as that group's vacancy."""
    return allot_shares(ctx, board, seat, {council_group: 1}, start, end, decision)[0]


def allot_shares(ctx: Context, board: str, seat: str, shares: dict[str, int], start: date | str,
                 end: date | str | None = None, decision: dict | None = None) -> list[dict]:
    """Allot seats of one seat group to council groups (``shares``: group → seats, as d'Hondt
    gave them), one allocation per seat, all in one transaction."""
    out: list[dict] = []
    with write_session(ctx.engine) as s:
        b = s.get(m.Board, board)
        if b is None:
            raise NotFound(_("There is no board with id {id}. `udpeg boards` lists them.", id=board))
        seats = set(s.execute(select(m.SeatGroup.seat).join(m.Composition, m.Composition.pk == m.SeatGroup.composition)
                              .where(m.Composition.board == board)).scalars())
        for council_group, n in shares.items():
            rec: dict = {"board": board, "seat": seat, "council_group": council_group, "start": start}
            if end not in (None, ""):
                rec["end"] = end
            if decision and decision.get("meeting"):
                rec["decision"] = {k: v for k, v in decision.items() if v not in (None, "")}
            r = _checked("allocations", rec)
            if seat not in seats:
                raise NotFound(_("Board {board} has no seat group {seat} (it has: {seats}).", board=board, seat=seat,
                                 seats=", ".join(sorted(seats)) or "-"))
            g = s.get(m.CouncilGroup, council_group)
            if g is None:
                raise NotFound(_("There is no council group with id {id}.", id=council_group))
            _must_exist(s, m.Meeting, r.get("decision_meeting"), _("There is no meeting with id {id}.",
                                                                    id=r.get("decision_meeting")))
            if r.get("end") is None:
                r["end"] = g.period_end
            for _k in range(n):
                aid = _free_id(s, m.Allocation, f"{board}-{seat}-{council_group}-{r['start'].isoformat()}")
                row = m.Allocation(id=aid, **{k: v for k, v in r.items() if k != "id"})
                s.add(row)
                s.flush()
                audit(s, ctx.actor, "allot", "allocation", aid, board=board, after=_row(row))
                out.append(_row(row))
        s.execute(update(m.Board).where(m.Board.id == board).values(version=m.Board.version + 1))
    return out


# --- seat rules: a seat group added from a date (issue 16 item 2, its simplest part) ------------

_SEAT_KEYS = ("name", "count", "appointed_by", "nominated_by", "joint", "eligibility", "voting",
              "counts_for_balance", "deputies", "collective", "spread", "max_share")
_COMP_KEYS = ("valid_from", "valid_to", "balance", "balance_scopes", "balance_severity", "nomination_rule", "source")


def _seat_tree(g: Any) -> dict:
    t = {"id": g.seat, **{k: getattr(g, k) for k in _SEAT_KEYS}}
    return {k: v for k, v in t.items() if v is not None}


def _comp_tree(c: Any, seats: list[dict]) -> dict:
    t = {k: getattr(c, k) for k in _COMP_KEYS}
    size = {k: v for k, v in (("min", c.size_min), ("max", c.size_max), ("odd", c.size_odd)) if v is not None}
    return {**{k: v for k, v in t.items() if v is not None}, "size": size, "seats": seats}


def seat_rules(ctx: Context, board_id: str, on: date) -> dict | None:
    """The composition in force on ``on``: its dates and seat groups (with names), or None."""
    C, S = m.Composition, m.SeatGroup
    with read_session(ctx.engine) as s:
        c = s.execute(select(C).where(C.board == board_id, C.valid_from <= on,
                                      or_(C.valid_to.is_(None), C.valid_to >= on))).scalars().first()
        if c is None:
            return None
        seats = [_row(g) for g in s.execute(select(S).where(S.composition == c.pk).order_by(S.position)).scalars()]
        return {**_row(c), "seats": seats}


def add_seat_group(ctx: Context, board_id: str, valid_from: date | str, seat: dict,
                   expected_version: int | None = None) -> dict:
    """Add a seat group to a board's seat rules from ``valid_from``.

    When a composition starts that day, the group joins it; when one is in force, a new version
    starts that day, copied from it (the old one ends the day before); with none, a first one
    starts. ``seat``: name, count, appointed_by, nominated_by, eligibility, voting, deputies …
    (the dataset's seat keys; its id is made from the name). The board's whole seat rules are
    checked as a load checks them. Returns the composition the group is in.
    """
    vf = _as_date(valid_from)
    if not isinstance(vf, date):
        _checked("boards", {"id": board_id or "-", "name": "-", "compositions": [{"valid_from": vf, "seats": []}]})
    values = {k: v for k, v in _fields(seat, set(_SEAT_KEYS)).items() if v not in (None, "", [])}
    C, S = m.Composition, m.SeatGroup
    with write_session(ctx.engine) as s:
        b = s.get(m.Board, board_id)
        if b is None:
            raise NotFound(_("There is no board with id {id}. `udpeg boards` lists them.", id=board_id))
        version = b.version if expected_version is None else expected_version
        res = s.execute(update(m.Board).where(m.Board.id == board_id, m.Board.version == version)
                        .values(version=version + 1))
        if res.rowcount != 1:
            raise ConflictError(_("Someone else changed board {id} first; nothing was written. Reload and try again.",
                                  id=board_id))
        comps = list(s.execute(select(C).where(C.board == board_id).order_by(C.valid_from)).scalars())
        seats = {c.pk: [_seat_tree(g) for g in s.execute(select(S).where(S.composition == c.pk)
                                                          .order_by(S.position)).scalars()] for c in comps}
        same = next((c for c in comps if c.valid_from == vf), None)
        current = next((c for c in comps if c.valid_from < vf and (c.valid_to is None or c.valid_to >= vf)), None)
        later = next((c for c in comps if c.valid_from > vf), None)
        target_seats = list(seats[same.pk] if same else seats[current.pk] if current else [])
        taken = {x["id"] for x in target_seats}
        sid, n = slug(str(values.get("name") or "")), 1
        base = sid
        while sid in taken:
            n += 1
            sid = f"{base}-{n}"
        new_seat = {"id": sid, **values}
        # the board's seat rules as they would be, checked as a load checks them
        trees = []
        for c in comps:
            t = _comp_tree(c, seats[c.pk])
            if c is current:
                t["valid_to"] = vf - timedelta(days=1)
            if c is same:
                t["seats"] = target_seats + [new_seat]
            trees.append(t)
        if same is None:
            base_tree = _comp_tree(current, []) if current else {}
            end = current.valid_to if current else (later.valid_from - timedelta(days=1) if later else None)
            fresh = {**base_tree, "valid_from": vf, "seats": target_seats + [new_seat]}
            fresh.pop("valid_to", None)
            if end is not None:
                fresh["valid_to"] = end
            trees.append(fresh)
        rec = _checked("boards", {"id": b.id, "name": b.name, "term": b.term, **({"term_anchor": b.term_anchor}
                                                                                 if b.term_anchor else {}),
                                  "compositions": trees})
        for org in [values.get("appointed_by"), *(values.get("nominated_by") or [])]:
            _must_exist(s, m.Organisation, org, _("There is no organisation with id {id}.", id=org))
        checked = next(c for c in rec["compositions"] if c["valid_from"] == vf)
        if same is not None:
            target = same
        else:
            target = C(board=board_id, **{k: v for k, v in checked.items() if k not in ("seats", "_place")})
            if current is not None:
                before = _row(current)
                current.valid_to = vf - timedelta(days=1)
                s.flush()
                audit(s, ctx.actor, "end", "composition", str(current.pk), board=board_id, before=before,
                      after=_row(current))
            s.add(target)
            s.flush()
            for k, x in enumerate(checked["seats"][:-1]):
                s.add(S(composition=target.pk, **{kk: vv for kk, vv in x.items() if kk not in ("_place", "position")},
                        position=k))
        last = checked["seats"][-1]
        s.add(S(composition=target.pk, **{k: v for k, v in last.items() if k not in ("_place", "position")},
                position=len(checked["seats"]) - 1))
        s.flush()
        audit(s, ctx.actor, "add-seat-group", "composition", str(target.pk), board=board_id,
              after={"valid_from": vf, "seat": last})
        seat_rows = [_row(g) for g in s.execute(select(S).where(S.composition == target.pk)
                                                .order_by(S.position)).scalars()]
        return {**_row(target), "seats": seat_rows}
