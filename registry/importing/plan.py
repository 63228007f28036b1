"""From a sheet's rows to a ``udpeg/1`` dataset: values read, people, boards, seat groups,
organisations and municipalities matched to the registry's (never duplicated), the rest made.

Pure: it works on the rows and on :class:`Known` (what the registry holds), and answers a
:class:`Plan` — the dataset tree, every problem with its row and column, and what it matched,
made, read loosely and left out. Writing is the dataset loader's job (``service.import_sheet``).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from registry.dataset.schema import Problem
from registry.i18n import N_, _, translate
from registry.importing.columns import FIELD_LABELS
from registry.importing.sheet import Sheet, cell_text
from registry.synth import KKR_NAMES, MUNICIPALITIES, ascii_id

CLOSE = 0.85     # difflib ratio from which a name is listed as a close match (never merged)


@dataclass
class Known:
    """What the registry holds, as the import needs it."""

    kkr: str = "nordjylland"
    municipalities: dict[str, str] = field(default_factory=dict)          # id -> name
    organisations: dict[str, str] = field(default_factory=dict)           # id -> name
    council_groups: dict[str, str] = field(default_factory=dict)          # id -> name
    people: dict[str, tuple[str, str | None, str | None, str]] = field(default_factory=dict)  # id -> name, municipality, party, sex
    boards: dict[str, str] = field(default_factory=dict)                  # id -> name
    seats: dict[str, dict[str, str]] = field(default_factory=dict)        # board -> seat id -> name
    appointments: dict[tuple, str] = field(default_factory=dict)          # (board, seat, person, role, start) -> id
    members: dict[str, list[tuple[str, str, str]]] = field(default_factory=dict)  # board -> (id, seat, person name)
    appointment_ids: set[str] = field(default_factory=set)


@dataclass
class Plan:
    tree: dict
    problems: list[Problem] = field(default_factory=list)
    places: dict[str, str] = field(default_factory=dict)      # dataset place ("appointments[3]") -> "row 7"
    created: dict[str, list[str]] = field(default_factory=dict)
    matched: list[str] = field(default_factory=list)
    close: list[str] = field(default_factory=list)
    read_as: list[str] = field(default_factory=list)
    already: list[int] = field(default_factory=list)
    skipped: list[int] = field(default_factory=list)
    differs: list[str] = field(default_factory=list)
    rows: int = 0


def key(text: str) -> str:
    return " ".join(str(text).casefold().split())


def _muni_key(text: str) -> str:
    k = key(text)
    for suffix in (" regionskommune", " kommune"):
        if k.endswith(suffix):
            k = k[: -len(suffix)]
    return k


_DMY = re.compile(r"(\d{1,2})[-./](\d{1,2})[-./](\d{4})")
_YMD = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
ROLES = {"medlem": "member", "member": "member", "menigt medlem": "member", "formand": "member",
         "næstformand": "member", "suppleant": "deputy", "deputy": "deputy", "stedfortræder": "deputy",
         "ledig": "vacant", "vacant": "vacant", "vakant": "vacant"}
SEXES = {"kvinde": "woman", "k": "woman", "woman": "woman", "f": "woman", "female": "woman",
         "mand": "man", "m": "man", "man": "man", "male": "man",
         "uoplyst": "undisclosed", "ikke oplyst": "undisclosed", "undisclosed": "undisclosed", "-": "undisclosed"}
NOT_RECORDED = {"ikke oplyst", "not recorded"}
#: the annual report's note on a member in office after the term, in either language: the board holds over
HOLDOVER = N_("holdover: in office until a successor takes over")
_DEPUTY_NOTE = re.compile(r"^(?:suppleant|deputy) for (.+)$", re.I)


def parse_date(value: Any) -> date | None:
    """A date from a cell: an Excel date, 27-03-2026, 27.03.2026, 27/03/2026 or 2026-03-27; None if not one."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = cell_text(value)
    try:
        if m := _DMY.fullmatch(text):
            return date(int(m[3]), int(m[2]), int(m[1]))
        if m := _YMD.fullmatch(text):
            return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None
    return None


