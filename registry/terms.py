"""Term engine: dates, municipal election days and board term periods.

Pure functions only: no I/O and no clock. Whatever "today" is, the caller passes it in.

Rules (spec/domain.md §2):

* Municipal elections fall on the third Tuesday of November every fourth year
  (… 2017, 2021, 2025, 2029 …).
* ``kkr``: 1 April of the year after an election to 31 March four years later
  (2022-04-01 … 2026-03-31).
* ``municipal``: 1 January after an election to 31 December four years later
  (2022-01-01 … 2025-12-31).
* ``years:N``: fixed periods of N years from an anchor date, in both directions.
* ``custom``: no periods; every appointment states its own dates.

Every period start is computed with *one* ``relativedelta`` from the pattern's base date
(``base + relativedelta(years=k * N)``), never by chaining period after period, so a leap-day or
month-end anchor cannot drift. A period ends the day before the next one starts.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import NamedTuple

from dateutil.relativedelta import relativedelta
from dateutil.rrule import TU, YEARLY, rrule

from registry.i18n import N_, _

__all__ = [
    "ELECTION_BASE_YEAR",
    "ELECTION_INTERVAL",
    "MAX_PATTERN_YEARS",
    "PATTERN_KINDS",
    "Period",
    "TermPattern",
    "consecutive_terms",
    "default_end",
    "election_day",
    "election_days",
    "election_years_between",
    "fits_pattern",
    "format_date",
    "is_election_year",
    "next_period",
    "parse_date",
    "parse_pattern",
    "period_containing",
    "periods_between",
]

ELECTION_BASE_YEAR = 2021
"""A municipal election year; every fourth year before and after it is one too."""

ELECTION_INTERVAL = 4
"""Years between municipal elections (and the length of ``kkr``/``municipal`` terms)."""

PATTERN_KINDS = ("kkr", "municipal", "years", "custom")
"""The term pattern kinds a board can use."""

MAX_PATTERN_YEARS = 20
"""Longest fixed term accepted for ``years:N``."""

_ONE_DAY = timedelta(days=1)

Span = tuple[date, date | None]
"""An appointment's ``(start, end)``; ``end=None`` means open-ended."""

# First day of the term that follows the 2021 election; the other terms are 4k years away.
_ELECTION_TERM_BASE = {
    "kkr": date(ELECTION_BASE_YEAR + 1, 4, 1),
    "municipal": date(ELECTION_BASE_YEAR + 1, 1, 1),
}


class Period(NamedTuple):
    """A term period, inclusive of both ``start`` and ``end``."""

    start: date
    end: date

    def covers(self, d: date) -> bool:
        """Whether the day ``d`` falls inside this period (both ends included)."""
        return self.start <= d <= self.end

    def overlaps(self, start: date, end: date | None) -> bool:
        """Whether the span ``[start, end]`` shares a day with this period (``end=None``: open)."""
        return start <= self.end and (end is None or end >= self.start)


# ---------------------------------------------------------------------------------- dates

_ISO_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_DAY_FIRST_RE = re.compile(r"(\d{1,2})([-.])(\d{1,2})\2(\d{4})")
_ACCEPTED_FORMS = N_("yyyy-mm-dd (2026-03-27), dd-mm-yyyy (27-03-2026) or dd.mm.yyyy (27.03.2026)")


def parse_date(text: str | date) -> date:
    """Read a calendar date from ISO ``yyyy-mm-dd`` or day-first ``dd-mm-yyyy``/``dd.mm.yyyy``.

    A ``date`` is returned unchanged (a ``datetime`` loses its time of day). Surrounding
    whitespace is ignored. Raises ``ValueError`` with a sentence naming the text when it is not
    one of the accepted forms or not a real calendar date (``31-02-2026``), and ``TypeError``
    for anything that is neither text nor a date.
    """
    if type(text) is str and len(text) == 10 and text[4] == "-" and text[7] == "-" and text.isascii():
        # fast path for exact ISO text (nearly every date of a dataset): the same date the
        # general reading below gives; anything fromisoformat rejects takes that reading
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
    if isinstance(text, datetime):
        return text.date()
    if isinstance(text, date):
        return text
    if not isinstance(text, str):
        raise TypeError(f"Expected a date or text, got {type(text).__name__}: {text!r}.")
    s = text.strip()
    if m := _ISO_RE.fullmatch(s):
        year, month, day = (int(g) for g in m.groups())
    elif m := _DAY_FIRST_RE.fullmatch(s):
        day, month, year = int(m[1]), int(m[3]), int(m[4])
    else:
        raise ValueError(_("{text} is not a date; write it as {forms}.", text=repr(text), forms=_(_ACCEPTED_FORMS)))
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise ValueError(_("{text} is not a real calendar date ({problem}); write it as {forms}.",
                           text=repr(text), problem=exc, forms=_(_ACCEPTED_FORMS))) from None


