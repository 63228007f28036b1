"""Term engine: worked figures from spec/domain.md §2 plus hypothesis properties."""

from datetime import date, timedelta

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from registry.terms import (
    Period,
    TermPattern,
    consecutive_terms,
    default_end,
    election_day,
    election_days,
    election_years_between,
    fits_pattern,
    format_date,
    is_election_year,
    next_period,
    parse_date,
    parse_pattern,
    period_containing,
    periods_between,
)

D = date
DAY = timedelta(days=1)
KKR = TermPattern("kkr")
MUNICIPAL = TermPattern("municipal")
CUSTOM = TermPattern("custom")

# ------------------------------------------------------------------------------ strategies

dates = st.dates(min_value=D(1990, 1, 1), max_value=D(2100, 12, 31))
tricky_anchors = st.sampled_from(
    [D(2024, 2, 29), D(2023, 1, 31), D(2000, 2, 29), D(2023, 12, 31), D(2022, 4, 1)]
)
years_patterns = st.builds(
    lambda n, anchor: TermPattern("years", n, anchor),
    st.integers(1, 20),
    dates | tricky_anchors,
)
patterns = st.sampled_from([KKR, MUNICIPAL]) | years_patterns


# --------------------------------------------------------------------------- worked figures


def test_election_days_worked():
    assert election_day(2021) == D(2021, 11, 16)
    assert election_day(2025) == D(2025, 11, 18)
    assert election_day(2029) == D(2029, 11, 20)
    assert election_day(2017) == D(2017, 11, 21)


def test_election_days_range_uses_every_fourth_year_both_directions():
    assert election_days(D(2010, 1, 1), D(2030, 12, 31)) == [
        D(2013, 11, 19),
        D(2017, 11, 21),
        D(2021, 11, 16),
        D(2025, 11, 18),
        D(2029, 11, 20),
    ]
    # both ends inclusive, days just outside excluded
    assert election_days(D(2021, 11, 16), D(2025, 11, 18)) == [D(2021, 11, 16), D(2025, 11, 18)]
    assert election_days(D(2021, 11, 17), D(2025, 11, 17)) == []
    assert election_days(D(2030, 1, 1), D(2020, 1, 1)) == []


def test_election_years_between():
    assert election_years_between(2010, 2030) == [2013, 2017, 2021, 2025, 2029]
    assert election_years_between(2021, 2021) == [2021]
    assert election_years_between(2022, 2024) == []
    assert election_years_between(2030, 2020) == []
    assert is_election_year(2025) and not is_election_year(2026)


@pytest.mark.parametrize(
    ("pattern", "day", "expected"),
    [
        (KKR, D(2022, 4, 1), Period(D(2022, 4, 1), D(2026, 3, 31))),
        (KKR, D(2026, 3, 31), Period(D(2022, 4, 1), D(2026, 3, 31))),
        (KKR, D(2026, 4, 1), Period(D(2026, 4, 1), D(2030, 3, 31))),
        (KKR, D(2022, 3, 31), Period(D(2018, 4, 1), D(2022, 3, 31))),
        (MUNICIPAL, D(2022, 1, 1), Period(D(2022, 1, 1), D(2025, 12, 31))),
        (MUNICIPAL, D(2025, 12, 31), Period(D(2022, 1, 1), D(2025, 12, 31))),
        (MUNICIPAL, D(2026, 1, 1), Period(D(2026, 1, 1), D(2029, 12, 31))),
        (MUNICIPAL, D(2021, 11, 16), Period(D(2018, 1, 1), D(2021, 12, 31))),
    ],
)
def test_worked_periods(pattern, day, expected):
    assert period_containing(pattern, day) == expected


def test_next_period_and_default_end_kkr():
    assert next_period(KKR, D(2024, 6, 1)) == Period(D(2026, 4, 1), D(2030, 3, 31))
    assert default_end(KKR, D(2024, 6, 1)) == D(2026, 3, 31)
    assert default_end(MUNICIPAL, D(2022, 1, 1)) == D(2025, 12, 31)


