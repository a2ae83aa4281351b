"""The login cap holds per address and per account, across every process of the install."""

from __future__ import annotations

import http.cookiejar
import os
import re
import signal
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import REPO, wait_for
from tests.embedded import START_TIMEOUT, free_port

BAD = "not-the-password"


def test_eleventh_bad_login_from_one_address_is_refused(client, fact_checker):
    for attempt in range(10):
        response = client.post("/login/", {"username": f"user{attempt}", "password": BAD})
        assert response.status_code == 200
    assert client.post("/login/", {"username": "fatima", "password": BAD}).status_code == 429


def test_eleventh_bad_login_on_one_account_is_refused_from_any_address(client, fact_checker):
    for attempt in range(10):
        response = client.post(
            "/login/", {"username": "fatima", "password": BAD}, REMOTE_ADDR=f"10.0.0.{attempt}"
        )
        assert response.status_code == 200
    response = client.post(
        "/login/", {"username": "Fatima", "password": "pw-fatima"}, REMOTE_ADDR="10.0.1.1"
    )
    assert response.status_code == 429


def test_successful_logins_do_not_use_up_the_allowance(client, fact_checker):
    for _ in range(12):
        response = client.post("/login/", {"username": "fatima", "password": "pw-fatima"})
        assert response.status_code == 302
        client.logout()


def test_file_cache_counter_keeps_its_window_and_counts_every_increment(tmp_path):
    from config.cache import LockedFileCache

    cache = LockedFileCache(str(tmp_path), {})
    assert cache.add("k", 0, 60)
    (stored,) = tmp_path.glob("*.djcache")
    expiry_before = stored.read_bytes()[:12]
    assert [cache.incr("k") for _ in range(5)] == [1, 2, 3, 4, 5]
    assert stored.read_bytes()[:12] == expiry_before, "the window does not slide"
    with pytest.raises(ValueError):
        cache.incr("missing")


# ---- Real processes: two gunicorn servers with two workers each on one install -----------------


def _manage(env: dict, *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=REPO, env=env, check=True)


@contextmanager
def _gunicorn(env: dict, log: Path):
    port = free_port()
    handle = log.open("ab")
    process = subprocess.Popen(
        [
            *(sys.executable, "-m", "gunicorn", "config.wsgi:application"),
            *("--bind", f"127.0.0.1:{port}", "--workers", "2", "--threads", "2"),
            *("--access-logfile", "-", "--access-logformat", "pid=%(p)s %(s)s %(U)s"),
        ],
        cwd=REPO,
        env=env,
        stdout=handle,
        stderr=handle,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(lambda: _status(f"{base}/login/") == 200, timeout=START_TIMEOUT, interval=0.5)
        yield base
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
        handle.close()


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0


def _bad_login(base: str, username: str) -> int:
    """A fresh browser (new connection, new cookies) tries one wrong password."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"{base}/login/", timeout=30).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode(
        {"username": username, "password": BAD, "csrfmiddlewaretoken": token}
    ).encode()
    try:
        with opener.open(f"{base}/login/", data=data, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def _install_env(var_dir: Path, **extra: str) -> dict:
    dropped = ("DATABASE_URL", "CELERY_BROKER_URL", "CACHE_URL", "SECRET_KEY")
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env.update(WORKBENCH_DEMO="true", WORKBENCH_VAR_DIR=str(var_dir), **extra)
    return env


def _redis_available() -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url("redis://127.0.0.1:6379/14").ping())
    except Exception:
        return False


@pytest.mark.slow
@pytest.mark.parametrize("cache", ["file", "redis"])
def test_eleventh_bad_login_is_refused_whichever_worker_process_answers(tmp_path, cache):
    extra = {}
    if cache == "redis":
        if not _redis_available():
            pytest.skip("no Redis on 127.0.0.1:6379")
        import redis

        redis.Redis.from_url("redis://127.0.0.1:6379/14").flushdb()
        extra["CACHE_URL"] = "redis://127.0.0.1:6379/14"
    env = _install_env(tmp_path / "var", **extra)
    _manage(env, "migrate", "--noinput", "-v", "0")
    log = tmp_path / "gunicorn.log"
    # Two servers of two workers each on one install: alternating between them guarantees that
    # the attempts are answered by different processes, not only that they may be.
    with _gunicorn(env, log) as first, _gunicorn(env, log) as second:
        statuses = [_bad_login((first, second)[n % 2], f"someone{n}") for n in range(11)]
    assert statuses == [200] * 10 + [429]
    pids = set(re.findall(r"pid=<?(\d+)>? \d+ /login/", log.read_text()))
    assert len(pids) >= 2
