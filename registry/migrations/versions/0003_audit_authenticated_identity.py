"""audit_event.authenticated_as: who the database or the OS says acted, beside the claimed actor

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03

``actor`` is what the user claimed (``--as``, ``UDPEG_USER``, the login name of the environment);
``authenticated_as`` is the identity the system vouches for: the database role on PostgreSQL
(``current_user``), the OS user of the process on SQLite (quality.md S9). Events written before
this revision have none (NULL): nothing was recorded then, and nothing is made up now.
A plain ADD COLUMN: the table is not copied, so its append-only triggers stay.
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel  # noqa: F401 - column types such as AutoString


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('audit_event', sa.Column('authenticated_as', sqlmodel.sql.sqltypes.AutoString(), nullable=True))


def downgrade() -> None:
    # ALTER TABLE … DROP COLUMN in place (SQLite ≥ 3.35, PostgreSQL): a batch copy would drop the triggers
    op.execute("ALTER TABLE audit_event DROP COLUMN authenticated_as")
