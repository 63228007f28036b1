"""The gender report: balance over time by board, by appointing body and by period, and a
scorecard per nominating organisation.

Nominations are confidential: the report shows only counts per organisation (how many
nominations, how many proposed both a woman and a man, how many stated special reasons and how
many of those were accepted) — never candidates, never reasons texts. Counts for one board
follow the small-count rule ("fewer than 3").
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any, Callable

from sqlalchemy import select

from registry import model as m
from registry import service
from registry.db import read_session
from registry.i18n import _, get_language
from registry.reports import public_counts, public_table
from registry.reports.annual import _bar, _fmt, _legend
from registry.reports.common import counted_seat_ids, load_names, scope_counts, sort_boards, tally
from registry.reports.doc import Bar, Chart, Column, Document, Facts, Section, Segment, Table
from registry.terms import parse_pattern, period_containing

Progress = Callable[[int, int], None]


def reference_dates(first_year: int, on: date) -> list[date]:
    """31 December of every year from ``first_year``, and ``on`` for its own year."""
    out = [date(y, 12, 31) for y in range(first_year, on.year)]
    out.append(on)
    return out


def _share(w: Any, mn: Any) -> float | None:
    if isinstance(w, int) and isinstance(mn, int) and w + mn:
        return round(w / (w + mn), 4)
    return None


def build(ctx, on: date, since: int | None = None, progress: Progress | None = None) -> tuple[dict, Document]:
    names = load_names(ctx)
    base = service.snapshots(ctx, on)
    snaps = sort_boards(base)
    starts = [h.start for s in snaps for h in s.history if h.role == "member"]
    first_year = since or (min(starts).year if starts else on.year)
    first_year = max(first_year, on.year - 40)
    dates = reference_dates(first_year, on)

    by_board: list[dict] = []
    by_year: list[dict] = []
    steps = len(dates) + 2
    for i, d in enumerate(dates, 1):
        tot = [0, 0, 0, 0]
        rows, exact = [], []
        for snap in snaps:
            s = snap.at(d)
            n, w, mn, u = scope_counts(s, counted_seat_ids(s))
            if s.composition is None and not n:
                continue
            for k, v in enumerate((n, w, mn, u)):
                tot[k] += v
            exact.append((n, w, mn, u))
            rows.append({"board": s.board.id, "board_name": s.board.name, "date": d, "counted": n})
        # per board and in the year's total, as much as may be published (registry/reports/suppress.py)
        shown, (tw, tm, tu) = public_table(exact, tot, [r["board"] for r in rows])
        for row, (pw, pm, pu) in zip(rows, shown):
            row.update({"women": pw, "men": pm, "undisclosed": pu, "share_women": _share(pw, pm)})
        by_board += rows
        by_year.append({"date": d, "counted": tot[0], "women": tw, "men": tm, "undisclosed": tu,
                        "share_women": _share(tw, tm)})
        if progress:
            progress(i, steps)
    by_board.sort(key=lambda r: (r["board_name"].lower(), r["board"], r["date"]))

    # by appointing body, on the last reference date
    bodies: dict[str, dict] = {}
    for snap in snaps:
        comp = snap.composition
        if comp is None:
            continue
        for seat in comp.seats:
            if not seat.counts_for_balance:
                continue
            key = seat.appointed_by or ""
            row = bodies.setdefault(key, {"body": key, "body_name": names.org(key) or _("(not recorded)"),
                                          "boards": set(), "counted": 0, "women": 0, "men": 0, "undisclosed": 0})
            w, mn, u = tally(snap.members_of(seat.id))
            if w + mn + u:
                row["boards"].add(snap.board.id)
            row["counted"] += w + mn + u
            row["women"] += w
            row["men"] += mn
            row["undisclosed"] += u
    body_rows = []
    bodies_with_members = [r for r in sorted(bodies.values(), key=lambda r: (r["body_name"].lower(), r["body"]))
                           if r["counted"]]
    # a body's row follows the small-count rules like a board's (it may be one small board), and
    # the rows add up to the counted members on the reference date, which the report shows
    exact = [(r["counted"], r["women"], r["men"], r["undisclosed"]) for r in bodies_with_members]
    # a body's counts are parts of its boards': shown only for a body whose boards all show theirs
    # on the reference date (else the by-board table's hidden counts could be narrowed down)
    hidden_boards = {r["board"] for r in by_board if r["date"] == on
                     and not all(isinstance(r[k], int) for k in ("women", "men", "undisclosed"))}
    hide = [i for i, r in enumerate(bodies_with_members) if r["boards"] & hidden_boards]
    shown, _total = public_table(exact, tuple(sum(e[k] for e in exact) for k in range(4)),
                                 [r["body"] for r in bodies_with_members], hide)
    for row, (w, mn, u) in zip(bodies_with_members, shown):
        body_rows.append({"body": row["body"] or None, "body_name": row["body_name"], "boards": len(row["boards"]),
                          "counted": row["counted"], "women": w, "men": mn, "undisclosed": u,
                          "share_women": _share(w, mn)})
    if progress:
        progress(len(dates) + 1, steps)

    # by period: members appointed in each KKR election period (all boards together)
    kkr = parse_pattern("kkr")
    periods: dict[tuple, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    counted_ids = {}
    for snap in snaps:
        seats = {s.id: s.counts_for_balance for c in snap.compositions for s in c.seats}
        counted_ids[snap.board.id] = seats
        for h in snap.history:
            if h.role != "member" or h.start > on or not seats.get(h.seat, True):
                continue
            p = period_containing(kkr, h.start)
            key = (p.start, p.end) if p else (None, None)
            row = periods[key]
            row[0] += 1
            row[1 if h.person.sex == "woman" else 2 if h.person.sex == "man" else 3] += 1
    # each period's appointees are named in the annual reports: its counts follow the small-count
    # rules like a board's (no total of the periods is shown)
    period_rows = []
    for k, v in sorted(periods.items(), key=lambda kv: (kv[0][0] or date.min)):
        pw, pm, pu = public_counts(*v)
        period_rows.append({"period_start": k[0], "period_end": k[1], "appointed": v[0], "women": pw, "men": pm,
                            "undisclosed": pu, "share_women": _share(pw, pm)})

    scorecard = _scorecard(ctx, names, on)
    if progress:
        progress(steps, steps)
    data = {
        "report": "gender",
        "registry": names.registry,
        "on": on,
        "dates": dates,
        "by_year": by_year,
        "by_board": by_board,
        "by_appointing_body": body_rows,
        "by_period": period_rows,
        "nominating_organisations": scorecard,
    }
    return data, document(data)


def _scorecard(ctx, names, on: date) -> list[dict]:
    """Aggregates per nominating organisation over every nomination received up to ``on``."""
    N, P = m.Nomination.__table__.c, m.Person.__table__.c
    with read_session(ctx.engine) as s:
        noms = list(s.execute(select(N.id, N.organisations, N.candidates, N.round, N.received, N.reasons,
                                     N.reasons_accepted).order_by(N.id)))
        people = {c for n in noms for c in (n.candidates or ())}
        sex: dict[str, str] = {}
        ids = sorted(people)
        for i in range(0, len(ids), 900):
            sex.update(dict(s.execute(select(P.id, P.sex).where(P.id.in_(ids[i:i + 900]))).all()))
    orgs: dict[str, dict] = {}
    for n in noms:
        cands = list(n.candidates or ())
        if not cands:
            continue   # not received yet
        if (n.received or n.round) > on:
            continue
        sexes = {sex.get(c, "undisclosed") for c in cands}
        both = "woman" in sexes and "man" in sexes
        reasons = bool((n.reasons or "").strip())
        accepted = (n.reasons_accepted or "").strip().lower()
        for org in n.organisations or ():
            row = orgs.setdefault(org, {"organisation": org, "organisation_name": names.org(org), "nominations": 0,
                                        "both_sexes": 0, "reasons_stated": 0, "reasons_accepted": 0,
                                        "reasons_rejected": 0})
            row["nominations"] += 1
            row["both_sexes"] += both
            row["reasons_stated"] += reasons
            row["reasons_accepted"] += reasons and accepted == "yes"
            row["reasons_rejected"] += reasons and accepted == "no"
    out = []
    for row in sorted(orgs.values(), key=lambda r: (r["organisation_name"].lower(), r["organisation"])):
        row["share_both_sexes"] = round(row["both_sexes"] / row["nominations"], 4) if row["nominations"] else None
        out.append(row)
    return out


def document(data: dict) -> Document:
    last = data["by_year"][-1] if data["by_year"] else {"counted": 0, "women": 0, "men": 0, "undisclosed": 0}
    facts = Facts([
        (_("Registry"), data["registry"]),
        (_("Reference date"), data["on"]),
        (_("Years"), f"{data['dates'][0].year}–{data['dates'][-1].year}" if data["dates"] else ""),
        (_("Counted members"), last["counted"]),
        (_("Women"), last["women"]),
        (_("Men"), last["men"]),
        (_("Undisclosed sex"), last["undisclosed"]),
        (_("Share of women"), f"{round(last['share_women'] * 100)} %" if last.get("share_women") is not None else "–"),
    ])
    year_chart = Chart(_("Women and men on all boards, by year"), [
        _bar(str(r["date"].year) if r["date"].month == 12 and r["date"].day == 31 else _fmt(r["date"]),
             r["counted"], r["women"], r["men"], r["undisclosed"], None)
        for r in data["by_year"] if r["counted"]], legend=_legend())
    year_table = Table("by_year", _("All boards by year"), [
        Column("date", _("Reference date"), "date", 14), Column("counted", _("Counted"), "int", 10),
        Column("women", _("Women"), "int", 10), Column("men", _("Men"), "int", 10),
        Column("undisclosed", _("Undisclosed"), "int", 12), Column("share_women", _("Share of women"), "pct", 12)],
        data["by_year"])
    summary = Section("summary", _("Summary"), paragraphs=[
        _("Counted members are those on seats that count for gender balance (no observers, no deputies), on 31 "
          "December of each year and on the reference date. Sex is counted as declared. A board, appointing body or "
          "period with 3 or fewer counted members shows no counts by sex; with more, a count below 3 is shown as "
          "\u201cfewer than 3\u201d and the other counts of that row as \u201cnot shown\u201d, and more counts are "
          "not shown where a total would still let a hidden one be worked out.")],
        blocks=[facts, year_chart, year_table])

    board_table = Table("by_board", _("By board"), [
        Column("board_name", _("Board"), width=36), Column("date", _("Reference date"), "date", 14),
        Column("counted", _("Counted"), "int", 10), Column("women", _("Women"), "int", 12),
        Column("men", _("Men"), "int", 12), Column("undisclosed", _("Undisclosed"), "int", 12),
        Column("share_women", _("Share of women"), "pct", 12)], [r for r in data["by_board"] if r["counted"]],
        group="board_name",
        empty=_("No board has counted members."))
    latest = [r for r in data["by_board"] if r["date"] == data["on"] and r["counted"]]
    board_chart = Chart(_("Women and men per board on {date}", date=_fmt(data["on"])), [
        _bar(r["board_name"], r["counted"], r["women"], r["men"], r["undisclosed"], None) for r in latest],
        legend=_legend())
    boards = Section("by_board", _("Balance over time by board"), paragraphs=[
        _("Years in which a board had no counted members are left out.")], blocks=[board_chart, board_table])

    body_table = Table("by_body", _("By appointing body"), [
        Column("body_name", _("Appointing body"), width=36), Column("boards", _("Boards"), "int", 9),
        Column("counted", _("Counted"), "int", 10), Column("women", _("Women"), "int", 12),
        Column("men", _("Men"), "int", 12), Column("undisclosed", _("Undisclosed"), "int", 12),
        Column("share_women", _("Share of women"), "pct", 12)], data["by_appointing_body"],
        empty=_("No counted members on the reference date."))
    body_chart = Chart(_("Women and men by appointing body"), [
        _bar(r["body_name"], r["counted"], r["women"], r["men"], r["undisclosed"], None)
        for r in data["by_appointing_body"]], legend=_legend())
    bodies = Section("by_body", _("By appointing body"), paragraphs=[
        _("Counted members on {date} by the body that appoints their seat.", date=_fmt(data["on"]))],
        blocks=[body_chart, body_table])

    period_rows = [dict(r, period=f"{_fmt(r['period_start'])} – {_fmt(r['period_end'])}" if r["period_start"] else _("(no period)"))
                   for r in data["by_period"]]
    period_table = Table("by_period", _("By period"), [
        Column("period", _("Election period"), width=26, sheet=False),
        Column("period_start", _("Period start"), "date", 13, page=False),
        Column("period_end", _("Period end"), "date", 13, page=False),
        Column("appointed", _("Appointed"), "int", 11),
        Column("women", _("Women"), "int", 10), Column("men", _("Men"), "int", 10),
        Column("undisclosed", _("Undisclosed"), "int", 12), Column("share_women", _("Share of women"), "pct", 12)],
        period_rows, empty=_("No appointments."))
    period_chart = Chart(_("Appointments by election period"), [
        _bar(r["period"], r["appointed"], r["women"], r["men"], r["undisclosed"], None) for r in period_rows
        if r["appointed"]], legend=_legend())
    periods = Section("by_period", _("By period"), paragraphs=[
        _("Members appointed to counted seats in each municipal election period, all boards together.")],
        blocks=[period_chart, period_table])

    score = Table("scorecard", _("Nominating organisations"), [
        Column("organisation_name", _("Organisation"), width=36), Column("nominations", _("Nominations"), "int", 12),
        Column("both_sexes", _("Proposed both sexes"), "int", 12),
        Column("share_both_sexes", _("Share proposing both"), "pct", 12),
        Column("reasons_stated", _("Special reasons stated"), "int", 12),
        Column("reasons_accepted", _("Reasons accepted"), "int", 12),
        Column("reasons_rejected", _("Reasons not accepted"), "int", 12)], data["nominating_organisations"],
        empty=_("No nominations with candidates have been received."))
    score_chart = Chart(_("Share of nominations proposing both a woman and a man"), [
        Bar(r["organisation_name"], [Segment(r["both_sexes"], "women", _("Both sexes: {n}", n=r["both_sexes"])),
                                     Segment(r["nominations"] - r["both_sexes"], "other",
                                             _("One sex only: {n}", n=r["nominations"] - r["both_sexes"]))],
            r["nominations"], text=_("{both} of {n}", both=r["both_sexes"], n=r["nominations"]))
        for r in data["nominating_organisations"]],
        legend=[("women", _("Both sexes proposed")), ("other", _("One sex only"))])
    scorecard = Section("scorecard", _("Nominating organisations"), paragraphs=[
        _("How often each organisation's nominations proposed both a woman and a man (ligestillingsloven § 10 a), "
          "how often it stated special reasons instead, and how often those reasons were accepted. Nominations "
          "are confidential: only these totals are shown.")], blocks=[score_chart, score])

    return Document(_("Gender balance {first}–{last}", first=data["dates"][0].year, last=data["dates"][-1].year),
                    _("{registry} — by board, appointing body, period and nominating organisation",
                      registry=data["registry"] or "Udpeg"), None,
                    [summary, boards, bodies, periods, scorecard], lang=get_language(),
                    footer=_("Made with Udpeg. Small counts by sex are not published (\u201cfewer than 3\u201d, \u201cnot shown\u201d)."))
