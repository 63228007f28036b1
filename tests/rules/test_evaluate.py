"""evaluate(): every family together, the scenario expectations, the catalogue of texts."""

import ast
import dataclasses
import string
from pathlib import Path

import pytest

from registry.findings import RULES, SEVERITY_RANK, Finding
from registry.i18n import catalog
from registry.rules import FAMILY_RULES, RULE_FAMILIES, evaluate

from .builders import CUSTOM, D, H, P, board, comp, council, erhvervshus_2022, nom, nt_2023, raad_nominations, seat, snap
from .helpers import none, one

ROOT = Path(__file__).resolve().parents[2]
SOURCES = sorted((ROOT / "registry" / "rules").glob("*.py")) + [ROOT / "registry" / "planner.py"]


def test_every_rule_id_belongs_to_exactly_one_family():
    ids = [r for rules in FAMILY_RULES.values() for r in rules]
    assert sorted(ids) == sorted(RULES)
    assert list(RULE_FAMILIES) == list(FAMILY_RULES) == [
        "structure", "eligibility", "nominations", "gender", "collective", "terms", "deputies", "data"]


def test_findings_are_sorted_errors_first():
    fs = evaluate(erhvervshus_2022())
    ranks = [SEVERITY_RANK[f.severity] for f in fs]
    assert ranks == sorted(ranks)


def test_erhvervshus_2022_scenario():
    fs = evaluate(erhvervshus_2022())
    f = one(fs, "gender-balance", scope="board")
    assert f.severity == "warning" and f.board == "erhvervshus-nordjylland"
    assert {k: f.details[k] for k in ("ruleset", "n", "women", "men", "required_each")} == \
        {"ruleset": "dk-ligelig", "n": 11, "women": 4, "men": 7, "required_each": 5}
    assert one(fs, "joint-nomination").seat == "labour"
    none(fs, "gender-balance", scope="controlled")
    for rule in ("seat-vacant", "seat-overfilled", "board-size", "eligibility", "nominator-not-entitled",
                 "collective-skill", "nomination-missing"):
        none(fs, rule)
    assert len(fs) == 2


def test_nt_scenario():
    fs = evaluate(nt_2023())
    assert one(fs, "seat-overfilled").seat == "municipal"
    one(fs, "board-size")
    one(fs, "board-size-odd")
    for rule in ("eligibility", "seat-share", "gender-balance"):
        none(fs, rule)


def test_nominations_scenario():
    fs = evaluate(raad_nominations())
    got = {f.nomination: f.severity for f in fs if f.rule == "nomination-both-sexes"}
    assert got == {"n-men-only": "error", "n-pending": "warning", "n-accepted": "info", "n-unequal": "error",
                   "n-rejected": "error"}


def test_findings_serialise_to_the_cli_shape_in_both_languages():
    for s in (erhvervshus_2022(), nt_2023(), raad_nominations()):
        for f in evaluate(s):
            for lang in ("en", "da"):
                d = f.to_dict(lang)
                assert set(d) == {"rule", "severity", "board", "seat", "person", "appointment", "nomination",
                                  "message", "legal_basis", "remedy", "details"}
                assert d["message"] and d["remedy"] and d["legal_basis"]
                assert "{" not in d["message"] and "{" not in d["remedy"]


# --- the catalogue of texts -----------------------------------------------------------------

def _templates() -> dict[str, str]:
    found = {}
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "N_"
                    and node.args and isinstance(node.args[0], ast.Constant)):
                found[node.args[0].value] = f"{path.name}:{node.lineno}"
    return found


def _fields(text):
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


def test_every_template_has_a_danish_text_with_the_same_placeholders():
    da = catalog("da")
    templates = _templates()
    assert len(templates) > 60
    missing = [f"{where}: {t}" for t, where in templates.items() if t not in da]
    assert missing == []
    assert [t for t in templates if _fields(t) != _fields(da[t])] == []


