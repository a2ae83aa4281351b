"""Idempotency-Key on the POSTs that start work (uploads, captures, exports).

A client that lost the answer to a POST may send it again with the same Idempotency-Key: within
24 hours the same user gets the first answer back (status, body and Location, with
`Idempotent-Replayed: true`) and no second job is made. The key is per user; reusing it on
another operation is a 409. Only successful answers are kept, so a failed request can be retried.
"""

from __future__ import annotations

import functools
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from claims.errors import Conflict, ErrorCode
from claims.models import IdempotencyRecord

HEADER = "Idempotency-Key"
KEEP = timedelta(hours=24)


def idempotent(post):
    """Decorate an API view's post(self, request, ...)."""

    @functools.wraps(post)
    def wrapper(view, request, *args, **kwargs):
        key = request.headers.get(HEADER)
        if key is None:
            return post(view, request, *args, **kwargs)
        if not key.strip() or len(key) > 255:
            raise ValidationError({HEADER: ["Give a key of 1 to 255 characters."]})
        record = _recent(request.user, key)
        if record is not None:
            return _replay(record, request)
        response = post(view, request, *args, **kwargs)
        if 200 <= response.status_code < 300:
            _remember(request, key, response)
        return response

    return wrapper


def _recent(user, key: str) -> IdempotencyRecord | None:
    IdempotencyRecord.objects.filter(created_at__lt=timezone.now() - KEEP).delete()
    return IdempotencyRecord.objects.filter(user=user, key=key).first()


def _replay(record: IdempotencyRecord, request) -> Response:
    if (record.method, record.path) != (request.method, request.path):
        raise Conflict(
            f"This Idempotency-Key was used for {record.method} {record.path}.",
            code=ErrorCode.IDEMPOTENCY_KEY_REUSED,
        )
    headers = {"Idempotent-Replayed": "true"}
    if record.location:
        headers["Location"] = record.location
    return Response(record.body, status=record.status, headers=headers)


def _remember(request, key: str, response) -> None:
    try:
        with transaction.atomic():
            IdempotencyRecord.objects.create(
                user=request.user,
                key=key,
                method=request.method,
                path=request.path,
                status=response.status_code,
                body=response.data,
                location=response.get("Location", ""),
            )
    except IntegrityError:
        pass  # a concurrent request with the same key stored its answer first
