"""The write path: what-if, appoint (refused / overridden / audited), end, nominate."""

import shutil
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from registry import service
from registry.db import open_registry, to_url

HOSPICE = ("--board", "hospice-vangen", "--seat", "kkr", "--start", "2026-04-01")


def test_whatif_prints_new_resolved_unchanged(udpeg, sample_db):
    r = udpeg("whatif", *HOSPICE, "--person", "jeanette-klitgaard-andersen", "--format", "json", db=sample_db)
    assert r.code == 0, r.err
    data = r.json()
    assert set(data) >= {"new", "resolved", "unchanged", "findings"}
    assert any(f["rule"] == "seat-vacant" and f["board"] == "hospice-vangen" for f in data["resolved"])
    assert not [f for f in data["new"] if f["severity"] == "error"]


def test_an_ineligible_appointment_is_refused_and_nothing_is_written(udpeg, sample_db):
    audit_before = udpeg("export", "--format", "json", db=sample_db).out
    r = udpeg("appoint", *HOSPICE, "--person", "anna-aaen", db=sample_db)  # her council office ended 2025
    assert r.code == 1
    assert "eligibility" in r.out and "override" in r.err
    assert udpeg("export", "--format", "json", db=sample_db).out == audit_before
    w = udpeg("whatif", *HOSPICE, "--person", "anna-aaen", db=sample_db)
    assert w.code == 1


def test_an_override_reason_lets_it_through_and_is_audited(udpeg, sample_db):
    r = udpeg("--as", "sekretær", "appoint", *HOSPICE, "--person", "anna-aaen", "--override-reason",
              "Genvalgt pr. 1. januar; kontoret er ikke registreret endnu", "--format", "json", db=sample_db)
    assert r.code == 0, r.err
    appt = r.json()["appointment"]
    person = udpeg("person", "anna-aaen", "--format", "json", db=sample_db).json()
    assert any(s["appointment"] == appt for s in person["seats"])
    exported = udpeg("export", "--format", "json", db=sample_db).json()
    (row,) = [a for a in exported["appointments"] if a["id"] == appt]
    assert row["override_reason"].startswith("Genvalgt")
    engine = open_registry(to_url(sample_db))
    from sqlalchemy import select

    from registry.model import AuditEvent

    with engine.connect() as c:
        events = c.execute(select(AuditEvent.actor, AuditEvent.action, AuditEvent.reason)
                           .where(AuditEvent.entity_id == appt)).all()
    engine.dispose()
    assert events == [("sekretær", "appoint", "Genvalgt pr. 1. januar; kontoret er ikke registreret endnu")]


def test_appoint_refuses_bad_input_with_exit_2(udpeg, sample_db):
    for extra in (("--person", "nobody"), ("--person", "anna-aaen", "--end", "2020-01-01"),
                  ("--person", "anna-aaen", "--role", "chair"), ("--person", "anna-aaen", "--nominated-by", "nope")):
        r = udpeg("appoint", *HOSPICE, *extra, db=sample_db)
        assert r.code == 2, (extra, r.err)
        assert "Traceback" not in r.err


def test_end_an_appointment_early(udpeg, sample_db):
    r = udpeg("end", "eh-2022-labour", "--date", "2024-06-30", "--reason", "resigned", db=sample_db)
    assert r.code == 0, r.err
    board = udpeg("board", "erhvervshus-nordjylland", "--on", "2024-07-01", "--format", "json", db=sample_db).json()
    labour = next(s for s in board["seats"] if s["seat"] == "labour")
    assert labour["open"] == 1
    assert udpeg("end", "eh-2022-labour", "--date", "2024-07-30", "--reason", "resigned", db=sample_db).code == 3
    assert udpeg("end", "eh-2022-chair", "--date", "2020-01-01", "--reason", "resigned", db=sample_db).code == 2
    assert udpeg("end", "eh-2022-chair", "--date", "2024-01-01", "--reason", "bored", db=sample_db).code == 2


