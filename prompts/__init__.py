"""Jinja2 templates: system prompts, briefs, nudges, welcome/decline letters and the weekly summary.

``render`` autoescapes ``.html.j2`` templates only. Untrusted applicant / partner text must be passed
through ``fence`` into prompts: it is wrapped in explicit markers and the prompts say it is data.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

UNTRUSTED_OPEN = "<<<UNTRUSTED_DATA"
UNTRUSTED_CLOSE = "UNTRUSTED_DATA>>>"


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("prompts", ""),
        autoescape=select_autoescape(enabled_extensions=("html.j2",), default_for_string=False, default=False),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["fence"] = fence
    return env


def fence(text: str) -> str:
    """Untrusted text between markers it cannot forge (marker look-alikes inside are defused)."""
    cleaned = str(text).replace(UNTRUSTED_OPEN, "[marker removed]").replace(UNTRUSTED_CLOSE, "[marker removed]")
    return f"{UNTRUSTED_OPEN}\n{cleaned}\n{UNTRUSTED_CLOSE}"


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)
