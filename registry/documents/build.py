"""Builders of the round's documents: plain :class:`~registry.documents.Doc` from the registry.

Every fact comes from :mod:`registry.service` (snapshots, the rules' findings), the planner and
the registry's records of meetings and decisions; nothing here formats a file. The text is in the
current interface language (``--lang``), dates dd-mm-yyyy, and long dates ("25. marts 2022")
where the KKR's own documents use them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Iterable, Sequence

from sqlalchemy import select

from registry import model as m
from registry import service
from registry.db import read_session
from registry.documents import Doc, long_date, short_date
from registry.errors import RegistryError
from registry.findings import Finding
from registry.i18n import N_, _, _n, get_language, translate
from registry.snapshot import BoardSnapshot, NominationFact, SeatRule, holder_name
from registry.terms import period_containing

#: How many days an organisation gets to supplement a nomination, when no date is given.
FOLLOW_UP_DAYS = 14

_SKILLS = {"international": N_("international experience")}


# --- facts read from the registry -------------------------------------------------------------


@dataclass(frozen=True)
class MeetingFact:
    id: str
    date: date
    body: str
    body_name: str
    place: str | None


def meeting(ctx, meeting_id: str) -> MeetingFact:
    with read_session(ctx.engine) as s:
        row = s.get(m.Meeting, meeting_id)
        if row is None:
            raise service.NotFound(_("There is no meeting with id {id}.", id=meeting_id))
        org = s.get(m.Organisation, row.body)
        return MeetingFact(row.id, row.date, row.body, org.name if org else row.body, row.place)


def _decisions(ctx, meeting_id: str, item: str | None) -> list[tuple[str, str, str | None]]:
    """(appointment, board, case) of the appointments decided at the meeting (under the item, if given)."""
    q = select(m.Appointment.id, m.Appointment.board, m.Appointment.decision_case).where(
        m.Appointment.decision_meeting == meeting_id)
    if item is not None:
        q = q.where(m.Appointment.decision_item == item)
    with read_session(ctx.engine) as s:
        return list(s.execute(q.order_by(m.Appointment.board, m.Appointment.id)).all())


def _case_for(ctx, board: str, meeting_id: str, start: date, end: date | None) -> str:
    """The case number of the board's decisions at the meeting, else of its latest decision in the term."""
    with read_session(ctx.engine) as s:
        rows = s.execute(select(m.Appointment.decision_case, m.Appointment.decision_meeting, m.Meeting.date)
                         .join(m.Meeting, m.Meeting.id == m.Appointment.decision_meeting)
                         .where(m.Appointment.board == board, m.Appointment.decision_case.is_not(None))).all()
    at_meeting = sorted(c for c, mid, _d in rows if mid == meeting_id)
    if at_meeting:
        return at_meeting[0]
    in_term = sorted(((d, c) for c, _mid, d in rows if start - timedelta(days=366) <= d and (end is None or d <= end)),
                     reverse=True)
    return in_term[0][1] if in_term else ""


def _last_decision_day(ctx, board: str, starts: Sequence[date]) -> date | None:
    """The day of the last meeting that decided appointments of the board starting on ``starts``."""
    if not starts:
        return None
    with read_session(ctx.engine) as s:
        return s.execute(select(m.Meeting.date).join(m.Appointment, m.Appointment.decision_meeting == m.Meeting.id)
                         .where(m.Appointment.board == board, m.Appointment.start.in_(list(starts)))
                         .order_by(m.Meeting.date.desc()).limit(1)).scalar()


def _contacts(ctx, ids: Iterable[str]) -> dict[str, str]:
    ids = list(ids)
    if not ids:
        return {}
    with read_session(ctx.engine) as s:
        rows = s.execute(select(m.Person.id, m.Person.contact).where(m.Person.id.in_(ids))).all()
    return {pid: str((c or {}).get("email") or "") for pid, c in rows}


# --- shared wording ---------------------------------------------------------------------------


