"""The registry's tables in SQLAlchemy Core, for reading without SQLModel (generated: do not edit).

Written by ``python -m registry.tables_gen`` from ``registry.model``, which stays the one
definition of the schema; ``tests/test_tables.py`` fails when the two differ.
"""

from sqlalchemy import JSON, Boolean, Column, Date, Float, Integer, MetaData, String, Table

metadata = MetaData()

allocation = Table(
    "allocation", metadata,
    Column("id", String(), primary_key=True),
    Column("board", String(), nullable=False),
    Column("seat", String(), nullable=False),
    Column("council_group", String(), nullable=False),
    Column("start", Date(), nullable=False),
    Column("end", Date()),
    Column("decision_meeting", String()),
    Column("decision_item", String()),
    Column("decision_case", String()),
)

appointment = Table(
    "appointment", metadata,
    Column("id", String(), primary_key=True),
    Column("board", String(), nullable=False),
    Column("seat", String(), nullable=False),
    Column("person", String()),
    Column("role", String(), nullable=False, default='member'),
    Column("deputy_for", String()),
    Column("start", Date(), nullable=False),
    Column("end", Date()),
    Column("nominated_by", JSON(), nullable=False),
    Column("nomination", String()),
    Column("council_group", String()),
    Column("decision_meeting", String()),
    Column("decision_item", String()),
    Column("decision_case", String()),
    Column("ended_date", Date()),
    Column("ended_reason", String()),
    Column("override_reason", String()),
    Column("extra", JSON()),
    Column("version", Integer(), nullable=False, default=1),
)

board = Table(
    "board", metadata,
    Column("id", String(), primary_key=True),
    Column("name", String(), nullable=False),
    Column("kkr", String(), nullable=False),
    Column("legal_basis", String(), nullable=False, default=''),
    Column("url", String(), nullable=False, default=''),
    Column("term", String(), nullable=False, default='kkr'),
    Column("term_anchor", Date()),
    Column("statutory", Boolean(), nullable=False, default=False),
    Column("decision_making", Boolean(), nullable=False, default=False),
    Column("holdover", Boolean(), nullable=False, default=False),
    Column("max_consecutive_terms", Integer(), nullable=False, default=0),
    Column("extra", JSON()),
    Column("version", Integer(), nullable=False, default=1),
)

board_status = Table(
    "board_status", metadata,
    Column("pk", Integer(), primary_key=True),
    Column("board", String(), nullable=False),
    Column("lang", String(), nullable=False),
    Column("valid_from", Date(), nullable=False),
    Column("valid_to", Date(), nullable=False),
    Column("data_version", Integer(), nullable=False),
    Column("summary", JSON(), nullable=False),
    Column("findings", String(), nullable=False, default='[]'),
)

board_status_version = Table(
    "board_status_version", metadata,
    Column("id", Integer(), primary_key=True, default=1),
    Column("version", Integer(), nullable=False, default=0),
)

composition = Table(
    "composition", metadata,
    Column("pk", Integer(), primary_key=True),
    Column("board", String(), nullable=False),
    Column("valid_from", Date(), nullable=False),
    Column("valid_to", Date()),
    Column("size_min", Integer()),
    Column("size_max", Integer()),
    Column("size_odd", Boolean(), nullable=False, default=False),
    Column("balance", JSON(), nullable=False),
    Column("balance_scopes", JSON(), nullable=False),
    Column("balance_severity", String(), nullable=False, default='warning'),
    Column("nomination_rule", String(), nullable=False, default='dk-10a'),
    Column("source", String()),
)

council_group = Table(
    "council_group", metadata,
    Column("id", String(), primary_key=True),
    Column("name", String(), nullable=False),
    Column("kkr", String(), nullable=False),
    Column("period_start", Date(), nullable=False),
    Column("period_end", Date(), nullable=False),
    Column("parties", JSON(), nullable=False),
    Column("members", Integer()),
)

meeting = Table(
    "meeting", metadata,
    Column("id", String(), primary_key=True),
    Column("body", String(), nullable=False),
    Column("date", Date(), nullable=False),
    Column("place", String()),
    Column("items", JSON(), nullable=False),
)

municipality = Table(
    "municipality", metadata,
    Column("id", String(), primary_key=True),
    Column("name", String(), nullable=False),
    Column("kkr", String(), nullable=False),
)

nomination = Table(
    "nomination", metadata,
    Column("id", String(), primary_key=True),
    Column("board", String(), nullable=False),
    Column("seat", String(), nullable=False),
    Column("round", Date(), nullable=False),
    Column("organisations", JSON(), nullable=False),
    Column("seats", Integer(), nullable=False, default=1),
    Column("candidates", JSON(), nullable=False),
    Column("received", Date()),
    Column("deadline", Date()),
    Column("reasons", String(), nullable=False, default=''),
    Column("reasons_accepted", String(), nullable=False, default=''),
    Column("confidential", Boolean(), nullable=False, default=True),
    Column("version", Integer(), nullable=False, default=1),
)

office = Table(
    "office", metadata,
    Column("pk", Integer(), primary_key=True),
    Column("person", String(), nullable=False),
    Column("office", String(), nullable=False),
    Column("body", String(), nullable=False),
    Column("start", Date(), nullable=False),
    Column("end", Date()),
)

organisation = Table(
    "organisation", metadata,
    Column("id", String(), primary_key=True),
    Column("name", String(), nullable=False),
    Column("kind", String(), nullable=False),
    Column("kkr", String()),
)

person = Table(
    "person", metadata,
    Column("id", String(), primary_key=True),
    Column("name", String(), nullable=False),
    Column("sex", String(), nullable=False, default='undisclosed'),
    Column("party", String()),
    Column("municipality", String()),
    Column("skills", JSON(), nullable=False),
    Column("contact", JSON()),
    Column("extra", JSON()),
    Column("version", Integer(), nullable=False, default=1),
)

registry_info = Table(
    "registry_info", metadata,
    Column("id", Integer(), primary_key=True, default=1),
    Column("name", String(), nullable=False, default=''),
    Column("kkr", String(), nullable=False, default=''),
    Column("plurality_threshold", Integer(), nullable=False, default=5),
    Column("term_warning_days", Integer(), nullable=False, default=90),
)

ruleset = Table(
    "ruleset", metadata,
    Column("id", String(), primary_key=True),
    Column("name", String(), nullable=False, default=''),
    Column("share", Float()),
    Column("cap_half", Boolean(), nullable=False, default=True),
    Column("table", JSON()),
)

seat_group = Table(
    "seat_group", metadata,
    Column("pk", Integer(), primary_key=True),
    Column("composition", Integer(), nullable=False),
    Column("position", Integer(), nullable=False, default=0),
    Column("seat", String(), nullable=False),
    Column("name", String(), nullable=False),
    Column("count", Integer(), nullable=False),
    Column("appointed_by", String()),
    Column("nominated_by", JSON(), nullable=False),
    Column("joint", Boolean(), nullable=False, default=False),
    Column("eligibility", JSON(), nullable=False),
    Column("voting", Boolean(), nullable=False, default=True),
    Column("counts_for_balance", Boolean()),
    Column("deputies", String(), nullable=False, default='none'),
    Column("collective", JSON(), nullable=False),
    Column("spread", Integer()),
    Column("max_share", Float()),
)

# left out (a column type beyond Core; read through registry.model): audit_event
