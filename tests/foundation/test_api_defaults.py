"""Every API view is guarded by default: a view written without permission or throttle settings
still needs a role, and no app reaches into config/ for API plumbing."""

import re
from pathlib import Path

from django.urls import URLPattern, URLResolver, get_resolver

from claims.api_defaults import AnyRole, HasRole, WriteThrottle

ROOT = Path(__file__).resolve().parents[2]
# Views that deliberately differ from the defaults, and why.
OPEN_VIEWS = {
    "api-token": "logging in needs no role; throttled by LoginThrottle",
    "api-schema": "the schema is public documentation",
    "api-docs": "the schema is public documentation",
    "api-redoc": "the schema is public documentation",
    "report_schema": "the JSON Schema of the exports is public documentation",
}


def _api_patterns(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _api_patterns(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern) and (prefix + str(entry.pattern)).startswith("api/"):
            yield entry


def test_every_api_view_needs_a_role_unless_listed_as_open():
    seen = 0
    for pattern in _api_patterns(get_resolver().url_patterns):
        view = pattern.callback.view_class
        if pattern.name in OPEN_VIEWS:
            continue
        seen += 1
        classes = view.permission_classes
        assert any(issubclass(c, HasRole) for c in classes), (pattern.name, classes)
        if not any(issubclass(c, AnyRole) for c in classes):
            assert classes == [HasRole], (pattern.name, classes)
        assert WriteThrottle in view.throttle_classes, pattern.name
    assert seen >= 30


def test_apps_do_not_import_config():
    offenders = [
        str(path.relative_to(ROOT))
        for app in ("claims", "verification")
        for path in (ROOT / app).rglob("*.py")
        if re.search(r"^\s*(from|import) config\b", path.read_text(), re.MULTILINE)
    ]
    assert offenders == []


def test_every_ingest_refusal_code_is_an_api_error_code():
    from claims.errors import ErrorCode
    from claims.ingest.errors import ERROR_CODES

    assert {code.value for code in ErrorCode} >= ERROR_CODES
