"""The published website (``udpeg publish``): a static, self-contained site of the public data.

Plain HTML pages, one CSS file, one small script (the vacancy filters) and iCalendar feeds, no
external resources, so a secretariat can put the folder on an intranet or a web server as it is.
The site follows the rules of ``export --public`` and the reports: no contact details, no
candidates, no nominations' reasons, no per-person sex; counts by sex per board only through
:func:`registry.reports.public_counts` (small counts suppressed).

Pages (per language, ``da/`` and ``en/``):

* ``index.html`` — what is where; ``boards.html`` — every board;
* ``vacancies.html`` — every seat vacant on the date or falling vacant within the horizon (180
  days), all rows in the HTML; the script only hides rows (now / 30 / 90 / 180 days, council
  group, board, municipality), so the page works without it;
* ``board/<id>.html`` — legal basis, seat groups with holders, vacancies, counts, next term end;
* ``group/<id>.html`` — a council group's vacancies and allotted seats, and its calendar feed;
* ``annual-<year>.html`` — the annual report (:mod:`registry.reports.annual`) without the member
  lists (the board pages have them);
* ``calendar/<group>.ics`` and ``calendar/all.ics``.

Boards are read and written in chunks (:data:`CHUNK`), so memory stays bounded by the vacancy
rows and calendar events, not by the boards' histories. Page data (:func:`board_page`,
:func:`vacancy_row`, :func:`requirements`) is plain; the ``render_*`` functions only format it.
Every value written into HTML goes through :func:`esc`.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from sqlalchemy import select

from registry import model as m
from registry import service
from registry.db import read_session
from registry.errors import RegistryError
from registry.i18n import LANGUAGES, Msgid, _, _n, get_language, set_language, translate
from registry.reports import Suppressed, public_counts
from registry.reports.common import Names, counted_seat_ids, load_names, scope_counts
from registry.reports.doc import Chart, Facts, Section, Table
from registry.snapshot import BoardSnapshot, SeatRule, holder_name
from registry.terms import period_containing

#: the file that marks a folder as a site written by ``udpeg publish`` (it may be replaced)
MARKER = "udpeg-site.json"
#: boards read from the registry at a time
CHUNK = 500
#: the vacancy windows offered on the page (days; 0 = vacant on the date)
WINDOWS = (0, 30, 90, 180)
#: how far ahead the calendar feeds look for term ends and deadlines
CALENDAR_DAYS = 365

#: progress(done, total, stage): stage "boards" (board pages written) or "annual" (boards read for
#: the annual report, once per language)
Progress = Callable[[int, int, str], None]


# --- plain helpers ------------------------------------------------------------------------------


def esc(value: Any) -> str:
    """Text for HTML: every user value goes through here."""
    return html.escape(show(value), quote=True)


def show(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return fmt_date(value)
    if isinstance(value, Suppressed):
        return str(value)
    return str(value)


def fmt_date(d: date | None) -> str:
    """dd-mm-yyyy in both languages (the site's convention)."""
    return d.strftime("%d-%m-%Y") if d else ""


def slug(ident: str) -> str:
    """A file name for an id (ids are ``[a-z0-9-]``; anything else is replaced)."""
    return re.sub(r"[^a-z0-9-]", "_", ident.lower()) or "_"


def language_name(lang: str) -> str:
    return {"da": "Dansk", "en": "English"}[lang]


# --- page data ----------------------------------------------------------------------------------


def eligibility_text(predicate: str, names: Names) -> str:
    """What an eligibility predicate asks of the person, in words."""
    if predicate.startswith("council-member-of:"):
        mid = predicate.split(":", 1)[1]
        return _("a member of the municipal council of {municipality}", municipality=names.municipality(mid))
    return {
        "council-member-in-kkr": _("a member of a municipal council within the KKR"),
        "elected": _("an elected member of a municipal or regional council"),
        "regional-council-member": _("a member of the regional council"),
        "mayor": _("a mayor"),
    }.get(predicate, predicate)


def requirements(seat: SeatRule, names: Names) -> list[str]:
    """What a seat requires, in sentences: who may hold it, who nominates, who appoints."""
    out = []
    if seat.eligibility:
        out.append(_("Must be {what}.", what=_(" and ").join(eligibility_text(p, names) for p in seat.eligibility)))
    if seat.nominated_by:
        orgs = ", ".join(names.org(o) for o in seat.nominated_by)
        if seat.joint and len(seat.nominated_by) > 1:
            out.append(_("Nominated jointly by {orgs} (one joint nomination).", orgs=orgs))
        elif seat.joint:
            out.append(_("Nominated by {orgs} (a joint nomination).", orgs=orgs))
        else:
            out.append(_("Nominated by {orgs}.", orgs=orgs))
    if seat.appointed_by:
        out.append(_("Appointed by {body}.", body=names.org(seat.appointed_by)))
    if not seat.voting:
        out.append(_("Without a vote."))
    if seat.deputies == "required":
        out.append(_("A deputy must be appointed too."))
    return out or [_("No particular requirements are recorded.")]


@dataclass(frozen=True)
class MeetingFact:
    id: str
    body: str
    date: date


def deciding_meeting(meetings: Sequence[MeetingFact], on: date, vacant_from: date) -> MeetingFact | None:
    """The appointing body's meeting that decides a vacancy, if the registry knows it: the last
    meeting from ``on`` before the seat falls vacant, else the first one on or after that day.
    ``meetings`` are the body's, sorted by date."""
    before = [mt for mt in meetings if on <= mt.date < vacant_from]
    if before:
        return before[-1]
    return next((mt for mt in meetings if mt.date >= max(on, vacant_from)), None)


def vacancy_row(row: dict, snap: BoardSnapshot, on: date, meetings: dict[str, list[MeetingFact]]) -> dict:
    """A vacancy as the site shows it (from :func:`registry.service.board_vacancies`)."""
    comp = snap.composition
    seat = comp.seat(row["seat"]) if comp else None
    mt = deciding_meeting(meetings.get(seat.appointed_by or "", []), on, row["from"]) if seat else None
    return {**row, "kkr": snap.board.kkr, "days": (row["from"] - on).days, "seat_rule": seat,
            "meeting": mt.date if mt else None, "meeting_id": mt.id if mt else None}


def merge_vacancies(rows: list[dict]) -> list[dict]:
    """One row per seat group, day and council group: seats of one group falling vacant on the
    same day are one row with their number (the leaving members' municipalities together)."""
    out: dict[tuple, dict] = {}
    for r in rows:
        key = (r["board"], r["seat"], r["from"], r["council_group"])
        have = out.get(key)
        if have is None:
            out[key] = {**r, "municipalities": list(r["municipalities"])}
        else:
            have["open"] += r["open"]
            have["municipalities"] += [x for x in r["municipalities"] if x not in have["municipalities"]]
    return list(out.values())


def board_page(snap: BoardSnapshot, names: Names, vacancies: list[dict]) -> dict:
    """A board's page: seat groups with their current holders, vacancies, public counts."""
    comp = snap.composition
    seats = []
    allotted = {a.seat: a for a in snap.allocations}
    for seat in (comp.seats if comp else ()):
        holders = sorted(snap.members_of(seat.id), key=lambda h: (h.person.name.lower(), h.appointment))
        deputies = sorted((h for h in snap.deputies if h.seat == seat.id), key=lambda h: (h.person.name.lower(), h.appointment))
        a = allotted.get(seat.id)
        seats.append({
            "id": seat.id, "name": seat.name, "count": seat.count, "rule": seat,
            "group": a.council_group if a else None, "group_name": a.council_group_name if a else "",
            "holders": [_holder(h, names) for h in holders],
            "deputies": [_holder(h, names) for h in deputies],
            "vacant": max(0, seat.count - len(holders)),
        })
    counted, w, mn, u = scope_counts(snap, counted_seat_ids(snap))
    pw, pm, pu = public_counts(counted, w, mn, u)
    period = period_containing(snap.board.term, snap.on)
    return {
        "id": snap.board.id, "name": snap.board.name, "kkr": snap.board.kkr, "legal_basis": snap.board.legal_basis,
        "on": snap.on, "composition": comp is not None, "seats": seats,
        "term": (period.start, period.end) if period else None,
        "next_term_end": service.next_term_end(snap),
        "counts": {"counted": counted, "women": pw, "men": pm, "undisclosed": pu},
        "vacancies": sorted(vacancies, key=lambda r: (r["from"], r["seat"])),
        "open_seats": sum(s["vacant"] for s in seats),
    }


def _holder(h, names: Names) -> dict:
    p = h.person
    # a holder not recorded is named in the language of the page it is written on (see _holder_line)
    return {"name": p.name if p.recorded else Msgid(p.name), "party": p.party or "", "municipality": names.municipality(p.municipality),
            "start": h.start, "end": h.last_day, "holdover": h.status == "holdover"}


@dataclass
class Event:
    """A calendar event: ``kind`` and ``params`` are worded at writing time (per language)."""

    uid: str
    date: date
    kind: str                   # vacancy | term-end | deadline | meeting
    params: dict
    groups: tuple[str, ...] = ()


def board_events(snap: BoardSnapshot, rows: list[dict], on: date, last: date) -> list[Event]:
    """A board's calendar events from ``on`` to ``last``: vacancies, term ends, nomination
    deadlines and the deciding meetings of its vacancies; each tagged with the council groups
    it concerns (the group the seat is allotted to, the group a holder was appointed for)."""
    comp = snap.composition
    seat_names = {s.id: s.name for c in snap.compositions for s in c.seats}
    allotted = {a.seat: a.council_group for a in snap.allocations}
    b = snap.board
    out = []
    for r in rows:
        g = (r["council_group"],) if r["council_group"] else ()
        out.append(Event(_uid("vacancy", b.id, r["seat"], r["from"]), r["from"], "vacancy",
                         {"board": b.name, "seat": r["seat_name"], "n": r["open"]}, g))
        if r.get("meeting") and on <= r["meeting"] <= last:
            out.append(Event(_uid("deciding-meeting", b.id, r["seat"], r["meeting"]), r["meeting"], "meeting",
                             {"board": b.name, "seat": r["seat_name"]}, g))
    ending: dict[tuple, list] = {}
    for h in snap.history:
        d = h.last_day
        if h.role == "member" and d is not None and on <= d <= last:
            ending.setdefault((h.seat, d), []).append(h)
    for (seat, d), hs in sorted(ending.items()):
        groups = {allotted.get(seat)} | {h.council_group for h in hs}
        out.append(Event(_uid("term-end", b.id, seat, d), d, "term-end",
                         {"board": b.name, "seat": seat_names.get(seat, seat),
                          "names": ", ".join(sorted(holder_name(h.person) for h in hs))},
                         tuple(sorted(g for g in groups if g))))
    seen = set()
    for n in snap.nominations:
        if n.deadline is None or not (on <= n.deadline <= last) or (n.seat, n.deadline) in seen:
            continue
        seen.add((n.seat, n.deadline))
        g = allotted.get(n.seat)
        out.append(Event(_uid("nomination-deadline", b.id, n.seat, n.deadline), n.deadline, "deadline",
                         {"board": b.name, "seat": seat_names.get(n.seat, n.seat)}, (g,) if g else ()))
    del comp
    return out


def _uid(*parts: object) -> str:
    text = "-".join(p.isoformat() if isinstance(p, date) else str(p) for p in parts)
    return re.sub(r"[^A-Za-z0-9.-]+", "-", text).strip("-").lower() + "@udpeg-site"


def event_summary(e: Event) -> str:
    p = e.params
    if e.kind == "vacancy":
        return _("Seat vacant: {board} — {seat}", board=p["board"], seat=p["seat"])
    if e.kind == "meeting":
        return _("Deciding meeting: {board} — {seat}", board=p["board"], seat=p["seat"])
    if e.kind == "term-end":
        return _("Term ends: {board} — {seat}", board=p["board"], seat=p["seat"])
    return _("Nomination deadline: {board} — {seat}", board=p["board"], seat=p["seat"])


def event_description(e: Event) -> str:
    if e.kind == "term-end":
        return _("Last day in office: {names}", names=e.params["names"])
    if e.kind == "vacancy" and e.params["n"] > 1:
        return _("{n} seats", n=e.params["n"])
    return ""


# --- reading ------------------------------------------------------------------------------------


@dataclass
class Registry:
    """What the site needs besides the boards: names, council groups, meetings, board ids."""

    names: Names
    groups: list[dict]
    meetings: dict[str, list[MeetingFact]]
    boards: list[tuple[str, str, str]]         # (id, name, kkr) sorted by name
    municipalities: list[tuple[str, str, str]]  # (id, name, kkr) sorted by name


def read_registry(ctx) -> Registry:
    names = load_names(ctx)
    with read_session(ctx.engine) as s:
        G, Mt, B, Mu = (t.__table__.c for t in (m.CouncilGroup, m.Meeting, m.Board, m.Municipality))
        groups = [{"id": r.id, "name": r.name, "kkr": r.kkr, "period_start": r.period_start,
                   "period_end": r.period_end, "parties": list(r.parties or ())}
                  for r in s.execute(select(G.id, G.name, G.kkr, G.period_start, G.period_end, G.parties))]
        meetings: dict[str, list[MeetingFact]] = {}
        for r in s.execute(select(Mt.id, Mt.body, Mt.date).order_by(Mt.date, Mt.id)):
            meetings.setdefault(r.body, []).append(MeetingFact(r.id, r.body, r.date))
        boards = [tuple(r) for r in s.execute(select(B.id, B.name, B.kkr))]
        munis = [tuple(r) for r in s.execute(select(Mu.id, Mu.name, Mu.kkr))]
    groups.sort(key=lambda g: (g["name"].lower(), g["id"]))
    boards.sort(key=lambda b: (b[1].lower(), b[0]))
    munis.sort(key=lambda x: (x[1].lower(), x[0]))
    return Registry(names, groups, meetings, boards, munis)


def snapshot_chunks(ctx, on: date, board_ids: Sequence[str], size: int = CHUNK) -> Iterable[list[BoardSnapshot]]:
    """The boards' snapshots, ``size`` at a time (in the order of ``board_ids``)."""
    for i in range(0, len(board_ids), size):
        ids = list(board_ids[i:i + size])
        snaps = service.snapshots(ctx, on, ids, history="recent")
        yield [snaps[b] for b in ids if b in snaps]


class StreamedSnapshots:
    """The boards' snapshots as a sequence that reads them ``size`` at a time each time it is
    iterated (for :func:`registry.reports.annual.build`): only one chunk is alive at once."""

    def __init__(self, ctx, on: date, board_ids: Sequence[str], history, size: int = CHUNK):
        self.ctx, self.on, self.ids, self.history, self.size = ctx, on, list(board_ids), history, size

    def __len__(self) -> int:
        return len(self.ids)

    def __iter__(self):
        for i in range(0, len(self.ids), self.size):
            ids = self.ids[i:i + self.size]
            snaps = service.snapshots(self.ctx, self.on, ids, history=self.history)
            yield from (snaps[b] for b in ids if b in snaps)
            del snaps

    def __getitem__(self, i: int) -> BoardSnapshot:
        return service.snapshots(self.ctx, self.on, [self.ids[i]], history=self.history)[self.ids[i]]


# --- HTML ---------------------------------------------------------------------------------------


@dataclass
class Page:
    """Where a page is and what its chrome needs."""

    path: str                  # relative to the language folder, e.g. "board/x.html"
    title: str
    lang: str
    langs: Sequence[str]
    registry: str
    on: date
    annual: str | None = None  # the annual report's file name, for the menu
    scripts: bool = False

    @property
    def root(self) -> str:
        """From this page to the language folder."""
        return "../" * self.path.count("/")


def page_html(p: Page, body: str) -> str:
    up = p.root
    menu = [("index.html", _("Overview")), ("vacancies.html", _("Vacancies")), ("boards.html", _("Boards"))]
    if p.annual:
        menu.append((p.annual, _("Annual report")))
    current = ' aria-current="page"'
    items = "".join(
        f'<li><a href="{esc(up + href)}"{current if href == p.path else ""}>{esc(label)}</a></li>'
        for href, label in menu)
    switch = "".join(
        f'<a class="lang-link" href="{esc(up + "../" + other + "/" + p.path)}" hreflang="{other}" lang="{other}">'
        f'{esc(language_name(other))}</a>' for other in p.langs if other != p.lang)
    script = f'<script src="{esc(up)}../assets/site.js" defer></script>' if p.scripts else ""
    return "\n".join([
        "<!DOCTYPE html>",
        f'<html lang="{esc(p.lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(p.title)} — {esc(p.registry or 'Udpeg')}</title>",
        f'<link rel="stylesheet" href="{esc(up)}../assets/site.css">',
        script,
        "</head>",
        "<body>",
        f'<a class="skip" href="#main">{esc(_("Skip to content"))}</a>',
        '<header class="site">',
        f'<p class="site-name"><a href="{esc(up)}index.html">{esc(p.registry or "Udpeg")}</a></p>',
        f'<nav aria-label="{esc(_("Main menu"))}"><ul>{items}</ul></nav>',
        f'<p class="switch">{switch}</p>' if switch else "",
        "</header>",
        f'<main id="main">\n{body}\n</main>',
        f'<footer class="site"><p>{esc(_("Public data from the registry on {date}. Contact details, candidates and nominations are not published; sex is shown only as counts, and small counts are hidden.", date=fmt_date(p.on)))}</p>'
        f'<p>{esc(_("Made with Udpeg."))}</p></footer>',
        "</body>",
        "</html>",
        "",
    ])


def _th(cols: Sequence[tuple[str, str]], names: Sequence[str] = ()) -> str:
    names = list(names) or [""] * len(cols)
    return "<thead><tr>" + "".join(
        f'<th scope="col"{_cls(c, n)}>{esc(h)}</th>' for (c, h), n in zip(cols, names)) + "</tr></thead>"


def _cls(kind: str, col: str = "") -> str:
    classes = " ".join(x for x in ({"num": "num", "date": "date"}.get(kind, ""), f"c-{col}" if col else "") if x)
    return f' class="{classes}"' if classes else ""


def _td(label: str, content_html: str, kind: str = "", col: str = "") -> str:
    """A cell with its column's name (shown above the value where the table is stacked on a phone)."""
    classes = " ".join(x for x in ({"num": "num", "date": "date"}.get(kind, ""), f"c-{col}" if col else "") if x)
    return f'<td data-label="{esc(label)}"{f" class={chr(34)}{classes}{chr(34)}" if classes else ""}>{content_html}</td>'


def _holder_line(hd: dict) -> str:
    name = hd["name"]
    bits = [esc(translate(name) if type(name) is Msgid else name)]
    extra = ", ".join(x for x in (hd["party"], hd["municipality"]) if x)
    if extra:
        bits.append(f' <span class="meta">({esc(extra)})</span>')
    return "".join(bits)


def _term(start: date | None, end: date | None) -> str:
    if start and end:
        return f"{fmt_date(start)} – {fmt_date(end)}"
    if start:
        return _("from {date}", date=fmt_date(start))
    return ""


VACANCY_COLUMNS = ("board", "seat", "requires", "from", "group", "meeting", "municipality")


def vacancy_table(rows: list[dict], names: Names, root: str, table_id: str, with_board: bool = True,
                  caption: str = "", with_requires: bool = True) -> str:
    """The vacancy rows as a table; every row carries what the filters need as data attributes."""
    heads = {"board": _("Board"), "seat": _("Seat group"), "requires": _("What the seat requires"),
             "from": _("Vacant from"), "group": _("Allotted to"), "meeting": _("Deciding meeting"),
             "municipality": _("Leaving member's municipality")}
    cols = [c for c in VACANCY_COLUMNS if (with_board or c != "board") and (with_requires or c != "requires")]
    kinds = {"from": "date", "meeting": "date"}
    out = [f'<table id="{esc(table_id)}" class="vacancies">']
    if caption:
        out.append(f"<caption>{esc(caption)}</caption>")
    out.append(_th([(kinds.get(c, ""), heads[c]) for c in cols], cols))
    out.append("<tbody>")
    req_cache: dict[int, str] = {}
    not_allotted = esc(_("not allotted"))
    unknown = esc(_("not known yet"))
    for r in rows:
        seat = r.get("seat_rule")
        if seat is None:
            req = ""
        else:
            key = id(seat)
            req = req_cache.get(key)
            if req is None:
                req = req_cache[key] = " ".join(esc(x) for x in requirements(seat, names))
        mun = " ".join(r["municipalities"])
        seat_text = esc(r["seat_name"]) + (f' <span class="meta">({esc(_("{n} seats", n=r["open"]))})</span>'
                                           if r["open"] > 1 else "")
        cells = {
            "board": f'<a href="{esc(root)}board/{esc(slug(r["board"]))}.html">{esc(r["board_name"])}</a>',
            "seat": seat_text,
            "requires": req,
            "from": esc(_("now")) if r["days"] <= 0 else esc(r["from"]),
            "group": (f'<a href="{esc(root)}group/{esc(slug(r["council_group"]))}.html">{esc(r["council_group_name"])}</a>'
                      if r["council_group"] else not_allotted),
            "meeting": esc(r["meeting"]) if r.get("meeting") else unknown,
            "municipality": esc(", ".join(names.municipality(x) for x in r["municipalities"])),
        }
        attrs = (f' data-days="{max(0, r["days"])}" data-group="{esc(r["council_group"] or "")}"'
                 f' data-kkr="{esc(r["kkr"])}" data-mun="{esc(mun)}" data-board="{esc(r["board_name"].lower())}"')
        out.append(f"<tr{attrs}>" + "".join(_td(heads[c], cells[c], kinds.get(c, ""), c) for c in cols) + "</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def render_vacancies(p: Page, reg: Registry, rows: list[dict], within: int) -> str:
    names = reg.names
    windows = [w for w in WINDOWS if w <= within] or [0]
    if within not in windows:
        windows.append(within)
    opts_window = "".join(
        f'<option value="{w}"{" selected" if w == windows[-1] else ""}>'
        f'{esc(_("vacant now") if w == 0 else _("now or within {days} days", days=w))}</option>' for w in windows)
    opts_group = (f'<option value="">{esc(_("all council groups"))}</option>'
                  f'<option value="-">{esc(_("not allotted to a group"))}</option>' +
                  "".join(f'<option value="{esc(g["id"])}">{esc(g["name"])}</option>' for g in reg.groups))
    opts_mun = (f'<option value="">{esc(_("all municipalities"))}</option>' +
                "".join(f'<option value="{esc(mid)}" data-kkr="{esc(kkr)}">{esc(name)}</option>'
                        for mid, name, kkr in reg.municipalities))
    shown = _("{n} of {total} vacancies shown.")
    body = [
        f"<h1>{esc(_('Vacancies'))}</h1>",
        f"<p>{esc(_('Seats vacant on {date} and seats falling vacant within {days} days, on every board. The seat group says what the seat requires; a seat allotted to a council group is filled by that group.', date=fmt_date(p.on), days=within))}</p>",
        f'<form id="filters" class="filters" hidden aria-label="{esc(_("Filter the vacancies"))}"'
        f' data-shown="{esc(shown)}">',
        f'<div><label for="f-window">{esc(_("Vacant"))}</label><select id="f-window" name="window">{opts_window}</select></div>',
        f'<div><label for="f-group">{esc(_("Council group"))}</label><select id="f-group" name="group">{opts_group}</select></div>',
        f'<div><label for="f-board">{esc(_("Board name contains"))}</label><input id="f-board" name="board" type="search" autocomplete="off"></div>',
        f'<div><label for="f-mun">{esc(_("Municipality"))}</label><select id="f-mun" name="municipality">{opts_mun}</select></div>',
        "</form>",
        f'<p id="shown" class="shown" role="status" aria-live="polite">{esc(_("{n} vacancies.", n=len(rows)))}</p>',
        _calendar_links(p, reg, "all"),
    ]
    if rows:
        body.append(vacancy_table(rows, names, p.root, "vacancies", caption=_("Vacancies")))
        body.append(f'<p id="none" class="empty" hidden>{esc(_("No vacancies match the filters."))}</p>')
    else:
        body.append(f'<p class="empty">{esc(_("No seats are vacant or falling vacant."))}</p>')
    body.append(f'<p class="note">{esc(_("A municipality matches the seats of its KKR and the seats whose leaving member comes from it."))}</p>')
    return page_html(p, "\n".join(body))


def _calendar_link(p: Page, reg: Registry, which: str) -> str:
    name = _("all vacancies, term ends and deadlines") if which == "all" else reg.names.group(which)
    return (f'<a href="{esc(p.root)}calendar/{esc(slug(which))}.ics">'
            f'{esc(_("Calendar feed (ICS): {name}", name=name))}</a>')


def _calendar_links(p: Page, reg: Registry, which: str) -> str:
    return f'<p class="calendar">{_calendar_link(p, reg, which)}</p>'


def render_board(p: Page, reg: Registry, b: dict) -> str:
    names = reg.names
    c = b["counts"]
    facts = [
        (_("Election period"), _term(*b["term"]) if b["term"] else _("not recorded")),
        (_("Next term end"), fmt_date(b["next_term_end"]) or _("none")),
        (_("Open seats"), b["open_seats"]),
        (_("Counted members"), c["counted"]),
        (_("Women"), c["women"]), (_("Men"), c["men"]), (_("Undisclosed sex"), c["undisclosed"]),
    ]
    body = [f"<h1>{esc(b['name'])}</h1>",
            f"<p>{esc(_('Members and vacancies on {date}.', date=fmt_date(b['on'])))}</p>",
            f'<p class="basis"><strong>{esc(_("Legal basis"))}:</strong> {esc(b["legal_basis"] or _("not recorded"))}</p>',
            '<dl class="facts">' + "".join(f"<div><dt>{esc(k)}</dt><dd>{esc(v)}</dd></div>" for k, v in facts) + "</dl>",
            f'<p class="note">{esc(_("Counted members hold seats that count for gender balance. To protect personal data, small counts are not shown, and no one’s sex is shown."))}</p>',
            f"<h2>{esc(_('Seat groups and members'))}</h2>"]
    if not b["composition"]:
        body.append(f'<p class="empty">{esc(_("No composition is in force on this date."))}</p>')
    heads = [("", _("Seat group")), ("", _("What the seat requires")), ("", _("Member")), ("", _("Term")),
             ("", _("Allotted to"))]
    if b["seats"]:
        rows = []
        for s in b["seats"]:
            req = " ".join(esc(x) for x in requirements(s["rule"], names))
            group = (f'<a href="{esc(p.root)}group/{esc(slug(s["group"]))}.html">{esc(s["group_name"])}</a>'
                     if s["group"] else "")
            lines = [(hd, _("member")) for hd in s["holders"]] + [(hd, _("deputy")) for hd in s["deputies"]]
            n = max(1, len(lines) + (1 if s["vacant"] else 0))
            first = True
            rows.append("<tbody>")
            seat_cell = (f'<th scope="rowgroup" rowspan="{n}" data-label="{esc(_("Seat group"))}">{esc(s["name"])}'
                         f' <span class="meta">({esc(_n("{n} seat", "{n} seats", s["count"], n=s["count"]))})</span></th>'
                         f'{_td(heads[1][1], req)}'.replace("<td ", f'<td rowspan="{n}" ', 1))
            for hd, role in lines:
                who = _holder_line(hd)
                if role == _("deputy"):
                    who += f' <span class="meta">({esc(role)})</span>'
                if hd["holdover"]:
                    who += f' <span class="meta">({esc(_("in office until a successor takes over"))})</span>'
                rows.append("<tr>" + (seat_cell if first else "") + _td(heads[2][1], who, col="who") +
                            _td(heads[3][1], esc(_term(hd["start"], hd["end"])), col="term") +
                            _td(heads[4][1], group, col="group") + "</tr>")
                first = False
            if s["vacant"] or not lines:
                vac = esc(_("vacant") if s["vacant"] == 1 else _("{n} seats vacant", n=s["vacant"]))
                rows.append('<tr class="vacant">' + (seat_cell if first else "") +
                            _td(heads[2][1], f"<strong>{vac}</strong>", col="who") + _td(heads[3][1], "", col="term") +
                            _td(heads[4][1], group, col="group") + "</tr>")
            rows.append("</tbody>")
        body.append('<table class="seats">' + f"<caption>{esc(_('Seat groups and members'))}</caption>" + _th(heads) +
                    "\n".join(rows) + "</table>")
    body.append(f"<h2>{esc(_('Vacancies'))}</h2>")
    if b["vacancies"]:
        body.append(vacancy_table(b["vacancies"], names, p.root, "board-vacancies", with_board=False,
                                  caption=_("Vacancies"), with_requires=False))
    else:
        body.append(f'<p class="empty">{esc(_("No seats are vacant or falling vacant."))}</p>')
    return page_html(p, "\n".join(body))


def render_group(p: Page, reg: Registry, g: dict, rows: list[dict], seats: list[dict]) -> str:
    names = reg.names
    body = [f"<h1>{esc(g['name'])}</h1>",
            f"<p>{esc(_('Council group for {start} – {end}.', start=fmt_date(g['period_start']), end=fmt_date(g['period_end'])))}"
            + (f" {esc(_('Parties: {parties}.', parties=', '.join(g['parties'])))}" if g["parties"] else "") + "</p>",
            _calendar_links(p, reg, g["id"]),
            f'<p><a href="{esc(p.root)}vacancies.html#group={esc(g["id"])}">{esc(_("All vacancies, filtered for this group"))}</a></p>',
            f"<h2>{esc(_('Vacancies allotted to the group'))}</h2>"]
    if rows:
        body.append(vacancy_table(rows, names, p.root, "group-vacancies", caption=_("Vacancies allotted to the group")))
    else:
        body.append(f'<p class="empty">{esc(_("No seats allotted to the group are vacant or falling vacant."))}</p>')
    body.append(f"<h2>{esc(_('Seats allotted to the group'))}</h2>")
    if seats:
        heads = [("", _("Board")), ("", _("Seat group")), ("", _("Members"))]
        trs = []
        for s in seats:
            held = "; ".join(_holder_line(h) for h in s["holders"]) or f"<strong>{esc(_('vacant'))}</strong>"
            trs.append("<tr>" + f'<th scope="row" data-label="{esc(heads[0][1])}"><a href="{esc(p.root)}board/{esc(slug(s["board"]))}.html">{esc(s["board_name"])}</a></th>'
                       + _td(heads[1][1], esc(s["seat_name"])) + _td(heads[2][1], held) + "</tr>")
        body.append(f'<table class="allotted"><caption>{esc(_("Seats allotted to the group"))}</caption>' + _th(heads) +
                    "<tbody>" + "\n".join(trs) + "</tbody></table>")
    else:
        body.append(f'<p class="empty">{esc(_("No seats are allotted to the group on this date."))}</p>')
    return page_html(p, "\n".join(body))


def render_boards(p: Page, summaries: list[dict]) -> str:
    heads = [("", _("Board")), ("num", _("Open seats")), ("date", _("Next term end"))]
    trs = "\n".join(
        f'<tr><th scope="row" data-label="{esc(heads[0][1])}"><a href="board/{esc(slug(s["id"]))}.html">{esc(s["name"])}</a></th>'
        + _td(heads[1][1], esc(s["open_seats"]), "num") + _td(heads[2][1], esc(s["next_term_end"]), "date") + "</tr>"
        for s in summaries)
    body = f"<h1>{esc(_('Boards'))}</h1>\n<p>{esc(_('{n} boards on {date}.', n=len(summaries), date=fmt_date(p.on)))}</p>\n"
    body += (f'<table class="boards"><caption>{esc(_("Boards"))}</caption>{_th(heads)}<tbody>{trs}</tbody></table>'
             if summaries else f'<p class="empty">{esc(_("The registry holds no boards."))}</p>')
    return page_html(p, body)


def render_index(p: Page, reg: Registry, n_boards: int, n_vacancies: int) -> str:
    items = [("vacancies.html", _("Vacancies"), _("{n} seats vacant now or soon, with what each seat requires.", n=n_vacancies)),
             ("boards.html", _("Boards"), _("{n} boards with their members.", n=n_boards))]
    if p.annual:
        items.append((p.annual, _("Annual report"), _("Boards, members and gender balance of the year.")))
    body = [f"<h1>{esc(p.registry or 'Udpeg')}</h1>",
            f"<p>{esc(_('Board appointments: public data on {date}.', date=fmt_date(p.on)))}</p>",
            "<ul class=\"cards\">" + "".join(f'<li><a href="{esc(h)}">{esc(t)}</a><p>{esc(d)}</p></li>' for h, t, d in items) + "</ul>",
            f"<h2>{esc(_('Council groups'))}</h2>"]
    if reg.groups:
        body.append("<ul>" + "".join(f'<li><a href="group/{esc(slug(g["id"]))}.html">{esc(g["name"])}</a></li>'
                                     for g in reg.groups) + "</ul>")
    else:
        body.append(f'<p class="empty">{esc(_("The registry holds no council groups."))}</p>')
    body.append(f"<h2>{esc(_('Calendar feeds'))}</h2>")
    body.append(f"<p>{esc(_('Subscribe in Outlook or another calendar to see vacancies, term ends and deadlines.'))}</p>")
    body.append("<ul>" + "".join(f"<li>{_calendar_link(p, reg, w)}</li>" for w in ["all"] + [g["id"] for g in reg.groups])
                + "</ul>")
    return page_html(p, "\n".join(body))


def render_annual(p: Page, doc) -> Iterable[str]:
    """The annual report's document without its member lists (the board pages have them) and its list of
    findings (the compliance table counts them per board), a section at a time (a national
    registry's page is tens of megabytes)."""
    from registry.reports.render_html import chart_svg

    head, foot = page_html(p, "\x00").split("\x00")
    yield head
    yield f"<h1>{esc(doc.title)}</h1>\n<p>{esc(doc.subtitle)}</p>\n"
    for s in doc.sections:
        if s.id == "findings":
            continue
        if s.id == "members":
            yield (f'<section id="members"><h2>{esc(s.title)}</h2><p>{esc(_("Each board’s page lists its members."))}</p>'
                   f'<p><a href="boards.html">{esc(_("Boards"))}</a></p></section>\n')
            continue
        yield _doc_section(s, chart_svg) + "\n"
    yield foot


def _doc_section(s: Section, chart_svg) -> str:
    out = [f'<section id="{esc(s.id)}">', f"<h2>{esc(s.title)}</h2>"]
    if s.bullets:
        out.append("<ul>" + "".join(f"<li>{esc(x)}</li>" for x in s.paragraphs) + "</ul>")
    else:
        out += [f"<p>{esc(x)}</p>" for x in s.paragraphs]
    for blk in s.blocks:
        if isinstance(blk, Facts):
            out.append('<dl class="facts">' + "".join(f"<div><dt>{esc(k)}</dt><dd>{esc(v)}</dd></div>"
                                                      for k, v in blk.items) + "</dl>")
        elif isinstance(blk, Chart):
            out.append(f'<div class="chart">{chart_svg(blk)}</div>')
        elif isinstance(blk, Table):
            out.append(_doc_table(blk))
    out.append("</section>")
    return "\n".join(out)


def _doc_table(t: Table) -> str:
    if not t.rows:
        return f'<p class="empty">{esc(t.empty or _("Nothing to show."))}</p>'
    cols = [c for c in t.columns if c.page]
    kind = {c.key: ("num" if c.kind in ("int", "pct") else "date" if c.kind == "date" else "") for c in cols}

    def cell(c, v):
        if c.kind == "pct" and isinstance(v, (int, float)):
            return f"{round(v * 100)} %"
        if isinstance(v, (list, tuple)):
            return ", ".join(show(x) for x in v)
        return show(v)

    trs = "\n".join("<tr>" + "".join(_td(c.header, esc(cell(c, r.get(c.key))), kind[c.key]) for c in cols) + "</tr>"
                    for r in t.rows)
    return (f'<table class="report"><caption>{esc(t.title)}</caption>{_th([(kind[c.key], c.header) for c in cols])}'
            f"<tbody>{trs}</tbody></table>" + (f'<p class="note">{esc(t.note)}</p>' if t.note else ""))


# --- calendar ----------------------------------------------------------------------------------


def write_calendar(path: Path, events: Iterable[Event], title: str, stamp: date) -> None:
    """An iCalendar file of ``events``, written one event at a time (a national registry has tens
    of thousands; icalendar's objects for all of them at once took hundreds of megabytes)."""
    from icalendar import Calendar
    from icalendar import Event as IcsEvent

    cal = Calendar()
    cal.add("prodid", "-//Udpeg//Udpeg site//DA")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", title)
    head, end = cal.to_ical().split(b"END:VCALENDAR")
    dtstamp = datetime.combine(stamp, time(0, 0), tzinfo=timezone.utc)
    with open(path, "wb") as fh:
        fh.write(head)
        for e in sorted(events, key=lambda e: (e.date, e.uid)):
            ev = IcsEvent()
            ev.add("uid", e.uid)
            ev.add("dtstamp", dtstamp)
            ev.add("dtstart", e.date)
            ev.add("dtend", e.date + timedelta(days=1))
            ev.add("summary", event_summary(e))
            desc = event_description(e)
            if desc:
                ev.add("description", desc)
            ev.add("categories", [e.kind])
            ev.add("transp", "TRANSPARENT")
            fh.write(ev.to_ical())
        fh.write(b"END:VCALENDAR" + end)


# --- the whole site ----------------------------------------------------------------------------


@dataclass
class SiteResult:
    pages: int = 0
    feeds: int = 0
    boards: int = 0
    vacancies: int = 0
    files: list[str] = field(default_factory=list)


def build(ctx, out: Path, on: date, year: int | None = None, langs: Sequence[str] = LANGUAGES,
          within: int = 180, today: date | None = None, progress: Progress | None = None) -> SiteResult:
    """Write the site into the folder ``out`` (which must exist and be empty)."""
    from registry.reports import annual
    from registry.reports.assets import CSS, JS

    today = today or date.today()
    langs = [lg for lg in ("da", "en") if lg in langs]
    before = get_language()
    res = SiteResult()
    reg = read_registry(ctx)
    total = len(reg.boards)
    year = year if year is not None else (on.year - 1 if on.month < 12 or on.day < 31 else on.year)
    annual_name = f"annual-{year}.html"
    horizon = on + timedelta(days=within) if within else None
    last_event = on + timedelta(days=CALENDAR_DAYS)

    (out / "assets").mkdir()
    (out / "assets" / "site.css").write_text(CSS, encoding="utf-8")
    (out / "assets" / "site.js").write_text(JS, encoding="utf-8")
    for lg in langs:
        for sub in ("board", "group", "calendar"):
            (out / lg / sub).mkdir(parents=True)

    def page(path: str, title: str, lg: str, scripts: bool = False) -> Page:
        return Page(path, title, lg, langs, reg.names.registry, on, annual_name, scripts)

    def write(lg: str, path: str, text: str) -> None:
        (out / lg / path).write_text(text, encoding="utf-8")
        res.pages += 1

    vac_rows: list[dict] = []
    events: list[Event] = []
    summaries: list[dict] = []
    allotted: dict[str, list[dict]] = {g["id"]: [] for g in reg.groups}
    done = 0
    try:
        for chunk in snapshot_chunks(ctx, on, [b[0] for b in reg.boards]):
            for snap in chunk:
                rows = [vacancy_row(r, snap, on, reg.meetings)
                        for r in merge_vacancies(service.board_vacancies(snap, on, horizon))]
                vac_rows += rows
                events += board_events(snap, rows, on, last_event)
                data = board_page(snap, reg.names, rows)
                summaries.append({"id": data["id"], "name": data["name"], "open_seats": data["open_seats"],
                                  "next_term_end": data["next_term_end"]})
                for s in data["seats"]:
                    if s["group"] in allotted:
                        allotted[s["group"]].append({"board": data["id"], "board_name": data["name"],
                                                     "seat_name": s["name"], "holders": s["holders"]})
                for lg in langs:
                    set_language(lg)
                    write(lg, f"board/{slug(data['id'])}.html", render_board(page(f"board/{slug(data['id'])}.html", data["name"], lg), reg, data))
                done += 1
            res.boards = done
            if progress:
                set_language(before)        # progress is said in the interface's language
                progress(done, total, "boards")
        vac_rows.sort(key=lambda r: (r["from"], r["board_name"].lower(), r["seat"]))
        res.vacancies = len(vac_rows)
        for lg in langs:
            set_language(lg)
            write(lg, "index.html", render_index(page("index.html", _("Overview"), lg), reg, total,
                                                     sum(r["open"] for r in vac_rows)))
            write(lg, "vacancies.html", render_vacancies(page("vacancies.html", _("Vacancies"), lg, scripts=True), reg,
                                                         vac_rows, within))
            write(lg, "boards.html", render_boards(page("boards.html", _("Boards"), lg), summaries))
            for g in reg.groups:
                rows = [r for r in vac_rows if r["council_group"] == g["id"]]
                path = f"group/{slug(g['id'])}.html"
                write(lg, path, render_group(page(path, g["name"], lg), reg, g, rows, allotted[g["id"]]))
            stamp = today
            write_calendar(out / lg / "calendar" / "all.ics", events, _(
                "{registry}: vacancies, term ends and deadlines", registry=reg.names.registry or "Udpeg"), stamp)
            res.feeds += 1
            for g in reg.groups:
                mine = [e for e in events if g["id"] in e.groups]
                write_calendar(out / lg / "calendar" / f"{slug(g['id'])}.ics", mine,
                               _("{group}: vacancies, term ends and deadlines", group=g["name"]), stamp)
                res.feeds += 1
        del events, summaries
        for lg in langs:
            set_language(lg)

            def tick(done: int, total: int, lg: str = lg) -> None:
                if progress:
                    set_language(before)
                    progress(done, total, "annual")
                    set_language(lg)

            _data, doc = annual.build(ctx, year=year, today=today, progress=tick, members=False,
                                      snapshots=lambda c, d, since: StreamedSnapshots(c, d, [b[0] for b in reg.boards], since))
            with open(out / lg / annual_name, "w", encoding="utf-8") as fh:
                fh.writelines(render_annual(page(annual_name, doc.title, lg), doc))
            res.pages += 1
            del _data, doc
        _write_root(out, langs, reg.names.registry)
    finally:
        set_language(before)
    return res


def _write_root(out: Path, langs: Sequence[str], registry: str) -> None:
    from registry import __version__

    first = langs[0]
    links = "".join(f'<li><a href="{lg}/index.html" hreflang="{lg}" lang="{lg}">{esc(language_name(lg))}</a></li>'
                    for lg in langs)
    (out / "index.html").write_text("\n".join([
        "<!DOCTYPE html>", f'<html lang="{first}">', "<head>", '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta http-equiv="refresh" content="0; url={first}/index.html">',
        f"<title>{esc(registry or 'Udpeg')}</title>", '<link rel="stylesheet" href="assets/site.css">', "</head>",
        f'<body><main id="main"><h1>{esc(registry or "Udpeg")}</h1><ul>{links}</ul></main></body>', "</html>", ""]),
        encoding="utf-8")
    (out / MARKER).write_text(json.dumps({"generator": "udpeg publish", "version": __version__,
                                          "languages": list(langs)}, indent=2) + "\n", encoding="utf-8")


def is_site(folder: Path) -> bool:
    """Whether ``folder`` holds a site written by ``udpeg publish`` (so it may be replaced)."""
    marker = folder / MARKER
    try:
        return marker.is_file() and json.loads(marker.read_text(encoding="utf-8")).get("generator") == "udpeg publish"
    except (OSError, ValueError, AttributeError):
        return False


class PublishRefused(RegistryError):
    """The destination cannot take a site: nothing was written (exit 2)."""


def check_destination(dest: Path) -> None:
    """Refuse a destination that is not a folder ``publish`` may fill: a file, a missing parent,
    a folder with other things in it (only an empty folder or an earlier site is replaced)."""
    parent = dest.absolute().parent
    if not parent.is_dir():
        raise PublishRefused(_("The folder {folder} does not exist: create it first, or choose another place for the site.",
                               folder=str(parent)))
    if dest.is_symlink():
        raise PublishRefused(_("{path} is a symbolic link: give -o the folder itself, so that the site is renamed into place.",
                               path=str(dest)))
    if dest.exists() and not dest.is_dir():
        raise PublishRefused(_("{path} is not a folder: give -o a folder for the site (a new one, an empty one or an earlier site).",
                               path=str(dest)))
    if dest.is_dir() and any(dest.iterdir()) and not is_site(dest):
        raise PublishRefused(_("{path} is not empty and does not hold a site made by udpeg publish: choose an empty or new folder, so nothing of yours is replaced.",
                               path=str(dest)))


def publish(ctx, dest: Path, **options) -> SiteResult:
    """Write the site to ``dest`` atomically: into a new folder beside it, then renamed into place
    (an earlier site is replaced only when the new one is complete)."""
    import os
    import shutil
    import tempfile

    check_destination(dest)
    dest = dest.absolute()
    tmp = Path(tempfile.mkdtemp(prefix=f".{dest.name}.", suffix=".udpeg-new", dir=dest.parent))
    try:
        tmp.chmod(0o755)
        result = build(ctx, tmp, **options)
        for folder, dirs, _files in os.walk(tmp):
            for d in dirs:
                (Path(folder) / d).chmod(0o755)
        if dest.is_dir():
            old = Path(tempfile.mkdtemp(prefix=f".{dest.name}.", suffix=".udpeg-old", dir=dest.parent))
            old.rmdir()
            os.rename(dest, old)
            try:
                os.rename(tmp, dest)
            except OSError:
                os.rename(old, dest)
                raise
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.rename(tmp, dest)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return result
