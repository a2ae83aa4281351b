"""A live workbench (tests/embedded.py: gunicorn, a Celery worker, SQLite) for the client-flow
and fuzz tests, started once for the module. They run in CI's own step (.ci/run sets
WORKBENCH_API_CI=1) and are skipped in the ordinary suite, which would otherwise pay for a
server start twice."""

from __future__ import annotations

import os

import pytest

from tests import embedded

pytestmark = pytest.mark.slow


def pytest_collection_modifyitems(config, items):
    if os.environ.get("WORKBENCH_API_CI"):
        return
    skip = pytest.mark.skip(reason="live-server API checks run in .ci/run (WORKBENCH_API_CI=1)")
    for item in items:
        if "tests/api_client/" in str(item.fspath):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def live_workbench(tmp_path_factory):
    # The fuzzer sends thousands of writes and logins: throttling them would hide operations.
    os.environ.setdefault("THROTTLE_WRITES", "100000/min")
    os.environ.setdefault("THROTTLE_LOGIN", "10000/min")
    # A deadline, not a speed target: migrate, collectstatic and the demo seed on a loaded
    # 2-core machine took over five minutes once.
    embedded.START_TIMEOUT = max(embedded.START_TIMEOUT, 900)
    with embedded.embedded_workbench(tmp_path_factory.mktemp("workbench") / "var") as base:
        yield base
