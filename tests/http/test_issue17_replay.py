"""Issue 17's reproductions not yet replayed against a real ``afflow serve`` (subprocess), SQLite and PostgreSQL.

One server per backend, set up through the installed CLI, then plain HTTP: the remaining hostile orders (a
negative Shopify price, Shopify year 9999, quantities beyond the bound, a negative WooCommerce total, a negative
Stripe unit amount, a postback price beyond the bound, a currency that is no code, a negative postback refund)
answer 400 with the reason and queue nothing; a WooCommerce order whose id is an earlier Shopify order's books
too, and its refund reverses only its own commission; ``HEAD /r/`` records no click; a planted ``afflow_uid``
does not take an order carrying another partner's exclusive coupon; ``/slack/actions`` refuses a 150 MB body
before reading it and answers 400 to signed actions on proposal ids beyond the id range; the portal answers 422 for ids beyond 64 bits and 400 for year-9999 statements, limits
sign-in mails per address and per client, and allows no inline script. Nothing logs a traceback.
"""

from __future__ import annotations

import json
import re
import socket
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
from fakes.slack_payloads import SECRET as SLACK_SECRET
from fakes.slack_payloads import block_actions, sign, view_submission
from serve_process import ServeProcess, afflow_json
from sqlalchemy import Engine, func, select
from webhooks.shop_payloads import (
    CONVERSION_KEY,
    SHOPIFY_SECRET,
    STRIPE_SECRET,
    WOO_SECRET,
    body_of,
    shopify_headers,
    shopify_order,
    stripe_event,
    stripe_headers,
    stripe_session,
    woo_headers,
    woo_order,
)

from store.db import transaction
from store.ledger import balances
from store.models import Click, InboxEvent, OutboxMessage

PARTNERS = (
    "partner_id,name,email,channel,audience_size,engagement_rate,ref_code,coupon_code\n"
    "p1,Pat Lee,pat@example.com,youtube,12000,0.05,PATREF,\n"
    "p2,Sam Roe,sam@example.com,blog,3000,0.02,SAMREF,\n"
    "p-alice,Alice Reviews,alice@example.com,youtube,120000,0.05,ALICE,\n"
)
PRODUCTS = "sku,title,price,unit_cost,stock,stock_target,category\nS1,Shirt,20.00,8.00,100,100,apparel\nS2,Hat,10.00,3.00,50,50,apparel\n"
COUPONS = "code,partner_id,exclusive\nPAT10,p1,true\n"
BEYOND_64_BITS = "99999999999999999999"
CONVERSION = {"Authorization": f"Bearer {CONVERSION_KEY}", "Content-Type": "application/json"}


def wait_until(predicate: Callable[[], bool], *, what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)


def pending(engine: Engine, partner_id: str) -> int:
    with transaction(engine) as session:
        return sum(balance.pending for balance in balances(session=session, partner_id=partner_id))


def count(engine: Engine, model: type[Click] | type[InboxEvent]) -> int:
    with transaction(engine) as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def postback(**change: Any) -> bytes:
    base = {
        "order_id": "x1",
        "customer_id": "c1",
        "currency": "USD",
        "lines": [{"sku": "S1", "quantity": 1, "unit_price": "5.00"}],
    }
    return json.dumps(base | change).encode()


def hostile_orders() -> Iterator[tuple[str, bytes, dict[str, str], str]]:
    """(path, body, headers, a fragment of the 400's reason) for the probe inputs test_serve_hostile leaves out."""
    line = {"id": 1, "sku": "S1", "quantity": 1, "price": "-5.00", "discount_allocations": []}
    for body, fragment in (
        (body_of(shopify_order(order_id=8001, line_items=[line])), "negative"),
        (body_of(shopify_order(order_id=8002, processed_at="9999-12-31T23:59:59-05:00")), "outside 2000..2099"),
        (
            body_of(shopify_order(order_id=8003, line_items=[line | {"price": "1.00", "quantity": 10**6 + 1}])),
            "quantity",
        ),
    ):
        yield "/webhooks/shopify", body, shopify_headers(body, "orders/paid"), fragment
    woo = woo_order(order_id=8004)
    woo["line_items"][0]["total"] = "-10.00"
    woo_body = body_of(woo)
    yield "/webhooks/woocommerce", woo_body, woo_headers(woo_body, "order.updated"), "negative"
    lines = json.dumps([{"sku": "S1", "quantity": 1, "unit_amount": -500}])
    stripe_body = body_of(stripe_event("checkout.session.completed", stripe_session(metadata={"afflow_lines": lines})))
    yield "/webhooks/stripe", stripe_body, stripe_headers(stripe_body), "negative"
    huge = [{"sku": "S1", "quantity": 1, "unit_price": "99999999999999999.99"}]
    yield "/events/conversion", postback(order_id="x2", lines=huge), CONVERSION, "exceeds the limit"
    yield "/events/conversion", postback(order_id="x3", currency="US$"), CONVERSION, "currency"
    refund = {"kind": "refund", "refund_id": "r1", "order_id": "x1", "amount": "-3.00"}
    yield "/events/conversion", json.dumps(refund).encode(), CONVERSION, "negative"


