"""Small-count protection for published counts of women, men and the undisclosed (quality.md).

Sex is published only as counts, and no count that is not published may be worked out from what
is published — not from the other counts of the same row (the row's total is public: the
counted members are named), and not from a total over rows. Pure functions over integers.

**One row** (a board, a scope, a period: ``counted`` members of whom ``women``, ``men``,
``undisclosed``), :func:`public_counts`:

* ``counted`` ≤ 3: no counts at all — women, men and undisclosed are "not shown".
* women ≥ 3 and men ≥ 3: every count is shown exactly (the undisclosed follow from the total).
* otherwise each count below 3 is "fewer than 3" and each other count "not shown": a count
  shown beside a hidden one would let the hidden one be subtracted from the row's total.
* where even that lets a count be worked out by someone who knows these rules (only at 6 counted
  members: "fewer than 3, not shown, not shown" can only be 0, 3, 3), all three are "not shown"
  for every row of that size with fewer than 3 women or men.

**A table with a total** (:func:`public_table`): the total of each column minus the counts shown
in it is the sum of the hidden counts of that column. That sum gives a hidden count away when
it is the only hidden count of the column, or when the sum is the smallest or largest the
hidden counts could add up to (e.g. 0 over several "fewer than 3": then each is 0). Then
**secondary suppression** hides every count of one more board whose counts would have been shown
— the smallest with at least 7 counted members (so that its own hidden counts cannot be pinned
either), and again until nothing is given away; if no such board is left, the total's women,
men and undisclosed are "not shown" (the counted total stays).

Not covered (docs/privacy.md): a verdict (meets the rule or not) is published and can narrow
the counts down, and so can differences between reference dates.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Sequence

from registry.reports import FEWER_THAN_3 as F
from registry.reports import NOT_SHOWN as H
from registry.reports import SMALL

__all__ = ["public_counts", "public_table", "public_part", "row_ranges", "row_splits", "SECONDARY_MIN", "EXACT_UP_TO"]

#: A board hidden for a total's sake has at least this many counted members: its women and men
#: (each at least 3) and undisclosed then each have two or more possible values.
SECONDARY_MIN = 7
#: Up to this size a row's groups are found by enumerating every split; above it, by bounds.
_ENUMERATE_UP_TO = 12

Count = "int | Suppressed"


def _partial(w: int, m: int, u: int) -> tuple:
    return (F if w < SMALL else H, F if m < SMALL else H, F if u < SMALL else H)


@lru_cache(maxsize=256)
def _small_table(n: int) -> tuple[dict, dict]:
    """For a row of ``n`` counted (4 ≤ n ≤ _ENUMERATE_UP_TO): split → display, display → ranges.

    When some display of "fewer than 3" and "not shown" could only be one split (at 6: 0, 3, 3),
    every split of that size with fewer than 3 women or men is shown as "not shown" throughout:
    the possible values of each count are then every value from 0 to ``n``, without gaps."""
    splits = [(w, m, n - w - m) for w in range(n + 1) for m in range(n + 1 - w)]
    shown = {t: t for t in splits if t[0] >= SMALL and t[1] >= SMALL}
    disp = {t: _partial(*t) for t in splits if t not in shown}
    groups: dict[tuple, list] = {}
    for t, d in disp.items():
        groups.setdefault(d, []).append(t)
    if any(_pins(ts) for ts in groups.values()):
        disp = {t: (H, H, H) for t in disp}
        groups = {(H, H, H): list(disp)}
    ranges = {d: tuple((min(t[i] for t in ts), max(t[i] for t in ts)) for i in range(3)) for d, ts in groups.items()}
    disp.update(shown)
    return disp, ranges


def _pins(splits: Sequence[tuple]) -> bool:
    """True when some count takes one value only across ``splits``."""
    return any(len({t[i] for t in splits}) < 2 for i in range(3))


def _bounds(n: int, display: tuple) -> tuple:
    """The range of each hidden count given the row's total and the other cells' bounds."""
    box = [(0, SMALL - 1) if c is F else (SMALL, n) if c is H else (c, c) for c in display]
    lo_sum, hi_sum = sum(b[0] for b in box), sum(b[1] for b in box)
    return tuple((max(lo, n - (hi_sum - hi)), min(hi, n - (lo_sum - lo))) for lo, hi in box)


def public_counts(counted: int, women: int, men: int, undisclosed: int) -> tuple:
    """(women, men, undisclosed) as they may be published for one row of ``counted`` members."""
    if counted <= 0:
        return women, men, undisclosed
    if counted <= SMALL:
        return H, H, H
    if women >= SMALL and men >= SMALL:
        return women, men, undisclosed
    if counted <= _ENUMERATE_UP_TO:
        return _small_table(counted)[0][(women, men, undisclosed)]
    return _partial(women, men, undisclosed)


def row_ranges(counted: int, display: tuple, secondary: bool | str = False) -> tuple:
    """What someone who knows these rules can tell about each count of a row from its display:
    ((low, high) for women, men, undisclosed)."""
    if secondary == "forced":
        return ((0, counted),) * 3
    if secondary:            # a row that would have been shown: women and men at least 3 each
        return ((SMALL, counted - SMALL), (SMALL, counted - SMALL), (0, counted - 2 * SMALL))
    if counted <= SMALL:
        return ((0, counted),) * 3 if counted > 0 else ((0, 0),) * 3
    if all(isinstance(c, int) for c in display):
        return tuple((c, c) for c in display)
    if counted <= _ENUMERATE_UP_TO:
        return _small_table(counted)[1][display]
    return _bounds(counted, display)


def public_table(rows: Iterable[tuple[int, int, int, int]], total: tuple[int, int, int, int] | None = None,
                 keys: Sequence[str] | None = None, hide: Iterable[int] = ()) -> tuple[list[tuple], tuple | None]:
    """Displays for every row (counted, women, men, undisclosed) and for their ``total``.

    Each row follows :func:`public_counts`; then, when the total would give a hidden count away,
    secondary suppression as the module says. Returns ([(women, men, undisclosed) per row],
    (women, men, undisclosed) of the total or None). ``keys`` (e.g. board ids) break ties between
    boards of the same size, so that every report hides the same board for the same total.
    Rows in ``hide`` (by index) show no counts whatever they are (they would give away another
    table's hidden counts); they count as hidden rows of any split."""
    rows = [tuple(r) for r in rows]
    keys = list(keys) if keys is not None else [f"{i:09d}" for i in range(len(rows))]
    shown = [public_counts(*r) for r in rows]
    forced = {i for i in hide if rows[i][0] > 0}
    for i in forced:
        shown[i] = (H, H, H)
    if total is None:
        return shown, None
    secondary: set[int] = set(forced)
    while True:
        if not _total_pins(rows, shown, secondary, total, forced):
            return shown, tuple(total[1:])
        candidates = sorted((r[0], keys[i], i) for i, r in enumerate(rows)
                            if i not in secondary and r[0] >= SECONDARY_MIN and all(isinstance(c, int) for c in shown[i]))
        if not candidates:
            return shown, (H, H, H)
        i = candidates[0][2]
        secondary.add(i)
        shown[i] = (H, H, H)


def _column(rows: list, shown: list, ranges: list, total: tuple, col: int) -> tuple[bool, dict]:
    """Whether the total of column ``col`` gives a hidden count away, and which hidden counts of
    it are known (row index → value) when it does."""
    residual, hidden = total[col + 1], []
    for i, d in enumerate(shown):
        if isinstance(d[col], int):
            residual -= d[col]
        else:
            a, b = ranges[i][col]
            if a == b:
                residual -= a
            else:
                hidden.append((i, a, b))
    if not hidden:
        return False, {}
    lo, hi = sum(h[1] for h in hidden), sum(h[2] for h in hidden)
    if len(hidden) == 1:
        return True, {hidden[0][0]: residual}
    if residual == lo:
        return True, {i: a for i, a, _b in hidden}
    if residual == hi:
        return True, {i: b for i, _a, b in hidden}
    return False, {}


#: Up to this many counted members on the rows with hidden counts, a total is checked exactly
#: (every combination of the rows' possible splits); above, by the bounds of each column.
EXACT_UP_TO = 160


def row_splits(counted: int, display: tuple, secondary: bool | str = False) -> list[tuple]:
    """Every split (women, men, undisclosed) a reader who knows these rules sees behind a row
    (``secondary``: hidden for a total's sake; "forced": hidden for another table's sake)."""
    n = counted
    every = [(w, m, n - w - m) for w in range(n + 1) for m in range(n + 1 - w)]
    if secondary == "forced":
        return every
    if secondary:
        return [t for t in every if t[0] >= SMALL and t[1] >= SMALL]
    return [t for t in every if public_counts(n, *t) == tuple(display)]


def _status(i: int, secondary: set, forced: set) -> bool | str:
    return "forced" if i in forced else i in secondary


def _total_pins(rows: list, shown: list, secondary: set, total: tuple, forced: set = frozenset()) -> bool:
    hidden = [i for i, d in enumerate(shown) if not all(isinstance(c, int) for c in d)]
    if sum(rows[i][0] for i in hidden) <= EXACT_UP_TO:
        return _total_pins_exact(rows, shown, secondary, total, hidden, forced)
    return _total_pins_bounds(rows, shown, secondary, total, forced)


def _total_pins_exact(rows: list, shown: list, secondary: set, total: tuple, hidden: list,
                      forced: set = frozenset()) -> bool:
    """Exactly: some hidden count of women or men has one value in every combination of the
    hidden rows' possible splits that adds up to the total (women, men, undisclosed together)."""
    if not hidden:
        return False
    rw, rm = total[1], total[2]
    for i, d in enumerate(shown):
        if i not in hidden:
            rw, rm = rw - d[0], rm - d[1]
    options = [row_splits(rows[i][0], shown[i], _status(i, secondary, forced)) for i in hidden]
    # the undisclosed follow from women and men: each row's counted total is known
    forward = [{(0, 0)}]
    for opts in options:
        forward.append({(a + t[0], b + t[1]) for a, b in forward[-1] for t in opts if a + t[0] <= rw and b + t[1] <= rm})
    backward = [{(0, 0)}]
    for opts in reversed(options):
        backward.append({(a + t[0], b + t[1]) for a, b in backward[-1] for t in opts if a + t[0] <= rw and b + t[1] <= rm})
    backward.reverse()
    for k, (i, opts) in enumerate(zip(hidden, options)):
        after = backward[k + 1]
        feasible = [t for t in opts if any((rw - a - t[0], rm - b - t[1]) in after for a, b in forward[k])]
        for col in (0, 1):
            if not isinstance(shown[i][col], int) and len({t[col] for t in feasible}) < 2:
                return True
    return False


def _total_pins_bounds(rows: list, shown: list, secondary: set, total: tuple, forced: set = frozenset()) -> bool:
    """By bounds (large tables): the total lets a hidden count of women or men be worked out. The undisclosed
    may be worked out (a total of 0 undisclosed says so of every board); they then narrow the
    women and men down, which is taken into account."""
    ranges = [list(row_ranges(r[0], d, _status(i, secondary, forced))) for i, (r, d) in enumerate(zip(rows, shown))]
    pinned_u, known_u = _column(rows, shown, ranges, total, 2)
    if pinned_u:
        for i, u in known_u.items():
            (aw, bw), (am, bm) = ranges[i][0], ranges[i][1]
            rest = rows[i][0] - u
            ranges[i][0] = (max(aw, rest - bm), min(bw, rest - am))
            ranges[i][1] = (max(am, rest - bw), min(bm, rest - aw))
            if not isinstance(shown[i][0], int) and ranges[i][0][0] == ranges[i][0][1]:
                return True
            if not isinstance(shown[i][1], int) and ranges[i][1][0] == ranges[i][1][1]:
                return True
    return _column(rows, shown, ranges, total, 0)[0] or _column(rows, shown, ranges, total, 1)[0]


def public_part(part: tuple[int, int, int, int], whole: tuple[int, int, int, int], whole_shown: tuple) -> tuple:
    """(women, men, undisclosed) as they may be published for ``part`` of a board (its KKR's own
    seats) beside the whole board, published as ``whole_shown``: nothing when the whole board's
    counts are hidden (the part would narrow them down), and nothing when the whole board's
    counts minus what the rest of the board can be pin a hidden count of the part."""
    n = part[0]
    if n <= 0:
        return part[1:]
    if not all(isinstance(c, int) for c in whole_shown):
        return (H, H, H)
    display = public_counts(*part)
    if all(isinstance(c, int) for c in display):
        return display
    rest = whole[0] - n
    feasible = [t for t in row_splits(n, display)
                if all(0 <= whole[k + 1] - t[k] for k in range(3)) and sum(whole[k + 1] - t[k] for k in range(3)) == rest]
    if any(not isinstance(display[c], int) and len({t[c] for t in feasible}) < 2 for c in range(3)):
        return (H, H, H)
    return display
