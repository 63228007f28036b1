"""The annual report: every board's members on a reference date, balance, compliance, changes.

:func:`build` reads the registry once (one bulk snapshot of every board) and returns the report
as plain data (the JSON format) and as a :class:`~registry.reports.doc.Document` for the other
formats. Sex appears only in counts; counts below 3 on a board with more than 3 counted members
are "fewer than 3"; findings about nominations are counted, never shown.
"""

from __future__ import annotations

import gc
from collections import defaultdict
from contextlib import contextmanager
from datetime import date, timedelta
from functools import lru_cache
from typing import Any, Callable, Iterable

from registry import service
from registry.findings import summary, worst
from registry.i18n import _, _n, get_language
from registry.reports import NOT_SHOWN, public_table
from registry.reports.suppress import public_part
from registry.reports.common import (Names, controlled_seat_ids, counted_seat_ids, is_confidential, load_names,
                                     public_finding, scope_counts, scope_label, severity_label, sort_boards,
                                     verdict_label)
from registry.reports.doc import Bar, Chart, Column, Document, Facts, Section, Segment, Table
from registry.rules.rulesets import UnknownRuleSet, evaluate_balance, get_ruleset
from registry.seats import open_by_seat
from registry.snapshot import BoardSnapshot, Holding, holder_name
from registry.terms import period_containing

Progress = Callable[[int, int], None]


def reference_dates(year: int | None, on: date | None, today: date) -> tuple[int, date, date, date]:
    """(year, reference date, first and last day of the changes window)."""
    if on is None:
        on = date(year, 12, 31) if year is not None else today
    if year is None:
        year = on.year
    first = date(year, 1, 1)
    last = date(year, 12, 31)
    if on.year == year and on < last:
        last = on
    return year, on, first, last


def counting_rules() -> list[str]:
    return [
        _("Counted: the members holding seats that count for gender balance on the reference date — voting seats, "
          "the chair included, unless the board's rules say otherwise."),
        _("Not counted: observers and other non-voting seats, deputies, and seats that are vacant."),
        _("Sex is counted as each person declared it; a person who has not declared it is counted as undisclosed "
          "and is never guessed. A rule set is met when it holds however the undisclosed are counted."),
        _("KKR's own seats are the counted seats that the board's own KKR appoints; they are checked on their own "
          "where the board's rules ask for it."),
        _("Members whose term has ended stay counted while they remain in office until a successor takes over "
          "(marked as holdover)."),
        _("To protect personal data, a board with 3 or fewer counted members shows no counts by sex; on a larger "
          "board a count below 3 is shown as \u201cfewer than 3\u201d and the board's other counts as \u201cnot "
          "shown\u201d, and where a total would still let a hidden count be worked out, the counts of one more "
          "board are not shown either. Individual members' sex is never shown."),
        _("Findings about nominations are confidential and are only counted here."),
    ]


def _member_row(seat_name: str, h: Holding, names: Names, role: str, note: str) -> dict:
    """A member list row as the JSON has it (the document adds the board)."""
    p = h.person
    return {"seat": h.seat, "seat_name": seat_name, "role": role, "person": p.id if p.recorded else None,
            "name": holder_name(p),
            "party": p.party or "", "municipality": names.municipality(p.municipality),
            "nominated_by": [names.org(o) for o in h.nominated_by] or
                            ([names.group(h.council_group)] if h.council_group else []),
            "start": h.start, "end": h.last_day, "note": note}


def _by_seat(holdings: Iterable[Holding]) -> dict[str, list[Holding]]:
    """Holdings by seat group, each sorted by name."""
    out: dict[str, list[Holding]] = defaultdict(list)
    for h in holdings:
        out[h.seat].append(h)
    for hs in out.values():
        hs.sort(key=lambda h: (h.person.name.lower(), h.appointment))
    return out


