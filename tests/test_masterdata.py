"""Master data writes (issue 16): organisations, boards, offices, meetings and agenda items,
council groups and allotments — validated as a load is, audited, version-checked, and the
registry's own export still loads after each write."""

from datetime import date

import pytest

from registry import masterdata as md
from registry import service
from registry.db import ConflictError, RegistryError, open_registry, to_url


@pytest.fixture
def ctx(sample_db):
    return service.Context(open_registry(to_url(sample_db)), actor="sekretær")


def round_trip(ctx, tmp_path) -> dict:
    """Export, load the export into an empty registry, export again: the same tree."""
    import json

    first = service.export(ctx, "json")
    path = tmp_path / "export.json"
    path.write_text(first, encoding="utf-8")
    fresh = service.Context(open_registry(to_url(tmp_path / "fresh.db"), create=True), actor="t")
    service.load(fresh, [path])
    assert json.loads(service.export(fresh, "json")) == json.loads(first)
    return json.loads(first)


def last_event(ctx) -> dict:
    return service.audit_log(ctx, limit=1)[0]


# --- organisations ------------------------------------------------------------------------------


def test_an_organisation_is_created_by_name_edited_and_exported(ctx, tmp_path):
    row = md.save_organisation(ctx, None, {"name": "Dansk Skovforening", "kind": "business"}, create=True)
    assert row["id"] == "dansk-skovforening"
    assert last_event(ctx)["action"] == "add" and last_event(ctx)["actor"] == "sekretær"
    md.save_organisation(ctx, row["id"], {"kind": "knowledge"}, expected=row)
    tree = round_trip(ctx, tmp_path)
    assert {"id": "dansk-skovforening", "name": "Dansk Skovforening", "kind": "knowledge"} in tree["organisations"]
    assert [o["name"] for o in md.organisations(ctx, "skov")] == ["Dansk Skovforening"]


def test_an_organisation_kind_is_refused_with_the_loaders_sentence(ctx):
    with pytest.raises(RegistryError) as e:
        md.save_organisation(ctx, None, {"name": "X", "kind": "company"}, create=True)
    assert str(e.value).startswith("kind: 'company' is not one of business, knowledge, labour")
    with pytest.raises(RegistryError, match="name: must not be empty"):
        md.save_organisation(ctx, None, {"name": "  ", "kind": "other"}, create=True)
    assert md.organisations(ctx, "company") == []


def test_an_organisation_changed_meanwhile_is_a_conflict(ctx):
    row = md.save_organisation(ctx, None, {"name": "Foreningen A", "kind": "other"}, create=True)
    md.save_organisation(ctx, row["id"], {"name": "Foreningen B"})
    with pytest.raises(ConflictError) as e:
        md.save_organisation(ctx, row["id"], {"kind": "labour"}, expected=row)
    assert e.value.exit_code == 3
    assert md.organisations(ctx, "foreningen")[0]["kind"] == "other"


def test_two_organisations_with_one_name_get_two_ids(ctx):
    a = md.save_organisation(ctx, None, {"name": "Æblelauget Ø", "kind": "other"}, create=True)
    b = md.save_organisation(ctx, None, {"name": "Æblelauget Ø", "kind": "other"}, create=True)
    assert (a["id"], b["id"]) == ("aeblelauget-oe", "aeblelauget-oe-2")


# --- boards -------------------------------------------------------------------------------------


def test_a_board_is_created_edited_and_round_trips(ctx, tmp_path):
    b = md.save_board(ctx, None, {"name": "Nordjysk Skovråd", "legal_basis": "Skovloven § 3", "term": "years:4",
                                  "term_anchor": date(2026, 4, 1), "statutory": True}, create=True)
    assert b["id"] == "nordjysk-skovraad" and b["kkr"] == "nordjylland" and b["version"] == 1
    b2 = md.save_board(ctx, b["id"], {"holdover": True, "max_consecutive_terms": 2, "url": "https://skov.dk"},
                       expected_version=1)
    assert b2["version"] == 2 and b2["holdover"] and b2["legal_basis"] == "Skovloven § 3"
    tree = round_trip(ctx, tmp_path)
    mine = next(x for x in tree["boards"] if x["id"] == "nordjysk-skovraad")
    assert mine["term"] == "years:4" and mine["max_consecutive_terms"] == 2 and mine["holdover"] is True


