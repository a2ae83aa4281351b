"""Settings for the claim-verification workbench, read once from the environment.

Demo mode (WORKBENCH_DEMO=true, what `make run` sets) needs no servers: SQLite and a Celery
worker on Kombu's filesystem transport. Production sets DATABASE_URL (PostgreSQL),
CELERY_BROKER_URL (Redis), SECRET_KEY and ALLOWED_HOSTS; see .env.example.
"""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_float, env_int, env_list, env_str, read_or_create_secret

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("WORKBENCH_VAR_DIR", str(BASE_DIR / "var")))

DEMO = env_bool("WORKBENCH_DEMO", False)
DEBUG = env_bool("DEBUG", False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not (DEMO or DEBUG):
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set SECRET_KEY in the environment (see .env.example), "
            "or run in demo mode with WORKBENCH_DEMO=true (make run does this)."
        )
    # Demo and debug runs make one key per install, kept under var/ (never in the repo) and
    # shared by every process, so a login made on one gunicorn worker is valid on all.
    SECRET_KEY = read_or_create_secret(VAR_DIR / "secret_key")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if (DEMO or DEBUG) else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "claims",
    "verification",
    "verification.webhooks",
]

MIDDLEWARE = [
    "config.logs.RequestIdMiddleware",
    "config.metrics.MetricsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "config.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "config.etag.ApiConditionalGetMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "verification.context_processors.roles",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'workbench.sqlite3'}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # WAL lets the web server read while the worker writes; IMMEDIATE makes writers queue
    # instead of failing with "database is locked" mid-transaction.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # A file, not memory, so a real worker process in the integration tests sees the same rows.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-workbench.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "media/"
# Stored files (originals/, captures/, exports/ under one storage): the local filesystem under
# MEDIA_ROOT by default; FILE_STORAGE=s3 keeps them in an S3-compatible bucket shared by every
# web and worker machine (django-storages; credentials from S3_ACCESS_KEY_ID and
# S3_SECRET_ACCESS_KEY, or boto3's usual sources such as an instance role when they are empty).
FILE_STORAGE = env_str("FILE_STORAGE", "filesystem")
if FILE_STORAGE == "filesystem":
    _files_storage: dict = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
elif FILE_STORAGE == "s3":
    _files_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env_str("S3_BUCKET"),
            "endpoint_url": env_str("S3_ENDPOINT_URL") or None,
            "region_name": env_str("S3_REGION") or None,
            "access_key": env_str("S3_ACCESS_KEY_ID") or None,
            "secret_key": env_str("S3_SECRET_ACCESS_KEY") or None,
            "location": env_str("S3_PREFIX"),
            # Never overwrite: names carry the content hash, and a second upload of a name
            # must not replace evidence already referenced by an audit event.
            "file_overwrite": False,
            "default_acl": None,
            "querystring_auth": True,
        },
    }
    if not env_str("S3_BUCKET"):
        raise ImproperlyConfigured("FILE_STORAGE=s3 needs S3_BUCKET (see .env.example)")
else:
    raise ImproperlyConfigured(f"FILE_STORAGE must be filesystem or s3, not {FILE_STORAGE!r}")
STORAGES = {
    "default": _files_storage,
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = True

# The cache holds the login and API throttle counters, so it must be one cache for every process:
# Redis in production (CACHE_URL=redis://host:6379/1; django's RedisCache), and in the embedded
# default a file cache under var/ that all gunicorn and Celery processes of the install share
# (config.cache makes its counters atomic across processes). Sessions stay in the database.
CACHE_URL = env_str("CACHE_URL")
CACHES: dict[str, dict]
if CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
    }
elif CACHE_URL:
    raise ImproperlyConfigured(f"CACHE_URL must be a redis:// URL, not {CACHE_URL!r}")
else:
    CACHES = {
        "default": {
            "BACKEND": "config.cache.LockedFileCache",
            "LOCATION": str(VAR_DIR / "cache"),
            "OPTIONS": {"MAX_ENTRIES": 10_000},
        }
    }

