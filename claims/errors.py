"""Domain errors that map to one HTTP status each, raised by services of both apps.

NotFound and Forbidden are also Django's Http404 and PermissionDenied, so an access_* lookup or
a service guard gives the same 404 or 403 in an HTML view as in the API."""

from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.http import Http404


class ErrorCode(StrEnum):
    """Every `error.code` the API can answer with (Zulip's ErrorCode): programs branch on these,
    so they are typed, listed in one place and never free text."""

    # Generic, one per status (and DRF's own exceptions, mapped by config/api.py).
    INVALID = "invalid"
    FORBIDDEN = "forbidden"
    NOT_FOUND = "not_found"
    CONFLICT = "conflict"
    NOT_AUTHENTICATED = "not_authenticated"
    AUTHENTICATION_FAILED = "authentication_failed"
    PERMISSION_DENIED = "permission_denied"
    METHOD_NOT_ALLOWED = "method_not_allowed"
    NOT_ACCEPTABLE = "not_acceptable"
    UNSUPPORTED_MEDIA_TYPE = "unsupported_media_type"
    PARSE_ERROR = "parse_error"
    THROTTLED = "throttled"
    ERROR = "error"
    # Uploads (the ingest codes are claims.ingest.errors.ERROR_CODES; a test keeps them in step).
    NO_FILE = "no_file"
    EMPTY = "empty"
    TOO_LARGE = "too_large"
    UNSUPPORTED_TYPE = "unsupported_type"
    BINARY = "binary"
    ENCRYPTED_PDF = "encrypted_pdf"
    CORRUPT_PDF = "corrupt_pdf"
    CORRUPT_DOCX = "corrupt_docx"
    ZIP_BOMB = "zip_bomb"
    XML_ENTITIES = "xml_entities"
    PATH_TRAVERSAL = "path_traversal"
    CORRUPT_ZIP = "corrupt_zip"
    NESTED_TOO_DEEP = "nested_too_deep"
    TOO_SMALL = "too_small"
    TOO_MANY_PAGES = "too_many_pages"
    TOO_MUCH_TEXT = "too_much_text"
    TOO_COMPLEX = "too_complex"
    MACRO_ENABLED = "macro_enabled"
    UNSAFE_MEMBER = "unsafe_member"
    # Claims and letters.
    BAD_SPAN = "bad_span"
    MERGE_NEEDS_TWO = "merge_needs_two"
    MERGE_ACROSS_LETTERS = "merge_across_letters"
    # Review workflow.
    INVALID_TRANSITION = "invalid_transition"
    STALE = "stale"
    IDEMPOTENCY_KEY_REUSED = "idempotency_key_reused"
    RACE = "race"
    ALREADY_DECIDED = "already_decided"
    # Sources and evidence.
    BAD_URL = "bad_url"
    NO_URL = "no_url"
    NO_TITLE = "no_title"
    NO_SOURCE = "no_source"
    NO_LETTER = "no_letter"
    NO_SYMBOL = "no_symbol"
    SAME_LETTER = "same_letter"
    BAD_KIND = "bad_kind"
    BAD_STANCE = "bad_stance"
    BAD_RELIABILITY = "bad_reliability"
    BAD_CREDIBILITY = "bad_credibility"
    DUPLICATE_EVIDENCE = "duplicate_evidence"
    UNSUPPORTED = "unsupported"
    # Incidents.
    SPLIT_ALL = "split_all"
    SPLIT_EMPTY = "split_empty"
    SPLIT_FOREIGN = "split_foreign"
    # Exports.
    NOT_READY = "not_ready"


class DomainError(Exception):
    http_status = 400
    code = ErrorCode.INVALID

    def __init__(self, message: str, *, code: ErrorCode | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code:
            self.code = code


class BadInput(DomainError):
    http_status = 400
    code = ErrorCode.INVALID


class Forbidden(DomainError, PermissionDenied):
    http_status = 403
    code = ErrorCode.FORBIDDEN


class NotFound(DomainError, Http404):
    http_status = 404
    code = ErrorCode.NOT_FOUND


class Conflict(DomainError):
    http_status = 409
    code = ErrorCode.CONFLICT