def test_nominate_men_only_prints_the_10a_finding(udpeg, sample_db):
    r = udpeg("nominate", "--board", "erhvervshus-nordjylland", "--seat", "business", "--round", "2026-04-01",
              "--org", "di", "--candidate", "richard-fynbo", "--format", "json", db=sample_db)
    assert r.code == 0, r.err
    (f,) = r.json()["findings"]
    assert (f["rule"], f["severity"]) == ("nomination-both-sexes", "error")
    assert "særlige grunde" in f["remedy"] or "special reasons" in f["remedy"]
    da = udpeg("--lang", "da", "nominate", "--board", "erhvervshus-nordjylland", "--seat", "business", "--round",
               "2026-04-01", "--org", "tekniq", "--candidate", "jan-o-gregersen", "--format", "json", db=sample_db)
    assert "Bed Tekniq om" in da.json()["findings"][0]["remedy"]


CANDIDATES = ["anna-aaen", "jeanette-klitgaard-andersen", "jesper-greth", "richard-fynbo", "rikke-gandrup",
              "mogens-christen-gade", "mads-duedal", "lene-aalestrup"]
SEATS = [("hospice-vangen", "kkr"), ("erhvervshus-nordjylland", "business"), ("erhvervshus-nordjylland", "political"),
         ("interreg-kattegat-skagerak", "member"), ("nt", "municipal"), ("dialogforum-retssikkerhed", "political")]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(person=st.sampled_from(CANDIDATES), seat=st.sampled_from(SEATS),
       start=st.dates(min_value=date(2022, 1, 1), max_value=date(2027, 12, 31)))
def test_whatif_then_appoint_gives_the_findings_whatif_promised(_sample_template, tmp_path_factory, person, seat, start):
    path = tmp_path_factory.mktemp("wi") / "r.db"
    shutil.copy(_sample_template, path)
    engine = open_registry(to_url(path))
    ctx = service.Context(engine, actor="test")
    board, seat_id = seat
    p = service.Proposal(board=board, seat=seat_id, person=person, start=start, override_reason="property test")
    try:
        promised = service.whatif(ctx, p)
    except service.NotFound:
        engine.dispose()
        return  # that board has no such seat group: nothing to compare
    made = service.appoint(ctx, p)
    actual = service.check(ctx, start, board)
    engine.dispose()
    proposed_id, real_id = promised.holding.appointment, made.holding.appointment

    def key(f):  # the proposal's placeholder id stands for the real one
        appt = real_id if f.appointment == proposed_id else f.appointment
        return (f.rule, f.severity, f.seat or "", f.person or "", appt or "", f.nomination or "",
                str(sorted(f.details.items())))

    assert sorted(map(key, promised.after)) == sorted(map(key, actual))


def test_a_nomination_received_after_its_round_began_is_still_judged(udpeg, sample_db):
    # Erhvervshus' 2026 round starts 2026-04-01; a men-only nomination for one business seat that
    # arrives on 2026-05-10 (a replacement during the term) did not exist on 2026-03-31, the day
    # nominate used to judge it on, so it passed in silence. It is judged on the day it arrives.
    r = udpeg("nominate", "--board", "erhvervshus-nordjylland", "--seat", "business", "--round", "2026-04-01",
              "--org", "di", "--candidate", "richard-fynbo", "--received", "2026-05-10", "--format", "json",
              db=sample_db)
    assert r.code == 0, r.err
    (f,) = r.json()["findings"]
    assert (f["rule"], f["severity"]) == ("nomination-both-sexes", "error")
    assert (f["details"]["women"], f["details"]["men"], f["details"]["need"]) == (0, 1, {"woman": 1})


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(received=st.dates(min_value=date(2025, 4, 1), max_value=date(2030, 3, 31)))
def test_a_men_only_nomination_is_judged_whenever_it_arrives_in_its_window(_sample_template, tmp_path_factory, received):
    # received from a year before the round (2025-04-01) to the end of the term it is for
    # (2030-03-31): the nomination exists on max(round - 1 day, received) and is judged there
    path = tmp_path_factory.mktemp("nom") / "r.db"
    shutil.copy(_sample_template, path)
    engine = open_registry(to_url(path))
    ctx = service.Context(engine, actor="test")
    try:
        _, findings = service.nominate(ctx, service.NominationInput(
            board="erhvervshus-nordjylland", seat="business", round=date(2026, 4, 1), organisations=("di",),
            candidates=("richard-fynbo",), received=received))
    finally:
        engine.dispose()
    assert [(f.rule, f.severity) for f in findings] == [("nomination-both-sexes", "error")]
