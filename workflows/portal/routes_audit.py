"""The audit log page: who did what (rule sets, decisions and edits, blocks, roles, payouts), newest first.

Managers and finance see it: both already see every partner, and finance answers for the payouts and rule
changes the log records; a promoter gets 403. It reads through ``store.audit.entries`` (the reader
``afflow audit`` uses, with the same ``--since`` / ``--actor`` meaning) and never writes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Depends, Query
from fastapi.responses import HTMLResponse, Response

from store.audit import Actor, entries
from workflows.booking.bounds import time_problem
from workflows.portal.auth import Viewer
from workflows.portal.web import PortalWeb

AUDIT_ROLES = ("manager", "finance")
PAGE_ROWS = 300


@dataclass(frozen=True, slots=True)
class AuditRow:
    id: int
    ts: datetime
    actor_kind: str
    actor_id: str
    action: str  # in words: "proposal edited"
    subject: str
    details: str


def parse_since(text: str) -> tuple[datetime | None, str]:
    """``since`` as an aware UTC time (a date alone is its 00:00 UTC), or the reason it is not one."""
    if not text:
        return None, ""
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None, f"since: {text!r} is not a date or an ISO 8601 time (e.g. 2026-12-01 or 2026-12-01T09:00Z)"
    aware = parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed
    problem = time_problem(aware)
    return (None, f"since: {problem}") if problem else (aware.astimezone(UTC), "")


def _details(details: dict[str, Any]) -> str:
    parts = []
    for key, value in details.items():
        if value in (None, "", [], {}):
            continue
        if isinstance(value, dict) and key == "fields":  # an edit: field -> {proposed, approved}
            value = ", ".join(f"{name} {change.get('proposed')} → {change.get('approved')}"
                              for name, change in value.items() if isinstance(change, dict))  # fmt: skip
        parts.append(f"{key.replace('_', ' ')}: {value}")
    return "; ".join(parts)


def add_audit_routes(router: APIRouter, web: PortalWeb) -> None:
    reader = web.viewer_with(*AUDIT_ROLES)

    @router.get("/audit", response_class=HTMLResponse)
    def audit_log(
        viewer: Viewer = Depends(reader), since: str = Query("", max_length=64), actor: str = Query("", max_length=128)
    ) -> Response:
        start, problem = parse_since(since.strip())
        if problem:
            return web.render("manager_audit.html.j2", viewer=viewer, rows=[], since=since, actor=actor,
                              error=problem, status_code=400)  # fmt: skip
        with web.unit_of_work() as session:
            found = entries(session=session, since=start, actor=actor.strip() or None, limit=PAGE_ROWS)
            rows = [AuditRow(id=row.id, ts=row.ts, actor_kind=(who := Actor.parse(row.actor)).kind, actor_id=who.id,
                             action=row.action.replace("_", " "), subject=row.subject, details=_details(row.details))
                    for row in reversed(found)]  # fmt: skip
        return web.render("manager_audit.html.j2", viewer=viewer, rows=rows, since=since, actor=actor, error="",
                          limit=PAGE_ROWS)  # fmt: skip
