"""payout readiness and batch statuses (issue 16 item 5, issue 20 item 2)

``payout_batches``: status created -> sent -> paid with who moved it and when (``created_by``, ``sent_*``,
``paid_*``), the partners it held and why (``held``), and the portal's one-time ``confirm_token``.
``program.require_payout_method`` / ``require_tax_form``: batches pay only ready partners when set (existing
programs: false, as before). ``payout_accounts.verified_*``: a manager verified this Stripe account.
``payout_profiles``: payout method (stripe | paypal | bank_csv), country, tax id. ``tax_forms``: W-9 / W-8BEN /
W-8BEN-E / equivalents with status and date, the document on disk. ``fraud_findings``: high-severity findings
kept open until a human decides them (they hold payouts).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06 22:40:00
"""
from alembic import op
import sqlalchemy as sa
import store.models


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('payout_batches', schema=None) as batch_op:
        batch_op.add_column(sa.Column('created_by', sa.String(length=128), nullable=True))
        batch_op.add_column(sa.Column('sent_at', store.models.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('sent_by', sa.String(length=128), nullable=True))
        batch_op.add_column(sa.Column('paid_at', store.models.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('paid_by', sa.String(length=128), nullable=True))
        batch_op.add_column(sa.Column('held', sa.JSON(), nullable=False, server_default=sa.text("'[]'")))
        batch_op.add_column(sa.Column('confirm_token', sa.String(length=64), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_payout_batches_confirm_token'), ['confirm_token'])
    with op.batch_alter_table('program', schema=None) as batch_op:
        batch_op.add_column(sa.Column('require_payout_method', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('require_tax_form', sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table('payout_accounts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('verified_account_id', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('verified_at', store.models.UTCDateTime(timezone=True), nullable=True))
    op.create_table('payout_profiles',
    sa.Column('partner_id', sa.String(length=64), nullable=False),
    sa.Column('method', sa.String(length=16), nullable=True),
    sa.Column('paypal_email', sa.String(length=320), nullable=True),
    sa.Column('bank_account_name', sa.String(length=200), nullable=True),
    sa.Column('bank_account_number', sa.String(length=64), nullable=True),
    sa.Column('country', sa.String(length=2), nullable=True),
    sa.Column('tax_id', sa.String(length=64), nullable=True),
    sa.Column('updated_at', store.models.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_by', sa.String(length=128), nullable=False),
    sa.ForeignKeyConstraint(['partner_id'], ['partners.id'], name=op.f('fk_payout_profiles_partner_id_partners')),
    sa.PrimaryKeyConstraint('partner_id', name=op.f('pk_payout_profiles'))
    )
    op.create_table('tax_forms',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('partner_id', sa.String(length=64), nullable=False),
    sa.Column('form_type', sa.String(length=32), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('submitted_at', store.models.UTCDateTime(timezone=True), nullable=False),
    sa.Column('submitted_by', sa.String(length=128), nullable=False),
    sa.Column('status_at', store.models.UTCDateTime(timezone=True), nullable=False),
    sa.Column('status_by', sa.String(length=128), nullable=False),
    sa.Column('status_reason', sa.Text(), nullable=False),
    sa.Column('stored_name', sa.String(length=200), nullable=True),
    sa.Column('original_name', sa.String(length=200), nullable=True),
    sa.Column('content_type', sa.String(length=100), nullable=True),
    sa.Column('size_bytes', sa.BigInteger(), nullable=True),
    sa.Column('sha256', sa.String(length=64), nullable=True),
    sa.ForeignKeyConstraint(['partner_id'], ['partners.id'], name=op.f('fk_tax_forms_partner_id_partners')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tax_forms'))
    )
    with op.batch_alter_table('tax_forms', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_tax_forms_partner_id'), ['partner_id'], unique=False)
    op.create_table('fraud_findings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('partner_id', sa.String(length=64), nullable=False),
    sa.Column('signal', sa.String(length=32), nullable=False),
    sa.Column('severity', sa.String(length=16), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('evidence', sa.JSON(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('first_seen_at', store.models.UTCDateTime(timezone=True), nullable=False),
    sa.Column('last_seen_at', store.models.UTCDateTime(timezone=True), nullable=False),
    sa.Column('decided_by', sa.String(length=128), nullable=True),
    sa.Column('decided_at', store.models.UTCDateTime(timezone=True), nullable=True),
    sa.Column('decision_reason', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_fraud_findings'))
    )
    with op.batch_alter_table('fraud_findings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_fraud_findings_partner_id'), ['partner_id'], unique=False)
        batch_op.create_index('ix_fraud_findings_status_partner', ['status', 'partner_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('fraud_findings', schema=None) as batch_op:
        batch_op.drop_index('ix_fraud_findings_status_partner')
        batch_op.drop_index(batch_op.f('ix_fraud_findings_partner_id'))
    op.drop_table('fraud_findings')
    with op.batch_alter_table('tax_forms', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_tax_forms_partner_id'))
    op.drop_table('tax_forms')
    op.drop_table('payout_profiles')
    with op.batch_alter_table('payout_accounts', schema=None) as batch_op:
        batch_op.drop_column('verified_at')
        batch_op.drop_column('verified_account_id')
    with op.batch_alter_table('program', schema=None) as batch_op:
        batch_op.drop_column('require_tax_form')
        batch_op.drop_column('require_payout_method')
    with op.batch_alter_table('payout_batches', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_payout_batches_confirm_token'), type_='unique')
        batch_op.drop_column('confirm_token')
        batch_op.drop_column('held')
        batch_op.drop_column('paid_by')
        batch_op.drop_column('paid_at')
        batch_op.drop_column('sent_by')
        batch_op.drop_column('sent_at')
        batch_op.drop_column('created_by')
