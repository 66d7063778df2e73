"""the audit log is append-only; a proposal keeps the payload a human approved

``audit_log``: database triggers refuse UPDATE and DELETE, as on the ledger (``store.audit`` is its
one writer). ``proposals.approved_payload``: what was applied, which a manager may have edited
(``afflow approvals approve ID --set FIELD=VALUE``); ``payload`` stays what the agent proposed.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05 21:30:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def _guard(dialect: str) -> list[str]:
    # Written out here, not imported, so this revision keeps meaning what it meant when it shipped.
    if dialect == "sqlite":
        return [
            f"CREATE TRIGGER IF NOT EXISTS audit_log_no_{op_name.lower()} BEFORE {op_name} ON audit_log "
            f"BEGIN SELECT RAISE(ABORT, 'audit log is append-only: {op_name} on audit_log refused'); END"
            for op_name in ("UPDATE", "DELETE")
        ]
    return [
        "CREATE OR REPLACE FUNCTION afflow_refuse_audit_change() RETURNS trigger AS $$ "
        "BEGIN RAISE EXCEPTION 'audit log is append-only: % on % refused', TG_OP, TG_TABLE_NAME; END; "
        "$$ LANGUAGE plpgsql",
        "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log "
        "FOR EACH ROW EXECUTE FUNCTION afflow_refuse_audit_change()",
    ]


def upgrade() -> None:
    with op.batch_alter_table('proposals', schema=None) as batch_op:
        batch_op.add_column(sa.Column('approved_payload', sa.JSON(), nullable=True))
    for statement in _guard(op.get_bind().dialect.name):
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_delete")
    else:
        op.execute("DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log")
        op.execute("DROP FUNCTION IF EXISTS afflow_refuse_audit_change()")
    with op.batch_alter_table('proposals', schema=None) as batch_op:
        batch_op.drop_column('approved_payload')
