"""The planner (domain.md §7)."""

import dataclasses
import json

from registry.planner import PlanResult, plan

from .builders import D, H, P, comp, erhvervshus_2022, erhvervshus_composition, nom, seat, snap

ROUND = D(2026, 4, 1)


def _erhvervshus_round(noms, *, region=None):
    """Erhvervshus seen on 2026-01-15 with the 2026 composition and the given nominations."""
    s = erhvervshus_2022(on=D(2026, 1, 15))
    c26 = erhvervshus_composition(valid_from=ROUND, valid_to=None)
    hist = s.history + ((H("region", region, ROUND, D(2030, 3, 31), id="region-2026"),) if region else ())
    return dataclasses.replace(s, compositions=s.compositions + (c26,), nominations=tuple(noms), history=hist)


W = [P(f"bw{i}", "woman", f"Kvinde [b]{i}") for i in range(4)]
M = [P(f"bm{i}", "man", f"Mand [/]{i}") for i in range(6)]
GOOD = [nom("n-di", "business", ["di"], [W[0], M[0]]), nom("n-de", "business", ["dansk-erhverv"], [W[1], M[1]]),
        nom("n-lf", "business", ["lf"], [M[2], M[3]], seats=2), nom("n-nord", "business", ["nord"], [W[2]]),
        nom("n-fh", "labour", ["fh"], [P("lw", "woman")]), nom("n-fhac", "labour", ["fh", "ac"], [P("lm", "man"), P("lw2", "woman")]),
        nom("n-aau", "knowledge", ["aau"], [P("kw", "woman"), P("km", "man")])]


def test_erhvervshus_2026_is_feasible_and_respects_nominators():
    r = plan(_erhvervshus_round(GOOD), ROUND, limit=5)
    assert isinstance(r, PlanResult) and r.feasible
    assert r.open_seats == {"chair": 1, "political": 3, "business": 4, "knowledge": 1, "labour": 1}
    # the region's 2026 member is unknown: undisclosed, so the board must pass whatever they are
    assert r.fixed == {"women": 0, "men": 0, "undisclosed": 1}
    assert r.women_needed == (5, 5) and r.men_needed == (5, 5)
    assert 1 <= len(r.selections) <= 5
    for sel in r.selections:
        assert len(sel) == 10
        noms = {e["nomination"] for e in sel}
        assert "n-nord" not in noms          # not an entitled nominator
        assert "n-fh" not in noms            # the labour seat needs FH and AC together
        assert sum(1 for e in sel if e["nomination"] == "n-lf") <= 2
        assert sum(1 for e in sel if e["nomination"] == "n-di") <= 1
        people = [e["person"] for e in sel if e["person"]]
        assert len(people) == len(set(people))
        assert sum(e["sex"] == "woman" for e in sel) == 5
        free = [e for e in sel if e["seat"] in ("chair", "political")]
        assert all(e["person"] is None and e["nomination"] is None for e in free)
    assert r.smallest_change == ""


def test_a_known_region_member_widens_the_range():
    r = plan(_erhvervshus_round(GOOD, region=P("rw", "woman")), ROUND)
    assert r.feasible and r.fixed == {"women": 1, "men": 0, "undisclosed": 0}
    # board: 11 need 5 of each (so at most 5 more women); KKR's 10: 4 of each
    assert r.women_needed == (4, 5) and r.men_needed == (5, 6)


def test_limit_and_json_shape():
    r = plan(_erhvervshus_round(GOOD), ROUND, limit=2)
    assert len(r.selections) == 2 and r.selections[0] != r.selections[1]
    d = r.to_dict("en")
    assert set(d) == {"feasible", "women_needed", "men_needed", "selections", "smallest_change"}
    assert d["women_needed"] == [5, 5]
    json.dumps(d)


def _small(noms, **kw):
    c = comp(seat("business", 4, "Virksomhed [b]", appointed_by="kkr-nordjylland", nominated_by=("di", "de")),
             seat("labour", 1, "Arbejde", appointed_by="kkr-nordjylland", nominated_by=("fh", "ac"), joint=True),
             valid_from=ROUND, **kw)
    return snap(on=D(2026, 1, 1), compositions=c, nominations=tuple(noms))


def test_smallest_change_names_the_missing_woman():
    m = [P(f"m{i}", "man") for i in range(6)]
    noms = [nom("a", "business", ["di"], m[:3], seats=3), nom("b", "business", ["de"], [m[3], P("w0", "woman")]),
            nom("c", "labour", ["fh"], [P("w9", "woman")]), nom("d", "labour", ["fh", "ac"], [m[5]])]
    r = plan(_small(noms), ROUND)
    assert not r.feasible and r.selections == []
    assert r.smallest_change == "one more woman nominated for the Virksomhed [b] seats"
    assert r.smallest_change_text("da") == "én kvinde mere indstillet til pladserne i Virksomhed [b]"
    assert r.women_needed == (2, 3)         # what the rules need, whatever was nominated
    assert r.to_dict("da")["smallest_change"] == "én kvinde mere indstillet til pladserne i Virksomhed [b]"


def test_too_few_candidates_is_an_infeasible_plan_with_a_change():
    r = plan(_small([nom("d", "labour", ["fh", "ac"], [P("lw", "woman")])]), ROUND)
    assert not r.feasible
    assert "more women nominated for the Virksomhed [b] seats" in r.smallest_change
    assert "more men nominated for the Virksomhed [b] seats" in r.smallest_change


