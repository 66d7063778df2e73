"""metrics' repeat purchases read indexes only: orders by (customer_id, ts), attributions carry order_id

``ix_orders_customer_id_ts``: each customer's latest order in a window as one GROUP BY customer_id over
this covering index, already in customer order (no sort, no table read). ``ix_attributions_partner_order_ts``
gains ``order_id`` at its end (renamed ``ix_attributions_partner_order_ts_order``): the same prefix for every
query that used it, and the referred-customer side (partner, order time, order) reads no attribution row.
Measured on the analytics bench store (10,000 partners, 714,285 orders, 432,571 attributions; SQLite): the
repeat-purchase query went from 3.8 s to 1.9 s of CPU.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07 23:50:00
"""
from alembic import op


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('orders', schema=None) as batch_op:
        batch_op.create_index('ix_orders_customer_id_ts', ['customer_id', 'ts'], unique=False)
    with op.batch_alter_table('attributions', schema=None) as batch_op:
        batch_op.create_index('ix_attributions_partner_order_ts_order', ['partner_id', 'order_ts', 'order_id'],
                              unique=False)
        batch_op.drop_index('ix_attributions_partner_order_ts')


def downgrade() -> None:
    with op.batch_alter_table('attributions', schema=None) as batch_op:
        batch_op.create_index('ix_attributions_partner_order_ts', ['partner_id', 'order_ts'], unique=False)
        batch_op.drop_index('ix_attributions_partner_order_ts_order')
    with op.batch_alter_table('orders', schema=None) as batch_op:
        batch_op.drop_index('ix_orders_customer_id_ts')
