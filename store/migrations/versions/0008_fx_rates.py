"""orders in several currencies (issue 20 item 1): fx rates and each order's original currency, amounts, rate and rate date

``fx_rates``: one rate per (currency, day), program-currency units per unit as exact decimal text.
``orders.original_currency`` / ``original_total_cents`` / ``fx_rate`` / ``fx_rate_date`` / ``fx_source``: set on an
order booked from another currency (its ``currency`` and ``total_cents`` are the program's).
``order_lines.original_amount_cents`` / ``original_refunded_cents``: the line in that currency, so a refund in it
converts at the line's own ratio. ``refunds.original_currency`` / ``original_amount_cents``: a refund stated in
another currency. Existing rows: all NULL (orders in the program currency, as before).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06 22:40:00
"""
from alembic import op
import sqlalchemy as sa
import store.models


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'fx_rates',
        sa.Column('currency', sa.String(length=3), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('rate', sa.String(length=40), nullable=False),
        sa.Column('imported_at', store.models.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('currency', 'day', name=op.f('pk_fx_rates')),
    )
    with op.batch_alter_table('orders', schema=None) as batch_op:
        batch_op.add_column(sa.Column('original_currency', sa.String(length=3), nullable=True))
        batch_op.add_column(sa.Column('original_total_cents', sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column('fx_rate', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('fx_rate_date', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('fx_source', sa.String(length=16), nullable=True))
    with op.batch_alter_table('order_lines', schema=None) as batch_op:
        batch_op.add_column(sa.Column('original_amount_cents', sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column('original_refunded_cents', sa.BigInteger(), nullable=True))
    with op.batch_alter_table('refunds', schema=None) as batch_op:
        batch_op.add_column(sa.Column('original_currency', sa.String(length=3), nullable=True))
        batch_op.add_column(sa.Column('original_amount_cents', sa.BigInteger(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('refunds', schema=None) as batch_op:
        batch_op.drop_column('original_amount_cents')
        batch_op.drop_column('original_currency')
    with op.batch_alter_table('order_lines', schema=None) as batch_op:
        batch_op.drop_column('original_refunded_cents')
        batch_op.drop_column('original_amount_cents')
    with op.batch_alter_table('orders', schema=None) as batch_op:
        batch_op.drop_column('fx_source')
        batch_op.drop_column('fx_rate_date')
        batch_op.drop_column('fx_rate')
        batch_op.drop_column('original_total_cents')
        batch_op.drop_column('original_currency')
    op.drop_table('fx_rates')
