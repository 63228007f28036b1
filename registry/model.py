"""The registry's tables (SQLModel). One module, no logic.

Ids of named records are the dataset's ids (lowercase slugs). Lists that are only ever read
whole (party letters, skills, nominators, candidates, rule set ids) are JSON columns; anything
that is queried on its own (offices, compositions, seat groups) is a table.

Records that people edit carry a ``version`` column: a write states the version it read, and
a mismatch is a conflict (exit 3), never a silent overwrite.
"""

import datetime as dt
from typing import Any, Optional

from sqlalchemy import JSON, Column, Index, MetaData, UniqueConstraint
from sqlmodel import Field, SQLModel

# A naming convention before the first migration keeps constraint names stable across
# SQLite batch migrations and PostgreSQL.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata: MetaData = SQLModel.metadata


def _json(default: Any = None, nullable: bool = False) -> Any:
    factory = (lambda: list(default)) if isinstance(default, list) else (lambda: dict(default or {}))
    if default is None:
        return Field(default=None, sa_column=Column(JSON, nullable=True))
    return Field(default_factory=factory, sa_column=Column(JSON, nullable=nullable))


class RegistryInfo(SQLModel, table=True):
    """One row: the registry's own settings (dataset ``[registry]``)."""

    __tablename__ = "registry_info"
    id: int = Field(default=1, primary_key=True)
    name: str = ""
    kkr: str = ""
    plurality_threshold: int = 5
    term_warning_days: int = 90


class Municipality(SQLModel, table=True):
    __tablename__ = "municipality"
    id: str = Field(primary_key=True)
    name: str
    kkr: str = Field(index=True)


class Organisation(SQLModel, table=True):
    __tablename__ = "organisation"
    id: str = Field(primary_key=True)
    name: str
    kind: str
    kkr: Optional[str] = None


class CouncilGroup(SQLModel, table=True):
    __tablename__ = "council_group"
    id: str = Field(primary_key=True)
    name: str
    kkr: str
    period_start: dt.date
    period_end: dt.date
    parties: list = _json([])
    members: Optional[int] = None


class Person(SQLModel, table=True):
    __tablename__ = "person"
    id: str = Field(primary_key=True)
    name: str = Field(index=True)
    sex: str = "undisclosed"
    party: Optional[str] = None
    municipality: Optional[str] = Field(default=None, foreign_key="municipality.id")
    skills: list = _json([])
    contact: Optional[dict] = _json()
    extra: Optional[dict] = _json()
    version: int = 1


class Office(SQLModel, table=True):
    """An office a person holds for a while: council-member, mayor, regional-council-member, kkr-member."""

    __tablename__ = "office"
    pk: Optional[int] = Field(default=None, primary_key=True)
    person: str = Field(foreign_key="person.id", index=True, ondelete="CASCADE")
    office: str
    body: str
    start: dt.date
    end: Optional[dt.date] = None


class Meeting(SQLModel, table=True):
    __tablename__ = "meeting"
    id: str = Field(primary_key=True)
    body: str = Field(foreign_key="organisation.id")
    date: dt.date
    place: Optional[str] = None
    #: agenda items: [{"item": "3.1", "case": "SAG-2022-01302", "title": "..."}] (case, title optional)
    items: list = _json([])


class Board(SQLModel, table=True):
    __tablename__ = "board"
    id: str = Field(primary_key=True)
    name: str = Field(index=True)
    kkr: str
    legal_basis: str = ""
    url: str = ""
    term: str = "kkr"
    term_anchor: Optional[dt.date] = None
    statutory: bool = False
    decision_making: bool = False
    holdover: bool = False
    max_consecutive_terms: int = 0
    extra: Optional[dict] = _json()
    version: int = 1


class Composition(SQLModel, table=True):
    """A board's seat rules, in force from ``valid_from`` to ``valid_to`` (inclusive, open if None)."""

    __tablename__ = "composition"
    pk: Optional[int] = Field(default=None, primary_key=True)
    board: str = Field(foreign_key="board.id", index=True, ondelete="CASCADE")
    valid_from: dt.date
    valid_to: Optional[dt.date] = None
    size_min: Optional[int] = None
    size_max: Optional[int] = None
    size_odd: bool = False
    balance: list = _json(["dk-ligelig"])
    balance_scopes: list = _json(["board"])
    balance_severity: str = "warning"
    nomination_rule: str = "dk-10a"
    source: Optional[str] = None


class SeatGroup(SQLModel, table=True):
    """Seats of one kind within a composition; ``seat`` is the dataset id (``chair``, ``business``)."""

    __tablename__ = "seat_group"
    __table_args__ = (UniqueConstraint("composition", "seat", name="uq_seat_group_composition_seat"),)
    pk: Optional[int] = Field(default=None, primary_key=True)
    composition: int = Field(foreign_key="composition.pk", index=True, ondelete="CASCADE")
    position: int = 0
    seat: str
    name: str
    count: int
    appointed_by: Optional[str] = Field(default=None, foreign_key="organisation.id")
    nominated_by: list = _json([])
    joint: bool = False
    eligibility: list = _json([])
    voting: bool = True
    counts_for_balance: Optional[bool] = None
    deputies: str = "none"
    collective: list = _json([])
    spread: Optional[int] = None
    max_share: Optional[float] = None


