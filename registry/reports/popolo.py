"""Popolo JSON (persons, organizations, posts, memberships) for open data.

Built from the dataset tree of :func:`registry.dataset.export.export_tree`. Whatever tree it is
given, it writes only what is public: people who hold or held an appointment (never candidates
who were not appointed), with name and party (as a membership of a party) — no contact details, no sex, no ``extra``;
boards and organisations (a board's legal basis as its ``description``); one post per seat group; one membership per appointment, with the
dates it actually ran. No nominations, no reasons, no override reasons.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from registry.i18n import _

ORG_CLASSIFICATION = {"kkr": "kkr", "municipality": "municipality", "region": "region", "ministry": "ministry",
                      "business": "business", "knowledge": "knowledge", "labour": "labour",
                      "council-group": "council-group", "other": "other"}


def _d(value: Any) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, date) else str(value)


def _clean(d: dict) -> dict:
    return {k: v for k, v in d.items() if v not in (None, "", [], {})}


def popolo_tree(tree: dict) -> dict:
    appointments = tree.get("appointments", [])
    appointed = {a["person"] for a in appointments if a.get("person")}
    people = [p for p in tree.get("people", []) if p["id"] in appointed]
    persons = [_clean({"id": p["id"], "name": p["name"]}) for p in people]
    parties = sorted({p["party"] for p in people if p.get("party")})
    persons.sort(key=lambda p: p["id"])

    orgs = []
    for mun in tree.get("municipalities", []):
        orgs.append(_clean({"id": f"municipality/{mun['id']}", "name": mun["name"], "classification": "municipality"}))
    for o in tree.get("organisations", []):
        orgs.append(_clean({"id": f"organisation/{o['id']}", "name": o["name"],
                            "classification": ORG_CLASSIFICATION.get(o.get("kind", ""), "other")}))
    for g in tree.get("council_groups", []):
        orgs.append(_clean({"id": f"council-group/{g['id']}", "name": g["name"], "classification": "council-group",
                            "founding_date": _d(g.get("period_start")), "dissolution_date": _d(g.get("period_end"))}))
    for party in parties:
        orgs.append({"id": f"party/{party}", "name": party, "classification": "party"})
    posts = []
    post_ids = set()
    for b in tree.get("boards", []):
        orgs.append(_clean({"id": f"board/{b['id']}", "name": b["name"], "classification": "board",
                            # the legal basis is a text, not a URL: Popolo's sources (links) require
                            # a url, so it is the board's description; the website is a link
                            "description": b.get("legal_basis"),
                            "links": [{"url": b["url"], "note": "website"}] if b.get("url") else None}))
        for comp in b.get("compositions", []):
            for s in comp.get("seats", []):
                pid = f"board/{b['id']}/{s['id']}"
                if pid in post_ids:
                    continue
                post_ids.add(pid)
                posts.append(_clean({"id": pid, "label": s["name"], "role": s["name"],
                                     "organization_id": f"board/{b['id']}",
                                     "start_date": _d(comp.get("valid_from")), "end_date": _d(comp.get("valid_to"))}))
    orgs.sort(key=lambda o: o["id"])
    posts.sort(key=lambda p: p["id"])

    memberships = []
    for i, a in enumerate(appointments):
        ended = a.get("ended") or {}
        end = ended.get("date") or a.get("end")
        pid = f"board/{a['board']}/{a['seat']}"
        memberships.append(_clean({
            "id": a.get("id") or f"appointment-{i}",
            "person_id": a.get("person"),   # none when the holder is not recorded
            "label": _("not recorded") if a.get("holder") == "not-recorded" else None,
            "organization_id": f"board/{a['board']}",
            "post_id": pid if pid in post_ids else None,
            "role": "deputy" if a.get("role") == "deputy" else "member",
            "start_date": _d(a.get("start")),
            "end_date": _d(end),
            "on_behalf_of_id": f"organisation/{a['nominated_by'][0]}" if len(a.get("nominated_by") or []) == 1 else None,
        }))
    for p in people:
        if p.get("party"):
            memberships.append({"id": f"party-{p['id']}", "person_id": p["id"], "organization_id": f"party/{p['party']}",
                                "role": "member"})
    memberships.sort(key=lambda m: (m["organization_id"], m.get("start_date") or "", m["id"]))
    return {"persons": persons, "organizations": orgs, "posts": posts, "memberships": memberships}


def to_popolo(tree: dict) -> str:
    return json.dumps(popolo_tree(tree), ensure_ascii=False, indent=2) + "\n"
