"""Benchmark: the weekly cycle for N partners against a local OpenAI-compatible endpoint with a fixed latency.

Every cycle runs on its own copy of the same freshly loaded store, so none of them finds the proposals or
messages of another (a second cycle on the same store would deduplicate most of its work):

1. offline: the cycle's non-LLM work alone (analytics, proposals, approval threads, links, templates);
2. LLM, ``--concurrency`` calls in flight: the measured cycle;
3. LLM, one call at a time: the serial baseline, measured (skip with ``--no-serial-run``; it takes
   calls x latency). The computed baseline (offline wall + calls x the measured serial call latency) is
   printed too.

The endpoint runs in its own process (as any real endpoint does), so serving 900 requests does not take
the cycle's interpreter lock.

Tokens: prompt tokens are counted with the o200k_base tokenizer (gpt-4o / gpt-4o-mini) over what was sent:
messages, the JSON schema of the structured output and the chat format's per-message overhead, when
``tiktoken`` and its o200k_base file are available (``TIKTOKEN_CACHE_DIR``), else the stub's characters / 4.
The stub's answers are schema placeholders, so completion tokens are given two ways: the ``max_tokens``
ceiling per call, and the size of the offline reasoner's copy for the same messages (what a model replaces).

    python bench/agents.py --partners 1000 --skus 1000 --days 21 --delay 0.3 --concurrency 32
"""

from __future__ import annotations

import argparse
import csv
import json
import multiprocessing
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import text

from afflow import wiring
from afflow.settings import Settings
from agents.llm import LLMConfig
from store.db import make_engine, migrate, transaction
from tests.agents.openai_server import Script, openai_server
from tools import outbox
from workflows.demo.generator import generate_program
from workflows.demo.loader import load_program
from workflows.schedule.weekly import WeeklyReport, run_weekly_cycle

# Per partner and weekly cycle, prompt + completion: about one brief per partner (~470 prompt tokens with
# its schema, measured with o200k_base at 1,000 partners), a nudge for the decliners, a share of the summary,
# and completions at their max_tokens ceiling. At gpt-4o-mini list prices ($0.15 / $0.60 per million
# tokens) that is under 0.03 US cents per partner per week. Checked (printed, never asserted) below.
TOKEN_BUDGET_PER_PARTNER = 850
MAX_TOKENS = 400


def unique_coupons(partners_csv: Path) -> None:
    """Older demo generators could repeat a coupon code at 1,000 partners; keep the first holder's."""
    with partners_csv.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    seen: set[str] = set()
    for row in rows:
        code = row["coupon_code"]
        if code and code in seen:
            row["coupon_code"] = ""
        seen.add(code)
    with partners_csv.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def tokenizer() -> Callable[[str], int] | None:
    try:
        import tiktoken

        encoding = tiktoken.get_encoding("o200k_base")
    except Exception:  # not installed, or its file cannot be fetched offline
        return None
    return lambda value: len(encoding.encode(value, disallowed_special=()))


def prompt_tokens(requests: list[dict[str, Any]], count: Callable[[str], int]) -> int:
    """Chat-format prompt tokens: 3 per message + content, 3 to prime the reply, plus the schema's JSON."""
    total = 0
    for body in requests:
        total += 3 + sum(3 + count(str(m.get("content", ""))) for m in body.get("messages", []))
        total += count(json.dumps(body.get("response_format") or {}))
    return total


def copy_tokens(engine_url: str, count: Callable[[str], int]) -> dict[str, int]:
    """Tokens of the offline copy in the queued briefs and nudges: the text a model would write instead."""
    engine = make_engine(engine_url)
    sizes: dict[str, int] = {}
    with transaction(engine) as session:
        for message in outbox.queued_messages(session=session):
            body = message.body_text
            if message.kind == "brief":
                copy = body.split("THE ANGLE", 1)[-1].split("PRODUCTS TO FEATURE", 1)[0]
                copy += body.split("SHORT VIDEO SCRIPT", 1)[1] if "SHORT VIDEO SCRIPT" in body else ""
            elif message.kind == "nudge":
                copy = message.subject + body.split("\n\n", 2)[1]
            elif message.kind == "summary":
                copy = body.split("\n## ", 1)[0]
            else:
                continue
            sizes[message.kind] = sizes.get(message.kind, 0) + count(copy) + 10  # + JSON keys and quotes
    engine.dispose()
    return sizes


def _serve(delay: float, connection: Connection) -> None:
    """The stub endpoint in its own process: its request handling never competes with the cycle's GIL."""
    script = Script(delay_seconds=delay)
    with openai_server(script) as url:
        connection.send(url)
        while connection.recv() == "requests":
            with script.lock:
                connection.send(list(script.requests))
                script.requests.clear()


@contextmanager
def endpoint(delay: float) -> Iterator[tuple[str, Callable[[], list[dict[str, Any]]]]]:
    """(base URL, take the requests received so far) of a stub server answering after ``delay`` seconds."""
    here, there = multiprocessing.Pipe()
    process = multiprocessing.get_context("spawn").Process(target=_serve, args=(delay, there), daemon=True)
    process.start()

    def take() -> list[dict[str, Any]]:
        here.send("requests")
        received: list[dict[str, Any]] = here.recv()
        return received

    try:
        yield here.recv(), take
    finally:
        here.send("stop")
        process.join(timeout=10)


def fresh_copy(source: Path, target: Path) -> str:
    shutil.copy(source, target)
    return f"sqlite:///{target}"


