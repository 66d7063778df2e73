"""Untrusted text (applications, partner pages): spotting instructions aimed at the reviewer.

Fencing in the prompts keeps such text data for the LLM; this check makes sure it also gains nothing on
any path: an application that tries to instruct the reviewer is never proposed for approval.
"""

from __future__ import annotations

import re

_INJECTION = re.compile(
    r"ignore\s+(all\s+|any\s+)?(the\s+)?(previous|prior|above|earlier)\s+(instructions|prompts|rules)"
    r"|disregard\s+(all\s+|any\s+|the\s+)?(previous|prior|above|earlier|your)?\s*(instructions|rules)"
    r"|you\s+are\s+now\b|system\s+prompt|\bapprove\s+(me|this\s+application|my\s+application)\b"
    r"|UNTRUSTED_DATA|set\s+(the\s+)?score\s+to",
    re.IGNORECASE,
)


def injection_attempt(text: str) -> str | None:
    """The offending phrase if the text tries to instruct the reviewer or the model, else None."""
    match = _INJECTION.search(text)
    return match.group(0) if match else None