def _board(snap: BoardSnapshot, names: Names, first: date, last: date) -> tuple[dict[str, Any], list[dict], tuple, dict]:
    """A board as the JSON has it, its changes in the window, its exact (counted, women, men,
    undisclosed), and the number of its findings by severity, all of them (as ``check`` counts)."""
    comp = snap.composition
    period = period_containing(snap.board.term, snap.on)
    seats = list(comp.seats) if comp else []
    seat_names = {s.id: s.name for s in seats}
    member_names = {h.appointment: holder_name(h.person) for h in snap.history}
    open_by = open_by_seat(snap)
    members_by_seat, deputies_by_seat = _by_seat(snap.members), _by_seat(snap.deputies)
    rows: list[dict] = []
    seat_out = []
    order = [s.id for s in seats] + sorted((members_by_seat.keys() | deputies_by_seat.keys()) - seat_names.keys())
    for sid in order:
        rule = comp.seat(sid) if comp else None
        sname = seat_names.get(sid, sid)
        members = members_by_seat.get(sid, [])
        deputies = deputies_by_seat.get(sid, [])
        for h in members:
            rows.append(_member_row(sname, h, names, "member",
                                    _("holdover: in office until a successor takes over") if h.status == "holdover" else ""))
        for h in deputies:
            rows.append(_member_row(sname, h, names, "deputy",
                                    _("deputy for {name}", name=member_names.get(h.deputy_for, "?")) if h.deputy_for
                                    else _("deputy")))
        opened = open_by.get(sid, [])
        vacant = sum(o.open for o in opened)
        for o in opened:
            a = o.allocation
            if o.holder is not None:     # held by a member whose eligibility lapsed
                note = _("open from {date}: {name} no longer meets the requirement", date=_fmt(o.since),
                         name=holder_name(o.holder.person))
            else:
                note = _n("{n} open seat", "{n} open seats", o.open, n=o.open)
            if a:
                note += "; " + _("allotted to {group}", group=a.council_group_name)
            rows.append({"seat": sid, "seat_name": sname, "role": "vacant", "open": o.open, "person": None,
                         "name": "—", "party": "", "municipality": "",
                         "nominated_by": [a.council_group_name] if a else [],
                         "start": o.since if o.holder is not None else None, "end": None,
                         "note": note})
        seat_out.append({"id": sid, "name": sname, "count": rule.count if rule else None,
                         "appointed_by": names.org(rule.appointed_by) if rule else "",
                         "counted": bool(rule.counts_for_balance) if rule else False,
                         "members": len(members), "deputies": len(deputies), "vacant": vacant})

    counted = counted_seat_ids(snap)
    board_n, w, mn, u = scope_counts(snap, counted)
    balance = []
    scopes = [("board", counted)]
    if comp is not None and "controlled" in comp.scopes:
        ctl = controlled_seat_ids(snap)
        if ctl:
            scopes.append(("controlled", ctl))
    for scope, ids in scopes:
        n, sw, sm, su = scope_counts(snap, ids)
        verdicts = []
        for rs_id in (comp.balance if comp else ()):
            try:
                rs = get_ruleset(rs_id, snap.custom_rulesets)
            except (UnknownRuleSet, ValueError):
                continue
            v = evaluate_balance(rs, sw, sm, su)
            verdicts.append({"ruleset": rs.id, "required_each": v.required_each, "status": v.status})
        # exact here; _build replaces them by what may be published (public_table over all boards)
        balance.append({"scope": scope, "counted": n, "women": sw, "men": sm, "undisclosed": su,
                        "verdicts": verdicts})

    findings = service.evaluate(snap)
    shown = [f for f in findings if not is_confidential(f)]
    board = {
        "id": snap.board.id, "name": snap.board.name, "legal_basis": snap.board.legal_basis,
        "term": {"start": period.start, "end": period.end} if period else None,
        "composition": comp is not None,
        "rulesets": list(comp.balance) if comp else [], "scopes": list(comp.scopes) if comp else [],
        "seats": seat_out, "balance": balance,
        "open_seats": sum(s["vacant"] for s in seat_out),
        "status": worst(shown) or "ok",          # of the findings shown: nominations stay out
        "summary": summary(shown),
        "findings": [public_finding(f) for f in shown],
        "confidential_findings": len(findings) - len(shown),
        "members": rows,
    }
    return board, _changes(snap, seat_names, first, last), (board_n, w, mn, u), summary(findings)


