"""Identity that can't be planted: ``afflow_uid`` on ``/r/`` counts for cross-device matching only when the
shop signed it (``AFFLOW_IDENTITY_SECRET``); an unsigned one is a weak hint below ref codes and coupons.

The theft of issue 17, replayed: partner p2 plants the buyer's id on its own link, the buyer then orders
with p1's exclusive coupon PAT10; p1 keeps the order. Through ``afflow serve``'s app (redirect, click
writer, conversion intake, inbox worker) on SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from frontdoor import app_config, front_door_settings, wait_until
from pydantic import SecretStr
from sqlalchemy import Engine, func, select
from starlette.testclient import TestClient
from webhooks.shop_payloads import CONVERSION_KEY

from afflow.wiring import http_app
from store.db import transaction
from store.models import Attribution, Click
from tools.links import create_links
from workflows.http.redirect import sign_identity

IDENTITY_SECRET = "shop-identity-secret"
BUYER = "775123"


@pytest.fixture
def client(seeded: Engine, tmp_path: Path) -> Iterator[TestClient]:
    settings = front_door_settings(tmp_path / "spool").model_copy(
        update={"identity_secret": SecretStr(IDENTITY_SECRET)}
    )
    app = http_app(engine=seeded, settings=settings, config=app_config(settings))
    with TestClient(app, base_url="https://go.example", follow_redirects=False) as test_client:
        yield test_client


@pytest.fixture
def planter_code(seeded: Engine) -> str:
    with transaction(seeded) as session:
        [link] = create_links(session=session, partner_id="p2", skus=["S1"], public_url="https://go.example")
    return link.code


def click_through(client: TestClient, engine: Engine, code: str, query: str) -> None:
    with transaction(engine) as session:
        before = session.scalar(select(func.count()).select_from(Click)) or 0
    assert client.get(f"/r/{code}?{query}").status_code == 302

    def stored() -> bool:
        with transaction(engine) as session:
            return (session.scalar(select(func.count()).select_from(Click)) or 0) > before

    wait_until(stored, what="the click to be stored")


def order_credit(client: TestClient, engine: Engine, order_id: str, **extra: str) -> tuple[str, str]:
    body = {"order_id": order_id, "customer_id": BUYER, "currency": "USD",
            "lines": [{"sku": "S1", "quantity": 1, "unit_price": "50.00"}], **extra}  # fmt: skip
    response = client.post("/events/conversion", json=body, headers={"Authorization": f"Bearer {CONVERSION_KEY}"})
    assert response.status_code == 200, response.text

    def credited() -> tuple[str, str] | None:
        with transaction(engine) as session:
            row = session.execute(
                select(Attribution.partner_id, Attribution.method).where(Attribution.order_id == order_id)
            ).first()
            return None if row is None else (row[0], row[1])

    wait_until(lambda: credited() is not None, what=f"order {order_id} to be credited")
    found = credited()
    assert found is not None
    return found


def test_a_planted_unsigned_uid_does_not_take_an_order_with_another_partners_coupon(
    client: TestClient, seeded: Engine, planter_code: str
) -> None:
    click_through(client, seeded, planter_code, f"afflow_uid={BUYER}")
    assert order_credit(client, seeded, "theft-1", coupon_code="PAT10") == ("p1", "coupon")


def test_a_wrongly_signed_uid_is_only_a_hint_too(client: TestClient, seeded: Engine, planter_code: str) -> None:
    forged = sign_identity(BUYER, "a guess at the secret")
    click_through(client, seeded, planter_code, f"afflow_uid={BUYER}&afflow_sig={forged}")
    assert order_credit(client, seeded, "theft-2", coupon_code="PAT10") == ("p1", "coupon")
    with transaction(seeded) as session:
        assert session.scalar(select(Click.customer_ref).where(Click.partner_id == "p2")) == f"unverified:{BUYER}"


def test_an_unsigned_uid_still_credits_an_order_nothing_stronger_claims(
    client: TestClient, seeded: Engine, planter_code: str
) -> None:
    click_through(client, seeded, planter_code, f"afflow_uid={BUYER}")
    assert order_credit(client, seeded, "hint-1") == ("p2", "device_hint")


def test_a_uid_the_shop_signed_counts_for_cross_device_above_coupons(
    client: TestClient, seeded: Engine, planter_code: str
) -> None:
    signature = sign_identity(BUYER, IDENTITY_SECRET)
    click_through(client, seeded, planter_code, f"afflow_uid={BUYER}&afflow_sig={signature}")
    assert order_credit(client, seeded, "signed-1", coupon_code="PAT10") == ("p2", "cross_device")
