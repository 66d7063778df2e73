"""Benchmark ``GET /r/{code}`` of a real ``afflow serve`` against a bare Starlette redirect, on loopback.

    python bench/redirect.py [--database-url postgresql://root@127.0.0.1:5432/test] [--seconds 10]
                             [--connections 64] [--rounds 3]

Both servers run under the same uvicorn settings (httptools, uvloop, no access log); ``wrk`` (Debian package
``wrk``) drives them in alternating rounds with the same Lua script (random client IPs via X-Forwarded-For,
realistic user agents, 50 different links). Printed per server: requests/s, p50 and p99 latency (medians over
the rounds, p99 also per round) and the CPU time per request of the server and its child processes (afflow's
click store and jobs), then the ratio afflow / baseline of throughput (and per round) and of CPU per request:
on a loaded shared machine the CPU figure is the steadier one. Click
accounting: the server's own count of 302s answered (``/healthz`` ``clicks_recorded``), the 302s wrk saw
(fewer: replies in flight when wrk stops are not counted), and the clicks stored after a SIGTERM — which must
equal the server's count.

A PostgreSQL URL gets a fresh schema for the run, dropped afterwards. Figures, never asserts.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import httpx
from sqlalchemy import func, select, text

from store.db import make_engine, migrate, transaction
from store.models import Click
from tools.links import create_links
from workflows.importing.importer import import_csv

LUA = r"""
local agents = {
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
  "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36",
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
  "Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
}
local codes = {CODES}
math.randomseed(os.time())
request = function()
  wrk.headers["X-Forwarded-For"] = math.random(1, 223) .. "." .. math.random(0, 255) .. "." .. math.random(0, 255) .. "." .. math.random(1, 254)
  wrk.headers["User-Agent"] = agents[math.random(1, #agents)]
  wrk.headers["Referer"] = "https://blog.example.com/review"
  return wrk.format("GET", "/r/" .. codes[math.random(1, #codes)])
end
done = function(summary, latency, requests)
  io.write(string.format('{"requests": %d, "status_errors": %d, "socket_errors": %d, "seconds": %f, "p50_us": %d, "p99_us": %d}\n',
    summary.requests, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.duration / 1e6, latency:percentile(50), latency:percentile(99)))
end
"""

BASELINE_APP = """
from starlette.applications import Starlette
from starlette.responses import Response
from starlette.routing import Route

async def redirect(request):
    return Response(status_code=302, headers={"location": "https://shop.example.com/products/S1?afflow_cid=x"})

app = Starlette(routes=[Route("/r/{code}", redirect)])
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_healthy(url: str, process: subprocess.Popen[bytes], timeout: float = 240.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"server exited early with {process.returncode}")
        try:
            httpx.get(url, timeout=1.0)
            return
        except httpx.TransportError:
            time.sleep(0.2)
    sys.exit(f"server at {url} did not start in {timeout}s")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process and its live children (afflow's click store process), all their
    threads (Linux ``/proc``)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except FileNotFoundError:
        return 0.0  # a child that exited meanwhile
    children = [
        int(child) for task in Path(f"/proc/{pid}/task").glob("*/children") for child in task.read_text().split()
    ]
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK") + sum(map(cpu_seconds, children))


def run_wrk(url: str, script: Path, *, seconds: int, connections: int, pid: int) -> dict[str, float]:
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "-s", str(script), f"{url}/"]
    cpu_before = cpu_seconds(pid)
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    figures: dict[str, float] = json.loads(output.strip().splitlines()[-1])
    figures["rps"] = figures["requests"] / figures["seconds"]
    # CPU per answered request: on a shared, loaded machine throughput follows what the scheduler grants;
    # the server's own CPU time per request does not (it includes background work: click inserts, jobs)
    figures["cpu_us"] = (cpu_seconds(pid) - cpu_before) / max(figures["requests"], 1) * 1e6
    return figures


def prepare_database(url: str | None, workdir: Path) -> tuple[str, str | None]:
    """A URL for a fresh database: a temp SQLite file, or a new schema in the given PostgreSQL."""
    if not url or url.startswith("sqlite"):
        return url or f"sqlite:///{workdir}/bench.db", None
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    with make_engine(url).begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    separator = "&" if "?" in url else "?"
    return f"{url}{separator}options={quote(f'-csearch_path={schema}')}", schema


def seed(db_url: str, workdir: Path) -> list[str]:
    engine = make_engine(db_url)
    migrate(engine)
    (workdir / "partners.csv").write_text(
        "partner_id,name,email,channel,audience_size,engagement_rate,ref_code,coupon_code\n"
        "p1,Pat Lee,pat@example.com,youtube,12000,0.05,PATREF,\n"
    )
    products = "".join(f"S{i:03d},Product {i},20.00,8.00,100,100,misc\n" for i in range(50))
    (workdir / "products.csv").write_text("sku,title,price,unit_cost,stock,stock_target,category\n" + products)
    with transaction(engine) as session:
        import_csv(session=session, kind="partners", path=workdir / "partners.csv")
        import_csv(session=session, kind="products", path=workdir / "products.csv")
        links = create_links(session=session, partner_id="p1", all_skus=True, public_url="http://127.0.0.1")
    engine.dispose()
    return [link.code for link in links]


def stored_clicks(db_url: str) -> int:
    engine = make_engine(db_url)
    with transaction(engine) as session:
        count = int(session.scalar(select(func.count()).select_from(Click)) or 0)
    engine.dispose()
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed: apt-get install wrk")
    workdir = Path(tempfile.mkdtemp(prefix="afflow-bench-"))
    db_url, schema = prepare_database(args.database_url, workdir)
    codes = seed(db_url, workdir)
    script = workdir / "load.lua"
    script.write_text(LUA.replace("{CODES}", "{" + ", ".join(f'"{code}"' for code in codes) + "}"))
    (workdir / "baseline_app.py").write_text(BASELINE_APP)
    afflow_port, baseline_port = free_port(), free_port()
    env = {**os.environ, "AFFLOW_DATABASE_URL": db_url, "AFFLOW_SPOOL_DIR": str(workdir / "spool")}
    env |= {"AFFLOW_HOST": "127.0.0.1", "AFFLOW_PORT": str(afflow_port)}
    afflow = subprocess.Popen(["afflow", "serve"], env=env, stdout=subprocess.DEVNULL)
    baseline = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "baseline_app:app",
            "--port",
            str(baseline_port),
            "--no-access-log",
            "--log-level",
            "warning",
            "--no-server-header",
        ],
        cwd=workdir,
        stdout=subprocess.DEVNULL,
    )
    try:
        wait_healthy(f"http://127.0.0.1:{afflow_port}/healthz", afflow)
        wait_healthy(f"http://127.0.0.1:{baseline_port}/r/x", baseline)
        afflow_url, baseline_url = f"http://127.0.0.1:{afflow_port}", f"http://127.0.0.1:{baseline_port}"
        results: dict[str, list[dict[str, float]]] = {"baseline": [], "afflow": []}
        servers = {"baseline": (baseline_url, baseline.pid), "afflow": (afflow_url, afflow.pid)}
        for url, pid in servers.values():  # warm-up: link cache, imports, JIT-free but page-cache warm
            run_wrk(url, script, seconds=2, connections=args.connections, pid=pid)
        for _ in range(args.rounds):
            for name, (url, pid) in servers.items():
                results[name].append(run_wrk(url, script, seconds=args.seconds, connections=args.connections, pid=pid))
        health = httpx.get(f"{afflow_url}/healthz", timeout=10).json()
        afflow.send_signal(signal.SIGTERM)
        afflow.wait(timeout=60)
        stored = stored_clicks(db_url)
    finally:
        for process in (afflow, baseline):
            if process.poll() is None:
                process.kill()
                process.wait()
    report(results, health, stored, db_url, args)
    if schema:
        with make_engine(args.database_url).begin() as connection:
            connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    shutil.rmtree(workdir, ignore_errors=True)


def report(
    results: dict[str, list[dict[str, float]]],
    health: dict[str, int],
    stored: int,
    db_url: str,
    args: argparse.Namespace,
) -> None:
    backend = "postgresql" if db_url.startswith("postgres") else "sqlite"
    print(
        f"GET /r/{{code}} on loopback, wrk -t1 -c{args.connections}, {args.rounds} x {args.seconds}s per server, "
        f"{os.cpu_count()} CPUs, store: {backend}, load average now {os.getloadavg()[0]:.1f}"
    )
    medians: dict[str, float] = {}
    cpu: dict[str, float] = {}
    for name, runs in results.items():
        rps = statistics.median(run["rps"] for run in runs)
        p50 = statistics.median(run["p50_us"] for run in runs) / 1000
        p99 = statistics.median(run["p99_us"] for run in runs) / 1000
        medians[name] = rps
        cpu[name] = statistics.median(run["cpu_us"] for run in runs)
        rounds = ", ".join(f"{run['rps']:.0f}" for run in runs)
        p99s = ", ".join(f"{run['p99_us'] / 1000:.1f}" for run in runs)
        print(
            f"  {name:9s} {rps:8.0f} req/s  p50 {p50:6.2f} ms  p99 {p99:6.2f} ms  {cpu[name]:5.0f} us CPU/request"
            f"   (rounds: {rounds} req/s; p99 {p99s} ms)"
        )
    pairs = [a["rps"] / b["rps"] for a, b in zip(results["afflow"], results["baseline"], strict=True)]
    print(
        f"  ratio afflow/baseline: {medians['afflow'] / medians['baseline']:.2f} throughput (per round: "
        f"{', '.join(f'{pair:.2f}' for pair in pairs)}), {cpu['baseline'] / cpu['afflow']:.2f} by CPU per request"
    )
    seen = int(sum(run["requests"] - run["status_errors"] for run in results["afflow"]))
    recorded = health["clicks_recorded"]
    print(
        f"  clicks: {recorded} answered 302 by the server (wrk saw {seen} of them; the rest were in flight at "
        f"wrk's stop, plus warm-up), {stored} stored after SIGTERM -> "
        f"{'no click lost' if stored == recorded else f'MISMATCH {stored - recorded:+d}'}"
    )


if __name__ == "__main__":
    main()
