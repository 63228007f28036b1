"""audit_event.authenticated_as: who the database or the OS says acted, beside the claimed actor

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03

``actor`` is what the user claimed (``--as``, ``UDPEG_USER``, the login name of the environment);
``authenticated_as`` is the identity the system vouches for: the database role on PostgreSQL
(``current_user``), the OS user of the process on SQLite (quality.md S9). Events written before
this revision have none (NULL): nothing was recorded then, and nothing is made up now.
A plain ADD COLUMN: the table is not copied. The redaction-only UPDATE trigger of 0003 is
re-created so that a redaction must also leave ``authenticated_as`` as it was (it is part of the
event's sealed header, :mod:`registry.audit_chain`).
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel  # noqa: F401 - column types such as AutoString


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


MESSAGE = "audit_event is append-only"
REDACTION = (  # 0003's redaction, which keeps the header: here with authenticated_as in it
    "OLD.redacted IS NULL AND NEW.redacted IS NOT NULL"
    " AND NEW.redacted IN (SELECT pk FROM audit_event WHERE action = 'purge')"
    " AND NEW.pk = OLD.pk AND NEW.at IS NOT DISTINCT FROM OLD.at AND NEW.actor IS NOT DISTINCT FROM OLD.actor"
    " AND NEW.action IS NOT DISTINCT FROM OLD.action AND NEW.entity IS NOT DISTINCT FROM OLD.entity"
    " AND NEW.board IS NOT DISTINCT FROM OLD.board AND NEW.digest IS NOT DISTINCT FROM OLD.digest"
    " AND NEW.chain IS NOT DISTINCT FROM OLD.chain AND NEW.entity_id = '' AND NEW.before IS NULL"
    " AND NEW.after IS NULL AND NEW.reason IS NULL"
)


def _update_trigger(condition: str) -> None:
    if op.get_context().dialect.name == "sqlite":
        cond = condition.replace(" IS NOT DISTINCT FROM ", " IS ")
        op.execute("DROP TRIGGER IF EXISTS audit_event_no_update")
        op.execute(f"CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event "
                   f"WHEN NOT ({cond}) BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END")
    else:
        cond = condition.replace("NEW.redacted IN (SELECT pk FROM audit_event WHERE action = 'purge')",
                                 "EXISTS (SELECT 1 FROM audit_event p WHERE p.pk = NEW.redacted AND p.action = 'purge')")
        op.execute("CREATE OR REPLACE FUNCTION audit_event_redact_only() RETURNS trigger AS $$ "
                   f"BEGIN IF {cond} THEN RETURN NEW; END IF; RAISE EXCEPTION '{MESSAGE}'; END; "
                   "$$ LANGUAGE plpgsql")


def upgrade() -> None:
    op.add_column('audit_event', sa.Column('authenticated_as', sqlmodel.sql.sqltypes.AutoString(), nullable=True))
    _update_trigger(REDACTION + " AND NEW.authenticated_as IS NOT DISTINCT FROM OLD.authenticated_as")


def downgrade() -> None:
    _update_trigger(REDACTION)
    # ALTER TABLE … DROP COLUMN in place (SQLite ≥ 3.35, PostgreSQL): a batch copy would drop the triggers
    op.execute("ALTER TABLE audit_event DROP COLUMN authenticated_as")