def _changes(snap: BoardSnapshot, seat_names: dict, first: date, last: date) -> list[dict]:
    """Members appointed, leaving and replaced from ``first`` to ``last``; a predecessor is a member
    of the same seat group whose last day is the day before, a successor one starting the day after."""
    members = [(h, h.last_day) for h in snap.history if h.role == "member"]
    moving = [(h, end) for h, end in members if first <= h.start <= last or end is not None and first <= end <= last]
    if not moving:
        return []
    day = timedelta(days=1)
    starting: dict[tuple, list[Holding]] = defaultdict(list)     # (seat, first day) -> members
    leaving: dict[tuple, list[Holding]] = defaultdict(list)      # (seat, day after the last) -> members
    for h, end in members:
        starting[h.seat, h.start].append(h)
        if end is not None and end < date.max:
            leaving[h.seat, end + day].append(h)
    out = []
    for h, end in moving:
        base = {"board": snap.board.id, "board_name": snap.board.name, "seat": h.seat,
                "seat_name": seat_names.get(h.seat, h.seat), "person": h.person.id if h.person.recorded else None,
                "name": holder_name(h.person)}
        if first <= h.start <= last:
            before = [o for o in leaving.get((h.seat, h.start), ()) if o is not h]
            out.append({**base, "date": h.start, "change": "appointed",
                        "other": ", ".join(sorted(holder_name(o.person) for o in before)), "reason": ""})
        if end is not None and first <= end <= last:
            after = [o for o in starting.get((h.seat, end + day), ()) if o is not h]
            early = h.ended_date is not None and (h.end is None or h.ended_date < h.end)
            out.append({**base, "date": end, "change": "replaced" if after else "ended",
                        "other": ", ".join(sorted(holder_name(o.person) for o in after)),
                        "reason": (h.ended_reason or "other") if early else "term-ended"})
    return out


def change_label(kind: str) -> str:
    return {"appointed": _("appointed"), "ended": _("left"), "replaced": _("replaced")}.get(kind, kind)


def reason_label(reason: str) -> str:
    return {"term-ended": _("term ended"), "resigned": _("resigned"), "left-council": _("left the council"),
            "deceased": _("deceased"), "replaced": _("replaced"), "other": _("other reason"), "": ""}.get(reason, reason)


def role_label(role: str) -> str:
    return {"member": _("member"), "deputy": _("deputy"), "vacant": _("vacant")}.get(role, role)


def build(ctx, year: int | None = None, on: date | None = None, today: date | None = None,
          progress: Progress | None = None, snapshots: Callable | None = None,
          members: bool = True) -> tuple[dict[str, Any], Document]:
    """The annual report as JSON-ready data and as a document. ``snapshots(ctx, on, since)``, if
    given, supplies the boards' snapshots sorted by name (a re-iterable sequence: the site streams
    them in chunks, :mod:`registry.reports.site`); ``members=False`` leaves out the member lists
    (the site's board pages have them), so that a national registry's report fits in memory."""
    with _collector_paused():
        return _build(ctx, year, on, today, progress, snapshots, members)


