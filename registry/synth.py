"""Synthetic national registries for scale tests and benchmarks (``udpeg synth``).

:func:`generate` writes a ``udpeg/1`` dataset of realistic shape: the five KKRs and the 98
municipalities, organisations of every kind, council groups per KKR and period, people who hold
council offices that begin and end with election periods (and sometimes end early), boards of
the kinds KKR appoints to (Erhvervshus-like, NT-like, institution boards with deputies,
single-seat bodies, holdover boards, boards with term limits, committees with fixed terms),
appointments per period (some ended early, some replaced), nominations per round, and a
violation of every rule of the catalogue (domain.md §6) somewhere — the first boards carry one
planted flaw each (:data:`FLAWS`), later ones carry flaws now and then.

Output is streamed: the small record kinds and the people are written first, then each board is
generated and written in turn while its appointments, allocations and nominations are spooled to
temporary files and appended at the end, so memory does not grow with the number of boards. The
same seed gives the same bytes. The data is judged as of :data:`AS_OF` (the current periods run
past it), so the planted flaws show with ``udpeg check --on 2026-11-01``.
"""

from __future__ import annotations

import json
import random
import re
import shutil
import tempfile
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import IO, Any, Callable, Iterator

from registry.terms import TermPattern, period_containing

__all__ = ["AS_OF", "FLAWS", "KKRS", "MUNICIPALITIES", "generate", "ascii_id"]

#: the date the synthetic registry is "as of": current periods run past it, planted flaws show on it
AS_OF = date(2026, 11, 1)

KKRS = ("nordjylland", "midtjylland", "syddanmark", "sjaelland", "hovedstaden")
KKR_NAMES = {"nordjylland": "Nordjylland", "midtjylland": "Midtjylland", "syddanmark": "Syddanmark",
             "sjaelland": "Sjælland", "hovedstaden": "Hovedstaden"}

#: the 98 municipalities by KKR (the KKR follows the region)
MUNICIPALITIES: dict[str, tuple[str, ...]] = {
    "nordjylland": ("Aalborg", "Brønderslev", "Frederikshavn", "Hjørring", "Jammerbugt", "Læsø",
                    "Mariagerfjord", "Morsø", "Rebild", "Thisted", "Vesthimmerland"),
    "midtjylland": ("Aarhus", "Favrskov", "Hedensted", "Herning", "Holstebro", "Horsens", "Ikast-Brande",
                    "Lemvig", "Norddjurs", "Odder", "Randers", "Ringkøbing-Skjern", "Samsø", "Silkeborg",
                    "Skanderborg", "Skive", "Struer", "Syddjurs", "Viborg"),
    "syddanmark": ("Aabenraa", "Assens", "Billund", "Esbjerg", "Fanø", "Fredericia", "Faaborg-Midtfyn",
                   "Haderslev", "Kerteminde", "Kolding", "Langeland", "Middelfart", "Nordfyns", "Nyborg",
                   "Odense", "Svendborg", "Sønderborg", "Tønder", "Varde", "Vejen", "Vejle", "Ærø"),
    "sjaelland": ("Faxe", "Greve", "Guldborgsund", "Holbæk", "Kalundborg", "Køge", "Lejre", "Lolland",
                  "Næstved", "Odsherred", "Ringsted", "Roskilde", "Slagelse", "Solrød", "Sorø", "Stevns",
                  "Vordingborg"),
    "hovedstaden": ("Albertslund", "Allerød", "Ballerup", "Bornholm", "Brøndby", "Dragør", "Egedal",
                    "Fredensborg", "Frederiksberg", "Frederikssund", "Furesø", "Gentofte", "Gladsaxe",
                    "Glostrup", "Gribskov", "Halsnæs", "Helsingør", "Herlev", "Hillerød", "Hvidovre",
                    "Høje-Taastrup", "Hørsholm", "Ishøj", "København", "Lyngby-Taarbæk", "Rudersdal",
                    "Rødovre", "Tårnby", "Vallensbæk"),
}

WOMEN = ("Anne", "Mette", "Kirsten", "Hanne", "Helle", "Susanne", "Lene", "Maria", "Marianne", "Camilla",
         "Louise", "Charlotte", "Pia", "Tina", "Birgitte", "Rikke", "Line", "Karen", "Ida", "Sofie",
         "Julie", "Lotte", "Trine", "Signe", "Malene", "Inge", "Dorthe", "Bente", "Jette", "Astrid")
MEN = ("Peter", "Jens", "Michael", "Lars", "Henrik", "Thomas", "Søren", "Niels", "Jan", "Morten",
       "Rasmus", "Anders", "Martin", "Jesper", "Christian", "Mads", "Poul", "Frederik", "Kasper", "Ole",
       "Hans", "Bo", "Kim", "Mogens", "Torben", "Steen", "Jakob", "Erik", "Carsten", "Mikkel")
SURNAMES = ("Nielsen", "Jensen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen",
            "Rasmussen", "Jørgensen", "Petersen", "Madsen", "Kristensen", "Olsen", "Thomsen", "Christiansen",
            "Poulsen", "Johansen", "Møller", "Mortensen", "Knudsen", "Jakobsen", "Mikkelsen", "Østergaard",
            "Lund", "Holm", "Frandsen", "Bach", "Kjær", "Dahl", "Skov", "Vestergaard", "Fynbo", "Gade")
BLUE = ("V", "C", "O", "I", "D", "Æ")
RED = ("A", "F", "Ø", "B", "Å")

BUSINESS = (("di", "DI – Dansk Industri"), ("dansk-erhverv", "Dansk Erhverv"), ("smvdanmark", "SMVdanmark"),
            ("tekniq", "TEKNIQ Arbejdsgiverne"), ("lf", "Landbrug & Fødevarer"), ("horesta", "HORESTA"),
            ("finans-danmark", "Finans Danmark"))
