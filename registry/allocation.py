"""Proportional allocation of seats between council groups (d'Hondt).

KKR shares the seats it fills between its council groups (blå and rød gruppe) "in the manner of
proportional election" (forholdstalsvalg, the d'Hondt method as in the municipal election
rules, with a drawn lot on ties); the group then names the person (legal-notes.md, "KKR
itself"; domain.md §7). Pure: no I/O, no database, no clock; exact arithmetic with
:class:`fractions.Fraction`.

Method: every group's size is divided by 1, 2, 3, …; the seats go to the largest quotients.
The group owning the largest quotient picks first, then the second largest, and so on
(``picking_order``).

Ties: when several quotients equal the smallest winning quotient and there are fewer seats
left than tied quotients, a drawn lot decides. The result lists those groups in ``ties`` and,
so that the numbers add up, gives the contested seats *provisionally* to the tied groups in
input order (the order of ``sizes``); the caller must show them as undecided until the lot is
drawn. Equal quotients that all win (no seat contested) are not a tie for seats; their order in
``quotients`` and ``picking_order`` is by group name, and who picks first between them is for
the groups to settle (by lot if they do not agree).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Mapping

__all__ = ["Quotient", "AllocationResult", "dhondt"]


@dataclass(frozen=True)
class Quotient:
    group: str
    divisor: int
    value: Fraction


@dataclass(frozen=True)
class AllocationResult:
    """Outcome of :func:`dhondt`.

    seats: group → seats won, every input group present (possibly 0); seats decided by lot
        are counted provisionally (see ``ties``).
    quotients: every quotient computed — size/1 … size/max(seats, 1) for each group with
        members, which always decides the allocation and any tie — sorted descending, equal
        values by group name, then divisor. Groups of size 0 have no quotients.
    ties: groups whose quotients equal the cut-off value when fewer seats remain than tied
        groups; a lot decides. Each inner list is in input order (at most one list, as there is
        one cut-off). Empty when nothing is contested.
    picking_order: one entry per seat, the group owning the 1st, 2nd, … largest winning
        quotient; the provisionally awarded tied seats come last, in input order.
    """

    seats: dict[str, int]
    quotients: list[Quotient]
    ties: list[list[str]]
    picking_order: list[str]


def dhondt(seats: int, sizes: Mapping[str, int]) -> AllocationResult:
    """Share ``seats`` seats between groups of the given ``sizes`` by the d'Hondt method."""
    if isinstance(seats, bool) or not isinstance(seats, int):
        raise ValueError(f"The number of seats must be a whole number, got {seats!r}.")
    if seats < 0:
        raise ValueError(f"The number of seats cannot be negative, got {seats}.")
    if not sizes:
        raise ValueError("There are no groups to allocate seats between.")
    for group, size in sizes.items():
        if isinstance(size, bool) or not isinstance(size, int):
            raise ValueError(f"Group {group!r} has size {size!r}; a size must be a whole number.")
        if size < 0:
            raise ValueError(f"Group {group!r} has size {size}; a size cannot be negative.")
    if seats > 0 and not any(sizes.values()):
        raise ValueError(f"Cannot allocate {seats} seat(s): every group has 0 members.")

    order = {group: i for i, group in enumerate(sizes)}
    quotients = sorted(
        (Quotient(group, d, Fraction(size, d))
         for group, size in sizes.items() if size > 0
         for d in range(1, max(seats, 1) + 1)),
        key=lambda q: (-q.value, q.group, q.divisor),
    )

    won = {group: 0 for group in sizes}
    ties: list[list[str]] = []
    picking: list[str] = []
    if seats > 0:
        cutoff = quotients[seats - 1].value
        above = [q for q in quotients if q.value > cutoff]
        at_cutoff = [q for q in quotients if q.value == cutoff]
        left = seats - len(above)
        # size/d is strictly decreasing in d, so each group has at most one quotient here.
        at_cutoff.sort(key=lambda q: order[q.group])
        if len(at_cutoff) > left:
            ties.append([q.group for q in at_cutoff])
            winners = above + at_cutoff[:left]          # provisional: input order
        else:
            winners = above + sorted(at_cutoff, key=lambda q: q.group)
        for q in winners:
            won[q.group] += 1
            picking.append(q.group)

    return AllocationResult(seats=won, quotients=quotients, ties=ties, picking_order=picking)
