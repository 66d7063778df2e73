"""Record the LLM cassettes (tests/cassettes/) from a real OpenAI-compatible server; see record_cassettes.sh.

Runs the same scenarios the cassette tests replay (same program, same clock), through the real
``openai`` client, with vcrpy in ``all`` mode; the Authorization header is never written.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.agents.cassettes import SCENARIOS, cassette, llm_config  # noqa: E402


def main() -> None:
    base_url = os.environ["OPENAI_BASE_URL"]
    model = os.environ.get("AFFLOW_LLM_MODEL", "local-model")
    for name, scenario in SCENARIOS.items():
        with tempfile.TemporaryDirectory() as tmp, cassette(name, record_mode="all"):
            result = scenario(Path(tmp), llm_config(api_key=os.environ.get("OPENAI_API_KEY", "sk-local"),
                                                   base_url=base_url, model=model))
        print(f"{name}: {json.dumps(result, default=str)[:400]}")
    meta = {"base_url": base_url, "model": model, "recorded_with": os.environ.get("RECORDED_WITH", "unknown")}
    (ROOT / "tests" / "cassettes" / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
