"""events.corpus_event: the corpus event (first event row of its cluster) an event row reports

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02 15:20:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('corpus_event', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_events_corpus_event'), ['corpus_event'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_events_corpus_event'))
        batch_op.drop_column('corpus_event')
