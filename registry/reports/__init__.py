"""Reports and exports: the annual report, gender statistics, vacancy lists, calendar, Popolo.

Every report is built in two steps: a builder (``annual``, ``gender``, ``vacancies``) reads the
registry through :mod:`registry.service` and returns plain data (the JSON format) together with
a :class:`~registry.reports.doc.Document` (sections of tables, charts and paragraphs); one
renderer per format (``render_html``, ``render_xlsx``, ``render_text`` for Markdown and CSV)
turns a document into a file. Builders never format, renderers never query.

Reports are publishable: they hold no contact details, no candidates who were not appointed,
no reasons texts and no ``extra``; a person's sex appears only in counts, and a count below 3
for a single board with more than 3 counted members is shown as "fewer than 3", a board of 3 or
fewer shows no counts, and no hidden count can be worked out from what is shown
(:mod:`registry.reports.suppress`, quality.md).
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["SMALL", "Suppressed", "FEWER_THAN_3", "NOT_SHOWN", "public_counts", "public_table", "write_atomic"]

#: Counts below this are not published for a board with more than this many counted members;
#: a board with this many counted members or fewer has no published counts at all.
SMALL = 3


class Suppressed:
    """A count that is not published: "fewer than 3" (a count below 3 on a board with more than
    3 counted members), or "not shown" (every count of a board of 3 or fewer, and counts hidden so
    that a hidden one cannot be worked out from the others or from a total)."""

    __slots__ = ("hidden",)

    def __init__(self, hidden: bool = False) -> None:
        self.hidden = hidden

    def __str__(self) -> str:
        from registry.i18n import _

        return _("not shown") if self.hidden else _("fewer than 3")

    def __format__(self, spec: str) -> str:
        return str(self)

    def __repr__(self) -> str:
        return "Suppressed(hidden=True)" if self.hidden else "Suppressed()"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Suppressed) and other.hidden == self.hidden

    def __hash__(self) -> int:
        return int(self.hidden)


FEWER_THAN_3 = Suppressed()
NOT_SHOWN = Suppressed(hidden=True)

from registry.reports.suppress import public_counts, public_table  # noqa: E402  (uses the markers above)


def write_atomic(path: Path, data: bytes | str) -> None:
    """Write ``path`` atomically (a temporary file renamed over it): readers never see a
    half-written file; a link's target is written, a pipe in place (:mod:`registry.outfile`)."""
    from registry import outfile

    outfile.write(path, data)
