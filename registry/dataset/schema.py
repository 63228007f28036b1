"""The ``udpeg/1`` dataset format: which keys each record has, and their checks.

Validation never stops at the first problem: it walks the whole file and reports every
problem with its place (``boards[2].compositions[0].seats[4].count``). The output of a clean
validation is a :class:`Dataset` of plain, normalised records (dates as ``date``, defaults
filled in), ready for the loader.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Callable

from registry.i18n import _
from registry.terms import parse_date, parse_pattern
from registry.i18n import _

FORMAT = "udpeg/1"
#: the bounds every value is held to, on a dataset load and on every write from the CLI or the UI
#: (docs/dataset.md "Bounds"): they keep a typo or a hostile file from making a command run for hours
MAX_ID = 200                 #: characters in an id
MAX_TEXT = 10_000            #: characters in a text (names, reasons, notes …)
MAX_SEATS = 1_000            #: seats in a seat group, a nomination, a d'Hondt allocation
MAX_INT = 1_000_000          #: any other whole number of a dataset
MAX_DEPTH = 16               #: nesting of free tables (``extra``, ``contact``)
MAX_WITHIN_DAYS = 3_660      #: how far ahead vacancies look (``--within``): ten years
FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(2199, 12, 31)
ID_RE = re.compile(r"[a-z0-9][a-z0-9-]{0,%d}\Z" % (MAX_ID - 1))
_BAD_CHARS = re.compile("[\x00\ud800-\udfff]")

ORG_KINDS = ("business", "knowledge", "labour", "region", "municipality", "ministry", "kkr",
             "council-group", "other")
KKRS = ("nordjylland", "midtjylland", "syddanmark", "sjaelland", "hovedstaden")
SEXES = ("woman", "man", "undisclosed")
OFFICES = ("council-member", "mayor", "regional-council-member", "kkr-member")
ROLES = ("member", "deputy")
#: an appointment's ``holder``: the person is named (default), or the seat is filled but the
#: documents do not say by whom (then there is no ``person``)
HOLDERS = ("recorded", "not-recorded")
NOT_RECORDED = "not-recorded"
END_REASONS = ("resigned", "left-council", "deceased", "replaced", "other")
DEPUTIES = ("none", "optional", "required")
SEVERITIES = ("warning", "error")
NOMINATION_RULES = ("dk-10a", "dk-10a-strict", "none")
BUILTIN_RULESETS = ("dk-ligelig", "parity", "eu-40", "eu-33", "no", "strict-40", "none")
SCOPES = ("board", "appointer", "controlled")
PREDICATES = ("council-member-in-kkr", "elected", "regional-council-member", "mayor")


# --- the shared checks: one sentence for each kind of bad value ------------------------------
# The loader (``Checker`` below) and every write of ``registry.service`` call these, so the CLI,
# the UI and a dataset load refuse the same value with the same sentence.


def id_problem(v: Any) -> str | None:
    """Why ``v`` is not an id (lowercase letters, digits and '-', at most MAX_ID), or None."""
    if isinstance(v, str) and ID_RE.match(v):
        return None
    if isinstance(v, str) and len(v) > MAX_ID and ID_RE.match(v[:MAX_ID]):
        return _("is longer than {n} characters (an id has at most {n})", n=MAX_ID)
    return _("{value} is not a valid id (lowercase letters, digits and '-')", value=_shown(v))


def text_problem(v: Any, allow_empty: bool = True, limit: int = MAX_TEXT) -> str | None:
    """Why ``v`` is not an acceptable text, or None."""
    if not isinstance(v, str):
        return _("must be text, not {kind}", kind=type(v).__name__)
    if len(v) > limit:
        return _("is longer than {n} characters", n=limit)
    if _BAD_CHARS.search(v):
        return _("holds a NUL character or a lone surrogate (\\ud800–\\udfff), which text cannot hold")
    if not allow_empty and not v.strip():
        return _("must not be empty")
    return None


def text_ok(v: Any, limit: int = MAX_TEXT) -> bool:
    """The quiet form of :func:`text_problem` for the readers' fast paths."""
    return isinstance(v, str) and len(v) <= limit and not _BAD_CHARS.search(v)


def int_problem(v: Any, minimum: int | None = 0, maximum: int = MAX_INT) -> str | None:
    if isinstance(v, bool) or not isinstance(v, int):
        return _("must be a whole number, not {value}", value=_shown(v))
    if minimum is not None and v < minimum:
        return _("must be at least {n}, not {value}", n=minimum, value=_shown(v))
    if v > maximum:
        return _("must be at most {n}, not {value}", n=maximum, value=_shown(v))
    return None


