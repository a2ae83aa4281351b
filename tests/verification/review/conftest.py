"""Review test settings; the builders live in builders.py (shared with the browser tests)."""

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """Many users per test: a cheap hasher keeps the matrix quick (passwords are not tested)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_throttle_history():
    """DRF keeps request history in the cache; tests must not inherit each other's."""
    cache.clear()
    yield
    cache.clear()
