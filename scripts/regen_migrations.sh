#!/usr/bin/env bash
# Development only, until the first release: rebuild each app's 0001_initial from the models,
# keeping the hand-written data migrations (0002_*) in place.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
mv verification/migrations/0002_*.py "$tmp"/
rm -f claims/migrations/0*.py verification/migrations/0*.py
WORKBENCH_DEMO=true .venv/bin/python manage.py makemigrations claims verification --name initial
mv "$tmp"/*.py verification/migrations/
