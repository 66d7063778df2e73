"""The afflow schema: typed SQLAlchemy 2.0 models.

Money columns end in ``_cents`` and hold integer minor units of the program currency.
Timestamps are stored as timezone-aware UTC. Ledger rows are append-only (see ``store.ledger``);
nothing in this module writes data.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    Numeric,
    String,
    Text,
    TypeDecorator,
    Unicode,
    UniqueConstraint,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """Aware datetimes in, aware UTC datetimes out, on SQLite (which drops offsets) and PostgreSQL."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {datetime: UTCDateTime(), dict[str, Any]: JSON(), Decimal: Numeric(12, 6)}


class Program(Base):
    """The single affiliate program this database runs (id is always 1)."""

    __tablename__ = "program"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), default="My affiliate program")
    currency: Mapped[str] = mapped_column(String(3), default="USD")
    cookie_days: Mapped[int] = mapped_column(default=30)
    return_days: Mapped[int] = mapped_column(default=30)
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    shop_url: Mapped[str] = mapped_column(String(500), default="https://shop.example.com")
    brand_guide: Mapped[str] = mapped_column(Text, default="")
    ip_salt: Mapped[str] = mapped_column(String(64))
    min_payout_cents: Mapped[int] = mapped_column(BigInteger, default=0)
    # Probabilistic matching (workflows/matching/probabilistic.py): off by default; books only at or above the threshold.
    probabilistic_matching: Mapped[bool] = mapped_column(Boolean, default=False)
    probabilistic_threshold: Mapped[Decimal] = mapped_column(Numeric(4, 3), default=Decimal("0.9"))
    # an orders file naming a SKU the catalog lacks is refused unless this is set (then the SKUs are reported)
    allow_unknown_skus: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # payout readiness (workflows.booking.payout_readiness): when set, batches pay only partners with a payout
    # method / a verified tax form on file; the others are held with the reason and their balance carries over
    require_payout_method: Mapped[bool] = mapped_column(Boolean, default=False)
    require_tax_form: Mapped[bool] = mapped_column(Boolean, default=False)


class Partner(Base):
    __tablename__ = "partners"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(320), index=True)
    channel: Mapped[str] = mapped_column(String(200))
    audience_size: Mapped[int] = mapped_column(BigInteger, default=0)
    engagement_rate: Mapped[Decimal] = mapped_column(default=Decimal(0))
    ref_code: Mapped[str | None] = mapped_column(String(64), unique=True)
    coupon_code: Mapped[str | None] = mapped_column(String(64))
    network: Mapped[str] = mapped_column(String(64), default="direct")
    status: Mapped[str] = mapped_column(String(16), default="active")  # active | blocked | offboarded
    # A manager's hold (portal "block"): while true, the partner's commissions neither lock nor get paid.
    commissions_held: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # The promoter's Slack user id (shared Slack Connect workspace): briefs and nudges go as DMs when set.
    slack_user_id: Mapped[str | None] = mapped_column(String(32))


class Application(Base):
    __tablename__ = "applications"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    submitted_at: Mapped[datetime]
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(320))
    platform: Mapped[str] = mapped_column(String(200))
    channel_url: Mapped[str] = mapped_column(String(500))
    audience_size: Mapped[int] = mapped_column(BigInteger)
    engagement_rate: Mapped[Decimal]
    niche: Mapped[str] = mapped_column(String(200))
    sample_content: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16), default="pending")  # pending|approved|rejected|escalated
    partner_id: Mapped[str | None] = mapped_column(String(64))


