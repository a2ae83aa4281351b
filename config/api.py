"""The single API error format, shared by both apps (the default permission, throttles and
pagination live in claims/api_defaults.py).

Every error body is {"error": {"status": int, "code": str, "message": str, "details": ...}}.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from claims.errors import DomainError, ErrorCode


def error_body(status_code: int, code: ErrorCode, message: str, details=None) -> dict:
    """The one error format; `code` is an ErrorCode, never free text."""
    error = {"status": status_code, "code": code, "message": message}
    if details:
        error["details"] = details
    return {"error": error}


def exception_handler(exc, context):
    if isinstance(exc, DomainError):
        return Response(error_body(exc.http_status, exc.code, exc.message), status=exc.http_status)
    if isinstance(exc, ValidationError):
        exc = exceptions.ValidationError(detail=exc.messages)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    default = getattr(exc, "default_code", "error")
    code = ErrorCode(default) if default in {c.value for c in ErrorCode} else ErrorCode.ERROR
    detail = response.data
    if isinstance(exc, exceptions.ValidationError):
        message = _first_message(detail) or "The request is not valid."
        response.data = error_body(response.status_code, ErrorCode.INVALID, message, detail)
    else:
        message = str(detail.get("detail", detail)) if isinstance(detail, dict) else str(detail)
        response.data = error_body(response.status_code, code, message)
    if response.status_code == status.HTTP_401_UNAUTHORIZED:
        response.data["error"]["code"] = ErrorCode.NOT_AUTHENTICATED
    return response


def _first_message(detail) -> str:
    if isinstance(detail, str):
        return detail
    if isinstance(detail, list) and detail:
        return _first_message(detail[0])
    if isinstance(detail, dict):
        for key, value in detail.items():
            inner = _first_message(value)
            if inner:
                return inner if key in ("non_field_errors", "detail") else f"{key}: {inner}"
    return ""
