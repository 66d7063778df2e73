"""Benchmark: the weekly cycle for N partners against a local OpenAI-compatible endpoint with a fixed latency.

Prints wall time, LLM calls and tokens per partner, and the speed-up over calling the LLM serially. The
serial baseline is measured in this same process: mean latency of serial calls x the cycle's call count.
Tokens are the stub server's estimate (characters / 4) of the real prompts the cycle sent.

    python bench/agents.py --partners 1000 --skus 1000 --days 21 --delay 0.3 --concurrency 32
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
import time
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from agents.judging import BrandFit
from agents.llm import LLMConfig, OpenAIReasoner
from store.db import make_engine, migrate
from tests.agents.openai_server import Script, openai_server
from workflows.demo.generator import generate_program
from workflows.demo.loader import load_program
from workflows.weekly import run_weekly_cycle

TOKEN_BUDGET_PER_PARTNER = 1500  # brief (~900) + nudge (~500) + share of the summary, prompt + completion


def unique_coupons(partners_csv: Path) -> None:
    """The demo generator can repeat a coupon code at 1,000 partners (reported); keep the first holder's."""
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--partners", type=int, default=1000)
    parser.add_argument("--skus", type=int, default=1000)
    parser.add_argument("--days", type=int, default=21)
    parser.add_argument("--delay", type=float, default=0.3)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--serial-sample", type=int, default=10)
    args = parser.parse_args()
    end = datetime(2026, 11, 23, tzinfo=UTC)
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        files = generate_program(out_dir=Path(tmp) / "demo", partners=args.partners, days=args.days, skus=args.skus,
                                 seed=11, end=end)
        unique_coupons(files.csv["partners"])
        engine = make_engine(f"sqlite:///{tmp}/afflow.db")
        migrate(engine)
        load_program(engine=engine, files=files)
        print(f"program: {args.partners} partners, {args.skus} SKUs, {args.days} days, loaded in "
              f"{time.perf_counter() - started:.1f} s")

        script = Script(delay_seconds=args.delay)
        with openai_server(script) as url:
            serial = OpenAIReasoner(LLMConfig(api_key="sk-bench", base_url=url, concurrency=1))
            t0 = time.perf_counter()
            for _ in range(args.serial_sample):
                serial.structured(task="probe", system="s", prompt="p", schema=BrandFit,
                                  offline=lambda: BrandFit(score=0, low_value=False))
            per_call = (time.perf_counter() - t0) / args.serial_sample
            script.requests.clear()

            offline_start = time.perf_counter()
            run_weekly_cycle(engine=engine, llm=LLMConfig(api_key=None), as_of=end, public_url="http://bench",
                             output_dir=f"{tmp}/out-offline")
            offline_wall = time.perf_counter() - offline_start

            llm = LLMConfig(api_key="sk-bench", base_url=url, model="gpt-4o-mini", concurrency=args.concurrency,
                            budget_usd=Decimal(50))
            cycle_start = time.perf_counter()
            report = run_weekly_cycle(engine=engine, llm=llm, as_of=end, public_url="http://bench",
                                      output_dir=f"{tmp}/out-llm")
            wall = time.perf_counter() - cycle_start
        calls, tokens = report.llm_calls, report.tokens
        serial_estimate = offline_wall + calls * per_call
        print(f"serial LLM call latency (measured, {args.serial_sample} calls): {per_call * 1000:.0f} ms")
        print(f"weekly cycle offline (analytics + templates only): {offline_wall:.1f} s")
        print(f"weekly cycle with LLM, concurrency {args.concurrency}: {wall:.1f} s wall")
        print(f"LLM calls: {calls} ({calls / args.partners:.2f} per partner); tokens: {tokens} "
              f"({tokens / args.partners:.0f} per partner; budget {TOKEN_BUDGET_PER_PARTNER})")
        for name, usage in report.usage.items():
            print(f"  {name:12} calls {usage['llm_calls']:>5}  tokens "
                  f"{int(str(usage['prompt_tokens'])) + int(str(usage['completion_tokens'])):>8}  "
                  f"fallbacks {usage['fallbacks']}")
        llm_part = sum(float(str(u.get("llm_seconds", 0))) for u in report.usage.values()) or 1e-9
        print(f"wall time in LLM batches: {llm_part:.1f} s; the same calls one by one: {calls * per_call:.1f} s")
        print(f"speed-up of the LLM batches over serial calls: {calls * per_call / llm_part:.1f}x; whole cycle vs "
              f"a serial one (offline cycle + serial calls, {serial_estimate:.1f} s): {serial_estimate / wall:.1f}x")


if __name__ == "__main__":
    main()
