"""A real ``afflow serve`` subprocess, the installed CLI in a subprocess, and a bounded loopback load loop, for
the crash and end-to-end tests."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import subprocess
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx


def afflow_json(env: Mapping[str, str], *args: str, cwd: Path) -> Any:
    """The installed ``afflow ARGS --json`` in a subprocess with ``env`` over this process's environment:
    its JSON document (a non-zero exit fails with its stderr)."""
    done = subprocess.run(["afflow", *args, "--json"], env={**os.environ, **env}, cwd=cwd, capture_output=True,
                          text=True, timeout=300, check=False)  # fmt: skip
    assert done.returncode == 0, f"afflow {' '.join(args)}: {done.stdout}{done.stderr}"
    return json.loads(done.stdout)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class ServeProcess:
    """``afflow serve`` on a free loopback port with the given environment; output goes to a log file."""

    env: Mapping[str, str]
    log_path: Path
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, *, timeout: float = 180.0) -> None:
        env = {**os.environ, **self.env, "AFFLOW_HOST": "127.0.0.1", "AFFLOW_PORT": str(self.port)}
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(["afflow", "serve"], env=env, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"afflow serve exited with {self.process.returncode}: {self.log()}")
            try:
                if httpx.get(f"{self.base_url}/healthz", timeout=1.0).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        self.stop(signal.SIGKILL)
        raise AssertionError(f"afflow serve did not become healthy in {timeout}s: {self.log()}")

    def stop(self, sig: signal.Signals, *, timeout: float = 120.0) -> int:
        assert self.process is not None
        self.process.send_signal(sig)
        return self.process.wait(timeout=timeout)

    def kill_if_running(self) -> None:
        """Test clean-up: never leave a server behind, whatever failed."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-3000:]


@dataclass
class LoadResult:
    answered: set[str] = field(default_factory=set)  # click ids of responses received as 302
    errors: int = 0
    other_statuses: int = 0


async def redirect_load(
    base_url: str, code: str, *, concurrency: int, max_requests: int, max_seconds: float, stop: asyncio.Event
) -> LoadResult:
    """Loop GET /r/{code} on ``concurrency`` connections until ``stop``, the count or the time runs out.

    A click counts as answered only when its 302 (and the click id in ``Location``) reached us; requests
    cut off by a crash are connection errors, and are not counted.
    """
    result = LoadResult()
    deadline = time.monotonic() + max_seconds
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)

    async def worker(client: httpx.AsyncClient) -> None:
        while not stop.is_set() and time.monotonic() < deadline and len(result.answered) < max_requests:
            try:
                response = await client.get(f"/r/{code}", headers={"x-forwarded-for": "198.51.100.23"})
            except httpx.HTTPError:
                result.errors += 1
                await asyncio.sleep(0.01)
                continue
            if response.status_code != 302:
                result.other_statuses += 1
                continue
            result.answered.add(parse_qs(urlsplit(response.headers["location"]).query)["afflow_cid"][0])

    async with httpx.AsyncClient(base_url=base_url, limits=limits, timeout=5.0) as client:
        await asyncio.gather(*(worker(client) for _ in range(concurrency)))
    return result
