"""JSON, not HTML, for every error under /api/: Django's handler404/handler500/handler400/
handler403 answer outside DRF views (an unknown /api/v1/ URL, a crash), so they are routed here;
pages keep Django's HTML error views."""

from django.http import JsonResponse
from django.views import defaults


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
