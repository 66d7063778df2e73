"""The read side of ``/api/v1``: pages, filters, money as decimal strings, the CLI's views, 404 and 400."""

from __future__ import annotations

from typing import Any

from starlette.testclient import TestClient

from tests.api.conftest import MakeKey, bearer


def all_pages(client: TestClient, path: str, key: str, **params: Any) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    cursor = None
    while True:
        response = client.get(path, headers=bearer(key), params={**params, **({"cursor": cursor} if cursor else {})})
        assert response.status_code == 200, response.text
        rows += response.json()["data"]
        cursor = response.json()["next_cursor"]
        if cursor is None:
            return rows


def test_partners_come_in_pages_that_neither_skip_nor_repeat(client: TestClient, make_key: MakeKey) -> None:
    key = make_key("read")
    first = client.get("/api/v1/partners", headers=bearer(key), params={"limit": 2}).json()
    assert [p["id"] for p in first["data"]] == ["p1", "p2"]
    assert first["next_cursor"] is not None
    assert [p["id"] for p in all_pages(client, "/api/v1/partners", key, limit=2)] == ["p1", "p2", "p3"]


def test_commissions_are_decimal_strings_filtered_by_partner_status_and_time(
    client: TestClient, make_key: MakeKey
) -> None:
    key = make_key("read")
    rows = all_pages(client, "/api/v1/commissions", key, limit=1)
    assert [(c["order_id"], c["partner_id"], c["amount"], c["status"]) for c in rows] == [
        ("o1", "p1", "4.00", "pending"), ("o2", "p2", "1.00", "pending"), ("o3", "p1", "3.00", "pending"),
    ]  # fmt: skip
    assert rows[0]["order_ts"] == "2026-03-01T10:00:00+00:00"
    by_partner = all_pages(client, "/api/v1/commissions", key, partner_id="p1")
    assert [c["order_id"] for c in by_partner] == ["o1", "o3"]
    in_window = all_pages(client, "/api/v1/commissions", key, **{"from": "2026-03-05", "to": "2026-03-09T10:00:00Z"})
    assert [c["order_id"] for c in in_window] == ["o2"]
    assert all_pages(client, "/api/v1/commissions", key, status="paid") == []


def test_balances_are_the_cli_view(client: TestClient, make_key: MakeKey) -> None:
    response = client.get("/api/v1/ledger/balances", headers=bearer(make_key("read")))
    assert response.json() == {
        "currency": "USD",
        "partners": [
            {"partner_id": "p1", "pending": "7.00", "locked": "0.00", "paid": "0.00", "clawback": "0.00"},
            {"partner_id": "p2", "pending": "1.00", "locked": "0.00", "paid": "0.00", "clawback": "0.00"},
        ],
    }


def test_a_partner_shows_its_balance_and_metrics(client: TestClient, make_key: MakeKey) -> None:
    key = make_key("read")
    partner = client.get("/api/v1/partners/p1", headers=bearer(key)).json()
    assert partner["name"] == "Pat Lee" and partner["balance"]["pending"] == "7.00"
    metrics = client.get("/api/v1/partners/p1/metrics", headers=bearer(key), params={"as_of": "2026-03-10"}).json()
    [row] = metrics["partners"]
    assert (row["partner_id"], row["orders"], row["revenue"], row["commission"]) == ("p1", 2, "70.00", "7.00")


def test_scores_fraud_and_payouts_answer(client: TestClient, make_key: MakeKey) -> None:
    key = make_key("read")
    scores = client.get("/api/v1/scores", headers=bearer(key)).json()
    assert {p["partner_id"] for p in scores["partners"]} >= {"p1", "p2"}
    fraud = client.get("/api/v1/fraud/findings", headers=bearer(key), params={"partner_id": "p1"}).json()
    assert all(f["partner_id"] == "p1" for f in fraud["findings"])
    assert client.get("/api/v1/payouts", headers=bearer(key)).json() == {"data": [], "next_cursor": None}


def test_unknown_things_are_404_and_a_forged_cursor_400(client: TestClient, make_key: MakeKey) -> None:
    key = make_key("read")
    for path in ("/api/v1/partners/nobody", "/api/v1/partners/nobody/metrics", "/api/v1/payouts/99",
                 "/api/v1/proposals/99"):  # fmt: skip
        response = client.get(path, headers=bearer(key))
        assert response.status_code == 404, path
        assert response.json()["error"]["code"] == "not_found"
    forged = client.get("/api/v1/commissions", headers=bearer(key), params={"cursor": "czpwMQ"})  # a partner cursor
    assert forged.status_code == 400
    assert forged.json()["error"]["code"] == "bad_cursor"


def test_a_bad_parameter_is_422_naming_it(client: TestClient, make_key: MakeKey) -> None:
    key = make_key("read")
    response = client.get("/api/v1/commissions", headers=bearer(key), params={"status": "lost", "limit": 0})
    assert response.status_code == 422
    fields = {p["field"] for p in response.json()["error"]["details"]["problems"]}
    assert fields == {"query.status", "query.limit"}
    bad_time = client.get("/api/v1/commissions", headers=bearer(key), params={"from": "yesterday"})
    assert bad_time.status_code == 422 and bad_time.json()["error"]["details"] == {"field": "from"}


def test_the_openapi_document_and_docs_are_served(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert {"/api/v1/partners", "/api/v1/commissions", "/api/v1/proposals", "/api/v1/links"} <= set(spec["paths"])
    assert "403" in spec["paths"]["/api/v1/links"]["post"]["responses"]
    assert "swagger" in client.get("/docs").text.lower()
