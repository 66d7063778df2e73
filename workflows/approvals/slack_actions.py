"""``POST /slack/actions``: managers approve or reject proposals from Slack.

Every request is checked first: ``X-Slack-Signature`` must be Slack's v0 HMAC-SHA256 of
``v0:{X-Slack-Request-Timestamp}:{raw body}`` under the signing secret, and a timestamp more than five
minutes away from now is refused (a replayed request gets 401 and changes nothing). Only
``AFFLOW_SLACK_APPROVERS`` may decide; anyone else gets an ephemeral refusal.

Approve decides at once; Reject opens a modal asking for the reason and decides on its submission; Edit (on
kinds with editable fields) opens a modal with those fields, answers a refused value with the field's error
and a valid one with a confirmation showing the recomputed effect, and decides with the edits when that is
confirmed (``workflows.approvals.slack_edit``). The
decision goes through the same ``workflows.approvals.decide.decide`` as ``afflow approvals`` (it resumes the
agent's thread and applies exactly once), so double clicks and Slack's retries cannot decide twice: a
click on an already-decided proposal only refreshes the message and tells the user. Slack wants an answer
within three seconds, so deciding and updating the message run after the response (FastAPI background
tasks). This module never applies anything itself.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import time
from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial
from typing import Any, Protocol
from urllib.parse import parse_qs

from fastapi import APIRouter, BackgroundTasks, HTTPException, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, ValidationError
from sqlalchemy import Engine, select, update
from starlette.concurrency import run_in_threadpool

from agents.approval.payloads import edit_fields
from agents.approval.registry import name as kind_name
from store.db import MAX_ROW_ID, transaction
from store.models import Proposal
from tools import ledger_view
from tools.proposals import EXPIRY, ProposalStateError
from tools.slack import SlackConfig, SlackDeliveryError, SlackSettingsSource, render_text
from workflows.approvals.decide import ProposalEditError, decide
from workflows.approvals.preview import effect_preview
from workflows.approvals.slack_edit import (
    ModalTarget,
    confirm_view,
    decided_view,
    edit_view,
    editable,
    field_errors,
    message_decision,
    submitted_edits,
)

log = logging.getLogger(__name__)
MAX_SKEW_SECONDS = 5 * 60

Decide = Callable[..., object]
"""``workflows.approvals.decide.decide(*, engine, proposal_id, approve, actor, reason=None)`` with its
``public_url`` bound (``slack_router_factory`` binds the settings')."""


def signature_is_valid(*, secret: str, timestamp: str, body: bytes, signature: str, now: float | None = None) -> bool:
    """Slack's v0 request signature, with the five-minute replay window."""
    if not secret or not timestamp.isdigit() or not signature.startswith("v0="):
        return False
    if abs((time.time() if now is None else now) - int(timestamp)) > MAX_SKEW_SECONDS:
        return False
    base = b"v0:" + timestamp.encode() + b":" + body
    expected = "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, signature)


class _Loose(BaseModel):
    model_config = ConfigDict(extra="ignore")


class SlackUser(_Loose):
    id: str


class SlackAction(_Loose):
    action_id: str
    block_id: str = ""
    value: str = ""


class BlockActions(_Loose):
    """The parts of Slack's ``block_actions`` payload we use."""

    type: str
    user: SlackUser
    trigger_id: str = ""
    actions: list[SlackAction]
    container: dict[str, Any] = {}
    channel: dict[str, Any] | None = None
    message: dict[str, Any] | None = None

    def location(self) -> tuple[str, str]:
        channel = str(self.container.get("channel_id") or (self.channel or {}).get("id") or "")
        ts = str(self.container.get("message_ts") or (self.message or {}).get("ts") or "")
        return channel, ts


class View(_Loose):
    callback_id: str = ""
    private_metadata: str = ""
    state: dict[str, Any] = {}


class ViewSubmission(_Loose):
    type: str
    user: SlackUser
    view: View


def build_slack_router(*, engine: Engine, config: SlackConfig, decide: Decide) -> APIRouter:
    """The router for ``/slack/actions``; ``decide`` is ``workflows.approvals.decide.decide`` (wired in ``afflow serve``)."""
    router = APIRouter()
    slack = config.client()

    @router.post("/slack/actions")
    async def slack_actions(request: Request, background: BackgroundTasks) -> Response:
        body = await request.body()
        if not signature_is_valid(
            secret=config.signing_secret,
            timestamp=request.headers.get("X-Slack-Request-Timestamp", ""),
            body=body,
            signature=request.headers.get("X-Slack-Signature", ""),
        ):
            raise HTTPException(status_code=401, detail="invalid Slack signature")
        payload = _payload(body)
        kind = payload.get("type")
        # Handlers read the store and may call Slack (views.open): off the event loop, which also serves redirects.
        try:
            if kind == "block_actions":
                actions = BlockActions.model_validate(payload)
                return await run_in_threadpool(_on_block_actions, actions, background)
            if kind == "view_submission":
                submission = ViewSubmission.model_validate(payload)
                return await run_in_threadpool(_on_view_submission, submission, background)
        except ValidationError as exc:
            raise HTTPException(status_code=400, detail=f"malformed {kind} payload: {exc.errors()[0]['msg']}") from exc
        return Response(status_code=200)  # other interaction types are acknowledged and ignored

    def _on_block_actions(payload: BlockActions, background: BackgroundTasks) -> Response:
        channel, ts = payload.location()
        for action in payload.actions:
            if action.action_id not in ("approve", "reject", "edit") or not action.block_id.startswith("proposal:"):
                continue
            proposal_id = _proposal_id(action.value, action.block_id)
            user = payload.user.id
            if user not in config.approvers:
                background.add_task(_refuse, channel=channel, user=user, proposal_id=proposal_id)
                continue
            proposal = _load(proposal_id)
            if proposal is None:
                background.add_task(_tell, channel=channel, user=user, text=f"Proposal #{proposal_id} does not exist.")
            elif proposal.status != "pending":
                background.add_task(_already_decided, proposal=proposal, channel=channel, ts=ts, user=user)
            elif action.action_id == "approve":
                background.add_task(_decide, proposal_id=proposal_id, approve=True, user=user, channel=channel, ts=ts)
            elif action.action_id == "edit":
                _open_edit_modal(trigger_id=payload.trigger_id, proposal=proposal, channel=channel, ts=ts, user=user)
            else:
                _open_reject_modal(trigger_id=payload.trigger_id, proposal=proposal, channel=channel, ts=ts, user=user)
        return Response(status_code=200)

    def _on_view_submission(payload: ViewSubmission, background: BackgroundTasks) -> Response:
        if payload.view.callback_id == "edit_proposal":
            return _on_edit_submission(payload)
        if payload.view.callback_id == "confirm_edit":
            return _on_edit_confirmation(payload, background)
        if payload.view.callback_id != "reject_proposal":
            return Response(status_code=200)
        target = _target(payload.view)
        proposal_id, channel, ts = target.proposal_id, target.channel, target.ts
        if payload.user.id not in config.approvers:
            return _modal_error("Only the program's approvers can decide proposals.")
        reason = str(payload.view.state.get("values", {}).get("reason", {}).get("reason", {}).get("value") or "")
        if len(reason.strip()) < 3:
            return _modal_error("Please give a reason (at least 3 characters).")
        background.add_task(
            _decide,
            proposal_id=proposal_id,
            approve=False,
            user=payload.user.id,
            channel=channel,
            ts=ts,
            reason=reason.strip(),
        )
        return Response(status_code=200)

    def _on_edit_submission(payload: ViewSubmission) -> Response:
        """Validate the edited values (as the preview of approving with them): errors on the fields, or the
        confirmation with the recomputed effect pushed over the modal. Nothing is decided here."""
        target = _target(payload.view)
        if payload.user.id not in config.approvers:
            return JSONResponse({"response_action": "update",
                                 "view": decided_view("Only the program's approvers can decide proposals.")})
        with transaction(engine) as session:
            proposal = session.get(Proposal, target.proposal_id)
            if proposal is None or proposal.status != "pending":
                return _already_decided_view(proposal, target.proposal_id)
            first = next(iter(edit_fields(proposal.kind).values()), "value")
            if proposal.created_at < datetime.now(UTC) - EXPIRY:
                return JSONResponse({"response_action": "errors", "errors": {
                    first: f"proposal #{proposal.id} expired on {(proposal.created_at + EXPIRY).date()}"}})
            currency = ledger_view.program_currency(session=session)
            values = payload.view.state.get("values", {})
            edits = submitted_edits(proposal=proposal, values=values, currency=currency)
            try:
                preview = effect_preview(session=session, proposal=proposal, edits=edits)
            except ProposalEditError as exc:
                return JSONResponse({"response_action": "errors",
                                     "errors": field_errors(kind=proposal.kind, edits=edits, message=str(exc))})
            confirm = ModalTarget(target.proposal_id, target.channel, target.ts, edits)
            view = confirm_view(proposal=proposal, preview=preview, target=confirm, currency=currency)
        return JSONResponse({"response_action": "push", "view": view})

    def _on_edit_confirmation(payload: ViewSubmission, background: BackgroundTasks) -> Response:
        """Decide with the confirmed edits (after the response; ``decide`` validates them again and applies
        once: a double submit or a concurrent Approve click finds the proposal decided and changes nothing)."""
        target = _target(payload.view)
        if payload.user.id not in config.approvers:
            return JSONResponse({"response_action": "update",
                                 "view": decided_view("Only the program's approvers can decide proposals.")})
        proposal = _load(target.proposal_id)
        if proposal is None or proposal.status != "pending":
            return _already_decided_view(proposal, target.proposal_id)
        background.add_task(_decide, proposal_id=target.proposal_id, approve=True, user=payload.user.id,
                            channel=target.channel, ts=target.ts, edits=target.edits)  # fmt: skip
        return JSONResponse({"response_action": "clear"})

    def _already_decided_view(proposal: Proposal | None, proposal_id: int) -> Response:
        text = (f"Proposal #{proposal_id} does not exist." if proposal is None else
                render_text("already_decided.txt.j2", proposal_id=proposal.id, status=proposal.status,
                            decided_by=proposal.decided_by))  # fmt: skip
        return JSONResponse({"response_action": "update", "view": decided_view(text)})

    def _decide(
        *, proposal_id: int, approve: bool, user: str, channel: str, ts: str, reason: str | None = None,
        edits: dict[str, str] | None = None,
    ) -> None:
        try:
            decide(engine=engine, proposal_id=proposal_id, approve=approve, actor=f"slack:{user}", reason=reason,
                   edits=edits)  # fmt: skip
        except ProposalEditError as exc:  # the values became invalid between confirmation and decision
            _tell(channel=channel, user=user, text=f"Proposal #{proposal_id} was not changed: {exc}")
            return
        except ProposalStateError:
            # Another click or approver won the race: this one is a detected no-op.
            raced = _load(proposal_id)
            if raced is not None:
                _already_decided(proposal=raced, channel=channel, ts=ts, user=user)
            return
        except Exception:
            # Logged with its traceback (a bug or a failed apply); the approver hears about it in Slack.
            log.exception("deciding proposal %s from Slack failed", proposal_id)
            _tell(channel=channel, user=user, text=f"Deciding proposal #{proposal_id} failed; see the server log.")
            return
        proposal = _load(proposal_id)
        if proposal is None:
            return
        if proposal.decided_by != f"slack:{user}":
            # A concurrent approver recorded the decision first; this click only finished applying it.
            _already_decided(proposal=proposal, channel=channel, ts=ts, user=user)
        else:
            _refresh_message(proposal, channel=channel, ts=ts)

    def _already_decided(*, proposal: Proposal, channel: str, ts: str, user: str) -> None:
        _refresh_message(proposal, channel=channel, ts=ts)
        _tell(
            channel=channel,
            user=user,
            text=render_text(
                "already_decided.txt.j2",
                proposal_id=proposal.id,
                status=proposal.status,
                decided_by=proposal.decided_by,
            ),
        )

    def _refresh_message(proposal: Proposal, *, channel: str, ts: str) -> None:
        """Show who decided and when (the buttons go away); harmless to repeat."""
        with transaction(engine) as session:
            currency = ledger_view.program_currency(session=session)
        decision = message_decision(proposal, currency=currency)
        if decision is None or not channel or not ts:
            return
        try:
            slack.mark_decided(channel=channel, ts=ts, proposal=proposal, decision=decision,
                               kind_label=kind_name(proposal.kind))
        except SlackDeliveryError as exc:  # the delivery pass retries it (sync_decided_messages)
            log.warning("updating the Slack message of proposal %s failed: %s", proposal.id, exc)
            return
        with transaction(engine) as session:
            session.execute(update(Proposal).where(Proposal.id == proposal.id).values(slack_status=proposal.status))

    def _open_reject_modal(*, trigger_id: str, proposal: Proposal, channel: str, ts: str, user: str) -> None:
        # views.open must happen within three seconds of the click: done before answering, not in the background.
        try:
            slack.open_reject_modal(trigger_id=trigger_id, proposal=proposal, channel=channel, ts=ts)
        except SlackDeliveryError as exc:
            log.warning("could not open the reject dialog for proposal %s: %s", proposal.id, exc)
            _tell(
                channel=channel,
                user=user,
                text=f"Could not open the reject dialog; use `afflow approvals reject {proposal.id} --reason ...`.",
            )

    def _open_edit_modal(*, trigger_id: str, proposal: Proposal, channel: str, ts: str, user: str) -> None:
        if not editable(proposal.kind):
            _tell(channel=channel, user=user, text=f"Proposal #{proposal.id} has nothing to edit: approve or reject it.")
            return
        with transaction(engine) as session:
            currency = ledger_view.program_currency(session=session)
        try:  # within three seconds of the click, like the reject dialog
            slack.open_view(trigger_id=trigger_id, view=edit_view(proposal=proposal, channel=channel, ts=ts,
                                                                  currency=currency))  # fmt: skip
        except SlackDeliveryError as exc:
            log.warning("could not open the edit dialog for proposal %s: %s", proposal.id, exc)
            _tell(channel=channel, user=user,
                  text=f"Could not open the edit dialog; use `afflow approvals approve {proposal.id} --set ...`.")

    def _refuse(*, channel: str, user: str, proposal_id: int) -> None:
        log.info("Slack user %s is not an approver: proposal %s unchanged", user, proposal_id)
        _tell(channel=channel, user=user, text=render_text("refusal.txt.j2", user=user, proposal_id=proposal_id))

    def _tell(*, channel: str, user: str, text: str) -> None:
        if channel:
            _quietly(lambda: slack.post_ephemeral(channel=channel, user=user, text=text))

    def _load(proposal_id: int) -> Proposal | None:
        with transaction(engine) as session:
            return session.scalar(select(Proposal).where(Proposal.id == proposal_id))

    return router


def _quietly(call: Callable[[], None]) -> None:
    """Slack feedback is best effort: the decision is already recorded, a failed message must not undo it."""
    try:
        call()
    except SlackDeliveryError as exc:
        log.warning("Slack feedback failed: %s", exc)


def _payload(body: bytes) -> dict[str, Any]:
    fields = parse_qs(body.decode("utf-8", errors="replace"))
    if "payload" not in fields:
        raise HTTPException(status_code=400, detail="missing form field 'payload'")
    try:
        payload = json.loads(fields["payload"][0])
    except json.JSONDecodeError as exc:
        raise HTTPException(status_code=400, detail=f"payload is not JSON: {exc.msg}") from exc
    if not isinstance(payload, dict):
        raise HTTPException(status_code=400, detail="payload must be a JSON object")
    return payload


def _target(view: View) -> ModalTarget:
    """The proposal, message and (for a confirmation) edits a modal's private_metadata names; 400 if malformed."""
    try:
        meta = json.loads(view.private_metadata)
        proposal_id, channel, ts = int(meta["proposal_id"]), str(meta["channel"]), str(meta["ts"])
        edits = meta.get("edits") or {}
        if not 1 <= proposal_id <= MAX_ROW_ID:
            raise ValueError("proposal id out of range")
        if not isinstance(edits, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in edits.items()):
            raise ValueError("edits must map field names to text")
    except (ValueError, KeyError, TypeError) as exc:
        raise HTTPException(status_code=400, detail="malformed private_metadata") from exc
    return ModalTarget(proposal_id, channel, ts, dict(edits))


def _proposal_id(value: str, block_id: str) -> int:
    """The button's value and its block id must name the same proposal (DESIGN.md's contract)."""
    if not value.isdigit() or len(value) > 10 or block_id != f"proposal:{value}" or not 1 <= int(value) <= MAX_ROW_ID:
        raise HTTPException(status_code=400, detail=f"action does not name a proposal: {block_id!r} / {value!r}")
    return int(value)


def _modal_error(message: str) -> Response:
    return JSONResponse({"response_action": "errors", "errors": {"reason": message}})


class SlackActionSettings(SlackSettingsSource, Protocol):
    public_url: str


def slack_router_factory(engine: Engine, settings: SlackActionSettings) -> APIRouter | None:
    """``afflow serve``'s router factory: the Slack actions route when Slack is configured, else None."""
    config = SlackConfig.from_settings(settings)
    if config is None:  # the scheduler's start-up line says where proposals go instead
        return None
    if not config.signing_secret:
        log.warning("AFFLOW_SLACK_SIGNING_SECRET is unset: POST /slack/actions refuses every request")
    return build_slack_router(engine=engine, config=config, decide=partial(decide, public_url=settings.public_url))
