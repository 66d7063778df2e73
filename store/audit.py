"""The audit log of who did what outside the money ledger: one writer, one reader, a typed actor.

``record`` is the only way a row is written; the database refuses UPDATE and DELETE on ``audit_log``
(migration 0006's triggers, as on the ledger), so history is append-only. An actor is stored as
``kind:id`` text (``slack:U123``, ``portal:ann@example.com``, ``cli:ann``, ``agent:tiering``,
``api-key:3:crm``, ``scheduler:fraud_scan``, ``mcp``): the same text the proposals' ``decided_by`` holds.
This module never decides anything; it only remembers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal, cast, get_args

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from store.models import AuditLog

ActorKind = Literal["slack", "portal", "cli", "agent", "api-key", "scheduler", "mcp", "system"]
ACTOR_KINDS: tuple[str, ...] = get_args(ActorKind)


@dataclass(frozen=True, slots=True)
class Actor:
    """Who acted: a person (by Slack id, portal account or CLI user), an agent run, an API key, the scheduler."""

    kind: ActorKind
    id: str = ""

    def __str__(self) -> str:
        return f"{self.kind}:{self.id}" if self.id else self.kind

    @classmethod
    def parse(cls, text: str) -> Actor:
        """The actor a stored ``kind:id`` names; text of no known kind (an old free-form actor) is ``system:<text>``."""
        kind, _, ident = text.partition(":")
        if kind in ACTOR_KINDS:
            return cls(kind=cast(ActorKind, kind), id=ident)
        return cls(kind="system", id=text)


def record(
    *, session: Session, actor: Actor, action: str, subject: str, details: dict[str, Any] | None = None,
    now: datetime | None = None,
) -> AuditLog:
    """Append one row in the caller's transaction: it commits (or rolls back) with what it records."""
    row = AuditLog(actor=str(actor), action=action, subject=subject, details=details or {})
    if now is not None:
        row.ts = now
    session.add(row)
    session.flush()
    return row


def entries(
    *, session: Session, since: datetime | None = None, actor: str | None = None, limit: int = 1000
) -> list[AuditLog]:
    """The newest ``limit`` rows, oldest first; ``actor`` matches a whole actor (``slack:U1``) or a kind (``slack``)."""
    query = select(AuditLog).order_by(AuditLog.ts.desc(), AuditLog.id.desc())
    if since is not None:
        query = query.where(AuditLog.ts >= since)
    if actor:
        query = query.where(or_(AuditLog.actor == actor, AuditLog.actor.startswith(f"{actor}:", autoescape=True)))
    return list(reversed(session.scalars(query.limit(limit)).all()))
