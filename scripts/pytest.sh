#!/usr/bin/env bash
# Run the whole suite; pytest's "no tests collected" (exit 5) is a failure, not a pass.
set -uo pipefail
cd "$(dirname "$0")/.."
export DJANGO_ALLOW_ASYNC_UNSAFE=true
export WORKBENCH_DEMO=true
# Each run gets its own media, broker queue and SQLite files; tasks run inline unless a test
# starts a real worker.
export WORKBENCH_VAR_DIR="${WORKBENCH_VAR_DIR:-$(mktemp -d)}"
export CELERY_TASK_ALWAYS_EAGER="${CELERY_TASK_ALWAYS_EAGER:-true}"
.venv/bin/pytest "$@"
status=$?
if [ "$status" -eq 5 ]; then
  echo "pytest collected no tests: failing." >&2
  exit 1
fi
exit "$status"