class _Builder:
    def __init__(self, sheet: Sheet, cols: dict[str, int], known: Known):
        self.sheet, self.cols, self.k = sheet, cols, known
        self.plan = Plan(tree={"format": "udpeg/1"})
        self.out: dict[str, list[dict]] = {k: [] for k in ("municipalities", "organisations", "people", "boards", "appointments")}
        self.used: dict[str, set[str]] = {"municipalities": set(known.municipalities), "organisations": set(known.organisations),
                                          "people": set(known.people), "boards": set(known.boards),
                                          "appointments": set(known.appointment_ids)}
        self._munis = self._municipality_index()
        self._orgs = {key(n): i for i, n in known.organisations.items()} | {i: i for i in known.organisations}
        self._groups = {key(n): i for i, n in known.council_groups.items()}
        self._boards = {key(n): i for i, n in known.boards.items()} | {i: i for i in known.boards}
        self._people_exact: dict[tuple[str, str | None], list[str]] = {}
        for pid, (name, muni, _party, _sex) in sorted(known.people.items()):
            self._people_exact.setdefault((" ".join(name.split()), muni), []).append(pid)
        self._people_names = sorted({key(n) for n, *_ in known.people.values()})
        self._by_name: dict[str, list[str]] = {}
        for pid, (name, *_rest) in known.people.items():
            self._by_name.setdefault(key(name), []).append(pid)
        self.file_people: dict[tuple[str, str | None, str | None], str] = {}
        self._taken: set[str] = set()       # registry people some row already is
        self.new_boards: dict[str, dict] = {}
        self._holdover = {key(translate(HOLDOVER, lang)) for lang in ("en", "da")}

    # -- helpers ---------------------------------------------------------------------------

    def where(self, row: int, f: str) -> str:
        col = self.cols.get(f)
        header = self.sheet.header[col] if col is not None and col < len(self.sheet.header) else _(FIELD_LABELS[f])
        return _("row {row}, column {column}", row=row, column=header or _(FIELD_LABELS[f]))

    def problem(self, row: int, f: str, message: str) -> None:
        self.plan.problems.append(Problem(self.where(row, f), message))

    def value(self, values: list, f: str) -> Any:
        i = self.cols.get(f)
        return values[i] if i is not None and i < len(values) else None

    def text(self, values: list, f: str) -> str:
        return cell_text(self.value(values, f))

    def new_id(self, kind: str, name: str, fallback: str) -> str:
        base = ascii_id(name)[:60].strip("-") or fallback
        candidate, n = base, 1
        while candidate in self.used[kind]:
            n += 1
            candidate = f"{base}-{n}"
        self.used[kind].add(candidate)
        return candidate

    def created(self, kind: str, label: str) -> None:
        self.plan.created.setdefault(kind, []).append(label)

    # -- municipalities ----------------------------------------------------------------------

    def muni_name(self, mid: str | None) -> str:
        if mid is None:
            return "—"
        made = next((r["name"] for r in self.out["municipalities"] if r["id"] == mid), None)
        return made or self.k.municipalities.get(mid, mid)

    def _municipality_index(self) -> dict[str, tuple[str, str, str | None]]:
        """Municipality key -> (id, name, kkr if it must be created)."""
        idx: dict[str, tuple[str, str, str | None]] = {}
        for kkr, names in MUNICIPALITIES.items():
            for n in names:
                mid = ascii_id(n)
                full = "Bornholms Regionskommune" if mid == "bornholm" else f"{n} Kommune"
                for k in {key(n), _muni_key(full), mid}:
                    idx[k] = (mid, full, kkr)
        for mid, name in self.k.municipalities.items():
            for k in {_muni_key(name), mid}:
                idx[k] = (mid, name, None)
        for k, v in list(idx.items()):       # "Vesthimmerlands" for "Vesthimmerland", "Nordfyn" for "Nordfyns"
            idx.setdefault(k + "s", v)
            if k.endswith("s"):
                idx.setdefault(k[:-1], v)
        return idx

    def municipality(self, row: int, text: str) -> str | None:
        if not text:
            return None
        k = _muni_key(text)
        hit = self._munis.get(k)
        if hit is None:
            close = difflib.get_close_matches(k, list(self._munis), n=2, cutoff=CLOSE)
            if close and (len(close) == 1 or self._munis[close[0]][0] == self._munis[close[1]][0]
                          or difflib.SequenceMatcher(None, k, close[0]).ratio() > difflib.SequenceMatcher(None, k, close[1]).ratio()):
                hit = self._munis[close[0]]
                self.plan.read_as.append(_("{where}: {value} read as {name}", where=self.where(row, "municipality"),
                                           value=repr(text), name=hit[1]))
            else:
                near = difflib.get_close_matches(k, list(self._munis), n=1, cutoff=0.6)
                self.problem(row, "municipality", _("{value} is not a Danish municipality (did you mean {near}?)",
                                                    value=repr(text), near=self._munis[near[0]][1]) if near else
                             _("{value} is not a Danish municipality", value=repr(text)))
                return None
        mid, name, kkr = hit
        if kkr and key(text).endswith("kommune") and self._munis.get(k) is hit:
            name = " ".join(text.split())      # as the sheet writes it: "Vesthimmerlands Kommune"
        if mid not in self.used["municipalities"]:
            self.used["municipalities"].add(mid)
            self.out["municipalities"].append({"id": mid, "name": name, "kkr": kkr or self.k.kkr})
            self.created("municipalities", name)
        return mid

    # -- organisations and council groups ---------------------------------------------------

    def organisation(self, name: str) -> str:
        k = key(name)
        if k in self._orgs:
            return self._orgs[k]
        oid = self.new_id("organisations", name, "organisation")
        rec = {"id": oid, "name": " ".join(name.split()), "kind": "other"}
        low = k
        kkr = next((kid for kid, n in KKR_NAMES.items() if low == f"kkr {n.casefold()}"), None)
        if kkr:
            rec.update(kind="kkr", kkr=kkr)
        elif low.startswith(("region ", "regionsrådet")):
            rec["kind"] = "region"
        elif low.endswith("kommune"):
            rec["kind"] = "municipality"
        elif low.endswith("ministeriet"):
            rec["kind"] = "ministry"
        self.out["organisations"].append(rec)
        self._orgs[k] = oid
        self.created("organisations", rec["name"])
        return oid

    def nominators(self, text: str) -> tuple[list[str], str | None]:
        """Organisations (and a council group) named in a cell: the whole cell if it is one known
        name, else its parts split at ';' or line breaks, else at commas (parts rejoined while they
        make a known name: "Regionsrådet, Region Nordjylland")."""
        if not text:
            return [], None
        if key(text) in self._groups:
            return [], self._groups[key(text)]
        if key(text) in self._orgs:
            return [self._orgs[key(text)]], None
        parts = [p.strip() for p in re.split(r"[;\n]", text) if p.strip()]
        if len(parts) == 1:
            pieces, parts, acc = [p.strip() for p in text.split(",")], [], ""
            for p in pieces:
                acc = f"{acc}, {p}" if acc else p
                if key(acc) in self._orgs or key(acc) in self._groups:
                    parts.append(acc)
                    acc = ""
            if acc:
                parts += [x.strip() for x in acc.split(",") if x.strip()]
        group = next((self._groups[key(p)] for p in parts if key(p) in self._groups), None)
        return [self.organisation(p) for p in parts if key(p) not in self._groups], group

    # -- people ---------------------------------------------------------------------------------

    def person(self, row: int, name: str, values: list) -> str | None:
        muni = self.municipality(row, self.text(values, "municipality")) if "municipality" in self.cols else None
        party = self.text(values, "party") or None
        sex_text = self.text(values, "sex")
        sex = None
        if sex_text:
            sex = SEXES.get(key(sex_text))
            if sex is None:
                self.problem(row, "sex", _("{value} is not a sex (kvinde, mand, uoplyst; woman, man, undisclosed)", value=repr(sex_text)))
        name = " ".join(name.split())
        k = (name, muni)
        # in the sheet, one person per name, municipality and party: two rows of one name and
        # municipality but different parties (or one without) are two namesakes
        fk = (name, muni, party)
        if fk in self.file_people:
            return self.file_people[fk]
        namesakes = self._people_exact.get(k, [])     # of them, the one of the row's party first
        pid = next((p for p in namesakes if self.k.people[p][2] == party), namesakes[0] if namesakes else None)
        if pid is not None and pid in self._taken and self.k.people[pid][2] != party:
            pid = None         # the registry's namesake is already another row's person
        if pid is not None:
            self.file_people[fk] = pid
            self._taken.add(pid)
            reg_name, _m, reg_party, reg_sex = self.k.people[pid]
            self.plan.matched.append(_("row {row}: {name} is {id}", row=row, name=name, id=pid))
            if party and reg_party != party:
                self.plan.differs.append(_("row {row}: {id} has party {registry} in the registry, {sheet} in the sheet (not changed)",
                                           row=row, id=pid, registry=reg_party or "—", sheet=party))
            if sex and reg_sex != sex:
                self.plan.differs.append(_("row {row}: {id} has another sex in the registry than in the sheet (not changed)", row=row, id=pid))
            return pid
        pid = self.new_id("people", name, "person")
        rec = {"id": pid, "name": name}
        if muni:
            rec["municipality"] = muni
        if party:
            rec["party"] = party
        if sex:
            rec["sex"] = sex           # else undisclosed: sex is never guessed from a name
        self.plan.places[f"people[{len(self.out['people'])}]"] = _("row {row}", row=row)
        self.out["people"].append(rec)
        self.file_people[fk] = pid
        self.created("people", name)
        for other in difflib.get_close_matches(key(name), self._people_names, n=3, cutoff=CLOSE):
            for oid in self._by_name.get(other, ()):
                oname, omuni, *_rest = self.k.people[oid]
                ratio = difflib.SequenceMatcher(None, key(name), other).ratio()
                self.plan.close.append(_("row {row}: {name} ({municipality}) is like {id} {other} ({other_municipality}), "
                                         "similarity {ratio}; not merged",
                                         row=row, name=name, municipality=self.muni_name(muni), id=oid, other=oname,
                                         other_municipality=self.muni_name(omuni), ratio=f"{ratio:.2f}"))
        return pid

    # -- boards and seats -------------------------------------------------------------------------

    def board(self, row: int, name: str) -> tuple[str, bool]:
        k = key(name)
        if k in self._boards:
            bid = self._boards[k]
            return bid, bid in self.new_boards
        bid = self.new_id("boards", name, "board")
        self._boards[k] = bid
        self.new_boards[bid] = {"id": bid, "name": " ".join(name.split()), "seats": {}, "row": row, "holdover": False}
        self.created("boards", " ".join(name.split()))
        return bid, True

    def seat(self, row: int, bid: str, new: bool, text: str, appointed_by: str) -> str | None:
        if new:
            seats = self.new_boards[bid]["seats"]
            label = text or "Medlemmer"
            k = key(label)
            if k not in seats:
                used = {s["id"] for s in seats.values()}
                sid, n = ascii_id(label)[:40].strip("-") or "seat", 1
                base = sid
                while sid in used:
                    n += 1
                    sid = f"{base}-{n}"
                seats[k] = {"id": sid, "name": " ".join(label.split()), "appointed_by": None, "rows": []}
                self.created("seat_groups", f"{self.new_boards[bid]['name']}: {seats[k]['name']}")
            if appointed_by and seats[k]["appointed_by"] is None:
                seats[k]["appointed_by"] = self.organisation(appointed_by)
            return seats[k]["id"]
        seats = self.k.seats.get(bid, {})
        if not text:
            if len(seats) == 1:
                return next(iter(seats))
            self.problem(row, "seat", _("board {board} has several seat groups: say which ({seats})",
                                        board=self.k.boards[bid], seats=", ".join(sorted(seats.values()))))
            return None
        for sid, sname in seats.items():
            if key(text) in (key(sname), sid):
                return sid
        self.problem(row, "seat", _("board {board} has no seat group {seat} (it has: {seats}); an import adds no seat groups to a board the registry holds",
                                    board=self.k.boards[bid], seat=repr(text), seats=", ".join(sorted(seats.values())) or _("none")))
        return None

    # -- rows ---------------------------------------------------------------------------------

    def build(self) -> Plan:
        pending: list[tuple[int, dict, str]] = []      # deputies waiting for their member: (row, record, member name)
        seen: dict[tuple, int] = {}
        members_by_board: dict[str, list[tuple[str, str, str]]] = {}
        for row, values in self.sheet.rows:
            self.plan.rows += 1
            name, board_name = self.text(values, "name"), self.text(values, "board")
            role_text = self.text(values, "role")
            role = ROLES.get(key(role_text)) if role_text else None
            if role_text and role is None:
                self.problem(row, "role", _("{value} is not a role (medlem, suppleant, ledig; member, deputy, vacant)", value=repr(role_text)))
                continue
            if role == "vacant" or name in ("—", "-") or not (name or role_text or cell_text(self.value(values, "start"))
                                                             or self.text(values, "seat")):
                self.plan.skipped.append(row)      # an open seat, or a note under the table
                continue
            bad = False
            if not board_name:
                self.problem(row, "board", _("no board named"))
                bad = True
            if not name:
                self.problem(row, "name", _("no name (write ikke oplyst / not recorded for a seat whose holder is not known)"))
                bad = True
            start_cell, end_cell = self.value(values, "start"), self.value(values, "end")
            start = parse_date(start_cell)
            if start is None:
                self.problem(row, "start", _("{value} is not a date (27-03-2026, 27.03.2026 or 2026-03-27)", value=repr(cell_text(start_cell)))
                             if cell_text(start_cell) else _("no start date"))
                bad = True
            end = None
            if cell_text(end_cell):
                end = parse_date(end_cell)
                if end is None:
                    self.problem(row, "end", _("{value} is not a date (27-03-2026, 27.03.2026 or 2026-03-27)", value=repr(cell_text(end_cell))))
                    bad = True
                elif start is not None and end < start:
                    self.problem(row, "end", _("ends ({end}) before it starts ({start})", end=end.isoformat(), start=start.isoformat()))
                    bad = True
            deputy_for = self.text(values, "deputy_for")
            if not deputy_for and (m := _DEPUTY_NOTE.match(self.text(values, "note"))):
                deputy_for = m[1].strip()
            if role is None:
                role = "deputy" if deputy_for else "member"
            if role == "deputy" and not deputy_for:
                self.problem(row, "deputy_for" if "deputy_for" in self.cols else "role",
                             _("a deputy must name the member it stands in for (column Suppleant for / Deputy for)"))
                bad = True
            if bad:
                continue
            bid, new = self.board(row, board_name)
            sid = self.seat(row, bid, new, self.text(values, "seat"), self.text(values, "appointed_by"))
            if sid is None:
                continue
            pid = None if key(name) in NOT_RECORDED else self.person(row, name, values)
            if key(name) not in NOT_RECORDED and pid is None:
                continue
            orgs, group = self.nominators(self.text(values, "nominated_by"))
            ident = (bid, sid, pid, role, start)
            if pid is not None and ident in seen:      # several holders may be not recorded
                self.problem(row, "name", _("the same appointment as row {row}", row=seen[ident]))
                continue
            seen[ident] = row
            if pid is not None and ident in self.k.appointments:
                self.plan.already.append(row)
                continue
            aid = self.new_id("appointments", f"{bid}-{sid}-{pid or 'not-recorded'}-{start.isoformat()}", "appointment")
            rec = {"id": aid, "board": bid, "seat": sid, "role": role, "start": start}
            if pid is None:
                rec["holder"] = "not-recorded"
            else:
                rec["person"] = pid
            if end is not None:
                rec["end"] = end
            if orgs:
                rec["nominated_by"] = orgs
            if group:
                rec["council_group"] = group
            self.plan.places[f"appointments[{len(self.out['appointments'])}]"] = _("row {row}", row=row)
            self.out["appointments"].append(rec)
            if new and key(self.text(values, "note")) in self._holdover:
                self.new_boards[bid]["holdover"] = True     # its members stay in office until succeeded
            if new:
                self.new_boards[bid]["seats"][next(k for k, s in self.new_boards[bid]["seats"].items() if s["id"] == sid)]["rows"].append(rec)
            if role == "member":
                members_by_board.setdefault(bid, []).append((aid, sid, key(name)))
            else:
                pending.append((row, rec, deputy_for))
        for row, rec, member in pending:
            cands = [(a, s) for a, s, n in members_by_board.get(rec["board"], []) + self.k.members.get(rec["board"], [])
                     if n == key(member)]
            same_seat = [a for a, s in cands if s == rec["seat"]]
            found = same_seat or [a for a, _s in cands]
            if not found:
                self.problem(row, "deputy_for" if "deputy_for" in self.cols else "note",
                             _("no member {name} on this board for the deputy to stand in for", name=repr(member)))
                continue
            rec["deputy_for"] = found[0]
        self._boards_out()
        self.plan.tree.update({k: v for k, v in self.out.items() if v})
        return self.plan

    def _boards_out(self) -> None:
        for bid, b in self.new_boards.items():
            seats, starts = [], []
            for s in b["seats"].values():
                members = [r for r in s["rows"] if r["role"] == "member"]
                starts += [r["start"] for r in s["rows"]]
                seat = {"id": s["id"], "name": s["name"], "count": max(_most_at_once(members), 1)}
                if s["appointed_by"]:
                    seat["appointed_by"] = s["appointed_by"]
                if any(r["role"] == "deputy" for r in s["rows"]):
                    seat["deputies"] = "optional"
                seats.append(seat)
            if not seats:
                continue
            self.plan.places[f"boards[{len(self.out['boards'])}]"] = _("row {row}", row=b["row"])
            board = {"id": bid, "name": b["name"], "compositions": [{"valid_from": min(starts), "seats": seats}]}
            if b["holdover"]:
                board["holdover"] = True
            self.out["boards"].append(board)


def _most_at_once(rows: list[dict]) -> int:
    """The most appointments of ``rows`` running on one day (an open end runs on)."""
    events = []
    for r in rows:
        events.append((r["start"].toordinal(), 1))
        if r.get("end") is not None:
            events.append((r["end"].toordinal() + 1, -1))
    most = now = 0
    for _day, d in sorted(events):
        now += d
        most = max(most, now)
    return most


def build(sheet: Sheet, cols: dict[str, int], known: Known) -> Plan:
    """The dataset the rows make, against what the registry holds."""
    return _Builder(sheet, cols, known).build()