class Product(Base):
    __tablename__ = "products"
    sku: Mapped[str] = mapped_column(String(64), primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    price_cents: Mapped[int] = mapped_column(BigInteger)
    unit_cost_cents: Mapped[int] = mapped_column(BigInteger)
    stock: Mapped[int] = mapped_column(Integer)
    stock_target: Mapped[int] = mapped_column(Integer)
    category: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Coupon(Base):
    __tablename__ = "coupons"
    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    partner_id: Mapped[str | None] = mapped_column(ForeignKey("partners.id"), index=True)
    exclusive: Mapped[bool] = mapped_column(Boolean, default=True)


class TrackingLink(Base):
    __tablename__ = "tracking_links"
    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    partner_id: Mapped[str] = mapped_column(ForeignKey("partners.id"), index=True)
    sku: Mapped[str | None] = mapped_column(String(64))
    destination: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    __table_args__ = (UniqueConstraint("partner_id", "sku", name="uq_tracking_links_partner_sku"),)


class Click(Base):
    """One click. Raw IPs are never stored: a salted hash and the network prefix are enough for fraud work."""

    __tablename__ = "clicks"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    ts: Mapped[datetime]
    partner_id: Mapped[str] = mapped_column(String(64))
    link_code: Mapped[str | None] = mapped_column(String(32))
    ip_hash: Mapped[str] = mapped_column(String(64), default="")
    ip_prefix: Mapped[str] = mapped_column(String(64), default="")
    user_agent: Mapped[str] = mapped_column(Text, default="")
    device_type: Mapped[str] = mapped_column(String(16), default="unknown")
    referrer: Mapped[str] = mapped_column(Text, default="")
    landing_url: Mapped[str] = mapped_column(Text, default="")
    sku: Mapped[str | None] = mapped_column(String(64))
    customer_ref: Mapped[str | None] = mapped_column(String(128))
    __table_args__ = (
        Index("ix_clicks_partner_ts", "partner_id", "ts"),
        Index("ix_clicks_customer_ref_ts", "customer_ref", "ts"),
        # fraud features read these instead of the table: networks and devices per partner in index order, and
        # the (few) referrer-less clicks from a partial index
        Index("ix_clicks_partner_prefix_device_ts", "partner_id", "ip_prefix", "ip_hash", "ts"),
        Index(
            "ix_clicks_no_referrer",
            "partner_id",
            "ts",
            sqlite_where=text("referrer = ''"),
            postgresql_where=text("referrer = ''"),
        ),
    )


class InboxEvent(Base):
    """The event inbox: every order and refund enters here first, once per (source, external id).

    status: ``pending`` (queued), ``booked``, ``duplicate`` (same business id already booked from
    another source), ``parked`` (refers to something not yet known; replayed by reconcile), ``failed``.
    """

    __tablename__ = "inbox_events"
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    source: Mapped[str] = mapped_column(String(32))
    external_id: Mapped[str] = mapped_column(String(128))
    kind: Mapped[str] = mapped_column(String(16))  # order | refund
    payload: Mapped[dict[str, Any]]
    status: Mapped[str] = mapped_column(String(16), default="pending")
    error: Mapped[str | None] = mapped_column(Text)
    received_at: Mapped[datetime] = mapped_column(default=utcnow)
    processed_at: Mapped[datetime | None]
    # the order the event is about (its own id for an order): lets reconcile find parked refunds set-based
    order_id: Mapped[str | None] = mapped_column(String(64))
    __table_args__ = (
        UniqueConstraint("source", "external_id", name="uq_inbox_events_source_external_id"),
        Index("ix_inbox_events_status", "status"),
        Index("ix_inbox_events_status_order_id", "status", "order_id"),
    )


class Order(Base):
    __tablename__ = "orders"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    ts: Mapped[datetime] = mapped_column(index=True)
    customer_id: Mapped[str] = mapped_column(String(128), index=True)
    click_id: Mapped[str | None] = mapped_column(String(64))
    ref_code: Mapped[str | None] = mapped_column(String(64))
    coupon_code: Mapped[str | None] = mapped_column(String(64))
    currency: Mapped[str] = mapped_column(String(3))
    source: Mapped[str] = mapped_column(String(32), default="csv")
    total_cents: Mapped[int] = mapped_column(BigInteger)
    is_new_customer: Mapped[bool] = mapped_column(Boolean)
    # an order placed in another currency (``workflows.booking.fx``): ``currency`` and every ``*_cents`` are the
    # program's; these keep what the customer paid in, the rate (program units per unit, decimal text), its date
    original_currency: Mapped[str | None] = mapped_column(String(3))
    original_total_cents: Mapped[int | None] = mapped_column(BigInteger)
    fx_rate: Mapped[str | None] = mapped_column(String(40))
    fx_rate_date: Mapped[date | None] = mapped_column(Date)
    fx_source: Mapped[str | None] = mapped_column(String(16))  # fx_rates | shopify
    # corrections (workflows.booking.corrections): 1 + the replacements booked; set once the order is voided
    revision: Mapped[int] = mapped_column(Integer, default=1, server_default=text("1"))
    voided_at: Mapped[datetime | None]
    # coupon leakage starts from a partner's codes; repeat purchases read a customer's orders in time order
    __table_args__ = (
        Index("ix_orders_coupon_code_ts", "coupon_code", "ts"),
        Index("ix_orders_customer_id_ts", "customer_id", "ts"),
    )


class OrderLine(Base):
    __tablename__ = "order_lines"
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    order_id: Mapped[str] = mapped_column(ForeignKey("orders.id"), index=True)
    line_no: Mapped[int] = mapped_column(Integer)
    sku: Mapped[str] = mapped_column(String(64), index=True)
    quantity: Mapped[int] = mapped_column(Integer)
    unit_price_cents: Mapped[int] = mapped_column(BigInteger)
    amount_cents: Mapped[int] = mapped_column(BigInteger)
    refunded_cents: Mapped[int] = mapped_column(BigInteger, default=0)
    # a converted order's line in its original currency (refunds in that currency convert at the line's own ratio)
    original_amount_cents: Mapped[int | None] = mapped_column(BigInteger)
    original_refunded_cents: Mapped[int | None] = mapped_column(BigInteger)
    # the order correction that superseded this line (its commission reversed); current lines have none
    replaced_by: Mapped[int | None] = mapped_column(Integer)
    __table_args__ = (UniqueConstraint("order_id", "line_no", name="uq_order_lines_order_line"),)


class OrderCorrection(Base):
    """A void or a replacement of a booked order: who, when, why, and what the order was before.

    Append-only (database triggers refuse UPDATE and DELETE). ``revision`` is the order's revision the
    correction ended (void) or created (replace); ``previous`` holds the superseded lines and credit, never
    the customer's id (which privacy erasure must be able to scrub from ``orders``).
    """

    __tablename__ = "order_corrections"
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    order_id: Mapped[str] = mapped_column(ForeignKey("orders.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # void | replace
    revision: Mapped[int] = mapped_column(Integer)
    ts: Mapped[datetime]
    actor: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str] = mapped_column(Text)
    previous: Mapped[dict[str, Any]]
    replacement: Mapped[dict[str, Any] | None]
    __table_args__ = (UniqueConstraint("order_id", "revision", "kind", name="uq_order_corrections_order_id"),)


class Refund(Base):
    __tablename__ = "refunds"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    order_id: Mapped[str] = mapped_column(String(64), index=True)
    ts: Mapped[datetime]
    sku: Mapped[str | None] = mapped_column(String(64))
    amount_cents: Mapped[int] = mapped_column(BigInteger)
    source: Mapped[str] = mapped_column(String(32), default="csv")
    # a refund stated in a currency other than the program's: what it said (``amount_cents`` is its conversion)
    original_currency: Mapped[str | None] = mapped_column(String(3))
    original_amount_cents: Mapped[int | None] = mapped_column(BigInteger)


class Attribution(Base):
    """Who gets credit for an order and why (method: click | cross_device | ref | coupon | probabilistic)."""

    __tablename__ = "attributions"
    order_id: Mapped[str] = mapped_column(ForeignKey("orders.id"), primary_key=True)
    partner_id: Mapped[str] = mapped_column(String(64), index=True)
    method: Mapped[str] = mapped_column(String(16))
    click_id: Mapped[str | None] = mapped_column(String(64))
    click_ts: Mapped[datetime | None]
    seconds_to_conversion: Mapped[int | None] = mapped_column(BigInteger)
    is_new_customer: Mapped[bool] = mapped_column(Boolean)
    order_ts: Mapped[datetime]
    # Posterior probability that the matched click led to the order; set only for method ``probabilistic``.
    confidence: Mapped[Decimal | None] = mapped_column(Numeric(4, 3))
    # order_id last: a partner's attributed orders in time order straight from the index (metrics, fraud)
    __table_args__ = (Index("ix_attributions_partner_order_ts_order", "partner_id", "order_ts", "order_id"),)


class RuleSet(Base):
    """A versioned, effective-dated commission rule set; ``body`` is a validated ``RuleSetBody``."""

    __tablename__ = "rule_sets"
    version: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    effective_from: Mapped[datetime]
    body: Mapped[dict[str, Any]]
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Commission(Base):
    """The commission sub-ledger: one row per attributed order line, tracking its lifecycle.

    state: pending -> locked -> paid, or reversed when fully refunded. Amounts here describe the line;
    balances always come from ledger entries.
    """

    __tablename__ = "commissions"
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    order_line_id: Mapped[int] = mapped_column(ForeignKey("order_lines.id"), unique=True)
    order_id: Mapped[str] = mapped_column(String(64), index=True)
    partner_id: Mapped[str] = mapped_column(String(64))
    rule_version: Mapped[int] = mapped_column(Integer)
    base_cents: Mapped[int] = mapped_column(BigInteger)
    amount_cents: Mapped[int] = mapped_column(BigInteger)
    reversed_cents: Mapped[int] = mapped_column(BigInteger, default=0)
    state: Mapped[str] = mapped_column(String(16), default="pending")
    explanation: Mapped[str] = mapped_column(Text)
    order_ts: Mapped[datetime]
    lock_due_at: Mapped[datetime]
    locked_at: Mapped[datetime | None]
    payout_batch_id: Mapped[int | None] = mapped_column(Integer)
    # the reconcile run that locked this row (its lock postings are ``lock:{lock_run}:{partner}``)
    lock_run: Mapped[str | None] = mapped_column(String(40))
    __table_args__ = (
        Index("ix_commissions_state_lock_due", "state", "lock_due_at"),
        Index("ix_commissions_partner_state", "partner_id", "state"),
    )


class LedgerAccount(Base):
    __tablename__ = "ledger_accounts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(128), unique=True)
    kind: Mapped[str] = mapped_column(String(16))  # expense | pending | locked | paid | clawback
    partner_id: Mapped[str | None] = mapped_column(String(64), index=True)


class LedgerTransaction(Base):
    """A balanced, immutable booking. ``ref`` is the idempotency key: a ref books once."""

    __tablename__ = "ledger_transactions"
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    ref: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(16))  # accrual | reversal | lock | payout | clawback
    ts: Mapped[datetime]
    memo: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class LedgerEntry(Base):
    """One leg of a transaction; debit positive, credit negative. Never updated, never deleted."""

    __tablename__ = "ledger_entries"
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    transaction_id: Mapped[int] = mapped_column(ForeignKey("ledger_transactions.id"), index=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("ledger_accounts.id"), index=True)
    amount_cents: Mapped[int] = mapped_column(BigInteger)


class PayoutBatch(Base):
    __tablename__ = "payout_batches"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    as_of: Mapped[datetime]
    currency: Mapped[str] = mapped_column(String(3))
    total_cents: Mapped[int] = mapped_column(BigInteger)
    status: Mapped[str] = mapped_column(String(16), default="created")  # created | sent | paid
    # who moved the batch and when (``kind:id`` actors, as in the audit log); the ledger booked it at creation
    created_by: Mapped[str | None] = mapped_column(String(128))
    sent_at: Mapped[datetime | None]
    sent_by: Mapped[str | None] = mapped_column(String(128))
    paid_at: Mapped[datetime | None]
    paid_by: Mapped[str | None] = mapped_column(String(128))
    # partners left out of this batch and why, as they stood at creation: [{partner_id, locked_cents, reasons}]
    held: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    # the portal's confirm step: one token per preview, so a double submit creates one batch
    confirm_token: Mapped[str | None] = mapped_column(String(64), unique=True)


class PayoutItem(Base):
    __tablename__ = "payout_items"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("payout_batches.id"), index=True)
    partner_id: Mapped[str] = mapped_column(String(64))
    gross_cents: Mapped[int] = mapped_column(BigInteger)
    clawback_cents: Mapped[int] = mapped_column(BigInteger)
    net_cents: Mapped[int] = mapped_column(BigInteger)
    commission_count: Mapped[int] = mapped_column(Integer)