def test_a_board_term_pattern_is_refused_as_a_load_refuses_it(ctx):
    from registry.dataset.schema import validate

    _ds, problems = validate({"format": "udpeg/1", "boards": [{"id": "x", "name": "X", "term": "every-4-years"}]})
    with pytest.raises(RegistryError) as e:
        md.save_board(ctx, None, {"name": "X", "term": "every-4-years"}, create=True)
    assert str(e.value) == f"term: {problems[0].message}"
    with pytest.raises(RegistryError, match="max_consecutive_terms: must be at least 0, not -1"):
        md.save_board(ctx, "hospice-vangen", {"max_consecutive_terms": -1})


def test_a_board_edit_on_an_old_version_is_a_conflict(ctx):
    v = md.board_record(ctx, "hospice-vangen")["version"]
    md.save_board(ctx, "hospice-vangen", {"url": "https://a"}, expected_version=v)
    with pytest.raises(ConflictError):
        md.save_board(ctx, "hospice-vangen", {"url": "https://b"}, expected_version=v)
    assert md.board_record(ctx, "hospice-vangen")["url"] == "https://a"


def test_a_retired_board_has_no_seats_and_its_members_end_the_day_before(ctx, tmp_path):
    on = date(2026, 5, 1)
    running = [s for s in service.snapshot(ctx, "brn", date(2026, 4, 30)).members]
    assert running
    out = md.retire_board(ctx, "brn", on)
    assert sorted(out["ended"]) == sorted(h.appointment for h in running)
    snap = service.snapshot(ctx, "brn", on)
    assert snap.composition is None and not snap.members
    assert not [v for v in service.vacancies(ctx, on) if v["board"] == "brn"]
    round_trip(ctx, tmp_path)
    with pytest.raises(RegistryError, match="retired already"):
        md.retire_board(ctx, "brn", date(2026, 6, 1))


# --- offices ------------------------------------------------------------------------------------


def test_an_office_added_and_ended_changes_eligibility(ctx, tmp_path):
    # anna-aaen's council office ended 2025: appointing her to the KKR seat adds an eligibility error
    p = service.Proposal(board="hospice-vangen", seat="kkr", person="anna-aaen", start=date(2026, 4, 1))
    assert any(f.rule == "eligibility" for f in service.whatif(ctx, p).diff.new)
    v = service.person(ctx, "anna-aaen")["version"]
    after = md.add_office(ctx, "anna-aaen", "council-member", "aalborg", date(2026, 1, 1), expected_version=v)
    assert after["version"] == v + 1
    assert not any(f.rule == "eligibility" for f in service.whatif(ctx, p).diff.new)
    office = next(o for o in md.person_offices(ctx, "anna-aaen") if o["start"] == date(2026, 1, 1))
    assert office["body_name"] == "Aalborg Kommune"
    md.end_office(ctx, "anna-aaen", office["pk"], date(2026, 3, 31))
    assert any(f.rule == "eligibility" for f in service.whatif(ctx, p).diff.new)
    tree = round_trip(ctx, tmp_path)
    anna = next(x for x in tree["people"] if x["id"] == "anna-aaen")
    assert {"office": "council-member", "body": "aalborg", "start": "2026-01-01", "end": "2026-03-31"} in anna["offices"]


def test_an_office_is_refused_with_the_loaders_sentence(ctx):
    with pytest.raises(RegistryError) as e:
        md.add_office(ctx, "anna-aaen", "chairman", "aalborg", date(2026, 1, 1))
    assert str(e.value).startswith("offices[0].office: 'chairman' is not one of council-member, mayor")
    with pytest.raises(RegistryError, match=r"offices\[0\].end: ends \(2025-12-31\) before it starts \(2026-01-01\)"):
        md.add_office(ctx, "anna-aaen", "mayor", "aalborg", date(2026, 1, 1), date(2025, 12, 31))
    with pytest.raises(ConflictError):
        md.add_office(ctx, "anna-aaen", "mayor", "aalborg", date(2026, 1, 1), expected_version=0)


# --- meetings -----------------------------------------------------------------------------------