def read_date(v: Any) -> tuple[date | None, str | None]:
    """``(date, None)`` for a date Udpeg keeps (FIRST_DAY to LAST_DAY), else ``(None, why)``."""
    d = None
    if isinstance(v, str):
        try:
            d = parse_date(v)
        except (ValueError, TypeError):
            d = None
    elif isinstance(v, date):
        d = v.date() if hasattr(v, "hour") else v
    if d is None:
        return None, _("{value} is not a date (use yyyy-mm-dd or dd-mm-yyyy)", value=_shown(v))
    if not FIRST_DAY <= d <= LAST_DAY:
        return None, _("{value} is outside the dates Udpeg keeps ({first} to {last})", value=_shown(v),
                       first=FIRST_DAY.isoformat(), last=LAST_DAY.isoformat())
    return d, None


def _shown(v: Any) -> str:
    """A value as a problem shows it: repr, cut short (a 5,000-digit number is not repeated)."""
    if isinstance(v, date):
        v = v.isoformat()
    try:
        text = repr(v)
    except ValueError:          # an int beyond Python's digit limit for str()
        return "(a number of more than 4,300 digits)"
    return text if len(text) <= 200 else text[:197] + "…"


def free_value_problem(v: Any, place: str, depth: int = 0) -> tuple[str, str] | None:
    """The first bad value in a free table (``extra``, ``contact``): (place, why), or None."""
    if depth > MAX_DEPTH:
        return place, _("is nested more than {n} levels deep", n=MAX_DEPTH)
    if isinstance(v, dict):
        for k, x in v.items():
            sub = f"{place}.{k}"
            why = text_problem(k, limit=MAX_ID) if isinstance(k, str) else None
            if why:
                return sub, why
            got = free_value_problem(x, sub, depth + 1)
            if got:
                return got
    elif isinstance(v, list):
        for i, x in enumerate(v):
            got = free_value_problem(x, f"{place}[{i}]", depth + 1)
            if got:
                return got
    elif isinstance(v, str):
        why = text_problem(v)
        return (place, why) if why else None
    elif isinstance(v, int) and not isinstance(v, bool):
        if not -2**63 < v < 2**63:
            return place, _("must be at most {n}, not {value}", n=2**63 - 1, value=_shown(v))
    elif isinstance(v, float):
        if v != v or v in (float("inf"), float("-inf")):
            return place, _("must be a finite number, not {value}", value=_shown(v))
    return None


@dataclass
class Problem:
    place: str
    message: str
    line: int | None = None
    file: str | None = None

    def __str__(self) -> str:
        where = self.place or _("(top level)")
        if self.line is not None:
            where = _("{place} (line {line})", place=where, line=self.line)
        prefix = f"{self.file}: " if self.file else ""
        return f"{prefix}{where}: {self.message}"


