"""``afflow users add|list|token``: portal accounts and one-time sign-in links issued by an operator.

The portal's pages themselves are served by ``afflow serve`` (``afflow.wiring.routers`` lists them).
"""

from __future__ import annotations

from typing import Any

import typer
from rich.table import Table
from sqlalchemy import select

from afflow.clikit import JsonOption, UserError, cli_actor, console, emit, open_store, settings, user_errors
from store.audit import record
from store.db import transaction
from store.models import PortalUser
from workflows.portal.auth import ROLES, PortalAuthError, create_user, disable_user, find_user, issue_login_token
from workflows.portal.mail import queue_sign_in_email, sign_in_url

users_app = typer.Typer(help="Portal accounts (promoters, managers, finance) and sign-in links.", no_args_is_help=True)


def _user_view(user: PortalUser) -> dict[str, Any]:
    return {"email": user.email, "role": user.role, "partner_id": user.partner_id, "active": user.active}


@users_app.command("add")
def users_add(
    email: str = typer.Argument(..., help="The person's email address (their sign-in identity)."),
    role: str = typer.Option(..., help=f"One of: {', '.join(ROLES)}."),
    partner: str | None = typer.Option(None, help="The partner id a promoter account belongs to."),
    as_json: bool = JsonOption,
) -> None:
    """Add a portal account, or change an existing account's role."""
    with user_errors(as_json=as_json):
        try:
            with transaction(open_store()) as session:
                before = find_user(session=session, email=email)
                previous = before.role if before is not None else None
                view = _user_view(create_user(session=session, email=email, role=role, partner_id=partner))
                record(session=session, actor=cli_actor(), action="portal_role_changed", subject=f"user:{view['email']}",
                       details={"role": view["role"], "previous_role": previous, "partner_id": view["partner_id"]})
        except PortalAuthError as error:
            raise UserError("bad_user", str(error)) from error
        emit(view, as_json=as_json, render=lambda: console.print(f"[green]{view['email']}[/] is a {view['role']}"))


@users_app.command("disable")
def users_disable(
    email: str = typer.Argument(..., help="The account to lock out."), as_json: bool = JsonOption
) -> None:
    """Take away an account's portal access (its open sessions end at once); ``users add`` restores it."""
    with user_errors(as_json=as_json):
        try:
            with transaction(open_store()) as session:
                view = _user_view(disable_user(session=session, email=email))
                record(session=session, actor=cli_actor(), action="portal_user_disabled", subject=f"user:{view['email']}",
                       details={"role": view["role"]})
        except PortalAuthError as error:
            raise UserError("bad_user", str(error)) from error
        emit(view, as_json=as_json, render=lambda: console.print(f"[yellow]{view['email']}[/] can no longer sign in"))


@users_app.command("list")
def users_list(as_json: bool = JsonOption) -> None:
    """Every portal account."""
    with user_errors(as_json=as_json), transaction(open_store()) as session:
        views = [_user_view(user) for user in session.scalars(select(PortalUser).order_by(PortalUser.email))]

    def render() -> None:
        table = Table("email", "role", "partner", "active")
        for view in views:
            table.add_row(view["email"], view["role"], view["partner_id"] or "", str(view["active"]))
        console.print(table)

    emit({"users": views}, as_json=as_json, render=render)


@users_app.command("token")
def users_token(
    email: str = typer.Argument(..., help="The account to sign in."),
    send: bool = typer.Option(False, "--send", help="Also email the link (queued in the outbox)."),
    as_json: bool = JsonOption,
) -> None:
    """Issue a one-time sign-in token (valid 30 minutes) and print it with its link."""
    with user_errors(as_json=as_json):
        public_url = settings().public_url
        with transaction(open_store()) as session:
            user = find_user(session=session, email=email)
            if user is None:
                raise UserError(
                    "unknown_user", f"no active portal account for {email!r}; add it with `afflow users add`"
                )
            token = issue_login_token(session=session, user=user)
            if send:
                queue_sign_in_email(session=session, user=user, token=token, public_url=public_url)
            view = {
                "email": user.email,
                "token": token,
                "url": sign_in_url(public_url=public_url, token=token),
                "emailed": send,
            }
        emit(view, as_json=as_json, render=lambda: console.print(f"sign-in link for {view['email']}: {view['url']}"))


def register(app: typer.Typer) -> None:
    app.add_typer(users_app, name="users")
