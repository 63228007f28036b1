"""BoardSnapshot: a plain, frozen picture of one board on one date (the types only).

Rules are pure functions of a snapshot (see ``registry.rules``); this module imports no database
code (an import contract checks it). The queries that build snapshots are
:mod:`registry.snapshot_sql`.

What-if is "the snapshot plus one change": :meth:`BoardSnapshot.with_appointment` and
:meth:`BoardSnapshot.with_ended` return a new snapshot; nothing touches the database.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Mapping, Sequence

from registry.i18n import N_, Msgid, translate
from registry.rules.rulesets import RuleSet
from registry.succession import holdovers
from registry.terms import TermPattern

# --- plain facts ------------------------------------------------------------------------------


@dataclass(frozen=True)
class OfficeFact:
    office: str            # council-member | mayor | regional-council-member | kkr-member | …
    body: str              # municipality id, or organisation id (region-nordjylland)
    start: date
    end: date | None


@dataclass(frozen=True)
class PersonFact:
    id: str
    name: str
    sex: str = "undisclosed"       # woman | man | undisclosed — as declared, never guessed
    party: str | None = None
    municipality: str | None = None
    skills: tuple[str, ...] = ()
    offices: tuple[OfficeFact, ...] = ()
    recorded: bool = True          # False: the seat is filled, but the registry does not know by whom


#: How a holder who is not recorded is named (a message id: translated where shown).
NOT_RECORDED = Msgid(N_("not recorded"))


def not_recorded_holder(appointment: str) -> PersonFact:
    """The holder of an appointment whose person is not recorded: sex undisclosed (never
    guessed), no offices or skills, and an id of its own per appointment, so that two such
    holders are never taken for one person (term-overlap, plurality, term limits)."""
    return PersonFact(f"{NOT_RECORDED_PREFIX}{appointment}", NOT_RECORDED, recorded=False)


def holder_name(person: PersonFact, lang: str | None = None) -> str:
    """A holder's name as shown: "not recorded" (in the reader's language) when not recorded."""
    return person.name if person.recorded else translate(person.name, lang)


#: the prefix of a not-recorded holder's id (never a valid person id: ids have no ':')
NOT_RECORDED_PREFIX = "not-recorded:"


@dataclass(frozen=True)
class SeatRule:
    id: str
    name: str
    count: int
    appointed_by: str | None = None
    nominated_by: tuple[str, ...] = ()
    joint: bool = False
    eligibility: tuple[str, ...] = ()
    voting: bool = True
    counts_for_balance: bool = True     # resolved: defaults to ``voting``
    deputies: str = "none"              # none | optional | required
    collective: tuple[tuple[str, int], ...] = ()   # (skill, minimum holders)
    spread: int | None = None
    max_share: float | None = None


@dataclass(frozen=True)
class CompositionRule:
    valid_from: date
    valid_to: date | None
    size_min: int | None
    size_max: int | None
    odd: bool
    balance: tuple[str, ...]
    scopes: tuple[str, ...]
    balance_severity: str
    nomination_rule: str
    source: str | None
    seats: tuple[SeatRule, ...]
    _by_id: Mapping[str, SeatRule] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_id: dict[str, SeatRule] = {}
        for s in self.seats:
            by_id.setdefault(s.id, s)
        object.__setattr__(self, "_by_id", by_id)

    def seat(self, seat_id: str) -> SeatRule | None:
        return self._by_id.get(seat_id)

    def in_force(self, on: date) -> bool:
        return self.valid_from <= on and (self.valid_to is None or on <= self.valid_to)


@dataclass(frozen=True)
class Holding:
    """One appointment (member or deputy) with the facts the rules need."""

    appointment: str
    seat: str
    person: PersonFact
    role: str = "member"                 # member | deputy
    deputy_for: str | None = None
    start: date = date.min
    end: date | None = None              # None: open-ended (custom term)
    ended_date: date | None = None       # ended early
    ended_reason: str | None = None
    nominated_by: tuple[str, ...] = ()
    nomination: str | None = None
    council_group: str | None = None
    override_reason: str | None = None
    status: str = "active"               # active | holdover (computed for a date)
    version: int | None = field(default=None, compare=False)   # as read, for a write that states it

    @property
    def last_day(self) -> date | None:
        """The last day the appointment runs: the early end if any, else the end."""
        if self.ended_date is not None and (self.end is None or self.ended_date < self.end):
            return self.ended_date
        return self.end

    def active_on(self, on: date) -> bool:
        last = self.last_day
        return self.start <= on and (last is None or on <= last)


@dataclass(frozen=True)
class AllocationFact:
    id: str
    seat: str
    council_group: str
    council_group_name: str
    start: date
    end: date | None


@dataclass(frozen=True)
class NominationFact:
    id: str
    seat: str
    round: date
    organisations: tuple[str, ...]
    seats: int
    candidates: tuple[PersonFact, ...]
    received: date | None = None
    deadline: date | None = None
    reasons: str = ""
    reasons_accepted: str = ""          # "yes" | "no" | "" (not decided)


@dataclass(frozen=True)
class BoardFact:
    id: str
    name: str
    kkr: str
    legal_basis: str = ""
    term: TermPattern = TermPattern("custom")
    statutory: bool = False
    decision_making: bool = False
    holdover: bool = False
    max_consecutive_terms: int = 0


@dataclass(frozen=True)
class BoardSnapshot:
    """A board on a date. ``members``/``deputies`` are derived from ``history`` for ``on``."""

    board: BoardFact
    on: date
    compositions: tuple[CompositionRule, ...]
    history: tuple[Holding, ...]                        # every appointment of the board
    allocations: tuple[AllocationFact, ...] = ()        # active on ``on``
    later_allocations: tuple[AllocationFact, ...] = ()  # starting after ``on`` (seats falling vacant then)
    nominations: tuple[NominationFact, ...] = ()        # rounds in progress or next on ``on``, existing on ``on``
    kkr_municipalities: frozenset[str] = frozenset()    # municipalities of the board's KKR
    owner_orgs: frozenset[str] = frozenset()            # organisations that are the board's KKR
    org_names: Mapping[str, str] = field(default_factory=dict)
    custom_rulesets: Mapping[str, RuleSet] = field(default_factory=dict)
    seats_held: Mapping[str, int] = field(default_factory=dict)   # person → seats on all boards on ``on``
    plurality_threshold: int = 5
    term_warning_days: int = 90
    members: tuple[Holding, ...] = ()                   # filled by __post_init__
    deputies: tuple[Holding, ...] = ()
    composition: CompositionRule | None = field(init=False, repr=False, compare=False)   # in force on ``on``

    def __post_init__(self) -> None:
        members, deputies = board_on(self.history, self.on, self.board.holdover)
        object.__setattr__(self, "members", members)
        object.__setattr__(self, "deputies", deputies)
        object.__setattr__(self, "composition", next((c for c in self.compositions if c.in_force(self.on)), None))

    def members_of(self, seat: str) -> list[Holding]:
        return [h for h in self.members if h.seat == seat]

    def allocations_on(self, day: date) -> tuple[AllocationFact, ...]:
        """The allotments in force on ``day``: ``on``'s, or for a later day those known to start by
        then (an allotment that ended before ``on`` is not in the snapshot)."""
        if day == self.on:
            return self.allocations
        return tuple(a for a in (*self.allocations, *self.later_allocations)
                     if a.start <= day and (a.end is None or day <= a.end))

    def with_appointment(self, h: Holding, seats_held: int | None = None) -> "BoardSnapshot":
        """The board as it would be with one more appointment."""
        held = dict(self.seats_held)
        if seats_held is not None:
            held[h.person.id] = seats_held
        elif h.active_on(self.on):
            held[h.person.id] = held.get(h.person.id, 0) + 1
        return dataclasses.replace(self, history=self.history + (h,), seats_held=held)

    def with_ended(self, appointment: str, on: date, reason: str = "other") -> "BoardSnapshot":
        """The board as it would be with ``appointment`` ended early on ``on``."""
        hist = tuple(
            dataclasses.replace(h, ended_date=on, ended_reason=reason) if h.appointment == appointment else h
            for h in self.history
        )
        return dataclasses.replace(self, history=hist)

    def at(self, on: date) -> "BoardSnapshot":
        """The same facts seen on another date (nominations/allocations are not re-filtered)."""
        return dataclasses.replace(self, on=on)


def board_on(history: Sequence[Holding], on: date, holdover: bool) -> tuple[tuple[Holding, ...], tuple[Holding, ...]]:
    """Members and deputies on ``on``: active appointments, plus holdovers where the board has them.

    A member whose term ended (not ended early) keeps the seat on a holdover board until someone
    takes over from them (:mod:`registry.succession`: a re-appointment continues only its own
    person; a newcomer to the seat group takes over from one holder who has left).
    """
    members = [h for h in history if h.role == "member" and h.active_on(on)]
    deputies = tuple(h for h in history if h.role == "deputy" and h.active_on(on))
    if holdover:
        by_seat: dict[str, list[Holding]] = defaultdict(list)
        for h in history:
            if h.role == "member":
                by_seat[h.seat].append(h)
        for hs in by_seat.values():
            members += (dataclasses.replace(h, status="holdover") for h in holdovers(hs, on))
    members.sort(key=lambda h: (h.seat, h.start, h.person.name, h.appointment))
    return tuple(members), deputies


# --- loading ----------------------------------------------------------------------------------


# The big reads (appointments, nominations, people, offices) take dates and JSON lists as stored
# and convert them here, memoised: the same dates and lists repeat across a registry's 100,000s
# of rows, and SQLAlchemy's per-value conversion was most of the cost of a registry-wide check.
# (On PostgreSQL the driver already returns dates and lists; they pass through.)


