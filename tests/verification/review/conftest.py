"""Review test settings; letters and claims come from tests/factories.py."""

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_throttle_history():
    """DRF keeps request history in the cache; tests must not inherit each other's."""
    cache.clear()
    yield
    cache.clear()
