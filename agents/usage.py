"""What one agent run spends on the LLM: calls, tokens, cost against a budget, and every fallback.

Cost is integer micro-USD (a model's USD price per million tokens is exactly its micro-USD price per
token), so no float ever adds up spend. Once the budget is spent, callers stop calling the LLM and the
offline reasoner answers; each such item is counted as a fallback with its reason, never silently.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from store.money import round_half_even

# USD per million tokens (input, output); unknown models are priced like the most expensive known one,
# so a budget never under-counts.
PRICES: dict[str, tuple[Decimal, Decimal]] = {
    "gpt-4o-mini": (Decimal("0.15"), Decimal("0.60")),
    "gpt-4.1-mini": (Decimal("0.40"), Decimal("1.60")),
    "gpt-4.1-nano": (Decimal("0.10"), Decimal("0.40")),
    "gpt-4o": (Decimal("2.50"), Decimal("10.00")),
    "gpt-4.1": (Decimal("2.00"), Decimal("8.00")),
}
_FALLBACK_PRICE = (Decimal("2.50"), Decimal("10.00"))


def price_micro_usd(*, model: str, prompt_tokens: int, completion_tokens: int) -> int:
    price_in, price_out = PRICES.get(model, _FALLBACK_PRICE)
    return round_half_even(price_in * prompt_tokens + price_out * completion_tokens)


def usd_to_micro(usd: Decimal) -> int:
    return round_half_even(usd * 1_000_000)


@dataclass
class RunUsage:
    """Thread-safe counters for one run; ``record_call`` after each completion, ``fallback`` per offline item."""

    model: str
    budget_micro_usd: int
    llm_calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost_micro_usd: int = 0
    fallbacks: int = 0
    budget_exhausted: bool = False
    fallback_reasons: dict[str, int] = field(default_factory=dict)
    llm_seconds: float = 0.0  # wall time spent in LLM batches (an operational figure, not money)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def record_call(self, *, prompt_tokens: int, completion_tokens: int) -> None:
        cost = price_micro_usd(model=self.model, prompt_tokens=prompt_tokens, completion_tokens=completion_tokens)
        with self._lock:
            self.llm_calls += 1
            self.prompt_tokens += prompt_tokens
            self.completion_tokens += completion_tokens
            self.cost_micro_usd += cost
            if self.cost_micro_usd >= self.budget_micro_usd:
                self.budget_exhausted = True

    def add_llm_seconds(self, seconds: float) -> None:
        with self._lock:
            self.llm_seconds += seconds

    def can_spend(self) -> bool:
        with self._lock:
            return not self.budget_exhausted

    def fallback(self, *, task: str, reason: str) -> None:
        with self._lock:
            self.fallbacks += 1
            key = f"{task}:{reason}"
            self.fallback_reasons[key] = self.fallback_reasons.get(key, 0) + 1

    def snapshot(self) -> dict[str, Any]:
        with self._lock:
            return {
                "model": self.model,
                "llm_calls": self.llm_calls,
                "prompt_tokens": self.prompt_tokens,
                "completion_tokens": self.completion_tokens,
                "cost_micro_usd": self.cost_micro_usd,
                "budget_micro_usd": self.budget_micro_usd,
                "fallbacks": self.fallbacks,
                "budget_exhausted": self.budget_exhausted,
                "fallback_reasons": dict(self.fallback_reasons),
                "llm_seconds": round(self.llm_seconds, 3),
            }
