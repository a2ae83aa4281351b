"""A local S3-compatible server for the storage tests: the one .ci/run started
(WORKBENCH_TEST_S3_ENDPOINT), or moto's server mode started here on a free port."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import wait_for
from tests.embedded import free_port

S3_CREDENTIALS = {"access_key": "testing", "secret_key": "testing", "region_name": "us-east-1"}


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5):
            return True
    except Exception:
        return False


@pytest.fixture(scope="session")
def s3_endpoint():
    endpoint = os.environ.get("WORKBENCH_TEST_S3_ENDPOINT")
    if endpoint:
        yield endpoint
        return
    server = shutil.which("moto_server") or str(Path(sys.executable).with_name("moto_server"))
    if not Path(server).exists():
        pytest.skip("moto[server] is not installed (requirements-dev.lock)")
    port = free_port()
    process = subprocess.Popen(
        [server, "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    endpoint = f"http://127.0.0.1:{port}"
    try:
        wait_for(lambda: _answers(endpoint) or process.poll() is not None, timeout=120)
        assert process.poll() is None, "moto_server exited at start"
        yield endpoint
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


@pytest.fixture
def s3_storage(settings, s3_endpoint, request):
    """Stored files go to a fresh bucket on the local S3 server for this test."""
    import boto3

    bucket = "wb-" + request.node.name.lower().replace("_", "-")[:50].strip("-")
    client = boto3.client("s3", endpoint_url=s3_endpoint, **_boto(S3_CREDENTIALS))
    client.create_bucket(Bucket=bucket)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": bucket,
                "endpoint_url": s3_endpoint,
                "file_overwrite": False,
                "default_acl": None,
                **S3_CREDENTIALS,
            },
        },
    }
    yield client, bucket
    for item in client.list_objects_v2(Bucket=bucket).get("Contents", []):
        client.delete_object(Bucket=bucket, Key=item["Key"])
    client.delete_bucket(Bucket=bucket)


def _boto(credentials: dict) -> dict:
    return {
        "aws_access_key_id": credentials["access_key"],
        "aws_secret_access_key": credentials["secret_key"],
        "region_name": credentials["region_name"],
    }
