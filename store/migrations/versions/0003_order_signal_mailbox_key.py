"""order signals keep the buyer's hashed mailbox

Self-referral compares the buyer's e-mail with the partner's own: ``order_signals.mailbox_key`` holds
``store.identity.mailbox_key`` of the checkout e-mail (an orders CSV's optional ``customer_email``
column), hashed on arrival like the IP; existing rows get '' (no e-mail known).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-04 21:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('order_signals', schema=None) as batch_op:
        batch_op.add_column(sa.Column('mailbox_key', sa.String(length=64), nullable=False, server_default=''))
        batch_op.create_index(batch_op.f('ix_order_signals_mailbox_key'), ['mailbox_key'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('order_signals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_order_signals_mailbox_key'))
        batch_op.drop_column('mailbox_key')
