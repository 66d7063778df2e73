"""Portal page latency on the demo program (default 200 partners, 500 SKUs, 90 days) in SQLite.

Builds the demo through the same path as ``afflow demo`` (generate, import, ledger history), adds one
account per role, then times each role's pages in-process (``afflow serve``'s app from ``afflow.wiring`` under
FastAPI's TestClient, server-side rendering included) and prints the median per page with its ratio to the
login page measured in the same run.
Run: ``python -m bench.portal [--partners N] [--repeat R]`` (``python bench/portal.py`` would import
``bench/agents.py`` as the ``agents`` package). Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import re
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import Engine, select
from starlette.types import ASGIApp

from afflow import wiring
from afflow.settings import Settings
from store.db import make_engine, migrate, transaction
from store.models import Partner
from workflows.demo.generator import generate_program
from workflows.demo.loader import load_program, run_ledger_history
from workflows.portal.auth import create_user, find_user, issue_login_token


def build_demo(folder: Path, partners: int) -> tuple[Engine, str]:
    engine = make_engine(f"sqlite:///{folder}/bench.db")
    migrate(engine)
    end = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    files = generate_program(out_dir=folder / "csv", partners=partners, end=end)
    load_program(engine=engine, files=files)
    run_ledger_history(engine=engine, end=end)
    with transaction(engine) as session:
        partner_id = session.scalars(select(Partner.id).order_by(Partner.id)).first()
        assert partner_id is not None
        create_user(session=session, email="promoter@bench.example", role="promoter", partner_id=partner_id)
        create_user(session=session, email="manager@bench.example", role="manager")
        create_user(session=session, email="finance@bench.example", role="finance")
    return engine, partner_id


def signed_in(app: ASGIApp, engine: Engine, email: str) -> TestClient:
    client = TestClient(app, follow_redirects=False)
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/portal/login").text)
    assert csrf
    with transaction(engine) as session:
        user = find_user(session=session, email=email)
        assert user is not None
        token = issue_login_token(session=session, user=user)
    assert client.post("/portal/signin", data={"token": token, "csrf_token": csrf.group(1)}).status_code == 303
    return client


def timed(client: TestClient, path: str, repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(path)
        samples.append(time.perf_counter() - started)
        assert response.status_code == 200, (path, response.status_code)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--partners", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        engine, partner_id = build_demo(Path(tmp), args.partners)
        print(f"demo built in {time.perf_counter() - started:.1f} s ({args.partners} partners)")
        # the app `afflow serve` runs (its lifespan, the click writer, is not started: no redirects are timed)
        app = wiring.http_app(engine=engine, settings=Settings(spool_dir=str(Path(tmp) / "spool")))
        baseline = timed(TestClient(app), "/portal/login", args.repeat)
        pages = {
            "promoter@bench.example": [f"/portal/partners/{partner_id}"],
            "manager@bench.example": ["/portal/manager/inbox", "/portal/manager/partners", "/portal/manager/rules"],
            "finance@bench.example": ["/portal/finance"],
        }
        print(f"{'page':40} {'median ms':>10} {'x login':>8}")
        print(f"{'/portal/login (baseline)':40} {baseline * 1000:10.1f} {1:8.1f}")
        for email, paths in pages.items():
            client = signed_in(app, engine, email)
            for path in paths:
                median = timed(client, path, args.repeat)
                print(f"{path:40} {median * 1000:10.1f} {median / baseline:8.1f}")
        engine.dispose()


if __name__ == "__main__":
    main()
