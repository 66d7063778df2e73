"""``afflow privacy export|erase``: a customer's data on request, and erasure of a customer or an offboarded partner.

Erasure replaces personal fields with tombstones (``workflows.privacy``); amounts, attributions, commissions
and the ledger stay as booked. Each export and erasure is a row in the audit log.
"""

from __future__ import annotations

from typing import Any

import typer
from rich.table import Table

from afflow.clikit import JsonOption, UserError, cli_actor, console, emit, open_store, user_errors

privacy_app = typer.Typer(help="Export or erase a customer's personal data; erase an offboarded partner's.")


@privacy_app.command("export")
def export(
    customer: str = typer.Option(..., "--customer", help="The customer id as the shop sends it (orders' customer_id)."),
    as_json: bool = JsonOption,
) -> None:
    """Everything stored about one customer: orders, refunds, credit, checkout signals and clicks."""
    from store.db import transaction
    from workflows.privacy.customer import UnknownSubject, export_customer

    with user_errors(as_json=as_json):
        try:
            with transaction(open_store()) as session:
                document = export_customer(session=session, customer_id=customer, actor=cli_actor())
        except UnknownSubject as error:
            raise UserError("unknown_customer", str(error)) from None
        emit(document, as_json=as_json, render=lambda: _render_export(document))


@privacy_app.command("erase")
def erase(
    customer: str | None = typer.Option(None, "--customer", help="Erase this customer (orders' customer_id)."),
    partner: str | None = typer.Option(None, "--partner", help="Erase this offboarded partner's personal data."),
    as_json: bool = JsonOption,
) -> None:
    """Replace a customer's (or an offboarded partner's) personal fields with tombstones; the ledger is untouched."""
    from datetime import UTC, datetime

    from store.db import transaction
    from workflows.privacy.customer import NotErasable, UnknownSubject, erase_customer
    from workflows.privacy.partner import erase_partner

    with user_errors(as_json=as_json):
        if (customer is None) == (partner is None):
            raise UserError("bad_option", "give exactly one of --customer or --partner")
        try:
            with transaction(open_store()) as session:
                if customer is not None:
                    done: dict[str, Any] = {"erased": "customer"}
                    result = erase_customer(session=session, customer_id=customer, actor=cli_actor())
                    done |= {"tombstone": result.tombstone, "orders": result.orders, "clicks": result.clicks,
                             "order_signals": result.order_signals, "payloads": result.payloads}  # fmt: skip
                else:
                    assert partner is not None
                    erased = erase_partner(session=session, partner_id=partner, actor=cli_actor(), now=datetime.now(UTC))
                    done = {"erased": "partner", "partner_id": erased.partner_id, "applications": erased.applications,
                            "portal_users": erased.portal_users, "messages": erased.messages,
                            "content": erased.content}  # fmt: skip
        except UnknownSubject as error:
            raise UserError("unknown_customer" if customer is not None else "unknown_partner", str(error)) from None
        except NotErasable as error:
            raise UserError("not_offboarded", str(error)) from None
        emit(done, as_json=as_json, render=lambda: console.print(
            ", ".join(f"{key} {value}" for key, value in done.items())))  # fmt: skip


def _render_export(document: dict[str, Any]) -> None:
    table = Table("order", "time", "total", "credited to")
    for order in document["orders"]:
        credit = order["credited_to"]
        table.add_row(order["order_id"], order["ts"][:19], f"{order['total']} {order['currency']}",
                      f"{credit['partner_id']} ({credit['method']})" if credit else "—")  # fmt: skip
    console.print(table)
    console.print(f"{len(document['refunds'])} refunds, {len(document['order_signals'])} checkout signals, "
                  f"{len(document['clicks'])} clicks; --json for every field")  # fmt: skip


def register(app: typer.Typer) -> None:
    app.add_typer(privacy_app, name="privacy")
