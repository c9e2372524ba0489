"""Events get a serial number (ACLED's `event_id_cnty` is the ISO3 code and this number) and a
count of their sources that are rows of ACLED's data (`veille import acled`).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


# Plain ALTER TABLE and CREATE INDEX, never a batch copy of the table: on SQLite, with foreign
# keys on, copying `events` and dropping the old one would delete every row that refers to it
# (its sources, evidence and revisions).


def upgrade() -> None:
    op.add_column('events', sa.Column('acled_sources', sa.Integer(), nullable=False,
                                      server_default='0'))
    op.add_column('events', sa.Column('number', sa.Integer(), nullable=True))
    # Events stored before this revision are numbered in the order they were created.
    events = sa.table('events', sa.column('event_id', sa.String),
                      sa.column('created_at', sa.DateTime), sa.column('number', sa.Integer))
    conn = op.get_bind()
    ids = conn.execute(sa.select(events.c.event_id)
                       .order_by(events.c.created_at, events.c.event_id)).scalars().all()
    if ids:
        conn.execute(events.update().where(events.c.event_id == sa.bindparam('key'))
                     .values(number=sa.bindparam('n')),
                     [{'key': key, 'n': n} for n, key in enumerate(ids, start=1)])
    op.create_index('ux_events_number', 'events', ['number'], unique=True)


def downgrade() -> None:
    op.drop_index('ux_events_number', table_name='events')
    op.drop_column('events', 'number')  # SQLite 3.35 and later drop a column in place
    op.drop_column('events', 'acled_sources')
