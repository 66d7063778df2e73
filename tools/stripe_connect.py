"""Stripe Connect transfers: pay a partner's connected account, safely retryable.

Every transfer carries an ``Idempotency-Key`` derived from what it pays (``afflow-payout-<batch>-<partner>``),
so a retry after a timeout, a crash between Stripe's answer and our commit, or a finance user pressing
"send" twice cannot pay twice: Stripe replays the first answer for a key it has seen. Network errors,
429 and 5xx are retried with the same key; any other 4xx is final and reported with Stripe's message.
``base_url`` is configurable so tests talk to a local server speaking Stripe's wire format
(form-encoded requests, ``Authorization: Bearer``, JSON objects and ``{"error": {...}}`` bodies).
This module only talks HTTP; recording transfers is the caller's job.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import httpx

DEFAULT_BASE_URL = "https://api.stripe.com/"
STRIPE_VERSION = "2024-06-20"
RETRY_STATUSES = frozenset({409, 429, 500, 502, 503, 504})


class StripeError(RuntimeError):
    """Stripe refused the request (``code``/``message`` from its error object) or could not be reached."""

    def __init__(self, message: str, *, status: int | None = None, code: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code

    @property
    def final(self) -> bool:
        """Stripe answered and will answer the same for this key (a 4xx other than 409/429)."""
        return self.status is not None and self.status < 500 and self.status not in RETRY_STATUSES


@dataclass(frozen=True, slots=True)
class Transfer:
    id: str
    amount_cents: int
    currency: str
    destination: str
    replayed: bool


def payout_idempotency_key(*, batch_id: int, partner_id: str) -> str:
    return f"afflow-payout-{batch_id}-{partner_id}"


class StripeConnect:
    def __init__(
        self,
        *,
        api_key: str,
        base_url: str = DEFAULT_BASE_URL,
        timeout: float = 20.0,
        attempts: int = 3,
        backoff_seconds: float = 0.5,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self._client = httpx.Client(
            base_url=base_url.rstrip("/") + "/",
            timeout=timeout,
            headers={"Authorization": f"Bearer {api_key}", "Stripe-Version": STRIPE_VERSION},
            transport=transport,
        )
        self._attempts = max(1, attempts)
        self._backoff = backoff_seconds

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> StripeConnect:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def create_transfer(
        self,
        *,
        amount_cents: int,
        currency: str,
        destination: str,
        idempotency_key: str,
        transfer_group: str | None = None,
        metadata: Mapping[str, str] | None = None,
    ) -> Transfer:
        """POST /v1/transfers; returns the transfer Stripe made (or already had made for this key)."""
        if amount_cents <= 0:
            raise ValueError("a transfer must move a positive amount")
        form: dict[str, str] = {
            "amount": str(amount_cents),
            "currency": currency.lower(),
            "destination": destination,
        }
        if transfer_group:
            form["transfer_group"] = transfer_group
        for key, value in (metadata or {}).items():
            form[f"metadata[{key}]"] = value
        body = self._post("v1/transfers", form=form, idempotency_key=idempotency_key)
        return Transfer(
            id=str(body["id"]),
            amount_cents=int(body["amount"]),
            currency=str(body["currency"]).upper(),
            destination=str(body["destination"]),
            replayed=bool(body.get("_replayed")),
        )

    def _post(self, path: str, *, form: dict[str, str], idempotency_key: str) -> dict[str, Any]:
        last_error = StripeError("no request was made")
        for attempt in range(self._attempts):
            if attempt:
                time.sleep(self._backoff * 2 ** (attempt - 1))
            try:
                response = self._client.post(path, data=form, headers={"Idempotency-Key": idempotency_key})
            except httpx.HTTPError as exc:
                last_error = StripeError(f"Stripe unreachable: {exc}")
                continue
            body = _json(response)
            if response.status_code < 300:
                body["_replayed"] = response.headers.get("Idempotent-Replayed", "").lower() == "true"
                return body
            error = body.get("error")
            detail = error if isinstance(error, dict) else {}
            last_error = StripeError(
                str(detail.get("message") or f"Stripe answered HTTP {response.status_code}"),
                status=response.status_code,
                code=str(detail["code"]) if detail.get("code") else None,
            )
            if response.status_code not in RETRY_STATUSES:
                break
        raise last_error


def _json(response: httpx.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}
