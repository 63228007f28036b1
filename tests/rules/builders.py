"""Small builders for hand-made board snapshots (no database).

``P`` people, ``office``, ``seat``, ``comp``, ``H`` holdings, ``nom`` nominations, ``snap``
snapshots; plus the worked boards of the scenarios (Erhvervshus 2022, NT, the § 10 a round).
Names with Rich markup characters are used on purpose: nothing may break on them.
"""

from __future__ import annotations

import itertools
from datetime import date

from registry.snapshot import (AllocationFact, BoardFact, BoardSnapshot, CompositionRule, Holding,
                               NominationFact, OfficeFact, PersonFact, SeatRule)
from registry.terms import TermPattern

D = date
KKR = TermPattern("kkr")
MUNICIPAL = TermPattern("municipal")
CUSTOM = TermPattern("custom")
_ids = itertools.count(1)


def P(id: str, sex: str = "undisclosed", name: str | None = None, *, municipality: str | None = None,
      skills: tuple[str, ...] = (), offices: tuple[OfficeFact, ...] = ()) -> PersonFact:
    return PersonFact(id, name or id.replace("-", " ").title(), sex, None, municipality, tuple(skills), tuple(offices))


def office(kind: str, body: str, start: date = D(2022, 1, 1), end: date | None = D(2025, 12, 31)) -> OfficeFact:
    return OfficeFact(kind, body, start, end)


def council(body: str, start: date = D(2022, 1, 1), end: date | None = D(2025, 12, 31)) -> OfficeFact:
    return office("council-member", body, start, end)


def seat(id: str, count: int = 1, name: str | None = None, **kw) -> SeatRule:
    kw.setdefault("counts_for_balance", kw.get("voting", True))
    for k in ("nominated_by", "eligibility", "collective"):
        if k in kw:
            kw[k] = tuple(kw[k])
    return SeatRule(id, name or id.title(), count, **kw)


def comp(*seats: SeatRule, valid_from: date = D(2022, 1, 1), valid_to: date | None = None,
         size: tuple[int | None, int | None] = (None, None), odd: bool = False,
         balance: tuple[str, ...] = ("dk-ligelig",), scopes: tuple[str, ...] = ("board",),
         balance_severity: str = "warning", nomination_rule: str = "dk-10a", source: str | None = None
         ) -> CompositionRule:
    return CompositionRule(valid_from, valid_to, size[0], size[1], odd, tuple(balance), tuple(scopes),
                           balance_severity, nomination_rule, source, tuple(seats))


def H(seat: str, person: PersonFact, start: date = D(2022, 4, 1), end: date | None = D(2026, 3, 31), *,
      id: str | None = None, **kw) -> Holding:
    if "nominated_by" in kw:
        kw["nominated_by"] = tuple(kw["nominated_by"])
    return Holding(appointment=id or f"a{next(_ids)}", seat=seat, person=person, start=start, end=end, **kw)


def nom(id: str, seat: str, orgs, candidates, *, round: date = D(2026, 4, 1), seats: int = 1, **kw) -> NominationFact:
    return NominationFact(id, seat, round, tuple(orgs), seats, tuple(candidates), **kw)


def board(id: str = "b", name: str = "Board", *, term: TermPattern = KKR, legal_basis: str = "Vedtægter", **kw) -> BoardFact:
    return BoardFact(id, name, "nordjylland", legal_basis, term, **kw)


def snap(*history: Holding, on: date = D(2022, 6, 1), compositions=(), b: BoardFact | None = None, **kw) -> BoardSnapshot:
    if isinstance(compositions, CompositionRule):
        compositions = (compositions,)
    kw.setdefault("owner_orgs", frozenset({"kkr-nordjylland"}))
    kw.setdefault("kkr_municipalities", frozenset({"aalborg", "jammerbugt", "rebild", "frederikshavn", "hjorring", "thisted"}))
    return BoardSnapshot(board=b or board(), on=on, compositions=tuple(compositions), history=tuple(history), **kw)


def alloc(seat: str, group: str, name: str, start: date = D(2022, 4, 1), end: date | None = D(2026, 3, 31)) -> AllocationFact:
    return AllocationFact(f"al-{seat}-{group}", seat, group, name, start, end)


