"""Base rates measured from the written rows, the way a reader of the CSVs would measure them."""

from __future__ import annotations

import statistics
from datetime import datetime

Row = dict[str, str]


def _ts(text: str) -> float:
    return datetime.fromisoformat(text).timestamp()


def base_rates(
    *, start: float, partners: list[Row], clicks: list[Row], orders: list[Row], honest: set[str] | None = None
) -> dict[str, float]:
    """conversion, returning_share, code_only_share, click_to_order_median_hours (and their inputs).

    With ``honest`` (partner ids), only those partners' clicks and attributed orders count, and the
    returning share is that of their attributed orders.
    """
    click_partner = {row["click_id"]: row["partner_id"] for row in clicks}
    click_ts = {row["click_id"]: _ts(row["ts"]) for row in clicks}
    by_ref = {row["ref_code"]: row["partner_id"] for row in partners}
    by_coupon = {row["coupon_code"]: row["partner_id"] for row in partners if row["coupon_code"]}
    seen_customers: set[str] = set()
    heads: list[tuple[Row, bool]] = []
    current = ""
    for row in sorted(orders, key=lambda r: (_ts(r["ts"]), r["order_id"])):
        if row["order_id"] == current:
            continue
        current = row["order_id"]
        heads.append((row, row["customer_id"] in seen_customers))
        seen_customers.add(row["customer_id"])
    window = [(row, returning) for row, returning in heads if _ts(row["ts"]) >= start]

    def credited(row: Row) -> str:
        if row["click_id"]:
            return click_partner[row["click_id"]]
        return by_ref.get(row["ref_code"], "") or by_coupon.get(row["coupon_code"], "")

    attributed = [(row, returning) for row, returning in window if credited(row)]
    if honest is not None:
        attributed = [(row, returning) for row, returning in attributed if credited(row) in honest]
    counted_clicks = [row for row in clicks if honest is None or row["partner_id"] in honest]
    clicked = [row for row, _ in attributed if row["click_id"]]
    code_only = [row for row, _ in attributed if row["coupon_code"] and not row["click_id"]]
    delays = [(_ts(row["ts"]) - click_ts[row["click_id"]]) / 3600 for row in clicked]
    returning_pool = window if honest is None else attributed
    return {
        "conversion": round(len(clicked) / max(1, len(counted_clicks)), 4),
        "returning_share": round(sum(r for _, r in returning_pool) / max(1, len(returning_pool)), 4),
        "code_only_share": round(len(code_only) / max(1, len(attributed)), 4),
        "click_to_order_median_hours": round(statistics.median(delays), 2) if delays else 0.0,
        "orders": len(window),
        "attributed_orders": len(attributed),
        "clicks": len(counted_clicks),
        "attributed_returning_share": round(sum(r for _, r in attributed) / max(1, len(attributed)), 4),
    }