class Proposal(Base):
    """Something an agent wants done; only a human decision applies it (see DESIGN.md)."""

    __tablename__ = "proposals"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16), default="pending")
    partner_id: Mapped[str | None] = mapped_column(String(64), index=True)
    application_id: Mapped[str | None] = mapped_column(String(64))
    summary: Mapped[str] = mapped_column(Text)
    rationale: Mapped[str] = mapped_column(Text, default="")
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)  # what the agent proposed
    approved_payload: Mapped[dict[str, Any] | None]  # what a human approved (maybe edited) and was applied
    evidence: Mapped[dict[str, Any]] = mapped_column(default=dict)
    expected_impact: Mapped[dict[str, Any]] = mapped_column(default=dict)
    thread_id: Mapped[str | None] = mapped_column(String(128))
    agent: Mapped[str] = mapped_column(String(32), default="")
    decided_by: Mapped[str | None] = mapped_column(String(128))
    decided_at: Mapped[datetime | None]
    decision_reason: Mapped[str | None] = mapped_column(Text)
    applied_at: Mapped[datetime | None]
    slack_channel: Mapped[str | None] = mapped_column(String(64))
    slack_ts: Mapped[str | None] = mapped_column(String(64))
    slack_status: Mapped[str | None] = mapped_column(String(16))  # the status its Slack message shows
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class OutboxMessage(Base):
    """A message waiting to be delivered (Slack, email); ``dedupe_key`` makes enqueueing idempotent."""

    __tablename__ = "outbox_messages"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dedupe_key: Mapped[str] = mapped_column(String(200), unique=True)
    channel: Mapped[str] = mapped_column(String(16))  # slack | email | file
    recipient: Mapped[str] = mapped_column(String(320))
    kind: Mapped[str] = mapped_column(String(32))  # brief | nudge | welcome | decline | summary | ...
    partner_id: Mapped[str | None] = mapped_column(String(64), index=True)
    subject: Mapped[str] = mapped_column(Text, default="")
    body_text: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="queued")  # queued | sent | failed
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None]
    # Where delivery got to (e.g. the Slack ``channel:ts`` of a posted summary), so a retry of a partly
    # delivered message (text posted, chart upload failed) finishes it instead of posting the text twice.
    delivered_ref: Mapped[str | None] = mapped_column(String(200))