LABOUR = (("fh", "Fagbevægelsens Hovedorganisation"), ("ac", "Akademikerne"), ("krifa", "Krifa"))
KNOWLEDGE = (("aau", "Aalborg Universitet"), ("au", "Aarhus Universitet"), ("sdu", "Syddansk Universitet"),
             ("ku", "Københavns Universitet"), ("ruc", "Roskilde Universitet"), ("dtu", "Danmarks Tekniske Universitet"),
             ("ucn", "Professionshøjskolen UCN"), ("via", "VIA University College"))
MINISTRIES = (("erhvervsministeriet", "Erhvervsministeriet"), ("transportministeriet", "Transportministeriet"),
              ("social-og-boligministeriet", "Social- og Boligministeriet"),
              ("undervisningsministeriet", "Børne- og Undervisningsministeriet"))
OTHERS = (("kl", "KL – Kommunernes Landsforening"), ("dh", "Danske Handicaporganisationer"),
          ("aeldresagen", "Ældre Sagen"), ("dgi", "DGI"))
REGION_IDS = {k: f"region-{k}" for k in KKRS}
SKILLS = ("international", "finance", "education", "health", "tourism", "green-transition")

#: planted violations, one per rule of the catalogue; board i < len(FLAWS) carries FLAWS[i]
FLAWS = ("seat-overfilled", "board-size", "board-size-odd", "seat-share", "eligibility", "eligibility-lapsed",
         "nominator-not-entitled", "joint-nomination", "nomination-missing", "nomination-both-sexes",
         "gender-balance", "gender-undetermined", "gender-unattainable", "collective-skill", "spread",
         "term-invalid", "term-overlap", "term-ending", "holdover", "term-limit", "deputy-missing",
         "plurality", "date-implausible", "seat-vacant", "term-pattern", "holder-not-recorded")

#: board kinds and how often each comes up after the planted ones
KIND_WEIGHTS = (("single", 34), ("municipal", 22), ("institution", 14), ("holdover", 8), ("limited", 8),
                ("committee", 8), ("erhvervshus", 3), ("nt", 3))
#: the board kind that carries each flaw
FLAW_KIND = {"seat-overfilled": "municipal", "board-size": "nt", "board-size-odd": "nt", "seat-share": "nt",
             "eligibility": "single", "eligibility-lapsed": "single", "nominator-not-entitled": "erhvervshus",
             "joint-nomination": "erhvervshus", "nomination-missing": "erhvervshus",
             "nomination-both-sexes": "institution", "gender-balance": "committee",
             "gender-undetermined": "committee", "gender-unattainable": "committee",
             "collective-skill": "erhvervshus", "spread": "erhvervshus", "term-invalid": "institution",
             "term-overlap": "municipal", "term-ending": "holdover", "holdover": "holdover",
             "term-limit": "limited", "deputy-missing": "institution", "plurality": "single",
             "date-implausible": "institution", "seat-vacant": "single", "term-pattern": "municipal",
             "holder-not-recorded": "nt"}


def ascii_id(text: str) -> str:
    """An id from a Danish name: ``Høje-Taastrup`` → ``hoje-taastrup``, ``Ærø`` → ``aero``."""
    t = text.lower().replace("æ", "ae").replace("ø", "o").replace("å", "aa")
    t = unicodedata.normalize("NFKD", t).encode("ascii", "ignore").decode()
    out = "".join(c if c.isalnum() else "-" for c in t)
    while "--" in out:
        out = out.replace("--", "-")
    return out.strip("-")


# --- output ------------------------------------------------------------------------------------


