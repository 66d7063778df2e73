"""Application decisions (the triage agent's): admit, decline, or escalate to a human. The application is the
subject; the payload carries nothing. Rejecting an escalated application declines it (a ``review_application``
has no recommendation: the human's answer *is* the decision)."""

from __future__ import annotations

from datetime import timedelta

from agents.approval.kinds.base import Applying, KindSpec, NoMoney, ProposalPayload
from prompts import render
from tools import applications, ledger_view, outbox
from tools.links import create_links

WELCOME_SKUS = 3


class ApplicationDecision(ProposalPayload):
    """approve_application / reject_application / review_application."""


def admit(applying: Applying, decision: ApplicationDecision) -> None:
    session, proposal, now = applying.session, applying.proposal, applying.now
    assert proposal.application_id is not None
    partner = applications.admit_application(session=session, application_id=proposal.application_id)
    skus = [row.sku for row in ledger_view.best_selling_skus(session=session, since=now - timedelta(days=30),
                                                            until=now, limit=WELCOME_SKUS)]  # fmt: skip
    public_url = applying.public_url
    links = create_links(session=session, partner_id=partner.id, public_url=public_url)
    links += create_links(session=session, partner_id=partner.id, skus=skus, public_url=public_url) if skus else []
    titles = ledger_view.product_titles(session=session, skus=skus)
    context = {
        "name": partner.name,
        "program": ledger_view.program_name(session=session),
        "ref_code": partner.ref_code,
        "links": [{"url": link.url, "sku": link.sku, "title": titles.get(link.sku or "", "")} for link in links],
    }
    outbox.queue_message(
        session=session,
        dedupe_key=f"welcome:{partner.id}",
        channel="email",
        recipient=partner.email,
        kind="welcome",
        partner_id=partner.id,
        subject=f"Welcome to {context['program']}",
        body_text=render("letters/welcome.txt.j2", **context),
        body_html=render("letters/welcome.html.j2", **context),
    )


def decline(applying: Applying, decision: ApplicationDecision) -> None:
    session, proposal = applying.session, applying.proposal
    assert proposal.application_id is not None
    application = applications.decline_application(session=session, application_id=proposal.application_id)
    program = ledger_view.program_name(session=session)
    outbox.queue_message(
        session=session,
        dedupe_key=f"decline:{application.id}",
        channel="email",
        recipient=application.email,
        kind="decline",
        subject=f"Your application to {program}",
        body_text=render("letters/decline.txt.j2", name=application.name, program=program),
    )


def decline_on_reject(applying: Applying, decision: ApplicationDecision) -> str:
    if applying.proposal.application_id is None:
        return "rejected"
    decline(applying, decision)
    return "declined"


APPROVE = KindSpec(kind="approve_application", payload=ApplicationDecision, label="Admit applicants",
                   name="Approve application", apply=admit,
                   effect=NoMoney(line=lambda p: f"admits application {p.application_id}"))  # fmt: skip
REJECT = KindSpec(kind="reject_application", payload=ApplicationDecision, label="Decline applicants",
                  name="Reject application", apply=decline,
                  effect=NoMoney(line=lambda p: f"declines application {p.application_id}"))  # fmt: skip
REVIEW = KindSpec(kind="review_application", payload=ApplicationDecision, label="Applications to review",
                  name="Review application", apply=admit, reject=decline_on_reject,
                  effect=NoMoney(line=lambda p: f"admits application {p.application_id}"))  # fmt: skip
