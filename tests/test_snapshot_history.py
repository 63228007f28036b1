"""``load_snapshots(history="recent")`` reads less than the full history, and the rules must not notice.

``check``, the boards list and the annual report read only what the rules judge: appointments
running on or after the date, the past holders a holdover board's members sit on for, the earlier
terms of a term-limited board's members, and the members deputies stand in for. These tests compare
the findings of every board on both readings, over a synthetic national registry at many dates and
over hand-made histories with the awkward cases (a successor who left early, a holdover with a
deputy, a term limit reached long ago).
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from registry import service
from registry.db import make_engine
from registry.rules import evaluate


def _findings(ctx: service.Context, on: date, history: str) -> list[dict]:
    out = []
    for snap in service.snapshots(ctx, on, history=history).values():
        out += [f.to_dict() for f in evaluate(snap)]
    return out


def _assert_same(ctx: service.Context, on: date) -> list[dict]:
    full = _findings(ctx, on, "full")
    assert _findings(ctx, on, "recent") == full
    return full


@pytest.fixture(scope="module")
def synth_ctx(tmp_path_factory):
    import contextlib
    import io

    from registry.cli import main

    db = tmp_path_factory.mktemp("synth") / "national.db"
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(["synth", "--boards", "120", "--years", "20", "--seed", "11", "--db", str(db)])
    assert code == 0, err.getvalue()
    return service.Context(make_engine(f"sqlite:///{db}"))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(on=st.dates(min_value=date(2004, 1, 1), max_value=date(2030, 12, 31)))
def test_recent_history_gives_the_findings_of_the_full_history(synth_ctx, on):
    _assert_same(synth_ctx, on)


def test_the_synthetic_registry_exercises_holdover_and_term_limits(synth_ctx):
    rules = {f["rule"] for on in (date(2022, 3, 25), date(2026, 11, 1)) for f in _assert_same(synth_ctx, on)}
    assert {"holdover", "term-limit", "term-invalid"} <= rules


def _board(id: str, **kw) -> dict:
    return {"id": id, "name": id.upper(), "kkr": "nordjylland", "legal_basis": "Vedtægter", "term": "municipal",
            "compositions": [{"valid_from": "2006-01-01", "balance": ["none"],
                              "seats": [{"id": "m", "name": "Medlem", "count": 2, "deputies": "optional"}]}], **kw}


def _appt(id: str, board: str, person: str, start: str, end: str, **kw) -> dict:
    return {"id": id, "board": board, "seat": "m", "person": person, "start": start, "end": end, **kw}


@pytest.fixture
def awkward_ctx(sample_db, tmp_path, udpeg):
    tree = json.loads(udpeg("export", "--format", "json", db=sample_db).out)
    people = [p["id"] for p in tree["people"]][:6]
    a, b, c, d, e, f = people
    tree["boards"] += [_board("hb", holdover=True), _board("tl", max_consecutive_terms=1),
                       _board("both", holdover=True, max_consecutive_terms=1)]
    for board in ("hb", "both"):
        tree["appointments"] += [
            # a's term ended; b succeeded in 2014 and left early: a does not sit on
            _appt(f"{board}-a", board, a, "2010-01-01", "2013-12-31"),
            _appt(f"{board}-b", board, b, "2014-01-01", "2017-12-31", ended={"date": "2015-06-30", "reason": "resigned"}),
            # c's term ended with no successor: c sits on, and so does c's deputy
            _appt(f"{board}-c", board, c, "2014-01-01", "2017-12-31"),
            _appt(f"{board}-c-dep", board, d, "2014-01-01", "2017-12-31", role="deputy", deputy_for=f"{board}-c"),
            # e twice in a row, the first time long ago
            _appt(f"{board}-e1", board, e, "2006-01-01", "2009-12-31"),
            _appt(f"{board}-e2", board, e, "2010-01-01", "2013-12-31"),
            _appt(f"{board}-e3", board, e, "2014-01-01", "2021-12-31"),
        ]
    # a partial renewal (issue 11): three seats, a and b re-appointed from 2022, c's successor
    # named only from 2022-05-01 (f, new to the group); c sits on in between
    pr = _board("pr", holdover=True)
    pr["compositions"][0]["seats"][0]["count"] = 3
    tree["boards"].append(pr)
    tree["appointments"] += [
        _appt("pr-c", "pr", c, "2018-01-01", "2021-12-31"),
        _appt("pr-a", "pr", a, "2018-01-01", "2021-12-31"),
        _appt("pr-b", "pr", b, "2018-01-01", "2021-12-31"),
        _appt("pr-a2", "pr", a, "2022-01-01", "2025-12-31"),
        _appt("pr-b2", "pr", b, "2022-01-01", "2025-12-31"),
        _appt("pr-f", "pr", f, "2022-05-01", "2025-12-31"),
    ]
    # the same renewal on a board without holdover, and without f
    pn = _board("pn")
    pn["compositions"][0]["seats"][0]["count"] = 3
    tree["boards"].append(pn)
    tree["appointments"] += [dict(a, id=a["id"].replace("pr-", "pn-"), board="pn") for a in tree["appointments"]
                             if a["board"] == "pr" and a["id"] != "pr-f"]
    tree["appointments"] += [
        _appt("tl-e1", "tl", e, "2006-01-01", "2009-12-31"),
        _appt("tl-e2", "tl", e, "2010-01-01", "2013-12-31"),
        _appt("tl-e3", "tl", e, "2014-01-01", "2017-12-31"),
        _appt("tl-f", "tl", f, "2014-01-01", "2017-12-31"),
        _appt("tl-f-old", "tl", f, "2006-01-01", "2009-12-31"),
    ]
    path = tmp_path / "awkward.json"
    path.write_text(json.dumps(tree), encoding="utf-8")
    db = tmp_path / "awkward.db"
    assert udpeg("init", "--empty", db=db).code == 0
    r = udpeg("load", str(path), db=db)
    assert r.code == 0, r.err
    return service.Context(make_engine(f"sqlite:///{db}"))


@pytest.mark.parametrize("on", [date(2012, 6, 1), date(2015, 1, 1), date(2016, 1, 1), date(2019, 1, 1),
                                date(2023, 1, 1)])
def test_awkward_histories_give_the_same_findings(awkward_ctx, on):
    found = _assert_same(awkward_ctx, on)
    holdovers = sorted((f["board"], f["appointment"]) for f in found if f["rule"] == "holdover")
    limits = sorted((f["board"], f["appointment"]) for f in found if f["rule"] == "term-limit")
    if on == date(2016, 1, 1):
        assert holdovers == []          # b left early, but a was succeeded: nobody sits on
        assert ("tl", "tl-e3") in limits and ("tl", "tl-f") not in limits
    if on == date(2019, 1, 1):
        assert holdovers == [("both", "both-c"), ("hb", "hb-c")]


@pytest.mark.parametrize("on, sitting", [(date(2022, 3, 1), ["pr-a2", "pr-b2", "pr-c"]),
                                         (date(2022, 6, 1), ["pr-a2", "pr-b2", "pr-f"])])
def test_a_partial_renewal_reads_the_same_on_the_recent_history(awkward_ctx, on, sitting):
    # a's and b's re-appointments are nobody else's successors: c sits on until f arrives, and the
    # recent reading (check, boards) must keep c's old appointment to see that
    found = _assert_same(awkward_ctx, on)
    snap = service.snapshots(awkward_ctx, on, ["pr"], history="recent")["pr"]
    assert sorted(h.appointment for h in snap.members) == sitting
    pr = [f["rule"] for f in found if f["board"] == "pr"]
    assert "seat-vacant" not in pr
    assert pr.count("holdover") == (1 if on < date(2022, 5, 1) else 0)


def test_vacancies_within_see_only_the_seat_nobody_takes_over(awkward_ctx):
    # 01-12-2021, looking 60 days ahead: a's and b's re-appointments start the day after their
    # terms end, c's seat has nobody. Without holdover it falls vacant on 01-01-2022; with
    # holdover c sits on, and no seat falls vacant.
    rows = service.vacancies(awkward_ctx, date(2021, 12, 1), within=60, board="pn")
    assert [(r["seat"], r["open"], r["from"], r["term_end"]) for r in rows] == [("m", 1, date(2022, 1, 1),
                                                                              date(2021, 12, 31))]
    assert service.vacancies(awkward_ctx, date(2021, 12, 1), within=60, board="pr") == []
    # and on 01-02-2022 the board without holdover has the seat open, the holdover board not
    assert [r["open"] for r in service.vacancies(awkward_ctx, date(2022, 2, 1), board="pn")] == [1]
    assert service.vacancies(awkward_ctx, date(2022, 2, 1), board="pr") == []


def _whatif_on_full_history(ctx: service.Context, p: service.Proposal, holding) -> list[dict]:
    from datetime import timedelta

    snap = service.snapshots(ctx, p.start, [p.board], history="full")[p.board]
    if p.ending:
        snap = snap.with_ended(p.ending, p.start - timedelta(days=1), "replaced")
    held = sum(1 for s in service.snapshots(ctx, p.start, history="full").values()
               for h in s.members if h.person.id == p.person and h.status == "active")
    snap = snap.with_appointment(holding, seats_held=held + (1 if p.role == "member" else 0))
    return [f.to_dict() for f in evaluate(snap)]


@pytest.mark.parametrize("proposal", [
    dict(board="tl", person="E", start=date(2018, 1, 1), end=date(2021, 12, 31)),
    dict(board="hb", person="F", start=date(2019, 1, 1), end=date(2021, 12, 31), ending="hb-c"),
    dict(board="hb", person="F", start=date(2019, 1, 1), end=date(2021, 12, 31), role="deputy", deputy_for="hb-a"),
    dict(board="both", person="E", start=date(2022, 1, 1), end=date(2025, 12, 31)),
], ids=["term-limit", "ending-a-holdover", "deputy-for-an-old-term", "holdover-and-limit"])
def test_whatif_judges_as_on_the_full_history(awkward_ctx, proposal):
    with service.read_session(awkward_ctx.engine) as s:
        from registry import model as m

        people = [p.id for p in s.query(m.Person).order_by(m.Person.id)]
    ids = {"E": people[4], "F": people[5]}
    p = service.Proposal(seat="m", **{**proposal, "person": ids[proposal["person"]]})
    result = service.whatif(awkward_ctx, p)
    assert [f.to_dict() for f in result.after] == _whatif_on_full_history(awkward_ctx, p, result.holding)
