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
left than tied quotients, a drawn lot decides (never the order the groups are given in). Those
seats are not in ``seats``: ``seats`` holds only the seats won for certain, and ``lot`` says how
many seats the lot gives and which groups draw for them (each can win at most one, as a group
has at most one quotient at the cut-off). The lot's turns come last in ``picking_order``, as
``None``. Equal quotients that all win (no seat contested) are not a tie for seats; their order
in ``quotients`` and ``picking_order`` is by group name, and who picks first between them is for
the groups to settle (by lot if they do not agree). The result is the same whatever the order of
``sizes``.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Mapping

__all__ = ["Quotient", "Lot", "AllocationResult", "dhondt"]


@dataclass(frozen=True)
class Quotient:
    group: str
    divisor: int
    value: Fraction


@dataclass(frozen=True)
class Lot:
    """Seats a drawn lot decides: ``seats`` of them between ``groups`` (sorted by name)."""

    seats: int
    groups: tuple[str, ...]


@dataclass(frozen=True)
class AllocationResult:
    """Outcome of :func:`dhondt`.

    seats: group → seats won for certain, every input group present (possibly 0), by group
        name; seats left
        to a drawn lot are not counted (see ``lot``).
    quotients: every quotient computed — size/1 … size/max(seats, 1) for each group with
        members, which always decides the allocation and any tie — sorted descending, equal
        values by group name, then divisor. Groups of size 0 have no quotients.
    ties: groups whose quotients equal the cut-off value when fewer seats remain than tied
        groups; a lot decides. Each inner list is sorted by group name (at most one list, as
        there is one cut-off). Empty when nothing is contested.
    lot: the seats the lot decides and the groups that draw for them, or None.
    picking_order: one entry per seat, the group owning the 1st, 2nd, … largest winning
        quotient; the lot's turns come last, as ``None`` (the group is the one the lot picks).
    """

    seats: dict[str, int]
    quotients: list[Quotient]
    ties: list[list[str]]
    picking_order: list[str | None]
    lot: Lot | None = None

    @property
    def lot_seats(self) -> int:
        """Seats left to the drawn lot (0 when none)."""
        return self.lot.seats if self.lot else 0


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

    quotients = sorted(
        (Quotient(group, d, Fraction(size, d))
         for group, size in sizes.items() if size > 0
         for d in range(1, max(seats, 1) + 1)),
        key=lambda q: (-q.value, q.group, q.divisor),
    )

    won = {group: 0 for group in sorted(sizes)}     # by name: the same answer in any order
    ties: list[list[str]] = []
    picking: list[str | None] = []
    lot: Lot | None = None
    if seats > 0:
        cutoff = quotients[seats - 1].value
        winners = [q for q in quotients if q.value > cutoff]
        # size/d is strictly decreasing in d, so each group has at most one quotient here;
        # ``quotients`` is sorted, so these are by group name whatever the order of ``sizes``.
        at_cutoff = [q for q in quotients if q.value == cutoff]
        left = seats - len(winners)
        if len(at_cutoff) > left:
            groups = tuple(q.group for q in at_cutoff)
            ties.append(list(groups))
            lot = Lot(left, groups)
        else:
            winners += at_cutoff
        for q in winners:
            won[q.group] += 1
            picking.append(q.group)
        picking += [None] * (lot.seats if lot else 0)

    return AllocationResult(seats=won, quotients=quotients, ties=ties, picking_order=picking, lot=lot)
