#!/usr/bin/env bash
# Start the embedded workbench: SQLite, a Celery worker on the filesystem transport and the web
# server, together. Ctrl-C stops everything this script started.
set -euo pipefail
cd "$(dirname "$0")/.."
export WORKBENCH_DEMO="${WORKBENCH_DEMO:-true}"
PY=.venv/bin/python
HOST="${HOST:-127.0.0.1}"
PORT="${PORT:-8000}"

$PY manage.py migrate --noinput
$PY manage.py collectstatic --noinput -v 0
$PY manage.py seed_demo
$PY manage.py requeue_letters

pids=()
cleanup() {
  trap - INT TERM EXIT
  echo "Stopping workbench…"
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup INT TERM EXIT

# The worker is restarted whenever it dies (killed, out of memory), so queued work resumes and
# the web server keeps serving; a worker that keeps dying at once is given a short pause.
supervise_worker() {
  trap 'kill -TERM "$worker" 2>/dev/null; wait "$worker"; exit 0' TERM INT
  while true; do
    .venv/bin/celery -A config worker --loglevel=INFO --concurrency=2 --pool=prefork &
    worker=$!
    wait "$worker" || true
    echo "Celery worker exited; restarting it in 2 s" >&2
    sleep 2
  done
}
supervise_worker &
pids+=($!)
.venv/bin/gunicorn config.wsgi:application --bind "$HOST:$PORT" --workers 2 --threads 4 \
  --timeout "${WEB_TIMEOUT:-120}" --access-logfile - &
web=$!
pids+=($web)
echo "Workbench running at http://$HOST:$PORT/  (Ctrl-C to stop)"
wait "$web"