def _orgs(snap: BoardSnapshot, ids: Sequence[str], joint: bool = False) -> str:
    names = [snap.org_names.get(o, o) for o in ids]
    if len(names) <= 1:
        return "".join(names)
    return _("{first} and {last}", first=", ".join(names[:-1]), last=names[-1])


def _seats(n: int) -> str:
    return _n("1 seat", "{n} seats", n, n=n)


def _count(n: int) -> str:
    return _n("1 member", "{n} members", n, n=n)


def _members(n: int, seat: SeatRule) -> str:
    return _n("1 member ({seat})", "{n} members ({seat})", n, n=n, seat=seat.name)


def criteria(snap: BoardSnapshot, seat: SeatRule) -> list[str]:
    """The seat group's requirements in words: eligibility, the collective skill, spread, share."""
    kkr = snap.org_names.get(next(iter(sorted(snap.owner_orgs)), ""), snap.board.kkr) if snap.owner_orgs else snap.board.kkr
    out = []
    for p in seat.eligibility:
        if p == "elected":
            out.append(_("The member must be elected: a member of a municipal council or of the regional council."))
        elif p == "council-member-in-kkr":
            out.append(_("The member must sit on a municipal council within {kkr}'s area.", kkr=kkr))
        elif p == "regional-council-member":
            out.append(_("The member must sit on the regional council."))
        elif p == "mayor":
            out.append(_("The member must be a mayor."))
        elif p.startswith("council-member-of:"):
            out.append(_("The member must sit on the municipal council of {municipality}.", municipality=p.split(":", 1)[1]))
        else:
            out.append(_("Requirement recorded for the seats: {requirement}.", requirement=p))
    for skill, least in seat.collective:
        what = translate(_SKILLS[skill]) if skill in _SKILLS else skill
        out.append(_("Together, at least {n} of the members of the group must have {skill}.", n=least, skill=what))
    if seat.spread:
        out.append(_("The seats are to be spread over at least {n} different municipalities.", n=seat.spread))
    if seat.max_share:
        out.append(_("The group may hold at most {share} % of the board's seats.", share=round(seat.max_share * 100)))
    if not seat.voting:
        out.append(_("The seat has no vote."))
    return out


def duty_10a(n_seats: int | None = None) -> list[str]:
    """The § 10 a duty in words (for one seat, for several, special reasons)."""
    return [
        _("For one seat the organisation must nominate both a woman and a man."),
        _("For several seats it must nominate as many women as men, and at least as many candidates as seats."),
        _("If it cannot, it must state its special reasons with the nomination (ligestillingsloven § 10 a, stk. 2)."),
    ]


@dataclass(frozen=True)
class Verdict:
    """How one nomination stands: a short label for the agenda, and what is missing (follow-up)."""

    nomination: NominationFact
    label: str
    problems: tuple[tuple[str, str], ...]     # (what is missing, legal basis)


def verdicts(snap: BoardSnapshot, findings: Sequence[Finding], round: date) -> list[Verdict]:
    """The § 10 a and joint-nomination verdict of each nomination of the round."""
    comp = snap.composition
    out = []
    for n in sorted((n for n in snap.nominations if n.round == round),
                    key=lambda n: (n.seat, [snap.org_names.get(o, o).lower() for o in n.organisations], n.id)):
        seat = comp.seat(n.seat) if comp else None
        problems: list[tuple[str, str]] = []
        f10a = next((f for f in findings if f.nomination == n.id and f.rule == "nomination-both-sexes"), None)
        if not n.candidates:
            label = _("no candidates recorded yet")
        elif f10a is None:
            label = _("meets § 10 a")
        elif f10a.severity == "info":
            label = _("special reasons accepted")
        elif f10a.details.get("reasons") and not f10a.details.get("reasons_accepted"):
            label = _("special reasons stated, awaiting a decision")
        elif f10a.severity == "error":
            label = _("does not meet § 10 a")
            problems.append((f10a.remedy_text(), f10a.legal_basis))
        else:
            label = _("depends on undisclosed sex")
            problems.append((f10a.remedy_text(), f10a.legal_basis))
        if seat is not None and seat.joint:
            missing = [o for o in seat.nominated_by if o not in n.organisations]
            if missing:
                label = _("{verdict}; not a joint nomination", verdict=label)
                problems.append((_("The nomination must be made jointly by {entitled}; {missing} has not joined it.",
                                   entitled=_orgs(snap, seat.nominated_by), missing=_orgs(snap, missing)),
                                 _board_basis(snap)))
        if seat is not None and seat.nominated_by:
            outside = [o for o in n.organisations if o not in seat.nominated_by]
            if outside:
                label = _("{verdict}; {orgs} not entitled", verdict=label, orgs=_orgs(snap, outside))
        out.append(Verdict(n, label, tuple(problems)))
    return out