class AuditLog(Base):
    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    ts: Mapped[datetime] = mapped_column(default=utcnow)
    actor: Mapped[str] = mapped_column(String(128))
    action: Mapped[str] = mapped_column(String(64))
    subject: Mapped[str] = mapped_column(String(200), default="")
    details: Mapped[dict[str, Any]] = mapped_column(default=dict)


class PartnerAssessment(Base):
    """A judgement of a partner that analytics cannot compute (kind ``brand_fit`` or ``content``), score 0–100.

    Written by the agents (LLM or offline reasoner); the partner quality score uses the latest one per kind.
    """

    __tablename__ = "partner_assessments"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    partner_id: Mapped[str] = mapped_column(String(64), index=True)
    kind: Mapped[str] = mapped_column(String(32))  # brand_fit | content
    score: Mapped[int] = mapped_column(Integer)
    summary: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class AgentRun(Base):
    """One agent run's LLM spend: calls, tokens, cost (integer micro-USD) against its budget, and fallbacks.

    ``mode`` is ``offline`` (no key configured) or ``llm``; ``fallbacks`` counts items the offline reasoner
    answered because the LLM's output stayed invalid or the budget ran out (reasons in ``details``).
    """

    __tablename__ = "agent_runs"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agent: Mapped[str] = mapped_column(String(32), index=True)
    mode: Mapped[str] = mapped_column(String(16))
    model: Mapped[str] = mapped_column(String(100), default="")
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]
    llm_calls: Mapped[int] = mapped_column(Integer, default=0)
    prompt_tokens: Mapped[int] = mapped_column(BigInteger, default=0)
    completion_tokens: Mapped[int] = mapped_column(BigInteger, default=0)
    cost_micro_usd: Mapped[int] = mapped_column(BigInteger, default=0)
    budget_micro_usd: Mapped[int] = mapped_column(BigInteger, default=0)
    fallbacks: Mapped[int] = mapped_column(Integer, default=0)
    budget_exhausted: Mapped[bool] = mapped_column(Boolean, default=False)
    details: Mapped[dict[str, Any]] = mapped_column(default=dict)