# Uploads: large letters stream to disk instead of memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
WORKBENCH_MAX_UPLOAD_BYTES = env_int("WORKBENCH_MAX_UPLOAD_MB", 50) * 1024 * 1024
# What reading one uploaded file may cost. Parsing runs in a child process that the kernel
# caps (claims/ingest/sandbox.py); the refusal message names the limit that was hit. The keys
# are the fields of claims.ingest.Limits (a dict here, so settings import no parser).
WORKBENCH_INGEST_LIMITS = {
    "max_bytes": WORKBENCH_MAX_UPLOAD_BYTES,
    "min_bytes": env_int("WORKBENCH_INGEST_MIN_BYTES", 16),
    "max_pages": env_int("WORKBENCH_INGEST_MAX_PAGES", 2_000),
    "max_chars": env_int("WORKBENCH_INGEST_MAX_CHARS", 5_000_000),
    "max_depth": env_int("WORKBENCH_INGEST_MAX_DEPTH", 256),
    "max_expanded_bytes": env_int("WORKBENCH_INGEST_MAX_EXPANDED_MB", 200) * 1024 * 1024,
    "max_seconds": env_int("WORKBENCH_INGEST_MAX_SECONDS", 60),
    "max_cpu_seconds": env_int("WORKBENCH_INGEST_MAX_CPU_SECONDS", 30),
    "max_memory_bytes": env_int("WORKBENCH_INGEST_MAX_MEMORY_MB", 1024) * 1024 * 1024,
}

# Celery: filesystem transport by default (no broker service), Redis in production.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "filesystem://")
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# No task may run forever (claims.task_policy.workbench_task): the soft limit raises inside the
# task so it can fail cleanly, the hard one kills the child. A 1,000-claim PDF export takes
# about 11 s; the limits leave room for 10,000 claims on a loaded machine.
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 600)
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 660)
CELERY_TASK_MAX_RETRIES = env_int("CELERY_TASK_MAX_RETRIES", 5)
if CELERY_BROKER_URL.startswith("filesystem://"):
    _queue_dir = VAR_DIR / "broker"
    for _folder in ("queue", "processed", "control"):
        (_queue_dir / _folder).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_queue_dir / "queue"),
        "data_folder_out": str(_queue_dir / "queue"),
        "processed_folder": str(_queue_dir / "processed"),
        "control_folder": str(_queue_dir / "control"),
        "store_processed": False,
    }
WORKER_HEARTBEAT_FILE = VAR_DIR / "worker-heartbeat"
# /healthz: a worker silent this long is reported (each beats every 15 s, config.celery); one
# silent longer than WORKER_FORGET_SECONDS is no longer listed (a machine taken away for good).
WORKER_STALE_SECONDS = env_int("WORKER_STALE_SECONDS", 60)
WORKER_FORGET_SECONDS = env_int("WORKER_FORGET_SECONDS", 3600)

REST_FRAMEWORK = {
    # Token first: its authenticate_header makes a missing or bad credential a 401 with
    # WWW-Authenticate (Session first gives 403 and no way for a script to tell why).
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    # Every API view: a role to read, fact-checker or above to write (views override only
    # where they differ), writes throttled, page-number pagination.
    "DEFAULT_PERMISSION_CLASSES": ["claims.api_defaults.HasRole"],
    "DEFAULT_PAGINATION_CLASS": "claims.api_defaults.StandardPagination",
    # JSON bodies only; the few views that take files say so (multipart) themselves, so the
    # schema offers each operation exactly the content types it accepts.
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    # ?format= is the exports list's filter, not DRF's renderer switch (the API answers JSON).
    "URL_FORMAT_OVERRIDE": None,
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "config.api_errors.exception_handler",
    "DEFAULT_THROTTLE_CLASSES": ["claims.api_defaults.WriteThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "login": env_str("THROTTLE_LOGIN", "10/min"),
        "writes": env_str("THROTTLE_WRITES", "600/min"),
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Claim-verification workbench API",
    "DESCRIPTION": "Letters in, claims out, review workflow, sources, verdicts and reports.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Several models have a "status" or "kind"; name each choice set after its model.
    # The schema is the contract: error responses on every operation, one Error component,
    # and fixes for shapes that typed clients and strict validators trip over.
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "config.openapi.postprocess_schema",
    ],
    "ENUM_NAME_OVERRIDES": {
        "LetterStatusEnum": "claims.models.LetterStatus",
        "ClaimKindEnum": "claims.models.ClaimKind",
        "ClaimTypeEnum": "claims.models.ClaimType",
        "ClaimStateEnum": "claims.models.ClaimState",
        "SourceKindEnum": "verification.models.SourceKind",
        "CaptureStatusEnum": "verification.models.CaptureStatus",
        "VerdictStatusEnum": "verification.models.VerdictStatus",
        "ExportStatusEnum": "verification.models.ExportStatus",
        "MatchStatusEnum": "verification.models.MatchStatus",
    },
}