class CustomRuleSet(SQLModel, table=True):
    __tablename__ = "ruleset"
    id: str = Field(primary_key=True)
    name: str = ""
    share: Optional[float] = None
    cap_half: bool = True
    table: Optional[dict] = _json()


class Appointment(SQLModel, table=True):
    __tablename__ = "appointment"
    __table_args__ = (
        Index("ix_appointment_board_dates", "board", "start", "end"),
        Index("ix_appointment_person_dates", "person", "start"),
    )
    id: str = Field(primary_key=True)
    board: str = Field(foreign_key="board.id")
    seat: str
    # None: the seat is filled, but the registry does not know by whom ("holder not recorded")
    person: Optional[str] = Field(default=None, foreign_key="person.id")
    role: str = "member"
    deputy_for: Optional[str] = Field(default=None, foreign_key="appointment.id")
    start: dt.date
    end: Optional[dt.date] = None
    nominated_by: list = _json([])
    nomination: Optional[str] = None
    council_group: Optional[str] = Field(default=None, foreign_key="council_group.id")
    decision_meeting: Optional[str] = Field(default=None, foreign_key="meeting.id")
    decision_item: Optional[str] = None
    decision_case: Optional[str] = None
    ended_date: Optional[dt.date] = None
    ended_reason: Optional[str] = None
    override_reason: Optional[str] = None
    extra: Optional[dict] = _json()
    version: int = 1


class Allocation(SQLModel, table=True):
    """A seat allotted to a council group, person not yet named."""

    __tablename__ = "allocation"
    id: str = Field(primary_key=True)
    board: str = Field(foreign_key="board.id", index=True)
    seat: str
    council_group: str = Field(foreign_key="council_group.id")
    start: dt.date
    end: Optional[dt.date] = None
    decision_meeting: Optional[str] = Field(default=None, foreign_key="meeting.id")
    decision_item: Optional[str] = None
    decision_case: Optional[str] = None


class Nomination(SQLModel, table=True):
    """An organisation's proposal of candidates for seats in a round. Confidential material."""

    __tablename__ = "nomination"
    __table_args__ = (Index("ix_nomination_board_round", "board", "round"),)
    id: str = Field(primary_key=True)
    board: str = Field(foreign_key="board.id")
    seat: str
    round: dt.date
    organisations: list = _json([])
    seats: int = 1
    candidates: list = _json([])
    received: Optional[dt.date] = None
    deadline: Optional[dt.date] = None
    reasons: str = ""
    reasons_accepted: str = ""
    confidential: bool = True
    version: int = 1


class AuditEvent(SQLModel, table=True):
    """Append-only: database triggers refuse UPDATE and DELETE, except a purge's redaction of the
    payload (entity_id, before, after, reason). ``digest`` and ``chain`` seal each event to the one
    before it (:mod:`registry.audit_chain`); ``redacted`` names the purge event that emptied it."""

    __tablename__ = "audit_event"
    pk: Optional[int] = Field(default=None, primary_key=True)
    at: dt.datetime = Field(index=True)
    actor: str
    action: str
    entity: str
    entity_id: str = Field(index=True)
    board: Optional[str] = Field(default=None, index=True)
    before: Optional[dict] = _json()
    after: Optional[dict] = _json()
    reason: Optional[str] = None
    digest: Optional[str] = None
    chain: Optional[str] = None
    redacted: Optional[int] = None
    #: the identity the system vouches for (database role on PostgreSQL, OS user on SQLite), beside
    #: the claimed ``actor``; None for events written before schema 0004
    authenticated_as: Optional[str] = None


class BoardStatus(SQLModel, table=True):
    """The read model (issue 15): a board's findings for an interval of dates in which they cannot
    change (:mod:`registry.readmodel`). A cache of the rules' answer, never edited: written only by
    the reads that fill it, emptied by every write (``db.write_session``)."""

    __tablename__ = "board_status"
    __table_args__ = (Index("ix_board_status_lang_valid", "lang", "valid_from", "valid_to"),)
    pk: Optional[int] = Field(default=None, primary_key=True)
    board: str = Field(index=True)
    lang: str                    # the language the findings' texts are in
    valid_from: dt.date
    valid_to: dt.date
    data_version: int            # board_status_version.version when computed
    summary: dict = _json({})    # findings by severity
    findings: str = "[]"         # JSON list of the findings, each as ``check --format json`` prints it


class BoardStatusVersion(SQLModel, table=True):
    """One row: bumped by every write, so that a read that computed findings from older data
    does not store them (:mod:`registry.readmodel.store`)."""

    __tablename__ = "board_status_version"
    id: int = Field(default=1, primary_key=True)
    version: int = 0