def test_a_meeting_and_its_agenda_items_round_trip(ctx, tmp_path):
    mt = md.save_meeting(ctx, None, {"body": "kkr-nordjylland", "date": date(2026, 3, 20), "place": "Aalborg"},
                         create=True)
    assert mt["id"] == "kkr-nordjylland-2026-03-20"
    mt = md.add_agenda_item(ctx, mt["id"], "3.1", "SAG-2026-00412", "Udpegning til Hospice Vangen", expected=mt)
    md.add_agenda_item(ctx, mt["id"], "3.2")
    tree = round_trip(ctx, tmp_path)
    mine = next(x for x in tree["meetings"] if x["id"] == "kkr-nordjylland-2026-03-20")
    assert mine["items"] == [{"item": "3.1", "case": "SAG-2026-00412", "title": "Udpegning til Hospice Vangen"},
                             {"item": "3.2"}]
    assert md.meetings(ctx)[0]["body_name"] == "KKR Nordjylland"


def test_a_meeting_is_refused_with_the_loaders_sentence(ctx):
    with pytest.raises(RegistryError, match="date: '31-02-2026' is not a date"):
        md.save_meeting(ctx, None, {"body": "kkr-nordjylland", "date": "31-02-2026"}, create=True)
    mt = md.save_meeting(ctx, None, {"body": "kkr-nordjylland", "date": date(2026, 3, 20)}, create=True)
    md.add_agenda_item(ctx, mt["id"], "3.1")
    with pytest.raises(RegistryError, match=r"items\[1\].item: agenda item '3.1' is listed twice"):
        md.add_agenda_item(ctx, mt["id"], "3.1")
    with pytest.raises(ConflictError):
        md.add_agenda_item(ctx, mt["id"], "3.3", expected=mt)   # read before 3.1 was added
    with pytest.raises(RegistryError, match="no organisation with id nobody"):
        md.save_meeting(ctx, None, {"body": "nobody", "date": date(2026, 3, 20)}, create=True)


# --- council groups and allotments ---------------------------------------------------------------


def test_council_groups_per_period_share_seats_by_dhondt_and_an_allotment_is_a_vacancy(ctx, tmp_path):
    blue = md.save_council_group(ctx, None, {"name": "Blå gruppe", "period_start": date(2026, 4, 1),
                                             "period_end": date(2030, 3, 31), "parties": "V, C, O", "members": 14},
                                 create=True)
    red = md.save_council_group(ctx, None, {"name": "Rød gruppe", "period_start": date(2026, 4, 1),
                                            "period_end": date(2030, 3, 31), "parties": ["A", "F"], "members": 10},
                                create=True)
    assert (blue["id"], red["id"], blue["parties"]) == ("blaa-gruppe-2026", "roed-gruppe-2026", ["V", "C", "O"])
    assert [g["id"] for g in md.council_groups(ctx, date(2026, 5, 1))] == ["blaa-gruppe-2026", "roed-gruppe-2026"]
    # 3 seats: quotients 14, 10, 7, 5, 4.67 → blue 14 and 7, red 10
    share = md.share_seats(ctx, [blue["id"], red["id"]], 3)
    assert share.seats == {"blaa-gruppe-2026": 2, "roed-gruppe-2026": 1} and share.lot is None
    # 14 and 14 for 1 seat: a lot
    md.save_council_group(ctx, red["id"], {"members": 14}, expected=red)
    tie = md.share_seats(ctx, [blue["id"], red["id"]], 1)
    assert tie.lot is not None and tie.lot.seats == 1 and tie.seats == {"blaa-gruppe-2026": 0, "roed-gruppe-2026": 0}
    a = md.allot(ctx, "hospice-vangen", "kkr", blue["id"], date(2026, 4, 1))
    assert a["end"] == date(2030, 3, 31)
    assert last_event(ctx)["action"] == "allot"
    round_trip(ctx, tmp_path)
    assert md.allocations(ctx, "hospice-vangen")[0]["council_group_name"] == "Blå gruppe"


def test_council_group_and_allotment_refusals(ctx):
    with pytest.raises(RegistryError, match=r"period_end: ends \(2026-01-01\) before it starts \(2026-04-01\)"):
        md.save_council_group(ctx, None, {"name": "G", "period_start": date(2026, 4, 1),
                                          "period_end": date(2026, 1, 1)}, create=True)
    with pytest.raises(RegistryError, match="members: must be at least 0, not -3"):
        md.save_council_group(ctx, None, {"name": "G", "period_start": date(2026, 4, 1),
                                          "period_end": date(2030, 3, 31), "members": -3}, create=True)
    with pytest.raises(RegistryError, match="has no seat group nope"):
        md.allot(ctx, "hospice-vangen", "nope", "blaa-2022", date(2026, 4, 1))
    with pytest.raises(RegistryError, match="start: 'soon' is not a date"):
        md.allot(ctx, "hospice-vangen", "kkr", "blaa-2022", "soon")
    g = md.council_groups(ctx)[0]
    md.save_council_group(ctx, g["id"], {"members": 20})
    with pytest.raises(ConflictError):
        md.save_council_group(ctx, g["id"], {"members": 21}, expected=g)


