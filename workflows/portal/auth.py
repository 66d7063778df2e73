"""Portal accounts, one-time sign-in tokens, sessions and CSRF tokens.

Secrets never rest in the database: sign-in tokens and session ids are random 256-bit values handed to
the user once; only their SHA-256 is stored. A sign-in token is redeemed at most once (one conditional
UPDATE, so two browsers racing for the same link cannot both win) and expires after ``LOGIN_TOKEN_TTL``.
Each session carries its own CSRF token that every form must echo back.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from store.models import Partner, PortalLoginToken, PortalSession, PortalUser, utcnow

ROLES = ("promoter", "manager", "finance")
LOGIN_TOKEN_TTL = timedelta(minutes=30)
SIGN_IN_MAILS_PER_HOUR = 5  # per address, counted in the database (holds across replicas)
SESSION_TTL = timedelta(hours=12)


class PortalAuthError(ValueError):
    """A portal account request that cannot be honoured (unknown role, missing partner, duplicate email...)."""


@dataclass(frozen=True, slots=True)
class Viewer:
    """Who is looking at a page: the signed-in user and what the session allows."""

    user_id: int
    email: str
    role: str
    partner_id: str | None
    csrf_token: str

    def can_see_partner(self, partner_id: str) -> bool:
        return self.role in ("manager", "finance") or self.partner_id == partner_id


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def tokens_match(expected: str, given: str) -> bool:
    return hmac.compare_digest(expected.encode(), given.encode())


def normalize_email(email: str) -> str:
    cleaned = email.strip().lower()
    if "@" not in cleaned or cleaned.startswith("@") or cleaned.endswith("@") or len(cleaned) > 320:
        raise PortalAuthError(f"{email!r} is not an email address")
    return cleaned


def create_user(*, session: Session, email: str, role: str, partner_id: str | None = None) -> PortalUser:
    """Add (or update the role of) a portal user. A promoter must name an existing partner; others must not."""
    address = normalize_email(email)
    if role not in ROLES:
        raise PortalAuthError(f"role must be one of {', '.join(ROLES)}, not {role!r}")
    if role == "promoter":
        if not partner_id:
            raise PortalAuthError("a promoter account needs --partner")
        if session.get(Partner, partner_id) is None:
            raise PortalAuthError(f"unknown partner {partner_id!r}")
    elif partner_id:
        raise PortalAuthError(f"a {role} account is not tied to a partner")
    user = session.scalar(select(PortalUser).where(PortalUser.email == address))
    if user is None:
        user = PortalUser(email=address, role=role, partner_id=partner_id, active=True)
        session.add(user)
    else:
        user.role, user.partner_id, user.active = role, partner_id, True
    session.flush()
    return user


def disable_user(*, session: Session, email: str) -> PortalUser:
    """Take away portal access; its open sessions stop working at once (every request checks ``active``)."""
    user = session.scalar(select(PortalUser).where(PortalUser.email == normalize_email(email)))
    if user is None:
        raise PortalAuthError(f"no portal account for {email!r}")
    user.active = False
    session.flush()
    return user


def find_user(*, session: Session, email: str) -> PortalUser | None:
    try:
        address = normalize_email(email)
    except PortalAuthError:
        return None
    return session.scalar(select(PortalUser).where(PortalUser.email == address, PortalUser.active.is_(True)))


def issue_login_token(*, session: Session, user: PortalUser, now: datetime | None = None) -> str:
    """A fresh one-time sign-in token for ``user`` (returned once, stored hashed)."""
    token = secrets.token_urlsafe(32)
    issued = now or utcnow()
    session.add(PortalLoginToken(token_hash=digest(token), user_id=user.id, expires_at=issued + LOGIN_TOKEN_TTL))
    session.flush()
    return token


def may_mail_sign_in(*, session: Session, user: PortalUser, now: datetime | None = None) -> bool:
    """Whether ``user`` may be sent another sign-in link: fewer than ``SIGN_IN_MAILS_PER_HOUR`` in the last hour."""
    issued_after = (now or utcnow()) - timedelta(hours=1)
    issued = session.scalar(
        select(func.count())
        .select_from(PortalLoginToken)
        .where(PortalLoginToken.user_id == user.id, PortalLoginToken.expires_at > issued_after + LOGIN_TOKEN_TTL)
    )
    return (issued or 0) < SIGN_IN_MAILS_PER_HOUR


def redeem_login_token(*, session: Session, token: str, now: datetime | None = None) -> tuple[str, Viewer] | None:
    """Spend a sign-in token and open a session: (raw session id for the cookie, viewer), or None if invalid."""
    moment = now or utcnow()
    token_hash = digest(token.strip())
    claimed = session.execute(
        update(PortalLoginToken)
        .where(
            PortalLoginToken.token_hash == token_hash,
            PortalLoginToken.used_at.is_(None),
            PortalLoginToken.expires_at > moment,
        )
        .values(used_at=moment)
        .execution_options(synchronize_session=False)
    )
    if getattr(claimed, "rowcount", 0) != 1:
        return None
    user = session.scalar(
        select(PortalUser)
        .join(PortalLoginToken, PortalLoginToken.user_id == PortalUser.id)
        .where(PortalLoginToken.token_hash == token_hash, PortalUser.active.is_(True))
    )
    if user is None:
        return None
    raw_id = secrets.token_urlsafe(32)
    csrf = secrets.token_urlsafe(32)
    session.add(
        PortalSession(id_hash=digest(raw_id), user_id=user.id, csrf_token=csrf, expires_at=moment + SESSION_TTL)
    )
    session.flush()
    return raw_id, Viewer(user.id, user.email, user.role, user.partner_id, csrf)


def load_viewer(*, session: Session, raw_session_id: str, now: datetime | None = None) -> Viewer | None:
    """The viewer behind a session cookie, or None when the session is unknown, expired, revoked or disabled."""
    moment = now or utcnow()
    row = session.execute(
        select(PortalSession, PortalUser)
        .join(PortalUser, PortalUser.id == PortalSession.user_id)
        .where(
            PortalSession.id_hash == digest(raw_session_id),
            PortalSession.revoked_at.is_(None),
            PortalSession.expires_at > moment,
            PortalUser.active.is_(True),
        )
    ).first()
    if row is None:
        return None
    portal_session, user = row
    return Viewer(user.id, user.email, user.role, user.partner_id, portal_session.csrf_token)


def revoke_session(*, session: Session, raw_session_id: str, now: datetime | None = None) -> None:
    session.execute(
        update(PortalSession)
        .where(PortalSession.id_hash == digest(raw_session_id), PortalSession.revoked_at.is_(None))
        .values(revoked_at=now or utcnow())
        .execution_options(synchronize_session=False)
    )
