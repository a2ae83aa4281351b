"""Settings for bench/review_bench.py's server: the app's own settings plus a baseline route."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.review_bench_urls"
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
