#!/usr/bin/env bash
# The whole test suite, from a fresh clone: install, lint, type-check, then pytest on SQLite and PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m pip install --quiet --disable-pip-version-check -e '.[dev]'

# Browser tests (tests/portal/browser): Debian's Chromium driven by Playwright; never `playwright install`.
if ! command -v chromium >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
fi
mkdir -p test-artifacts

# PostgreSQL: start the local server if it is installed but stopped; the suite then requires it.
if command -v pg_ctlcluster >/dev/null 2>&1 && ! pg_isready -q -h 127.0.0.1 -p 5432; then
  for version in /etc/postgresql/*; do
    pg_ctlcluster --skip-systemctl-redirect "$(basename "$version")" main start || true
  done
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
fi
if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  export AFFLOW_REQUIRE_POSTGRES=1
else
  echo "PostgreSQL is not running on 127.0.0.1:5432: PostgreSQL tests will be skipped" >&2
  if [ "${CI:-}" = "true" ]; then echo "CI requires PostgreSQL" >&2; exit 1; fi
fi

echo "== ruff"
ruff check .
echo "== mypy --strict"
mypy store tools agents workflows afflow
echo "== pytest"
set +e
# Tests run in AFFLOW_TEST_WORKERS processes (pytest-xdist; default 3 on CI's 2 cores: many tests wait on a
# subprocess or a server); each test has its own SQLite file or PostgreSQL schema. --durations names the slowest.
python3 -m pytest -n "${AFFLOW_TEST_WORKERS:-3}" --durations=25 "$@"
status=$?
set -e
if [ "$status" -eq 5 ]; then
  echo "pytest collected no tests: that is a failure here" >&2
  exit 1
fi
exit "$status"