# --- worked boards -----------------------------------------------------------------------

ORG_NAMES = {
    "kkr-nordjylland": "KKR Nordjylland", "region-nordjylland": "Regionsrådet, Region Nordjylland",
    "erhvervsministeriet": "Erhvervsministeriet", "di": "DI", "dansk-erhverv": "Dansk Erhverv",
    "smvdanmark": "SMVdanmark", "tekniq": "Tekniq", "lf": "Landbrug & Fødevarer", "horesta": "HORESTA",
    "aau": "Aalborg Universitet", "fh": "Fagbevægelsens Hovedorganisation", "ac": "Akademikerne",
    "nord": "Foreningen [Nord]", "slash": "Org [/] med klammer",
}

BUSINESS = ("di", "dansk-erhverv", "smvdanmark", "tekniq", "lf", "horesta")


def erhvervshus_composition(**kw) -> CompositionRule:
    kw.setdefault("valid_from", D(2022, 4, 1))
    kw.setdefault("valid_to", D(2026, 3, 31))
    kw.setdefault("size", (11, 11))
    kw.setdefault("balance", ("dk-ligelig",))
    kw.setdefault("scopes", ("board", "controlled"))
    return comp(
        seat("chair", 1, "Formand", appointed_by="kkr-nordjylland", eligibility=("elected", "council-member-in-kkr")),
        seat("political", 3, "Kommunale politiske repræsentanter", appointed_by="kkr-nordjylland",
             eligibility=("council-member-in-kkr",)),
        seat("business", 4, "Virksomhedsrepræsentanter", appointed_by="kkr-nordjylland", nominated_by=BUSINESS,
             collective=(("international", 1),)),
        seat("knowledge", 1, "Videninstitution", appointed_by="kkr-nordjylland", nominated_by=("aau",)),
        seat("labour", 1, "Arbejdstagerorganisation", appointed_by="kkr-nordjylland", nominated_by=("fh", "ac"), joint=True),
        seat("region", 1, "Regionsrådet", appointed_by="region-nordjylland", eligibility=("regional-council-member",)),
        seat("observer", 1, "Observatør", appointed_by="erhvervsministeriet", voting=False),
        **kw)


def erhvervshus_2022(on: date = D(2022, 6, 1), **kw) -> BoardSnapshot:
    """Erhvervshus Nordjylland 2022–2026 (minutes 25-03-2022, point 3.1): 4 women, 7 men."""
    mayor = P("mogens-christen-gade", "man", "Mogens Christen Gade", municipality="jammerbugt",
              offices=(council("jammerbugt"), office("mayor", "jammerbugt")))
    people = dict(
        tkl=P("thomas-kastrup-larsen", "man", municipality="aalborg", offices=(council("aalborg"),)),
        ls=P("leon-sebbelin", "man", municipality="rebild", offices=(council("rebild"),)),
        pm=P("per-moller", "man", "Per Møller", municipality="frederikshavn", offices=(council("frederikshavn"),)),
        rf=P("richard-fynbo", "man", skills=("international",)),
        bd=P("birthe-dyrberg", "woman"), rg=P("rikke-gandrup", "woman"), hk=P("hanne-kvist", "woman"),
        ds=P("dorte-stigaard", "woman"), jg=P("jan-o-gregersen", "man"),
        md=P("mads-duedal", "man", offices=(office("regional-council-member", "region-nordjylland"),)),
        ob=P("observatoer", "man", "Observatør fra ministeriet"),
    )
    hist = (
        H("chair", mayor, id="eh-chair"),
        H("political", people["tkl"], id="eh-pol-1"),
        H("political", people["ls"], id="eh-pol-2"),
        H("political", people["pm"], id="eh-pol-3"),
        H("business", people["rf"], id="eh-bus-di", nominated_by=("di",)),
        H("business", people["bd"], id="eh-bus-de", nominated_by=("dansk-erhverv",)),
        H("business", people["rg"], id="eh-bus-ho", nominated_by=("horesta",)),
        H("business", people["hk"], id="eh-bus-lf", nominated_by=("lf",)),
        H("knowledge", people["ds"], id="eh-know", nominated_by=("aau",)),
        H("labour", people["jg"], id="eh-labour", nominated_by=("fh",)),
        H("region", people["md"], id="eh-region"),
        H("observer", people["ob"], id="eh-observer"),
    )
    kw.setdefault("org_names", ORG_NAMES)
    return snap(*hist, on=on, compositions=(erhvervshus_composition(),),
                b=board("erhvervshus-nordjylland", "Erhvervshus Nordjylland", legal_basis="Lov om erhvervsfremme § 13",
                        statutory=True), **kw)