def _all_findings() -> list[Finding]:
    """Findings of every rule id, from the scenario boards and one board that breaks everything."""
    out = []
    for s in (erhvervshus_2022(), nt_2023(), raad_nominations(), erhvervshus_2022(on=D(2026, 2, 1))):
        out += evaluate(s)
    c = comp(seat("s", 2, "S", deputies="required", eligibility=("council-member-in-kkr",), spread=2,
                  collective=(("x", 2),), max_share=0.1), seat("t", 1, deputies="required"), size=(4, 4), odd=True, valid_from=D(2000, 1, 1),
             balance=("strict-40", "dk-ligelig"))
    a = P("a", "woman", offices=(council("aalborg", D(2010, 1, 1), D(2023, 6, 30)),), municipality="aalborg")
    hist = (H("s", a, D(2022, 4, 1), D(2062, 3, 31), id="m1"), H("s", a, D(2022, 5, 1), id="m2"),
            H("s", P("d", "man"), D(2021, 1, 1), None, id="d1", role="deputy", deputy_for="m1"),
            H("s", P("d", "man"), D(2021, 1, 1), None, id="d2", role="deputy", deputy_for="m2"),
            H("t", P("u"), D(2014, 4, 1), D(2018, 3, 31)), H("t", P("u"), D(2018, 4, 1), D(2022, 3, 31)),
            H("t", P("u"), D(2022, 4, 1), D(2023, 9, 1)))
    s = snap(*hist, on=D(2023, 8, 1), compositions=c, b=board(max_consecutive_terms=1, holdover=True),
             seats_held={"a": 9}, nominations=(nom("n", "s", ["x"], [P("m", "man"), P("q")], deadline=D(2030, 1, 1),
                                                   received=D(2020, 1, 1)),))
    out += evaluate(s)
    eh = erhvervshus_2022()
    hist = tuple(dataclasses.replace(h, nominated_by=("nord",)) if h.appointment == "eh-bus-lf" else
                 dataclasses.replace(h, nominated_by=()) if h.appointment == "eh-know" else h
                 for h in eh.history if h.appointment != "eh-pol-3")
    out += evaluate(dataclasses.replace(eh, history=hist))
    hold = snap(H("s", P("h", "woman"), D(2022, 1, 1), D(2025, 12, 31)), compositions=comp(seat("s", 1)),
                on=D(2026, 2, 1), b=board(holdover=True, term=CUSTOM))
    out += evaluate(hold)
    from registry.snapshot import not_recorded_holder
    filled = snap(H("s", not_recorded_holder("nr1"), D(2022, 1, 1), D(2025, 12, 31), id="nr1"),
                  compositions=comp(seat("s", 1)), on=D(2023, 1, 1))
    out += evaluate(filled)
    return out


def test_every_finding_renders_in_danish_and_english():
    fs = _all_findings()
    assert {f.rule for f in fs} == set(RULES)
    for f in fs:
        for lang in ("en", "da"):
            assert "{" not in f.text(lang) and "{" not in f.remedy_text(lang), f.rule
        assert f.text("da") != f.text("en"), f.rule


@pytest.mark.parametrize("name", ["Foreningen [Nord]", "[/]", "[bold]x[/bold]", "{braces}", "a } b {"])
def test_names_with_markup_or_braces_stay_parameters(name):
    s = erhvervshus_2022()
    b = dataclasses.replace(s.board, name=name)
    hist = tuple(dataclasses.replace(h, person=dataclasses.replace(h.person, name=name)) for h in s.history)
    seats = tuple(dataclasses.replace(x, name=name) for x in s.compositions[0].seats)
    comps = (dataclasses.replace(s.compositions[0], seats=seats),)
    s = dataclasses.replace(s, board=b, history=hist, compositions=comps, org_names={k: name for k in s.org_names})
    fs = evaluate(s)
    assert fs
    for f in fs:
        assert name not in f.message and name not in f.remedy
        for lang in ("en", "da"):
            text = f.text(lang) + f.remedy_text(lang)      # renders without error
            if f.person or f.seat:
                assert name in text, f.rule
