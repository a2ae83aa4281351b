"""Domain errors that map to one HTTP status each, raised by services of both apps.

NotFound and Forbidden are also Django's Http404 and PermissionDenied, so an access_* lookup or
a service guard gives the same 404 or 403 in an HTML view as in the API."""

from django.core.exceptions import PermissionDenied
from django.http import Http404


class DomainError(Exception):
    http_status = 400
    code = "invalid"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code:
            self.code = code


class BadInput(DomainError):
    http_status = 400
    code = "invalid"


class Forbidden(DomainError, PermissionDenied):
    http_status = 403
    code = "forbidden"


class NotFound(DomainError, Http404):
    http_status = 404
    code = "not_found"


class Conflict(DomainError):
    http_status = 409
    code = "conflict"