def nt_2023() -> BoardSnapshot:
    """NT with one municipal member too many (lov om trafikselskaber § 2)."""
    def cm(muni):
        return (council(muni),)
    reg = (office("regional-council-member", "region-nordjylland"),)
    people = [("region", P("r1", "woman", offices=reg)), ("region", P("r2", "man", offices=reg)),
              ("aalborg", P("a1", "man", offices=cm("aalborg")))]
    for i, (sex, muni) in enumerate([("woman", "hjorring"), ("man", "hjorring"), ("woman", "thisted"),
                                     ("man", "thisted"), ("woman", "aalborg"), ("man", "aalborg"),
                                     ("woman", "hjorring")], start=1):
        people.append(("municipal", P(f"k{i}", sex, offices=cm(muni))))
    c = comp(seat("region", 2, "Regionsrådet", appointed_by="region-nordjylland", eligibility=("regional-council-member",), max_share=0.5),
             seat("aalborg", 1, "Største tilskudsyder", appointed_by="aalborg-kommune", eligibility=("council-member-of:aalborg",)),
             seat("municipal", 6, "Kommunale medlemmer", appointed_by="nt-repraesentantskab", eligibility=("council-member-in-kkr",)),
             valid_from=D(2022, 1, 1), size=(9, 9), odd=True)
    hist = [H(s, p, D(2022, 1, 1), D(2025, 12, 31), id=f"nt-{p.id}") for s, p in people]
    return snap(*hist, on=D(2023, 1, 1), compositions=c,
                b=board("nt", "Nordjyllands Trafikselskab", term=MUNICIPAL, legal_basis="Lov om trafikselskaber § 2",
                        statutory=True, decision_making=True),
                kkr_municipalities=frozenset({"aalborg", "hjorring", "thisted"}), owner_orgs=frozenset())


def raad_nominations() -> BoardSnapshot:
    """One nomination per § 10 a case, round 2026-04-01, checked 2026-03-01."""
    orgs = tuple(f"org-{c}" for c in "abcdefg")
    c = comp(seat("members", 9, "Medlemmer", appointed_by="kkr-nordjylland", nominated_by=orgs),
             valid_from=D(2026, 4, 1), size=(9, 9))
    w = {i: P(f"w{i}", "woman") for i in (1, 4, 5, 6, 7)}
    m = {i: P(f"m{i}", "man") for i in (1, 2, 3, 5, 7, 8)}
    noms = (
        nom("n-ok", "members", ["org-a"], [w[1], m[1]]),
        nom("n-men-only", "members", ["org-b"], [m[2]]),
        nom("n-pending", "members", ["org-c"], [m[3]], reasons="Ingen interesserede kvalificerede kvindelige kandidater"),
        nom("n-accepted", "members", ["org-d"], [w[4]], reasons="Posten er knyttet til formandsposten", reasons_accepted="yes"),
        nom("n-unequal", "members", ["org-e"], [w[5], w[6], m[5]], seats=2),
        nom("n-two-ok", "members", ["org-f"], [w[7], m[7]], seats=2),
        nom("n-rejected", "members", ["org-g"], [m[8]], reasons="Vi har ikke spurgt", reasons_accepted="no"),
    )
    names = {o: f"Organisation {o[-1].upper()}" for o in orgs}
    names["org-b"] = "Foreningen [Nord]"
    return snap(on=D(2026, 3, 1), compositions=c, b=board("raad", "Erhvervsrådet [/]"), nominations=noms, org_names=names)
