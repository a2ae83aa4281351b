"""Start the embedded default the way the README does (`scripts/run.sh`: SQLite, gunicorn with
two workers, a Celery worker on the filesystem transport) for tests that need real processes."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.conftest import REPO, wait_for

# A generous bound for a first start on a loaded machine: it is a deadline, not a speed target.
START_TIMEOUT = 300


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def request_json(
    url: str, *, data: bytes | None = None, headers: dict | None = None
) -> tuple[int, dict]:
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        try:
            return error.code, json.loads(error.read() or b"{}")
        except ValueError:
            return error.code, {}
    except (urllib.error.URLError, ConnectionError, TimeoutError, ValueError):
        return 0, {}


@contextmanager
def embedded_workbench(var_dir: Path) -> Iterator[str]:
    """The workbench of `make run`, with its own var/ folder and no SECRET_KEY; yields its URL."""
    port = free_port()
    dropped = ("DATABASE_URL", "CELERY_BROKER_URL", "CELERY_TASK_ALWAYS_EAGER", "SECRET_KEY")
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env.update(WORKBENCH_VAR_DIR=str(var_dir), PORT=str(port))
    log = (var_dir.parent / "run.log").open("wb")
    server = subprocess.Popen(
        ["scripts/run.sh"], cwd=REPO, env=env, stdout=log, stderr=log, start_new_session=True
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(
            lambda: request_json(f"{base}/healthz")[0] == 200 or server.poll() is not None,
            timeout=START_TIMEOUT,
            interval=1,
        )
        assert server.poll() is None, "scripts/run.sh exited early; see run.log"
        yield base
    finally:
        os.killpg(server.pid, signal.SIGINT)
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=30)
        log.close()
