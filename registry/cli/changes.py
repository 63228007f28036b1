"""whatif, appoint, end, nominate, plan: changing the registry, always checked first."""

from __future__ import annotations

from typing import List, Optional

import typer

from registry.cli import ExitCode
from registry.cli.app import MAX_SEATS, app, on_or_today, parse_day, state
from registry.cli.boards import print_findings
from registry.cli.output import Format, _console, err, findings_rows, print_json
from registry.i18n import _, format_day


def _decision(value: Optional[str]) -> tuple[Optional[str], Optional[str]]:
    if value is None:
        return None, None
    meeting, _sep, item = value.partition(":")
    return meeting, item or None          # an empty meeting id is refused as a load refuses it


def _proposal(board, seat, person, start, end, role, deputy_for, nominated_by, nomination, decision, case,
              council_group, ending, override_reason):
    from registry.service import Proposal

    if role not in ("member", "deputy"):
        raise typer.BadParameter(_("{value}: use member or deputy.", value=role), param_hint="--role")
    meeting, item = _decision(decision)
    return Proposal(board=board, seat=seat, person=person, start=on_or_today(start, "--start"),
                    end=parse_day(end, "--end"), role=role, deputy_for=deputy_for,
                    nominated_by=tuple(nominated_by or ()), nomination=nomination, council_group=council_group,
                    decision_meeting=meeting, decision_item=item, decision_case=case, ending=ending,
                    override_reason=override_reason)


def _print_diff(result, fmt: Format) -> None:
    d = result.diff
    if fmt == Format.json:
        from registry.findings import summary

        print_json({"as_of": result.snapshot.on, "findings": findings_rows(result.after),
                    "summary": summary(result.after), "new": findings_rows(d.new),
                    "resolved": findings_rows(d.resolved), "unchanged": findings_rows(d.unchanged)})
        return
    from rich.text import Text

    console = _console()
    for title, items, style in ((_("New"), d.new, "bold"), (_("Resolved"), d.resolved, "green"),
                                (_("Unchanged"), d.unchanged, "dim")):
        console.print(Text(f"{title} ({len(items)})", style=style))
        if items:
            print_findings(items, console)


OPT_BOARD = typer.Option(..., "--board", help="The board's id.")
OPT_SEAT = typer.Option(..., "--seat", help="The seat group's id.")
OPT_PERSON = typer.Option(..., "--person", help="The person's id.")


@app.command()
def whatif(
    board: str = OPT_BOARD, seat: str = OPT_SEAT, person: str = OPT_PERSON,
    start: Optional[str] = typer.Option(None, "--start", help="Start date (default today)."),
    end: Optional[str] = typer.Option(None, "--end", help="End date (default: the end of the term)."),
    role: str = typer.Option("member", "--role", help="member or deputy."),
    deputy_for: Optional[str] = typer.Option(None, "--deputy-for", help="For a deputy: the member appointment."),
    ending: Optional[str] = typer.Option(None, "--ending", help="An appointment that ends the day before."),
    fmt: Format = typer.Option(Format.table, "--format", help="table or json."),
) -> None:
    """The findings as they would be, and the difference from now; exit 1 if the change adds an error."""
    from registry import service

    p = _proposal(board, seat, person, start, end, role, deputy_for, None, None, None, None, None, ending, None)
    result = service.whatif(state().context(), p)
    _print_diff(result, fmt)
    if result.diff.adds_error:
        raise typer.Exit(ExitCode.FINDINGS)


@app.command()
def appoint(
    board: str = OPT_BOARD, seat: str = OPT_SEAT, person: str = OPT_PERSON,
    start: Optional[str] = typer.Option(None, "--start", help="Start date (default today)."),
    end: Optional[str] = typer.Option(None, "--end", help="End date (default: the end of the term)."),
    role: str = typer.Option("member", "--role", help="member or deputy."),
    deputy_for: Optional[str] = typer.Option(None, "--deputy-for", help="For a deputy: the member appointment."),
    nominated_by: Optional[List[str]] = typer.Option(None, "--nominated-by", help="Nominating organisation (repeat for several)."),
    nomination: Optional[str] = typer.Option(None, "--nomination", help="The nomination it came from."),
    decision: Optional[str] = typer.Option(None, "--decision", help="MEETING:ITEM, e.g. kkr-2026-03-27:4.1"),
    case: Optional[str] = typer.Option(None, "--case", help="Case number, e.g. SAG-2026-00797."),
    council_group: Optional[str] = typer.Option(None, "--council-group", help="The council group that filled it."),
    ending: Optional[str] = typer.Option(None, "--ending", help="An appointment this one replaces (ended the day before)."),
    override_reason: Optional[str] = typer.Option(None, "--override-reason", help="Why to appoint despite an error."),
    fmt: Format = typer.Option(Format.table, "--format", help="table or json."),
) -> None:
    """Make an appointment; refused (exit 1, nothing written) when it would add an error, unless overridden."""
    from registry import service

    p = _proposal(board, seat, person, start, end, role, deputy_for, nominated_by, nomination, decision, case,
                  council_group, ending, override_reason)
    try:
        result = service.appoint(state().context(), p)
    except service.Refused as exc:
        if fmt == Format.json:
            print_json({"appointed": False, "new": findings_rows(exc.findings)})
        else:
            print_findings(exc.findings)
        err(str(exc))
        raise typer.Exit(ExitCode.FINDINGS) from None
    if fmt == Format.json:
        print_json({"appointed": True, "appointment": result.holding.appointment,
                    "new": findings_rows(result.diff.new), "resolved": findings_rows(result.diff.resolved),
                    "findings": findings_rows(result.after)})
    else:
        _print_diff(result, fmt)
    err(_("Appointed {person} to {board} / {seat} as {id}.", person=person, board=board, seat=seat,
          id=result.holding.appointment))


