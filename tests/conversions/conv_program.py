"""A small program loaded through the CSV importer, for the conversion tests."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fakes.ga4_server import API_SECRET, MEASUREMENT_ID, FakeGa4
from fakes.meta_server import ACCESS_TOKEN, API_VERSION, PIXEL_ID, FakeMeta
from sqlalchemy import Engine

from store.db import transaction
from workflows.importing.importer import import_csv

__all__ = ["NOW", "destinations_env", "load", "small_program"]

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)


def load(engine: Engine, tmp_path: Path, kind: str, header: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    path = tmp_path / f"{kind}-{len(list(tmp_path.iterdir()))}.csv"
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    with transaction(engine) as session:
        import_csv(session=session, kind=kind, path=path)


def destinations_env(ga4: FakeGa4, meta: FakeMeta) -> dict[str, str]:
    """The settings that point ``afflow conversions`` at the local GA4 and Meta servers."""
    return {
        "AFFLOW_GA4_MEASUREMENT_ID": MEASUREMENT_ID,
        "AFFLOW_GA4_API_SECRET": API_SECRET,
        "AFFLOW_GA4_BASE_URL": ga4.url,
        "AFFLOW_META_PIXEL_ID": PIXEL_ID,
        "AFFLOW_META_ACCESS_TOKEN": ACCESS_TOKEN,
        "AFFLOW_META_BASE_URL": meta.url,
        "AFFLOW_META_API_VERSION": API_VERSION,
    }


def iso(ts: datetime) -> str:
    return ts.isoformat()


@pytest.fixture
def small_program(engine: Engine, tmp_path: Path) -> Engine:
    """Two partners; o1 via click (2 lines, partly refunded), o2 via ref code, o3 unattributed, o4 old."""
    load(engine, tmp_path, "partners",
         ["partner_id", "name", "email", "channel", "audience_size", "engagement_rate", "ref_code", "coupon_code"],
         [["p1", "Ann", "ann@example.com", "blog", 1000, "0.05", "ANN", ""],
          ["p2", "Bob", "bob@example.com", "video", 5000, "0.02", "BOB", ""]])  # fmt: skip
    load(engine, tmp_path, "clicks",
         ["click_id", "ts", "partner_id", "ip", "user_agent", "referrer", "landing_url", "sku", "customer_ref"],
         [["c1", iso(NOW - timedelta(days=2)), "p1", "10.0.0.1", "Mozilla/5.0", "", "", "SKU-1", ""]])  # fmt: skip
    order_header = ["order_id", "ts", "customer_id", "click_id", "ref_code", "coupon_code", "currency", "sku",
                    "quantity", "unit_price"]  # fmt: skip
    load(engine, tmp_path, "orders", order_header,
         [["o1", iso(NOW - timedelta(days=1)), "Jane.Doe@Example.com", "c1", "", "", "USD", "SKU-1", 2, "19.99"],
          ["o1", iso(NOW - timedelta(days=1)), "Jane.Doe@Example.com", "c1", "", "", "USD", "SKU-2", 1, "5.10"],
          ["o2", iso(NOW - timedelta(hours=5)), "cust-42", "", "BOB", "", "USD", "SKU-3", 1, "100.00"],
          ["o3", iso(NOW - timedelta(hours=4)), "cust-43", "", "", "", "USD", "SKU-3", 1, "100.00"],
          ["o4", iso(NOW - timedelta(days=20)), "cust-44", "", "BOB", "", "USD", "SKU-3", 1, "50.00"]])  # fmt: skip
    load(engine, tmp_path, "refunds", ["refund_id", "order_id", "ts", "sku", "amount"],
         [["r1", "o1", iso(NOW - timedelta(hours=2)), "SKU-2", "5.10"]])  # fmt: skip
    return engine
