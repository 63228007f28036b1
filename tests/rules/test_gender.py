"""gender-balance, gender-undetermined, gender-unattainable (domain.md §4–§5)."""

import dataclasses

from registry.findings import ERROR, INFO, WARNING
from registry.rules import gender
from registry.rules.rulesets import RuleSet

from .builders import D, H, P, comp, erhvervshus_2022, erhvervshus_composition, nt_2023, seat, snap
from .helpers import none, one

DETAIL_KEYS = {"ruleset", "scope", "n", "women", "men", "undisclosed", "required_each", "short"}


def _board(women, men, undisclosed=0, *, count=None, **kw):
    n = women + men + undisclosed
    c = comp(seat("members", count or max(n, 1), appointed_by="kkr-nordjylland"), **kw)
    people = ([P(f"w{i}", "woman") for i in range(women)] + [P(f"m{i}", "man") for i in range(men)]
              + [P(f"u{i}") for i in range(undisclosed)])
    return snap(*(H("members", p) for p in people), compositions=c)


def test_erhvervshus_2022_fails_dk_ligelig_on_the_board():
    fs = gender.check(erhvervshus_2022())
    f = one(fs, "gender-balance", scope="board")
    assert f.severity == WARNING
    assert dict(f.details) == {"ruleset": "dk-ligelig", "scope": "board", "n": 11, "women": 4, "men": 7,
                               "undisclosed": 0, "required_each": 5, "short": {"woman": 1}}
    assert set(f.details) == DETAIL_KEYS
    assert f.legal_basis.startswith("Ligestillingsloven § 11")
    # issue 11, rule 7 / quality.md: the remedy names the public requirement, never the shortfall
    assert f.remedy_text("en").startswith("When seats are next filled, appoint women until there are at least 5 of each sex")
    assert "one more" not in f.remedy_text("en") and "én kvinde mere" not in f.remedy_text("da")


def test_erhvervshus_2022_kkr_controlled_ten_seats_pass():
    # KKR appoints 10 of the 11 (4 women, 6 men): dk-ligelig asks for 4 of each
    none(gender.check(erhvervshus_2022()), "gender-balance", scope="controlled")


def test_observers_and_deputies_are_never_counted_the_chair_is():
    s = erhvervshus_2022()
    s = s.with_appointment(H("business", P("dw", "woman"), role="deputy", deputy_for="eh-bus-di"))
    f = one(gender.check(s), "gender-balance", scope="board")
    assert (f.details["n"], f.details["women"]) == (11, 4)
    # the chair (a man) counts: without him n = 10 and 4 women pass
    s2 = dataclasses.replace(s, history=tuple(h for h in s.history if h.seat != "chair"))
    none(gender.check(s2), "gender-balance", scope="board")


def test_appointer_scope_counts_each_appointing_body_on_its_own():
    c = dataclasses.replace(erhvervshus_composition(scopes=("appointer",)))
    seats = tuple(dataclasses.replace(x, count=2) if x.id == "region" else x for x in c.seats)
    c = dataclasses.replace(c, seats=seats, size_min=None, size_max=None)
    s = erhvervshus_2022()
    s = dataclasses.replace(s, compositions=(c,))
    s = s.with_appointment(H("region", P("r2", "man")))
    fs = gender.check(s)
    f = one(fs, "gender-balance", scope="appointer", appointer="region-nordjylland")
    assert set(f.details) == DETAIL_KEYS | {"appointer"}
    assert (f.details["n"], f.details["men"], f.details["required_each"]) == (2, 2, 1)
    assert "Regionsrådet, Region Nordjylland" in f.text("en")
    none(fs, "gender-balance", scope="appointer", appointer="kkr-nordjylland")


def test_controlled_scope_can_fail_on_its_own():
    c = comp(seat("kkr", 4, appointed_by="kkr-nordjylland"), seat("other", 4, appointed_by="region-nordjylland"),
             scopes=("board", "controlled"))
    people = [("kkr", P(f"k{i}", "man")) for i in range(4)] + [("other", P(f"o{i}", "woman")) for i in range(4)]
    fs = gender.check(snap(*(H(s, p) for s, p in people), compositions=c))
    none(fs, "gender-balance", scope="board")
    f = one(fs, "gender-balance", scope="controlled")
    assert f.details["short"] == {"woman": 2}


def test_balance_severity_error_is_honoured():
    s = _board(1, 5, balance_severity="error")
    assert one(gender.check(s), "gender-balance").severity == ERROR


