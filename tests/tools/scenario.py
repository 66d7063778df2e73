"""Small hand-written programs for analytics tests, loaded through the public CSV importer."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from store.db import transaction
from workflows.importing.importer import import_csv

ORDER = ("partners", "products", "coupons", "clicks", "orders", "refunds")
HEADERS = {
    "partners": "partner_id,name,email,channel,audience_size,engagement_rate,ref_code,coupon_code,network",
    "products": "sku,title,price,unit_cost,stock,stock_target,category",
    "coupons": "code,partner_id,exclusive",
    "clicks": "click_id,ts,partner_id,ip,user_agent,referrer,landing_url,sku,customer_ref",
    "orders": "order_id,ts,customer_id,click_id,ref_code,coupon_code,currency,sku,quantity,unit_price",
    "refunds": "refund_id,order_id,ts,sku,amount",
}


def load(engine: Engine, directory: Path, **rows: list[str]) -> None:
    """Write each kind's rows under its header and import the files in dependency order, one transaction each."""
    directory.mkdir(parents=True, exist_ok=True)
    for kind in ORDER:
        if kind not in rows:
            continue
        path = directory / f"{kind}.csv"
        path.write_text("\n".join([HEADERS[kind], *rows[kind]]) + "\n", encoding="utf-8")
        with transaction(engine) as session:
            import_csv(session=session, kind=kind, path=path)
