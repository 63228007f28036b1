"""Renderables built from registry data. Every user string goes in as ``Text`` (never markup)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Iterable

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.binding import Binding

from registry.i18n import N_, _, get_language
from registry.terms import parse_date

MARK = {"ok": "✓", "warning": "⚠", "error": "✗", "info": "·"}
MARK_STYLE = {"ok": "green", "warning": "yellow", "error": "bold red", "info": "dim"}
SEVERITY_STATUS = {"error": "error", "warning": "warning", "info": "info"}


def status_mark(status: str) -> Text:
    return Text(MARK.get(status, "?"), style=MARK_STYLE.get(status, ""))


def span(start: date, last: date | None) -> str:
    """'2022-04-01 – 2026-03-31', or '2022-04-01 –' when open-ended."""
    return f"{day(start)} – {day(last)}" if last is not None else f"{day(start)} –"


def day(d: date | None) -> str:
    """A date for people: 31-03-2026 in Danish, 2026-03-31 in English; '–' for none."""
    if d is None:
        return "–"
    from registry.i18n import format_day

    return format_day(d)


def parse_day(text: str) -> date:
    """Parse what a user typed as a date; ValueError with a sentence when it is not one."""
    try:
        d = parse_date(text.strip())
    except (ValueError, TypeError):
        raise ValueError(_("{value} is not a date; write 2026-03-27 or 27-03-2026.", value=text)) from None
    from registry.dataset.schema import read_date

    _d, why = read_date(d)       # the dataset's bounds, in the dataset's words
    if why:
        raise ValueError(why)
    return d


def gender_bar(women: int, men: int, undisclosed: int = 0, width: int = 6) -> Text:
    """'4 ███▒▒▒▒▒ 7': women as solid blocks, men as shaded, undisclosed as dots."""
    total = women + men + undisclosed
    t = Text(f"{women:>2} ")
    if total == 0:
        t.append("·" * width, style="dim")
    else:
        w = round(width * women / total)
        u = round(width * undisclosed / total)
        mn = max(0, width - w - u)
        t.append("█" * w, style="magenta")
        t.append("▒" * mn, style="cyan")
        t.append("·" * u, style="dim")
    t.append(f" {men:<2}")
    return t


def sex_label(sex: str) -> str:
    return {"woman": _("woman"), "man": _("man")}.get(sex, _("undisclosed"))


def finding_text(f, lang: str | None = None, *, prefix: str = ""):
    """One finding: mark, then message, legal basis and remedy with a hanging indent (Text only)."""
    mark = Text(prefix, style="bold") if prefix else Text()
    mark.append_text(status_mark(SEVERITY_STATUS.get(f.severity, "info")))
    body = Text(f.text(lang))
    if f.legal_basis:
        body.append("\n" + _("Legal basis:") + " ", style="dim")
        body.append(f.legal_basis, style="dim")
    remedy = f.remedy_text(lang)
    if remedy:
        body.append("\n→ ", style="bold")
        body.append(remedy)
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row(mark, body)
    return grid


def findings_text(findings: Iterable, empty: str | None = None, prefix: str = ""):
    items = list(findings)
    if not items:
        return Text(empty if empty is not None else _("No findings: every rule is met."), style="green")
    return Group(*(finding_text(f, prefix=prefix) for f in items))


# --- bindings that follow the language ---------------------------------------------------------

_LOCALIZED: list[type] = []


def localized(cls):
    """Class decorator: BINDINGS descriptions are msgids, translated when the app starts."""
    cls._BINDINGS_SRC = list(cls.__dict__.get("BINDINGS", []))
    _LOCALIZED.append(cls)
    _localize(cls)
    return cls


def localize_bindings() -> None:
    """Translate every registered class's binding descriptions into the current language."""
    for cls in _LOCALIZED:
        _localize(cls)


def _localize(cls) -> None:
    cls.BINDINGS = [replace(b, description=_(b.description)) if isinstance(b, Binding) and b.description else b
                    for b in cls._BINDINGS_SRC]
    cls._merged_bindings = cls._merge_bindings()   # Textual caches the merged map per class


def B(key: str, action: str, description: str, id: str, show: bool = True, priority: bool = False,
      key_display: str | None = None) -> Binding:
    """A Binding with an id (users remap keys by id) and a msgid description."""
    return Binding(key, action, description, show=show, id=id, priority=priority, key_display=key_display)


# --- labels for stored codes (never shown raw) ---------------------------------------------------

END_REASON_LABELS = {"resigned": N_("resigned"), "left-council": N_("left the council"), "deceased": N_("deceased"),
                     "replaced": N_("replaced"), "other": N_("other")}

OFFICE_LABELS = {"council-member": N_("Council member"), "mayor": N_("Mayor"),
                 "regional-council-member": N_("Regional council member"), "kkr-member": N_("KKR member")}


def end_reason_label(reason: str | None) -> str:
    """'resigned' → 'fratrådt' in Danish; an unknown code as written."""
    return _(END_REASON_LABELS[reason]) if reason in END_REASON_LABELS else (reason or "")


def office_label(office: str, body_name: str) -> str:
    """'council-member', 'Aalborg Kommune' → 'Byrådsmedlem, Aalborg Kommune' in Danish."""
    label = _(OFFICE_LABELS[office]) if office in OFFICE_LABELS else office
    return f"{label}, {body_name}" if body_name else label


def ellipsis(text: str, width: int) -> str:
    """``text`` cut to ``width`` characters, ending in "…" when it was cut."""
    return text if len(text) <= width else text[:max(0, width - 1)].rstrip() + "…"
