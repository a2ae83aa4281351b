"""The embedded default's cache: Django's file cache under var/, shared by every gunicorn and
Celery process of the install, with `add` and `incr` made atomic across processes.

Django's FileBasedCache implements `incr` as get-then-set (two processes can both read 9 and
both write 10) and resets the key's expiry to the default timeout on every increment, so a
counter's window would slide. Here both run under one lock file and an increment keeps the
key's expiry. Production uses Redis (CACHE_URL), whose INCR is atomic and keeps the TTL.
"""

from __future__ import annotations

import os
import pickle
import tempfile
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache
from django.core.files import locks
from django.core.files.move import file_move_safe


class LockedFileCache(FileBasedCache):
    @contextmanager
    def _locked(self) -> Iterator[None]:
        self._createdir()
        with open(os.path.join(self._dir, "counters.lock"), "a+b") as handle:
            locks.lock(handle, locks.LOCK_EX)
            try:
                yield
            finally:
                locks.unlock(handle)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None) -> bool:
        with self._locked():
            return super().add(key, value, timeout, version)

    def incr(self, key, delta=1, version=None):
        fname = self._key_to_file(key, version)
        with self._locked():
            try:
                with open(fname, "rb") as handle:
                    expiry = pickle.load(handle)
                    value = pickle.loads(zlib.decompress(handle.read()))
            except (FileNotFoundError, EOFError):
                raise ValueError(f"Key '{key}' not found") from None
            if expiry is not None and expiry < time.time():
                self._delete(fname)
                raise ValueError(f"Key '{key}' not found")
            value += delta
            fd, tmp_path = tempfile.mkstemp(dir=self._dir)
            with open(fd, "wb") as handle:
                handle.write(pickle.dumps(expiry, self.pickle_protocol))
                handle.write(zlib.compress(pickle.dumps(value, self.pickle_protocol)))
            file_move_safe(tmp_path, fname, allow_overwrite=True)
            return value
