"""Hypothesis properties of the rules and the planner."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from registry.planner import plan
from registry.rules import evaluate, gender, structure
from registry.snapshot import BoardSnapshot

from .builders import D, H, P, comp, erhvervshus_2022, nom, seat, snap

SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SEXES = st.sampled_from(["woman", "man", "undisclosed"])
RULESETS = st.sampled_from(["dk-ligelig", "parity", "eu-40", "eu-33", "no", "strict-40"])
NAMES = st.sampled_from(["Foreningen [Nord]", "[/]", "Anna [b]", "Ole", "{x}"])


def _key(f):
    return f.details["scope"], f.details.get("appointer"), f.details["ruleset"]


def _shortfalls(findings) -> dict:
    """Women short per (scope, appointer, rule set) among the failures."""
    return {_key(f): f.details["short"].get("woman", 0) for f in findings if f.rule == "gender-balance"}


@SETTINGS
@given(kkr=st.lists(SEXES, max_size=9), region=st.lists(SEXES, max_size=4), rs=RULESETS,
       scopes=st.sets(st.sampled_from(["board", "controlled", "appointer"]), min_size=1),
       where=st.sampled_from(["kkr", "region"]))
def test_adding_a_woman_never_raises_the_womens_shortfall(kkr, region, rs, scopes, where):
    c = comp(seat("kkr", 20, appointed_by="kkr-nordjylland"), seat("region", 20, appointed_by="region-nordjylland"),
             balance=(rs,), scopes=tuple(sorted(scopes)))
    hist = [H("kkr", P(f"k{i}", sex)) for i, sex in enumerate(kkr)] + [H("region", P(f"r{i}", sex)) for i, sex in enumerate(region)]
    s = snap(*hist, compositions=c)
    found = gender.check(s)
    before = _shortfalls(found)
    unattainable = {_key(f) for f in found if f.rule == "gender-unattainable"}   # no shortfall defined there
    after = _shortfalls(gender.check(s.with_appointment(H(where, P("new-woman", "woman")))))
    for key, short in after.items():
        if key in unattainable:
            continue
        assert short <= before.get(key, 0), (key, before, after)


@st.composite
def outside_appointments(draw):
    """Appointments that end before 2024-06-01 or start after it (never active on it)."""
    out = []
    for i in range(draw(st.integers(0, 6))):
        before = draw(st.booleans())
        if before:
            end = date(2024, 5, 31) - timedelta(days=draw(st.integers(0, 3000)))
            start = end - timedelta(days=draw(st.integers(0, 2000)))
        else:
            start = date(2024, 6, 2) + timedelta(days=draw(st.integers(0, 3000)))
            end = start + timedelta(days=draw(st.integers(0, 2000)))
        s = draw(st.sampled_from(["chair", "political", "business", "knowledge", "labour", "region", "observer"]))
        role = draw(st.sampled_from(["member", "member", "deputy"]))
        out.append(H(s, P(f"out{i}", draw(SEXES), draw(NAMES)), start, end, role=role))
    return out


@SETTINGS
@given(extra=outside_appointments())
def test_findings_on_a_date_depend_only_on_appointments_active_on_it(extra):
    base = erhvervshus_2022(on=D(2024, 6, 1))
    more = dataclasses.replace(base, history=base.history + tuple(extra))

    def judged(s):
        return [f.to_dict("en") for f in structure.check(s) + gender.check(s)]

    assert judged(more) == judged(base)


# --- planner ----------------------------------------------------------------------------------

ROUND = D(2026, 4, 1)


@st.composite
def planning_boards(draw):
    n_groups = draw(st.integers(1, 3))
    seats, hist, noms = [], [], []
    people = 0

    def person(sex):
        nonlocal people
        people += 1
        return P(f"p{people}", sex, draw(NAMES))

    for g in range(n_groups):
        count = draw(st.integers(1, 4))
        free = draw(st.booleans()) and g == 0
        orgs = () if free else tuple(f"o{g}-{k}" for k in range(draw(st.integers(1, 2))))
        joint = len(orgs) == 2 and draw(st.booleans())
        seats.append(seat(f"g{g}", count, f"Gruppe [{g}]", appointed_by="kkr-nordjylland", nominated_by=orgs, joint=joint))
        for _ in range(draw(st.integers(0, count))):
            if draw(st.booleans()):      # continuing into the round
                hist.append(H(f"g{g}", person(draw(SEXES)), D(2024, 1, 1), D(2028, 3, 31)))
            else:                         # ending before it
                hist.append(H(f"g{g}", person(draw(SEXES)), D(2022, 4, 1), D(2026, 3, 31)))
        if not free:
            for k in range(draw(st.integers(0, 3))):
                by = draw(st.sampled_from([orgs, orgs[:1], ("stranger",)]))
                cands = [person(draw(SEXES)) for _ in range(draw(st.integers(1, 3)))]
                noms.append(nom(f"n{g}-{k}", f"g{g}", by, cands, seats=draw(st.integers(1, 2))))
    if draw(st.booleans()):               # another appointer's seats: all known, or all unknown
        k = draw(st.integers(1, 2))
        seats.append(seat("other", k, "Andre", appointed_by="region-nordjylland"))
        if draw(st.booleans()):
            hist += [H("other", person(draw(SEXES)), D(2024, 1, 1), D(2028, 3, 31)) for _ in range(k)]
    c = comp(*seats, valid_from=D(2022, 4, 1), balance=(draw(RULESETS),),
             scopes=tuple(sorted(draw(st.sets(st.sampled_from(["board", "controlled", "appointer"]), min_size=1)))))
    return snap(*hist, on=D(2026, 1, 15), compositions=c, nominations=tuple(noms))


def _apply(s: BoardSnapshot, selection) -> BoardSnapshot:
    cands = {c.id: c for n in s.nominations for c in n.candidates}
    out = s.at(ROUND)
    for i, e in enumerate(selection):
        p = cands[e["person"]] if e["person"] else P(f"free-{i}", e["sex"])
        out = out.with_appointment(H(e["seat"], p, ROUND, D(2030, 3, 31), nomination=e["nomination"]))
    return out


@SETTINGS
@given(s=planning_boards(), limit=st.integers(1, 4))
def test_planner_selections_give_no_gender_balance_failure(s, limit):
    r = plan(s, ROUND, limit=limit)
    assert len(r.selections) <= limit
    assert r.feasible == bool(r.selections)
    if r.feasible:
        assert r.women_needed[0] <= r.women_needed[1] and r.smallest_change == ""
    else:
        assert r.smallest_change
    for sel in r.selections:
        assert len(sel) == sum(r.open_seats.values())
        after = _apply(s, sel)
        bad = [f for f in gender.check(after) if f.rule == "gender-balance"]
        assert bad == [], [dict(f.details) for f in bad]
        women = sum(e["sex"] == "woman" for e in sel)
        assert r.women_needed[0] <= women <= r.women_needed[1]
        chosen = [e["person"] for e in sel if e["person"]]
        assert len(chosen) == len(set(chosen))


# --- what-if ----------------------------------------------------------------------------------

@st.composite
def proposals(draw):
    seat_id = draw(st.sampled_from(["chair", "political", "business", "knowledge", "labour", "region", "observer", "nope"]))
    start = D(2022, 4, 1) + timedelta(days=draw(st.integers(-400, 400)))
    end = draw(st.one_of(st.none(), st.just(D(2026, 3, 31)), st.just(start + timedelta(days=draw(st.integers(0, 3000))))))
    role = draw(st.sampled_from(["member", "deputy"]))
    person = P(draw(st.sampled_from(["richard-fynbo", "ny", "anden"])), draw(SEXES), draw(NAMES),
               skills=tuple(draw(st.sets(st.sampled_from(["international"])))))
    return H(seat_id, person, start, end, role=role, deputy_for="eh-chair" if role == "deputy" else None,
             nominated_by=tuple(draw(st.sets(st.sampled_from(["di", "fh", "ac", "nord"])))))


@SETTINGS
@given(h=proposals())
def test_what_if_is_deterministic_and_equals_the_real_appointment(h):
    s = erhvervshus_2022()
    first = [f.to_dict("da") for f in evaluate(s.with_appointment(h))]
    again = [f.to_dict("da") for f in evaluate(s.with_appointment(h))]
    assert first == again
    held = dict(s.seats_held)
    if h.active_on(s.on):
        held[h.person.id] = held.get(h.person.id, 0) + 1
    real = dataclasses.replace(s, history=s.history + (h,), seats_held=held)
    assert [f.to_dict("da") for f in evaluate(real)] == first
