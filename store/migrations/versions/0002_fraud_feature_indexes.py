"""fraud feature indexes

The fraud scan reads these instead of the tables: a partner's clicks by network prefix in index order,
its (few) referrer-less clicks from a partial index, and orders by coupon code for coupon leakage.
Measured at 10,000 partners / 5M clicks / 1M order lines: the scan went from 75 s to 13 s on SQLite.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02 06:30:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

NO_REFERRER = sa.text("referrer = ''")  # a literal: SQLite ignores a partial index for a bound parameter


def _missing(table: str, name: str) -> bool:
    """Stores built from an unreleased 0001 that carried these indexes already have them."""
    return name not in {index["name"] for index in sa.inspect(op.get_bind()).get_indexes(table)}


def upgrade() -> None:
    with op.batch_alter_table('clicks', schema=None) as batch_op:
        if _missing('clicks', 'ix_clicks_partner_prefix_ts'):
            batch_op.create_index('ix_clicks_partner_prefix_ts', ['partner_id', 'ip_prefix', 'ts'], unique=False)
        if _missing('clicks', 'ix_clicks_no_referrer'):
            batch_op.create_index('ix_clicks_no_referrer', ['partner_id', 'ts'], unique=False,
                                  sqlite_where=NO_REFERRER, postgresql_where=NO_REFERRER)
    with op.batch_alter_table('orders', schema=None) as batch_op:
        if _missing('orders', 'ix_orders_coupon_code_ts'):
            batch_op.create_index('ix_orders_coupon_code_ts', ['coupon_code', 'ts'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('orders', schema=None) as batch_op:
        batch_op.drop_index('ix_orders_coupon_code_ts')
    with op.batch_alter_table('clicks', schema=None) as batch_op:
        batch_op.drop_index('ix_clicks_no_referrer', sqlite_where=NO_REFERRER, postgresql_where=NO_REFERRER)
        batch_op.drop_index('ix_clicks_partner_prefix_ts')
