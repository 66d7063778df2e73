"""Promoter: its numbers, trend chart, links (with a copy button and a form for any SKU), briefs and
nudges to download, payout history, statements."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from store.db import transaction
from store.models import TrackingLink
from tests.portal.conftest import sign_in
from tools.outbox import queue_message


def test_dashboard_shows_the_promoters_numbers_and_balances(client: TestClient, booked: Engine) -> None:
    sign_in(client, booked, "alice@example.com")
    page = client.get("/portal/partners/p-alice").text
    assert re.search(r'id="m-clicks">8<', page)
    assert re.search(r'id="m-orders">1<', page)  # o-3 is inside the last 30 days; o-1 and o-2 are older
    assert re.search(r'id="m-conversion">12.50%<', page)
    assert re.search(r'id="m-epc">1.50<', page)  # 12.00 commission / 8 clicks
    assert re.search(r'id="bal-pending">12.00<', page) and re.search(r'id="bal-locked">28.00<', page)
    assert "<svg" in page and "Daily clicks and commission" in page
    assert "Bob Deals" not in page


def test_making_a_link_for_a_sku_lists_it_with_a_copy_button(client: TestClient, booked: Engine) -> None:
    csrf = sign_in(client, booked, "alice@example.com")
    made = client.post("/portal/partners/p-alice/links", data={"sku": "SKU-2", "csrf_token": csrf})
    assert made.status_code == 303
    with transaction(booked) as session:
        link = session.scalars(select(TrackingLink).where(TrackingLink.partner_id == "p-alice")).one()
    assert link.sku == "SKU-2"
    page = client.get("/portal/partners/p-alice").text
    assert f'data-url="http://testserver/r/{link.code}"' in page and '<script src="/portal/portal.js"' in page
    assert "navigator.clipboard.writeText" in client.get("/portal/portal.js").text  # no inline script (CSP)
    again = client.post("/portal/partners/p-alice/links", data={"sku": "SKU-2", "csrf_token": csrf})
    assert again.status_code == 303
    unknown = client.post("/portal/partners/p-alice/links", data={"sku": "NOPE", "csrf_token": csrf})
    assert unknown.status_code == 400
    with transaction(booked) as session:
        assert len(session.scalars(select(TrackingLink)).all()) == 1


def test_briefs_are_listed_and_downloadable_only_by_their_partner(client: TestClient, booked: Engine) -> None:
    with transaction(booked) as session:
        for partner, email in (("p-alice", "alice@example.com"), ("p-bob", "bob@example.com")):
            queue_message(
                session=session,
                dedupe_key=f"brief:{partner}",
                channel="email",
                recipient=email,
                kind="brief",
                subject=f"Your brief, {partner}",
                body_text="Push the trail shoe this week.",
                body_html="<p>Push the <b>trail shoe</b> this week.</p>",
                partner_id=partner,
            )
    sign_in(client, booked, "alice@example.com")
    page = client.get("/portal/partners/p-alice").text
    assert "Your brief, p-alice" in page and "Your brief, p-bob" not in page
    link = re.search(r'href="(/portal/partners/p-alice/messages/\d+)"', page)
    assert link
    download = client.get(link.group(1))
    assert download.status_code == 200 and "attachment" in download.headers["content-disposition"]
    assert "<b>trail shoe</b>" in download.text
    bob_message = int(link.group(1).rsplit("/", 1)[1]) + 1
    assert client.get(f"/portal/partners/p-alice/messages/{bob_message}").status_code == 404
    assert client.get(f"/portal/partners/p-bob/messages/{bob_message}").status_code == 404
