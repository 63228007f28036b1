"""Write the registry as a ``udpeg/1`` dataset (TOML or JSON).

Ordering is by id (stable golden files); defaults are left out so that an export reads like a
hand-written file. ``public=True`` leaves out contact details, nominations (with their reasons
and candidates), every person who holds or held no seat (candidates and anyone else), every
person's sex (published only as counts, quality.md), override reasons, and every ``extra``.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from registry import model as m
from registry.dataset.schema import FORMAT


REQUIRED_LISTS = {"organisations", "candidates", "seats"}


def _clean(d: dict, defaults: dict | None = None) -> dict:
    """Drop None, empty lists/tables and values equal to the format's defaults."""
    defaults = defaults or {}
    out = {}
    for k, v in d.items():
        if v is None or ((v == [] or v == {}) and k not in REQUIRED_LISTS):
            continue
        if k in defaults and defaults[k] == v:
            continue
        out[k] = v
    return out


def _rows(session: Session, model, order) -> list:
    return list(session.execute(select(model.__table__).order_by(*order)))


def _decision(r) -> dict | None:
    if not r.decision_meeting:
        return None
    return _clean({"meeting": r.decision_meeting, "item": r.decision_item, "case": r.decision_case})


def export_tree(session: Session, public: bool = False) -> dict[str, Any]:
    """The registry as a dataset tree (plain dicts and lists, ``date`` values)."""
    tree: dict[str, Any] = {"format": FORMAT}
    info = session.get(m.RegistryInfo, 1)
    if info is not None:
        tree["registry"] = _clean({"name": info.name, "kkr": info.kkr,
                                   "plurality_threshold": info.plurality_threshold,
                                   "term_warning_days": info.term_warning_days})
    tree["municipalities"] = [{"id": r.id, "name": r.name, "kkr": r.kkr}
                              for r in _rows(session, m.Municipality, [m.Municipality.id])]
    tree["organisations"] = [_clean({"id": r.id, "name": r.name, "kind": r.kind, "kkr": r.kkr})
                             for r in _rows(session, m.Organisation, [m.Organisation.id])]
    tree["council_groups"] = [_clean({"id": r.id, "name": r.name, "kkr": r.kkr, "period_start": r.period_start,
                                      "period_end": r.period_end, "parties": r.parties, "members": r.members})
                              for r in _rows(session, m.CouncilGroup, [m.CouncilGroup.id])]

    offices: dict[str, list] = {}
    for o in _rows(session, m.Office, [m.Office.person, m.Office.start, m.Office.office, m.Office.body]):
        offices.setdefault(o.person, []).append(_clean({"office": o.office, "body": o.body, "start": o.start, "end": o.end}))
    appointed = set(session.execute(select(m.Appointment.person).distinct()).scalars())
    people = []
    for r in _rows(session, m.Person, [m.Person.id]):
        if public and r.id not in appointed:
            continue  # only people with a public role (a seat): never candidates or anyone else
        people.append(_clean({
            "id": r.id, "name": r.name, "sex": None if public else r.sex, "party": r.party,
            "municipality": r.municipality,
            "skills": r.skills, "offices": offices.get(r.id),
            "contact": None if public else r.contact, "extra": None if public else r.extra,
        }, {"sex": "undisclosed"}))
    tree["people"] = people
    tree["meetings"] = [_clean({"id": r.id, "body": r.body, "date": r.date, "place": r.place,
                                "items": r.items or None})
                        for r in _rows(session, m.Meeting, [m.Meeting.date, m.Meeting.id])]
    tree["rulesets"] = [_clean({"id": r.id, "name": r.name, "share": r.share, "cap_half": r.cap_half, "table": r.table},
                               {"cap_half": True, "name": ""})
                        for r in _rows(session, m.CustomRuleSet, [m.CustomRuleSet.id])]

    seats: dict[int, list] = {}
    for s in _rows(session, m.SeatGroup, [m.SeatGroup.composition, m.SeatGroup.position, m.SeatGroup.pk]):
        seats.setdefault(s.composition, []).append(_clean({
            "id": s.seat, "name": s.name, "count": s.count, "appointed_by": s.appointed_by,
            "nominated_by": s.nominated_by, "joint": s.joint, "eligibility": s.eligibility, "voting": s.voting,
            "counts_for_balance": s.counts_for_balance, "deputies": s.deputies, "collective": s.collective,
            "spread": s.spread, "max_share": s.max_share,
        }, {"joint": False, "voting": True, "deputies": "none"}))
    comps: dict[str, list] = {}
    for c in _rows(session, m.Composition, [m.Composition.board, m.Composition.valid_from]):
        size = _clean({"min": c.size_min, "max": c.size_max, "odd": c.size_odd}, {"odd": False})
        comps.setdefault(c.board, []).append(_clean({
            "valid_from": c.valid_from, "valid_to": c.valid_to, "size": size, "balance": c.balance,
            "balance_scopes": c.balance_scopes, "balance_severity": c.balance_severity,
            "nomination_rule": c.nomination_rule, "source": c.source, "seats": seats.get(c.pk, []),
        }, {"balance": ["dk-ligelig"], "balance_scopes": ["board"], "balance_severity": "warning",
            "nomination_rule": "dk-10a"}))
    tree["boards"] = [_clean({
        "id": b.id, "name": b.name, "kkr": b.kkr, "legal_basis": b.legal_basis, "url": b.url, "term": b.term,
        "term_anchor": b.term_anchor, "statutory": b.statutory, "decision_making": b.decision_making,
        "holdover": b.holdover, "max_consecutive_terms": b.max_consecutive_terms,
        "extra": None if public else b.extra, "compositions": comps.get(b.id, []),
    }, {"legal_basis": "", "url": "", "statutory": False, "decision_making": False, "holdover": False,
        "max_consecutive_terms": 0}) for b in _rows(session, m.Board, [m.Board.id])]

    tree["appointments"] = [_clean({
        "id": a.id, "board": a.board, "seat": a.seat, "person": a.person,
        "holder": "not-recorded" if a.person is None else None, "role": a.role,
        "deputy_for": a.deputy_for, "start": a.start, "end": a.end, "nominated_by": a.nominated_by,
        "nomination": None if public else a.nomination, "council_group": a.council_group,
        "decision": _decision(a),
        "ended": {"date": a.ended_date, "reason": a.ended_reason} if a.ended_date else None,
        "override_reason": None if public else a.override_reason, "extra": None if public else a.extra,
    }, {"role": "member"}) for a in _rows(session, m.Appointment, [m.Appointment.board, m.Appointment.start, m.Appointment.id])]
    tree["allocations"] = [_clean({
        "id": a.id, "board": a.board, "seat": a.seat, "council_group": a.council_group, "start": a.start,
        "end": a.end, "decision": _decision(a),
    }) for a in _rows(session, m.Allocation, [m.Allocation.board, m.Allocation.start, m.Allocation.id])]
    if not public:
        tree["nominations"] = [_clean({
            "id": n.id, "board": n.board, "seat": n.seat, "round": n.round, "organisations": n.organisations,
            "seats": n.seats, "candidates": n.candidates, "received": n.received, "deadline": n.deadline,
            "reasons": n.reasons, "reasons_accepted": n.reasons_accepted, "confidential": n.confidential,
        }, {"seats": 1, "reasons": "", "reasons_accepted": "", "confidential": True})
            for n in _rows(session, m.Nomination, [m.Nomination.board, m.Nomination.round, m.Nomination.id])]
    return {k: v for k, v in tree.items() if v != []}


def _json_default(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def to_json(tree: dict) -> str:
    return json.dumps(tree, ensure_ascii=False, indent=2, default=_json_default) + "\n"


def to_toml(tree: dict) -> str:
    import tomli_w

    return tomli_w.dumps(tree, multiline_strings=False)
