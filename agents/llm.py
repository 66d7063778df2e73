"""The one LLM client: the official ``openai`` package against any OpenAI-compatible endpoint, or the offline reasoner.

Every call site asks for a pydantic-validated answer and supplies the offline answer (from analytics and
templates) in the same call, so the graphs are identical with and without a key. The LLM path:
``json_schema`` structured output, falling back once per client to ``json_object`` with the schema when the
server says that response format is unsupported (llama.cpp's does); output is always validated; one retry
with the validation errors. What happens when it goes wrong:

- still invalid, a transient error after the client's own retries with backoff (408, 409, 429, 5xx,
  timeouts, connection errors) or a spent budget => the offline answer for that item, counted as a
  fallback with its reason in the run's usage;
- any other refusal (a 400 that is not about the response format, such as a context-length error or a bad
  parameter, 401, 403, 404, 422) => ``LLMRefused``, naming the model, the endpoint and the server's
  message: a wrong key or model name must stop the run, not quietly turn every item offline. Once one item
  was refused the others of the client raise the same error without calling the server again.

It never applies anything.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Protocol, TypeVar, cast

import openai
from openai.types.chat import ChatCompletionMessageParam
from pydantic import BaseModel, ValidationError

from agents.llm_errors import LLMRefused
from agents.usage import RunUsage, usd_to_micro

__all__ = ["LLMConfig", "LLMRefused", "OfflineReasoner", "OpenAIReasoner", "Reasoner", "make_reasoner"]

T = TypeVar("T", bound=BaseModel)
ItemT = TypeVar("ItemT")
R = TypeVar("R")


@dataclass(frozen=True)
class LLMConfig:
    """What the composition root reads from settings; ``api_key`` None means offline."""

    api_key: str | None
    base_url: str | None = None
    model: str = "gpt-4o-mini"
    budget_usd: Decimal = Decimal("2.00")
    concurrency: int = 8
    timeout_seconds: float = 60.0
    max_retries: int = 3
    max_tokens: int = 400


class Reasoner(Protocol):
    """What nodes call for judgement and text; ``mode`` is ``offline`` or ``llm``."""

    mode: str
    usage: RunUsage

    def structured(
        self, *, task: str, system: str, prompt: str, schema: type[T], offline: Callable[[], T]
    ) -> T: ...

    def map(self, work: Callable[[ItemT], R], items: Iterable[ItemT]) -> list[R]: ...


class OfflineReasoner:
    """Deterministic answers from analytics and templates: the embedded default, no network."""

    mode = "offline"

    def __init__(self) -> None:
        self.usage = RunUsage(model="offline", budget_micro_usd=0)

    def structured(
        self, *, task: str, system: str, prompt: str, schema: type[T], offline: Callable[[], T]
    ) -> T:
        return offline()

    def map(self, work: Callable[[ItemT], R], items: Iterable[ItemT]) -> list[R]:
        return [work(item) for item in items]


class OpenAIReasoner:
    """LLM answers under a concurrency limit and a per-run budget; see the module docstring for fallbacks."""

    mode = "llm"

    def __init__(self, config: LLMConfig, client: openai.OpenAI | None = None) -> None:
        self.config = config
        self.client = client or openai.OpenAI(
            api_key=config.api_key,
            base_url=config.base_url,
            timeout=config.timeout_seconds,
            max_retries=config.max_retries,
        )
        self.usage = RunUsage(model=config.model, budget_micro_usd=usd_to_micro(config.budget_usd))
        self._slots = threading.BoundedSemaphore(max(1, config.concurrency))
        self._json_schema_supported = True
        self._refused: LLMRefused | None = None

    def structured(
        self, *, task: str, system: str, prompt: str, schema: type[T], offline: Callable[[], T]
    ) -> T:
        messages: list[ChatCompletionMessageParam] = [
            {"role": "system", "content": system},
            {"role": "user", "content": prompt},
        ]
        for _attempt in range(2):
            if self._refused is not None:
                raise self._refused
            if not self.usage.can_spend():
                self.usage.fallback(task=task, reason="budget")
                return offline()
            try:
                content = self._complete(messages=messages, schema=schema)
            except openai.APIError as exc:
                if _is_transient(exc):
                    self.usage.fallback(task=task, reason=f"api_error:{type(exc).__name__}")
                    return offline()
                raise self._refuse(exc) from exc
            try:
                return schema.model_validate_json(extract_json(content))
            except ValidationError as exc:
                messages = [
                    *messages,
                    {"role": "assistant", "content": content},
                    {"role": "user", "content": _correction(exc)},
                ]
        self.usage.fallback(task=task, reason="invalid_output")
        return offline()

    def map(self, work: Callable[[ItemT], R], items: Iterable[ItemT]) -> list[R]:
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=max(1, self.config.concurrency)) as pool:
            results = list(pool.map(work, items))
        self.usage.add_llm_seconds(time.perf_counter() - started)
        return results

    def _complete(self, *, messages: Sequence[ChatCompletionMessageParam], schema: type[BaseModel]) -> str:
        with self._slots:
            if self._json_schema_supported:
                try:
                    return self._create(messages, _json_schema_format(schema))
                except openai.APIStatusError as exc:
                    if not _refuses_response_format(exc):
                        raise
                    # A local server refuses json_schema (llama-cpp-python answers 500 with a validation error
                    # naming response_format): use json_object + schema from now on. Refused again, it raises.
                    self._json_schema_supported = False
            try:
                return self._create(messages, {"type": "json_object", "schema": schema.model_json_schema()})
            except openai.APIStatusError as exc:
                if _refuses_response_format(exc):  # neither json_schema nor json_object: nothing left to try
                    raise self._refuse(exc) from exc
                raise

    def _refuse(self, error: openai.APIError) -> LLMRefused:
        """The error that stops the run; every later call of this client raises it without a request."""
        status = error.status_code if isinstance(error, openai.APIStatusError) else 0
        self._refused = LLMRefused(model=self.config.model, endpoint=str(self.client.base_url).rstrip("/"),
                                   status=status, server_message=_server_message(error))
        return self._refused

    def _create(self, messages: Sequence[ChatCompletionMessageParam], response_format: dict[str, Any]) -> str:
        completion = self.client.chat.completions.create(
            model=self.config.model,
            messages=list(messages),
            response_format=cast(Any, response_format),  # json_object + schema is a server extension
            max_tokens=self.config.max_tokens,
            temperature=0,
        )
        if completion.usage is not None:
            self.usage.record_call(
                prompt_tokens=completion.usage.prompt_tokens, completion_tokens=completion.usage.completion_tokens
            )
        else:
            self.usage.record_call(prompt_tokens=0, completion_tokens=0)
        return completion.choices[0].message.content or ""


def make_reasoner(config: LLMConfig) -> Reasoner:
    """The LLM reasoner when a key is configured, else the offline reasoner."""
    if not config.api_key:
        return OfflineReasoner()
    return OpenAIReasoner(config)


def extract_json(content: str) -> str:
    """The JSON object in a reply, tolerating code fences or prose around it (small models add them)."""
    start, end = content.find("{"), content.rfind("}")
    return content[start : end + 1] if 0 <= start < end else content


TRANSIENT_STATUSES = (408, 409, 429)  # and every 5xx: what the client itself retries
FORMAT_WORDS = ("response_format", "json_schema", "not supported", "unsupported")


def _is_transient(error: openai.APIError) -> bool:
    """Worth the offline answer for this item and another try on the next: the server is busy or away."""
    if isinstance(error, openai.APIConnectionError):  # includes timeouts
        return True
    if isinstance(error, openai.APIStatusError):
        return error.status_code in TRANSIENT_STATUSES or error.status_code >= 500
    return isinstance(error, openai.APIResponseValidationError)  # a 200 whose body is not a completion


def _refuses_response_format(error: openai.APIStatusError) -> bool:
    """The server says it does not support the ``json_schema`` response format (and nothing else is wrong).

    OpenAI names the parameter (``param: "response_format"``); llama-cpp-python answers 500 with a validation
    error naming ``response_format``; others say "not supported". A refusal that names another parameter
    ("max_tokens is not supported with this model") is not about the format.
    """
    if error.status_code not in (400, 422, 500):
        return False
    body = error.body if isinstance(error.body, dict) else {}
    param = body.get("param")
    if isinstance(param, str) and param and "response_format" not in param:
        return False
    text = _server_message(error).lower()
    return any(word in text for word in FORMAT_WORDS)


def _server_message(error: openai.APIError) -> str:
    body = error.body
    if isinstance(body, dict) and isinstance(body.get("message"), str):
        return " ".join(str(body["message"]).split())
    return " ".join(str(body if body is not None else error.message).split())


def _json_schema_format(schema: type[BaseModel]) -> dict[str, Any]:
    return {
        "type": "json_schema",
        "json_schema": {"name": schema.__name__, "schema": schema.model_json_schema(), "strict": False},
    }


def _correction(error: ValidationError) -> str:
    problems = [f"{'.'.join(str(p) for p in e['loc']) or '(root)'}: {e['msg']}" for e in error.errors()[:5]]
    return "That reply was not valid. Problems: " + json.dumps(problems) + ". Reply with only the corrected JSON object."