def _board_basis(snap: BoardSnapshot) -> str:
    comp = snap.composition
    return "; ".join(p for p in (snap.board.legal_basis, comp.source if comp else None) if p)


def _owner_name(snap: BoardSnapshot) -> str:
    owners = sorted(snap.owner_orgs)
    return snap.org_names.get(owners[0], owners[0]) if owners else snap.board.kkr


def _round_snapshot(ctx, board: str, round: date) -> BoardSnapshot:
    snap = service.snapshot(ctx, board, round)
    if snap.composition is None:
        raise RegistryError(_("{board} has no composition in force on {date}; there is nothing to appoint.",
                              board=snap.board.name, date=short_date(round)))
    return snap


def _nominated_seats(snap: BoardSnapshot, seats: Sequence[str] | None) -> list[SeatRule]:
    comp = snap.composition
    if seats:
        unknown = [s for s in seats if comp.seat(s) is None]
        if unknown:
            raise RegistryError(_("{board} has no seat group {seat} on {date}; its groups: {groups}.",
                                  board=snap.board.name, seat=", ".join(unknown), date=short_date(snap.on),
                                  groups=", ".join(s.id for s in comp.seats)))
        return [s for s in comp.seats if s.id in seats]
    return [s for s in comp.seats if s.nominated_by and not (s.appointed_by and snap.owner_orgs
                                                               and s.appointed_by not in snap.owner_orgs)]


def _period(snap: BoardSnapshot, round: date) -> tuple[date, date | None]:
    p = period_containing(snap.board.term, round)
    if p is not None:
        return p.start, p.end
    return round, snap.composition.valid_to if snap.composition else None


def _deadline_lines(snap: BoardSnapshot, findings: Sequence[Finding], noms: Sequence[NominationFact],
                    round: date, letter: bool = False) -> list[tuple[str, str]]:
    """(text, style) lines about the round's deadline(s); a date the rules doubt is flagged."""
    deadlines = sorted({n.deadline for n in noms if n.deadline is not None})
    doubted = {f.details.get("date") for f in findings if f.rule == "date-implausible"
               and f.details.get("field") == "deadline"}
    lines = []
    for d in deadlines:
        when = long_date(d, get_language())
        lines.append((_("Please send the nomination to {kkr} by {date}.", kkr=_owner_name(snap), date=when) if letter
                      else _("The deadline for the nominations was set at {date}.", date=when), ""))
        if d in doubted:
            lines.append((_("Check this date: {date} is recorded as written, but it does not fit the round starting "
                            "{round} (the deadline must fall shortly before it). It has not been corrected.",
                            date=short_date(d), round=short_date(round)), "flag"))
    return lines


# --- 4. the decision text (Beslutning) ----------------------------------------------------------


