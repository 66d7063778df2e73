"""Checks a written program against the CSV contract; returns the problems found (empty = valid)."""

from __future__ import annotations

import csv
import ipaddress
import json
import re
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path

from .identity import sha_guest_id
from .output import COLUMNS

CHANNELS = {"blog", "youtube", "instagram", "tiktok", "podcast", "newsletter", "coupon_site"}
MONEY = re.compile(r"^\d+\.\d{2}$")
WINDOW = timedelta(days=30)


def _read(directory: Path, kind: str, problems: list[str]) -> list[dict[str, str]]:
    with (directory / f"{kind}.csv").open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        if tuple(reader.fieldnames or ()) != COLUMNS[kind]:
            problems.append(f"{kind}.csv: header {reader.fieldnames}")
        return list(reader)


def _when(text: str, where: str, problems: list[str]) -> datetime:
    if not text.endswith("+00:00"):
        problems.append(f"{where}: timestamp {text!r} is not ISO 8601 with +00:00")
    return datetime.fromisoformat(text)


def check_program(directory: str | Path) -> list[str]:
    root = Path(directory)
    problems: list[str] = []
    rows = {kind: _read(root, kind, problems) for kind in COLUMNS}
    truth = json.loads((root / "truth.json").read_text(encoding="utf-8"))
    partners = {row["partner_id"]: row for row in rows["partners"]}
    coupons = {row["code"]: row for row in rows["coupons"]}
    skus = {row["sku"] for row in rows["products"]}
    if set(truth["partners"]) != set(partners):
        problems.append("truth.json partners differ from partners.csv")
    for row in rows["partners"]:
        if row["channel"] not in CHANNELS:
            problems.append(f"partner {row['partner_id']}: channel {row['channel']}")
        if row["coupon_code"] and coupons.get(row["coupon_code"], {}).get("partner_id") != row["partner_id"]:
            problems.append(f"partner {row['partner_id']}: coupon {row['coupon_code']} missing from coupons.csv")
    for row in rows["coupons"]:
        if row["partner_id"] not in partners or row["exclusive"] not in ("true", "false"):
            problems.append(f"coupon {row['code']}: bad partner or exclusive flag")
    for row in rows["products"]:
        if not (MONEY.match(row["price"]) and MONEY.match(row["unit_cost"])):
            problems.append(f"product {row['sku']}: money format")
    clicks: dict[str, tuple[datetime, str]] = {}
    for row in rows["clicks"]:
        if row["click_id"] in clicks:
            problems.append(f"click {row['click_id']} duplicated")
        clicks[row["click_id"]] = (_when(row["ts"], f"click {row['click_id']}", problems), row["partner_id"])
        if row["partner_id"] not in partners:
            problems.append(f"click {row['click_id']}: unknown partner")
        if row["sku"] and row["sku"] not in skus:
            problems.append(f"click {row['click_id']}: unknown sku")
        ipaddress.IPv4Address(row["ip"])
    lines: dict[tuple[str, str], tuple[datetime, Decimal]] = {}
    order_meta: dict[str, tuple[str, str, str]] = {}
    for row in rows["orders"]:
        where = f"order {row['order_id']}"
        ts = _when(row["ts"], where, problems)
        meta = (row["ts"], row["customer_id"], row["click_id"])
        if order_meta.setdefault(row["order_id"], meta) != meta:
            problems.append(f"{where}: lines disagree on time, customer or click")
        if row["click_id"]:
            click = clicks.get(row["click_id"])
            if click is None or not (click[0] <= ts <= click[0] + WINDOW):
                problems.append(f"{where}: click {row['click_id']} missing, later or older than 30 days")
        if row["coupon_code"] and row["coupon_code"] not in coupons:
            problems.append(f"{where}: coupon {row['coupon_code']} not in coupons.csv")
        if row["sku"] not in skus or not MONEY.match(row["unit_price"]) or int(row["quantity"]) < 1:
            problems.append(f"{where}: sku, price or quantity")
        customer = row["customer_id"]
        if customer.startswith("email:"):
            if row["customer_email"] and sha_guest_id(row["customer_email"]) != customer:
                problems.append(f"{where}: guest id is not the hash of its email")
        elif not customer.isdigit():
            problems.append(f"{where}: customer id {customer!r}")
        if row["ip"]:
            ipaddress.IPv4Address(row["ip"])
        key = (row["order_id"], row["sku"])
        if key in lines:
            problems.append(f"{where}: sku {row['sku']} twice")
        lines[key] = (ts, Decimal(row["unit_price"]) * int(row["quantity"]))
    refunded: dict[tuple[str, str], Decimal] = {}
    for row in rows["refunds"]:
        key = (row["order_id"], row["sku"])
        line = lines.get(key)
        ts = _when(row["ts"], f"refund {row['refund_id']}", problems)
        if line is None or ts <= line[0] or not MONEY.match(row["amount"]):
            problems.append(f"refund {row['refund_id']}: no such line, not after the order, or money format")
            continue
        refunded[key] = refunded.get(key, Decimal(0)) + Decimal(row["amount"])
        if refunded[key] > line[1]:
            problems.append(f"refund {row['refund_id']}: more than the line amount")
    return problems
