"""The OpenAI path replayed from cassettes recorded from a real OpenAI-compatible server (record_mode=none).

Re-record with scripts/record_cassettes.sh; tests/cassettes/meta.json says what the cassettes were
recorded from. Whatever the recorded model answered, an application that instructs the reviewer is never
proposed for approval, and the run's calls and tokens are the recorded ones. The good applicant is decided
from what the recorded model answered for it (the 270M model scored it 0, so it is rejected, where the
offline judge approves it): the replayed answer is used, not quietly replaced by the offline one.
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from agents.judging import BrandFit
from agents.llm import extract_json
from tests.agents.cassettes import CASSETTES, cassette, llm_config, triage_scenario
from tests.agents.programs import GOOD_CONTENT, INJECTION


def test_triage_replayed_from_the_recorded_llm(tmp_path: Path) -> None:
    meta = json.loads((CASSETTES / "meta.json").read_text())
    with cassette("triage_llm", record_mode="none"):
        result = triage_scenario(tmp_path, llm_config(api_key="sk-replay", base_url=meta["base_url"],
                                                      model=meta["model"]))
    decisions = {d["application_id"]: d for d in result["decisions"]}
    assert set(decisions) == {"a-good", "a-coupon", "a-inject"}
    assert decisions["a-inject"]["decision"] != "approve"
    assert "instruct the reviewer" in decisions["a-inject"]["reasons"][0]
    assert decisions["a-coupon"]["decision"] != "approve"
    run = result["run"]
    recorded = yaml.safe_load((CASSETTES / "triage_llm.yaml").read_text())["interactions"]
    answered = [i for i in recorded if i["response"]["status"]["code"] == 200]
    assert run["mode"] == "llm" and run["llm_calls"] == len(answered) > 0 and run["fallbacks"] == 0
    [good] = [i for i in answered if GOOD_CONTENT in i["request"]["body"] and INJECTION not in i["request"]["body"]]
    fit = BrandFit.model_validate_json(extract_json(
        json.loads(good["response"]["body"]["string"])["choices"][0]["message"]["content"]))
    assert (fit.score, fit.low_value) == (0, False), "what the recorded model answered for the good applicant"
    assert decisions["a-good"]["decision"] == "reject", "a brand fit of 0 rejects, whatever the audience"
    assert any(f"brand fit {fit.score}/100" in reason for reason in decisions["a-good"]["reasons"])
    assert run["prompt_tokens"] == sum(json.loads(i["response"]["body"]["string"])["usage"]["prompt_tokens"]
                                       for i in answered)


def test_cassettes_never_contain_credentials() -> None:
    for path in CASSETTES.glob("*.yaml"):
        for interaction in yaml.safe_load(path.read_text())["interactions"]:
            headers = {k.lower() for k in interaction["request"]["headers"]}
            assert "authorization" not in headers and "x-api-key" not in headers