def test_seats_won_are_allotted_in_one_go_and_typed_dates_make_ids(ctx):
    g = md.save_council_group(ctx, None, {"name": "Midte", "period_start": "01-04-2026", "period_end": "31-03-2030",
                                          "members": 3}, create=True)
    assert g["id"] == "midte-2026"
    rows = md.allot_shares(ctx, "hospice-vangen", "kkr", {g["id"]: 2, "blaa-2022": 0}, "01-04-2026")
    assert [r["council_group"] for r in rows] == ["midte-2026", "midte-2026"] and len({r["id"] for r in rows}) == 2
    with pytest.raises(RegistryError):
        md.allot_shares(ctx, "hospice-vangen", "kkr", {g["id"]: 1, "nobody": 1}, "01-04-2026")
    assert len([a for a in md.allocations(ctx, "hospice-vangen") if a["council_group"] == g["id"]]) == 2


# --- seat groups ---------------------------------------------------------------------------------


def test_seat_groups_added_to_a_new_board_then_a_new_version_copied_from_the_one_in_force(ctx, tmp_path):
    b = md.save_board(ctx, None, {"name": "Nordjysk Skovråd", "statutory": True}, create=True)
    first = md.add_seat_group(ctx, b["id"], date(2026, 4, 1), {"name": "Formand", "count": 1,
                                                               "appointed_by": "kkr-nordjylland",
                                                               "eligibility": ["elected"]})
    assert (first["valid_from"], first["valid_to"], [g["seat"] for g in first["seats"]]) == (date(2026, 4, 1), None,
                                                                                            ["formand"])
    md.add_seat_group(ctx, b["id"], "2026-04-01", {"name": "Erhverv", "count": 2, "appointed_by": "kkr-nordjylland",
                                                   "nominated_by": ["di", "dansk-erhverv"]})
    second = md.add_seat_group(ctx, b["id"], date(2027, 1, 1), {"name": "Observatør", "count": 1, "voting": False})
    assert [g["seat"] for g in second["seats"]] == ["formand", "erhverv", "observatoer"]
    assert md.seat_rules(ctx, b["id"], date(2026, 12, 31))["valid_to"] == date(2026, 12, 31)
    assert [g["seat"] for g in md.seat_rules(ctx, b["id"], date(2026, 12, 31))["seats"]] == ["formand", "erhverv"]
    # on the day the rules start the chair and the two business seats are open (the observer comes in 2027)
    snap = service.snapshot(ctx, b["id"], date(2026, 4, 1))
    assert service.open_seats(snap) == 3
    tree = round_trip(ctx, tmp_path)
    mine = next(x for x in tree["boards"] if x["id"] == b["id"])
    assert [c["valid_from"] for c in mine["compositions"]] == ["2026-04-01", "2027-01-01"]


def test_a_seat_group_is_refused_with_the_loaders_sentence(ctx):
    b = md.save_board(ctx, None, {"name": "X-rådet"}, create=True)
    with pytest.raises(RegistryError, match=r"compositions\[0\].seats\[0\].count: must be at least 1, not 0"):
        md.add_seat_group(ctx, b["id"], date(2026, 4, 1), {"name": "A", "count": 0})
    with pytest.raises(RegistryError, match="a joint nomination needs at least two organisations"):
        md.add_seat_group(ctx, b["id"], date(2026, 4, 1), {"name": "A", "count": 1, "joint": True,
                                                           "nominated_by": ["di"]})
    with pytest.raises(RegistryError, match="no organisation with id nobody"):
        md.add_seat_group(ctx, b["id"], date(2026, 4, 1), {"name": "A", "count": 1, "appointed_by": "nobody"})
    with pytest.raises(ConflictError):
        md.add_seat_group(ctx, b["id"], date(2026, 4, 1), {"name": "A", "count": 1}, expected_version=b["version"] + 5)
    assert md.seat_rules(ctx, b["id"], date(2026, 4, 1)) is None
