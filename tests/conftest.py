"""Role fixtures and shared helpers. Every user fixture says what that person may do."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.contrib.auth.models import Group

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """A cheap hasher for every test: PBKDF2 took about 6 s per user on the loaded 2-core
    machine, and most tests make two or three users. Password checks still run (login tests);
    the production hasher is not what they test."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def make_user(django_user_model, username: str, role: str | None):
    user = django_user_model.objects.create_user(username=username, password="pw-" + username)
    if role:
        user.groups.add(Group.objects.get_or_create(name=role)[0])
    return user


@pytest.fixture
def observer(db, django_user_model):
    """Reads everything, changes nothing."""
    return make_user(django_user_model, "olu", "observer")


@pytest.fixture
def fact_checker(db, django_user_model):
    """Uploads letters, triages, takes claims, researches, proposes verdicts."""
    return make_user(django_user_model, "fatima", "fact_checker")


@pytest.fixture
def fact_checker2(db, django_user_model):
    """A second fact-checker, for assignment and four-eyes cases."""
    return make_user(django_user_model, "tomas", "fact_checker")


@pytest.fixture
def editor(db, django_user_model):
    """Does what a fact-checker does, and assigns, approves, returns, reopens, exports."""
    return make_user(django_user_model, "grace", "editor")


@pytest.fixture
def editor2(db, django_user_model):
    """A second editor, for races and four-eyes cases."""
    return make_user(django_user_model, "henry", "editor")


@pytest.fixture
def outsider(db, django_user_model):
    """Logged in but holds no role: must learn nothing (404 everywhere)."""
    return make_user(django_user_model, "mallory", None)


@pytest.fixture
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared (the corpus) is not beside the project")
    return SHARED


def openapi_paths(client) -> str:
    """The schema's paths, one a line. Fails unless the schema is served as OpenAPI 3 JSON, so
    a test cannot pass on an error page or YAML that happens to contain a path."""
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.oai.openapi+json")
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    return "\n".join(schema["paths"])


@pytest.fixture
def api_client():
    from rest_framework.test import APIClient

    return APIClient()


@pytest.fixture
def celery_worker_process(settings, tmp_path):
    """A real `celery worker` process on the configured broker and test database.

    Use with @pytest.mark.django_db(transaction=True) so the rows it must see are committed.
    The worker logs to a file (a pipe nobody reads would fill up and stall it); the log's tail
    is printed at teardown so a failing test shows it.
    """
    from django.db import connection

    from config.celery import app

    env = dict(os.environ)
    env["CELERY_TASK_ALWAYS_EAGER"] = "false"
    env["MEDIA_ROOT"] = str(settings.MEDIA_ROOT)
    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        env["DATABASE_URL"] = f"sqlite:///{connection.settings_dict['NAME']}"
    else:
        env["DATABASE_URL"] = (
            f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{connection.settings_dict['NAME']}"
        )
    app.control.purge()  # messages left by an earlier run must not reach this worker
    log_path = tmp_path / "worker.log"
    log = log_path.open("wb")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--pool=solo",
            "--loglevel=WARNING",
            "--without-mingle",
            "--without-gossip",
        ],
        cwd=REPO,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = False
    try:
        yield process
    finally:
        app.conf.task_always_eager = previous
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()
        print("--- worker log (tail) ---\n" + log_path.read_text(errors="replace")[-4000:])


def wait_for(predicate, timeout: float = 60.0, interval: float = 0.25):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"condition not met within {timeout} s")


@pytest.fixture(autouse=True)
def _media_root_per_test(settings, tmp_path):
    """Each test stores files in its own folder, so 'nothing left on disk' is checkable."""
    settings.MEDIA_ROOT = tmp_path / "media"


# ---- Browser tests: Playwright driving Debian's Chromium; never a downloaded browser ----------
CHROMIUM = Path(os.environ.get("WORKBENCH_CHROMIUM", "/usr/bin/chromium"))


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: run scripts/ensure_system_packages.sh (make test does)"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture(autouse=True)
def _responses_match_the_schema(request, monkeypatch):
    """Every /api/v1/ response a test gets through the Django or DRF test client must match the
    served OpenAPI schema (tests/contract.py): status documented, body valid. A test that sends
    a deliberately undocumented request opts out with @pytest.mark.no_contract."""
    if request.node.get_closest_marker("no_contract"):
        return
    from django.test.client import Client

    from tests import contract

    original = Client.request

    def request_and_check(self, **environ):
        response = original(self, **environ)
        contract.check(environ.get("REQUEST_METHOD", "GET"), environ.get("PATH_INFO", ""), response)
        return response

    monkeypatch.setattr(Client, "request", request_and_check)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Login-throttle counters and other cached values never leak from one test to the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
