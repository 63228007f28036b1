"""Small counts cannot be worked out from what is published (issue 13, points 10 and 12;
quality.md): checked against an attacker who knows the rules (registry/reports/suppress.py) and
tries every split of women, men and undisclosed that would have been published the same way."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from registry.reports import FEWER_THAN_3, NOT_SHOWN, Suppressed, public_counts, public_table


def splits(n):
    return [(w, m, n - w - m) for w in range(n + 1) for m in range(n + 1 - w)]


def test_worked_examples():
    F, H = FEWER_THAN_3, NOT_SHOWN
    assert public_counts(1, 0, 1, 0) == (H, H, H)          # a board of 3 or fewer: no counts at all
    assert public_counts(3, 1, 2, 0) == (H, H, H)
    assert public_counts(8, 4, 4, 0) == (4, 4, 0)          # 3 or more of each sex: exact
    assert public_counts(8, 3, 4, 1) == (3, 4, 1)
    # 1 woman, 3 men of 4: "men 3" would give away "women + undisclosed = 1"
    assert public_counts(4, 1, 3, 0) == (F, H, F)
    # 0 women, 3 men, 3 undisclosed of 6: "fewer than 3 / not shown / not shown" could only be that
    assert public_counts(6, 0, 3, 3) == (H, H, H)
    assert public_counts(6, 2, 2, 2) == (H, H, H)
    assert public_counts(0, 0, 0, 0) == (0, 0, 0)


def test_no_hidden_count_of_one_row_can_be_worked_out():
    """Every row of 1..40 counted members: whatever is hidden has at least two possible values."""
    for n in range(1, 41):
        seen: dict[tuple, list] = {}
        for t in splits(n):
            seen.setdefault(public_counts(n, *t), []).append(t)
        for display, ts in seen.items():
            for i, cell in enumerate(display):
                if isinstance(cell, Suppressed):
                    assert len({t[i] for t in ts}) >= 2, (n, display, ts)
                    if cell == FEWER_THAN_3:
                        assert all(t[i] < 3 for t in ts)
                else:
                    assert {t[i] for t in ts} == {cell}
            if n > 3 and any(t[0] < 3 or t[1] < 3 for t in ts):
                assert any(isinstance(c, Suppressed) for c in display[:2]), (n, display)


def row_candidates(n, display):
    """The splits a reader who knows the row rules can see behind one published row: the splits
    published the same way, or — a row of 7 or more with nothing shown, hidden for a total's sake
    — every split with at least 3 women and 3 men."""
    if n >= 7 and display == (NOT_SHOWN,) * 3:
        return [t for t in splits(n) if t[0] >= 3 and t[1] >= 3]
    return [t for t in splits(n) if public_counts(n, *t) == display]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=9), min_size=1, max_size=3), st.data())
def test_no_hidden_count_can_be_worked_out_from_a_total(sizes, data):
    """Tables of up to 3 boards: every combination of the rows' possible splits that adds up to
    the published total (women, men and undisclosed together) leaves each hidden count of women
    and men with two or more possible values. (The reader is not assumed to retrace why a board
    was hidden for the total's sake: docs/privacy.md.)"""
    rows = [(n, *data.draw(st.sampled_from(splits(n)))) for n in sizes]
    total = tuple(sum(r[k] for r in rows) for k in range(4))
    shown_rows, shown_total = public_table(rows, total)
    options = [row_candidates(n, d) for n, d in zip(sizes, shown_rows)]
    consistent = [combo for combo in itertools.product(*options)
                  if isinstance(shown_total[0], Suppressed)
                  or all(sum(t[k] for t in combo) == total[k + 1] for k in range(3))]
    assert tuple(r[1:] for r in rows) in consistent
    for i, display in enumerate(shown_rows):
        for col in (0, 1):
            if isinstance(display[col], Suppressed):
                values = {c[i][col] for c in consistent}
                assert len(values) >= 2, (rows, shown_rows, shown_total, i, col, values)
    if not isinstance(shown_total[0], Suppressed):
        assert shown_total == total[1:]


def test_a_total_beside_one_hidden_board_is_protected_by_a_second_board():
    # board A: 1 woman, 4 men (hidden); boards B (4 and 4) and C (5 and 5) shown; total 10 women, 13 men.
    # Without more, 10 - 4 - 5 = 1 woman on A. The smallest board of 7 or more (B) is hidden too.
    rows = [(5, 1, 4, 0), (8, 4, 4, 0), (10, 5, 5, 0)]
    shown, total = public_table(rows, (23, 10, 13, 0))
    assert shown[0] == (FEWER_THAN_3, NOT_SHOWN, FEWER_THAN_3)
    assert shown[1] == (NOT_SHOWN, NOT_SHOWN, NOT_SHOWN)
    assert shown[2] == (5, 5, 0)
    assert total == (10, 13, 0)
    # with no board left to hide, the total's counts are not shown
    shown, total = public_table([(5, 1, 4, 0), (10, 5, 5, 0)][:1] + [(6, 3, 3, 0)], (11, 4, 7, 0))
    assert total == (NOT_SHOWN, NOT_SHOWN, NOT_SHOWN)