@contextmanager
def _collector_paused():
    """The cyclic garbage collector off while a report is built: the build allocates a few
    hundred thousand objects while every board's snapshot is alive, and each full collection
    went through all of them again (~15 % of the build); nothing it makes is cyclic garbage."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def _build(ctx, year: int | None, on: date | None, today: date | None,
           progress: Progress | None, snapshots: Callable | None = None,
           members: bool = True) -> tuple[dict[str, Any], Document]:
    year, on, first, last = reference_dates(year, on, today or date.today())
    names = load_names(ctx)
    # the history the rules and the year's changes need: running on or after the day before the
    # year (a predecessor ends then), not the whole past of every board
    since = first - timedelta(days=1) if first > date.min else first
    snaps = snapshots(ctx, on, since) if snapshots else sort_boards(service.snapshots(ctx, on, history=since))
    boards, changes, counts, severities = [], [], [], []
    for i, snap in enumerate(snaps, 1):
        board, board_changes, board_counts, board_sev = _board(snap, names, first, last)
        if not members:
            board["members"] = []
        boards.append(board)
        severities.append(board_sev)
        changes += board_changes
        counts.append(board_counts)
        if progress and (i % 50 == 0 or i == len(snaps)):
            progress(i, len(snaps))

    tot = [0, 0, 0, 0]
    ctl = [0, 0, 0, 0]
    for counts_ in counts:
        for k, v in enumerate(counts_):
            tot[k] += v
    for snap in snaps:
        if snap.composition is not None and "controlled" in snap.composition.scopes:
            for k, v in enumerate(scope_counts(snap, controlled_seat_ids(snap))):
                ctl[k] += v
    # what may be published: per board and in the totals, so that no hidden count can be worked
    # out from the others or from a total (registry/reports/suppress.py)
    tot_shown = _publish([(b["id"], row) for b in boards for row in b["balance"] if row["scope"] == "board"], tot)
    # KKR's own seats are part of the board: shown only where the whole board's counts are, and
    # only where the whole minus the rest of the board does not pin them (public_part)
    ctl_rows, hide = [], []
    for b, whole in zip(boards, counts):
        whole_shown = tuple(b["balance"][0][k] for k in ("women", "men", "undisclosed"))
        for row in b["balance"][1:]:
            part = (row["counted"], row["women"], row["men"], row["undisclosed"])
            if public_part(part, whole, whole_shown) == (NOT_SHOWN,) * 3:
                hide.append(len(ctl_rows))
            ctl_rows.append((b["id"], row))
    ctl_shown = _publish(ctl_rows, ctl, hide)
    # counted as ``check`` counts them on the same date: every finding, those about nominations
    # included (they are counted, never shown)
    sev = {"error": 0, "warning": 0, "info": 0}
    for board_sev in severities:
        for k, v in board_sev.items():
            sev[k] += v
    used = sorted({r for b in boards for r in b["rulesets"]})
    rulesets = []
    custom = snaps[0].custom_rulesets if snaps else {}
    for rid in used:
        try:
            rs = get_ruleset(rid, custom)
            rulesets.append({"id": rs.id, "name": rs.name, "legal_basis": rs.legal_basis})
        except (UnknownRuleSet, ValueError):
            rulesets.append({"id": rid, "name": "", "legal_basis": ""})
    data = {
        "report": "annual",
        "registry": names.registry,
        "year": year,
        "on": on,
        "changes_from": first,
        "changes_to": last,
        "counting_rules": counting_rules(),
        "rulesets": rulesets,
        "totals": {
            "boards": len(boards),
            "counted": tot[0], **tot_shown,
            "controlled": {"counted": ctl[0], **ctl_shown},
            "open_seats": sum(b["open_seats"] for b in boards),
            "findings": sev,
            "confidential_findings": sum(b["confidential_findings"] for b in boards),
        },
        "boards": boards,
        "changes": sorted(changes, key=lambda c: (c["date"], c["board_name"].lower(), c["seat"], c["name"].lower(),
                                                  c["change"])),
    }
    return data, document(data, boards)


def document(data: dict, boards: list[dict]) -> Document:
    t = data["totals"]
    lang = get_language()
    # labels repeat for every row: each translated once
    role, scope, verdict, severity, change, reason = (lru_cache(maxsize=None)(f) for f in (
        role_label, scope_label, verdict_label, severity_label, change_label, reason_label))
    facts = Facts([
        (_("Registry"), data["registry"]),
        (_("Reference date"), data["on"]),
        (_("Changes counted"), f"{_fmt(data['changes_from'])} – {_fmt(data['changes_to'])}"),
        (_("Boards"), t["boards"]),
        (_("Counted members"), t["counted"]),
        (_("Women"), t["women"]),
        (_("Men"), t["men"]),
        (_("Undisclosed sex"), t["undisclosed"]),
        (_("Counted members on KKR's own seats"), t["controlled"]["counted"]),
        (_("Women on KKR's own seats"), t["controlled"]["women"]),
        (_("Men on KKR's own seats"), t["controlled"]["men"]),
        (_("Open seats"), t["open_seats"]),
        (_("Errors"), t["findings"]["error"]),
        (_("Warnings"), t["findings"]["warning"]),
    ])
    overall = Chart(_("Women and men, all boards"), [
        _bar(_("All boards"), t["counted"], t["women"], t["men"], t["undisclosed"], None),
        _bar(_("KKR's own seats"), t["controlled"]["counted"], t["controlled"]["women"], t["controlled"]["men"],
             t["controlled"]["undisclosed"], None),
    ], legend=_legend())
    summary_sec = Section("summary", _("Summary"), blocks=[facts, overall])

    rules_sec = Section("rules", _("Counting rules"), paragraphs=list(data["counting_rules"]), bullets=True, blocks=[
        Table("rulesets", _("Rule sets used"), [
            Column("id", _("Rule set"), width=14), Column("name", _("Name"), width=48),
            Column("legal_basis", _("Legal basis"), width=60)], data["rulesets"], empty=_("No rule sets are in use."))])

    member_rows = [{"board": b["id"], "board_name": b["name"], **r, "role_label": role(r["role"])}
                   for b in boards for r in b["members"]]
    notes = {b["name"]: _board_note(b) for b in boards}
    members_sec = Section("members", _("Members"), paragraphs=[
        _("Members and deputies on {date} by board and seat group, with open seats.", date=_fmt(data["on"]))], blocks=[
        Table("members", _("Members"), [
            Column("board_name", _("Board"), width=36), Column("seat_name", _("Seat group"), width=28),
            Column("role_label", _("Role"), width=10, page=False), Column("name", _("Name"), width=28),
            Column("party", _("Party"), width=7), Column("municipality", _("Municipality"), width=20),
            Column("nominated_by", _("Nominated by"), "list", width=24),
            Column("start", _("From"), "date", width=12), Column("end", _("To"), "date", width=12),
            Column("note", _("Note"), width=26)],
            member_rows, group="board_name", empty=_("No board has members on this date."), merge=("seat_name",),
            group_notes=notes)])

    bal_rows = []
    bars = []
    for b in boards:
        for row in b["balance"]:
            for v in row["verdicts"] or [{"ruleset": "", "required_each": None, "status": ""}]:
                bal_rows.append({"board_name": b["name"], "scope": scope(row["scope"]), "counted": row["counted"],
                                 "women": row["women"], "men": row["men"], "undisclosed": row["undisclosed"],
                                 "ruleset": v["ruleset"], "required_each": v["required_each"],
                                 "verdict": verdict(v["status"]) if v["status"] else ""})
        board_row = b["balance"][0]
        if board_row["counted"]:
            req = next((v["required_each"] for v in board_row["verdicts"]), None)
            bars.append(_bar(b["name"], board_row["counted"], board_row["women"], board_row["men"],
                             board_row["undisclosed"], req))
    balance_sec = Section("balance", _("Gender balance"), paragraphs=[
        _("Counted members by sex on each board, for the whole board and for KKR's own seats, against the board's "
          "rule sets. The line marks the number of each sex the first rule set requires.")], blocks=[
        Chart(_("Women and men per board"), bars, legend=_legend()),
        Table("balance", _("Gender balance"), [
            Column("board_name", _("Board"), width=36), Column("scope", _("Scope"), width=16),
            Column("counted", _("Counted"), "int", width=9), Column("women", _("Women"), "int", width=12),
            Column("men", _("Men"), "int", width=12), Column("undisclosed", _("Undisclosed"), "int", width=12),
            Column("ruleset", _("Rule set"), width=12), Column("required_each", _("Required each"), "int", width=11),
            Column("verdict", _("Verdict"), width=26)], bal_rows)])

    comp_rows = [{"board_name": b["name"], "status": severity(b["status"]) if b["status"] != "ok" else _("ok"),
                  "error": sum(f["severity"] == "error" for f in b["findings"]),
                  "warning": sum(f["severity"] == "warning" for f in b["findings"]),
                  "info": sum(f["severity"] == "info" for f in b["findings"]),
                  "confidential": b["confidential_findings"], "open_seats": b["open_seats"]} for b in boards]
    conf_note = _n("{n} of these findings is about nominations and is counted, not shown: nominations are "
                   "confidential.",
                   "{n} of these findings are about nominations and are counted, not shown: nominations are "
                   "confidential.", t["confidential_findings"], n=t["confidential_findings"]) \
        if t["confidential_findings"] else ""
    compliance_sec = Section("compliance", _("Compliance"), paragraphs=[p for p in (
        _("Open findings on {date}: errors {errors}, warnings {warnings}, notes {info}.", date=_fmt(data["on"]),
          errors=t["findings"]["error"], warnings=t["findings"]["warning"], info=t["findings"]["info"]), conf_note) if p],
        blocks=[Table("compliance", _("Compliance by board"), [
            Column("board_name", _("Board"), width=36), Column("status", _("Status"), width=10),
            Column("error", _("Errors"), "int", width=8), Column("warning", _("Warnings"), "int", width=9),
            Column("info", _("Notes"), "int", width=8),
            Column("confidential", _("About nominations"), "int", width=11),
            Column("open_seats", _("Open seats"), "int", width=8)], comp_rows)])

    finding_rows = [{"board_name": b["name"], "severity": severity(f["severity"]), "rule": f["rule"],
                     "_class": f"sev-{f['severity']}",
                     "message": f["message"], "remedy": f["remedy"], "legal_basis": f["legal_basis"]}
                    for b in boards for f in b["findings"]]
    findings_sec = Section("findings", _("Open findings"), blocks=[Table("findings", _("Open findings"), [
        Column("board_name", _("Board"), width=30), Column("severity", _("Severity"), width=18),
        Column("rule", _("Rule"), width=20), Column("message", _("Finding"), width=60),
        Column("remedy", _("What to do"), width=44), Column("legal_basis", _("Legal basis"), width=46)],
        finding_rows, group="board_name", empty=_("No open findings."))])

    change_rows = [dict(c, change_label=change(c["change"]), reason_label=reason(c["reason"]))
                   for c in data["changes"]]
    changes_sec = Section("changes", _("Changes during {year}", year=data["year"]), paragraphs=[
        _("Members appointed, leaving and replaced from {start} to {end}.", start=_fmt(data["changes_from"]),
          end=_fmt(data["changes_to"]))], blocks=[Table("changes", _("Changes"), [
            Column("date", _("Date"), "date", width=12), Column("board_name", _("Board"), width=36),
            Column("seat_name", _("Seat group"), width=26), Column("change_label", _("Change"), width=16),
            Column("name", _("Name"), width=28), Column("other", _("Successor or predecessor"), width=28),
            Column("reason_label", _("Reason"), width=16)], change_rows, empty=_("No changes in this period."))])

    title = _("Annual report {year}", year=data["year"])
    subtitle = _("{registry} — boards and members on {date}", registry=data["registry"] or "Udpeg", date=_fmt(data["on"]))
    return Document(title, subtitle, None,
                    [summary_sec, rules_sec, members_sec, balance_sec, compliance_sec, findings_sec, changes_sec],
                    lang=lang, footer=_("Made with Udpeg. Small counts by sex are not published (\u201cfewer than 3\u201d, \u201cnot shown\u201d)."))


def _publish(rows: list[tuple[str, dict]], total: list[int], hide: list[int] = ()) -> dict:
    """Replace the exact counts of ``rows`` ((board id, balance entry) of one scope, one per board)
    by what may be published beside ``total``; returns the total's published counts."""
    shown, total_shown = public_table([(r["counted"], r["women"], r["men"], r["undisclosed"]) for _id, r in rows],
                                      total, [bid for bid, _r in rows], hide)
    for (_id, r), (w, mn, u) in zip(rows, shown):
        r["women"], r["men"], r["undisclosed"] = w, mn, u
    w, mn, u = total_shown
    return {"women": w, "men": mn, "undisclosed": u}


