"""boards, board, check: reading boards and their findings."""

from __future__ import annotations

from typing import Optional

import typer

from registry.cli import ExitCode
from registry.cli.app import app, on_or_today, state
from registry.cli.output import (SEVERITY_MARK, SEVERITY_STYLE, Format, _console, cell_text, emit, err,
                                 findings_rows, print_json, show_date)
from registry.i18n import _, _n, get_language


@app.command()
def boards(
    on: Optional[str] = typer.Option(None, "--on", help="The date to look at (default today)."),
    search: Optional[str] = typer.Option(None, "--search", help="Only boards whose name or id contains this."),
    fmt: Format = typer.Option(Format.table, "--format", help="table, json or csv."),
) -> None:
    """Boards with status, counted members, women/men, open seats and next term end."""
    from registry import service

    day = on_or_today(on)
    rows = service.board_summaries(state().context(), day, search)
    for r in rows:
        r["mark"] = SEVERITY_MARK[r["status"]]
    emit(rows, fmt, [("mark", ""), ("id", "Id"), ("name", _("Board")), ("counted", _("Counted")),
                     ("women", _("Women")), ("men", _("Men")), ("undisclosed", _("Undisclosed")),
                     ("open_seats", _("Open seats")), ("next_term_end", _("Next term end"))],
         title=_("Boards on {day}", day=show_date(day)),
         json_value=[{k: v for k, v in r.items() if k not in ("mark", "summary")} for r in rows],
         styles={"mark": lambda r: {"error": "bold red", "warning": "yellow"}.get(r["status"], "green")})


def _who(h) -> dict:
    """A holder's person id and name as shown; a holder who is not recorded has no id."""
    from registry.snapshot import holder_name

    return {"person": h.person.id if h.person.recorded else None, "name": holder_name(h.person)}


def board_detail(snap, findings) -> dict:
    """The JSON shape of `udpeg board`: seat groups with holders and deputies, counts, findings."""
    from registry.findings import summary
    from registry.service import counts

    comp = snap.composition
    deputies = {}
    for d in snap.deputies:
        deputies.setdefault(d.deputy_for, []).append(d)

    def holder(h):
        return {"appointment": h.appointment, **_who(h), "sex": h.person.sex,
                "party": h.person.party, "municipality": h.person.municipality, "start": h.start,
                "end": h.end, "status": h.status, "nominated_by": list(h.nominated_by),
                "deputies": [{"appointment": d.appointment, **_who(d),
                              "start": d.start, "end": d.last_day} for d in deputies.get(h.appointment, [])]}

    from registry.seats import open_by_seat

    seats = []
    allotted = {a.seat: a for a in snap.allocations}
    opened = open_by_seat(snap)
    for s in (comp.seats if comp else ()):
        hs = snap.members_of(s.id)
        loose = [d for d in snap.deputies if d.seat == s.id and d.deputy_for not in {h.appointment for h in hs}]
        seats.append({"seat": s.id, "name": s.name, "count": s.count, "voting": s.voting,
                      "counts_for_balance": s.counts_for_balance, "appointed_by": s.appointed_by,
                      "nominated_by": list(s.nominated_by), "holders": [holder(h) for h in hs],
                      "deputies_without_member": [{"appointment": d.appointment, **_who(d)} for d in loose],
                      "open": sum(o.open for o in opened.get(s.id, ())),
                      "council_group": allotted[s.id].council_group if s.id in allotted else None})
    c = counts(snap)
    b = snap.board
    return {"as_of": snap.on, "board": {"id": b.id, "name": b.name, "kkr": b.kkr, "legal_basis": b.legal_basis,
                                        "term": str(b.term), "statutory": b.statutory,
                                        "decision_making": b.decision_making, "holdover": b.holdover},
            "composition": None if comp is None else {"valid_from": comp.valid_from, "valid_to": comp.valid_to,
                                                       "size": {"min": comp.size_min, "max": comp.size_max, "odd": comp.odd},
                                                       "balance": list(comp.balance), "balance_scopes": list(comp.scopes)},
            "seats": seats,
            "counts": {"counted": c.counted, "women": c.women, "men": c.men, "undisclosed": c.undisclosed},
            "findings": findings_rows(findings), "summary": summary(findings)}


def print_findings(findings, console=None) -> None:
    from rich.text import Text

    console = console or _console()
    if not findings:
        console.print(Text(_("No findings."), style="green"))
        return
    for f in findings:
        line = Text()
        line.append(f"{SEVERITY_MARK[f.severity]} {f.severity:<7} ", style=SEVERITY_STYLE[f.severity])
        line.append(f"{f.rule}", style="bold")
        where = " · ".join(x for x in (f.board, f.seat, f.person or f.nomination) if x)
        if where:
            line.append(f"  ({where})", style="dim")
        console.print(line)
        console.print(Text("    " + f.text()))
        if f.legal_basis:
            console.print(Text("    " + f.legal_basis, style="dim"))
        if f.remedy:
            console.print(Text("    → " + f.remedy_text(), style="italic"))