class PartnerContent(Base):
    """A partner's published content to audit: a fetched page or imported sample text (untrusted data)."""

    __tablename__ = "partner_content"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    partner_id: Mapped[str] = mapped_column(String(64), index=True)
    url: Mapped[str] = mapped_column(String(500), default="")
    text: Mapped[str] = mapped_column(Text)
    fetched_at: Mapped[datetime] = mapped_column(default=utcnow)



class OutboxAttachment(Base):
    """A file delivered with an outbox message (the weekly summary's chart): stored in the database so any
    replica can deliver it. Slack uploads it into the message's channel; email attaches it."""

    __tablename__ = "outbox_attachments"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    message_id: Mapped[int] = mapped_column(ForeignKey("outbox_messages.id"), index=True)
    filename: Mapped[str] = mapped_column(String(200))
    content_type: Mapped[str] = mapped_column(String(100), default="image/png")
    content: Mapped[bytes] = mapped_column(LargeBinary)


class JobLock(Base):
    """A scheduled job's run lock, shared by every ``afflow serve`` replica.

    A replica runs a job only after claiming this row with one conditional UPDATE
    (``locked_until <= now``); finishing keeps it locked until ``locked_at + min_gap`` so a second replica
    firing the same occurrence a little later finds it taken. ``locked_until`` also bounds a crashed run.
    """

    __tablename__ = "job_locks"
    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    locked_until: Mapped[datetime]
    locked_at: Mapped[datetime | None]
    locked_by: Mapped[str] = mapped_column(String(200), default="")
    runs: Mapped[int] = mapped_column(Integer, default=0)
    last_finished_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)