def test_one_candidate_per_nomination_seat():
    # one nomination for one seat cannot fill two seats, however many it proposes
    c = comp(seat("s", 2, appointed_by="kkr-nordjylland", nominated_by=("di",)), valid_from=ROUND)
    n = nom("n", "s", ["di"], [P("w", "woman"), P("m", "man")], seats=1)
    r = plan(snap(on=D(2026, 1, 1), compositions=c, nominations=(n,)), ROUND)
    assert not r.feasible
    n2 = dataclasses.replace(n, seats=2)
    r = plan(snap(on=D(2026, 1, 1), compositions=c, nominations=(n2,)), ROUND)
    assert r.feasible and len(r.selections) == 1


def test_continuing_members_are_fixed():
    c = comp(seat("s", 3, appointed_by="kkr-nordjylland", nominated_by=("di",)), valid_from=D(2022, 4, 1))
    stay = H("s", P("stay", "man"), D(2024, 1, 1), D(2028, 3, 31))
    gone = H("s", P("gone", "woman"), D(2022, 4, 1), D(2026, 3, 31))
    n = nom("n", "s", ["di"], [P("w", "woman"), P("m", "man"), P("stay", "man")], seats=2)
    r = plan(snap(stay, gone, on=D(2026, 1, 1), compositions=c, nominations=(n,)), ROUND)
    assert r.open_seats == {"s": 2} and r.fixed["men"] == 1
    assert r.feasible
    for sel in r.selections:
        assert {e["person"] for e in sel} == {"w", "m"}       # "stay" is not chosen twice


def test_no_open_seats_and_a_failing_board_is_not_feasible():
    c = comp(seat("s", 3, appointed_by="kkr-nordjylland"), valid_from=D(2022, 4, 1))
    hist = [H("s", P(f"m{i}", "man"), D(2024, 1, 1), D(2028, 3, 31)) for i in range(3)]
    r = plan(snap(*hist, on=D(2026, 1, 1), compositions=c), ROUND)
    assert not r.feasible and r.open_seats == {}
    assert "No choice among the 0 open seats" in r.smallest_change
    ok = [H("s", P(f"p{i}", sex), D(2024, 1, 1), D(2028, 3, 31)) for i, sex in enumerate(("man", "woman", "man"))]
    r = plan(snap(*ok, on=D(2026, 1, 1), compositions=c), ROUND)
    assert r.feasible and r.selections == [[]]


def test_no_composition_at_the_round():
    r = plan(erhvervshus_2022(), ROUND)
    assert not r.feasible and "No composition" in r.smallest_change
    assert "01-04-2026" in r.smallest_change_text("da")


def test_other_appointers_unknown_seats_do_not_block_the_plan():
    # the region's two seats, holders unknown, are "undetermined" on their own: that must not
    # make every plan impossible, since nothing chosen here can change them
    c = comp(seat("kkr", 3, appointed_by="kkr-nordjylland", nominated_by=("di",)),
             seat("region", 2, appointed_by="region-nordjylland"), valid_from=ROUND, scopes=("appointer",))
    n = nom("n", "kkr", ["di"], [P("w1", "woman"), P("w2", "woman"), P("m", "man")], seats=3)
    r = plan(snap(on=D(2026, 1, 1), compositions=c, nominations=(n,)), ROUND)
    assert r.feasible and r.fixed["undisclosed"] == 2
    assert r.women_needed == (2, 2)


def test_unknown_holders_elsewhere_count_as_undisclosed_on_the_board():
    c = comp(seat("kkr", 4, appointed_by="kkr-nordjylland", nominated_by=("di",)),
             seat("region", 1, appointed_by="region-nordjylland"), valid_from=ROUND)
    cands = [P("w1", "woman"), P("w2", "woman"), P("w3", "woman"), P("m1", "man"), P("m2", "man"), P("m3", "man")]
    r = plan(snap(on=D(2026, 1, 1), compositions=c, nominations=(nom("n", "kkr", ["di"], cands, seats=4),)), ROUND)
    # 5 counted, 1 unknown: 2 of each whatever the unknown is → exactly 2 women and 2 men
    assert r.feasible and r.women_needed == (2, 2) and r.men_needed == (2, 2)
    for sel in r.selections:
        assert sum(e["sex"] == "woman" for e in sel) == 2


def test_undisclosed_candidates_must_not_decide_the_verdict():
    c = comp(seat("s", 2, appointed_by="kkr-nordjylland", nominated_by=("di",)), valid_from=ROUND)
    n = nom("n", "s", ["di"], [P("w", "woman"), P("u"), P("m", "man")], seats=2)
    r = plan(snap(on=D(2026, 1, 1), compositions=c, nominations=(n,)), ROUND, limit=10)
    assert r.feasible
    assert [sorted(e["person"] for e in sel) for sel in r.selections] == [["m", "w"]]


def test_a_large_board_with_many_candidates_plans_without_blowing_up():
    orgs = tuple(f"o{i}" for i in range(12))
    seats = [seat(f"g{i}", 5, appointed_by="kkr-nordjylland", nominated_by=orgs) for i in range(8)]
    c = comp(*seats, valid_from=ROUND, balance=("dk-ligelig", "parity"), scopes=("board", "controlled", "appointer"))
    noms = []
    for g in range(8):
        for k, o in enumerate(orgs):
            noms.append(nom(f"n{g}-{k}", f"g{g}", [o], [P(f"c{g}-{k}-w", "woman"), P(f"c{g}-{k}-m", "man"),
                                                        P(f"c{g}-{k}-u")], seats=2))
    r = plan(snap(on=D(2026, 1, 1), compositions=c, nominations=tuple(noms)), ROUND, limit=5)
    assert r.feasible and len(r.selections) == 5
    assert r.women_needed == (20, 20)
