"""``afflow approvals list | show ID [--set FIELD=VALUE ...] | approve ID [--set FIELD=VALUE ...] [--dry-run] |
reject ID --reason TEXT |
approve-group KIND [--except ID ...]``: the local approval inbox. The decider is the CLI user (``cli:<login>`` in the audit log and ``decided_by``)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import typer
from rich.table import Table

from afflow.clikit import MAX_ID, JsonOption, UserError, cli_actor, console, emit, open_store, settings, user_errors

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

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
        "previous_rejection": (proposal.evidence or {}).get("previous_rejection"),
        "created_at": proposal.created_at.isoformat(),
    }


def decision_view(proposal: Proposal) -> dict[str, Any]:
    """A proposal with what was proposed, what was approved (and applied) and who decided when, why."""
    return {
        **proposal_view(proposal),
        "proposed": proposal.payload,
        "approved": proposal.approved_payload,
        "evidence": proposal.evidence,
        "decided_by": proposal.decided_by,
        "decided_at": proposal.decided_at.isoformat() if proposal.decided_at else None,
        "reason": proposal.decision_reason,
        "applied_at": proposal.applied_at.isoformat() if proposal.applied_at else None,
    }


@approvals_app.command("list")
def list_command(
    status: str | None = typer.Option("pending", help="pending | approved | rejected | expired | applied | all"),
    as_json: bool = JsonOption,
) -> None:
    """Proposals (pending by default) and the pending ones grouped by kind with each group's money effect; a
    pending proposal's money effect (and so a group's) is its effect preview's, per 30 days (`show ID`);
    proposals waiting over 7 days are expired first."""
    from store.money import format_money
    from workflows.approvals.decide import expire_stale, list_proposals
    from workflows.approvals.groups import pending_listing

    with user_errors(as_json=as_json):
        engine = open_store()
        expire_stale(engine=engine, now=datetime.now(UTC))
        found, currency, effects = pending_listing(engine=engine)
        rows = [{**proposal_view(p), "money_effect": format_money(effects[p.id], currency) if p.id in effects else None}
                for p in list_proposals(engine=engine, status=None if status == "all" else status)]  # fmt: skip
        groups = [{"kind": g.kind, "label": g.label, "count": len(g.proposal_ids), "proposal_ids": list(g.proposal_ids),
                   "money_effect": format_money(g.money_effect_cents, currency), "currency": currency}
                  for g in found]  # fmt: skip
        emit({"groups": groups, "proposals": rows}, as_json=as_json, render=lambda: _render(rows, groups))


@approvals_app.command("show")
def show_command(
    proposal_id: int = typer.Argument(..., min=1, max=MAX_ID, help="Proposal id."),
    edits: list[str] = typer.Option(
        [], "--set", metavar="FIELD=VALUE",
        help="Preview approving with this field edited (percent=9, amount=120.00, days=3); repeatable.",
    ),
    as_json: bool = JsonOption,
) -> None:
    """One proposal: what was proposed, what was approved and applied, who decided, when and why; a pending one
    with the recomputed effect of approving it (as edited with --set)."""
    from store.db import transaction
    from tools.proposals import ProposalStateError, get_proposal

    with user_errors(as_json=as_json):
        changes = _edits(edits)
        engine = open_store()
        try:
            with transaction(engine) as session:
                proposal = get_proposal(session=session, proposal_id=proposal_id)
                data = decision_view(proposal)
                if proposal.status == "pending":
                    data["preview"] = _preview(session, proposal, changes)
                elif changes:
                    raise UserError("not_pending", f"proposal {proposal_id} is {proposal.status}, not pending: "
                                    "there is nothing to edit", {"proposal_id": proposal_id})  # fmt: skip
        except ProposalStateError as exc:
            raise UserError("not_found", str(exc), {"proposal_id": proposal_id}) from exc
        emit(data, as_json=as_json, render=lambda: _render_one(data))


@approvals_app.command("approve")
def approve_command(
    proposal_id: int = typer.Argument(..., min=1, max=MAX_ID, help="Proposal id."),
    edits: list[str] = typer.Option(
        [], "--set", metavar="FIELD=VALUE",
        help="Approve with this field edited (percent=9, amount=120.00, days=3); repeatable.",
    ),
    dry_run: bool = typer.Option(False, "--dry-run", help="Print the recomputed effect of approving; apply nothing."),
    as_json: bool = JsonOption,
) -> None:
    """Approve a proposal, as it stands or edited: prints the recomputed effect, then its thread resumes and
    applies it (exactly once); with --dry-run only the effect is printed."""
    _decide(proposal_id, approve=True, reason=None, edits=edits, as_json=as_json, dry_run=dry_run)


@approvals_app.command("reject")
def reject_command(
    proposal_id: int = typer.Argument(..., min=1, max=MAX_ID, help="Proposal id."),
    reason: str = typer.Option(..., "--reason", help="Why (kept with the proposal)."),
    as_json: bool = JsonOption,
) -> None:
    """Reject a proposal: nothing changes (an escalated application is declined)."""
    _decide(proposal_id, approve=False, reason=reason, edits=[], as_json=as_json)


def _edits(pairs: list[str]) -> dict[str, str]:
    edits: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip() or not value.strip():
            raise UserError("invalid_edit", f"--set {pair!r}: expected FIELD=VALUE, e.g. percent=9", {"set": pair})
        edits[name.strip()] = value.strip()
    return edits


def _preview(session: Session, proposal: Proposal, edits: dict[str, str]) -> dict[str, Any]:
    """The recomputed effect of approving ``proposal`` with ``edits`` (``invalid_edit`` if refused)."""
    from workflows.approvals.decide import ProposalEditError
    from workflows.approvals.preview import effect_preview

    try:
        return effect_preview(session=session, proposal=proposal, edits=edits).view()
    except ProposalEditError as exc:
        raise UserError("invalid_edit", str(exc), {"proposal_id": proposal.id, "set": edits}) from exc


def _decide(
    proposal_id: int, *, approve: bool, reason: str | None, edits: list[str], as_json: bool, dry_run: bool = False
) -> None:
    from store.db import transaction
    from store.models import Proposal
    from workflows.approvals.decide import ProposalEditError, ProposalStateError, decide, expire_stale

    with user_errors(as_json=as_json):
        changes = _edits(edits)
        engine = open_store()
        now = datetime.now(UTC)
        expire_stale(engine=engine, now=now)
        preview: dict[str, Any] | None = None
        if approve:
            with transaction(engine) as session:
                proposal = session.get(Proposal, proposal_id)
                if proposal is not None and proposal.status == "pending":
                    preview = _preview(session, proposal, changes)
                elif dry_run:
                    status = "missing" if proposal is None else proposal.status
                    raise UserError("not_pending", f"proposal {proposal_id} is {status}, not pending",
                                    {"proposal_id": proposal_id})  # fmt: skip
        if dry_run:
            assert preview is not None
            shown = {"id": proposal_id, "dry_run": True, "preview": preview}
            emit(shown, as_json=as_json, render=lambda: _render_preview(preview, heading=f"proposal {proposal_id}, "
                                                                        "if approved (nothing applied):"))
            return
        if preview is not None and not as_json:
            _render_preview(preview, heading=f"proposal {proposal_id}, approving:")
        try:
            result = decide(engine=engine, proposal_id=proposal_id, approve=approve, actor=str(cli_actor()),
                            reason=reason, edits=changes, public_url=settings().public_url, now=now)
        except ProposalStateError as exc:
            raise UserError("not_pending", str(exc), {"proposal_id": proposal_id}) from exc
        except ProposalEditError as exc:
            raise UserError("invalid_edit", str(exc), {"proposal_id": proposal_id, "set": changes}) from exc
        data = {"id": result.proposal_id, "kind": result.kind, "status": result.status, "outcome": result.outcome,
                **({"preview": preview} if preview is not None else {})}  # fmt: skip
        emit(data, as_json=as_json,
             render=lambda: console.print(f"proposal {result.proposal_id} ({result.kind}): {result.status}"))


@approvals_app.command("approve-group")
def approve_group_command(
    kind: str = typer.Argument(..., help="The kind of the group (tier_bump, clawback, ...; see `list`)."),
    exclude: list[int] = typer.Option([], "--except", metavar="ID", help="Leave this proposal pending; repeatable."),
    as_json: bool = JsonOption,
) -> None:
    """Approve every pending proposal of KIND (but --except ones) as proposed, in one transaction, each once."""
    from workflows.approvals.decide import ProposalStateError, expire_stale
    from workflows.approvals.groups import decide_group

    with user_errors(as_json=as_json):
        engine = open_store()
        now = datetime.now(UTC)
        expire_stale(engine=engine, now=now)
        try:
            results = decide_group(engine=engine, kind=kind, approve=True, actor=str(cli_actor()), exclude=exclude,
                                   public_url=settings().public_url, now=now)  # fmt: skip
        except ProposalStateError as exc:
            raise UserError("not_pending", str(exc), {"kind": kind}) from exc
        if not results:
            raise UserError("empty_group", f"no pending {kind} proposal to approve", {"kind": kind, "except": exclude})
        data = {"kind": kind, "decided": [{"id": r.proposal_id, "status": r.status, "outcome": r.outcome}
                                          for r in results], "excluded": exclude}  # fmt: skip
        emit(data, as_json=as_json,
             render=lambda: console.print(f"{len(results)} {kind} proposal(s) approved: "
                                          + ", ".join(str(r.proposal_id) for r in results)))  # fmt: skip


def _render(rows: list[dict[str, Any]], groups: list[dict[str, Any]]) -> None:
    if groups:
        summary = Table("group", "kind", "proposals", "money effect")
        for group in groups:
            summary.add_row(group["label"], group["kind"], str(group["count"]),
                            f"{group['money_effect']} {group['currency']}")  # fmt: skip
        console.print(summary)
    if not rows:
        console.print("no proposals")
        return
    table = Table("id", "kind", "status", "subject", "money effect / 30 days", "summary")
    for row in rows:
        table.add_row(str(row["id"]), row["kind"], row["status"], row["partner_id"] or row["application_id"] or "",
                      row["money_effect"] or "", row["summary"])
    console.print(table)


def _render_preview(preview: dict[str, Any], *, heading: str) -> None:
    console.print(heading)
    for line in preview["lines"]:
        console.print(f"  {line}")
    sign = "+" if preview["money_effect_cents"] > 0 else ""
    console.print(f"  money effect: {sign}{preview['money_effect']} {preview['currency']} per {preview['days']} days")


def _render_one(data: dict[str, Any]) -> None:
    console.print(f"proposal {data['id']} ({data['kind']}): {data['status']} — {data['summary']}")
    if data["previous_rejection"]:
        memory = data["previous_rejection"]
        console.print(f"  rejected before: #{memory['proposal_id']} ({memory['reason']})")
    console.print(f"  proposed: {data['proposed']}")
    if data["approved"] is not None:
        console.print(f"  approved: {data['approved']}")
    if data["decided_by"]:
        console.print(f"  decided by {data['decided_by']} at {data['decided_at']}: {data['reason'] or ''}")
    if data.get("preview") is not None:
        _render_preview(data["preview"], heading="  if approved" + (" as edited:" if data["preview"]["edited"] else ":"))


def register(app: typer.Typer) -> None:
    app.add_typer(approvals_app, name="approvals")
