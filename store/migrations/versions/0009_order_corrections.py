"""order corrections (issue 16 item 2): voids and replacements as new entries

``order_corrections``: one row per void or replacement of an order (who, when, why, and the order as it
was before), append-only like the audit log. ``orders.revision`` counts the order's bookings (1 for the
original, +1 per replacement; a replacement's accrual is ``accrual:{id}:r{revision}``) and
``orders.voided_at`` marks a voided order (its later refunds and replacements are refused).
``order_lines.replaced_by``: the correction that superseded a line (its commission was reversed; the
order's current lines are those without one). Existing orders are revision 1, not voided.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06 22:40:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def _guard(dialect: str) -> list[str]:
    # Written out here, not imported, so this revision keeps meaning what it meant when it shipped.
    if dialect == "sqlite":
        return [
            f"CREATE TRIGGER IF NOT EXISTS order_corrections_no_{op_name.lower()} BEFORE {op_name} ON order_corrections "
            f"BEGIN SELECT RAISE(ABORT, 'order corrections are append-only: {op_name} refused'); END"
            for op_name in ("UPDATE", "DELETE")
        ]
    return [
        "CREATE OR REPLACE FUNCTION afflow_refuse_correction_change() RETURNS trigger AS $$ "
        "BEGIN RAISE EXCEPTION 'order corrections are append-only: % on % refused', TG_OP, TG_TABLE_NAME; END; "
        "$$ LANGUAGE plpgsql",
        "CREATE TRIGGER order_corrections_append_only BEFORE UPDATE OR DELETE ON order_corrections "
        "FOR EACH ROW EXECUTE FUNCTION afflow_refuse_correction_change()",
    ]


def upgrade() -> None:
    op.create_table(
        'order_corrections',
        sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
        sa.Column('order_id', sa.String(length=64), nullable=False),
        sa.Column('kind', sa.String(length=16), nullable=False),
        sa.Column('revision', sa.Integer(), nullable=False),
        sa.Column('ts', sa.DateTime(timezone=True), nullable=False),
        sa.Column('actor', sa.String(length=200), nullable=False),
        sa.Column('reason', sa.Text(), nullable=False),
        sa.Column('previous', sa.JSON(), nullable=False),
        sa.Column('replacement', sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_order_corrections_order_id_orders')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_order_corrections')),
        sa.UniqueConstraint('order_id', 'revision', 'kind', name=op.f('uq_order_corrections_order_id')),
    )
    with op.batch_alter_table('order_corrections', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_order_corrections_order_id'), ['order_id'], unique=False)
    with op.batch_alter_table('orders', schema=None) as batch_op:
        batch_op.add_column(sa.Column('revision', sa.Integer(), nullable=False, server_default=sa.text('1')))
        batch_op.add_column(sa.Column('voided_at', sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table('order_lines', schema=None) as batch_op:
        batch_op.add_column(sa.Column('replaced_by', sa.Integer(), nullable=True))
    for statement in _guard(op.get_bind().dialect.name):
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS order_corrections_no_update")
        op.execute("DROP TRIGGER IF EXISTS order_corrections_no_delete")
    else:
        op.execute("DROP TRIGGER IF EXISTS order_corrections_append_only ON order_corrections")
        op.execute("DROP FUNCTION IF EXISTS afflow_refuse_correction_change()")
    with op.batch_alter_table('order_lines', schema=None) as batch_op:
        batch_op.drop_column('replaced_by')
    with op.batch_alter_table('orders', schema=None) as batch_op:
        batch_op.drop_column('voided_at')
        batch_op.drop_column('revision')
    with op.batch_alter_table('order_corrections', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_order_corrections_order_id'))
    op.drop_table('order_corrections')