class Checker:
    """Collects problems while reading one record tree."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        # a dataset repeats the same ids and dates thousands of times: each text is checked once
        self._ids: set[str] = set()
        self._dates: dict[str, date] = {}

    def add(self, place: str, message: str) -> None:
        self.problems.append(Problem(place, message))

    # -- scalar readers: return the normalised value, or None after recording a problem -----

    def table(self, value: Any, place: str, allowed: set[str], required: set[str] = frozenset()) -> dict | None:
        if type(value) is dict and value.keys() <= allowed and value.keys() >= required and None not in value.values():
            return value  # nothing to report (the checks below, at once)
        if not isinstance(value, dict):
            self.add(place, _("must be a table, not {kind}", kind=type(value).__name__))
            return None
        for k in value:
            if k not in allowed:
                near = _nearest(k, allowed)
                self.add(f"{place}.{k}" if place else k, _("unknown key {key} (did you mean {near}?)", key=repr(k), near=repr(near))
                         if near else _("unknown key {key}", key=repr(k)))
        for k in sorted(required):
            if k not in value:
                self.add(place, _("missing required key {key}", key=repr(k)))
        for k, v in value.items():
            if v is None and k in allowed:
                self.add(f"{place}.{k}" if place else k, _("must have a value (null is not allowed)"))
        return value

    # -- quiet tests for the readers' fast paths: nothing is recorded either way ---------------

    def valid_id(self, v: Any) -> bool:
        if type(v) is str and v in self._ids:
            return True
        if isinstance(v, str) and ID_RE.match(v):
            self._ids.add(v)
            return True
        return False

    def valid_date(self, v: Any) -> date | None:
        if isinstance(v, str):
            if v not in self._dates:
                d, why = read_date(v)
                if why:
                    return None
                self._dates[v] = d
            return self._dates[v]
        if isinstance(v, date) and not hasattr(v, "hour") and FIRST_DAY <= v <= LAST_DAY:
            return v
        return None

    def id(self, v: Any, place: str) -> str | None:
        if self.valid_id(v):
            return v
        if v is not None:  # missing or null: reported by table()
            self.add(place, id_problem(v))
        return None

    def str(self, v: Any, place: str, allow_empty: bool = True) -> str | None:
        if v is None:  # missing or null: reported by table()
            return None
        why = text_problem(v, allow_empty)
        if why:
            self.add(place, why)
            return None
        return v

    def int(self, v: Any, place: str, minimum: int | None = 0, maximum: int = MAX_INT) -> int | None:
        if v is None:  # missing or null: reported by table()
            return None
        why = int_problem(v, minimum, maximum)
        if why:
            self.add(place, why)
            return None
        return v

    def float(self, v: Any, place: str, lo: float = 0.0, hi: float = 1.0) -> float | None:
        if v is None:  # missing or null: reported by table()
            return None
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            self.add(place, _("must be a number, not {value}", value=repr(v)))
            return None
        if not lo <= v <= hi:
            self.add(place, _("must be between {lo} and {hi}, not {value}", lo=lo, hi=hi, value=v))
            return None
        return float(v)

    def bool(self, v: Any, place: str) -> bool | None:
        if v is None:  # missing or null: reported by table()
            return None
        if not isinstance(v, bool):
            self.add(place, _("must be true or false, not {value}", value=repr(v)))
            return None
        return v

    def date(self, v: Any, place: str) -> date | None:
        if v is None:  # missing or null: reported by table()
            return None
        d = self.valid_date(v)
        if d is None:
            self.add(place, read_date(v)[1])
        return d

    def free(self, v: Any, place: str) -> dict | None:
        """A free table (``extra``, ``contact``): any keys, values held to the bounds."""
        if v is None:
            return None
        if not isinstance(v, dict):
            self.add(place, f"must be a table, not {type(v).__name__}")
            return None
        bad = False
        for k, x in v.items():
            if x is None:
                self.add(f"{place}.{k}", "must have a value (null is not allowed)")
                bad = True
        got = free_value_problem(v, place)
        if got:
            self.add(*got)
            bad = True
        return None if bad else v

    def enum(self, v: Any, place: str, values: tuple[str, ...]) -> str | None:
        if v is None:  # missing or null: reported by table()
            return None
        if v not in values:
            self.add(place, _("{value} is not one of {values}", value=repr(v), values=", ".join(values)))
            return None
        return v

    def strlist(self, v: Any, place: str, item: Callable[[Any, str], Any] | None = None) -> list | None:
        if v is None:  # missing or null: reported by table()
            return None
        if not isinstance(v, list):
            self.add(place, _("must be a list, not {kind}", kind=type(v).__name__))
            return None
        item = item or self.str
        out = []
        for i, x in enumerate(v):
            if x is None:
                self.add(f"{place}[{i}]", "must have a value (null is not allowed)")
            out.append(None if x is None else item(x, f"{place}[{i}]"))
        return None if any(x is None for x in out) else out

    def span(self, start: date | None, end: date | None, place: str) -> None:
        if start and end and end < start:
            self.add(place, _("ends ({end}) before it starts ({start})", end=end.isoformat(), start=start.isoformat()))


def _nearest(word: str, choices: set[str]) -> str | None:
    import difflib

    got = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.7)
    return got[0] if got else None


# --- records ----------------------------------------------------------------------------------

#: dataset key → (required keys, optional keys)
SPEC: dict[str, tuple[set[str], set[str]]] = {
    "registry": (set(), {"name", "kkr", "plurality_threshold", "term_warning_days"}),
    "municipalities": ({"id", "name", "kkr"}, set()),
    "organisations": ({"id", "name", "kind"}, {"kkr"}),
    "council_groups": ({"id", "name", "kkr", "period_start", "period_end"}, {"parties", "members"}),
    "people": ({"id", "name"}, {"sex", "party", "municipality", "skills", "offices", "contact", "extra"}),
    "offices": ({"office", "body", "start"}, {"end"}),
    "meetings": ({"id", "body", "date"}, {"place", "items"}),
    "items": ({"item"}, {"case", "title"}),
    "boards": ({"id", "name"}, {"kkr", "legal_basis", "url", "term", "term_anchor", "statutory",
                                "decision_making", "holdover", "max_consecutive_terms", "compositions", "extra"}),
    "compositions": ({"valid_from", "seats"}, {"valid_to", "size", "balance", "balance_scopes",
                                              "balance_severity", "nomination_rule", "source"}),
    "size": (set(), {"min", "max", "odd"}),
    "seats": ({"id", "name", "count"}, {"appointed_by", "nominated_by", "joint", "eligibility", "voting",
                                        "counts_for_balance", "deputies", "collective", "spread", "max_share"}),
    "collective": ({"skill"}, {"min"}),
    "rulesets": ({"id"}, {"name", "share", "cap_half", "table"}),
    "appointments": ({"board", "seat", "start"},
                     {"person", "holder", "id", "role", "deputy_for", "end", "nominated_by", "nomination", "council_group",
                      "decision", "ended", "override_reason", "extra"}),
    "decision": ({"meeting"}, {"item", "case"}),
    "ended": ({"date", "reason"}, set()),
    "allocations": ({"board", "seat", "council_group", "start"}, {"id", "end", "decision"}),
    "nominations": ({"board", "seat", "round", "organisations", "candidates"},
                    {"id", "seats", "received", "deadline", "reasons", "reasons_accepted", "confidential"}),
}
#: the record lists at the top level, in the order they are loaded
KINDS = ("municipalities", "organisations", "council_groups", "people", "meetings", "rulesets",
         "boards", "appointments", "allocations", "nominations")
TOP_KEYS = {"format", "registry", *KINDS}


@dataclass
class Dataset:
    """Normalised records, by kind. Each record is a plain dict (model column names)."""

    registry: dict = field(default_factory=dict)
    records: dict[str, list[dict]] = field(default_factory=lambda: {k: [] for k in KINDS})

    def ids(self, kind: str) -> set[str]:
        return {r["id"] for r in self.records[kind] if r.get("id")}


def validate(data: Any) -> tuple[Dataset, list[Problem]]:
    """Check a parsed TOML/JSON tree; return normalised records and every problem found."""
    c = Checker()
    ds = Dataset()
    top = c.table(data, "", TOP_KEYS, {"format"})
    if top is None:
        return ds, c.problems
    if "format" in top and top["format"] != FORMAT:
        c.add("format", _("must be {expected}, not {value}", expected=repr(FORMAT), value=repr(top["format"])))
    if "registry" in top:
        ds.registry = _registry(c, top["registry"])
    readers = {
        "municipalities": _municipality, "organisations": _organisation, "council_groups": _council_group,
        "people": _person, "meetings": _meeting, "rulesets": _ruleset, "boards": _board,
        "appointments": _appointment, "allocations": _allocation, "nominations": _nomination,
    }
    for kind in KINDS:
        items = top.get(kind, [])
        if not isinstance(items, list):
            c.add(kind, _("must be a list of tables"))
            continue
        for i, item in enumerate(items):
            place = f"{kind}[{i}]"
            req, opt = SPEC[kind]
            if c.table(item, place, req | opt, req) is None:
                continue
            rec = readers[kind](c, item, place)
            if rec is not None:
                rec["_place"] = place
                ds.records[kind].append(rec)
    _duplicates(c, ds)
    return ds, c.problems


def _get(c: Checker, tbl: dict, key: str, place: str, reader: Callable, default: Any = None, **kw) -> Any:
    if key not in tbl:
        return default
    return reader(tbl[key], f"{place}.{key}", **kw)


def _registry(c: Checker, v: Any) -> dict:
    req, opt = SPEC["registry"]
    t = c.table(v, "registry", opt, req)
    if t is None:
        return {}
    out = {}
    if "name" in t:
        out["name"] = c.str(t["name"], "registry.name")
    if "kkr" in t:
        out["kkr"] = c.enum(t["kkr"], "registry.kkr", KKRS)
    for k in ("plurality_threshold", "term_warning_days"):
        if k in t:
            out[k] = c.int(t[k], f"registry.{k}", maximum=36_500)
    return {k: v for k, v in out.items() if v is not None}


def _municipality(c: Checker, t: dict, p: str) -> dict:
    return {"id": c.id(t.get("id"), f"{p}.id"), "name": c.str(t.get("name"), f"{p}.name", False),
            "kkr": c.enum(t.get("kkr"), f"{p}.kkr", KKRS)}


def _organisation(c: Checker, t: dict, p: str) -> dict:
    return {"id": c.id(t.get("id"), f"{p}.id"), "name": c.str(t.get("name"), f"{p}.name", False),
            "kind": c.enum(t.get("kind"), f"{p}.kind", ORG_KINDS),
            "kkr": _get(c, t, "kkr", p, c.enum, values=KKRS)}


def _council_group(c: Checker, t: dict, p: str) -> dict:
    r = {"id": c.id(t.get("id"), f"{p}.id"), "name": c.str(t.get("name"), f"{p}.name", False),
         "kkr": c.enum(t.get("kkr"), f"{p}.kkr", KKRS),
         "period_start": c.date(t.get("period_start"), f"{p}.period_start"),
         "period_end": c.date(t.get("period_end"), f"{p}.period_end"),
         "parties": _get(c, t, "parties", p, c.strlist, []),
         "members": _get(c, t, "members", p, c.int)}
    c.span(r["period_start"], r["period_end"], f"{p}.period_end")
    return r


def _person(c: Checker, t: dict, p: str) -> dict:
    r = {"id": c.id(t.get("id"), f"{p}.id"), "name": c.str(t.get("name"), f"{p}.name", False),
         "sex": _get(c, t, "sex", p, c.enum, "undisclosed", values=SEXES),
         "party": _get(c, t, "party", p, c.str),
         "municipality": _get(c, t, "municipality", p, c.id),
         "skills": _get(c, t, "skills", p, c.strlist, []),
         "contact": _get(c, t, "contact", p, c.free),
         "extra": _get(c, t, "extra", p, c.free),
         "offices": []}
    offices = t.get("offices", [])
    if not isinstance(offices, list):
        c.add(f"{p}.offices", _("must be a list of tables"))
        offices = []
    for j, o in enumerate(offices):
        op = f"{p}.offices[{j}]"
        req, opt = SPEC["offices"]
        if c.table(o, op, req | opt, req) is None:
            continue
        rec = {"office": c.enum(o.get("office"), f"{op}.office", OFFICES), "body": c.id(o.get("body"), f"{op}.body"),
               "start": c.date(o.get("start"), f"{op}.start"), "end": _get(c, o, "end", op, c.date), "_place": op}
        c.span(rec["start"], rec["end"], f"{op}.end")
        r["offices"].append(rec)
    return r


def _meeting(c: Checker, t: dict, p: str) -> dict:
    r = {"id": c.id(t.get("id"), f"{p}.id"), "body": c.id(t.get("body"), f"{p}.body"),
         "date": c.date(t.get("date"), f"{p}.date"), "place": _get(c, t, "place", p, c.str), "items": []}
    items = t.get("items", [])
    if not isinstance(items, list):
        c.add(f"{p}.items", _("must be a list of tables"))
        items = []
    seen = set()
    for j, it in enumerate(items):
        ip = f"{p}.items[{j}]"
        req, opt = SPEC["items"]
        if c.table(it, ip, req | opt, req) is None:
            continue
        rec = {"item": c.str(it.get("item"), f"{ip}.item", False)}
        for k in ("case", "title"):
            if k in it and c.str(it[k], f"{ip}.{k}") is not None:
                rec[k] = it[k]
        if rec["item"] is not None:
            if rec["item"] in seen:
                c.add(f"{ip}.item", _("agenda item {item} is listed twice for this meeting", item=repr(rec["item"])))
            seen.add(rec["item"])
            r["items"].append(rec)
    return r


def _ruleset(c: Checker, t: dict, p: str) -> dict:
    r = {"id": c.id(t.get("id"), f"{p}.id"), "name": _get(c, t, "name", p, c.str, ""),
         "share": _get(c, t, "share", p, c.float), "cap_half": _get(c, t, "cap_half", p, c.bool, True),
         "table": {}}
    if r["id"] in BUILTIN_RULESETS:
        c.add(f"{p}.id", _("{id} is a built-in rule set; choose another id", id=repr(r["id"])))
    table = t.get("table", {})
    if not isinstance(table, dict):
        c.add(f"{p}.table", _("must be a table of n = minimum"))
    else:
        for k, v in table.items():
            if not (str(k).isdecimal() and str(k).isascii() and len(str(k)) <= 4 and int(k) <= MAX_SEATS):
                c.add(f"{p}.table.{_shown(k)[1:-1]}", _("{key} is not a board size (a whole number up to {maximum})",
                                                     key=_shown(k), maximum=MAX_SEATS))
            elif v is None:
                c.add(f"{p}.table.{k}", _("must have a value (null is not allowed)"))
            elif c.int(v, f"{p}.table.{k}", maximum=MAX_SEATS) is not None:
                r["table"][str(int(k))] = v
    if r["share"] is None and not r["table"]:
        c.add(p, _("a rule set needs a share, a table, or both"))
    return r


def _board(c: Checker, t: dict, p: str) -> dict:
    r = {"id": c.id(t.get("id"), f"{p}.id"), "name": c.str(t.get("name"), f"{p}.name", False),
         "kkr": _get(c, t, "kkr", p, c.enum, values=KKRS),
         "legal_basis": _get(c, t, "legal_basis", p, c.str, ""), "url": _get(c, t, "url", p, c.str, ""),
         "term": _get(c, t, "term", p, c.str, "kkr"), "term_anchor": _get(c, t, "term_anchor", p, c.date),
         "statutory": _get(c, t, "statutory", p, c.bool, False),
         "decision_making": _get(c, t, "decision_making", p, c.bool, False),
         "holdover": _get(c, t, "holdover", p, c.bool, False),
         "max_consecutive_terms": _get(c, t, "max_consecutive_terms", p, c.int, 0),
         "extra": _get(c, t, "extra", p, c.free),
         "compositions": []}
    if r["term"] is not None:
        try:
            parse_pattern(r["term"], r["term_anchor"])
        except ValueError as exc:
            c.add(f"{p}.term", str(exc))
    comps = t.get("compositions", [])
    if not isinstance(comps, list):
        c.add(f"{p}.compositions", _("must be a list of tables"))
        comps = []
    for j, comp in enumerate(comps):
        cp = f"{p}.compositions[{j}]"
        req, opt = SPEC["compositions"]
        if c.table(comp, cp, req | opt, req) is not None:
            r["compositions"].append(_composition(c, comp, cp))
    spans = sorted((x["valid_from"], x["valid_to"], x["_place"]) for x in r["compositions"] if x["valid_from"])
    for (s1, e1, _p1), (s2, _e2, p2) in zip(spans, spans[1:]):
        if e1 is None or e1 >= s2:
            c.add(f"{p2}.valid_from", _("overlaps the previous composition of this board (give that one a valid_to)"))
    return r


def _composition(c: Checker, t: dict, p: str) -> dict:
    size = t.get("size", {})
    req, opt = SPEC["size"]
    if c.table(size, f"{p}.size", req | opt, req) is None:
        size = {}
    r = {"valid_from": c.date(t.get("valid_from"), f"{p}.valid_from"),
         "valid_to": _get(c, t, "valid_to", p, c.date),
         "size_min": _get(c, size, "min", f"{p}.size", c.int, maximum=MAX_SEATS),
         "size_max": _get(c, size, "max", f"{p}.size", c.int, maximum=MAX_SEATS),
         "size_odd": _get(c, size, "odd", f"{p}.size", c.bool, False),
         "balance": _get(c, t, "balance", p, c.strlist, ["dk-ligelig"]),
         "balance_scopes": _get(c, t, "balance_scopes", p, c.strlist, ["board"],
                                item=lambda v, pl: c.enum(v, pl, SCOPES)),
         "balance_severity": _get(c, t, "balance_severity", p, c.enum, "warning", values=SEVERITIES),
         "nomination_rule": _get(c, t, "nomination_rule", p, c.enum, "dk-10a", values=NOMINATION_RULES),
         "source": _get(c, t, "source", p, c.str), "seats": [], "_place": p}
    c.span(r["valid_from"], r["valid_to"], f"{p}.valid_to")
    if r["size_min"] is not None and r["size_max"] is not None and r["size_max"] < r["size_min"]:
        c.add(f"{p}.size.max", _("is below size.min ({min})", min=r["size_min"]))
    seats = t.get("seats", [])
    if not isinstance(seats, list) or not seats:
        c.add(f"{p}.seats", _("must be a non-empty list of seat groups"))
        seats = []
    seen = set()
    for k, s in enumerate(seats):
        sp = f"{p}.seats[{k}]"
        req, opt = SPEC["seats"]
        if c.table(s, sp, req | opt, req) is None:
            continue
        seat = _seat(c, s, sp)
        if seat["seat"] in seen:
            c.add(f"{sp}.id", _("seat group id {id} is used twice in this composition", id=repr(seat["seat"])))
        seen.add(seat["seat"])
        seat["position"] = k
        r["seats"].append(seat)
    return r


def _predicate(c: Checker, v: Any, place: str) -> str | None:
    if isinstance(v, str) and (v in PREDICATES or (v.startswith("council-member-of:") and ID_RE.match(v.split(":", 1)[1]))):
        return v
    c.add(place, _("{value} is not an eligibility predicate ({predicates}, council-member-of:<municipality>)",
                   value=repr(v), predicates=", ".join(PREDICATES)))
    return None


def _seat(c: Checker, t: dict, p: str) -> dict:
    r = {"seat": c.id(t.get("id"), f"{p}.id"), "name": c.str(t.get("name"), f"{p}.name", False),
         "count": c.int(t.get("count"), f"{p}.count", minimum=1, maximum=MAX_SEATS),
         "appointed_by": _get(c, t, "appointed_by", p, c.id),
         "nominated_by": _get(c, t, "nominated_by", p, c.strlist, [], item=c.id),
         "joint": _get(c, t, "joint", p, c.bool, False),
         "eligibility": _get(c, t, "eligibility", p, c.strlist, [], item=lambda v, pl: _predicate(c, v, pl)),
         "voting": _get(c, t, "voting", p, c.bool, True),
         "counts_for_balance": _get(c, t, "counts_for_balance", p, c.bool),
         "deputies": _get(c, t, "deputies", p, c.enum, "none", values=DEPUTIES),
         "collective": [], "spread": _get(c, t, "spread", p, c.int, minimum=1, maximum=MAX_SEATS),
         "max_share": _get(c, t, "max_share", p, c.float), "_place": p}
    coll = t.get("collective", [])
    if not isinstance(coll, list):
        c.add(f"{p}.collective", _("must be a list of {skill, min} tables"))
        coll = []
    for i, x in enumerate(coll):
        xp = f"{p}.collective[{i}]"
        req, opt = SPEC["collective"]
        if c.table(x, xp, req | opt, req) is not None:
            r["collective"].append({"skill": c.str(x.get("skill"), f"{xp}.skill", False),
                                    "min": _get(c, x, "min", xp, c.int, 1, minimum=1, maximum=MAX_SEATS)})
    if r["joint"] and len(r["nominated_by"] or []) < 2:
        c.add(f"{p}.joint", _("a joint nomination needs at least two organisations in nominated_by"))
    return r


def _decision(c: Checker, t: dict, p: str) -> dict:
    d = t.get("decision")
    if d is None:
        return {"decision_meeting": None, "decision_item": None, "decision_case": None}
    req, opt = SPEC["decision"]
    if c.table(d, f"{p}.decision", req | opt, req) is None:
        return {"decision_meeting": None, "decision_item": None, "decision_case": None}
    dp = f"{p}.decision"
    return {"decision_meeting": c.id(d.get("meeting"), f"{dp}.meeting"),
            "decision_item": _get(c, d, "item", dp, c.str), "decision_case": _get(c, d, "case", dp, c.str)}


def _appointment_fast(c: Checker, t: dict) -> dict | None:
    """An ordinary appointment's record, read without a place for every value; None if anything
    is unusual, and then ``_appointment`` reads it in full and words each problem."""
    g = t.get
    role, start = g("role", "member"), c.valid_date(g("start"))
    if (None in t.values() or start is None or role not in ROLES or (role == "deputy") != ("deputy_for" in t)
            or "holder" in t or not (c.valid_id(g("board")) and c.valid_id(g("seat")) and c.valid_id(g("person")))
            or not all(c.valid_id(t[k]) for k in ("id", "deputy_for", "nomination", "council_group") if k in t)):
        return None
    end = c.valid_date(t["end"]) if "end" in t else None
    if "end" in t and (end is None or end < start):
        return None
    nominated_by, override, extra = g("nominated_by", []), g("override_reason"), g("extra")
    if (type(nominated_by) is not list or not all(c.valid_id(x) for x in nominated_by)
            or (override is not None and not text_ok(override))
            or (extra is not None and (type(extra) is not dict or None in extra.values()
                                       or free_value_problem(extra, "") is not None))):
        return None
    ended_date = ended_reason = None
    if "ended" in t:
        e = t["ended"]
        if type(e) is not dict or e.keys() != {"date", "reason"} or e["reason"] not in END_REASONS:
            return None
        ended_date, ended_reason = c.valid_date(e["date"]), e["reason"]
        if ended_date is None or ended_date < start:
            return None
    meeting = item = case = None
    if "decision" in t:
        d = t["decision"]
        if (type(d) is not dict or not d.keys() <= {"meeting", "item", "case"} or None in d.values()
                or not c.valid_id(d.get("meeting")) or not all(text_ok(d.get(k, "")) for k in ("item", "case"))):
            return None
        meeting, item, case = d["meeting"], d.get("item"), d.get("case")
    return {"id": g("id"), "board": t["board"], "seat": t["seat"], "person": t["person"], "role": role,
            "deputy_for": g("deputy_for"), "start": start, "end": end, "nominated_by": list(nominated_by),
            "nomination": g("nomination"), "council_group": g("council_group"), "override_reason": override,
            "extra": extra, "ended_date": ended_date, "ended_reason": ended_reason, "end_given": "end" in t,
            "decision_meeting": meeting, "decision_item": item, "decision_case": case}


def _appointment(c: Checker, t: dict, p: str) -> dict:
    fast = _appointment_fast(c, t)
    if fast is not None:
        return fast
    r = {"id": _get(c, t, "id", p, c.id), "board": c.id(t.get("board"), f"{p}.board"),
         "seat": c.id(t.get("seat"), f"{p}.seat"), "person": _holder(c, t, p),
         "role": _get(c, t, "role", p, c.enum, "member", values=ROLES),
         "deputy_for": _get(c, t, "deputy_for", p, c.id),
         "start": c.date(t.get("start"), f"{p}.start"), "end": _get(c, t, "end", p, c.date),
         "nominated_by": _get(c, t, "nominated_by", p, c.strlist, [], item=c.id),
         "nomination": _get(c, t, "nomination", p, c.id),
         "council_group": _get(c, t, "council_group", p, c.id),
         "override_reason": _get(c, t, "override_reason", p, c.str),
         "extra": _get(c, t, "extra", p, c.free),
         "ended_date": None, "ended_reason": None, "end_given": "end" in t}
    r.update(_decision(c, t, p))
    c.span(r["start"], r["end"], f"{p}.end")
    if r["role"] == "deputy" and not r["deputy_for"]:
        c.add(f"{p}.deputy_for", _("a deputy must name the member appointment it stands in for (deputy_for)"))
    if r["role"] == "member" and r["deputy_for"]:
        c.add(f"{p}.deputy_for", _('only a deputy stands in for someone (set role = "deputy")'))
    if "ended" in t:
        req, opt = SPEC["ended"]
        if c.table(t["ended"], f"{p}.ended", req | opt, req) is not None:
            e = t["ended"]
            r["ended_date"] = c.date(e.get("date"), f"{p}.ended.date")
            r["ended_reason"] = c.enum(e.get("reason"), f"{p}.ended.reason", END_REASONS)
            c.span(r["start"], r["ended_date"], f"{p}.ended.date")
    return r


def _holder(c: Checker, t: dict, p: str) -> str | None:
    """The appointment's person id, or None for ``holder = "not-recorded"`` (seat filled, holder
    not named in the documents). Exactly one of the two must be given."""
    holder = _get(c, t, "holder", p, c.enum, "recorded", values=HOLDERS)
    if holder == NOT_RECORDED:
        if "person" in t:
            c.add(f"{p}.person", _('an appointment with holder = "not-recorded" names no person (leave out person)'))
        return None
    if "person" not in t:
        c.add(p, _("missing required key 'person' (or holder = \"not-recorded\" for a seat filled by someone not named)"))
        return None
    return c.id(t.get("person"), f"{p}.person")


def _allocation(c: Checker, t: dict, p: str) -> dict:
    r = {"id": _get(c, t, "id", p, c.id), "board": c.id(t.get("board"), f"{p}.board"),
         "seat": c.id(t.get("seat"), f"{p}.seat"), "council_group": c.id(t.get("council_group"), f"{p}.council_group"),
         "start": c.date(t.get("start"), f"{p}.start"), "end": _get(c, t, "end", p, c.date)}
    r.update(_decision(c, t, p))
    c.span(r["start"], r["end"], f"{p}.end")
    return r


def _nomination_fast(c: Checker, t: dict) -> dict | None:
    """An ordinary nomination's record, or None to read it in full (as ``_appointment_fast``)."""
    g = t.get
    rnd, orgs, cands = c.valid_date(g("round")), g("organisations"), g("candidates")
    seats, reasons, accepted, confidential = g("seats", 1), g("reasons", ""), g("reasons_accepted", ""), g("confidential", True)
    received = c.valid_date(t["received"]) if "received" in t else None
    deadline = c.valid_date(t["deadline"]) if "deadline" in t else None
    if (None in t.values() or rnd is None or not c.valid_id(g("board")) or not c.valid_id(g("seat"))
            or ("id" in t and not c.valid_id(t["id"])) or type(orgs) is not list or not orgs or type(cands) is not list
            or not all(c.valid_id(x) for x in orgs) or not all(c.valid_id(x) for x in cands)
            or type(seats) is not int or not 1 <= seats <= MAX_SEATS or not text_ok(reasons) or accepted not in ("yes", "no", "")
            or type(confidential) is not bool or ("received" in t and received is None) or ("deadline" in t and deadline is None)):
        return None
    return {"id": g("id"), "board": t["board"], "seat": t["seat"], "round": rnd, "organisations": list(orgs),
            "seats": seats, "candidates": list(cands), "received": received, "deadline": deadline,
            "reasons": reasons, "reasons_accepted": accepted, "confidential": confidential}