def test_passing_boards_give_nothing():
    assert gender.check(nt_2023()) == []
    assert gender.check(_board(5, 5)) == []
    assert gender.check(_board(0, 3, balance=("none",))) == []


def test_worked_figures_n_9_11_13():
    for n, ruleset, required in [(9, "dk-ligelig", 4), (11, "eu-40", 4), (13, "parity", 6), (13, "eu-40", 5),
                                 (11, "no", 5)]:
        f = one(gender.check(_board(0, n, balance=(ruleset,))), "gender-balance")
        assert f.details["required_each"] == required, (n, ruleset)


def test_several_rule_sets_each_report():
    fs = gender.check(_board(3, 8, balance=("dk-ligelig", "eu-40", "parity")))
    assert {f.details["ruleset"] for f in fs} == {"dk-ligelig", "eu-40", "parity"}


def test_undisclosed_sex_makes_the_verdict_undetermined():
    fs = gender.check(_board(4, 5, 2))
    f = one(fs, "gender-undetermined")
    assert f.severity == WARNING
    assert dict(f.details) == {"ruleset": "dk-ligelig", "scope": "board", "n": 11, "women": 4, "men": 5,
                               "undisclosed": 2, "required_each": 5, "short": {}}
    none(fs, "gender-balance")


def test_fail_whatever_the_undisclosed_are():
    f = one(gender.check(_board(0, 8, 1)), "gender-balance")
    assert f.details["undisclosed"] == 1 and f.details["short"] == {"woman": 3}


def test_strict_40_cannot_be_met_by_three():
    fs = gender.check(_board(1, 2, balance=("strict-40",)))
    f = one(fs, "gender-unattainable")
    assert f.severity == INFO and f.details["n"] == 3 and f.details["required_each"] == 2
    none(fs, "gender-balance")


def test_strict_40_attainable_sizes_give_no_unattainable():
    none(gender.check(_board(2, 2, balance=("strict-40",))), "gender-unattainable")


def test_custom_rule_set_from_the_dataset():
    s = _board(2, 4, balance=("kkr-40",))
    s = dataclasses.replace(s, custom_rulesets={"kkr-40": RuleSet("kkr-40", "40 %", share=0.4)})
    f = one(gender.check(s), "gender-balance")
    assert f.details["ruleset"] == "kkr-40" and f.details["required_each"] == 3


def test_unknown_rule_set_is_skipped_not_a_crash():
    assert gender.check(_board(0, 5, balance=("nope",))) == []


def test_no_composition_no_gender_findings():
    assert gender.check(erhvervshus_2022(on=D(2027, 1, 1))) == []


def test_an_appointer_scope_remedy_addresses_that_appointer():
    # issue 11, rule 7: two men from the region (a 2-seat region group, dk-ligelig: 1 of each)
    c = erhvervshus_composition(scopes=("appointer",))
    c = dataclasses.replace(c, seats=tuple(dataclasses.replace(x, count=2) if x.id == "region" else x for x in c.seats),
                            size_min=None, size_max=None)
    s = dataclasses.replace(erhvervshus_2022(), compositions=(c,)).with_appointment(H("region", P("r2", "man")))
    f = one(gender.check(s), "gender-balance", scope="appointer", appointer="region-nordjylland")
    assert f.remedy_text("en") == ("Ask Regionsrådet, Region Nordjylland to appoint women when it next fills its seats, "
                                   "until they hold at least 1 of each sex")
    assert f.remedy_text("da").startswith("Bed Regionsrådet, Region Nordjylland om at udpege kvinder")


def test_an_appointer_scope_remedy_for_the_kkr_itself_names_the_kkr():
    # the KKR's own four seats, all men (dk-ligelig on 4: 2 of each); the region's 4 seats pass
    c = comp(seat("kkr", 4, appointed_by="kkr-nordjylland"), seat("other", 4, appointed_by="region-nordjylland"),
             scopes=("appointer",))
    people = ([("kkr", P(f"k{i}", "man")) for i in range(4)]
              + [("other", P(f"o{i}", sex)) for i, sex in enumerate(("woman", "woman", "man", "man"))])
    s = snap(*(H(x, p) for x, p in people), compositions=c, org_names={"kkr-nordjylland": "KKR Nordjylland"})
    f = one(gender.check(s), "gender-balance", scope="appointer", appointer="kkr-nordjylland")
    assert f.remedy_text("en") == ("When KKR Nordjylland next fills its seats, appoint women until they hold at least 2 "
                                   "of each sex, and ask the nominating organisations for women candidates")
    none(gender.check(s), "gender-balance", scope="appointer", appointer="region-nordjylland")