def test_years_pattern_leap_day_anchor():
    pattern = parse_pattern("years:1", D(2024, 2, 29))
    assert periods_between(pattern, D(2024, 3, 1), D(2028, 3, 1)) == [
        Period(D(2024, 2, 29), D(2025, 2, 27)),
        Period(D(2025, 2, 28), D(2026, 2, 27)),
        Period(D(2026, 2, 28), D(2027, 2, 27)),
        Period(D(2027, 2, 28), D(2028, 2, 28)),
        Period(D(2028, 2, 29), D(2029, 2, 27)),
    ]
    assert period_containing(pattern, D(2024, 2, 28)) == Period(D(2023, 2, 28), D(2024, 2, 28))


def test_years_pattern_both_directions():
    pattern = parse_pattern("years:5", D(2023, 1, 31))
    assert period_containing(pattern, D(2023, 1, 31)) == Period(D(2023, 1, 31), D(2028, 1, 30))
    assert period_containing(pattern, D(2023, 1, 30)) == Period(D(2018, 1, 31), D(2023, 1, 30))
    assert period_containing(pattern, D(1999, 6, 1)) == Period(D(1998, 1, 31), D(2003, 1, 30))


def test_custom_has_no_periods():
    assert period_containing(CUSTOM, D(2024, 1, 1)) is None
    assert next_period(CUSTOM, D(2024, 1, 1)) is None
    assert default_end(CUSTOM, D(2024, 1, 1)) is None
    assert periods_between(CUSTOM, D(2000, 1, 1), D(2030, 1, 1)) == []
    assert fits_pattern(CUSTOM, D(2024, 5, 17), None)
    assert fits_pattern(CUSTOM, D(2024, 5, 17), D(2024, 5, 18))


def test_fits_pattern():
    assert fits_pattern(KKR, D(2022, 4, 1), D(2026, 3, 31))
    assert not fits_pattern(KKR, D(2023, 9, 1), D(2026, 3, 31))  # mid-term replacement
    assert not fits_pattern(KKR, D(2022, 4, 1), D(2026, 4, 1))  # one day too long
    assert not fits_pattern(KKR, D(2022, 4, 1), D(2030, 3, 31))  # two periods
    assert not fits_pattern(KKR, D(2022, 4, 1), None)  # a patterned board has definite ends
    assert fits_pattern(MUNICIPAL, D(2022, 1, 1), D(2025, 12, 31))


def test_period_covers_and_overlaps():
    period = Period(D(2022, 4, 1), D(2026, 3, 31))
    assert period.covers(D(2022, 4, 1)) and period.covers(D(2026, 3, 31))
    assert not period.covers(D(2022, 3, 31)) and not period.covers(D(2026, 4, 1))
    assert period.overlaps(D(2026, 3, 31), None)
    assert period.overlaps(D(2020, 1, 1), D(2022, 4, 1))
    assert not period.overlaps(D(2026, 4, 1), None)
    assert not period.overlaps(D(2020, 1, 1), D(2022, 3, 31))
    # tuple behaviour is kept: a Period unpacks and compares as (start, end)
    start, end = period
    assert (start, end) == (D(2022, 4, 1), D(2026, 3, 31))


# ------------------------------------------------------------------------ consecutive terms


def test_two_full_kkr_terms():
    spans = [(D(2022, 4, 1), D(2026, 3, 31)), (D(2026, 4, 1), D(2030, 3, 31))]
    assert consecutive_terms(KKR, spans) == 2


def test_mid_term_replacement_counts_its_period():
    spans = [(D(2024, 9, 1), D(2026, 3, 31)), (D(2026, 4, 1), D(2030, 3, 31))]
    assert consecutive_terms(KKR, spans) == 2
    assert consecutive_terms(KKR, list(reversed(spans))) == 2  # order does not matter


def test_skipped_period_resets_chain():
    spans = [(D(2018, 4, 1), D(2022, 3, 31)), (D(2026, 4, 1), D(2030, 3, 31))]
    assert consecutive_terms(KKR, spans) == 1


def test_one_span_across_periods_and_open_end():
    assert consecutive_terms(KKR, [(D(2018, 4, 1), D(2026, 3, 31))]) == 2
    assert consecutive_terms(KKR, [(D(2018, 4, 1), D(2022, 3, 31)), (D(2022, 4, 1), None)]) == 2
    assert consecutive_terms(KKR, []) == 0


def test_consecutive_terms_custom_counts_back_to_back_spans():
    spans = [
        (D(2010, 1, 1), D(2014, 12, 31)),
        (D(2016, 1, 1), D(2017, 12, 31)),
        (D(2018, 1, 1), D(2019, 6, 30)),
        (D(2019, 7, 1), None),
    ]
    assert consecutive_terms(CUSTOM, spans) == 3


def test_consecutive_terms_rejects_backwards_span():
    with pytest.raises(ValueError, match="before it starts"):
        consecutive_terms(KKR, [(D(2024, 1, 1), D(2023, 1, 1))])


# ----------------------------------------------------------------------------- parse/format


@pytest.mark.parametrize(
    "text", ["2026-03-27", "27-03-2026", "27.03.2026", " 27-03-2026 ", "27-3-2026"]
)
def test_parse_date_forms(text):
    assert parse_date(text) == D(2026, 3, 27)


def test_parse_date_passes_dates_through():
    from datetime import datetime

    assert parse_date(D(2026, 3, 27)) == D(2026, 3, 27)
    assert parse_date(datetime(2026, 3, 27, 13, 45)) == D(2026, 3, 27)


@pytest.mark.parametrize(
    "text",
    ["", "soon", "31-02-2026", "2026-02-31", "2026-13-01", "00-01-2026", "27/03/2026",
     "27-03.2026", "03-27-2026", "20260327", "2026-3-27", "27-03-26"],
)
def test_parse_date_rejects(text):
    with pytest.raises(ValueError) as info:
        parse_date(text)
    message = str(info.value)
    assert repr(text) in message and "dd-mm-yyyy" in message and "yyyy-mm-dd" in message


def test_parse_date_rejects_non_text():
    with pytest.raises(TypeError):
        parse_date(20260327)  # type: ignore[arg-type]


def test_format_date():
    assert format_date(D(2026, 3, 7), "da") == "07-03-2026"
    assert format_date(D(2026, 3, 7), "da_DK") == "07-03-2026"
    assert format_date(D(2026, 3, 7)) == "2026-03-07"
    assert format_date(D(2026, 3, 7), "en") == "2026-03-07"


@given(dates, st.sampled_from(["da", "en"]))
def test_format_parse_round_trip(d, lang):
    assert parse_date(format_date(d, lang)) == d
    assert parse_date(format_date(d, "da").replace("-", ".")) == d


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        ("kkr", None, "kkr"),
        (" Municipal ", None, "municipal"),
        ("custom", D(2020, 1, 1), "custom"),  # anchor is ignored where unused
        ("years:5", D(2020, 1, 1), "years:5"),
        ("years:20", "01-01-2020", "years:20"),
        ("YEARS: 1", D(2020, 1, 1), "years:1"),
    ],
)
def test_parse_pattern(text, anchor, expected):
    pattern = parse_pattern(text, anchor)
    assert str(pattern) == expected
    assert parse_pattern(str(pattern), pattern.anchor) == pattern


@pytest.mark.parametrize(
    ("text", "anchor", "fragment"),
    [
        ("years:5", None, "anchor"),
        ("years:0", D(2020, 1, 1), "from 1 to 20"),
        ("years:21", D(2020, 1, 1), "from 1 to 20"),
        ("years:-1", D(2020, 1, 1), "not a term pattern"),
        ("years:", D(2020, 1, 1), "not a term pattern"),
        ("years:five", D(2020, 1, 1), "not a term pattern"),
        ("yearly", None, "not a term pattern"),
        ("", None, "not a term pattern"),
    ],
)
def test_parse_pattern_rejects(text, anchor, fragment):
    with pytest.raises(ValueError, match=fragment):
        parse_pattern(text, anchor)


def test_term_pattern_validates():
    with pytest.raises(ValueError):
        TermPattern("weekly")
    with pytest.raises(ValueError):
        TermPattern("years", 5)
    with pytest.raises(ValueError):
        TermPattern("kkr", 4)


# ------------------------------------------------------------------------------- properties


@given(st.integers(1, 9999))
def test_election_day_is_third_tuesday_of_november(year):
    day = election_day(year)
    assert (day.year, day.month, day.weekday()) == (year, 11, 1)
    assert 15 <= day.day <= 21


@given(st.integers(1990, 2100), st.integers(0, 40))
def test_election_days_match_election_years(a, width):
    b = a + width
    expected = [election_day(y) for y in election_years_between(a, b)]
    assert election_days(D(a, 1, 1), D(b, 12, 31)) == expected
    assert all(is_election_year(y) for y in election_years_between(a, b))


@given(patterns, dates)
def test_period_containing_contains(pattern, d):
    period = period_containing(pattern, d)
    assert period.covers(d)
    assert period.start <= period.end


@given(patterns, dates)
def test_next_period_starts_after_containing(pattern, d):
    period = period_containing(pattern, d)
    following = next_period(pattern, d)
    assert following.start == period.end + DAY
    assert period_containing(pattern, following.start) == following


@given(patterns, dates, dates)
def test_periods_tile(pattern, a, b):
    a, b = min(a, b), max(a, b)
    periods = periods_between(pattern, a, b)
    assert periods[0].covers(a) and periods[-1].covers(b)
    for earlier, later in zip(periods, periods[1:]):
        assert later.start == earlier.end + DAY
    assert all(p.overlaps(a, b) for p in periods)


@given(patterns, dates)
def test_default_end_and_fit(pattern, start):
    end = default_end(pattern, start)
    assert end >= start
    period = period_containing(pattern, start)
    assert fits_pattern(pattern, period.start, period.end)
    assert fits_pattern(pattern, start, end) == (start == period.start)


@given(patterns, dates)
def test_period_boundaries_are_one_relativedelta_from_base(pattern, d):
    period = period_containing(pattern, d)
    if pattern.kind == "years":
        base, n = pattern.anchor, pattern.years
    else:
        base, n = (D(2022, 4, 1) if pattern.kind == "kkr" else D(2022, 1, 1)), 4
    k = round((period.start.year - base.year) / n)
    assert period.start == base + relativedelta(years=k * n)
    assert period.end == base + relativedelta(years=(k + 1) * n) - DAY


@given(st.sampled_from([KKR, MUNICIPAL]), st.integers(1990, 2100))
def test_election_patterns_start_after_elections(pattern, year):
    period = period_containing(pattern, D(year, 6, 15))
    election = period.start.year - 1
    assert is_election_year(election)
    assert period.start == (D(election + 1, 4, 1) if pattern is KKR else D(election + 1, 1, 1))
    assert period.end.year == election + (5 if pattern is KKR else 4)


@given(st.integers(1, 20), tricky_anchors, dates)
def test_years_tricky_anchors_tile(n, anchor, d):
    pattern = TermPattern("years", n, anchor)
    periods = periods_between(pattern, d, d + timedelta(days=366 * 3 * n))
    for earlier, later in zip(periods, periods[1:]):
        assert later.start == earlier.end + DAY
    # each start is the anchor's day, clamped to 28 February when the anchor is a leap day
    for p in periods:
        assert p.start.month == anchor.month
        assert p.start.day == anchor.day or (anchor.day == 29 and p.start.day == 28)


@given(patterns, dates, st.integers(1, 5), st.integers(0, 2000))
def test_consecutive_full_periods(pattern, d, count, offset):
    period = period_containing(pattern, d)
    spans = []
    for _ in range(count):
        spans.append((period.start, period.end))
        period = next_period(pattern, period.start)
    assert consecutive_terms(pattern, spans) == count
    # a first span starting mid-period still counts that period
    first_start, first_end = spans[0]
    mid = min(first_start + timedelta(days=offset), first_end)
    assert consecutive_terms(pattern, [(mid, first_end), *spans[1:]]) == count
    # leaving out a whole period in the middle breaks the chain at that period
    if count >= 3:
        assert consecutive_terms(pattern, spans[:1] + spans[2:]) == count - 2
