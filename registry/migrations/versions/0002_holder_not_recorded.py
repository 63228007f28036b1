"""appointment.person may be NULL: a seat filled, holder not recorded

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-03

A seat another appointing body filled without the registry knowing who (domain.md §1,
"holder not recorded") is an appointment without a person. Existing rows keep their person.
SQLite cannot drop a NOT NULL constraint in place: batch mode copies the table.
"""
from alembic import op
import sqlmodel  # noqa: F401 - column types such as AutoString


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('appointment', schema=None) as batch_op:
        batch_op.alter_column('person', existing_type=sqlmodel.sql.sqltypes.AutoString(), nullable=True)


def downgrade() -> None:
    # an appointment without a recorded holder cannot be kept by the older schema
    op.execute("DELETE FROM appointment WHERE person IS NULL")
    with op.batch_alter_table('appointment', schema=None) as batch_op:
        batch_op.alter_column('person', existing_type=sqlmodel.sql.sqltypes.AutoString(), nullable=False)