@app.command()
def end(
    appointment: str = typer.Argument(..., help="The appointment's id."),
    on: str = typer.Option(..., "--date", help="The last day of the appointment."),
    reason: str = typer.Option(..., "--reason", help="resigned, left-council, deceased, replaced or other."),
    note: Optional[str] = typer.Option(None, "--note", help="Free text for the audit log."),
    fmt: Format = typer.Option(Format.table, "--format", help="table or json."),
) -> None:
    """End an appointment early."""
    from registry import service

    day = parse_day(on, "--date")
    findings = service.end_appointment(state().context(), appointment, day, reason, note=note)
    if fmt == Format.json:
        print_json({"ended": appointment, "findings": findings_rows(findings)})
    else:
        print_findings(findings)
    err(_("Ended {id} on {day}.", id=appointment, day=format_day(day)))


@app.command()
def nominate(
    board: str = OPT_BOARD, seat: str = OPT_SEAT,
    round_: str = typer.Option(..., "--round", help="The term start the nomination is for."),
    org: List[str] = typer.Option(..., "--org", help="Nominating organisation (repeat for a joint nomination)."),
    candidate: List[str] = typer.Option(..., "--candidate", help="A proposed person (repeat)."),
    seats: int = typer.Option(1, "--seats", min=1, max=MAX_SEATS, help="How many seats it proposes for (k in § 10 a)."),
    reasons: str = typer.Option("", "--reasons", help="Særlige grunde, if it lacks a woman or a man."),
    received: Optional[str] = typer.Option(None, "--received", help="Date received."),
    deadline: Optional[str] = typer.Option(None, "--deadline", help="The deadline."),
    nomination_id: Optional[str] = typer.Option(None, "--id", help="An id (default: made from board, seat, round, org)."),
    fmt: Format = typer.Option(Format.table, "--format", help="table or json."),
) -> None:
    """Register a nomination and print its § 10 a finding at once."""
    from registry import service

    n = service.NominationInput(board=board, seat=seat, round=parse_day(round_, "--round"), organisations=tuple(org),
                                candidates=tuple(candidate), seats=seats, reasons=reasons,
                                received=parse_day(received, "--received"), deadline=parse_day(deadline, "--deadline"),
                                id=nomination_id)
    nid, findings = service.nominate(state().context(), n)
    if fmt == Format.json:
        print_json({"nomination": nid, "findings": findings_rows(findings)})
    else:
        print_findings(findings)
    err(_("Registered nomination {id}.", id=nid))


@app.command()
def plan(
    board: str = OPT_BOARD,
    round_: str = typer.Option(..., "--round", help="The term start to plan for."),
    limit: int = typer.Option(5, "--limit", min=1, max=100, help="At most this many selections."),
    fmt: Format = typer.Option(Format.table, "--format", help="table or json."),
) -> None:
    """The planner: is a compliant board possible, how many women and men, which selections.

    Exits 1 when no compliant selection exists (the smallest change says what would make one).
    """
    from rich.text import Text

    from registry import service
    from registry.planner import plan as make_plan

    day = parse_day(round_, "--round")
    snap = service.snapshot(state().context(), board, day)
    result = make_plan(snap, day, limit)
    data = result.to_dict()
    if fmt == Format.json:
        print_json(data)
        if not data["feasible"]:
            raise typer.Exit(ExitCode.FINDINGS)
        return
    console = _console()
    console.print(Text(_("Plan for {board}, round {day}", board=snap.board.name, day=format_day(day)), style="bold"))
    console.print(Text(_("A compliant board is possible.") if data["feasible"] else _("No compliant board is possible."),
                       style="green" if data["feasible"] else "bold red"))
    console.print(Text(_("Women needed among the open seats: {a}–{b}; men: {c}–{d}", a=data["women_needed"][0],
                         b=data["women_needed"][1], c=data["men_needed"][0], d=data["men_needed"][1])))
    from registry.snapshot import holder_name

    names = {h.person.id: holder_name(h.person) for h in snap.history}
    names.update({c.id: c.name for n in snap.nominations for c in n.candidates})
    from registry.cli.output import SEX_LABEL

    def who(x: dict) -> str:
        if x.get("person"):
            return names.get(x["person"], x["person"])
        return _("a {sex}, chosen by a council group", sex=_(SEX_LABEL.get(x.get("sex") or "undisclosed", "undisclosed")))

    for i, sel in enumerate(data["selections"], 1):
        console.print(Text(f"{i}. " + "; ".join(f"{x['seat']}: {who(x)}" for x in sel)))
    if data.get("smallest_change"):
        console.print(Text("→ " + data["smallest_change"], style="italic"))
    if not data["feasible"]:
        raise typer.Exit(ExitCode.FINDINGS)
