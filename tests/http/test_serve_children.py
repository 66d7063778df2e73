"""``afflow serve`` runs its background work in child processes (the click store, the scheduled jobs); when it
is SIGKILLed they stop by themselves instead of running on without a server (SQLite and PostgreSQL)."""

from __future__ import annotations

import signal
from pathlib import Path

from frontdoor import seed_program, wait_until
from serve_process import ServeProcess
from sqlalchemy import Engine


def children(pid: int) -> dict[int, str]:
    """Child pid -> its command line."""
    pids = [int(child) for task in Path(f"/proc/{pid}/task").glob("*/children") for child in task.read_text().split()]
    return {child: Path(f"/proc/{child}/cmdline").read_bytes().replace(b"\0", b" ").decode() for child in pids}


def alive(pid: int) -> bool:
    """Running, not a zombie waiting for whoever adopted it to reap it."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0] != "Z"
    except FileNotFoundError:
        return False


def test_a_killed_server_leaves_no_click_store_or_jobs_process_running(
    db_url: str, engine: Engine, tmp_path: Path
) -> None:
    seed_program(engine, tmp_path)
    env = {"AFFLOW_DATABASE_URL": db_url, "AFFLOW_SPOOL_DIR": str(tmp_path / "spool"),
           "AFFLOW_OUTPUT_DIR": str(tmp_path / "out")}  # fmt: skip
    server = ServeProcess(env=env, log_path=tmp_path / "serve.log")
    try:
        server.start()
        assert server.process is not None
        running = children(server.process.pid)
        kinds = sorted(kind for command in running.values() for kind in ("serve_jobs", "clickstore") if kind in command)
        assert kinds == ["clickstore", "serve_jobs"], running
        server.process.send_signal(signal.SIGKILL)
        server.process.wait(timeout=60)
        wait_until(lambda: not any(map(alive, running)), timeout=60, what="the server's children to stop")
    finally:
        server.kill_if_running()
    assert "scheduler stopped" in server.log()
