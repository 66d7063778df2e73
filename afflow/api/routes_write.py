"""The API's writes: ``POST /api/v1/links`` (``links`` scope) and ``POST /api/v1/proposals`` (``propose``).

Neither moves money nor publishes a rule: a link is the same idempotent ``tools.links.create_links`` the CLI
and the agents call (through ``afflow.api.linking``, as the MCP server's), and a proposal waits for a manager
(``afflow.api.proposing``). Each write is in the audit trail with the key as actor.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field
from sqlalchemy import Engine

from afflow.api.errors import ApiError, documented
from afflow.api.linking import create_audited_links
from afflow.api.proposing import ProposalRefused, ProposalRequest, ProposingConfig, propose
from tools.api_keys import KeyView
from tools.links import LinkError

WRITE_ERRORS = documented(400, 401, 403, 404, 409, 422, 429)
_REFUSAL_STATUS = {"not_found": 404, "invalid_input": 422, "duplicate": 409}


NoNul = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[^\x00]*$")]  # PostgreSQL text holds no NUL


class LinkRequest(BaseModel):
    partner_id: NoNul
    skus: list[NoNul] = Field(default_factory=list, max_length=500, description="None: a landing-page link.")
    all_skus: bool = False


def add_write_routes(
    router: APIRouter, *, engine: Engine, require: Callable[[str], Callable[..., KeyView]], proposing: ProposingConfig
) -> None:
    @router.post("/links", status_code=201, responses=WRITE_ERRORS, tags=["links"])
    def create_link(body: LinkRequest, key: KeyView = Depends(require("links"))) -> dict[str, Any]:
        """One link per partner × SKU (or a landing-page link); existing links are returned unchanged."""
        try:
            links = create_audited_links(engine=engine, actor=key.actor, partner_id=body.partner_id, skus=body.skus,
                                         all_skus=body.all_skus, public_url=proposing.public_url)  # fmt: skip
        except LinkError as exc:
            status = 404 if exc.code.startswith("unknown") else 409
            raise ApiError(status, exc.code, str(exc), {"partner_id": body.partner_id}) from exc
        return {"links": [link.as_json() for link in links]}

    @router.post("/proposals", status_code=201, responses=WRITE_ERRORS, tags=["proposals"])
    def create_proposal(body: ProposalRequest, key: KeyView = Depends(require("propose"))) -> dict[str, Any]:
        """A pending proposal for a manager to decide (never applied by the API)."""
        try:
            return propose(engine=engine, config=proposing, request=body, actor=key.actor)
        except ProposalRefused as exc:
            raise ApiError(_REFUSAL_STATUS[exc.code], exc.code, str(exc), exc.details) from exc