def _nomination(c: Checker, t: dict, p: str) -> dict:
    fast = _nomination_fast(c, t)
    if fast is not None:
        return fast
    r = {"id": _get(c, t, "id", p, c.id), "board": c.id(t.get("board"), f"{p}.board"),
         "seat": c.id(t.get("seat"), f"{p}.seat"), "round": c.date(t.get("round"), f"{p}.round"),
         "organisations": c.strlist(t.get("organisations"), f"{p}.organisations", item=c.id),
         "seats": _get(c, t, "seats", p, c.int, 1, minimum=1, maximum=MAX_SEATS),
         "candidates": c.strlist(t.get("candidates"), f"{p}.candidates", item=c.id),
         "received": _get(c, t, "received", p, c.date), "deadline": _get(c, t, "deadline", p, c.date),
         "reasons": _get(c, t, "reasons", p, c.str, ""),
         "reasons_accepted": _get(c, t, "reasons_accepted", p, c.enum, "", values=("yes", "no", "")),
         "confidential": _get(c, t, "confidential", p, c.bool, True)}
    if r["organisations"] is not None and not r["organisations"]:
        c.add(f"{p}.organisations", _("names no organisation"))
    return r


def _duplicates(c: Checker, ds: Dataset) -> None:
    for kind in KINDS:
        seen: dict[str, str] = {}
        for r in ds.records[kind]:
            rid = r.get("id")
            if rid is None:
                continue
            if rid in seen:
                c.add(f"{r['_place']}.id", _("id {id} is already used by {place}", id=repr(rid), place=seen[rid]))
            else:
                seen[rid] = r["_place"]