def run_cycle(url: str, llm: LLMConfig, end: datetime, out: str) -> tuple[WeeklyReport, float]:
    engine = make_engine(url)
    started = time.perf_counter()
    config = replace(wiring.agent_config(Settings()), llm=llm, public_url="http://bench")  # thresholds: AFFLOW_*
    report = run_weekly_cycle(engine=engine, config=config, as_of=end, output_dir=out)
    wall = time.perf_counter() - started
    engine.dispose()
    return report, wall


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--partners", type=int, default=1000)
    parser.add_argument("--skus", type=int, default=1000)
    parser.add_argument("--days", type=int, default=21)
    parser.add_argument("--delay", type=float, default=0.3)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--no-serial-run", action="store_true", help="compute the serial baseline, don't run it")
    args = parser.parse_args()
    end = datetime(2026, 11, 23, tzinfo=UTC)
    count = tokenizer()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        started = time.perf_counter()
        files = generate_program(out_dir=tmp / "demo", partners=args.partners, days=args.days, skus=args.skus,
                                 seed=11, end=end)
        unique_coupons(files.csv["partners"])
        engine = make_engine(f"sqlite:///{tmp}/loaded.db")
        migrate(engine)
        load_program(engine=engine, files=files)
        with engine.connect() as connection:
            connection.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
        engine.dispose()
        loaded = tmp / "loaded.db"
        print(f"program: {args.partners} partners, {args.skus} SKUs, {args.days} days, loaded in "
              f"{time.perf_counter() - started:.1f} s; machine: {os.cpu_count()} cores, load average "
              f"{os.getloadavg()[0]:.1f}", flush=True)

        offline_url = fresh_copy(loaded, tmp / "offline.db")
        offline, offline_wall = run_cycle(offline_url, LLMConfig(api_key=None), end, f"{tmp}/out-offline")
        print(f"1. offline cycle (non-LLM work only): {offline_wall:.1f} s", flush=True)

        with endpoint(args.delay) as (url, take_requests):
            def llm(concurrency: int) -> LLMConfig:
                return LLMConfig(api_key="sk-bench", base_url=url, model="gpt-4o-mini", concurrency=concurrency,
                                 budget_usd=Decimal(50), max_tokens=MAX_TOKENS)

            report, wall = run_cycle(fresh_copy(loaded, tmp / "llm.db"), llm(args.concurrency), end, f"{tmp}/out-llm")
            requests = take_requests()
            print(f"2. LLM cycle, {args.concurrency} calls in flight: {wall:.1f} s", flush=True)
            serial_wall = None
            if not args.no_serial_run:
                serial, serial_wall = run_cycle(fresh_copy(loaded, tmp / "serial.db"), llm(1), end, f"{tmp}/out-serial")
                print(f"3. LLM cycle, one call at a time: {serial_wall:.1f} s ({serial.llm_calls} calls)", flush=True)
                serial_llm = sum(float(str(u.get("llm_seconds", 0))) for u in serial.usage.values())
                per_call = serial_llm / max(1, serial.llm_calls)
            else:
                per_call = args.delay
        calls = report.llm_calls
        computed = offline_wall + calls * per_call
        print(f"\nLLM calls: {calls} ({calls / args.partners:.2f} per partner)")
        for name, usage in report.usage.items():
            print(f"  {name:12} calls {usage['llm_calls']:>5}  fallbacks {usage['fallbacks']}  "
                  f"LLM batches {float(str(usage.get('llm_seconds', 0))):6.1f} s")
        print(f"serial call latency (measured in run 3): {per_call * 1000:.0f} ms")
        print(f"serial baseline, computed (offline {offline_wall:.1f} s + {calls} x {per_call:.3f} s): {computed:.1f} s")
        if serial_wall is not None:
            print(f"serial baseline, measured: {serial_wall:.1f} s")
        baseline = serial_wall if serial_wall is not None else computed
        print(f"speed-up of the concurrent cycle: {baseline / wall:.1f}x over the "
              f"{'measured' if serial_wall is not None else 'computed'} serial cycle "
              f"({computed / wall:.1f}x over the computed one)")

        stub_prompt = sum(int(str(u["prompt_tokens"])) for u in report.usage.values())
        stub_completion = sum(int(str(u["completion_tokens"])) for u in report.usage.values())
        if count is not None:
            prompt = prompt_tokens(requests, count)
            copies = copy_tokens(offline_url, count)
            completion = sum(copies.values())
            print(f"prompt tokens (o200k_base, incl. schema and chat overhead): {prompt} "
                  f"({prompt / args.partners:.0f} per partner); the stub's chars/4 estimate: {stub_prompt}")
            print(f"completion tokens, offline copy a model would write: {completion} "
                  f"({completion / args.partners:.0f} per partner; by kind {copies}); ceiling {MAX_TOKENS} x {calls} "
                  f"= {MAX_TOKENS * calls / args.partners:.0f} per partner")
        else:
            prompt, completion = stub_prompt, stub_completion
            print(f"tokens (stub estimate, characters / 4; install tiktoken + o200k_base for exact): prompt {prompt}, "
                  f"completion {completion}")
        per_partner = (prompt + completion) / args.partners
        ceiling = (prompt + MAX_TOKENS * calls) / args.partners
        for label, value in (("expected", per_partner), ("worst case, every completion at max_tokens", ceiling)):
            verdict = "within" if value <= TOKEN_BUDGET_PER_PARTNER else "OVER"
            print(f"tokens per partner, {label}: {value:.0f}; budget {TOKEN_BUDGET_PER_PARTNER}: {verdict}")
        print(f"offline cycle as a check: {offline.llm_calls} LLM calls, summary '{offline.headline}'")


if __name__ == "__main__":
    main()
