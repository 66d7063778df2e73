"""A minimal OpenAI-wire-compatible chat-completions server on 127.0.0.1, for tests and the benchmark.

It answers ``POST /v1/chat/completions`` with a schema-valid JSON object built from the request's
``response_format`` schema, after a fixed delay; it can refuse ``json_schema`` (as llama.cpp's server
does), answer scripted statuses first (429 / 500 to exercise retries, or an ``ErrorReply`` with the body a
real server sends: a bad key, an unknown model, a context-length error) or reply with invalid JSON.
It is a stand-in for a model's *wire format*, not for its judgement.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from typing import Any

from tests.fakes.loopback import loopback


@dataclass(frozen=True)
class ErrorReply:
    """A scripted error answer in OpenAI's shape: ``{"error": {"message", "type", "param", "code"}}``."""

    status: int
    message: str
    param: str | None = None
    type: str = "invalid_request_error"
    code: str | None = None


@dataclass
class Script:
    delay_seconds: float = 0.0
    refuse_json_schema: bool = False
    refuse_status: int = 400  # llama-cpp-python answers 500 with a validation error naming response_format
    statuses: list[int | ErrorReply] = field(default_factory=list)  # served (then dropped) before normal answers
    invalid_replies: int = 0  # this many answers are not JSON at all
    overrides: dict[str, Any] = field(default_factory=dict)  # fields forced into every answer
    requests: list[dict[str, Any]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def example(schema: dict[str, Any], defs: dict[str, Any]) -> Any:
    """A small instance that validates against ``schema`` (the subset pydantic emits)."""
    if "$ref" in schema:
        return example(defs[schema["$ref"].split("/")[-1]], defs)
    if "anyOf" in schema:
        options = [s for s in schema["anyOf"] if s.get("type") != "null"]
        return example(options[0], defs) if options else None
    kind = schema.get("type")
    if kind == "object":
        return {name: example(sub, defs) for name, sub in schema.get("properties", {}).items()}
    if kind == "array":
        return [example(schema.get("items", {"type": "string"}), defs) for _ in range(max(1, schema.get("minItems", 1)))]
    if kind == "integer":
        return min(max(50, schema.get("minimum", 0)), schema.get("maximum", 100))
    if kind == "number":
        return 0.5
    if kind == "boolean":
        return False
    if kind == "string":
        match = re.fullmatch(r"\^\(([^|)]+)(?:\|[^)]*)?\)\$", schema.get("pattern", ""))
        if match:
            return match.group(1)
        return "ok" * max(1, (schema.get("minLength", 1) + 1) // 2)
    return None


class _Handler(BaseHTTPRequestHandler):
    script: Script

    def log_message(self, format: str, *args: Any) -> None:
        return

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers.get("content-length", "0"))))
        script = self.script
        with script.lock:
            script.requests.append(body)
            reply = script.statuses.pop(0) if script.statuses else 200
            status = reply.status if isinstance(reply, ErrorReply) else reply
            invalid = script.invalid_replies > 0
            if invalid and status == 200:
                script.invalid_replies -= 1
        time.sleep(script.delay_seconds)
        fmt = body.get("response_format") or {}
        if status == 200 and script.refuse_json_schema and fmt.get("type") == "json_schema":
            message = "('body', 'response_format', 'type'): Input should be 'text' or 'json_object'"
            self._send(script.refuse_status, {"error": {"message": message, "type": "invalid_request_error"}})
            return
        if isinstance(reply, ErrorReply):
            self._send(status, {"error": {"message": reply.message, "type": reply.type, "param": reply.param,
                                          "code": reply.code}})
            return
        if status != 200:
            self._send(status, {"error": {"message": f"scripted {status}", "type": "server_error", "code": status}},
                       headers={"retry-after-ms": "10"})
            return
        schema = fmt.get("schema") or fmt.get("json_schema", {}).get("schema") or {"type": "object"}
        content = "not json, sorry" if invalid else json.dumps(
            {**example(schema, schema.get("$defs", {})), **script.overrides})
        prompt_chars = sum(len(str(m.get("content", ""))) for m in body.get("messages", []))
        self._send(200, {
            "id": "chatcmpl-local", "object": "chat.completion", "created": 0, "model": body.get("model", "local"),
            "choices": [{"index": 0, "finish_reason": "stop",
                         "message": {"role": "assistant", "content": content}}],
            "usage": {"prompt_tokens": prompt_chars // 4, "completion_tokens": len(content) // 4,
                      "total_tokens": prompt_chars // 4 + len(content) // 4},
        })

    def _send(self, status: int, payload: dict[str, Any], headers: dict[str, str] | None = None) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(data)


@contextmanager
def openai_server(script: Script) -> Iterator[str]:
    """Serve ``script`` on a free loopback port; yields the base URL (``http://127.0.0.1:PORT/v1``)."""
    handler = type("Handler", (_Handler,), {"script": script})
    with loopback(handler) as url:
        yield f"{url}/v1"