def _json_default(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


_TOML_HEADER = re.compile(r"(?m)^(\[\[?)(?=[A-Za-z_])")


class _Writer:
    """Writes records kind by kind; kinds written later are spooled to temporary files."""

    SPOOLED = ("appointments", "allocations", "nominations")

    def __init__(self, out: IO[str], fmt: str):
        self.out, self.fmt = out, fmt
        self.spools = {k: tempfile.TemporaryFile("w+", encoding="utf-8") for k in self.SPOOLED}
        self.counts: dict[str, int] = {}
        self._open_kind: str | None = None

    def _encode(self, kind: str, rec: dict) -> str:
        if self.fmt == "json":
            return json.dumps(rec, ensure_ascii=False, default=_json_default, separators=(",", ":"))
        import tomli_w

        # an array-of-tables entry: the record's own key/values, then its subtables under ``kind.``
        body = _TOML_HEADER.sub(lambda m: m.group(1) + kind + ".", tomli_w.dumps(rec))
        return f"[[{kind}]]\n{body}\n"

    def start(self, registry: dict) -> None:
        if self.fmt == "json":
            self.out.write('{"format":"udpeg/1",\n"registry":' + json.dumps(registry, ensure_ascii=False))
        else:
            import tomli_w

            self.out.write('format = "udpeg/1"\n\n' + tomli_w.dumps({"registry": registry}) + "\n")

    def _to(self, kind: str, text: str, dest: IO[str]) -> None:
        n = self.counts.get(kind, 0)
        if self.fmt == "json":
            dest.write((",\n" if n else "") + text)
        else:
            dest.write(text)
        self.counts[kind] = n + 1

    def add(self, kind: str, rec: dict) -> None:
        text = self._encode(kind, rec)
        if kind in self.spools:
            self._to(kind, text, self.spools[kind])
            return
        if kind != self._open_kind:
            self._close_kind()
            if self.fmt == "json":
                self.out.write(f',\n"{kind}":[\n')
            self._open_kind = kind
        self._to(kind, text, self.out)

    def _close_kind(self) -> None:
        if self._open_kind is not None and self.fmt == "json":
            self.out.write("\n]")
        self._open_kind = None

    def finish(self) -> None:
        self._close_kind()
        for kind, spool in self.spools.items():
            if not self.counts.get(kind):
                continue
            spool.seek(0)
            if self.fmt == "json":
                self.out.write(f',\n"{kind}":[\n')
            shutil.copyfileobj(spool, self.out)
            if self.fmt == "json":
                self.out.write("\n]")
        if self.fmt == "json":
            self.out.write("}\n")
        for spool in self.spools.values():
            spool.close()


# --- the world: places, organisations, people ---------------------------------------------------


@dataclass
class _Person:
    id: str
    name: str
    sex: str
    party: str | None
    municipality: str
    kkr: str
    skills: list[str] = field(default_factory=list)
    offices: list[dict] = field(default_factory=list)

    def record(self) -> dict:
        r = {"id": self.id, "name": self.name, "sex": self.sex, "municipality": self.municipality}
        if self.party:
            r["party"] = self.party
        if self.skills:
            r["skills"] = self.skills
        if self.offices:
            r["offices"] = self.offices
        return r


class _World:
    """Everything a board draws from: municipalities, organisations, periods and people pools."""

    def __init__(self, rng: random.Random, boards: int, years: int):
        self.rng = rng
        self.munis: dict[str, list[tuple[str, str]]] = {
            k: [(ascii_id(n), n) for n in names] for k, names in MUNICIPALITIES.items()}
        self.muni_kkr = {mid: k for k, ms in self.munis.items() for mid, _n in ms}
        n_periods = max(1, -(-years // 4))
        self.kkr_periods = [period_containing(TermPattern("kkr"), date(2026 - 4 * i, 6, 1)) for i in reversed(range(n_periods))]
        self.mun_periods = [period_containing(TermPattern("municipal"), date(2026 - 4 * i, 6, 1)) for i in reversed(range(n_periods))]
        self.window_start = self.mun_periods[0].start
        self.people: dict[str, _Person] = {}
        self._n = 0
        # councillors[muni][period index] → ids; regional[kkr][pi]; externals[kkr]
        self.councillors: dict[str, list[list[str]]] = {}
        self.in_office: dict[str, list[set[str]]] = {}
        self.mayors: dict[str, list[str]] = {}
        self.regional: dict[str, list[list[str]]] = {}
        self.externals: dict[str, list[str]] = {}
        self.ext_by_sex: dict[tuple[str, str], list[str]] = {}
        self.lapsed: dict[str, str] = {}         # kkr → a councillor who left council in 2026
        per_muni = max(9, min(31, boards * 6 // 980))
        self._councils(per_muni)
        self._externals(max(60, boards * 7 // 10))

    def mun_index(self, d: date) -> int:
        """Index of the municipal (council) period containing ``d``, clamped to the window."""
        for i, p in enumerate(self.mun_periods):
            if p.start <= d <= p.end:
                return i
        return 0 if d < self.window_start else len(self.mun_periods) - 1

    def _person(self, kkr: str, muni: str, sex: str | None = None, party: str | None = None) -> _Person:
        rng = self.rng
        if sex is None:
            x = rng.random()
            sex = "undisclosed" if x < 0.04 else "woman" if x < 0.49 else "man"
        first = rng.choice(WOMEN if sex == "woman" else MEN if sex == "man" else rng.choice((WOMEN, MEN)))
        last = rng.choice(SURNAMES)
        self._n += 1
        name = f"{first} {last}"
        p = _Person(f"{ascii_id(name)}-{self._n}", name, sex, party, muni, kkr)
        if rng.random() < 0.3:
            p.skills = sorted(rng.sample(SKILLS, rng.randint(1, 2)))
        self.people[p.id] = p
        return p

    def _councils(self, per_muni: int) -> None:
        rng = self.rng
        last = len(self.mun_periods) - 1
        for kkr, ms in self.munis.items():
            self.regional[kkr] = []
            for mid, _name in ms:
                rosters: list[list[str]] = []
                mayors: list[str] = []
                prev: list[str] = []
                for pi, period in enumerate(self.mun_periods):
                    kept = [pid for pid in prev if rng.random() < 0.65]
                    while len(kept) < per_muni:
                        party = rng.choice(BLUE + RED)
                        kept.append(self._person(kkr, mid, party=party).id)
                    for pid in kept:
                        self._hold(self.people[pid], "council-member", mid, period.start, period.end)
                    mayor = rng.choice(kept)
                    self.people[mayor].offices.append({"office": "mayor", "body": mid, "start": period.start, "end": period.end})
                    mayors.append(mayor)
                    rosters.append(kept)
                    prev = kept
                self.councillors[mid] = rosters
                self.mayors[mid] = mayors
                self.in_office[mid] = [set(r) for r in rosters]
                # a few leave the council early (during the current period: eligibility lapses)
                for pid in rosters[last]:
                    if rng.random() < 0.02 and pid != mayors[last]:
                        self._end_early(self.people[pid], mid, date(2026, rng.randint(3, 9), 28))
            for pi, period in enumerate(self.mun_periods):
                members = []
                for _ in range(8):
                    p = self._person(kkr, rng.choice(ms)[0], party=rng.choice(BLUE + RED))
                    p.offices.append({"office": "regional-council-member", "body": REGION_IDS[kkr],
                                      "start": period.start, "end": period.end})
                    members.append(p.id)
                self.regional[kkr].append(members)
            # the planted lapse: a councillor of the current period who left council on 31 August 2026
            lapser = self._person(kkr, ms[0][0], sex="woman", party="A")
            lapser.offices.append({"office": "council-member", "body": ms[0][0], "start": self.mun_periods[last].start,
                                   "end": date(2026, 8, 31)})
            self.lapsed[kkr] = lapser.id

    def _hold(self, p: _Person, office: str, body: str, start: date, end: date) -> None:
        """Add an office, extending the last one when the terms follow on (a re-election)."""
        for o in reversed(p.offices):
            if o["office"] == office and o["body"] == body and o["end"] == start - timedelta(days=1):
                o["end"] = end
                return
        p.offices.append({"office": office, "body": body, "start": start, "end": end})

    def _end_early(self, p: _Person, body: str, on: date) -> None:
        for o in p.offices:
            if o["office"] == "council-member" and o["body"] == body and o["start"] <= on <= o["end"]:
                o["end"] = on
        last = len(self.mun_periods) - 1
        self.in_office[body][last].discard(p.id)

    def _externals(self, n: int) -> None:
        rng = self.rng
        kkrs = list(KKRS)
        for k in kkrs:
            self.externals[k] = []
        for i in range(n):
            kkr = kkrs[i % 5]
            sex = ("woman", "man", "undisclosed")[i // 5 % 3] if i < 45 else None   # every sex in every KKR
            p = self._person(kkr, rng.choice(self.munis[kkr])[0], sex=sex)
            self.externals[kkr].append(p.id)
            self.ext_by_sex.setdefault((kkr, p.sex), []).append(p.id)

    # -- drawing people ----------------------------------------------------------------------

    def councillor(self, kkr: str, start: date, muni: str | None = None, exclude: set[str] = frozenset()) -> str:
        pi = self.mun_index(start)
        for _ in range(20):
            mid = muni or self.rng.choice(self.munis[kkr])[0]
            pid = self.rng.choice(self.councillors[mid][pi])
            if pid not in exclude:
                return pid
        return pid

    def regional_member(self, kkr: str, start: date, exclude: set[str] = frozenset()) -> str:
        pool = self.regional[kkr][self.mun_index(start)]
        free = [p for p in pool if p not in exclude]
        return self.rng.choice(free or pool)

    def external(self, kkr: str, exclude: set[str] = frozenset(), sex: str | None = None) -> str:
        pool = self.ext_by_sex.get((kkr, sex), []) if sex else self.externals[kkr]
        for _ in range(20):
            pid = self.rng.choice(pool)
            if pid not in exclude:
                return pid
        return pid

    def eligible(self, pid: str, seat: dict, kkr: str, start: date) -> bool:
        """Whether a previous holder can simply be reappointed from ``start``."""
        pi = self.mun_index(start)
        preds = seat.get("eligibility", [])
        p = self.people[pid]
        for pred in preds:
            if pred.startswith("council-member-of:"):
                if pid not in self.in_office[pred.split(":", 1)[1]][pi]:
                    return False
            elif pred in ("council-member-in-kkr", "elected"):
                if p.municipality not in self.muni_kkr or self.muni_kkr[p.municipality] != kkr \
                        or pid not in self.in_office[p.municipality][pi]:
                    return False
            elif pred == "regional-council-member":
                if pid not in self.regional[kkr][pi]:
                    return False
        return True


# --- boards ------------------------------------------------------------------------------------


def _seat(id: str, name: str, count: int, appointed_by: str, **kw: Any) -> dict:
    return {"id": id, "name": name, "count": count, "appointed_by": appointed_by, **kw}


class _BoardMaker:
    """Builds one board with its whole history, in memory, then hands the records to the writer."""

    def __init__(self, w: _World, out: _Writer):
        self.w, self.out, self.rng = w, out, w.rng
        self.n_app = 0
        self.meetings: set[str] = set()
        self.council_groups: dict[tuple[str, int], list[dict]] = {}

    # -- board shapes -------------------------------------------------------------------------

    def shape(self, i: int, kind: str, kkr: str, flaw: str | None) -> dict:
        rng, w = self.rng, self.w
        kkr_org = f"kkr-{kkr}"
        kname = KKR_NAMES[kkr]
        muni_id, muni_name = rng.choice(w.munis[kkr])
        b: dict[str, Any] = {"kkr": kkr, "_kind": kind, "_muni": muni_id}
        comp: dict[str, Any] = {"valid_from": w.window_start}
        if kind == "single":
            name = rng.choice(("Repræsentantskab", "Styregruppe", "Følgegruppe", "Råd", "Forum", "Partnerskab"))
            b.update(name=f"{name} for {rng.choice(('Sundhed', 'Beskæftigelse', 'Klima', 'Turisme', 'Uddannelse', 'Trafik', 'Kultur'))} {kname} {i}",
                     legal_basis="Aftale mellem KL og samarbejdsparten; udpeget af KKR", term="kkr")
            comp["seats"] = [_seat("kkr", f"Repræsentant udpeget af KKR {kname}", 1, kkr_org,
                                   eligibility=["council-member-in-kkr"])]
            comp["valid_from"] = w.kkr_periods[0].start
        elif kind == "municipal":
            n = rng.randint(2, 5)
            b.update(name=f"{muni_name} Kommunes {rng.choice(('Handicapråd', 'Ældreråd', 'Integrationsråd', 'Folkeoplysningsudvalg', 'Erhvervsråd'))} {i}",
                     legal_basis="Kommunalbestyrelsens beslutning; lov om social service § 37 a", term="municipal")
            comp["seats"] = [
                _seat("political", "Kommunalbestyrelsens medlemmer", n, f"kommune-{muni_id}",
                      eligibility=[f"council-member-of:{muni_id}"], deputies="optional"),
                _seat("users", "Brugerrepræsentanter", rng.randint(1, 3), f"kommune-{muni_id}", nominated_by=["dh", "aeldresagen"]),
            ]
        elif kind == "institution":
            b.update(name=f"{rng.choice(('Center for', 'Institut for', 'Skolen for', 'Videnscenter for'))} {rng.choice(('Døvblindhed', 'Syn og Hørelse', 'Autisme', 'Hjerneskade', 'Specialpædagogik'))} {kname} {i} – bestyrelse",
                     legal_basis="Institutionens vedtægter; lov om social service § 4", term="municipal", statutory=True)
            comp["seats"] = [
                _seat("kkr", f"Medlemmer udpeget af KKR {kname}", 2, kkr_org, eligibility=["council-member-in-kkr"], deputies="required"),
                _seat("users", "Brugerorganisationer", 2, "social-og-boligministeriet", nominated_by=["dh"]),
                _seat("staff", "Medarbejderrepræsentant", 1, "social-og-boligministeriet", voting=False),
            ]
        elif kind == "holdover":
            b.update(name=f"Fonden {rng.choice(('Fjordhuset', 'Naturcenter', 'Kulturhavn', 'Friluftsrådet', 'Skovhuset'))} {muni_name} {i}",
                     legal_basis="Fondens fundats § 5", term="custom", holdover=True)
            comp["seats"] = [_seat("kkr", "Medlemmer udpeget af KKR", rng.randint(1, 3), kkr_org, eligibility=["elected"]),
                             _seat("local", "Lokale medlemmer", rng.randint(1, 2), f"kommune-{muni_id}")]
        elif kind == "limited":
            b.update(name=f"{rng.choice(('Vækstfonden', 'Innovationsrådet', 'Klimarådet', 'Turismerådet'))} {kname} {i}",
                     legal_basis="Lov om erhvervsfremme § 10 (genudpegning én gang)", term="municipal",
                     max_consecutive_terms=1 if flaw == "term-limit" else 2, decision_making=True, statutory=True)
            comp["seats"] = [_seat("kkr", f"Kommunalt medlem for KKR {kname}", rng.randint(1, 3), kkr_org,
                                   eligibility=["elected"])]
        elif kind == "committee":
            anchor = date(2006 + rng.randint(0, 4), rng.choice((1, 7)), 1)
            b.update(name=f"Udvalg for {rng.choice(('Ligestilling', 'Digitalisering', 'Sundhedsinnovation', 'Bosætning'))} {kname} {i}",
                     legal_basis="Forretningsorden for udvalget", term="years:3", term_anchor=anchor)
            comp["balance"] = [rng.choice(("parity", "eu-40", "kkr-40", "dk-ligelig"))]
            comp["seats"] = [_seat("members", "Medlemmer", rng.randint(3, 6), kkr_org)]
        elif kind == "erhvervshus":
            b.update(name=f"Erhvervshus {kname} {i}", legal_basis="Lov om erhvervsfremme § 13", term="kkr", statutory=True)
            seats = [
                _seat("chair", "Formand", 1, kkr_org, eligibility=["elected", "council-member-in-kkr"]),
                _seat("municipal", "Kommunale repræsentanter", 4, kkr_org, eligibility=["council-member-in-kkr"], spread=3),
                _seat("business", "Virksomhedsrepræsentanter", 3, kkr_org, nominated_by=[o for o, _n in BUSINESS[:6]],
                      collective=[{"skill": "international", "min": 1}]),
                _seat("knowledge", "Videninstitution", 1, kkr_org, nominated_by=[o for o, _n in KNOWLEDGE]),
                _seat("labour", "Arbejdstagerrepræsentant", 1, kkr_org, nominated_by=["fh", "ac"], joint=True),
                _seat("observer", "Observatør", 1, "erhvervsministeriet", voting=False),
            ]
            # from 2026 Finans Danmark is an entitled nominator too: a new composition
            first = {"valid_from": w.kkr_periods[0].start, "valid_to": date(2026, 3, 31),
                     "size": {"min": 11, "max": 11}, "balance_scopes": ["board", "controlled"], "seats": seats}
            later_seats = [dict(s) for s in seats]
            later_seats[2] = {**seats[2], "nominated_by": [o for o, _n in BUSINESS]}
            second = {"valid_from": date(2026, 4, 1), "size": {"min": 11, "max": 11},
                      "balance_scopes": ["board", "controlled"], "seats": later_seats}
            b["compositions"] = [first, second] if first["valid_from"] < second["valid_from"] else [second]
        elif kind == "nt":
            b.update(name=f"Trafikselskab {kname} {i}", legal_basis="Lov om trafikselskaber § 2", term="municipal",
                     statutory=True, decision_making=True)
            # 5 municipal + the largest contributor + 3 regional = 9; the planted flaws change the counts
            muni_n, region_n = {"board-size": (6, 3), "board-size-odd": (6, 3), "seat-share": (3, 5)}.get(flaw, (5, 3))
            size = {"min": 9, "max": 9} if flaw == "board-size" else {"min": 9, "max": 13, "odd": True}
            largest = w.munis[kkr][0][0]
            comp.update(size=size, seats=[
                _seat("municipal", "Kommunale medlemmer", muni_n, kkr_org, eligibility=["council-member-in-kkr"]),
                _seat("largest", "Den største bidragyder", 1, f"kommune-{largest}",
                      eligibility=[f"council-member-of:{largest}"]),
                _seat("region", "Regionsrådets medlemmer", region_n, REGION_IDS[kkr],
                      eligibility=["regional-council-member"], max_share=0.5),
            ])
        if flaw == "gender-unattainable":
            comp["balance"] = ["strict-40"]
            comp["seats"] = [_seat("members", "Medlemmer", 3, kkr_org)]
        if flaw == "gender-balance":
            comp["balance_severity"] = "error"
        if flaw == "gender-undetermined":
            comp["balance"] = ["dk-ligelig"]
            comp["seats"] = [_seat("members", "Medlemmer", 4, kkr_org)]
        if flaw == "plurality":   # one person on six single seats: more than the threshold of 5
            comp["seats"] = [_seat(f"s{k}", f"Plads {k}", 1, kkr_org) for k in range(1, 7)]
        if "compositions" not in b:
            comp["source"] = f"Syntetisk register, bestyrelse {i}"
            b["compositions"] = [comp]
        b["id"] = f"{ascii_id(b['name'])}"
        return b

    # -- periods ------------------------------------------------------------------------------

    def periods(self, b: dict, flaw: str | None) -> list[tuple[date, date]]:
        w, rng = self.w, self.rng
        term = b["term"]
        if term == "kkr":
            return [(p.start, p.end) for p in w.kkr_periods]
        if term == "municipal":
            return [(p.start, p.end) for p in w.mun_periods]
        if term.startswith("years:"):
            years = int(term.split(":")[1])
            pat = TermPattern("years", years, b["term_anchor"])
            out, d = [], w.window_start
            while d <= AS_OF:
                p = period_containing(pat, d)
                out.append((p.start, p.end))
                d = p.end + timedelta(days=1)
            return out
        # custom: spans of two to four years, the last running past AS_OF (or ending soon, for flaws)
        out, d = [], w.window_start + timedelta(days=rng.randint(0, 700))
        while True:
            end = date(d.year + rng.randint(2, 4), d.month, 1) - timedelta(days=1)
            if end >= AS_OF:
                forced = {"term-ending": date(2026, 12, 31), "holdover": date(2026, 6, 30)}.get(flaw or "")
                if forced:   # the last term ends just before or just after AS_OF, with no successor
                    end = forced
                    if d > forced - timedelta(days=365):
                        d = out.pop()[0] if out else date(forced.year - 2, forced.month, 1)
                out.append((d, end))
                return out
            out.append((d, end))
            d = end + timedelta(days=1)

    # -- people on seats ----------------------------------------------------------------------

    def pick(self, b: dict, seat: dict, start: date, taken: set[str]) -> str:
        w = self.w
        kkr = b["kkr"]
        preds = seat.get("eligibility", [])
        for pred in preds:
            if pred.startswith("council-member-of:"):
                return w.councillor(kkr, start, pred.split(":", 1)[1], taken)
        if "regional-council-member" in preds:
            return w.regional_member(kkr, start, taken)
        if preds:
            return w.councillor(kkr, start, None, taken)
        if seat["appointed_by"].startswith("kkr-") and self.rng.random() < 0.5:
            return w.councillor(kkr, start, None, taken)
        return w.external(kkr, taken)

    def app_id(self, b: dict) -> str:
        self.n_app += 1
        return f"a{self.n_app}"

    def group_for(self, kkr: str, start: date, pid: str) -> str | None:
        groups = self.council_groups.get((kkr, start.year))
        if not groups:
            return None
        party = self.w.people[pid].party
        if party is None:
            return None
        return groups[0]["id"] if party in BLUE else groups[1]["id"]

    # -- the board's history ------------------------------------------------------------------

    def build(self, i: int, kind: str, kkr: str, flaw: str | None) -> None:
        rng, w = self.rng, self.w
        b = self.shape(i, kind, kkr, flaw)
        spans = self.periods(b, flaw)
        apps: list[dict] = []
        noms: list[dict] = []
        allocs: list[dict] = []
        last_holder: dict[tuple[str, int], str] = {}
        comps = b["compositions"]
        for pi, (start, end) in enumerate(spans):
            current = pi == len(spans) - 1
            comp = next((c for c in reversed(comps) if c["valid_from"] <= start), comps[0])
            taken: set[str] = set()
            meeting = None
            if comp["seats"][0]["appointed_by"].startswith("kkr-"):
                meeting = self.meeting(kkr, start, create=False)
            for seat in comp["seats"]:
                members: list[dict] = []
                for place in range(seat["count"]):
                    if current and self.vacant(flaw, seat, place, kind):
                        if seat["appointed_by"].startswith("kkr-") and rng.random() < 0.5:
                            groups = self.council_groups.get((kkr, start.year))
                            if groups:
                                allocs.append({"id": f"alloc-{b['id']}-{seat['id']}-{place}", "board": b["id"],
                                               "seat": seat["id"], "council_group": rng.choice(groups)["id"],
                                               "start": start, "end": end})
                        continue
                    key = (seat["id"], place)
                    prev = last_holder.get(key)
                    keep = prev is not None and prev not in taken and (
                        (flaw == "term-limit" and place == 0)
                        or (rng.random() < 0.45 and w.eligible(prev, seat, kkr, start)))
                    pid = prev if keep else self.pick(b, seat, start, taken)
                    if flaw == "eligibility" and current:
                        pid = w.external(kkr, taken)
                    elif flaw == "eligibility-lapsed" and current:
                        pid = w.lapsed[kkr]
                    elif flaw == "collective-skill" and seat["id"] == "business":
                        pid = self.unskilled(kkr, taken)
                    elif flaw == "spread" and seat["id"] == "municipal" and current:
                        pid = w.councillor(kkr, start, w.munis[kkr][0][0], taken)
                    elif flaw == "gender-balance" and current:
                        pid = w.external(kkr, taken, sex="man")
                    elif flaw == "gender-undetermined" and current:
                        pid = w.external(kkr, taken, sex=("undisclosed", "undisclosed", "woman", "man")[place % 4])
                    elif flaw == "plurality" and current:
                        pid = self.plural_person(kkr, start)
                    taken.add(pid)
                    last_holder[key] = pid
                    a = {"id": self.app_id(b), "board": b["id"], "seat": seat["id"], "person": pid,
                         "start": start, "end": end}
                    self.nominate(b, comp, seat, a, start, flaw, noms, current)
                    if meeting and rng.random() < 0.4:
                        a["decision"] = {"meeting": meeting, "item": f"{rng.randint(1, 5)}.{rng.randint(1, 9)}",
                                         "case": f"SAG-{start.year}-{rng.randint(1, 99999):05d}"}
                    if seat["appointed_by"].startswith("kkr-") and seat.get("eligibility"):
                        g = self.group_for(kkr, start, pid)
                        if g:
                            a["council_group"] = g
                    members.append(a)
                    apps.append(a)
                    # ended early, and usually replaced
                    if rng.random() < 0.05 and (end - start).days > 60:
                        last = min(end, AS_OF) - timedelta(days=30)
                        if last > start + timedelta(days=30):
                            on = start + timedelta(days=rng.randint(30, (last - start).days))
                            a["ended"] = {"date": on, "reason": rng.choice(("resigned", "left-council", "deceased", "other"))}
                            if rng.random() < 0.8 or flaw == "term-pattern":
                                r_pid = self.pick(b, seat, on + timedelta(days=1), taken)
                                taken.add(r_pid)
                                r = {"id": self.app_id(b), "board": b["id"], "seat": seat["id"], "person": r_pid,
                                     "start": on + timedelta(days=1), "end": end}
                                apps.append(r)
                                self.copy_nomination(seat, a, r)
                                last_holder[key] = r_pid
                    elif flaw == "term-pattern" and current and place == 0:
                        on = date(2026, 6, 30)
                        a["ended"] = {"date": on, "reason": "resigned"}
                        r_pid = self.pick(b, seat, on + timedelta(days=1), taken)
                        taken.add(r_pid)
                        apps.append({"id": self.app_id(b), "board": b["id"], "seat": seat["id"], "person": r_pid,
                                     "start": on + timedelta(days=1), "end": end})
                self.deputies(b, seat, members, apps, taken, flaw, current)
                if current and flaw == "seat-overfilled" and seat["id"] == "users":
                    pid = self.pick(b, seat, start, taken)
                    apps.append({"id": self.app_id(b), "board": b["id"], "seat": seat["id"], "person": pid,
                                 "start": start, "end": end, "override_reason": "Syntetisk: en plads for meget"})
                if current and flaw == "term-overlap" and seat["id"] == "political" and members:
                    m0 = members[0]
                    apps.append({"id": self.app_id(b), "board": b["id"], "seat": seat["id"], "person": m0["person"],
                                 "start": start + timedelta(days=100), "end": end})
        # next round's nominations on a few boards (pending: nobody appointed yet)
        if spans and rng.random() < 0.3:
            comp = comps[-1]
            nxt = spans[-1][1] + timedelta(days=1)
            for seat in comp["seats"]:
                if seat.get("nominated_by") and b["term"] != "custom":
                    self.pending(b, seat, nxt, noms)
        self.out.add("boards", {k: v for k, v in b.items() if not k.startswith("_")})
        if flaw == "holder-not-recorded":
            not_recorded(apps, {s["id"] for s in comps[-1]["seats"] if s["appointed_by"].startswith("region-")})
        apps.sort(key=lambda a: a.get("role") == "deputy")
        for a in apps:
            self.out.add("appointments", a)
        for a in allocs:
            self.out.add("allocations", a)
        for n in noms:
            self.out.add("nominations", n)

    def vacant(self, flaw: str | None, seat: dict, place: int, kind: str) -> bool:
        if flaw in (None, "seat-vacant"):
            return flaw == "seat-vacant" or self.rng.random() < 0.04
        return False

    def unskilled(self, kkr: str, taken: set[str]) -> str:
        for _ in range(50):
            pid = self.w.external(kkr, taken)
            if "international" not in self.w.people[pid].skills:
                return pid
        return pid

    def plural_person(self, kkr: str, start: date) -> str:
        """The planted plurality: one councillor per KKR on every planted single-seat board."""
        mid = self.w.munis[kkr][0][0]
        return self.w.mayors[mid][self.w.mun_index(start)]

    def meeting(self, kkr: str, start: date, create: bool = True) -> str | None:
        """The KKR meeting a week before a period starts (made up front, before the boards)."""
        mid = f"kkr-{kkr}-{(start - timedelta(days=7)).isoformat()}"
        if create:
            self.meetings.add(mid)
        return mid if mid in self.meetings else None

    def deputies(self, b: dict, seat: dict, members: list[dict], apps: list[dict], taken: set[str],
                 flaw: str | None, current: bool) -> None:
        want = seat.get("deputies", "none")
        if want == "none":
            return
        for k, m in enumerate(members):
            if want == "optional" and self.rng.random() < 0.6:
                continue
            if want == "required" and (self.rng.random() < 0.05 or (flaw == "deputy-missing" and current and k == 0)):
                continue
            pid = self.pick(b, seat, m["start"], taken)
            taken.add(pid)
            d = {"id": self.app_id(b), "board": b["id"], "seat": seat["id"], "person": pid, "role": "deputy",
                 "deputy_for": m["id"], "start": m["start"], "end": m["end"]}
            if "ended" in m:
                d["ended"] = dict(m["ended"])
            if flaw == "term-invalid" and current and k == 0:
                d["end"] = m["end"] + timedelta(days=90)
            apps.append(d)

    def nominate(self, b: dict, comp: dict, seat: dict, a: dict, start: date, flaw: str | None,
                 noms: list[dict], current: bool) -> None:
        rng, w = self.rng, self.w
        entitled = seat.get("nominated_by") or []
        if not entitled:
            return
        if flaw == "nomination-missing" and current and seat["id"] == "business" and "_missing" not in b:
            b["_missing"] = True
            return
        if seat.get("joint"):
            orgs = list(entitled)
            if flaw == "joint-nomination" and current:
                orgs = entitled[:1]
        else:
            orgs = [rng.choice(entitled)]
        if flaw == "nominator-not-entitled" and current and seat["id"] == "knowledge":
            orgs = ["kl"]
        a["nominated_by"] = orgs
        if rng.random() < 0.15 and not current:
            return   # older rounds: the nomination itself is not always on file
        kkr = b["kkr"]
        me = w.people[a["person"]]
        other_sex = {"woman": "man", "man": "woman"}.get(me.sex, rng.choice(("woman", "man")))
        one_sex = rng.random() < 0.12 or (flaw == "nomination-both-sexes" and current)
        cands = [a["person"]]
        if not one_sex:
            cands.append(w.external(kkr, {a["person"]}, sex=other_sex))
        n = {"id": f"n-{a['id']}", "board": b["id"], "seat": seat["id"], "round": start, "organisations": orgs,
             "candidates": cands, "received": start - timedelta(days=45), "deadline": start - timedelta(days=30)}
        if one_sex and (rng.random() < 0.7 or flaw == "nomination-both-sexes"):
            n["reasons"] = "Særlige grunde: kun én kandidat med de rette kompetencer."
            n["reasons_accepted"] = rng.choice(("yes", "no", ""))
            if flaw == "nomination-both-sexes":
                n["reasons_accepted"] = "no"
        if flaw == "date-implausible" and current:
            n["deadline"] = date(start.year + 4, 2, 27)
        a["nomination"] = n["id"]
        noms.append(n)

    def copy_nomination(self, seat: dict, a: dict, r: dict) -> None:
        if "nominated_by" in a:
            r["nominated_by"] = a["nominated_by"]

    def pending(self, b: dict, seat: dict, round_: date, noms: list[dict]) -> None:
        rng, w = self.rng, self.w
        for k in range(min(seat["count"], 2)):
            orgs = list(seat["nominated_by"]) if seat.get("joint") else [rng.choice(seat["nominated_by"])]
            cands = [w.external(b["kkr"], sex="woman"), w.external(b["kkr"], sex="man")]
            if rng.random() < 0.2:
                cands = cands[1:]
            n = {"id": f"n-{b['id']}-{seat['id']}-{round_.isoformat()}-{k}", "board": b["id"], "seat": seat["id"],
                 "round": round_, "organisations": orgs, "candidates": cands, "received": round_ - timedelta(days=40),
                 "deadline": round_ - timedelta(days=30)}
            if len(cands) == 1:
                n["reasons"] = "Særlige grunde anført i indstillingen."
            noms.append(n)


# --- the whole registry ------------------------------------------------------------------------


def not_recorded(apps: list[dict], seats: set[str]) -> None:
    """The planted holder-not-recorded: the current members of another body's seats are filled,
    but the KKR was not told who holds them (dataset ``holder = "not-recorded"``)."""
    deputised = {a.get("deputy_for") for a in apps}
    for a in apps:
        if (a["seat"] in seats and a.get("role", "member") == "member" and a["end"] >= AS_OF
                and a["id"] not in deputised and "ended" not in a):
            del a["person"]
            a["holder"] = "not-recorded"
            a.pop("council_group", None)


def _kinds(rng: random.Random, n: int) -> Iterator[tuple[str, str | None]]:
    """Board kinds: the planted flaws first, then a weighted mix with a flaw now and then."""
    names = [k for k, _w in KIND_WEIGHTS]
    weights = [wt for _k, wt in KIND_WEIGHTS]
    for i in range(n):
        if i < len(FLAWS):
            yield FLAW_KIND[FLAWS[i]], FLAWS[i]
            continue
        kind = rng.choices(names, weights)[0]
        flaw = None
        if rng.random() < 0.02:
            fl = [f for f in FLAWS if FLAW_KIND[f] == kind]
            flaw = rng.choice(fl) if fl else None
        yield kind, flaw


def generate(out: IO[str], boards: int, years: int = 20, seed: int = 1, fmt: str = "json",
             progress: Callable[[int, int], None] | None = None) -> dict[str, int]:
    """Write a synthetic registry with ``boards`` boards over ``years`` years to ``out``.

    ``fmt`` is ``json`` or ``toml``. Returns the number of records written by kind.
    """
    if boards < 1:
        raise ValueError("boards must be at least 1")
    if years < 1:
        raise ValueError("years must be at least 1")
    rng = random.Random(seed)
    w = _World(rng, boards, years)
    wr = _Writer(out, fmt)
    wr.start({"name": f"Synthetic national registry ({boards} boards, seed {seed})", "kkr": "nordjylland",
              "plurality_threshold": 5, "term_warning_days": 90})
    for kkr, ms in w.munis.items():
        for mid, name in ms:
            wr.add("municipalities", {"id": mid, "name": "Bornholms Regionskommune" if mid == "bornholm" else f"{name} Kommune", "kkr": kkr})
    orgs: list[dict] = []
    for kkr in KKRS:
        orgs.append({"id": f"kkr-{kkr}", "name": f"KKR {KKR_NAMES[kkr]}", "kind": "kkr", "kkr": kkr})
        orgs.append({"id": REGION_IDS[kkr], "name": f"Region {KKR_NAMES[kkr]}", "kind": "region"})
        orgs.append({"id": f"blaa-gruppe-{kkr}", "name": f"Blå gruppe i KKR {KKR_NAMES[kkr]}", "kind": "council-group"})
        for mid, name in w.munis[kkr]:
            orgs.append({"id": f"kommune-{mid}", "name": f"{name} Kommune", "kind": "municipality"})
    for kind, items in (("business", BUSINESS), ("labour", LABOUR), ("knowledge", KNOWLEDGE),
                        ("ministry", MINISTRIES), ("other", OTHERS)):
        orgs += [{"id": oid, "name": name, "kind": kind} for oid, name in items]
    for o in orgs:
        wr.add("organisations", o)
    maker = _BoardMaker(w, wr)
    for kkr in KKRS:
        size = 2 * len(w.munis[kkr])
        for p in w.kkr_periods:
            blue = size // 2 + (1 if kkr in ("syddanmark", "sjaelland") else -1)
            groups = [{"id": f"blaa-{kkr}-{p.start.year}", "name": "Blå gruppe", "kkr": kkr, "period_start": p.start,
                       "period_end": p.end, "parties": list(BLUE), "members": blue},
                      {"id": f"roed-{kkr}-{p.start.year}", "name": "Rød gruppe", "kkr": kkr, "period_start": p.start,
                       "period_end": p.end, "parties": list(RED), "members": size - blue}]
            maker.council_groups[(kkr, p.start.year)] = groups
            for g in groups:
                wr.add("council_groups", g)
    for pid in sorted(w.people, key=lambda x: int(x.rsplit("-", 1)[1])):
        wr.add("people", w.people[pid].record())
    for kkr in KKRS:   # the KKR meetings that decide appointments at each period start
        for p in w.kkr_periods + w.mun_periods:
            maker.meeting(kkr, p.start)
    for mid in sorted(maker.meetings):
        kkr = mid.split("-")[1]
        wr.add("meetings", {"id": mid, "body": f"kkr-{kkr}", "date": date.fromisoformat(mid[-10:]),
                            "place": w.munis[kkr][0][1]})
    wr.add("rulesets", {"id": "kkr-40", "name": "40 % af hvert køn", "share": 0.4, "cap_half": True})
    kkr_weights = [len(w.munis[k]) for k in KKRS]
    for i, (kind, flaw) in enumerate(_kinds(rng, boards)):
        kkr = KKRS[i % 5] if i < len(FLAWS) else rng.choices(KKRS, kkr_weights)[0]
        maker.build(i, kind, kkr, flaw)
        if progress:
            progress(i + 1, boards)
    wr.finish()
    return dict(wr.counts)


def write_file(path: Path, boards: int, years: int = 20, seed: int = 1,
               progress: Callable[[int, int], None] | None = None) -> dict[str, int]:
    """Generate into ``path`` (JSON, or TOML when the name ends in ``.toml``); atomically replaced."""
    path = Path(path)
    fmt = "toml" if path.suffix.lower() == ".toml" else "json"
    from registry import outfile

    with outfile.open_for_writing(path, text=True, newline="\n") as f:
        counts = generate(f, boards, years, seed, fmt, progress)
    return counts
