"""Gender balance of the composition (domain.md §4–§5): gender-balance, gender-undetermined,
gender-unattainable.

Counted: members of seat groups with ``counts_for_balance`` (the chair included); observers and
deputies never. A rule set that says so (``no``) also checks the deputies of those seat groups,
as a set of their own (details ``set = "deputies"``): members and deputies are never pooled.
Every rule set of the composition in force is checked for every scope it asks
for: ``board`` (all counted members), ``appointer`` (each appointing body's counted members on
their own) and ``controlled`` (members of seat groups appointed by the registry's own KKR). A
rule set that passes gives no finding.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Iterable

from registry.findings import INFO, SEVERITIES, WARNING, Finding
from registry.i18n import N_, N_n
from registry.rules._common import LB_BALANCE, appointed_elsewhere, counted_seats, finding, org_label, orgs_label
from registry.rules.rulesets import (FAIL, MAN, PASS, UNATTAINABLE, UNDETERMINED, WOMAN, UnknownRuleSet,
                                     evaluate_balance, get_ruleset)

if TYPE_CHECKING:   # pragma: no cover
    from registry.snapshot import BoardSnapshot, CompositionRule, Holding

RULES = ("gender-balance", "gender-undetermined", "gender-unattainable")
SCOPES = ("board", "appointer", "controlled")


def tally(holders: Iterable["Holding"]) -> tuple[int, int, int]:
    """(women, men, undisclosed) among ``holders``."""
    w = m = u = 0
    for h in holders:
        if h.person.sex == WOMAN:
            w += 1
        elif h.person.sex == MAN:
            m += 1
        else:
            u += 1
    return w, m, u


def scope_groups(comp: "CompositionRule", scopes: Iterable[str], owner_orgs: frozenset[str]
                 ) -> list[tuple[str, str | None, frozenset[str]]]:
    """(scope, appointer, seat ids) for every scope asked for; empty scopes are left out."""
    counted = counted_seats(comp)
    out: list[tuple[str, str | None, frozenset[str]]] = []
    for scope in dict.fromkeys(scopes):
        if scope == "board":
            out.append(("board", None, frozenset(counted)))
        elif scope == "controlled":
            ids = frozenset(s.id for s in counted.values() if s.appointed_by in owner_orgs)
            if ids:
                out.append(("controlled", None, ids))
        elif scope == "appointer":
            by: dict[str, set[str]] = defaultdict(set)
            for s in counted.values():
                if s.appointed_by:
                    by[s.appointed_by].add(s.id)
            for org in sorted(by):
                out.append(("appointer", org, frozenset(by[org])))
    return out


def check(snap: "BoardSnapshot") -> list[Finding]:
    comp = snap.composition
    if comp is None:
        return []
    severity = comp.balance_severity if comp.balance_severity in SEVERITIES else WARNING
    out: list[Finding] = []
    for scope, appointer, ids in scope_groups(comp, comp.scopes, snap.owner_orgs):
        members = tally(h for h in snap.members if h.seat in ids)
        deputies: tuple[int, int, int] | None = None
        for rs_id in comp.balance:
            try:
                rs = get_ruleset(rs_id, snap.custom_rulesets)
            except (UnknownRuleSet, ValueError):
                continue      # refused when the dataset is loaded; nothing to judge by here
            out += _judge(snap, rs, severity, scope, appointer, members, False)
            if rs.deputies:   # the deputies as a set of their own, never pooled with the members
                if deputies is None:
                    deputies = tally(h for h in snap.deputies if h.seat in ids)
                out += _judge(snap, rs, severity, scope, appointer, deputies, True)
    return out


def _judge(snap: "BoardSnapshot", rs, severity: str, scope: str, appointer: str | None,
           counts: tuple[int, int, int], deputies: bool) -> list[Finding]:
    """The finding (if any) of one rule set on one scope's members, or on its deputies."""
    women, men, undisclosed = counts
    v = evaluate_balance(rs, women, men, undisclosed)
    if v.status == PASS:
        return []
    details = {"ruleset": rs.id, "scope": scope, "n": v.n, "women": v.women, "men": v.men,
               "undisclosed": v.undisclosed, "required_each": v.required_each, "short": dict(v.short)}
    if scope == "appointer":
        details["appointer"] = appointer
    if deputies:
        details["set"] = "deputies"
    who = (org_label(snap, appointer) if scope == "appointer"
           else orgs_label(snap, sorted(snap.owner_orgs)) if scope == "controlled" else snap.board.name)
    params = dict(ruleset=rs.id, n=v.n, women=v.women, men=v.men, undisclosed=v.undisclosed,
                  required=v.required_each, who=who)
    basis = rs.legal_basis or LB_BALANCE
    own = scope != "board"
    if v.status == FAIL:
        message = _deputies_fail_message(scope) if deputies else _fail_message(scope)
        remedy = (_deputies_fail_remedy(v.short) if deputies
                  else _appointer_remedy(v.short, appointed_elsewhere(snap, appointer)) if scope == "appointer"
                  else _fail_remedy(v.short, params))
        return [finding(snap, "gender-balance", severity, message,
                        legal_basis=basis, remedy=remedy, details=details, **params)]
    if v.status == UNDETERMINED:
        if deputies:
            message = (N_("Whether the deputies for the seats appointed by {who} meet {ruleset} depends on deputies of undisclosed sex (women: {women}, men: {men}, undisclosed: {undisclosed}, counted: {n})") if own else
                       N_("Whether the board's deputies meet {ruleset} depends on deputies of undisclosed sex (women: {women}, men: {men}, undisclosed: {undisclosed}, counted: {n})"))
        else:
            message = (N_("Whether the seats appointed by {who} meet {ruleset} depends on members of undisclosed sex (women: {women}, men: {men}, undisclosed: {undisclosed}, counted: {n})") if own else
                       N_("Whether the board meets {ruleset} depends on members of undisclosed sex (women: {women}, men: {men}, undisclosed: {undisclosed}, counted: {n})"))
        return [finding(
            snap, "gender-undetermined", WARNING, message,
            legal_basis=basis,
            remedy=N_("No correction is possible from the register: sex is recorded only as declared; check the balance when the next seats are filled"),
            details=details, **params)]
    if v.status == UNATTAINABLE:
        if deputies:
            message = (N_n("{ruleset} cannot be met by the {n} deputy for the seats appointed by {who}",
                           "{ruleset} cannot be met by the {n} deputies for the seats appointed by {who}") if own else
                       N_n("{ruleset} cannot be met by {n} deputy", "{ruleset} cannot be met by {n} deputies"))
        else:
            message = (N_n("{ruleset} cannot be met by the {n} counted seat appointed by {who}",
                           "{ruleset} cannot be met by the {n} counted seats appointed by {who}") if own else
                       N_n("{ruleset} cannot be met by a board of {n} counted member",
                           "{ruleset} cannot be met by a board of {n} counted members"))
        return [finding(
            snap, "gender-unattainable", INFO, message,
            legal_basis=basis,
            remedy=N_("Choose a rule set that small boards can meet, or change the number of counted seats"),
            details=details, **params)]
    return []


