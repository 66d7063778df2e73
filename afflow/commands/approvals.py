"""``afflow approvals list | approve ID | reject ID --reason TEXT``: the local approval inbox."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import typer
from rich.table import Table

from afflow.clikit import JsonOption, UserError, console, emit, open_store, settings, user_errors

if TYPE_CHECKING:
    from store.models import Proposal

approvals_app = typer.Typer(help="Review what the agents propose.", no_args_is_help=True)


def proposal_view(proposal: Proposal) -> dict[str, Any]:
    return {
        "id": proposal.id,
        "kind": proposal.kind,
        "status": proposal.status,
        "partner_id": proposal.partner_id,
        "application_id": proposal.application_id,
        "summary": proposal.summary,
        "rationale": proposal.rationale,
        "expected_impact": proposal.expected_impact,
        "created_at": proposal.created_at.isoformat(),
    }


@approvals_app.command("list")
def list_command(
    status: str | None = typer.Option("pending", help="pending | approved | rejected | expired | applied | all"),
    as_json: bool = JsonOption,
) -> None:
    """Proposals (pending by default); proposals waiting over 7 days are expired first."""
    from workflows.approvals.decide import expire_stale, list_proposals

    with user_errors(as_json=as_json):
        engine = open_store()
        expire_stale(engine=engine, now=datetime.now(UTC))
        rows = [proposal_view(p) for p in list_proposals(engine=engine, status=None if status == "all" else status)]
        emit({"proposals": rows}, as_json=as_json, render=lambda: _render(rows))


@approvals_app.command("approve")
def approve_command(proposal_id: int = typer.Argument(..., help="Proposal id."), as_json: bool = JsonOption) -> None:
    """Approve a proposal: its thread resumes and applies it (exactly once)."""
    _decide(proposal_id, approve=True, reason=None, as_json=as_json)


@approvals_app.command("reject")
def reject_command(
    proposal_id: int = typer.Argument(..., help="Proposal id."),
    reason: str = typer.Option(..., "--reason", help="Why (kept with the proposal)."),
    as_json: bool = JsonOption,
) -> None:
    """Reject a proposal: nothing changes (an escalated application is declined)."""
    _decide(proposal_id, approve=False, reason=reason, as_json=as_json)


def _decide(proposal_id: int, *, approve: bool, reason: str | None, as_json: bool) -> None:
    from workflows.approvals.decide import ProposalStateError, decide, expire_stale

    with user_errors(as_json=as_json):
        engine = open_store()
        now = datetime.now(UTC)
        expire_stale(engine=engine, now=now)
        try:
            result = decide(engine=engine, proposal_id=proposal_id, approve=approve, actor="cli", reason=reason,
                            public_url=settings().public_url, now=now)
        except ProposalStateError as exc:
            raise UserError("not_pending", str(exc), {"proposal_id": proposal_id}) from exc
        data = {"id": result.proposal_id, "kind": result.kind, "status": result.status, "outcome": result.outcome}
        emit(data, as_json=as_json,
             render=lambda: console.print(f"proposal {result.proposal_id} ({result.kind}): {result.status}"))


def _render(rows: list[dict[str, Any]]) -> None:
    if not rows:
        console.print("no proposals")
        return
    table = Table("id", "kind", "status", "subject", "summary")
    for row in rows:
        table.add_row(str(row["id"]), row["kind"], row["status"], row["partner_id"] or row["application_id"] or "",
                      row["summary"])
    console.print(table)


def register(app: typer.Typer) -> None:
    app.add_typer(approvals_app, name="approvals")
