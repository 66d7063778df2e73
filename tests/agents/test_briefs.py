"""Briefs read as a creator reads them, on a small demo program, offline and on the LLM path: the angle is
about the featured product in its own category, the audience is called what the channel calls it (podcast
listeners, video viewers, newsletter subscribers, social followers), and counts take their plural.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select

from agents.briefs.graph import run as run_briefs
from agents.runs import run_agent
from agents.wording import channel
from prompts import UNTRUSTED_CLOSE, UNTRUSTED_OPEN
from store.db import transaction
from store.models import Partner, Product
from tests.agents.config import agent_config
from tests.agents.llm_path import prompts_sent, run_llm
from tests.agents.openai_server import Script
from tools import outbox
from workflows.demo.generator import generate_program
from workflows.demo.loader import load_program

END = datetime(2026, 11, 23, tzinfo=UTC)
WRONG_AUDIENCE = {"listeners": ("readers", "viewers"), "viewers": ("readers", "listeners"),
                  "subscribers": ("viewers", "listeners"), "followers": ("readers", "listeners")}
SINGULAR_AS_PLURAL = re.compile(r"(?<![\d.,])1 (units|orders|clicks|partners|people|days)\b")


def small_program(engine: Engine, tmp_path: Path) -> None:
    files = generate_program(out_dir=tmp_path / "demo", partners=40, days=30, skus=48, seed=5, end=END)
    load_program(engine=engine, files=files)


def read_back(engine: Engine, result: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    """Per queued brief: (the partner's name and channel, its lead product's category, its title, the mailed text)."""
    lead = {b["partner_id"]: b["skus"][0] for b in result["briefs"] if b["skus"]}
    with transaction(engine) as session:
        partners = {p.id: p for p in session.scalars(select(Partner))}
        products = {p.sku: p for p in session.scalars(select(Product))}
        return [(f"{partners[m.partner_id or ''].name}\n{partners[m.partner_id or ''].channel}",
                 products[lead[m.partner_id or ""]].category, products[lead[m.partner_id or ""]].title, m.body_text)
                for m in outbox.queued_messages(session=session, kind="brief")]


def angle_of(body: str) -> str:
    return body.split("THE ANGLE\n", 1)[1].split("\n", 1)[0]


def test_every_offline_brief_is_about_its_product_in_its_own_category_told_to_the_channels_audience(
    engine: Engine, tmp_path: Path
) -> None:
    small_program(engine, tmp_path)
    result, _ = run_agent(agent="briefs", engine=engine, config=agent_config(), now=END, body=run_briefs)

    briefs = read_back(engine, result)
    audiences = {channel(who.split("\n")[1]).audience for who, *_ in briefs}
    assert len(briefs) >= 20 and audiences >= {"listeners", "viewers", "readers"}, audiences
    for who, category, title, body in briefs:
        partner_channel = who.split("\n")[1]
        angle = angle_of(body)
        assert title in angle and f"the rest of our {category} range" in angle, angle
        audience = channel(partner_channel).audience
        assert f"your {audience}" in angle
        for wrong in WRONG_AUDIENCE.get(audience, ()):
            assert wrong not in body, (partner_channel, body)
        if "SHORT VIDEO SCRIPT" in body:
            assert f"one thing in {category}" in body and channel(partner_channel).shows_video
        assert not SINGULAR_AS_PLURAL.search(body), body


def test_the_llm_is_given_each_briefs_own_category_and_audience_and_the_template_keeps_them(
    engine: Engine, tmp_path: Path
) -> None:
    small_program(engine, tmp_path)
    script = Script()  # the stub's neutral answer: the words around it are ours
    result, usage = run_llm(engine, agent="briefs", script=script, now=END, body=run_briefs)

    assert usage["llm_calls"] == len(script.requests) == result["queued"] > 0
    sent = prompts_sent(script)
    for who, category, title, body in read_back(engine, result):
        [prompt] = [p for p in sent if f"{UNTRUSTED_OPEN}\n{who}\n{UNTRUSTED_CLOSE}" in p]
        assert f"The angle is about the first product, {title}, which is in {category}" in prompt, prompt
        audience = channel(who.split("\n")[1]).audience
        assert f'Call them "{audience}"' in prompt
        for wrong in WRONG_AUDIENCE.get(audience, ()):
            assert wrong not in body


def test_llm_copy_that_calls_the_audience_by_another_channels_word_is_replaced_by_the_offline_copy(
    engine: Engine, tmp_path: Path
) -> None:
    small_program(engine, tmp_path)
    script = Script(overrides={"angle": "Show your viewers ANGLE-FROM-THE-LLM.", "talking_points": ["Point."]})
    result, usage = run_llm(engine, agent="briefs", script=script, now=END, body=run_briefs)

    kept = misnamed = 0
    for who, _, _, body in read_back(engine, result):
        kind = channel(who.split("\n")[1]).kind
        if kind in ("podcast", "newsletter", "written"):
            misnamed += 1
            assert "ANGLE-FROM-THE-LLM" not in body and "the rest of our" in body, "the offline copy instead"
        else:
            kept += 1
            assert "ANGLE-FROM-THE-LLM" in body
    assert kept and misnamed and usage["fallback_reasons"] == {"brief:wrong_audience": misnamed}
