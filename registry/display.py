"""How values are shown to people, in one place for every face (CLI, UI, reports, documents).

Dates follow the language (dd-mm-yyyy in Danish, ISO in English, through Babel), values for
spreadsheets are neutralised (S2), and data is turned into what JSON can hold. The faces import
this module; it imports no face.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Mapping

#: a cell text a spreadsheet would run as a formula starts with one of these (quality.md S2)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe (S2)."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def show_date(d: date | None) -> str:
    """A date for people, in the current language (empty for none)."""
    if d is None:
        return ""
    from registry.i18n import format_day

    return format_day(d)


def to_jsonable(value: Any) -> Any:
    """``value`` with mappings, sequences and dates made into what JSON holds (dates as ISO text)."""
    if isinstance(value, Mapping):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_jsonable(v) for v in value]
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value
