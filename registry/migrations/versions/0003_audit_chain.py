"""audit_event: hash chain and redactable payloads

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03

Each event gets ``digest`` (of its payload) and ``chain`` (linking it to the event before), and
``redacted`` (the purge event that emptied its payload). Existing events are sealed in pk order by
this upgrade: the chain vouches for them from the day of the upgrade on.

The triggers are replaced (quality.md S3 still holds): UPDATE is refused except a redaction, which
must empty the payload, keep the header, digest and chain, and name an existing purge event;
DELETE is refused; on SQLite an INSERT that would replace an existing event (``REPLACE INTO``,
which bypasses DELETE triggers) is refused too.
"""
from alembic import op
import sqlalchemy as sa

from registry import audit_chain

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

MESSAGE = "audit_event is append-only"

SQLITE_UPDATE_ALLOWED = (
    "OLD.redacted IS NULL AND NEW.redacted IS NOT NULL"
    " AND NEW.redacted IN (SELECT pk FROM audit_event WHERE action = 'purge')"
    " AND NEW.pk = OLD.pk AND NEW.at IS OLD.at AND NEW.actor IS OLD.actor AND NEW.action IS OLD.action"
    " AND NEW.entity IS OLD.entity AND NEW.board IS OLD.board AND NEW.digest IS OLD.digest"
    " AND NEW.chain IS OLD.chain AND NEW.entity_id = '' AND NEW.before IS NULL AND NEW.after IS NULL"
    " AND NEW.reason IS NULL"
)

PG_UPDATE_ALLOWED = (
    "OLD.redacted IS NULL AND NEW.redacted IS NOT NULL"
    " AND EXISTS (SELECT 1 FROM audit_event p WHERE p.pk = NEW.redacted AND p.action = 'purge')"
    " AND NEW.pk = OLD.pk AND NEW.at IS NOT DISTINCT FROM OLD.at AND NEW.actor IS NOT DISTINCT FROM OLD.actor"
    " AND NEW.action IS NOT DISTINCT FROM OLD.action AND NEW.entity IS NOT DISTINCT FROM OLD.entity"
    " AND NEW.board IS NOT DISTINCT FROM OLD.board AND NEW.digest IS NOT DISTINCT FROM OLD.digest"
    " AND NEW.chain IS NOT DISTINCT FROM OLD.chain AND NEW.entity_id = '' AND NEW.before IS NULL"
    " AND NEW.after IS NULL AND NEW.reason IS NULL"
)


def upgrade() -> None:
    sqlite = op.get_context().dialect.name == "sqlite"
    _drop_triggers(sqlite)
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.add_column(sa.Column('digest', sa.String(), nullable=True))
        batch_op.add_column(sa.Column('chain', sa.String(), nullable=True))
        batch_op.add_column(sa.Column('redacted', sa.Integer(), nullable=True))
    _seal_existing()
    _create_triggers(sqlite)


def _seal_existing() -> None:
    conn = op.get_bind()
    t = sa.table('audit_event', sa.column('pk', sa.Integer), sa.column('at', sa.DateTime),
                 *(sa.column(c) for c in ('actor', 'action', 'entity', 'board', 'entity_id', 'reason')),
                 sa.column('before', sa.JSON), sa.column('after', sa.JSON),
                 sa.column('digest', sa.String), sa.column('chain', sa.String))
    previous = audit_chain.GENESIS
    for row in conn.execute(sa.select(t).order_by(t.c.pk)).mappings().all():
        event = dict(row)
        d, previous = audit_chain.seal(previous, event)
        conn.execute(t.update().where(t.c.pk == event['pk']).values(digest=d, chain=previous))


def _drop_triggers(sqlite: bool) -> None:
    if sqlite:
        for name in ("audit_event_no_update", "audit_event_no_delete", "audit_event_no_replace"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    else:
        op.execute("DROP TRIGGER IF EXISTS audit_event_append_only ON audit_event")
        op.execute("DROP TRIGGER IF EXISTS audit_event_redact_only ON audit_event")


def _create_triggers(sqlite: bool) -> None:
    if sqlite:
        op.execute(f"CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event "
                   f"WHEN NOT ({SQLITE_UPDATE_ALLOWED}) BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END")
        op.execute(f"CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event "
                   f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END")
        op.execute(f"CREATE TRIGGER audit_event_no_replace BEFORE INSERT ON audit_event "
                   f"WHEN NEW.pk IN (SELECT pk FROM audit_event) BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END")
        return
    op.execute("CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger AS $$ "
               f"BEGIN RAISE EXCEPTION '{MESSAGE}'; END; $$ LANGUAGE plpgsql")
    op.execute("CREATE TRIGGER audit_event_append_only BEFORE DELETE OR TRUNCATE ON audit_event "
               "FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()")
    op.execute("CREATE OR REPLACE FUNCTION audit_event_redact_only() RETURNS trigger AS $$ "
               f"BEGIN IF {PG_UPDATE_ALLOWED} THEN RETURN NEW; END IF; RAISE EXCEPTION '{MESSAGE}'; END; "
               "$$ LANGUAGE plpgsql")
    op.execute("CREATE TRIGGER audit_event_redact_only BEFORE UPDATE ON audit_event "
               "FOR EACH ROW EXECUTE FUNCTION audit_event_redact_only()")


def downgrade() -> None:
    sqlite = op.get_context().dialect.name == "sqlite"
    _drop_triggers(sqlite)
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.drop_column('redacted')
        batch_op.drop_column('chain')
        batch_op.drop_column('digest')
    if sqlite:
        for verb in ("UPDATE", "DELETE"):
            op.execute(f"CREATE TRIGGER audit_event_no_{verb.lower()} BEFORE {verb} ON audit_event "
                       f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END")
    else:
        op.execute("CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_event "
                   "FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()")
