"""applications.platform holds what an applicant typed, up to 200 characters like name and niche

An applicant form's platform field is free text: a long value (an injection hidden in it, a sentence
instead of "youtube") used to make the importer refuse the whole applications file. It is now stored,
bounded like the other applicant short fields (workflows.booking.bounds.APPLICANT_FIELD_CHARS), and
triage flags it for a human.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06 22:45:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('applications', schema=None) as batch_op:
        batch_op.alter_column('platform', existing_type=sa.String(length=64), type_=sa.String(length=200),
                              existing_nullable=False)


def downgrade() -> None:
    with op.batch_alter_table('applications', schema=None) as batch_op:
        batch_op.alter_column('platform', existing_type=sa.String(length=200), type_=sa.String(length=64),
                              existing_nullable=False)