def _board_note(b: dict) -> str:
    """One line under a board's heading: term, rule sets, counted members, status."""
    parts = []
    if b["term"]:
        parts.append(_("Term {start} – {end}", start=_fmt(b["term"]["start"]), end=_fmt(b["term"]["end"])))
    if not b["composition"]:
        parts.append(_("no composition in force"))
    elif b["rulesets"]:
        parts.append(_("rule set {rulesets}", rulesets=", ".join(b["rulesets"])))
    whole = b["balance"][0]
    parts.append(_("{n} counted: women {women}, men {men}", n=whole["counted"], women=whole["women"], men=whole["men"]))
    s = b["summary"]
    if s["error"] or s["warning"]:
        parts.append(_("findings: errors {errors}, warnings {warnings}", errors=s["error"], warnings=s["warning"]))
    return " · ".join(parts)


def _fmt(d: date | None) -> str:
    from registry.display import show_date

    return show_date(d)


def _legend() -> list[tuple[str, str]]:
    return [("women", _("Women")), ("men", _("Men")), ("undisclosed", _("Undisclosed"))]


def _bar(label: str, n: int, women, men, undisclosed, required: int | None) -> Bar:
    """A stacked bar of one board; hidden counts are drawn as one neutral bar with a sentence."""
    marker = (required / n) if required and n else None
    if not all(isinstance(v, int) for v in (women, men, undisclosed)):
        return Bar(label, [Segment(n, "other", _("{n} counted", n=n))], n,
                   text=_("{n} counted; small counts hidden", n=n), marker=marker)
    segs = [Segment(women, "women", _("Women: {n}", n=women)), Segment(men, "men", _("Men: {n}", n=men))]
    if undisclosed:
        segs.append(Segment(undisclosed, "undisclosed", _("Undisclosed: {n}", n=undisclosed)))
    return Bar(label, segs, n, text=_("{women}, {men} of {n}", women=_n("{n} woman", "{n} women", women, n=women),
                                              men=_n("{n} man", "{n} men", men, n=men), n=n), marker=marker)