class OrderSignal(Base):
    """What the shop saw of the buyer at checkout, for probabilistic matching: hashed, never a raw IP.

    Written by ``workflows.matching.probabilistic.record_order_signals`` (webhooks, CSV columns ``ip``/``user_agent``/
    ``customer_email``); keyed by order id without a foreign key because signals may arrive before the order is booked.
    ``mailbox_key``: the buyer's e-mail as ``store.identity.mailbox_key`` (for self-referral), never the address.
    """

    __tablename__ = "order_signals"
    order_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    ip_hash: Mapped[str] = mapped_column(String(64), default="")
    ip_prefix: Mapped[str] = mapped_column(String(64), default="", index=True)
    user_agent_family: Mapped[str] = mapped_column(String(64), default="")
    device_type: Mapped[str] = mapped_column(String(16), default="unknown")
    mailbox_key: Mapped[str] = mapped_column(String(64), default="", index=True)


class Experiment(Base):
    """A commission experiment: partners of a cohort randomised to rate variants for a period.

    ``variants`` maps variant name -> {"percent": "12.5"}; the first listed is the control. The experiment
    books through rules only: ``rule_version`` is the version that added per-partner overrides,
    ``restore_rule_version`` the one that took them away again at stop. status: running | stopped.
    """

    __tablename__ = "experiments"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(16), default="running")
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    variants: Mapped[dict[str, Any]]
    cohort: Mapped[dict[str, Any]] = mapped_column(default=dict)
    seed: Mapped[int] = mapped_column(BigInteger)
    rule_version: Mapped[int | None] = mapped_column(Integer)
    restore_rule_version: Mapped[int | None] = mapped_column(Integer)
    proposal_id: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    stopped_at: Mapped[datetime | None]


class ExperimentAssignment(Base):
    """One partner's variant in one experiment; ``stratum`` is the tier it was randomised within."""

    __tablename__ = "experiment_assignments"
    experiment_id: Mapped[int] = mapped_column(ForeignKey("experiments.id"), primary_key=True)
    partner_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    variant: Mapped[str] = mapped_column(String(64))
    stratum: Mapped[str] = mapped_column(String(32))


class PortalUser(Base):
    """A person who signs in to the web portal. A promoter is tied to one partner; managers and finance are not."""

    __tablename__ = "portal_users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    role: Mapped[str] = mapped_column(String(16))  # promoter | manager | finance
    partner_id: Mapped[str | None] = mapped_column(ForeignKey("partners.id"), index=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class PortalLoginToken(Base):
    """A one-time sign-in token (emailed link or CLI); only its SHA-256 is stored."""

    __tablename__ = "portal_login_tokens"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("portal_users.id"), index=True)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class PortalSession(Base):
    """A signed-in browser; the cookie holds a random id whose SHA-256 is the key. ``csrf_token`` guards forms."""

    __tablename__ = "portal_sessions"
    id_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("portal_users.id"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    expires_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class WithdrawalRequest(Base):
    """A promoter's request to be paid its locked balance (status: requested | paid | rejected)."""

    __tablename__ = "withdrawal_requests"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    partner_id: Mapped[str] = mapped_column(String(64), index=True)
    amount_cents: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    status: Mapped[str] = mapped_column(String(16), default="requested")
    requested_by: Mapped[str] = mapped_column(String(320))
    payout_batch_id: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class PayoutAccount(Base):
    """Where a partner's payouts go: its Stripe Connect account (``acct_...``)."""

    __tablename__ = "payout_accounts"
    partner_id: Mapped[str] = mapped_column(ForeignKey("partners.id"), primary_key=True)
    stripe_account_id: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    # the account id a manager verified (onboarding complete, payouts enabled): verified only while it equals
    # ``stripe_account_id``, so changing the account un-verifies it
    verified_account_id: Mapped[str | None] = mapped_column(String(64))
    verified_at: Mapped[datetime | None]


class StripeTransfer(Base):
    """One Stripe Connect transfer of a payout item; ``idempotency_key`` makes a resend create nothing new."""

    __tablename__ = "stripe_transfers"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("payout_batches.id"), index=True)
    partner_id: Mapped[str] = mapped_column(String(64))
    idempotency_key: Mapped[str] = mapped_column(String(200), unique=True)
    amount_cents: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    destination: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16), default="pending")  # pending | sent | refused
    transfer_id: Mapped[str | None] = mapped_column(String(64))
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None]