def decision(ctx, meeting_id: str, item: str | None) -> Doc:
    """The decision text for the minutes: who was appointed at the meeting under the item, by seat
    group, with the nominating organisation; seats other bodies appointed are "taken to note"."""
    lang = get_language()
    meet = meeting(ctx, meeting_id)
    rows = _decisions(ctx, meeting_id, item)
    if not rows:
        if item is None:
            raise RegistryError(_("No appointments are recorded with meeting {meeting}.", meeting=meeting_id))
        raise RegistryError(_("No appointments are recorded with meeting {meeting}, item {item}.",
                              meeting=meeting_id, item=item))
    cases = sorted({c for _a, _b, c in rows if c})
    doc = Doc(_("Decision"), lang=lang, name=f"beslutning-{meeting_id}" + (f"-{item}" if item else ""))
    doc.p(_("Minutes, {body}, meeting on {date}", body=meet.body_name, date=long_date(meet.date, lang)), "meta")
    by_board: dict[str, list[str]] = {}
    for aid, board, _case in rows:
        by_board.setdefault(board, []).append(aid)
    first = True
    for board, ids in by_board.items():
        hist = service.snapshot(ctx, board, meet.date).history
        held = {h.appointment: h for h in hist}
        starts = sorted({held[a].start for a in ids if a in held})
        snap = service.snapshot(ctx, board, starts[0] if starts else meet.date)
        comp = snap.composition
        title = (_("{item}. Appointments to the board of {board}", item=item, board=snap.board.name) if item
                 else _("Appointments to the board of {board}", board=snap.board.name))
        doc.h(title, 1 if first else 2)
        if first:
            doc.title = title
            first = False
        if cases:
            doc.p(", ".join(cases), "meta")
        doc.h(_("Decision"), 2 if len(by_board) == 1 else 3)
        doc.p(_("{body} appointed the following to the board of {board}:", body=meet.body_name, board=snap.board.name))
        order = [s.id for s in comp.seats] if comp else []
        groups: dict[str, list] = {}
        for a in ids:
            if a in held:
                groups.setdefault(held[a].seat, []).append(held[a])
        nominations = {n.id: n for n in snap.nominations}
        for seat_id in sorted(groups, key=lambda s: (order.index(s) if s in order else len(order), s)):
            seat = comp.seat(seat_id) if comp else None
            rank = {o: i for i, o in enumerate(seat.nominated_by)} if seat else {}

            def key(h, nominations=nominations, rank=rank):
                by = h.nominated_by or (nominations[h.nomination].organisations if h.nomination in nominations else ())
                return (h.role != "member", min((rank.get(o, len(rank)) for o in by), default=len(rank)),
                        h.person.name, h.appointment)

            hs = sorted(groups[seat_id], key=key)
            doc.p(_("{name} ({n})", name=seat.name if seat else seat_id, n=len(hs)), "strong")
            lines = []
            for h in hs:
                by = h.nominated_by or (nominations[h.nomination].organisations if h.nomination in nominations else ())
                who = holder_name(h.person, lang)
                if h.role == "deputy":
                    who = _("{name}, deputy", name=who)
                lines.append(_("{name} ({orgs})", name=who, orgs=_orgs(snap, by)) if by else who)
            doc.bullets(lines)
        # seats another body appointed for the same term: the KKR takes them to note, at the last
        # meeting that decided appointments of the board for that term (not at every one)
        owners = snap.owner_orgs | {meet.body}
        last = _last_decision_day(ctx, board, starts)
        for h in sorted(hist, key=lambda h: h.appointment) if last is None or last <= meet.date else ():
            seat = comp.seat(h.seat) if comp else None
            if (h.appointment in ids or seat is None or not seat.appointed_by or seat.appointed_by in owners
                    or h.start not in starts or not h.person.recorded):
                continue
            doc.p(_("{body} also took note that {org} has appointed {name} to the board of {board} ({seat}).",
                    body=meet.body_name, org=snap.org_names.get(seat.appointed_by, seat.appointed_by),
                    name=h.person.name, board=snap.board.name, seat=seat.name))
    return doc


# --- 3. the agenda item (dagsordenspunkt) and its confidential annex ----------------------------


def agenda_target(ctx, meeting_id: str, item: str) -> tuple[str, date]:
    """The board and round of an agenda item whose decisions are already recorded (a past item)."""
    meeting(ctx, meeting_id)
    rows = _decisions(ctx, meeting_id, item)
    with read_session(ctx.engine) as s:
        found = sorted(set(s.execute(select(m.Appointment.board, m.Appointment.start)
                                     .where(m.Appointment.id.in_([a for a, _b, _c in rows]))).all()))
    if len(found) != 1:
        raise RegistryError(_("Give --board and --round: no single round is recorded with meeting {meeting}, item {item}.",
                              meeting=meeting_id, item=item))
    return found[0]


