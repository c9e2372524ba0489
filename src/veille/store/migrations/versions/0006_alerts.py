"""Alerts and the log of their deliveries.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'alerts',
        sa.Column('name', sa.String(length=128), nullable=False),
        sa.Column('filters', sa.JSON(), nullable=False),
        sa.Column('webhook', sa.Text(), nullable=True),
        sa.Column('secret', sa.Text(), nullable=True),
        sa.Column('email', sa.Text(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('name'),
    )
    op.create_table(
        'alert_deliveries',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('alert', sa.String(length=128), nullable=False),
        sa.Column('event_id', sa.String(length=64), nullable=False),
        sa.Column('fingerprint', sa.String(length=64), nullable=False),
        sa.Column('ok', sa.Boolean(), nullable=False),
        sa.Column('attempts', sa.Integer(), nullable=False),
        sa.Column('detail', sa.Text(), nullable=True),
        sa.Column('at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['alert'], ['alerts.name'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index(op.f('ix_alert_deliveries_alert'), 'alert_deliveries', ['alert'],
                    unique=False)
    op.create_index(op.f('ix_alert_deliveries_at'), 'alert_deliveries', ['at'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_alert_deliveries_at'), table_name='alert_deliveries')
    op.drop_index(op.f('ix_alert_deliveries_alert'), table_name='alert_deliveries')
    op.drop_table('alert_deliveries')
    op.drop_table('alerts')
