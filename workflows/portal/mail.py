"""Sign-in links travel by email through the outbox, like every other message afflow sends."""

from __future__ import annotations

from sqlalchemy.orm import Session

from store.models import PortalUser
from tools.outbox import queue_message
from workflows.portal.auth import digest


def sign_in_url(*, public_url: str, token: str) -> str:
    return f"{public_url.rstrip('/')}/portal/signin?token={token}"


def queue_sign_in_email(*, session: Session, user: PortalUser, token: str, public_url: str) -> None:
    """Queue the one-time link; the dedupe key derives from the token's hash, never the token itself."""
    link = sign_in_url(public_url=public_url, token=token)
    queue_message(
        session=session,
        dedupe_key=f"portal-sign-in:{digest(token)[:32]}",
        channel="email",
        recipient=user.email,
        kind="sign_in",
        subject="Your afflow sign-in link",
        body_text=(
            f"Sign in to the afflow portal with this one-time link (valid 30 minutes):\n\n{link}\n\n"
            "If you did not ask for it, ignore this email."
        ),
        body_html=(
            f'<p>Sign in to the afflow portal with this one-time link (valid 30 minutes):</p><p><a href="{link}">'
            "Sign in</a></p><p>If you did not ask for it, ignore this email.</p>"
        ),
        partner_id=user.partner_id,
    )