def declared_body_status(port: int, path: str, length: int) -> str:
    """The status line answered to a POST declaring ``length`` bytes of which only a few are ever sent (an HTTP
    client library refuses to lie about Content-Length, so this speaks HTTP/1.1 itself)."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as connection:
        connection.sendall(f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded"
                           f"\r\nContent-Length: {length}\r\n\r\npayload=".encode())  # fmt: skip
        return connection.recv(4096).decode(errors="replace").split("\r\n", 1)[0]


def portal_client(base_url: str, link: str) -> httpx.Client:
    client = httpx.Client(base_url=base_url, timeout=60)
    confirm = client.get(link)
    fields = dict(re.findall(r'name="(csrf_token|token)" value="([^"]+)"', confirm.text))
    assert client.post("/portal/signin", data=fields).status_code == 303
    return client


def test_issue_17_reproductions_against_afflow_serve(engine: Engine, db_url: str, tmp_path: Path) -> None:
    env = {
        "AFFLOW_DATABASE_URL": db_url, "AFFLOW_SPOOL_DIR": str(tmp_path / "spool"),
        "AFFLOW_OUTPUT_DIR": str(tmp_path / "out"), "AFFLOW_SCHEDULER_ENABLED": "false",
        "AFFLOW_SHOPIFY_SECRET": SHOPIFY_SECRET, "AFFLOW_WOOCOMMERCE_SECRET": WOO_SECRET,
        "AFFLOW_STRIPE_SECRET": STRIPE_SECRET, "AFFLOW_CONVERSION_API_KEY": CONVERSION_KEY,
        "AFFLOW_SLACK_BOT_TOKEN": "xoxb-test", "AFFLOW_SLACK_SIGNING_SECRET": SLACK_SECRET,
        "AFFLOW_SLACK_APPROVAL_CHANNEL": "C0APPROVALS", "AFFLOW_SLACK_APPROVERS": "U0BOSS",
        "AFFLOW_SLACK_API_URL": "http://127.0.0.1:9/api/",
    }  # fmt: skip
    server = ServeProcess(env=env, log_path=tmp_path / "serve.log")
    env["AFFLOW_PUBLIC_URL"] = server.base_url
    server.env = env
    for kind, text in (("partners", PARTNERS), ("products", PRODUCTS), ("coupons", COUPONS)):
        (tmp_path / f"{kind}.csv").write_text(text, encoding="utf-8")
        afflow_json(env, "import", kind, str(tmp_path / f"{kind}.csv"), cwd=tmp_path)
    [planter] = afflow_json(env, "links", "create", "--partner", "p2", "--sku", "S1", cwd=tmp_path)["links"]
    for email, role, partner in (("alice@example.com", "promoter", "p-alice"), ("manager@brand.example", "manager", None),
                                 ("finance@brand.example", "finance", None)):  # fmt: skip
        afflow_json(
            env, "users", "add", email, "--role", role, *(["--partner", partner] if partner else []), cwd=tmp_path
        )
    tried = refused = 0
    try:
        server.start()
        http = httpx.Client(base_url=server.base_url, timeout=60)

        # hostile orders: 400 with the reason, nothing queued
        for path, body, headers, fragment in hostile_orders():
            response = http.post(path, content=body, headers=headers)
            tried += 1
            assert response.status_code == 400 and fragment in response.json()["error"]["message"], (
                path,
                response.text,
            )
            refused += 1
        assert count(engine, InboxEvent) == 0

        # order ids per store: WooCommerce 7300 after Shopify 7300 books too; its refund touches only its own order
        shop = body_of(shopify_order(order_id=7300, landing_site="/products/S1?ref=PATREF"))
        assert (
            http.post("/webhooks/shopify", content=shop, headers=shopify_headers(shop, "orders/paid")).json()["new"]
            == 1
        )
        woo = woo_order(order_id=7300, meta_data=[{"key": "afflow_ref", "value": "SAMREF"}])
        woo_body = body_of(woo)
        assert (
            http.post("/webhooks/woocommerce", content=woo_body, headers=woo_headers(woo_body, "order.updated")).json()[
                "new"
            ]
            == 1
        )
        wait_until(lambda: pending(engine, "p1") == 500 and pending(engine, "p2") == 500, what="both 7300s booked")
        refunded = body_of(woo | {"refunds": [{"id": 91, "total": "-10.00"}]})
        http.post("/webhooks/woocommerce", content=refunded, headers=woo_headers(refunded, "order.updated"))
        wait_until(lambda: pending(engine, "p2") == 400, what="the Woo refund reversed on Woo's own order")
        assert pending(engine, "p1") == 500
        tried += 3

        # HEAD /r/ records nothing; the planted afflow_uid is only a hint below p1's exclusive coupon
        head = http.head(f"/r/{planter['code']}")
        assert head.status_code == 302 and "afflow_cid" not in head.headers["location"]
        planted = http.get(f"/r/{planter['code']}?afflow_uid=buyer-775123", follow_redirects=False)
        assert planted.status_code == 302
        wait_until(lambda: count(engine, Click) == 1, what="the planted click")
        order = postback(order_id="theft-1", customer_id="buyer-775123", coupon_code="PAT10")
        assert http.post("/events/conversion", content=order, headers=CONVERSION).json()["new"] == 1
        wait_until(lambda: pending(engine, "p1") == 550, what="p1 credited by its coupon")
        assert pending(engine, "p2") == 400 and count(engine, Click) == 1
        tried += 2

        # /slack/actions: a 150 MB body is refused before it is read or its signature checked
        assert declared_body_status(server.port, "/slack/actions", 150 * 1024 * 1024).startswith("HTTP/1.1 413")
        for proposal_id in (10**20, 2**31):  # signed by Slack, from an approver, for an id beyond the id columns
            body = block_actions(user="U0BOSS", action="approve", proposal_id=proposal_id, ts="1.2")
            assert http.post("/slack/actions", content=body, headers=sign(body)).status_code == 400
        body = view_submission(user="U0BOSS", proposal_id=10**20, ts="1.2", reason="not a fit")
        assert http.post("/slack/actions", content=body, headers=sign(body)).status_code == 400
        tried, refused = tried + 4, refused + 4

        # portal: ids beyond 64 bits, year 9999, CSP
        finance = portal_client(
            server.base_url, afflow_json(env, "users", "token", "finance@brand.example", cwd=tmp_path)["url"]
        )
        assert finance.get(f"/portal/finance/batches/{BEYOND_64_BITS}.csv").status_code == 422
        statement = finance.get(
            "/portal/partners/p-alice/statement.pdf", params={"start": "2026-01-01", "end": "9999-12-31"}
        )
        assert statement.status_code == 400 and "outside 2000..2099" in statement.text
        manager = portal_client(
            server.base_url, afflow_json(env, "users", "token", "manager@brand.example", cwd=tmp_path)["url"]
        )
        assert manager.get(f"/portal/manager/reports/{BEYOND_64_BITS}").status_code == 422
        alice = portal_client(
            server.base_url, afflow_json(env, "users", "token", "alice@example.com", cwd=tmp_path)["url"]
        )
        page = alice.get("/portal/partners/p-alice")
        script_src = [p.strip() for p in page.headers["content-security-policy"].split(";") if "script-src" in p]
        assert script_src == ["script-src 'self'"] and "<script>" not in page.text
        tried, refused = tried + 4, refused + 3

        # sign-in mails: at most 5 an hour per address, and a client is refused (429) after its 20 requests
        visitor = httpx.Client(base_url=server.base_url, timeout=60)
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', visitor.get("/portal/login").text).group(1)  # type: ignore[union-attr]
        statuses = [visitor.post("/portal/login", data={"email": "alice@example.com", "csrf_token": csrf}).status_code
                    for _ in range(8)]  # fmt: skip
        statuses += [visitor.post("/portal/login", data={"email": f"nobody{i}@example.com", "csrf_token": csrf}).status_code
                     for i in range(14)]  # fmt: skip
        assert statuses[:20] == [200] * 20 and statuses[20:] == [429, 429], statuses
        with transaction(engine) as session:
            mails = session.scalar(
                select(func.count()).select_from(OutboxMessage).where(OutboxMessage.kind == "sign_in")
            )
        assert mails == 4  # five links an hour for alice: the one `afflow users token` issued above, four mailed
        tried, refused = tried + 22, refused + 5
    finally:
        server.kill_if_running()
    assert "Traceback" not in server.log(), server.log()
    print(f"issue 17 replay: {tried} tried, {refused} refused")
