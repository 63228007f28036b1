"""Reports and exports: the annual report, gender statistics, vacancy lists, calendar, Popolo.

Every report is built in two steps: a builder (``annual``, ``gender``, ``vacancies``) reads the
registry through :mod:`registry.service` and returns plain data (the JSON format) together with
a :class:`~registry.reports.doc.Document` (sections of tables, charts and paragraphs); one
renderer per format (``render_html``, ``render_xlsx``, ``render_text`` for Markdown and CSV)
turns a document into a file. Builders never format, renderers never query.

Reports are publishable: they hold no contact details, no candidates who were not appointed,
no reasons texts and no ``extra``; a person's sex appears only in counts, and a count below 3
for a single board with more than 3 counted members is shown as "fewer than 3" (quality.md).
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["SMALL", "Suppressed", "public_count", "public_counts", "write_atomic"]

#: Counts below this are not published for a board with more than this many counted members.
SMALL = 3


class Suppressed:
    """A count too small to publish for one board: shown as "fewer than 3"."""

    __slots__ = ()

    def __str__(self) -> str:
        from registry.i18n import _

        return _("fewer than 3")

    def __format__(self, spec: str) -> str:
        return str(self)

    def __repr__(self) -> str:
        return "Suppressed()"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Suppressed)

    def __hash__(self) -> int:
        return 0


FEWER_THAN_3 = Suppressed()


def public_count(value: int, counted: int) -> "int | Suppressed":
    """``value`` as it may be published for a board with ``counted`` counted members."""
    if counted > SMALL and value < SMALL:
        return FEWER_THAN_3
    return value


def public_counts(counted: int, women: int, men: int, undisclosed: int) -> tuple:
    """(women, men, undisclosed) as they may be published for one board.

    Women and men below 3 are hidden on a board with more than 3 counted members. The
    undisclosed are shown exactly only when women and men both are (then they follow from the
    total anyway); otherwise they too are hidden when below 3, so nothing hidden can be worked out
    exactly from what is shown beyond "fewer than 3".
    """
    w, m = public_count(women, counted), public_count(men, counted)
    if isinstance(w, int) and isinstance(m, int):
        return w, m, undisclosed
    return w, m, public_count(undisclosed, counted)


def write_atomic(path: Path, data: bytes | str) -> None:
    """Write ``path`` atomically (a temporary file renamed over it): readers never see a
    half-written file; a link's target is written, a pipe in place (:mod:`registry.outfile`)."""
    from registry import outfile

    outfile.write(path, data)
