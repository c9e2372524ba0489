"""Indexes for listing events page by page in date, toll or update order.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_index('ix_events_event_date')  # the (event_date, event_id) index serves
        batch_op.create_index('ix_events_date_id', ['event_date', 'event_id'], unique=False)
        batch_op.create_index('ix_events_fatalities_id', ['fatalities_best', 'event_id'],
                              unique=False)
        batch_op.create_index('ix_events_updated_id', ['updated_at', 'event_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_index('ix_events_updated_id')
        batch_op.drop_index('ix_events_fatalities_id')
        batch_op.drop_index('ix_events_date_id')
        batch_op.create_index('ix_events_event_date', ['event_date'], unique=False)
