"""Typed readers for settings taken from the environment (each variable is read once)."""

import os
import secrets
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, not {raw!r}") from exc


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_float(name: str, default: float | None = None) -> float | None:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return float(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a number, not {raw!r}") from exc


def read_or_create_secret(path: Path) -> str:
    """The install's own secret, made once and kept in `path` (mode 0600).

    Every process of one install (gunicorn workers, Celery workers, management commands) must
    sign sessions with the same key, so the first process to start writes it and the others
    read it. The key is written to a temporary file and linked into place, so a process never
    reads a half-written key and two processes starting together agree on one."""
    try:
        return _read_secret(path)
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    candidate = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(secrets.token_urlsafe(50))
    try:
        os.link(candidate, path)  # fails if another process got there first: use its key
    except FileExistsError:
        pass
    finally:
        candidate.unlink()
    return _read_secret(path)


def _read_secret(path: Path) -> str:
    secret = path.read_text("utf-8").strip()
    if len(secret) < 32:
        raise ImproperlyConfigured(
            f"{path} holds no usable secret key; delete it to make a new one"
        )
    return secret
