"""Portal fixtures: a small program imported through the CSV importer, accounts made through the same
service the ``afflow users`` CLI calls, and a test client that signs in exactly as a browser does.

The app is ``afflow serve``'s, composed by ``afflow.wiring.http_app`` from ``portal_settings`` (a test that
needs Stripe or other settings overrides that fixture)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from starlette.types import ASGIApp

from afflow.settings import Settings
from afflow.wiring import http_app
from store.db import transaction
from tests.fakes.stripe_server import stripe_server  # noqa: F401  (a fixture for the portal's tests)
from workflows.booking.lifecycle import reconcile
from workflows.importing.importer import import_csv
from workflows.portal.auth import create_user, find_user, issue_login_token

PARTNERS_CSV = """partner_id,name,email,channel,audience_size,engagement_rate,ref_code,coupon_code
p-alice,Alice Reviews,alice@example.com,youtube,120000,0.05,ALICE,ALICE10
p-bob,Bob Deals,bob@example.com,blog,8000,0.02,BOB,BOB10
"""
PRODUCTS_CSV = """sku,title,price,unit_cost,stock,stock_target,category
SKU-1,Trail shoe,120.00,50.00,40,30,shoes
SKU-2,Rain jacket,80.00,30.00,500,100,outerwear
"""
USERS = {
    "alice@example.com": ("promoter", "p-alice"),
    "bob@example.com": ("promoter", "p-bob"),
    "manager@brand.example": ("manager", None),
    "finance@brand.example": ("finance", None),
}


def import_text(engine: Engine, tmp_path: Path, kind: str, text: str) -> None:
    path = tmp_path / f"{kind}.csv"
    path.write_text(text)
    with transaction(engine) as session:
        import_csv(session=session, kind=kind, path=path)


def seed_program(engine: Engine, tmp_path: Path) -> Engine:
    """Two partners and two products through the CSV importer, and one portal account per role."""
    import_text(engine, tmp_path, "partners", PARTNERS_CSV)
    import_text(engine, tmp_path, "products", PRODUCTS_CSV)
    with transaction(engine) as session:
        for email, (role, partner_id) in USERS.items():
            create_user(session=session, email=email, role=role, partner_id=partner_id)
    return engine


@pytest.fixture
def program(engine: Engine, tmp_path: Path) -> Engine:
    return seed_program(engine, tmp_path)


def portal_test_settings(tmp_path: Path, **overrides: object) -> Settings:
    """Settings for a portal test: links and cookies for the test client's host, the spool in ``tmp_path``."""
    values: dict[str, object] = {"public_url": "http://testserver", "spool_dir": str(tmp_path / "spool"), **overrides}
    return Settings(**values)  # type: ignore[arg-type]


@pytest.fixture
def portal_settings(tmp_path: Path) -> Settings:
    return portal_test_settings(tmp_path)


@pytest.fixture
def app(program: Engine, portal_settings: Settings) -> ASGIApp:
    return http_app(engine=program, settings=portal_settings)


@pytest.fixture
def client(app: ASGIApp) -> Iterator[TestClient]:
    # Not entered as a context manager: the app's lifespan (click writer, inbox worker) stays off, so the inbox
    # worker never books the orders a fixture is still importing; the portal's routes need neither.
    test_client = TestClient(app, follow_redirects=False)
    yield test_client
    test_client.close()


def login_csrf(client: TestClient) -> str:
    page = client.get("/portal/login")
    match = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert match, page.text
    return match.group(1)


def csrf_of(html: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, html
    return match.group(1)


def new_token(engine: Engine, email: str) -> str:
    with transaction(engine) as session:
        user = find_user(session=session, email=email)
        assert user is not None
        return issue_login_token(session=session, user=user)


def sign_in(client: TestClient, engine: Engine, email: str) -> str:
    """Sign in with a fresh one-time token; returns the session's CSRF token (read from the page)."""
    csrf = login_csrf(client)
    response = client.post("/portal/signin", data={"token": new_token(engine, email), "csrf_token": csrf})
    assert response.status_code == 303, response.text
    home = client.get(response.headers["location"])
    assert home.status_code == 200, home.text
    return csrf_of(home.text)


def _iso(ts: datetime) -> str:
    return ts.isoformat()


@pytest.fixture
def booked(program: Engine, tmp_path: Path) -> Engine:
    return seed_bookings(program, tmp_path)


def seed_bookings(program: Engine, tmp_path: Path) -> Engine:
    """Orders booked through the importer and ingest: Alice has 2 old orders (locked after reconcile) and a
    recent one (pending); Bob has one old order. Commission is the default 10%."""
    now = datetime.now(UTC)
    old, recent = now - timedelta(days=45), now - timedelta(days=3)
    clicks = ["click_id,ts,partner_id,ip,user_agent,referrer,landing_url,sku,customer_ref"]
    clicks += [
        f"c-a{i},{_iso(recent - timedelta(hours=i))},p-alice,203.0.113.{i},Mozilla/5.0,https://youtube.com,,SKU-1,"
        for i in range(8)
    ]
    clicks += [
        f"c-b{i},{_iso(recent - timedelta(hours=i))},p-bob,198.51.100.{i},Mozilla/5.0,https://blog,,SKU-2,"
        for i in range(4)
    ]
    import_text(program, tmp_path, "clicks", "\n".join(clicks) + "\n")
    orders = [
        "order_id,ts,customer_id,click_id,ref_code,coupon_code,currency,sku,quantity,unit_price",
        f"o-1,{_iso(old)},cust-1,,ALICE,,USD,SKU-1,1,120.00",
        f"o-2,{_iso(old + timedelta(hours=2))},cust-2,,ALICE,,USD,SKU-2,2,80.00",
        f"o-3,{_iso(recent)},cust-3,c-a1,,,USD,SKU-1,1,120.00",
        f"o-4,{_iso(old)},cust-4,,BOB,,USD,SKU-2,1,80.00",
    ]
    import_text(program, tmp_path, "orders", "\n".join(orders) + "\n")
    with transaction(program) as session:
        reconcile(session=session, as_of=now)
    return program