def _before(ctx, snap: BoardSnapshot, meet: MeetingFact) -> BoardSnapshot:
    """The board as the agenda sees it: without the appointments decided at this meeting or later."""
    with read_session(ctx.engine) as s:
        later = set(s.execute(select(m.Appointment.id).join(m.Meeting, m.Meeting.id == m.Appointment.decision_meeting)
                              .where(m.Appointment.board == snap.board.id, m.Meeting.date >= meet.date)).scalars())
    if not later:
        return snap
    import dataclasses

    return dataclasses.replace(snap, history=tuple(h for h in snap.history if h.appointment not in later))


def agenda(ctx, meeting_id: str, board: str, round: date, item: str | None = None, case: str | None = None,
           seats: Sequence[str] | None = None) -> tuple[Doc, Doc]:
    """The agenda item for the round's appointments, and its confidential annex (candidates).

    The board is seen as it stood before the meeting: appointments decided at the meeting (or later)
    are left out, so that an item whose decisions are recorded can be drafted again as it was."""
    lang = get_language()
    meet = meeting(ctx, meeting_id)
    snap = _before(ctx, _round_snapshot(ctx, board, round), meet)
    comp = snap.composition
    groups = _nominated_seats(snap, seats)
    if not groups:
        raise RegistryError(_("{board} has no seat groups with nominating organisations on {date}; name the seats with --seat.",
                              board=snap.board.name, date=short_date(round)))
    findings = service.evaluate(snap)
    start, end = _period(snap, round)
    kkr = meet.body_name
    from registry.planner import plan as make_plan

    result = make_plan(snap, round)
    open_seats = {s.id: result.open_seats.get(s.id, max(0, s.count - len(snap.members_of(s.id)))) for s in groups}
    period = f"{start.year}-{end.year}" if end else str(start.year)
    title = _("Appointment of members to the board of {board} for the term {period}", board=snap.board.name, period=period)
    if item:
        title = f"{item}. {title}"
    case = case or _case_for(ctx, board, meeting_id, start, end)
    doc = Doc(title, lang=lang, name=f"dagsorden-{meeting_id}-{board}")
    doc.p(_("Agenda, {body}, meeting on {date}", body=kkr, date=long_date(meet.date, lang)), "meta")
    doc.h(title, 1)
    doc.p(case or _("No case number recorded."), "meta")

    wanted = [_members(open_seats[s.id], s) for s in groups]
    doc.h(_("Background"))
    doc.p(_("{kkr} is to appoint members to the board of {board} for the term {start} – {end}: {seats}.",
            kkr=kkr, board=snap.board.name, start=short_date(start), end=short_date(end), seats=", ".join(wanted)))
    if any(s.nominated_by for s in groups):
        doc.p(_("The entitled organisations have been asked for written nominations of candidates."))
        doc.p(_("{kkr} is informed of the candidates in a confidential annex, for the appointment at the meeting on {date}.",
                kkr=kkr, date=long_date(meet.date, lang)))

    doc.h(_("Recommendation"))
    doc.p(_("It is recommended that {kkr} appoints", kkr=kkr))
    doc.bullets(wanted)
    if not seats:     # the seats other bodies appoint for the round: taken to note, as in the minutes
        for s in comp.seats:
            if s.appointed_by and snap.owner_orgs and s.appointed_by not in snap.owner_orgs and s.voting \
                    and (len(snap.members_of(s.id)) < s.count or any(h.start == start for h in snap.members_of(s.id))):
                doc.p(_("takes note of the appointment to {seat} by {org}", seat=s.name,
                        org=snap.org_names.get(s.appointed_by, s.appointed_by)), "bullet")

    doc.h(_("Case presentation"))
    if snap.board.legal_basis:
        doc.p(_("The board is set up under {basis}.", basis=snap.board.legal_basis))
    noms = [n for n in snap.nominations if n.round == round]
    for text, style in _deadline_lines(snap, findings, noms, round):
        doc.p(text, style)
    vs = verdicts(snap, findings, round)
    for s in groups:
        doc.h(s.name, 3)
        who = snap.org_names.get(s.appointed_by, s.appointed_by) if s.appointed_by else kkr
        if s.joint:
            doc.p(_("{n} appointed by {who} on the joint nomination of {orgs}.", n=_count(s.count), who=who,
                    orgs=_orgs(snap, s.nominated_by)))
        elif s.nominated_by:
            doc.p(_("{n} appointed by {who} on the nomination of one of: {orgs}.", n=_count(s.count), who=who,
                    orgs=", ".join(snap.org_names.get(o, o) for o in s.nominated_by)))
        else:
            doc.p(_("{n} appointed by {who}.", n=_count(s.count), who=who))
        if open_seats[s.id] != s.count:
            doc.p(_("Open on {date}: {n}.", date=short_date(round), n=open_seats[s.id]))
        crit = criteria(snap, s)
        if crit:
            doc.p(_("Requirements:"))
            doc.bullets(crit)
        mine = [v for v in vs if v.nomination.seat == s.id]
        if mine:
            from_orgs = []
            for v in mine:
                for o in v.nomination.organisations:
                    if o not in from_orgs:
                        from_orgs.append(o)
            doc.p(_("Candidates have been nominated by the following organisations: {orgs}.",
                    orgs=", ".join(snap.org_names.get(o, o) for o in from_orgs)))
            silent = [o for o in s.nominated_by if o not in from_orgs]
            doc.table((_("Organisation"), _("Received"), _("Ligestillingsloven § 10 a")),
                      [(", ".join(snap.org_names.get(o, o) for o in v.nomination.organisations),
                        short_date(v.nomination.received) if v.nomination.received else _("not recorded"),
                        v.label) for v in mine]
                      + [(snap.org_names.get(o, o), "—", _("no nomination received")) for o in silent])
        else:
            doc.p(_("No nominations are recorded for this seat group."))
        if s.joint and mine and not any(set(s.nominated_by) <= set(v.nomination.organisations) for v in mine):
            doc.p(_("{orgs} have not nominated jointly.", orgs=_orgs(snap, s.nominated_by)), "flag")
    doc.h(_("Gender balance"), 3)
    doc.p(_("Ligestillingsloven § 10 a applies to the nominations: both women and men must be nominated."))
    if result.feasible:
        doc.p(_("With the candidates nominated, the board can be composed so that it meets its gender rules: "
                "{a}–{b} women and {c}–{d} men must be chosen for the open seats.",
                a=result.women_needed[0], b=result.women_needed[1], c=result.men_needed[0], d=result.men_needed[1]))
        doc.p(_("Possible compositions are listed in the confidential annex."))
    else:
        doc.p(_("With the candidates nominated so far, the board cannot be composed so that it meets its gender rules."), "flag")
        change = result.smallest_change_text()
        if change:
            doc.p(_("The smallest change that would make it possible: {change}.", change=change))
    prev_end = start - timedelta(days=1)
    doc.p(_("The new board takes office on {date}. Until {last}, the present members remain on the board.",
            date=long_date(start, lang), last=long_date(prev_end, lang)))
    return doc, annex(ctx, snap, round, title, groups, vs, result)


