"""Production settings: refuse to start without a secret key, and pass Django's deploy check."""

import os
import subprocess
import sys

from tests.conftest import REPO

PRODUCTION_ENV = {
    "SECRET_KEY": "x7$k2!production-grade-secret-key-that-is-long-enough-0123456789abcdef",
    "ALLOWED_HOSTS": "workbench.example.org",
    "DEBUG": "false",
    "WORKBENCH_DEMO": "false",
    "DATABASE_URL": "sqlite:///:memory:",
}


def _manage(*args: str, env: dict) -> subprocess.CompletedProcess:
    demo_only = ("SECRET_KEY", "DEBUG", "WORKBENCH_DEMO", "DJANGO_ALLOW_ASYNC_UNSAFE")
    clean = {k: v for k, v in os.environ.items() if k not in demo_only}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_deploy_check_is_clean_under_production_settings():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_secret_key():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr
