"""Dates and numbers for people through Babel (CLDR): Danish dd-mm-yyyy (domain.md) and 48.213,
English ISO yyyy-mm-dd and 48,213; counts meet their nouns in the right form."""

from datetime import date

from hypothesis import given, strategies as st

from registry.cli.output import dataset_counts, show_date
from registry.i18n import format_date_long, format_day, format_number, set_language


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)))
def test_the_short_date_is_day_first_in_danish_and_iso_in_english(d):
    assert format_day(d, "da") == f"{d.day:02d}-{d.month:02d}-{d.year:04d}"
    assert format_day(d, "en") == d.isoformat()


def test_the_faces_show_dates_through_the_same_function():
    set_language("da")
    try:
        assert show_date(date(2026, 3, 27)) == "27-03-2026"
    finally:
        set_language("en")
    assert show_date(date(2026, 3, 27)) == "2026-03-27"


def test_a_long_date_in_words():
    assert format_date_long(date(2026, 3, 27), "da") == "27. marts 2026"
    assert format_date_long(date(2026, 3, 27), "en") == "27 March 2026"


@given(st.integers(min_value=-10**9, max_value=10**9))
def test_numbers_are_grouped_by_thousands(n):
    da, en = format_number(n, "da"), format_number(n, "en")
    assert da.replace(".", "") == str(n) and en.replace(",", "") == str(n)
    digits = len(str(abs(n)))
    assert da.count(".") == (digits - 1) // 3 and en.count(",") == (digits - 1) // 3


def test_worked_numbers():
    assert format_number(48213, "da") == "48.213" and format_number(48213, "en") == "48,213"
    assert format_number(999, "da") == "999" and format_number(1000, "da") == "1.000"
    assert format_number(1234.5, "da") == "1.234,5" and format_number(1234.5, "en") == "1,234.5"


def test_load_counts_in_both_languages():
    counts = {"municipalities": 11, "council_groups": 1, "people": 1, "appointments": 48213, "nominations": 0}
    assert dataset_counts(counts) == "11 municipalities, 1 council group, 1 person, 48,213 appointments"
    set_language("da")
    try:
        assert dataset_counts(counts) == "11 kommuner, 1 valggruppe, 1 person, 48.213 udpegninger"
    finally:
        set_language("en")