# Publishing identity used in ClaimReview exports.
WORKBENCH_ORGANISATION = env_str("WORKBENCH_ORGANISATION", "Claim Verification Desk")
WORKBENCH_ORGANISATION_URL = env_str("WORKBENCH_ORGANISATION_URL", "https://example.org/")
# Public base URL of the workbench: every link in a report (claim pages, the JSON Schema) is
# built from it. Unset in production, reports fall back to the local address and the exports
# page warns (verification/public_url.py).
WORKBENCH_PUBLIC_URL_SET = bool(env_str("WORKBENCH_PUBLIC_URL").strip())
WORKBENCH_PUBLIC_URL = env_str("WORKBENCH_PUBLIC_URL").strip() or "http://127.0.0.1:8000"
# Published fact-check pages: name the researcher and approving editor (off: the desk only),
# and how many page views one address may make per minute.
WORKBENCH_PUBLIC_SHOW_REVIEWERS = env_bool("WORKBENCH_PUBLIC_SHOW_REVIEWERS", False)
WORKBENCH_PUBLIC_RATE_PER_MINUTE = env_int("WORKBENCH_PUBLIC_RATE_PER_MINUTE", 60)
# Comma-separated roles that may export reports (editor by default).
WORKBENCH_EXPORT_ROLES = env_list("WORKBENCH_EXPORT_ROLES", "editor,admin")
# Test-only: host:port pairs the URL capturer may fetch despite the address checks.
WORKBENCH_CAPTURE_ALLOW_HOSTS = env_list("WORKBENCH_CAPTURE_ALLOW_HOSTS")
# Test-only: host:port pairs a webhook may be delivered to despite the address checks.
WORKBENCH_WEBHOOK_ALLOW_HOSTS = env_list("WORKBENCH_WEBHOOK_ALLOW_HOSTS")
# Claim matching (0..1): suggest a similar claim above the first, link it as the same claim above
# the second. Unset: the measured defaults for the embedder in use (claims.matching
# DEFAULT_THRESHOLDS with the sentence model, LEXICAL_FALLBACK_THRESHOLDS without it).
WORKBENCH_MATCH_SUGGEST = env_float("WORKBENCH_MATCH_SUGGEST")
WORKBENCH_MATCH_LINK = env_float("WORKBENCH_MATCH_LINK")

if not (DEMO or DEBUG):
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_CONTENT_TYPE_NOSNIFF = True

# /metrics answers staff sessions, and scrapers sending `Authorization: Bearer <METRICS_TOKEN>`
# (no token set: staff only).
METRICS_TOKEN = env_str("METRICS_TOKEN")

# LOG_FORMAT=json writes one JSON object per line (time, level, logger, message, request_id,
# task_id); text is the readable default. Either way each line carries the request id
# (X-Request-ID) and the Celery task id.
LOG_FORMAT = env_str("LOG_FORMAT", "text")
if LOG_FORMAT not in ("text", "json"):
    raise ImproperlyConfigured(f"LOG_FORMAT must be text or json, not {LOG_FORMAT!r}")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"context": {"()": "config.logs.ContextFilter"}},
    "formatters": {
        "text": {
            "format": "%(asctime)s %(levelname)s %(name)s [req=%(request_id)s task=%(task_id)s] "
            "%(message)s"
        },
        "json": {"()": "config.logs.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["context"],
            "formatter": LOG_FORMAT,
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}
# Celery workers log through the settings above instead of replacing the root logger's handlers.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
