"""Helpers for the HTTP front-door tests (seeding through the importer, app config, polling)."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from pydantic import SecretStr
from sqlalchemy import Engine
from webhooks.shop_payloads import CONVERSION_KEY, SHOPIFY_SECRET, STRIPE_SECRET, WOO_SECRET

from afflow.settings import Settings
from afflow.wiring import http_config
from store.db import transaction
from workflows.http import HttpConfig
from workflows.importing.importer import import_csv

PARTNERS = (
    "partner_id,name,email,channel,audience_size,engagement_rate,ref_code,coupon_code\n"
    "p1,Pat Lee,pat@example.com,youtube,12000,0.05,PATREF,PAT10\n"
    "p2,Sam Roe,sam@example.com,blog,3000,0.02,SAMREF,\n"
)
PRODUCTS = (
    "sku,title,price,unit_cost,stock,stock_target,category\n"
    "S1,Shirt,20.00,8.00,100,100,apparel\n"
    "S2,Hat,10.00,3.00,50,50,apparel\n"
)
COUPONS = "code,partner_id,exclusive\nPAT10,p1,true\n"


def seed_program(engine: Engine, directory: Path, *, extra_products: int = 0) -> None:
    """Partners, products and coupons through ``afflow import``'s own importer."""
    products = PRODUCTS + "".join(f"X{i:05d},Extra {i},5.00,1.00,10,10,misc\n" for i in range(extra_products))
    for kind, text in (("partners", PARTNERS), ("products", products), ("coupons", COUPONS)):
        path = directory / f"{kind}.csv"
        path.write_text(text, encoding="utf-8")
        with transaction(engine) as session:
            import_csv(session=session, kind=kind, path=path)


def wait_until(predicate: Callable[[], bool], *, timeout: float = 10.0, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        time.sleep(0.05)


def front_door_settings(spool_dir: Path) -> Settings:
    """What an operator would set: the public URL, the spool, every platform's webhook secret, the postback key."""
    return Settings(
        public_url="https://go.example",
        spool_dir=str(spool_dir),
        shopify_secret=SecretStr(SHOPIFY_SECRET),
        woocommerce_secret=SecretStr(WOO_SECRET),
        stripe_secret=SecretStr(STRIPE_SECRET),
        conversion_api_key=SecretStr(CONVERSION_KEY),
    )


def app_config(settings: Settings) -> HttpConfig:
    """``afflow serve``'s HTTP config for ``settings``, flushing clicks and polling the inbox faster for tests."""
    return replace(http_config(settings), click_flush_interval=0.05, inbox_poll_interval=0.2)
