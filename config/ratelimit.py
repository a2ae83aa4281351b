"""Fixed-window counters in the shared cache, for limits that must hold across every process.

`hit` counts an attempt before it is made (reserve, then check), so two requests arriving
together on two gunicorn workers cannot both slip under the limit; `release` gives the
attempt back when it turns out not to count (a successful login).
"""

from __future__ import annotations

import contextlib

from django.core.cache import cache

_PERIODS = {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "hour": 3600, "d": 86400, "day": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """'10/min' -> (10, 60): DRF's rate strings, so one setting serves the API and the page."""
    count, _, period = rate.partition("/")
    try:
        return int(count), _PERIODS[period.strip().lower()]
    except (ValueError, KeyError) as exc:
        raise ValueError(f"not a rate like '10/min': {rate!r}") from exc


def hit(key: str, *, window: int) -> int:
    """Count one attempt under `key`; returns the attempts in the current window so far."""
    cache.add(key, 0, window)
    try:
        return cache.incr(key)
    except ValueError:  # the window ended between add and incr
        cache.add(key, 1, window)
        return 1


def release(key: str) -> None:
    with contextlib.suppress(ValueError):  # the window has ended: nothing to give back
        cache.decr(key)
