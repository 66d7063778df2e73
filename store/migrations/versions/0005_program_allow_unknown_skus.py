"""the program may allow order lines whose SKU the catalog lacks

``program.allow_unknown_skus``: an orders file naming a SKU that is not in ``products`` is refused
(file, line, SKU) unless this is set; then the import reports the unknown SKUs. Existing programs
get false (strict).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-05 21:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('program', schema=None) as batch_op:
        batch_op.add_column(sa.Column('allow_unknown_skus', sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table('program', schema=None) as batch_op:
        batch_op.drop_column('allow_unknown_skus')
