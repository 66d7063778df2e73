"""A local HTTP server that speaks the Slack Web API wire format for the methods afflow uses.

It is reached through slack-sdk's ``base_url`` exactly like https://slack.com/api/: bearer-token auth,
form-encoded or JSON bodies, ``{"ok": true, ...}`` answers, ``{"ok": false, "error": ...}`` failures and
HTTP 429 with ``Retry-After``. Methods: chat.postMessage, chat.update, chat.postEphemeral,
conversations.open, views.open, files.getUploadURLExternal, the upload URL it hands out, and
files.completeUploadExternal. Every request is recorded for assertions; failures can be scripted.
"""

from __future__ import annotations

import itertools
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest

TOKEN = "xoxb-test-token"


@dataclass
class SlackCall:
    method: str
    args: dict[str, Any]
    headers: dict[str, str]
    raw: bytes = b""


@dataclass
class FakeSlack:
    """State of the fake workspace: recorded calls, posted messages, uploads and scripted failures."""

    url: str = ""
    calls: list[SlackCall] = field(default_factory=list)
    messages: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    uploads: dict[str, bytes] = field(default_factory=dict)
    failures: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)
    _seq: Iterator[int] = field(default_factory=lambda: itertools.count(1))

    def fail_next(self, method: str, *, error: str = "internal_error", status: int = 200, times: int = 1) -> None:
        """Make the next ``times`` calls of ``method`` fail (status 429 answers ``ratelimited``)."""
        self.failures.setdefault(method, []).extend([(status, error)] * times)

    def called(self, method: str) -> list[SlackCall]:
        with self.lock:
            return [call for call in self.calls if call.method == method]

    def next_id(self) -> int:
        return next(self._seq)


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:  # quiet test output
        return

    def do_POST(self) -> None:
        state = self.server.state
        path = urlsplit(self.path)
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        headers = {key.lower(): value for key, value in self.headers.items()}
        if "/upload/v1/" in path.path:
            file_id = path.path.rsplit("/", 1)[-1]
            with state.lock:
                state.calls.append(SlackCall("upload", {"file_id": file_id}, headers, raw))
                known = file_id in state.uploads
                if known:
                    state.uploads[file_id] = raw
            self._answer(200 if known else 404, "OK - " + str(len(raw)) if known else "not found", text=True)
            return
        method = path.path.strip("/").split("/")[-1]
        args: dict[str, Any] = dict(parse_qsl(path.query))
        if headers.get("content-type", "").startswith("application/json"):
            args.update(json.loads(raw or b"{}"))
        else:
            args.update(parse_qsl(raw.decode()))
        with state.lock:
            state.calls.append(SlackCall(method, args, headers, raw))
            scripted = state.failures.get(method)
            failure = scripted.pop(0) if scripted else None
        if headers.get("authorization") != f"Bearer {TOKEN}":
            self._answer(200, {"ok": False, "error": "invalid_auth"})
        elif failure is not None:
            status, error = failure
            self._answer(status, {"ok": False, "error": "ratelimited" if status == 429 else error})
        else:
            handler = getattr(self, "m_" + method.replace(".", "_"), None)
            if handler is None:
                self._answer(200, {"ok": False, "error": "unknown_method"})
            else:
                self._answer(200, handler(state, args))

    def _answer(self, status: int, body: dict[str, Any] | str, *, text: bool = False) -> None:
        data = (body if isinstance(body, str) else json.dumps(body)).encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain" if text else "application/json; charset=utf-8")
        if status == 429:
            self.send_header("Retry-After", "1")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    @staticmethod
    def _blocks(args: dict[str, Any]) -> list[Any]:
        blocks = args.get("blocks", [])
        return json.loads(blocks) if isinstance(blocks, str) else list(blocks)

    def m_chat_postMessage(self, state: FakeSlack, args: dict[str, Any]) -> dict[str, Any]:
        channel = str(args.get("channel", ""))
        if not channel:
            return {"ok": False, "error": "channel_not_found"}
        ts = f"1700000000.{state.next_id():06d}"
        message = {"type": "message", "ts": ts, "text": args.get("text", ""), "blocks": self._blocks(args)}
        with state.lock:
            state.messages[(channel, ts)] = message
        return {"ok": True, "channel": channel, "ts": ts, "message": message}

    def m_chat_update(self, state: FakeSlack, args: dict[str, Any]) -> dict[str, Any]:
        key = (str(args.get("channel")), str(args.get("ts")))
        with state.lock:
            if key not in state.messages:
                return {"ok": False, "error": "message_not_found"}
            state.messages[key] = {**state.messages[key], "text": args.get("text", ""), "blocks": self._blocks(args)}
        return {"ok": True, "channel": key[0], "ts": key[1], "text": args.get("text", "")}

    def m_chat_postEphemeral(self, state: FakeSlack, args: dict[str, Any]) -> dict[str, Any]:
        if not args.get("user") or not args.get("channel"):
            return {"ok": False, "error": "user_not_in_channel"}
        return {"ok": True, "message_ts": f"1700000000.{state.next_id():06d}"}

    def m_conversations_open(self, state: FakeSlack, args: dict[str, Any]) -> dict[str, Any]:
        users = str(args.get("users", ""))
        if not users.startswith(("U", "W")):
            return {"ok": False, "error": "user_not_found"}
        return {"ok": True, "channel": {"id": "D" + users.split(",")[0][1:]}}

    def m_views_open(self, state: FakeSlack, args: dict[str, Any]) -> dict[str, Any]:
        if not args.get("trigger_id"):
            return {"ok": False, "error": "invalid_trigger_id"}
        view = json.loads(args["view"]) if isinstance(args.get("view"), str) else args.get("view")
        return {"ok": True, "view": {"id": f"V{state.next_id():08d}", **(view or {})}}

    def m_files_getUploadURLExternal(self, state: FakeSlack, args: dict[str, Any]) -> dict[str, Any]:
        if not args.get("filename") or not str(args.get("length", "")).isdigit():
            return {"ok": False, "error": "invalid_arguments"}
        file_id = f"F{state.next_id():08d}"
        with state.lock:
            state.uploads[file_id] = b""
        return {"ok": True, "upload_url": f"{state.url}upload/v1/{file_id}", "file_id": file_id}

    def m_files_completeUploadExternal(self, state: FakeSlack, args: dict[str, Any]) -> dict[str, Any]:
        files = json.loads(args.get("files", "[]"))
        with state.lock:
            if any(not state.uploads.get(item["id"]) for item in files):
                return {"ok": False, "error": "file_not_found"}
        return {"ok": True, "files": [{"id": item["id"], "title": item.get("title", "")} for item in files]}


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    state: FakeSlack


def start_fake_slack() -> tuple[FakeSlack, _Server]:
    server = _Server(("127.0.0.1", 0), _Handler)
    server.state = FakeSlack(url=f"http://127.0.0.1:{server.server_address[1]}/api/")
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server.state, server


@pytest.fixture
def fake_slack() -> Iterator[FakeSlack]:
    state, server = start_fake_slack()
    yield state
    server.shutdown()
    server.server_close()
