"""The REST API's one error shape, ``{"error": {"code", "message", "details"}}`` (the CLI's ``--json`` one).

``EnvelopeRoute`` is the router's route class: it turns an ``ApiError``, FastAPI's request validation error
(422) and a ``HTTPException`` into that shape inside the route itself, so the API needs no handler on the
application it is mounted in (the composition root's shared FastAPI app serves other routers too). A bug is
not caught here: it stays a 500 with its traceback in the log.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import HTTPException
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from pydantic import BaseModel
from starlette.requests import Request
from starlette.responses import JSONResponse, Response


class ApiError(Exception):
    """A refusal the client can act on: its HTTP status, a stable code, a sentence, and specifics."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        details: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message
        self.details = details or {}
        self.headers = headers or {}


class ErrorBody(BaseModel):
    code: str
    message: str
    details: dict[str, Any] = {}


class ErrorEnvelope(BaseModel):
    """What every 4xx of the API carries."""

    error: ErrorBody


def error_response(error: ApiError) -> JSONResponse:
    body = {"error": {"code": error.code, "message": error.message, "details": error.details}}
    return JSONResponse(body, status_code=error.status, headers=error.headers)


_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
          409: "conflict", 422: "invalid_input", 429: "rate_limited"}  # fmt: skip


class EnvelopeRoute(APIRoute):
    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def handle(request: Request) -> Response:
            try:
                return await handler(request)
            except ApiError as error:
                return error_response(error)
            except RequestValidationError as error:
                problems = [
                    {"field": ".".join(str(p) for p in e["loc"]), "message": e["msg"]} for e in error.errors()
                ]
                return error_response(ApiError(422, "invalid_input", "the request is invalid", {"problems": problems}))
            except HTTPException as error:
                code = _CODES.get(error.status_code, "error")
                return error_response(ApiError(error.status_code, code, str(error.detail), headers=dict(error.headers or {})))

        return handle


def documented(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` for a route: each listed status carries the error envelope."""
    return {status: {"model": ErrorEnvelope, "description": _CODES.get(status, "error")} for status in statuses}