def annex(ctx, snap: BoardSnapshot, round: date, item_title: str, groups: Sequence[SeatRule],
          vs: Sequence[Verdict], result) -> Doc:
    """The confidential annex: each nomination's candidates, reasons, and the planner's selections."""
    lang = get_language()
    doc = Doc(_("Confidential annex: {title}", title=item_title), lang=lang, confidential=True,
              name=f"fortroligt-bilag-{snap.board.id}-{round.isoformat()}")
    doc.h(doc.title, 1)
    doc.p(_("CONFIDENTIAL: personal data of candidates. Not for publication."), "flag")
    contacts = _contacts(ctx, {c.id for v in vs for c in v.nomination.candidates})
    sex = {"woman": _("woman"), "man": _("man")}
    names = {h.person.id: holder_name(h.person, lang) for h in snap.history}
    for s in groups:
        doc.h(s.name, 2)
        mine = [v for v in vs if v.nomination.seat == s.id]
        if not mine:
            doc.p(_("No nominations are recorded for this seat group."))
        for v in mine:
            n = v.nomination
            doc.h(", ".join(snap.org_names.get(o, o) for o in n.organisations), 3)
            doc.p(_("Seats nominated for: {n}. § 10 a: {verdict}.", n=n.seats, verdict=v.label))
            if n.candidates:
                doc.table((_("Candidate"), _("Sex (as declared)"), _("Municipality"), _("Skills"), _("E-mail")),
                          [(c.name, sex.get(c.sex, _("undisclosed")), c.municipality or "", ", ".join(c.skills),
                            contacts.get(c.id, "")) for c in n.candidates])
                names.update({c.id: c.name for c in n.candidates})
            else:
                doc.p(_("No candidates recorded."))
            if n.reasons.strip():
                state = {"yes": _("accepted"), "no": _("rejected")}.get(n.reasons_accepted, _("not yet decided"))
                doc.p(_("Special reasons stated ({state}): {reasons}", state=state, reasons=n.reasons.strip()))
    if result.selections:
        doc.h(_("Possible compositions (the planner)"), 2)
        for i, sel in enumerate(result.selections, 1):
            parts = []
            for x in sel:
                who = names.get(x.get("person"), x.get("person")) if x.get("person") else \
                    _("a {sex}, chosen freely", sex=sex.get(x.get("sex") or "", _("undisclosed")))
                parts.append(f"{x['seat']}: {who}")
            doc.p(f"{i}. " + "; ".join(parts))
    return doc


