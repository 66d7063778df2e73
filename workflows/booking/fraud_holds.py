"""High-severity fraud findings kept until a human decides them: while open, they hold the partner's payouts.

A fraud scan (``tools.fraud.scan``) is recomputed from the data each time; payouts need to remember what it
found until someone looked. ``record_findings`` keeps each high-severity finding as a ``fraud_findings`` row:
one open row per (partner, signal), refreshed (``last_seen_at``, evidence) when a later scan finds it again.
``decide_finding`` closes one, ``cleared`` (a false alarm: payouts resume) or ``confirmed`` (act on it through
a clawback or offboarding proposal; those hold the partner in their turn), with the actor and reason in the
audit log. A (partner, signal) a human decided is not reopened for ``quiet_days`` after the decision (the scan
window: the same evidence would be found again); found later, it opens a new row. This module never books money
and never decides by itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from store.audit import Actor, record
from store.models import FraudFinding
from tools.fraud.thresholds import Finding

Decision = Literal["cleared", "confirmed"]


class UnknownFinding(LookupError):
    """No fraud finding has this id."""


class FindingAlreadyDecided(ValueError):
    """The finding was decided already; a decision is never overwritten."""


def record_findings(
    *, session: Session, findings: Sequence[Finding], now: datetime, quiet_days: int
) -> list[FraudFinding]:
    """Keep the high-severity ones among ``findings``; returns the rows opened or refreshed."""
    kept: list[FraudFinding] = []
    for finding in findings:
        if finding.severity != "high" or _decided_lately(session, finding, now - timedelta(days=quiet_days)):
            continue
        row = session.scalar(
            select(FraudFinding).where(
                FraudFinding.partner_id == finding.partner_id,
                FraudFinding.signal == finding.signal,
                FraudFinding.status == "open",
            )
        )
        evidence = {key: _plain(value) for key, value in finding.evidence.items()}
        if row is None:
            row = FraudFinding(
                partner_id=finding.partner_id,
                signal=finding.signal,
                severity=finding.severity,
                summary=finding.summary,
                evidence=evidence,
                first_seen_at=now,
                last_seen_at=now,
            )
            session.add(row)
        else:
            row.summary, row.evidence, row.last_seen_at = finding.summary, evidence, now
        kept.append(row)
    session.flush()
    return kept


def _decided_lately(session: Session, finding: Finding, since: datetime) -> bool:
    decided = select(FraudFinding.id).where(
        FraudFinding.partner_id == finding.partner_id,
        FraudFinding.signal == finding.signal,
        FraudFinding.status != "open",
        FraudFinding.decided_at >= since,
    )
    return session.scalar(decided.limit(1)) is not None


def decide_finding(
    *, session: Session, finding_id: int, decision: Decision, actor: Actor, reason: str, now: datetime
) -> FraudFinding:
    row = session.get(FraudFinding, finding_id)
    if row is None:
        raise UnknownFinding(f"fraud finding {finding_id} does not exist")
    if row.status != "open":
        raise FindingAlreadyDecided(f"fraud finding {finding_id} was already {row.status} by {row.decided_by}")
    if not reason.strip():
        raise ValueError("a decision needs a reason")
    row.status, row.decided_by, row.decided_at, row.decision_reason = decision, str(actor), now, reason.strip()
    record(session=session, actor=actor, action=f"fraud_finding_{decision}", subject=f"partner:{row.partner_id}",
           details={"finding_id": row.id, "signal": row.signal, "reason": row.decision_reason}, now=now)  # fmt: skip
    session.flush()
    return row


def list_findings(*, session: Session, status: str | None = None) -> list[FraudFinding]:
    query = select(FraudFinding).order_by(FraudFinding.id)
    if status is not None:
        query = query.where(FraudFinding.status == status)
    return list(session.scalars(query))


def _plain(value: object) -> object:
    """Evidence as JSON keeps it: Decimals and datetimes become text."""
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)
