"""Tracking links asked for from outside (a ``links`` API key, an MCP client): the idempotent
``tools.links.create_links`` and its ``links_created`` audit row, in one transaction, for both callers.

Nothing here moves money or publishes a rule; a ``LinkError`` (unknown or inactive partner, unknown SKU)
leaves nothing written, the audit row included.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Engine

from store.audit import Actor, record
from store.db import transaction
from tools.links import LinkView, create_links


def create_audited_links(
    *, engine: Engine, actor: str, partner_id: str, skus: Sequence[str] = (), all_skus: bool = False, public_url: str
) -> list[LinkView]:
    """``create_links`` for ``partner_id``, with the codes it returned in the audit trail under ``actor``."""
    with transaction(engine) as session:
        links = create_links(session=session, partner_id=partner_id, skus=skus, all_skus=all_skus,
                             public_url=public_url)  # fmt: skip
        record(session=session, actor=Actor.parse(actor), action="links_created", subject=f"partner:{partner_id}",
               details={"codes": [link.code for link in links]})  # fmt: skip
    return links