# --- 1. requests for nominations (anmodning om indstilling) ------------------------------------


def _check_org(snap: BoardSnapshot, org: str | None, groups: Sequence[SeatRule]) -> None:
    if org is not None and not any(org in s.nominated_by for s in groups):
        entitled = sorted({o for s in groups for o in s.nominated_by})
        raise RegistryError(_("{org} is not entitled to nominate to {board} on {date}; the entitled: {orgs}.",
                              org=org, board=snap.board.name, date=short_date(snap.on), orgs=", ".join(entitled)))


def letters(ctx, board: str, round: date, seats: Sequence[str] | None = None, deadline: date | None = None,
            today: date | None = None, org: str | None = None) -> list[Doc]:
    """One request for nominations to each entitled organisation of each seat group for the round."""
    lang = get_language()
    snap = _round_snapshot(ctx, board, round)
    groups = [s for s in _nominated_seats(snap, seats) if s.nominated_by]
    if not groups:
        raise RegistryError(_("{board} has no seat groups with nominating organisations on {date}.",
                              board=snap.board.name, date=short_date(round)))
    _check_org(snap, org, groups)
    only = org
    findings = service.evaluate(snap)
    start, end = _period(snap, round)
    kkr = _owner_name(snap)
    out = []
    for s in groups:
        noms = [n for n in snap.nominations if n.round == round and n.seat == s.id]
        for org in s.nominated_by:
            if only is not None and org != only:
                continue
            name = snap.org_names.get(org, org)
            doc = Doc(_("Request for nominations to the board of {board}", board=snap.board.name), lang=lang,
                      name=f"anmodning-{board}-{s.id}-{org}")
            doc.p(_("To: {org}", org=name), "meta")
            doc.p(_("From: {kkr}", kkr=kkr), "meta")
            if today is not None:
                doc.p(long_date(today, lang), "meta")
            doc.h(doc.title, 1)
            doc.p(_("{kkr} is to appoint {members} to the board of {board} for the term {start} – {end}.",
                    kkr=kkr, members=_members(s.count, s), board=snap.board.name,
                    start=short_date(start), end=short_date(end)))
            if snap.board.legal_basis:
                doc.p(_("The board is set up under {basis}.", basis=snap.board.legal_basis))
            if s.joint:
                doc.p(_("{org} is asked, together with {others}, for a joint nomination of candidates.", org=name,
                        others=_orgs(snap, [o for o in s.nominated_by if o != org])))
            else:
                doc.p(_("{org} is one of the organisations entitled to nominate candidates for these seats: {orgs}. "
                        "{kkr} hereby asks {org} for a written nomination.",
                        org=name, orgs=", ".join(snap.org_names.get(o, o) for o in s.nominated_by), kkr=kkr))
            doc.h(_("Requirements"))
            crit = criteria(snap, s)
            doc.bullets(crit or [_("No special requirements are recorded for these seats.")])
            doc.p(_("The members are appointed in their personal capacity."))
            doc.h(_("Gender balance (ligestillingsloven § 10 a)"))
            doc.bullets(duty_10a())
            if s.joint:
                doc.h(_("Joint nomination"))
                doc.p(_("The seat is filled on the joint nomination of {orgs}. A nomination from one of them alone "
                        "does not meet the rules.", orgs=_orgs(snap, s.nominated_by)))
            doc.h(_("Deadline"))
            mine = [n for n in noms if org in n.organisations] or noms
            if deadline is not None:
                doc.p(_("Please send the nomination to {kkr} by {date}.", kkr=kkr, date=long_date(deadline, lang)))
            else:
                lines = _deadline_lines(snap, findings, mine, round, letter=True)
                if lines:
                    for text, style in lines:
                        doc.p(text, style)
                else:
                    doc.p(_("No deadline is recorded; the secretariat must add one before the letter is sent."), "flag")
            doc.p(_("Legal basis: {basis}; ligestillingsloven § 10 a.", basis=_board_basis(snap) or snap.board.name))
            out.append(doc)
    return out


