"""orders in several currencies (issue 20 item 1): fx rates and each order's original currency, amounts, rate and rate date

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06 22:40:00
"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
