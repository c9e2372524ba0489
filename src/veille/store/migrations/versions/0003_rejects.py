"""The rejects table: articles a run could not read, with the stage and error.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27
"""

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'rejects',
        sa.Column('key', sa.String(length=512), nullable=False),
        sa.Column('article_id', sa.String(length=64), nullable=True),
        sa.Column('source', sa.Text(), nullable=True),
        sa.Column('stage', sa.String(length=32), nullable=False),
        sa.Column('code', sa.String(length=8), nullable=False),
        sa.Column('message', sa.Text(), nullable=False),
        sa.Column('at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('key'),
    )
    with op.batch_alter_table('rejects', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rejects_at'), ['at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('rejects', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_rejects_at'))
    op.drop_table('rejects')
