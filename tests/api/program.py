"""A small program for the API tests, built only through ``afflow import``'s importer (which books orders)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from store.db import transaction
from workflows.importing.importer import import_csv

FILES = {
    "partners": (
        "partner_id,name,email,channel,audience_size,engagement_rate,ref_code,coupon_code\n"
        "p1,Pat Lee,pat@example.com,youtube,12000,0.05,PATREF,\n"
        "p2,Sam Roe,sam@example.com,blog,3000,0.02,SAMREF,\n"
        "p3,Ida Ray,ida@example.com,podcast,800,0.04,IDAREF,\n"
    ),
    "products": (
        "sku,title,price,unit_cost,stock,stock_target,category\n"
        "S1,Shirt,20.00,8.00,100,100,apparel\n"
        "S2,Hat,10.00,3.00,50,50,apparel\n"
    ),
}
ORDER_HEADER = "order_id,ts,customer_id,click_id,ref_code,coupon_code,currency,sku,quantity,unit_price\n"
ORDERS = (
    "o1,2026-03-01T10:00:00Z,c1,,PATREF,,USD,S1,2,20.00\n"
    "o2,2026-03-05T10:00:00Z,c2,,SAMREF,,USD,S2,1,10.00\n"
    "o3,2026-03-09T10:00:00Z,c3,,PATREF,,USD,S2,3,10.00\n"
)


def import_text(engine: Engine, directory: Path, kind: str, text: str) -> None:
    path = directory / f"{kind}.csv"
    path.write_text(text, encoding="utf-8")
    with transaction(engine) as session:
        import_csv(session=session, kind=kind, path=path)


def seed(engine: Engine, directory: Path, *, orders: str = ORDERS) -> None:
    """Three partners, two products and (by default) three orders credited by ref code."""
    for kind, text in FILES.items():
        import_text(engine, directory, kind, text)
    if orders:
        import_text(engine, directory, "orders", ORDER_HEADER + orders)