class ConversionOutbox(Base):
    """Server-side conversion events waiting for GA4 / Meta (``workflows.delivery.conversions``).

    Kept apart from ``outbox_messages`` (human messages) because their delivery differs: the payload is
    frozen at queue time and resent byte-for-byte, and the receiver deduplicates by ``event_id``.
    ``dedupe_key`` (destination:event_id) makes queueing idempotent. status: queued | sent | failed.
    """

    __tablename__ = "conversion_outbox"
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    dedupe_key: Mapped[str] = mapped_column(String(200), unique=True)
    destination: Mapped[str] = mapped_column(String(16))  # ga4 | meta
    event_name: Mapped[str] = mapped_column(String(40))
    event_id: Mapped[str] = mapped_column(String(128))
    order_id: Mapped[str] = mapped_column(String(64), index=True)
    partner_id: Mapped[str] = mapped_column(String(64))
    event_ts: Mapped[datetime]
    payload: Mapped[dict[str, Any]]
    status: Mapped[str] = mapped_column(String(16), default="queued")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None]
    __table_args__ = (Index("ix_conversion_outbox_status_next", "status", "next_attempt_at"),)


class SchedulerJob(Base):
    """APScheduler 3's job table (``SQLAlchemyJobStore(tablename="scheduler_jobs")``), created by our
    migration so concurrent replicas never race to create it. Its layout is APScheduler's, not ours."""

    __tablename__ = "scheduler_jobs"
    id: Mapped[str] = mapped_column(Unicode(191), primary_key=True)
    next_run_time: Mapped[float | None] = mapped_column(Float(25), index=True)
    job_state: Mapped[bytes] = mapped_column(LargeBinary)


class ApiKey(Base):
    """A key for the REST API and ``/mcp`` (``tools.api_keys``): only the SHA-256 of the secret is kept, so a
    leaked database leaks no usable key. ``scopes``: comma-separated read | links | propose | conversions."""

    __tablename__ = "api_keys"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    prefix: Mapped[str] = mapped_column(String(16))  # the key's first characters, to recognise it in a list
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    scopes: Mapped[str] = mapped_column(String(200))
    rate_limit_per_minute: Mapped[int] = mapped_column(Integer, default=120)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]


class WebhookEndpoint(Base):
    """A receiver of signed outbound webhooks (``workflows.delivery.webhooks_out``); status active | paused
    (paused after ``consecutive_failures`` reached the limit: shown in ``afflow webhooks list``, never retried)."""

    __tablename__ = "webhook_endpoints"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    url: Mapped[str] = mapped_column(String(2000))
    events: Mapped[str] = mapped_column(Text)  # comma-separated event types
    secret: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(16), default="active")
    consecutive_failures: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class WebhookEvent(Base):
    """One outbound event, once: ``event_id`` (``commission.created:42``) is the receiver's idempotency key;
    ``subject`` (``partner:p1``) orders deliveries; the payload is frozen when the event is recorded."""

    __tablename__ = "webhook_events"
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    event_id: Mapped[str] = mapped_column(String(200), unique=True)
    type: Mapped[str] = mapped_column(String(40))
    subject: Mapped[str] = mapped_column(String(200))
    payload: Mapped[dict[str, Any]]
    occurred_at: Mapped[datetime]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class WebhookDelivery(Base):
    """One event for one endpoint. status: queued | sent | failed (refused for good, or attempts exhausted);
    a claimed row's ``next_attempt_at`` is its lease (``workflows.delivery.lease``)."""

    __tablename__ = "webhook_deliveries"
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    endpoint_id: Mapped[int] = mapped_column(ForeignKey("webhook_endpoints.id"), index=True)
    event_row_id: Mapped[int] = mapped_column(ForeignKey("webhook_events.id"), index=True)
    status: Mapped[str] = mapped_column(String(16), default="queued")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None]
    last_status: Mapped[int | None] = mapped_column(Integer)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None]
    __table_args__ = (
        UniqueConstraint("endpoint_id", "event_row_id"),
        Index("ix_webhook_deliveries_status_next", "status", "next_attempt_at"),
    )


