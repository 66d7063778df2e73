"""``afflow serve``: the HTTP app (redirects, webhooks, conversion postbacks, Slack actions, the portal) under
uvicorn, and the scheduled jobs. What it serves and runs is built by ``afflow.wiring`` (``http_app`` lists
every router explicitly; ``start_scheduler``); this module only binds, runs and stops them. Nothing but
serving runs in this process: the jobs run in ``afflow.commands.serve_jobs`` and click batches are committed
by ``workflows.http.clickstore``, both child processes, so no background work holds the GIL redirects need.
"""

from __future__ import annotations

import gc
import logging
import os
import signal
import subprocess
import sys
from types import FrameType

import typer

from afflow import wiring
from afflow.clikit import UserError, console, open_store, settings, user_errors


def serve(
    host: str | None = typer.Option(None, help="Interface to bind (default AFFLOW_HOST, else 127.0.0.1)."),
    port: int | None = typer.Option(None, min=1, max=65535, help="Port (default AFFLOW_PORT, else 8000)."),
) -> None:
    """Serve tracking redirects, store webhooks and conversion postbacks until SIGTERM / Ctrl-C."""
    import uvicorn

    with user_errors(as_json=False):
        current = settings()
        engine = open_store()
        app = wiring.http_app(engine=engine, settings=current)
        app.behind_proxies(current.forwarded_allow_ips)  # X-Forwarded-For: the click's IP behind a load balancer
        app.commit_clicks_in_subprocess()  # no click batch holds this process's GIL while redirects wait
        bind_host, bind_port = host or current.host, port or current.port
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
        console.print(
            f"[green]afflow serving[/] on http://{bind_host}:{bind_port} (share links as {current.public_url}/r/…)"
        )
        server = uvicorn.Server(
            uvicorn.Config(
                app,
                host=bind_host,
                port=bind_port,
                access_log=False,  # the clicks table is the access log; a log line per redirect is pure cost
                log_level="warning",
                timeout_graceful_shutdown=10,
                server_header=False,
                proxy_headers=False,  # applied by the app itself (behind_proxies): cheaper for redirects
            )
        )
        # the jobs run in their own process (afflow.commands.serve_jobs): none holds this process's GIL
        scheduler = _start_jobs_process() if current.scheduler_enabled else None
        for stop_signal in (signal.SIGTERM, signal.SIGINT):
            # uvicorn re-raises the signal after its graceful shutdown; exiting through `finally` stops the
            # scheduler (and disposes the engine) instead of dying with the default handler.
            signal.signal(stop_signal, _exit_after_shutdown)
        # Everything loaded by now (the CLI imports agents, LLM clients, ...: ~300k objects) lives as long as
        # the process. A full collection walking it took 1.8 s on the loaded 2-core dev machine, a pause every
        # in-flight redirect would wait out; collected once and frozen, those objects are never scanned again.
        gc.collect()
        gc.freeze()
        try:
            server.run()
        except OSError as exc:  # pragma: no cover - depends on the machine
            raise UserError("bind_failed", f"cannot listen on {bind_host}:{bind_port}: {exc.strerror}") from exc
        finally:
            if scheduler is not None:
                scheduler.send_signal(signal.SIGTERM)
                scheduler.wait()  # waits for a running job; its lock is released
            engine.dispose()


def _start_jobs_process() -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "afflow.commands.serve_jobs", str(os.getpid())])


def _exit_after_shutdown(signum: int, _frame: FrameType | None) -> None:
    raise SystemExit(0)


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
