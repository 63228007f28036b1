"""meeting.items: a meeting's agenda items (item number, case number, title)

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03

The secretariat records a KKR meeting's agenda items with their case numbers, so that an
appointment's decision (meeting, item, case) can be picked rather than typed (issue 16).
A plain ADD COLUMN of a JSON list; existing meetings have none (an empty list).
"""
from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('meeting', sa.Column('items', sa.JSON(), nullable=False, server_default='[]'))


def downgrade() -> None:
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.drop_column('items')
