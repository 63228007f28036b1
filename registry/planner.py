"""The planner (domain.md §7): can the open seats of a round be filled so that the board meets
its gender rule sets, how many women and men must be chosen, which selections do it, and — if
none does — the smallest change to the nominations that would make one.

Pure: a function of a :class:`~registry.snapshot.BoardSnapshot` and the round's start date.

The model
---------
* The composition is the one in force on the round's first day; only seat groups that count
  for balance take part (observers and non-counted seats are left to the secretary).
* **Fixed** seats: members whose appointment is active on the round's first day (continuing or
  already appointed for the round), and every seat of a group appointed by someone other than
  the registry's own KKR (``snapshot.owner_orgs``); such a seat with no known holder is counted
  as a person of undisclosed sex — and, since it may also still be vacant when the board meets,
  every scope is judged both with it filled and with it vacant. With no owner organisations
  known, every group is the registry's own.
* **Open** seats: the rest of the registry's own groups' seats. Candidates come from the round's
  nominations for that group, from entitled nominators only (a ``joint`` group only from a
  nomination by all its nominators together), at most ``nomination.seats`` from one nomination,
  never a person already fixed on the board. A group with no entitled nominators and no
  nominations (seats a council group fills) is **free**: the selection names the sex to choose,
  with ``person = None``.
* A selection is **compliant** when every rule set × scope of the composition passes whatever
  the undisclosed are (``unattainable`` cannot be helped and does not block). A scope without
  open seats cannot be changed by the selection: it blocks every selection only when it fails
  (with the unknown seats filled, or vacant), and is otherwise left out (another appointing
  body's seats with unknown holders are "undetermined" and must not make every plan impossible).

The search
----------
Counts first, people last. Each open group's possible (women, men, undisclosed) fillings are
worked out from its nominations; a dynamic programme over the groups keeps only the running
totals per appointing body (all a scope can see). Compliant end states are then walked back to
per-group counts, and only those are turned into named people, up to ``limit`` selections.
The same programme, allowed to add hypothetical candidates at a cost of one each, finds the
smallest change when no selection exists.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Iterator, Sequence

from registry.i18n import N_, N_n, translate
from registry.rules._common import composition_on
from registry.rules.gender import scope_groups
from registry.rules.rulesets import FAIL, MAN, PASS, UNATTAINABLE, WOMAN, UnknownRuleSet, evaluate_balance, get_ruleset
from registry.snapshot import BoardSnapshot, NominationFact, PersonFact, SeatRule

__all__ = ["plan", "PlanResult"]

Vec = tuple[int, int, int]            # women, men, undisclosed
State = tuple[Vec, ...]               # one Vec per appointing body with open seats

#: how many candidate combinations the materialiser may try before giving up (duplicates only)
MAX_TRIES = 20_000


@dataclass(frozen=True)
class PlanResult:
    """What the planner found for one board and round. ``to_dict`` is the JSON of cli.md."""

    feasible: bool
    women_needed: tuple[int, int]
    men_needed: tuple[int, int]
    selections: list[list[dict[str, Any]]]
    smallest_change: str                                  # English; see smallest_change_text
    changes: tuple[tuple[str, dict[str, Any]], ...] = ()   # templates and params behind it
    round: date | None = None
    open_seats: dict[str, int] = field(default_factory=dict)
    fixed: dict[str, int] = field(default_factory=dict)    # women / men / undisclosed counted as fixed

    def smallest_change_text(self, lang: str | None = None) -> str:
        """The smallest change in ``lang`` (default: the current interface language)."""
        return "; ".join(translate(t, lang, **p) for t, p in self.changes)

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        return {
            "feasible": self.feasible,
            "women_needed": list(self.women_needed),
            "men_needed": list(self.men_needed),
            "selections": [[dict(e) for e in sel] for sel in self.selections],
            "smallest_change": self.smallest_change_text(lang),
        }


@dataclass
class _Group:
    seat: SeatRule
    open: int
    bucket: int
    free: bool
    noms: list[tuple[NominationFact, list[PersonFact]]]
    targets: list[tuple[Vec, int, int, int]] = field(default_factory=list)   # vec, cost, extra w, extra m


def _sex(p: PersonFact) -> int:
    return 0 if p.sex == WOMAN else 1 if p.sex == MAN else 2


def _entitled(n: NominationFact, s: SeatRule) -> bool:
    if not s.nominated_by:
        return True
    orgs, entitled = set(n.organisations), set(s.nominated_by)
    if not orgs or not orgs <= entitled:
        return False
    return not s.joint or entitled <= orgs


def _real_vectors(g: _Group) -> set[Vec]:
    """Every (w, m, u) with w + m + u ≤ open that the group's nominations can supply."""
    reach: set[Vec] = {(0, 0, 0)}
    for n, cands in g.noms:
        have = [0, 0, 0]
        for c in cands:
            have[_sex(c)] += 1
        cap = min(max(n.seats, 0), g.open)
        opts = [(a, b, c) for a in range(have[0] + 1) for b in range(have[1] + 1) for c in range(have[2] + 1)
                if a + b + c <= cap]
        reach = {(x + a, y + b, z + c) for (x, y, z) in reach for (a, b, c) in opts if x + y + z + a + b + c <= g.open}
    return reach


