"""``POST /api/v1/conversions`` (``conversions`` scope): the conversion postback of a custom checkout, through the API.

The body is ``POST /events/conversion``'s (an order, or ``"kind": "refund"``) and takes the same way in: the core
app's ``Intake`` (``workflows.http.intake``) maps it with ``conversion_payload`` and enqueues it under the same
source, so a conversion posted through both doors books once; booking happens after the answer, in the inbox
worker. The answer is ``202`` with the intake's counts (``new`` 0 and ``duplicates`` 1 for a repeat). An amount out
of bounds is ``422`` naming the field and nothing is written. Each accepted request is in the audit trail with the
key as actor. ``/events/conversion`` stays, keyed by ``AFFLOW_CONVERSION_API_KEY``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Discriminator, Tag

from afflow.api.errors import ApiError, documented
from store.audit import Actor
from tools.api_keys import KeyView
from workflows.http.intake import CONVERSION_SOURCE, ConversionOrder, ConversionRefund, Intake, conversion_payload
from workflows.webhooks import MalformedPayload

CONVERSION_ERRORS = documented(400, 401, 403, 422, 429)  # 400: a body that is not JSON


def _kind(value: Any) -> str:
    """An order is the common case: its ``kind`` may be left out, as on ``/events/conversion``."""
    found = value.get("kind", "order") if isinstance(value, dict) else getattr(value, "kind", "order")
    return str(found)


Conversion = Annotated[
    Annotated[ConversionOrder, Tag("order")] | Annotated[ConversionRefund, Tag("refund")], Discriminator(_kind)
]


class ConversionQueued(BaseModel):
    status: str  # "queued"; "spooled" while a long import holds the database (new/duplicates known later)
    events: int
    new: int | None
    duplicates: int | None


def add_conversion_routes(
    router: APIRouter, *, require: Callable[[str], Callable[..., KeyView]], intake: Intake
) -> None:
    @router.post("/conversions", status_code=202, responses=CONVERSION_ERRORS, tags=["conversions"])
    async def create_conversion(
        body: Conversion, key: KeyView = Depends(require("conversions"))
    ) -> ConversionQueued:
        """Queue an order or a refund from a custom checkout for booking (idempotent by its order or refund id)."""
        try:
            event = conversion_payload(body, now=datetime.now(UTC), program_currency=intake.program.currency)
        except MalformedPayload as exc:
            raise ApiError(422, "invalid_input", str(exc), {"kind": body.kind}) from exc
        answer = await intake.submit(source=CONVERSION_SOURCE, events=[event], actor=Actor.parse(key.actor))
        return ConversionQueued.model_validate(answer)
