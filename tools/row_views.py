"""JSON views of store rows the CLI has no view of (partners, commissions, stored payout batches), in the CLI's
conventions: money a decimal string in the program currency, times ISO 8601 with offset, field names a
public contract (add, never rename). The REST API and the outbound webhooks' payloads both use them.
"""

from __future__ import annotations

from typing import Any

from store.models import Commission, Partner, PayoutBatch, PayoutItem
from store.money import format_money


def partner_view(partner: Partner) -> dict[str, Any]:
    return {
        "id": partner.id,
        "name": partner.name,
        "email": partner.email,
        "channel": partner.channel,
        "network": partner.network,
        "status": partner.status,
        "ref_code": partner.ref_code,
        "coupon_code": partner.coupon_code,
        "audience_size": partner.audience_size,
        "engagement_rate": str(partner.engagement_rate),
        "commissions_held": partner.commissions_held,
        "created_at": partner.created_at.isoformat(),
    }


def commission_view(commission: Commission, currency: str) -> dict[str, Any]:
    return {
        "id": commission.id,
        "order_id": commission.order_id,
        "partner_id": commission.partner_id,
        "status": commission.state,
        "currency": currency,
        "base": format_money(commission.base_cents, currency),
        "amount": format_money(commission.amount_cents, currency),
        "reversed": format_money(commission.reversed_cents, currency),
        "net": format_money(commission.amount_cents - commission.reversed_cents, currency),
        "rule_version": commission.rule_version,
        "explanation": commission.explanation,
        "order_ts": commission.order_ts.isoformat(),
        "lock_due_at": commission.lock_due_at.isoformat(),
        "locked_at": commission.locked_at.isoformat() if commission.locked_at else None,
        "payout_batch_id": commission.payout_batch_id,
    }


def payout_view(batch: PayoutBatch) -> dict[str, Any]:
    return {
        "id": batch.id,
        "status": batch.status,
        "as_of": batch.as_of.isoformat(),
        "created_at": batch.created_at.isoformat(),
        "currency": batch.currency,
        "total": format_money(batch.total_cents, batch.currency),
    }


def payout_item_view(item: PayoutItem, currency: str) -> dict[str, Any]:
    """The fields of ``afflow payouts create --json``'s items."""
    return {
        "partner_id": item.partner_id,
        "gross": format_money(item.gross_cents, currency),
        "clawback": format_money(item.clawback_cents, currency),
        "net": format_money(item.net_cents, currency),
        "commission_count": item.commission_count,
    }