@app.command()
def board(
    board_id: str = typer.Argument(..., metavar="ID", help="The board's id."),
    on: Optional[str] = typer.Option(None, "--on", help="The date to look at (default today)."),
    fmt: Format = typer.Option(Format.table, "--format", help="table, json or csv."),
) -> None:
    """One board: seat groups, holders, deputies, vacancies and findings."""
    from rich.text import Text

    from registry import service

    day = on_or_today(on)
    snap = service.snapshot(state().context(), board_id, day)
    findings = service.evaluate(snap)
    detail = board_detail(snap, findings)
    if fmt == Format.json:
        print_json(detail)
        return
    if fmt == Format.csv:
        rows = [{"seat": s["seat"], "seat_name": s["name"], "role": "member", **h}
                for s in detail["seats"] for h in s["holders"]]
        emit(rows, fmt, [(k, k) for k in ("seat", "seat_name", "role", "appointment", "person", "name", "sex",
                                          "party", "municipality", "start", "end", "status")])
        return
    console = _console()
    b = detail["board"]
    console.print(Text(f"{b['name']}  ({b['id']})", style="bold"))
    console.print(Text(_("As of {day} · {basis}", day=show_date(day), basis=b["legal_basis"] or "-"), style="dim"))
    c = detail["counts"]
    console.print(Text(_("Counted members: {n} — women {w}, men {m}, undisclosed {u}", n=c["counted"], w=c["women"],
                         m=c["men"], u=c["undisclosed"])))
    if snap.composition is None:
        console.print(Text(_("No composition is in force on this date."), style="yellow"))
    for s in detail["seats"]:
        head = Text(f"\n{s['name']} ", style="bold")
        head.append(f"({s['seat']}, {len(s['holders'])}/{s['count']}"
                    + ("" if s["voting"] else ", " + _("no vote")) + ")", style="dim")
        console.print(head)
        for h in s["holders"]:
            line = Text(f"  • {h['name']}")
            extra = ", ".join(x for x in (h["party"], h["municipality"], _(h["sex"])) if x)
            line.append(f"  {extra}", style="dim")
            line.append(f"  {show_date(h['start'])} – {show_date(h['end'])}", style="dim")
            if h["status"] == "holdover":
                line.append("  " + _("holdover"), style="yellow")
            console.print(line)
            for d in h["deputies"]:
                console.print(Text(f"      {_('deputy')}: {d['name']}", style="dim"))
        for _i in range(s["open"]):
            vac = _("vacant")
            if s["council_group"]:
                vac += " — " + _("allotted to {group}", group=s["council_group"])
            console.print(Text(f"  ○ {vac}", style="yellow"))
    console.print(Text("\n" + _("Findings"), style="bold"))
    print_findings(findings, console)


@app.command()
def check(
    board_id: Optional[str] = typer.Option(None, "--board", help="Only this board."),
    on: Optional[str] = typer.Option(None, "--on", help="The date to check (default today)."),
    severity: Optional[str] = typer.Option(None, "--severity", help="Show this level and worse: error, warning or info."),
    fmt: Format = typer.Option(Format.table, "--format", help="table, json or csv."),
) -> None:
    """All findings on a date; exit 1 if any is an error."""
    from registry import service
    from registry.findings import summary

    if severity is not None and severity not in ("error", "warning", "info"):
        raise typer.BadParameter(_("{value}: use error, warning or info.", value=severity), param_hint="--severity")
    day = on_or_today(on)
    if fmt in (Format.json, Format.csv):    # read from the store of board findings
        rows = service.check_rows(state().context(), day, board_id, severity)
        counts = {s: 0 for s in ("error", "warning", "info")}
        for f in rows:
            counts[f["severity"]] += 1
        if fmt == Format.json:
            print_json({"as_of": day, "findings": rows, "summary": counts})
        else:
            emit([{**f, "details": __import__("json").dumps(f["details"], ensure_ascii=False)} for f in rows],
                 fmt, [(k, k) for k in ("rule", "severity", "board", "seat", "person", "appointment", "nomination",
                                       "message", "legal_basis", "remedy", "details")])
        if counts["error"]:
            raise typer.Exit(ExitCode.FINDINGS)
        return
    findings = service.check(state().context(), day, board_id, severity)
    if fmt == Format.json:
        print_json({"as_of": day, "findings": findings_rows(findings), "summary": summary(findings)})
    elif fmt == Format.csv:
        emit([{**f, "details": __import__("json").dumps(f["details"], ensure_ascii=False)} for f in findings_rows(findings)],
             fmt, [(k, k) for k in ("rule", "severity", "board", "seat", "person", "appointment", "nomination",
                                   "message", "legal_basis", "remedy", "details")])
    else:
        print_findings(findings)
        s = summary(findings)
        err(_("{errors}, {warnings}, {infos} on {day}.", errors=_n("{n} error", "{n} errors", s["error"], n=s["error"]),
              warnings=_n("{n} warning", "{n} warnings", s["warning"], n=s["warning"]),
              infos=_n("{n} note", "{n} notes", s["info"], n=s["info"]), day=show_date(day)))
    if any(f.severity == "error" for f in findings):
        raise typer.Exit(ExitCode.FINDINGS)