def _targets(g: _Group) -> list[tuple[Vec, int, int, int]]:
    """Full fillings of the group's open seats with the hypothetical candidates each needs."""
    k = g.open
    if g.free:
        return [((w, k - w, 0), 0, 0, 0) for w in range(k + 1)]
    real = _real_vectors(g)
    out = []
    for u in sorted({v[2] for v in real}):
        rest = k - u
        for w in range(rest + 1):
            m = rest - w
            best = None
            for a, b, c in real:
                if c == u and a <= w and b <= m:
                    cost = (w - a) + (m - b)
                    if best is None or cost < best[0]:
                        best = (cost, w - a, m - b)
            if best is not None:
                out.append(((w, m, u), *best))
    return out


def _add(state: State, i: int, v: Vec) -> State:
    s = list(state)
    w, m, u = s[i]
    s[i] = (w + v[0], m + v[1], u + v[2])
    return tuple(s)


def plan(snapshot: BoardSnapshot, round: date, limit: int = 5) -> PlanResult:
    """Plan the round starting on ``round`` for ``snapshot``'s board; up to ``limit`` selections."""
    comp = composition_on(snapshot, round)
    if comp is None:
        msg = N_("No composition of the board is in force on {round}; record one before planning the round")
        return PlanResult(False, (0, 0), (0, 0), [], translate(msg, "en", round=round), ((msg, {"round": round}),), round)

    owner = snapshot.owner_orgs
    counted = [s for s in comp.seats if s.counts_for_balance]
    fixed_members = [h for h in snapshot.history if h.role == "member" and h.active_on(round)]
    fixed_people = {h.person.id for h in fixed_members}
    by_seat: dict[str, list] = defaultdict(list)
    for h in fixed_members:
        by_seat[h.seat].append(h)

    fixed: dict[str, list[int]] = {}            # seat id → [w, m, u] of the known holders
    unknown: dict[str, int] = {}                # seat id → other appointers' seats with no known holder
    groups: list[_Group] = []
    buckets: list[str | None] = []
    for s in counted:
        holders = by_seat.get(s.id, [])
        tally = [0, 0, 0]
        for h in holders:
            tally[_sex(h.person)] += 1
        own = not owner or s.appointed_by is None or s.appointed_by in owner
        missing = max(0, s.count - len(holders))
        fixed[s.id] = tally
        unknown[s.id] = 0 if own else missing
        if own and missing:
            if s.appointed_by not in buckets:
                buckets.append(s.appointed_by)
            noms = []
            for n in snapshot.nominations:
                if n.round == round and n.seat == s.id and _entitled(n, s):
                    seen: dict[str, PersonFact] = {}
                    for c in n.candidates:
                        if c.id not in fixed_people:
                            seen.setdefault(c.id, c)
                    noms.append((n, list(seen.values())))
            noms.sort(key=lambda x: x[0].id)
            g = _Group(s, missing, buckets.index(s.appointed_by), free=not s.nominated_by and not noms, noms=noms)
            g.targets = _targets(g)
            groups.append(g)

    # the scopes the selection can change, each as (seat ids, bucket indexes)
    checks = []
    rulesets = []
    for rs_id in comp.balance:
        try:
            rulesets.append(get_ruleset(rs_id, snapshot.custom_rulesets))
        except (UnknownRuleSet, ValueError):
            continue
    # Other appointers' unknown seats end up filled (by anyone: undisclosed) or still vacant;
    # a scope is judged in both cases.
    settled_fail = False
    for scope, appointer, ids in scope_groups(comp, comp.scopes, owner):
        idx = sorted({g.bucket for g in groups if g.seat.id in ids})
        vacant = tuple(sum(fixed[i][k] for i in ids if i in fixed) for k in range(3))
        filled = (vacant[0], vacant[1], vacant[2] + sum(unknown.get(i, 0) for i in ids))
        bases = (filled, vacant) if filled != vacant else (vacant,)
        if idx:
            checks.append((bases, tuple(idx)))
        elif any(evaluate_balance(rs, *b).status == FAIL for rs in rulesets for b in bases):
            settled_fail = True     # fails whatever is chosen

    def compliant(state: State) -> bool:
        if settled_fail:
            return False
        for bases, idx in checks:
            for w, m, u in bases:
                for i in idx:
                    w, m, u = w + state[i][0], m + state[i][1], u + state[i][2]
                for rs in rulesets:
                    if evaluate_balance(rs, w, m, u).status not in (PASS, UNATTAINABLE):
                        return False
        return True

    # dynamic programme over the groups: state → least number of hypothetical candidates
    init: State = tuple((0, 0, 0) for _ in buckets)
    costs: list[dict[State, int]] = [{init: 0}]
    back: list[dict[State, list[tuple[State, tuple[Vec, int, int, int]]]]] = []
    for g in groups:
        cur: dict[State, int] = {}
        links: dict[State, list] = defaultdict(list)
        for st, c0 in costs[-1].items():
            for t in g.targets:
                ns = _add(st, g.bucket, t[0])
                links[ns].append((st, t))
                total = c0 + t[1]
                if ns not in cur or total < cur[ns]:
                    cur[ns] = total
        costs.append(cur)
        back.append(links)

    final = costs[-1]
    good = [st for st in final if compliant(st)]

    def totals(st: State) -> Vec:
        return (sum(v[0] for v in st), sum(v[1] for v in st), sum(v[2] for v in st))

    def preference(st: State):
        w, m, u = totals(st)
        return (abs(w - m), u, -w, st)

    ready = sorted((st for st in good if final[st] == 0), key=preference)
    open_seats = {g.seat.id: g.open for g in groups}
    fixed_total = {"women": 0, "men": 0, "undisclosed": 0}
    for seat_id, t in fixed.items():
        for k, name in enumerate(("women", "men", "undisclosed")):
            fixed_total[name] += t[k]
        fixed_total["undisclosed"] += unknown[seat_id]

    selections: list[list[dict[str, Any]]] = []
    tries = [0]
    for per_group in _walk(ready, groups, costs, back):
        for sel in _materialise(groups, per_group, tries):
            selections.append(sel)
            if len(selections) >= max(limit, 1):
                break
        if len(selections) >= max(limit, 1) or tries[0] > MAX_TRIES:
            break
    feasible = bool(selections)
    selections = selections[:max(limit, 0)]

    pool = ready if feasible else good
    if pool:
        women = (min(totals(s)[0] for s in pool), max(totals(s)[0] for s in pool))
        men = (min(totals(s)[1] for s in pool), max(totals(s)[1] for s in pool))
    else:
        women = men = (0, 0)

    changes: tuple[tuple[str, dict[str, Any]], ...] = ()
    if not feasible:
        changes = _smallest_change(groups, good, final, costs, back, preference, sum(open_seats.values()))
    text = "; ".join(translate(t, "en", **p) for t, p in changes)
    return PlanResult(feasible, women, men, selections, text, changes, round, open_seats, fixed_total)