# --- 2. follow-ups ------------------------------------------------------------------------------


def followups(ctx, board: str, round: date, by: date | None = None, today: date | None = None,
              org: str | None = None) -> list[Doc]:
    """A follow-up for each nomination of the round that fails § 10 a or the joint rule."""
    lang = get_language()
    snap = _round_snapshot(ctx, board, round)
    _check_org(snap, org, snap.composition.seats)
    findings = service.evaluate(snap)
    comp = snap.composition
    kkr = _owner_name(snap)
    when = by or ((today or date.today()) + timedelta(days=FOLLOW_UP_DAYS))
    out = []
    for v in verdicts(snap, findings, round):
        if not v.problems or (org is not None and org not in v.nomination.organisations):
            continue
        n = v.nomination
        seat = comp.seat(n.seat)
        orgs = ", ".join(snap.org_names.get(o, o) for o in n.organisations)
        doc = Doc(_("Follow-up on the nomination to the board of {board}", board=snap.board.name), lang=lang,
                  name=f"opfoelgning-{n.id}")
        doc.p(_("To: {org}", org=orgs), "meta")
        doc.p(_("From: {kkr}", kkr=kkr), "meta")
        if today is not None:
            doc.p(long_date(today, lang), "meta")
        doc.h(doc.title, 1)
        doc.p(_("{kkr} has received the nomination from {org} for {seat} on the board of {board} for the term starting {round}.",
                kkr=kkr, org=orgs, seat=seat.name if seat else n.seat, board=snap.board.name, round=short_date(round)))
        if n.candidates:
            w = sum(c.sex == "woman" for c in n.candidates)
            mn = sum(c.sex == "man" for c in n.candidates)
            doc.p(_("The nomination proposes {women} and {men} for {seats}.", women=_n("{n} woman", "{n} women", w, n=w),
                    men=_n("{n} man", "{n} men", mn, n=mn), seats=_seats(n.seats)))
        doc.h(_("What is missing"))
        doc.bullets(text for text, _basis in v.problems)
        doc.h(_("Legal basis"))
        doc.bullets(sorted({basis for _t, basis in v.problems if basis}))
        doc.h(_("Deadline"))
        if any(f.nomination == n.id and f.rule == "nomination-both-sexes" for f in findings):
            doc.p(_("Please supplement the nomination, or state the special reasons, by {date}.", date=long_date(when, lang)))
        else:
            doc.p(_("Please send a joint nomination by {date}.", date=long_date(when, lang)))
        out.append(doc)
    return out