def _deputies_fail_message(scope: str) -> str:
    if scope == "controlled":
        return N_("The deputies for the seats appointed by {who} do not meet {ruleset}: at least {required} of each sex are required among the deputies (women: {women}, men: {men}, counted: {n})")
    if scope == "appointer":
        return N_("The deputies for the seats appointed by {who}, counted on their own, do not meet {ruleset}: at least {required} of each sex are required among the deputies (women: {women}, men: {men}, counted: {n})")
    return N_("The board's deputies do not meet {ruleset}: at least {required} of each sex are required among the deputies (women: {women}, men: {men}, counted: {n})")


def _deputies_fail_remedy(short: dict[str, int]) -> str:
    """As :func:`_fail_remedy`, for the deputies (never how many are missing)."""
    w, m = short.get(WOMAN, 0), short.get(MAN, 0)
    if w and not m:
        return N_("When deputies are next appointed, appoint women until there are at least {required} of each sex among the deputies")
    if m and not w:
        return N_("When deputies are next appointed, appoint men until there are at least {required} of each sex among the deputies")
    return N_("When deputies are next appointed, appoint women and men until there are at least {required} of each sex among the deputies")


def _fail_message(scope: str) -> str:
    if scope == "controlled":
        return N_("The seats appointed by {who} do not meet {ruleset}: at least {required} of each sex are required (women: {women}, men: {men}, counted: {n})")
    if scope == "appointer":
        return N_("The seats appointed by {who}, counted on their own, do not meet {ruleset}: at least {required} of each sex are required (women: {women}, men: {men}, counted: {n})")
    return N_("The board does not meet {ruleset}: at least {required} of each sex are required (women: {women}, men: {men}, counted: {n})")


def _appointer_remedy(short: dict[str, int], elsewhere: bool) -> str:
    """The remedy for one appointing body's seats, addressed to that body by name ({who}): the
    KKR fills its own seats; another body is asked to (count-free, as :func:`_fail_remedy`)."""
    w, m = short.get(WOMAN, 0), short.get(MAN, 0)
    if elsewhere:
        if w and not m:
            return N_("Ask {who} to appoint women when it next fills its seats, until they hold at least {required} of each sex")
        if m and not w:
            return N_("Ask {who} to appoint men when it next fills its seats, until they hold at least {required} of each sex")
        return N_("Ask {who} to appoint women and men when it next fills its seats, until they hold at least {required} of each sex")
    if w and not m:
        return N_("When {who} next fills its seats, appoint women until they hold at least {required} of each sex, and ask the nominating organisations for women candidates")
    if m and not w:
        return N_("When {who} next fills its seats, appoint men until they hold at least {required} of each sex, and ask the nominating organisations for men candidates")
    return N_("When {who} next fills its seats, appoint women and men until they hold at least {required} of each sex")


def _fail_remedy(short: dict[str, int], params: dict) -> str:
    """What to do, without saying how many are missing (quality.md: a remedy that says how many
    more women are needed gives the count away); the requirement itself is public."""
    w, m = short.get(WOMAN, 0), short.get(MAN, 0)
    if w and not m:
        return N_("When seats are next filled, appoint women until there are at least {required} of each sex, and ask the nominating organisations for women candidates")
    if m and not w:
        return N_("When seats are next filled, appoint men until there are at least {required} of each sex, and ask the nominating organisations for men candidates")
    return N_("When seats are next filled, appoint women and men until there are at least {required} of each sex")
