"""Numeric gender rule sets for board compositions, and the § 10 a rule for nominations.

Pure functions: no I/O, no database, no clock. All arithmetic is exact (integers and
:class:`fractions.Fraction`); ``0.4 * n`` in binary floating point is *not* used, because for
example ``0.4 * 10`` rounds up under ``math.ceil`` when 0.4 is read as the nearest double.

Sources (domain.md §5, legal-notes.md):

* ``dk-ligelig`` — ligestillingsloven (LBK nr. 5 af 06/01/2025) § 11 as read by the ministry
  ("ligelig" = at least 40 % of each sex) and the preparatory works to § 8; capped at half so
  that small boards can comply. The law says *aim for* ("skal tilstræbes"), so a finding from
  it is a warning unless a board makes it an error.
* ``parity`` — the "reelt lige" (real equality) reading of § 8: women and men differ by at most
  one.
* ``eu-40`` / ``eu-33`` — Directive (EU) 2022/2381 art. 5, implemented by kønsbalanceloven
  (2024): the number closest to 40 % (non-executive) or 33 % (all directors) of the board,
  never more than 49 %.
* ``no`` — Norway, allmennaksjeloven § 6-11a (and the rule for public committees); the
  deputies (varamedlemmer) are checked as a set of their own, never pooled with the members.
* ``strict-40`` — the literal "40 % of each sex", without the cap; cannot be met at n = 1, 3.
* ``none`` — no requirement.

Nominations: ligestillingsloven § 10 a (and § 9 for ministerial committees): for one seat a
woman and a man; for several seats as many women as men. The clause "for an odd number, one
more of one sex" was repealed by the amending act of 2009 (in force 1 September 2009) and is
deliberately not implemented.

Undisclosed sex is never guessed: a verdict is ``pass`` if the rule passes for every way of
assigning the undisclosed people to woman/man, ``fail`` if it fails for every way, and
``undetermined`` otherwise.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache
from types import MappingProxyType
from typing import Any, Iterable, Mapping

__all__ = [
    "RuleSet", "BUILTIN", "UnknownRuleSet", "get_ruleset", "required_each", "attainable",
    "BalanceVerdict", "evaluate_balance",
    "NOMINATION_RULES", "NominationVerdict", "evaluate_nomination",
    "PASS", "FAIL", "UNDETERMINED", "UNATTAINABLE", "WOMAN", "MAN",
]

PASS, FAIL, UNDETERMINED, UNATTAINABLE = "pass", "fail", "undetermined", "unattainable"
WOMAN, MAN = "woman", "man"

#: How ``share * n`` becomes a whole number.
#: ``ceil`` — round up (at least the share);
#: ``nearest`` — the closest whole number, a tie (x.5) goes up, then stepped down while the
#: result is a larger share of n than ``max_share`` (the EU directive's "closest, ≤ 49 %").
ROUNDINGS = ("ceil", "nearest")


def _fraction(value: Any, what: str) -> Fraction:
    """Exact value of a share given as float, int, Decimal, Fraction or a string like "0.4".

    A float is read through its shortest repr ("0.4"), i.e. as the decimal the user wrote,
    not as the binary double 0.400000000000000022…
    """
    if isinstance(value, bool):
        raise TypeError(f"{what} must be a number, not a boolean")
    if isinstance(value, Fraction):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{what} must be a finite number, got {value!r}")
        return Fraction(repr(value))
    if isinstance(value, (int, Decimal, str)):
        try:
            return Fraction(value)
        except (ValueError, ArithmeticError) as exc:
            raise ValueError(f"{what} must be a number, got {value!r}") from exc
    raise TypeError(f"{what} must be a number, got {type(value).__name__}")


def _check_count(value: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{what} must be a whole number, got {value!r}")
    if value < 0:
        raise ValueError(f"{what} cannot be negative, got {value}")
    return value


@dataclass(frozen=True)
class RuleSet:
    """A numeric gender rule: the minimum number of each sex for n counted members.

    Custom rule sets (dataset ``[[rulesets]]``) use ``share`` with or without ``cap_half``, or a
    ``table`` of ``(n, minimum)`` pairs; for an n not in the table the share applies (no share:
    no requirement). ``table`` may also be given as a mapping ``{"2": 1, "3": 1, …}`` as read
    from TOML; it is stored as a sorted tuple of int pairs so the rule set stays hashable.

    The fields after ``table`` are extensions used by the built-ins and open to custom sets:
    ``rounding`` (see :data:`ROUNDINGS`), ``max_share`` (never require more than this share
    of n; used with ``nearest``), ``legal_basis`` (the source, shown with findings) and
    ``deputies`` (the deputies are checked too, as a set of their own: never pooled with the
    members; domain.md §5, ``no``).
    """

    id: str
    name: str = ""
    share: float | None = None        # custom: minimum share of each sex
    cap_half: bool = True             # custom: never require more than floor(n/2)
    table: tuple[tuple[int, int], ...] = ()   # custom: (n, minimum); above the table, share applies
    rounding: str = "ceil"
    max_share: float | None = None
    legal_basis: str = ""
    deputies: bool = False

    def __post_init__(self) -> None:
        if not isinstance(self.id, str) or not self.id:
            raise ValueError("a rule set needs a non-empty id")
        if self.share is not None:
            s = _fraction(self.share, f"rule set {self.id!r}: share")
            if not 0 <= s <= 1:
                raise ValueError(f"rule set {self.id!r}: share must be between 0 and 1, got {self.share!r}")
        if self.max_share is not None:
            m = _fraction(self.max_share, f"rule set {self.id!r}: max_share")
            if not 0 <= m <= 1:
                raise ValueError(
                    f"rule set {self.id!r}: max_share must be between 0 and 1, got {self.max_share!r}")
        if self.rounding not in ROUNDINGS:
            raise ValueError(f"rule set {self.id!r}: rounding must be one of {ROUNDINGS}, "
                             f"got {self.rounding!r}")
        object.__setattr__(self, "table", self._normalise_table(self.table))

    def _normalise_table(self, table: Any) -> tuple[tuple[int, int], ...]:
        items: Iterable[Any] = table.items() if isinstance(table, Mapping) else table
        seen: dict[int, int] = {}
        for item in items:
            try:
                n_raw, m_raw = item
                n, m = int(n_raw), int(m_raw)
            except (TypeError, ValueError) as exc:
                raise ValueError(f"rule set {self.id!r}: table entries must be (n, minimum) "
                                 f"whole-number pairs, got {item!r}") from exc
            if n < 0 or m < 0:
                raise ValueError(f"rule set {self.id!r}: table entry {item!r} cannot be negative")
            if n in seen and seen[n] != m:
                raise ValueError(f"rule set {self.id!r}: table gives two minimums for n={n}")
            seen[n] = m
        return tuple(sorted(seen.items()))


_EU_MAX = 0.49

BUILTIN: dict[str, RuleSet] = {rs.id: rs for rs in (
    RuleSet("dk-ligelig", "Ligelig: mindst 40 % af hvert køn, højst halvdelen",
            share=0.4, cap_half=True,
            legal_basis="Ligestillingsloven § 11 (ministeriets læsning: mindst 40 % af hvert køn); "
                        "§ 8 forarbejder om »ligelig«"),
    RuleSet("parity", "Reelt lige: højst én i forskel",
            share=0.5, cap_half=True,
            legal_basis="Ligestillingsloven § 8, »reelt lige«"),
    RuleSet("eu-40", "EU: nærmest 40 %, højst 49 %",
            share=0.4, rounding="nearest", max_share=_EU_MAX,
            legal_basis="Direktiv (EU) 2022/2381 art. 5, stk. 1, litra a; kønsbalanceloven (2024)"),
    RuleSet("eu-33", "EU: nærmest 33 %, højst 49 %",
            share=0.33, rounding="nearest", max_share=_EU_MAX,
            legal_basis="Direktiv (EU) 2022/2381 art. 5, stk. 1, litra b"),
    RuleSet("no", "Norge: 2–3: 1, 4–5: 2, 6–8: 3, 9: 4, ellers 40 %",
            share=0.4, cap_half=True,
            table=((0, 0), (1, 0), (2, 1), (3, 1), (4, 2), (5, 2), (6, 3), (7, 3), (8, 3), (9, 4)),
            legal_basis="Norge: allmennaksjeloven § 6-11a", deputies=True),
    RuleSet("strict-40", "Mindst 40 % af hvert køn, uden loft",
            share=0.4, cap_half=False,
            legal_basis="Bogstavelig »40 % af hvert køn«"),
    RuleSet("none", "Intet krav", share=None, cap_half=True),
)}


class UnknownRuleSet(KeyError):
    """A rule set id that is neither built in nor defined by the dataset."""

    def __str__(self) -> str:   # KeyError would show the message in quotes
        return str(self.args[0]) if self.args else "unknown rule set"


def get_ruleset(id: str, custom: Mapping[str, RuleSet] = MappingProxyType({})) -> RuleSet:
    """The rule set with this id, built in or from ``custom`` (the dataset's own).

    Built-in ids are reserved: a custom rule set may reuse one only with an identical
    definition, otherwise this raises ValueError rather than silently picking one of the two.
    Unknown ids raise :class:`UnknownRuleSet` (a KeyError) naming the known ones.
    """
    builtin = BUILTIN.get(id)
    mine = custom.get(id)
    if builtin is not None and mine is not None and mine != builtin:
        raise ValueError(f"the dataset defines a rule set {id!r}, but that id is built in; "
                         "give the custom rule set another id")
    found = builtin or mine
    if found is None:
        known = ", ".join(sorted({*BUILTIN, *custom}))
        raise UnknownRuleSet(f"unknown gender rule set {id!r}; known rule sets: {known}")
    return found


def _raw_required(rs: RuleSet, n: int) -> int:
    """The requirement before the cap at floor(n/2)."""
    table = dict(rs.table)
    if n in table:
        return table[n]
    if rs.share is None or n == 0:
        return 0
    x = _fraction(rs.share, "share") * n
    if rs.rounding == "ceil":
        r = math.ceil(x)
    else:                                   # nearest, a tie goes up
        r = math.floor(x + Fraction(1, 2))
    if rs.max_share is not None:
        limit = _fraction(rs.max_share, "max_share") * n
        if r > limit:                       # step down until the share is within the limit
            r = math.floor(limit)
    return max(r, 0)


def required_each(rs: RuleSet, n: int) -> int:
    """Minimum number of each sex for ``n`` counted members (0 for ``none`` and for n = 0).

    ``cap_half`` caps it at floor(n/2); without the cap it can exceed what n allows, which
    :func:`attainable` reports (strict-40 at n = 1 and 3).
    """
    _check_count(n, "the number of counted members")
    r = _raw_required(rs, n)
    if rs.cap_half:
        r = min(r, n // 2)
    return r


def attainable(rs: RuleSet, n: int) -> bool:
    """Whether any board of n members can meet the rule (required_each ≤ floor(n/2))."""
    return required_each(rs, n) <= n // 2


def _assignments(women: int, men: int, undisclosed: int) -> list[tuple[int, int]]:
    """Every way of counting the undisclosed as women/men, in the order used to break ties:
    the split closest to even first, and of two equally even splits the one with more women."""
    splits = range(undisclosed + 1)
    order = sorted(splits, key=lambda k: (abs(2 * k - undisclosed), -k))
    return [(women + k, men + undisclosed - k) for k in order]


@dataclass(frozen=True)
class BalanceVerdict:
    """The outcome of a rule set on a composition.

    ``short`` is filled only when ``status == "fail"``: for each sex below the requirement,
    required − count. The undisclosed are counted as whichever sex gives the smallest total
    shortfall (the most favourable reading — the verdict never blames an undisclosed person);
    since a fail on an attainable n always has exactly one sex short, that means all the
    undisclosed are counted as the short sex. Empty on pass, undetermined and unattainable.
    """

    status: str
    ruleset: str
    n: int
    women: int
    men: int
    undisclosed: int
    required_each: int
    short: dict[str, int] = field(default_factory=dict)


def _shortfall(req: int, w: int, m: int) -> dict[str, int]:
    out = {}
    if w < req:
        out[WOMAN] = req - w
    if m < req:
        out[MAN] = req - m
    return out


@lru_cache(maxsize=8192, typed=True)   # pure, on a few small numbers; the verdict is shared: do not change it
def evaluate_balance(rs: RuleSet, women: int, men: int, undisclosed: int = 0) -> BalanceVerdict:
    """Check a composition of ``women`` + ``men`` + ``undisclosed`` counted members.

    ``unattainable`` (no board of this size can comply) takes precedence over the rest.
    """
    for value, what in ((women, "women"), (men, "men"), (undisclosed, "undisclosed")):
        _check_count(value, f"the number of {what}")
    n = women + men + undisclosed
    req = required_each(rs, n)

    def verdict(status: str, short: dict[str, int] | None = None) -> BalanceVerdict:
        return BalanceVerdict(status, rs.id, n, women, men, undisclosed, req, short or {})

    if req > n // 2:
        return verdict(UNATTAINABLE)
    results = [_shortfall(req, w, m) for w, m in _assignments(women, men, undisclosed)]
    passes = [not r for r in results]
    if all(passes):
        return verdict(PASS)
    if any(passes):
        return verdict(UNDETERMINED)
    best = min(results, key=lambda r: sum(r.values()))   # first = tie-break order above
    return verdict(FAIL, best)


# --- § 10 a: nominations ---------------------------------------------------------------------

NOMINATION_RULES = ("dk-10a", "dk-10a-strict", "none")

NOMINATION_LEGAL_BASIS = {
    "dk-10a": "Ligestillingsloven § 10 a, stk. 1",
    "dk-10a-strict": "Ligestillingsloven § 10 a, stk. 1 (skærpet: k kvinder og k mænd)",
    "none": "",
}


@dataclass(frozen=True)
class NominationVerdict:
    """The outcome of a nomination rule on a nomination for ``seats`` seats.

    ``need`` is filled only when ``status == "fail"``: the fewest additional women and men
    the proposer must add to comply, counting the undisclosed in the most favourable way
    (smallest total; ties broken toward the most even split of the undisclosed, then toward
    counting the odd one as a woman). Empty on pass and undetermined.
    """

    status: str
    rule: str
    seats: int
    women: int
    men: int
    undisclosed: int
    need: dict[str, int] = field(default_factory=dict)


def _nomination_need(rule: str, k: int, w: int, m: int) -> dict[str, int]:
    """Fewest women/men to add so that (w, m) complies; empty when it already does."""
    if rule == "none":
        return {}
    if rule == "dk-10a-strict":
        add_w, add_m = max(0, k - w), max(0, k - m)
    elif k == 1:                       # one seat: a woman and a man
        add_w, add_m = max(0, 1 - w), max(0, 1 - m)
    else:                              # several seats: as many women as men, at least k in all
        target = max(w, m, -(-k // 2))
        add_w, add_m = target - w, target - m
    out = {}
    if add_w:
        out[WOMAN] = add_w
    if add_m:
        out[MAN] = add_m
    return out


@lru_cache(maxsize=8192, typed=True)   # pure, on a few small numbers; the verdict is shared: do not change it
def evaluate_nomination(rule: str, seats: int, women: int, men: int,
                        undisclosed: int = 0) -> NominationVerdict:
    """Check a nomination for ``seats`` seats under ``rule`` (one of :data:`NOMINATION_RULES`).

    dk-10a: for 1 seat at least one woman and one man; for k ≥ 2 seats W == M and W + M ≥ k.
    dk-10a-strict: at least k women and k men. none: always passes. There is no allowance for
    odd k (the pre-2009 "one more of one sex" clause is repealed): 2 women + 1 man for 3 seats
    fails. Special reasons (særlige grunde) are a matter for the caller, not this check.
    """
    if rule not in NOMINATION_RULES:
        raise UnknownRuleSet(f"unknown nomination rule {rule!r}; known rules: "
                             + ", ".join(NOMINATION_RULES))
    _check_count(seats, "the number of seats")
    if seats < 1:
        raise ValueError(f"a nomination is for at least one seat, got {seats}")
    for value, what in ((women, "women"), (men, "men"), (undisclosed, "undisclosed")):
        _check_count(value, f"the number of {what}")

    def verdict(status: str, need: dict[str, int] | None = None) -> NominationVerdict:
        return NominationVerdict(status, rule, seats, women, men, undisclosed, need or {})

    needs = [_nomination_need(rule, seats, w, m) for w, m in _assignments(women, men, undisclosed)]
    passes = [not d for d in needs]
    if all(passes):
        return verdict(PASS)
    if any(passes):
        return verdict(UNDETERMINED)
    return verdict(FAIL, min(needs, key=lambda d: sum(d.values())))
