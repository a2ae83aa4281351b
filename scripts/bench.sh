#!/usr/bin/env bash
# Run every benchmark in bench/, one after the other.
set -euo pipefail
cd "$(dirname "$0")/.."
for bench in bench/*_bench.py; do
  echo "== $bench"
  WORKBENCH_DEMO=true .venv/bin/python "$bench"
done