class PayoutProfile(Base):
    """How a partner is paid and where it is taxed (``workflows.booking.payout_readiness``).

    method: ``stripe`` (its ``payout_accounts`` row, verified), ``paypal`` (``paypal_email``) or ``bank_csv``
    (``bank_account_name`` / ``bank_account_number`` exported for a bank transfer file). ``country`` is ISO 3166-1
    alpha-2; ``tax_id`` the tax identification number on file (shown masked).
    """

    __tablename__ = "payout_profiles"
    partner_id: Mapped[str] = mapped_column(ForeignKey("partners.id"), primary_key=True)
    method: Mapped[str | None] = mapped_column(String(16))
    paypal_email: Mapped[str | None] = mapped_column(String(320))
    bank_account_name: Mapped[str | None] = mapped_column(String(200))
    bank_account_number: Mapped[str | None] = mapped_column(String(64))
    country: Mapped[str | None] = mapped_column(String(2))
    tax_id: Mapped[str | None] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_by: Mapped[str] = mapped_column(String(128), default="")


class TaxForm(Base):
    """One tax form a partner filed (W-9, W-8BEN, W-8BEN-E or a country's equivalent); the newest row is current.

    status: ``submitted`` (uploaded, waiting for review) | ``verified`` | ``rejected`` | ``expired``. The document
    is a file under ``AFFLOW_TAX_FORMS_DIR`` (``stored_name``), never in the database; ``sha256`` pins it.
    """

    __tablename__ = "tax_forms"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    partner_id: Mapped[str] = mapped_column(ForeignKey("partners.id"), index=True)
    form_type: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16), default="submitted")
    submitted_at: Mapped[datetime] = mapped_column(default=utcnow)
    submitted_by: Mapped[str] = mapped_column(String(128), default="")
    status_at: Mapped[datetime] = mapped_column(default=utcnow)
    status_by: Mapped[str] = mapped_column(String(128), default="")
    status_reason: Mapped[str] = mapped_column(Text, default="")
    stored_name: Mapped[str | None] = mapped_column(String(200))
    original_name: Mapped[str | None] = mapped_column(String(200))
    content_type: Mapped[str | None] = mapped_column(String(100))
    size_bytes: Mapped[int | None] = mapped_column(BigInteger)
    sha256: Mapped[str | None] = mapped_column(String(64))


class FraudFinding(Base):
    """A high-severity fraud finding kept until a human decides it (``workflows.booking.fraud_holds``).

    One open row per (partner, signal): a later scan refreshes ``last_seen_at`` and the evidence. status:
    ``open`` (holds the partner's payouts) | ``cleared`` | ``confirmed``, with who decided, when and why.
    """

    __tablename__ = "fraud_findings"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    partner_id: Mapped[str] = mapped_column(String(64), index=True)
    signal: Mapped[str] = mapped_column(String(32))
    severity: Mapped[str] = mapped_column(String(16))
    summary: Mapped[str] = mapped_column(Text, default="")
    evidence: Mapped[dict[str, Any]] = mapped_column(default=dict)
    status: Mapped[str] = mapped_column(String(16), default="open")
    first_seen_at: Mapped[datetime]
    last_seen_at: Mapped[datetime]
    decided_by: Mapped[str | None] = mapped_column(String(128))
    decided_at: Mapped[datetime | None]
    decision_reason: Mapped[str | None] = mapped_column(Text)
    __table_args__ = (Index("ix_fraud_findings_status_partner", "status", "partner_id"),)


class FxRate(Base):
    """A daily exchange rate: ``rate`` program-currency units per unit of ``currency`` on ``day`` (decimal text,
    exact on every backend). Imported by ``afflow import fx_rates``; an order looks up the latest rate on or
    before its date (``workflows.booking.fx``). Re-importing a day replaces its rate for orders booked later;
    a booked order keeps the rate it recorded."""

    __tablename__ = "fx_rates"
    currency: Mapped[str] = mapped_column(String(3), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    rate: Mapped[str] = mapped_column(String(40))
    imported_at: Mapped[datetime] = mapped_column(default=utcnow)
