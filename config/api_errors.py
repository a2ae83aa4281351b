"""JSON, not HTML, for every error under /api/: Django's handler404/handler500/handler400/
handler403 answer outside DRF views (an unknown /api/v1/ URL, a crash), so they are routed here;
pages keep Django's HTML error views.

`exception_handler` (REST_FRAMEWORK's) adds what config.api's handler leaves to a 500: a number
too large for the database (an id of 99999999999999999999 in a path or a filter: OverflowError
on SQLite, DataError on PostgreSQL) is bad input, a 400.
"""

from django.db import DataError
from django.http import JsonResponse
from django.views import defaults
from rest_framework.exceptions import ValidationError

from config.api import exception_handler as api_exception_handler


def exception_handler(exc, context):
    if isinstance(exc, OverflowError | DataError):
        exc = ValidationError("A number or value in the request is out of range.")
    return api_exception_handler(exc, context)


def _is_api(request) -> bool:
    return request.path.startswith("/api/")


def _error(status: int, code: str, message: str) -> JsonResponse:
    body = {"error": {"status": status, "code": code, "message": message}}
    return JsonResponse(body, status=status)


def not_found(request, exception=None):
    if _is_api(request):
        return _error(404, "not_found", f"No API endpoint at {request.path}.")
    return defaults.page_not_found(request, exception)


def server_error(request):
    if _is_api(request):
        return _error(500, "server_error", "The server failed; the error has been logged.")
    return defaults.server_error(request)


def bad_request(request, exception=None):
    if _is_api(request):
        return _error(400, "bad_request", "The request could not be read.")
    return defaults.bad_request(request, exception)


def permission_denied(request, exception=None):
    if _is_api(request):
        return _error(403, "permission_denied", "You may not do this.")
    return defaults.permission_denied(request, exception)
