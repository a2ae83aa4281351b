"""Start the embedded default the way the README does and see an upload processed by the worker."""

import json

import pytest

from tests.conftest import REPO, SHARED, wait_for
from tests.embedded import START_TIMEOUT, embedded_workbench, request_json

pytestmark = pytest.mark.slow


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
    with embedded_workbench(tmp_path / "var") as base:
        status, body = request_json(
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
        status, body = request_json(
            f"{base}/api/v1/letters/", data=data, headers={**auth, "Content-Type": content_type}
        )
        assert status in (200, 201), body
        letter_id = body["letters"][0]["id"]

        def processed():
            _, detail = request_json(f"{base}/api/v1/letters/{letter_id}/", headers=auth)
            return detail if detail.get("status") in ("ready", "failed") else None

        detail = wait_for(processed, timeout=START_TIMEOUT)
        assert detail["status"] == "ready", detail.get("failure_reason")
        assert detail["symbol"].startswith("S/2025/")
        _, claims = request_json(f"{base}/api/v1/letters/{letter_id}/claims/", headers=auth)
        assert claims["count"] > 0
