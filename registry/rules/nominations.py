"""Nominations: nominator-not-entitled, joint-nomination, nomination-missing,
nomination-both-sexes (ligestillingsloven § 10 a).

Holders are checked against their seat group's entitled nominators. Entitlement is judged by
the composition in force when the appointment started ("at that date"; Finans Danmark became
entitled for Erhvervshus in 2026), falling back to the one in force on the snapshot's date.
§ 10 a is checked for the snapshot's nominations (rounds in progress or next) that propose
candidates and exist on the date (from their received date:
:func:`registry.rules._common.nomination_exists_from`), under the nomination rule of the
composition in force at the round.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from registry.findings import ERROR, INFO, WARNING, Finding
from registry.i18n import N_, N_n
from registry.rules._common import LB_10A, board_basis, composition_on, finding, nominations_on, orgs_label, seat_label
from registry.rules.rulesets import FAIL, MAN, NOMINATION_RULES, PASS, WOMAN, evaluate_nomination

if TYPE_CHECKING:   # pragma: no cover
    from registry.snapshot import BoardSnapshot, Holding, NominationFact

RULES = ("nominator-not-entitled", "joint-nomination", "nomination-missing", "nomination-both-sexes")


def _nominators(h: "Holding", by_id: dict[str, "NominationFact"]) -> tuple[str, ...]:
    """Who nominated the holder: as recorded on the appointment, else from its nomination."""
    if h.nominated_by:
        return h.nominated_by
    n = by_id.get(h.nomination) if h.nomination else None
    return n.organisations if n is not None else ()


def check_holders(snap: "BoardSnapshot") -> list[Finding]:
    comp = snap.composition
    if comp is None:
        return []
    out: list[Finding] = []
    by_id = {n.id: n for n in nominations_on(snap)}
    for h in (*snap.members, *snap.deputies):
        seat = comp.seat(h.seat)
        if seat is None:
            continue
        at_start = composition_on(snap, h.start)
        entitled_seat = (at_start.seat(h.seat) if at_start is not None else None) or seat
        entitled = entitled_seat.nominated_by
        if not entitled:
            continue        # not a nominated seat
        by = _nominators(h, by_id)
        if by and all(o in entitled for o in by) and not (entitled_seat.joint and any(o not in by for o in entitled)):
            continue        # nominated as the rules ask: nothing to report
        basis = board_basis(snap, at_start or comp)
        if not by:
            out.append(finding(
                snap, "nomination-missing", WARNING,
                N_("{person} holds a seat in {seat_name}, but no nominating organisation is recorded"),
                legal_basis=basis,
                remedy=N_("Record which of {entitled} nominated {person}"),
                holding=h, details={"entitled": list(entitled)},
                seat_name=seat.name, entitled=orgs_label(snap, entitled)))
            continue
        outside = [o for o in by if o not in entitled]
        if outside:
            out.append(finding(
                snap, "nominator-not-entitled", ERROR,
                N_("{person} in {seat_name} was nominated by {nominators}, which is not entitled to nominate for that seat group"),
                legal_basis=basis,
                remedy=N_("Only {entitled} may nominate for {seat_name}: get a nomination from one of them, or record an override reason"),
                holding=h,
                details={"nominated_by": list(by), "not_entitled": outside, "entitled": list(entitled)},
                seat_name=seat.name, nominators=orgs_label(snap, outside), entitled=orgs_label(snap, entitled)))
        if entitled_seat.joint:
            missing = [o for o in entitled if o not in by]
            if missing:
                out.append(finding(
                    snap, "joint-nomination", ERROR,
                    N_("{person} in {seat_name} was not nominated jointly by {entitled}"),
                    legal_basis=basis,
                    remedy=N_("Ask {missing} to join the nomination, so that {entitled} nominate together"),
                    holding=h,
                    details={"nominated_by": list(by), "required": list(entitled), "missing": missing},
                    seat_name=seat.name, entitled=orgs_label(snap, entitled), missing=orgs_label(snap, missing)))
    return out


def _need_remedy(need: dict[str, int]) -> tuple[str, dict[str, int]]:
    w, m = need.get(WOMAN, 0), need.get(MAN, 0)
    if w == 1 and not m:
        return N_("Ask {org} to also nominate a woman, or to state special reasons (ligestillingsloven § 10 a, stk. 2)"), {}
    if m == 1 and not w:
        return N_("Ask {org} to also nominate a man, or to state special reasons (ligestillingsloven § 10 a, stk. 2)"), {}
    if w == 1 and m == 1:
        return N_("Ask {org} to also nominate a woman and a man, or to state special reasons (ligestillingsloven § 10 a, stk. 2)"), {}
    if w and not m:
        return N_("Ask {org} to nominate {need_women} more women, or to state special reasons (ligestillingsloven § 10 a, stk. 2)"), {"need_women": w}
    if m and not w:
        return N_("Ask {org} to nominate {need_men} more men, or to state special reasons (ligestillingsloven § 10 a, stk. 2)"), {"need_men": m}
    return (N_("Ask {org} to nominate {more_women} and {more_men}, or to state special reasons (ligestillingsloven § 10 a, stk. 2)"),
            {"need_women": w, "need_men": m, "more_women": N_n("{n} more woman", "{n} more women").bind(w),
             "more_men": N_n("{n} more man", "{n} more men").bind(m)})


def nomination_finding(snap: "BoardSnapshot", n: "NominationFact") -> Finding | None:
    """The § 10 a finding for one nomination, or None when it complies.

    A nomination with no candidates yet is a request still awaiting its answer: nothing has
    been proposed, so there is nothing to judge.
    """
    if not n.candidates:
        return None
    comp = composition_on(snap, n.round) or snap.composition
    rule = comp.nomination_rule if comp is not None else "dk-10a"
    if rule not in NOMINATION_RULES:
        rule = "dk-10a"
    women = sum(1 for c in n.candidates if c.sex == WOMAN)
    men = sum(1 for c in n.candidates if c.sex == MAN)
    undisclosed = len(n.candidates) - women - men
    v = evaluate_nomination(rule, max(n.seats, 1), women, men, undisclosed)
    if v.status == PASS:
        return None
    accepted = (n.reasons_accepted or "").strip().lower()
    has_reasons = bool((n.reasons or "").strip())
    details = {"rule": rule, "seats": n.seats, "women": women, "men": men, "undisclosed": undisclosed,
               "need": dict(v.need), "round": n.round, "reasons": has_reasons,
               "reasons_accepted": accepted or None}
    params = dict(org=orgs_label(snap, n.organisations), seat_name=seat_label(comp, n.seat),
                  seats=n.seats, women=women, men=men, undisclosed=undisclosed)
    ask, extra = _need_remedy(v.need) if v.status == FAIL else ("", {})
    params.update(extra)

    if has_reasons and accepted == "yes":
        severity = INFO
        message = N_("The nomination from {org} for {seat_name} does not meet ligestillingsloven § 10 a, but its special reasons were accepted")
        remedy = N_("No action needed: the appointing body accepted the special reasons")
    elif v.status != FAIL:          # undetermined: depends on undisclosed sex
        severity = WARNING
        message = N_("Whether the nomination from {org} for {seat_name} meets ligestillingsloven § 10 a depends on candidates of undisclosed sex (seats: {seats}; women: {women}, men: {men}, undisclosed: {undisclosed})")
        remedy = N_("Ask {org} to confirm that the nomination proposes both a woman and a man; sex is recorded only as declared")
    elif has_reasons and accepted == "no":
        severity = ERROR
        message = N_("The nomination from {org} for {seat_name} does not meet ligestillingsloven § 10 a, and its special reasons were rejected (seats: {seats}; women: {women}, men: {men})")
        remedy = ask
    elif has_reasons:
        severity = WARNING
        message = N_("The nomination from {org} for {seat_name} does not meet ligestillingsloven § 10 a; its special reasons await a decision (seats: {seats}; women: {women}, men: {men})")
        remedy = N_("Decide whether to accept the special reasons stated by {org} (ligestillingsloven § 10 a, stk. 2)")
    else:
        severity = ERROR
        message = N_("The nomination from {org} for {seat_name} does not meet ligestillingsloven § 10 a (seats: {seats}; women: {women}, men: {men})")
        remedy = ask
    return finding(snap, "nomination-both-sexes", severity, message, legal_basis=LB_10A, remedy=remedy,
                   nomination=n, details=details, **params)


def check_nominations(snap: "BoardSnapshot") -> list[Finding]:
    return [f for n in nominations_on(snap) if (f := nomination_finding(snap, n)) is not None]


def check(snap: "BoardSnapshot") -> list[Finding]:
    return check_holders(snap) + check_nominations(snap)
