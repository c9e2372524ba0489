"""The sources `veille watch` polls and the feed entries it has seen.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'sources',
        sa.Column('url', sa.String(length=2048), nullable=False),
        sa.Column('name', sa.Text(), nullable=False),
        sa.Column('lang', sa.String(length=8), nullable=True),
        sa.Column('country', sa.String(length=2), nullable=True),
        sa.Column('every_seconds', sa.Integer(), nullable=False),
        sa.Column('etag', sa.Text(), nullable=True),
        sa.Column('last_modified', sa.Text(), nullable=True),
        sa.Column('last_poll', sa.DateTime(timezone=True), nullable=True),
        sa.Column('last_new', sa.DateTime(timezone=True), nullable=True),
        sa.Column('next_poll', sa.DateTime(timezone=True), nullable=True),
        sa.Column('articles', sa.Integer(), nullable=False),
        sa.Column('errors', sa.Integer(), nullable=False),
        sa.Column('last_error', sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint('url'),
    )
    op.create_index(op.f('ix_sources_next_poll'), 'sources', ['next_poll'], unique=False)
    op.create_table(
        'source_entries',
        sa.Column('url', sa.String(length=2048), nullable=False),
        sa.Column('source_url', sa.String(length=2048), nullable=False),
        sa.Column('article_id', sa.String(length=64), nullable=True),
        sa.Column('outcome', sa.String(length=16), nullable=False),
        sa.Column('seen_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['source_url'], ['sources.url'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('url'),
    )
    op.create_index(op.f('ix_source_entries_source_url'), 'source_entries', ['source_url'],
                    unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_source_entries_source_url'), table_name='source_entries')
    op.drop_table('source_entries')
    op.drop_index(op.f('ix_sources_next_poll'), table_name='sources')
    op.drop_table('sources')