def format_date(d: date, lang: str = "en") -> str:
    """Show a date as ``dd-mm-yyyy`` for Danish (``da``, ``da_DK``, ``da-DK``), ISO otherwise."""
    if re.split(r"[-_]", lang.strip().lower(), maxsplit=1)[0] == "da":
        return f"{d.day:02d}-{d.month:02d}-{d.year:04d}"
    return d.isoformat()


# ------------------------------------------------------------------------------ elections


def is_election_year(year: int) -> bool:
    """Whether a municipal election is held in ``year`` (every fourth year from 2021)."""
    return (year - ELECTION_BASE_YEAR) % ELECTION_INTERVAL == 0


def _third_tuesdays_of_november(first_year: int, interval: int, until: date) -> rrule:
    """The rrule of third Tuesdays of November, every ``interval`` years from ``first_year``."""
    return rrule(
        YEARLY,
        interval=interval,
        bymonth=11,
        byweekday=TU(+3),
        dtstart=datetime(first_year, 1, 1),
        until=datetime(until.year, until.month, until.day),
    )


def election_day(year: int) -> date:
    """The third Tuesday of November of ``year`` (the election day, were it an election year)."""
    return _third_tuesdays_of_november(year, 1, date(year, 12, 31))[0].date()


def election_years_between(a: int, b: int) -> list[int]:
    """Municipal election years in ``[a, b]`` (both included), ascending; empty if ``a > b``."""
    first = a + (ELECTION_BASE_YEAR - a) % ELECTION_INTERVAL
    return list(range(first, b + 1, ELECTION_INTERVAL))


def election_days(start: date, end: date) -> list[date]:
    """Municipal election days within ``[start, end]`` (both included), ascending."""
    if start > end:
        return []
    first_year = start.year - (start.year - ELECTION_BASE_YEAR) % ELECTION_INTERVAL
    rule = _third_tuesdays_of_november(first_year, ELECTION_INTERVAL, end)
    return [dt.date() for dt in rule if dt.date() >= start]


# ------------------------------------------------------------------------------- patterns


@dataclass(frozen=True)
class TermPattern:
    """How a board's terms run: ``kkr``, ``municipal``, ``years`` (N years from anchor), ``custom``.

    ``years`` and ``anchor`` are required for ``kind="years"`` and must be ``None`` otherwise.
    """

    kind: str
    years: int | None = None
    anchor: date | None = None

    def __post_init__(self) -> None:
        """Reject patterns the engine cannot compute periods for."""
        if self.kind not in PATTERN_KINDS:
            raise ValueError(_("Unknown term pattern kind {kind}; use one of {kinds}.", kind=repr(self.kind),
                               kinds=", ".join(PATTERN_KINDS)))
        if self.kind == "years":
            if not isinstance(self.years, int) or not 1 <= self.years <= MAX_PATTERN_YEARS:
                raise ValueError(_("A years pattern needs a whole number of years from 1 to {max}, not {years}.",
                                   max=MAX_PATTERN_YEARS, years=repr(self.years)))
            if not isinstance(self.anchor, date):
                raise ValueError(_("A years pattern needs an anchor date where a term starts."))
        elif self.years is not None or self.anchor is not None:
            raise ValueError(_("A {kind} pattern takes no years or anchor date.", kind=self.kind))

    def __str__(self) -> str:
        """The pattern as written in files: ``kkr``, ``municipal``, ``custom`` or ``years:N``."""
        return f"years:{self.years}" if self.kind == "years" else self.kind


_YEARS_RE = re.compile(r"years\s*:\s*(\d+)")


def parse_pattern(text: str, anchor: date | str | None = None) -> TermPattern:
    """Read ``kkr``, ``municipal``, ``custom`` or ``years:N`` (N from 1 to 20, needs ``anchor``).

    Case and surrounding whitespace are ignored. ``anchor`` may be a date or date text (see
    :func:`parse_date`); it is ignored for the kinds that do not use one. Raises ``ValueError``
    with a sentence for anything else.
    """
    s = text.strip().lower()
    if s in ("kkr", "municipal", "custom"):
        return TermPattern(s)
    m = _YEARS_RE.fullmatch(s)
    if not m:
        raise ValueError(_("{text} is not a term pattern; use kkr, municipal, custom or years:N (N from 1 to {max}).",
                           text=repr(text), max=MAX_PATTERN_YEARS))
    years = int(m[1])
    if not 1 <= years <= MAX_PATTERN_YEARS:
        raise ValueError(_("{text} asks for {years}-year terms; N must be from 1 to {max}.", text=repr(text), years=years,
                           max=MAX_PATTERN_YEARS))
    if anchor is None:
        raise ValueError(_("{text} needs an anchor date: a day on which one of its terms starts.", text=repr(text)))
    return TermPattern("years", years, parse_date(anchor))


