"""``afflow orders void``: correct a booked order with new ledger entries (``workflows.booking.corrections``).

Nothing booked is changed: a void reverses what remains of the order's commissions (from pending or
locked, or as a clawback netted from the partner's next payout once paid), marks the order voided and
writes an audit row (``cli:<login>``, the reason). Replacing an order's content is ``afflow import orders
FILE --replace``. Money in JSON is a decimal string in the program currency.
"""

from __future__ import annotations

from typing import Any

import typer

from afflow.clikit import JsonOption, UserError, cli_actor, console, emit, open_store, user_errors
from store.money import format_money

orders_app = typer.Typer(help="Correct booked orders: void one (new ledger entries, audited).", no_args_is_help=True)


@orders_app.command("void")
def void(
    order_id: str = typer.Argument(..., help="The order's id as its store sent it."),
    reason: str = typer.Option(..., "--reason", help="Why the order is void (kept in the audit log)."),
    source: str | None = typer.Option(
        None, "--source", help="The store the order came from (shopify, csv, ...), needed when two stores share the id."
    ),
    as_json: bool = JsonOption,
) -> None:
    """Void a booked order: reverse its commissions as new entries (a clawback once paid); voiding twice does nothing."""
    from datetime import UTC, datetime

    from store.db import ensure_program, transaction
    from workflows.booking.corrections import CorrectionRefused, void_order

    with user_errors(as_json=as_json):
        try:
            with transaction(open_store()) as session:
                currency = ensure_program(session).currency
                result = void_order(
                    session=session, order_id=order_id, source=source, reason=reason, actor=cli_actor(),
                    now=datetime.now(UTC),
                )  # fmt: skip
        except CorrectionRefused as refused:
            raise UserError(refused.code, str(refused)) from None
        view: dict[str, Any] = {
            "order_id": result.order_id,
            "source": result.source,
            "already_void": result.already_void,
            "voided_at": result.voided_at.isoformat(),
            "reason": result.reason,
            "reversed": format_money(result.reversed_cents, currency),
            "clawback": format_money(result.clawback_cents, currency),
            "currency": currency,
            "ref": result.ref,
        }
        emit(view, as_json=as_json, render=lambda: _render(view))


def _render(view: dict[str, Any]) -> None:
    order = f"order {view['order_id']} ({view['source']})"
    if view["already_void"]:
        console.print(
            f"{order} is already void since {view['voided_at'][:10]} ({view['reason']}); nothing was written",
            highlight=False,
        )
        return
    clawback = view["clawback"]
    netted = f", of it {clawback} as a clawback netted from the next payout" if clawback.strip("0.") else ""
    console.print(
        f"[green]voided[/] {order}: {view['reversed']} {view['currency']} of commission reversed{netted}",
        highlight=False,
    )


def register(app: typer.Typer) -> None:
    app.add_typer(orders_app, name="orders")