def _walk(ends: Sequence[State], groups: list[_Group], costs, back) -> Iterator[list[Vec]]:
    """Per-group counts (cost 0 all the way) leading to each end state, in order."""
    def rec(i: int, st: State, acc: list[Vec]) -> Iterator[list[Vec]]:
        if i < 0:
            yield list(reversed(acc))
            return
        for prev, t in back[i][st]:
            if t[1] == 0 and costs[i].get(prev) == 0:
                acc.append(t[0])
                yield from rec(i - 1, prev, acc)
                acc.pop()
    for end in ends:
        yield from rec(len(groups) - 1, end, [])


def _pick(g: _Group, vec: Vec) -> Iterator[list[dict[str, Any]]]:
    """Named people for ``vec`` in group ``g``: per nomination at most its seats."""
    if g.free:
        yield [{"seat": g.seat.id, "person": None, "nomination": None, "sex": sex}
               for sex in [WOMAN] * vec[0] + [MAN] * vec[1]]
        return
    pools = []
    for n, cands in g.noms:
        by = ([c for c in cands if _sex(c) == 0], [c for c in cands if _sex(c) == 1], [c for c in cands if _sex(c) == 2])
        pools.append((n, by))

    # what the nominations from i on can still supply, per sex and in all (for pruning)
    supply = [[0, 0, 0, 0] for _ in range(len(pools) + 1)]
    for i in range(len(pools) - 1, -1, -1):
        n, by = pools[i]
        cap = max(n.seats, 0)
        supply[i] = [supply[i + 1][k] + min(len(by[k]), cap) for k in range(3)] + [supply[i + 1][3] + cap]

    def rec(i: int, need: list[int]) -> Iterator[list[tuple[NominationFact, PersonFact]]]:
        if need == [0, 0, 0]:
            yield []
            return
        if i == len(pools) or any(need[k] > supply[i][k] for k in range(3)) or sum(need) > supply[i][3]:
            return
        n, by = pools[i]
        cap = max(n.seats, 0)
        for a in range(min(need[0], len(by[0])), -1, -1):
            for b in range(min(need[1], len(by[1])), -1, -1):
                for c in range(min(need[2], len(by[2])), -1, -1):
                    if a + b + c > cap:
                        continue
                    for ws in itertools.combinations(by[0], a):
                        for ms in itertools.combinations(by[1], b):
                            for us in itertools.combinations(by[2], c):
                                here = [(n, p) for p in (*ws, *ms, *us)]
                                for rest in rec(i + 1, [need[0] - a, need[1] - b, need[2] - c]):
                                    yield here + rest

    for picks in rec(0, list(vec)):
        yield [{"seat": g.seat.id, "person": p.id, "nomination": n.id, "sex": p.sex} for n, p in picks]


