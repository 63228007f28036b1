"""``udpeg import``: people and appointments from a spreadsheet (XLSX or CSV).

The parts: :mod:`~registry.importing.sheet` reads the rows under the header row,
:mod:`~registry.importing.columns` says which column holds which field (and remembers it for the
layout), :mod:`~registry.importing.plan` turns the rows into a ``udpeg/1`` dataset matched against
what the registry holds. :func:`known` reads that from a session; the write is the dataset
loader's, through ``service.import_sheet`` (validated as any dataset, all or nothing, one audit
event).
"""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from registry import model as m
from registry.dataset.load import DatasetError
from registry.dataset.schema import Problem
from registry.errors import RegistryError
from registry.i18n import _, _n
from registry.importing.plan import Known, Plan, build, key

__all__ = ["Known", "NotImported", "Plan", "build", "known", "locate"]


class NotImported(DatasetError):
    """The sheet cannot be imported; ``problems`` name their rows and columns (exit 2, nothing written)."""

    def __init__(self, problems):
        self.problems = list(problems)
        n = len(self.problems)
        shown = "\n".join(f"  {p}" for p in self.problems[:50])
        more = "\n  " + _("… and {n} more", n=n - 50) if n > 50 else ""
        RegistryError.__init__(self, _n("The sheet was not imported ({n} problem; nothing was written):",
                                        "The sheet was not imported ({n} problems; nothing was written):", n, n=n)
                               + f"\n{shown}{more}")


def known(s: Session) -> Known:
    """What the registry holds that an import matches against."""
    k = Known()
    info = s.get(m.RegistryInfo, 1)
    if info is not None and info.kkr:
        k.kkr = info.kkr
    k.municipalities = dict(s.execute(select(m.Municipality.id, m.Municipality.name)).all())
    k.organisations = dict(s.execute(select(m.Organisation.id, m.Organisation.name)).all())
    k.council_groups = dict(s.execute(select(m.CouncilGroup.id, m.CouncilGroup.name)).all())
    k.people = {pid: (name, muni, party, sex) for pid, name, muni, party, sex in
                s.execute(select(m.Person.id, m.Person.name, m.Person.municipality, m.Person.party, m.Person.sex))}
    k.boards = dict(s.execute(select(m.Board.id, m.Board.name)).all())
    C, S = m.Composition, m.SeatGroup
    for board, seat, name in s.execute(select(C.board, S.seat, S.name).join(C, C.pk == S.composition)
                                       .order_by(C.board, C.valid_from)):
        k.seats.setdefault(board, {})[seat] = name      # a later composition's name wins
    A, P = m.Appointment, m.Person
    for aid, board, seat, person, role, start, pname in s.execute(
            select(A.id, A.board, A.seat, A.person, A.role, A.start, P.name).outerjoin(P, P.id == A.person)):
        k.appointment_ids.add(aid)
        if person is not None:
            k.appointments[(board, seat, person, role, start)] = aid
        if role == "member" and pname:
            k.members.setdefault(board, []).append((aid, seat, key(pname)))
    return k


_PLACE = re.compile(r"^((?:people|appointments|boards|municipalities|organisations)\[\d+\])(.*)$")


def locate(problems: list[Problem], plan: Plan) -> list[Problem]:
    """The dataset's problems with the sheet's row in front of their place."""
    out = []
    for p in problems:
        mt = _PLACE.match(p.place or "")
        if mt and mt[1] in plan.places:
            p = Problem(f"{plan.places[mt[1]]} ({mt[1]}{mt[2]})", p.message)
        out.append(p)
    return out
