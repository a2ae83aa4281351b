"""Request and task ids on every log line, and JSON lines when LOG_FORMAT=json.

RequestIdMiddleware takes the caller's X-Request-ID (a proxy's, if it sets one and it looks
sane) or makes one, keeps it for the request's log lines and returns it in the response's
X-Request-ID header. Celery tasks carry the id of the request that queued them (a message
header set when the task is sent), and their log lines carry their own task id as well.
"""

from __future__ import annotations

import json
import logging
import re
import uuid
from contextvars import ContextVar, Token
from datetime import UTC, datetime

from celery.signals import before_task_publish, task_postrun, task_prerun

HEADER = "X-Request-ID"
_SANE = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")
request_id_var: ContextVar[str] = ContextVar("request_id", default="")


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get(HEADER, "")
        request_id = given if _SANE.match(given) else uuid.uuid4().hex
        request.request_id = request_id
        token = request_id_var.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        response[HEADER] = request_id
        return response


def _current_task_id() -> str:
    from celery import current_task

    task = current_task._get_current_object() if current_task else None
    return (getattr(task.request, "id", None) or "") if task else ""


class ContextFilter(logging.Filter):
    """Adds request_id and task_id to every record (empty outside a request or task)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get()
        record.task_id = _current_task_id()
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", ""),
            "task_id": getattr(record, "task_id", ""),
            "process": record.process,
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


# ---- The request id travels with the tasks a request queues ----------------------------------


@before_task_publish.connect
def _send_request_id(headers=None, **_kwargs) -> None:
    request_id = request_id_var.get()
    if request_id and headers is not None:
        headers.setdefault("request_id", request_id)


_task_tokens: dict[str, Token[str]] = {}


@task_prerun.connect
def _receive_request_id(task_id=None, task=None, **_kwargs) -> None:
    request_id = getattr(task.request, "request_id", None) if task else None
    if request_id and task_id:
        _task_tokens[task_id] = request_id_var.set(request_id)


@task_postrun.connect
def _forget_request_id(task_id=None, **_kwargs) -> None:
    token = _task_tokens.pop(task_id, None)
    if token is not None:
        request_id_var.reset(token)