def _materialise(groups: list[_Group], per_group: list[Vec], tries: list[int]) -> Iterator[list[dict[str, Any]]]:
    """Whole selections for one per-group count assignment; nobody chosen twice."""
    def rec(i: int, used: set[str]) -> Iterator[list[dict[str, Any]]]:
        if i == len(groups):
            yield []
            return
        for part in _pick(groups[i], per_group[i]):
            tries[0] += 1
            if tries[0] > MAX_TRIES:
                return
            ids = [e["person"] for e in part if e["person"] is not None]
            if len(set(ids)) != len(ids) or used.intersection(ids):
                continue
            for rest in rec(i + 1, used | set(ids)):
                yield part + rest
    yield from rec(0, set())


def _smallest_change(groups, good, final, costs, back, preference, total_open):
    if not good:
        msg = N_n("No choice for the {open} open seat can meet the balance rules: the members continuing into the round and the seats of other appointing bodies already decide it",
                  "No choice among the {open} open seats can meet the balance rules: the members continuing into the round and the seats of other appointing bodies already decide it",
                  "open")
        return ((msg, {"open": total_open}),)
    best = min(good, key=lambda st: (final[st], preference(st)))
    if final[best] == 0:
        msg = N_("The same people are nominated for several seats, so no selection names each person once; ask for more candidates")
        return ((msg, {}),)
    # walk back along least-cost links, preferring even fillings
    extras: list[tuple[int, int]] = [(0, 0)] * len(groups)
    st = best
    for i in range(len(groups) - 1, -1, -1):
        need = costs[i + 1][st]
        options = [(prev, t) for prev, t in back[i][st] if costs[i].get(prev, 10**9) + t[1] == need]
        prev, t = min(options, key=lambda o: (abs(o[1][0][0] - o[1][0][1]), o[1][1], o[1][0]))
        extras[i] = (t[2], t[3])
        st = prev
    out = []
    for g, (w, m) in zip(groups, extras):
        p = {"seat_name": g.seat.name}
        if w == 1:
            out.append((N_("one more woman nominated for the {seat_name} seats"), p))
        elif w > 1:
            out.append((N_("{count} more women nominated for the {seat_name} seats"), {**p, "count": w}))
        if m == 1:
            out.append((N_("one more man nominated for the {seat_name} seats"), p))
        elif m > 1:
            out.append((N_("{count} more men nominated for the {seat_name} seats"), {**p, "count": m}))
    return tuple(out)

