"""Start the embedded default the way the README does and see an upload processed by the worker."""

import json
import os
import signal
import socket
import subprocess
import time
import urllib.request

import pytest

from tests.conftest import REPO, SHARED, wait_for

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _request(
    url: str, *, data: bytes | None = None, headers: dict | None = None
) -> tuple[int, dict]:
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")
    except (urllib.error.URLError, ConnectionError):
        return 0, {}


def _multipart(name: str, content: bytes) -> tuple[bytes, str]:
    boundary = "----workbench-smoke"
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="{name}"\r\n'
            "Content-Type: text/plain\r\n\r\n"
        ).encode()
        + content
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return body, f"multipart/form-data; boundary={boundary}"


def test_embedded_workbench_processes_an_uploaded_letter(tmp_path):
    port = _free_port()
    env = {
        **{
            k: v
            for k, v in os.environ.items()
            if k not in ("DATABASE_URL", "CELERY_BROKER_URL", "CELERY_TASK_ALWAYS_EAGER")
        },
        "WORKBENCH_VAR_DIR": str(tmp_path / "var"),
        "PORT": str(port),
    }
    server = subprocess.Popen(
        ["scripts/run.sh"],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(lambda: _request(f"{base}/healthz")[1].get("status") == "ok", timeout=120)
        status, body = _request(
            f"{base}/api/v1/auth/token/",
            data=json.dumps({"username": "checker", "password": "checker-demo-pass"}).encode(),
            headers={"Content-Type": "application/json"},
        )
        assert status == 200, body
        auth = {"Authorization": f"Token {body['token']}"}
        letter = (SHARED / "corpus" / "letters" / "S_2025_76.txt") if SHARED.is_dir() else None
        content = (
            letter.read_bytes()
            if letter
            else (REPO / "sample_data/letters/S_2025_43.txt").read_bytes() + b"\n"
        )
        data, content_type = _multipart("upload.txt", content)
        status, body = _request(
            f"{base}/api/v1/letters/", data=data, headers={**auth, "Content-Type": content_type}
        )
        assert status in (200, 201), body
        letter_id = body["letters"][0]["id"]

        def processed():
            _, detail = _request(f"{base}/api/v1/letters/{letter_id}/", headers=auth)
            return detail if detail.get("status") in ("ready", "failed") else None

        detail = wait_for(processed, timeout=120)
        assert detail["status"] == "ready", detail.get("failure_reason")
        assert detail["symbol"].startswith("S/2025/")
        _, claims = _request(f"{base}/api/v1/letters/{letter_id}/claims/", headers=auth)
        assert claims["count"] > 0
    finally:
        os.killpg(server.pid, signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
    time.sleep(0.5)
    assert server.returncode is not None
