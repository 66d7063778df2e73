"""``afflow links create``: tracking links partners share (the same function as the agents' link tool)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer
from rich.table import Table

from afflow.clikit import JsonOption, UserError, console, emit, open_store, settings, user_errors

if TYPE_CHECKING:
    from tools.links import LinkView

links_app = typer.Typer(help="Tracking links partners share.", no_args_is_help=True)


@links_app.command("create")
def links_create(
    partner: str = typer.Option(..., "--partner", help="Partner id the links belong to."),
    sku: list[str] = typer.Option([], "--sku", help="A product SKU (repeatable); none means a landing-page link."),
    all_skus: bool = typer.Option(False, "--all-skus", help="One link for every product."),
    as_json: bool = JsonOption,
) -> None:
    """One link per partner × SKU (or a landing-page link); existing links are returned unchanged."""
    from store.db import transaction
    from tools.links import LinkError, create_links

    with user_errors(as_json=as_json):
        public_url = settings().public_url
        try:
            with transaction(open_store()) as session:
                links = create_links(
                    session=session, partner_id=partner, skus=sku, all_skus=all_skus, public_url=public_url
                )
        except LinkError as error:
            raise UserError(error.code, str(error)) from error
        emit({"links": [link.as_json() for link in links]}, as_json=as_json, render=lambda: _render(links))


def _render(links: list[LinkView]) -> None:
    table = Table("code", "sku", "share url", "destination")
    for link in links[:50]:
        table.add_row(link.code, link.sku or "(landing)", link.url, link.destination)
    console.print(table)
    if len(links) > 50:
        console.print(f"… and {len(links) - 50} more (use --json for all)")


def register(app: typer.Typer) -> None:
    app.add_typer(links_app, name="links")
