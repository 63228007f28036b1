"""board_status: the read model of board findings with their interval of validity (issue 15)

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03

A cache: the new tables start empty (and the version row at 0), and reads fill them.
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel  # noqa: F401 - column types such as AutoString


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'board_status',
        sa.Column('pk', sa.Integer(), nullable=False),
        sa.Column('board', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('lang', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('valid_from', sa.Date(), nullable=False),
        sa.Column('valid_to', sa.Date(), nullable=False),
        sa.Column('data_version', sa.Integer(), nullable=False),
        sa.Column('summary', sa.JSON(), nullable=False),
        sa.Column('findings', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.PrimaryKeyConstraint('pk', name=op.f('pk_board_status')),
    )
    op.create_index(op.f('ix_board_status_board'), 'board_status', ['board'], unique=False)
    op.create_index('ix_board_status_lang_valid', 'board_status', ['lang', 'valid_from', 'valid_to'], unique=False)
    op.create_table(
        'board_status_version',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_board_status_version')),
    )
    op.execute("INSERT INTO board_status_version (id, version) VALUES (1, 0)")


def downgrade() -> None:
    op.drop_table('board_status_version')
    op.drop_index('ix_board_status_lang_valid', table_name='board_status')
    op.drop_index(op.f('ix_board_status_board'), table_name='board_status')
    op.drop_table('board_status')