# -------------------------------------------------------------------------------- periods


def _base_and_length(pattern: TermPattern) -> tuple[date, int] | None:
    """The base date (start of period 0) and period length in years; ``None`` for custom."""
    if pattern.kind == "custom":
        return None
    if pattern.kind == "years":
        assert pattern.anchor is not None and pattern.years is not None
        return pattern.anchor, pattern.years
    return _ELECTION_TERM_BASE[pattern.kind], ELECTION_INTERVAL


# The period arithmetic below is pure and a registry has few patterns, so it is memoised: a
# registry-wide check asks for the same few periods 100,000s of times (relativedelta is slow).
@lru_cache(maxsize=8192)
def _start(base: date, years: int, k: int) -> date:
    """Start of period ``k``: one relativedelta from the base, never chained."""
    return base + relativedelta(years=k * years)


@lru_cache(maxsize=65536)
def _index(base: date, years: int, d: date) -> int:
    """Number ``k`` of the period containing ``d`` (period 0 starts on ``base``)."""
    k = (d.year - base.year) // years
    while _start(base, years, k) > d:
        k -= 1
    while _start(base, years, k + 1) <= d:
        k += 1
    return k


@lru_cache(maxsize=8192)
def _period(base: date, years: int, k: int) -> Period:
    """Period number ``k``: from its start to the day before the next period starts."""
    return Period(_start(base, years, k), _start(base, years, k + 1) - _ONE_DAY)


def period_containing(pattern: TermPattern, d: date) -> Period | None:
    """The period containing ``d``; ``None`` for a custom pattern."""
    spec = _base_and_length(pattern)
    if spec is None:
        return None
    return _period(*spec, _index(*spec, d))


def next_period(pattern: TermPattern, d: date) -> Period | None:
    """The period after the one containing ``d``; ``None`` for a custom pattern."""
    spec = _base_and_length(pattern)
    if spec is None:
        return None
    return _period(*spec, _index(*spec, d) + 1)


def default_end(pattern: TermPattern, start: date) -> date | None:
    """Default end of an appointment starting on ``start``: the end of its period.

    ``None`` for a custom pattern (the appointment is open-ended unless it states an end).
    """
    period = period_containing(pattern, start)
    return None if period is None else period.end


def fits_pattern(pattern: TermPattern, start: date, end: date | None) -> bool:
    """Whether ``[start, end]`` is exactly one period of the pattern (custom: always).

    A mid-term start, an end other than the period's end, or no end at all on a patterned board
    is not a fit. A misfit is normal (someone replaced mid-term); callers report it as
    information, not as an error.
    """
    period = period_containing(pattern, start)
    if period is None:
        return True
    return start == period.start and end == period.end


def periods_between(pattern: TermPattern, a: date, b: date) -> list[Period]:
    """The periods overlapping ``[a, b]``, in order; empty for custom or when ``a > b``."""
    spec = _base_and_length(pattern)
    if spec is None or a > b:
        return []
    return [_period(*spec, k) for k in range(_index(*spec, a), _index(*spec, b) + 1)]


def consecutive_terms(pattern: TermPattern, spans: Sequence[Span]) -> int:
    """How many consecutive periods, ending with the latest one served, ``spans`` cover.

    Each span ``(start, end)`` counts every period it overlaps, so a mid-term replacement still
    counts its period; an open end (``None``) counts only the period containing the start.
    Counting walks back from the latest period touched and stops at the first period no span
    touches. For a custom pattern, there being no periods, it counts the chain of spans (ending
    with the latest) where each starts no later than the day after the previous one ended.
    Returns 0 for no spans; raises ``ValueError`` for a span that ends before it starts.
    """
    for start, end in spans:
        if end is not None and end < start:
            raise ValueError(f"A span cannot end ({end}) before it starts ({start}).")
    if not spans:
        return 0
    spec = _base_and_length(pattern)
    if spec is None:
        return _contiguous_chain(spans)
    served: set[int] = set()
    for start, end in spans:
        first = _index(*spec, start)
        last = first if end is None else _index(*spec, end)
        served.update(range(first, last + 1))
    k = max(served)
    count = 0
    while k in served:
        count += 1
        k -= 1
    return count


def _contiguous_chain(spans: Sequence[Span]) -> int:
    """Number of spans in the back-to-back (or overlapping) run that holds the latest start."""
    count = 0
    reach: date | None = None  # last day the current run covers; None: open-ended
    for start, end in sorted(spans, key=lambda span: span[0]):
        if count and reach is not None and start > reach + _ONE_DAY:
            count = 0  # a gap: a new run begins
        if count == 0:
            reach = end
        elif reach is not None:
            reach = None if end is None else max(reach, end)
        count += 1
    return count
