"""Shared pieces of the report builders: names for ids, balance per scope, public findings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Iterable, Mapping

from sqlalchemy import select

from registry import model as m
from registry.db import read_session
from registry.findings import Finding
from registry.i18n import N_, _, translate
from registry.reports import NOT_SHOWN
from registry.snapshot import BoardSnapshot, Holding

#: Findings about nominations: nominations are confidential, so reports count them only.
NOMINATION_RULES = frozenset({"nomination-missing", "nomination-both-sexes", "joint-nomination"})
#: Findings whose parameters carry counts of women, men or the undisclosed.
COUNT_RULES = frozenset({"gender-balance", "gender-undetermined", "gender-unattainable"})


@dataclass(frozen=True)
class Names:
    """Names for the ids reports show: municipalities, organisations, council groups."""

    registry: str
    kkr: str
    municipalities: Mapping[str, str]
    organisations: Mapping[str, str]
    council_groups: Mapping[str, str]

    def municipality(self, mid: str | None) -> str:
        return self.municipalities.get(mid, mid) if mid else ""

    def org(self, oid: str | None) -> str:
        return self.organisations.get(oid, oid) if oid else ""

    def group(self, gid: str | None) -> str:
        return self.council_groups.get(gid, gid) if gid else ""


def load_names(ctx) -> Names:
    with read_session(ctx.engine) as s:
        info = s.get(m.RegistryInfo, 1)
        mun = dict(s.execute(select(m.Municipality.id, m.Municipality.name)).all())
        org = dict(s.execute(select(m.Organisation.id, m.Organisation.name)).all())
        grp = dict(s.execute(select(m.CouncilGroup.id, m.CouncilGroup.name)).all())
    return Names(info.name if info else "", info.kkr if info else "", mun, org, grp)


def sort_boards(snaps: Mapping[str, BoardSnapshot]) -> list[BoardSnapshot]:
    return sorted(snaps.values(), key=lambda s: (s.board.name.lower(), s.board.id))


def counted_seat_ids(snap: BoardSnapshot) -> set[str]:
    comp = snap.composition
    return {s.id for s in comp.seats if s.counts_for_balance} if comp else set()


def controlled_seat_ids(snap: BoardSnapshot) -> set[str]:
    """Counted seats appointed by the board's own KKR (the "controlled" scope)."""
    comp = snap.composition
    if comp is None:
        return set()
    return {s.id for s in comp.seats if s.counts_for_balance and s.appointed_by in snap.owner_orgs}


def tally(holders: Iterable[Holding]) -> tuple[int, int, int]:
    w = mn = u = 0
    for h in holders:
        if h.person.sex == "woman":
            w += 1
        elif h.person.sex == "man":
            mn += 1
        else:
            u += 1
    return w, mn, u


def scope_counts(snap: BoardSnapshot, seats: set[str]) -> tuple[int, int, int, int]:
    """(counted, women, men, undisclosed) among the members holding ``seats``."""
    w, mn, u = tally(h for h in snap.members if h.seat in seats)
    return w + mn + u, w, mn, u


def verdict_label(status: str) -> str:
    return {
        "pass": _("meets the rule"),
        "fail": _("does not meet the rule"),
        "undetermined": _("depends on undisclosed sex"),
        "unattainable": _("cannot be met at this size"),
    }.get(status, status)


def scope_label(scope: str) -> str:
    return {"board": _("whole board"), "controlled": _("KKR's own seats")}.get(scope, scope)


def is_confidential(f: Finding) -> bool:
    return f.nomination is not None or f.rule in NOMINATION_RULES


#: How a report words the findings that carry counts of women, men and the undisclosed: without
#: them (the balance table shows them as the small-count rules allow; a finding beside it that
#: repeated them, or whose remedy named the sex that is short, would give hidden counts away).
PUBLIC_MESSAGES = {
    "The seats appointed by {who} do not meet {ruleset}: at least {required} of each sex are required (women: {women}, men: {men}, counted: {n})":
        N_("The seats appointed by {who} do not meet {ruleset}: at least {required} of each sex are required ({n} counted)"),
    "The seats appointed by {who}, counted on their own, do not meet {ruleset}: at least {required} of each sex are required (women: {women}, men: {men}, counted: {n})":
        N_("The seats appointed by {who}, counted on their own, do not meet {ruleset}: at least {required} of each sex are required ({n} counted)"),
    "The board does not meet {ruleset}: at least {required} of each sex are required (women: {women}, men: {men}, counted: {n})":
        N_("The board does not meet {ruleset}: at least {required} of each sex are required ({n} counted)"),
    "Whether the seats appointed by {who} meet {ruleset} depends on members of undisclosed sex (women: {women}, men: {men}, undisclosed: {undisclosed}, counted: {n})":
        N_("Whether the seats appointed by {who} meet {ruleset} depends on members of undisclosed sex ({n} counted)"),
    "Whether the board meets {ruleset} depends on members of undisclosed sex (women: {women}, men: {men}, undisclosed: {undisclosed}, counted: {n})":
        N_("Whether the board meets {ruleset} depends on members of undisclosed sex ({n} counted)"),
}
#: Any other wording of those rules (a rule text changed without this table): said without counts.
PUBLIC_FALLBACK = {
    "gender-balance": N_("The counted members do not meet {ruleset}: at least {required} of each sex are required ({n} counted)"),
    "gender-undetermined": N_("Whether the counted members meet {ruleset} depends on members of undisclosed sex ({n} counted)"),
}
#: The remedy of gender-balance in a report: which sex is short is not said (it would tell
#: "fewer than the required" of a count the report does not show).
PUBLIC_BALANCE_REMEDY = N_("When seats are next filled, appoint women and men until there are at least {required} of each sex")


def public_finding(f: Finding, lang: str | None = None) -> dict[str, Any]:
    """A finding as a report may show it: no counts of women, men or the undisclosed, no details,
    no nomination ids."""
    params = dict(f.params)
    message, remedy = f.message, f.remedy
    if f.rule in COUNT_RULES:
        for k in ("women", "men", "undisclosed"):
            params[k] = NOT_SHOWN
        message = PUBLIC_MESSAGES.get(message) or PUBLIC_FALLBACK.get(f.rule, message)
        if f.rule == "gender-balance":
            remedy = PUBLIC_BALANCE_REMEDY
    return {
        "board": f.board,
        "severity": f.severity,
        "rule": f.rule,
        "seat": f.seat,
        "person": f.person,
        "message": translate(message, lang, **params),
        "remedy": translate(remedy, lang, **params) if remedy else "",
        "legal_basis": f.legal_basis,
    }


def severity_label(sev: str) -> str:
    return {"error": _("error"), "warning": _("warning"), "info": _("info")}.get(sev, sev)


def in_window(d: date | None, start: date, end: date) -> bool:
    return d is not None and start <= d <= end
