"""Read one untrusted document in a child process that the kernel caps in memory and CPU time,
with a wall-clock timeout that kills it.

The parsers are C libraries (pdfium, libxml2) fed by strangers: a limit checked in Python cannot
stop a parser that is stuck inside one call, and a process that grows to a gigabyte takes the
web server with it. So the web process only starts `python -I -c ...`, sends it the bytes on
stdin and reads JSON back on stdout; the child sets RLIMIT_AS and RLIMIT_CPU on itself before
it parses anything.

    read = read_in_sandbox(data, "letter.pdf", limits)   # ReadResult, or raises IngestError
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

from claims.ingest.errors import IngestError
from claims.ingest.limits import Limits

_PROJECT_ROOT = str(Path(__file__).resolve().parents[2])
_BOOTSTRAP = (
    f"import sys; sys.path.insert(0, {_PROJECT_ROOT!r}); "
    "from claims.ingest.sandbox import child_main; child_main()"
)
_HEADER_BYTES = 4


def read_in_sandbox(data: bytes, name: str, limits: Limits):  # -> ReadResult
    """read_document(data, name=name, limits=limits), run in a capped child process."""
    header = json.dumps({"name": name, "limits": limits.as_dict()}).encode()
    payload = len(header).to_bytes(_HEADER_BYTES, "big") + header + data
    child = subprocess.Popen(
        [sys.executable, "-I", "-c", _BOOTSTRAP],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group, so a kill takes any helper too
    )
    try:
        out, err = child.communicate(payload, timeout=limits.max_seconds)
    except subprocess.TimeoutExpired:
        _kill(child)
        raise IngestError(
            "too_complex",
            f"{_label(name)} took longer than {_seconds(limits.max_seconds)} to read; "
            "it is refused.",
        ) from None
    return _result(child.returncode, out, err, name, limits)


def _kill(child: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(child.pid, signal.SIGKILL)
    child.communicate()


def _result(returncode: int, out: bytes, err: bytes, name: str, limits: Limits):
    from claims.ingest import ReadResult

    try:
        answer = json.loads(out) if out else None
    except ValueError:
        answer = None
    if isinstance(answer, dict) and "read" in answer:
        return ReadResult(**answer["read"])
    if isinstance(answer, dict) and "error" in answer:
        raise IngestError(answer["error"]["code"], answer["error"]["message"])
    if returncode in (-signal.SIGXCPU, -signal.SIGKILL):
        raise IngestError(
            "too_complex",
            f"{_label(name)} needs more than {_seconds(limits.max_cpu_seconds)} of processing "
            "to read; it is refused.",
        )
    # pdfium aborts when an allocation fails under RLIMIT_AS rather than raising.
    raise IngestError(
        "too_complex",
        f"{_label(name)} could not be read within {limits.max_memory_bytes // 2**20:,} MiB "
        "of memory; it is refused.",
    )


def child_main() -> None:
    """The child: read the request from stdin, cap itself, read the document, answer in JSON."""
    raw = sys.stdin.buffer.read()
    size = int.from_bytes(raw[:_HEADER_BYTES], "big")
    request = json.loads(raw[_HEADER_BYTES : _HEADER_BYTES + size])
    data = raw[_HEADER_BYTES + size :]
    del raw
    limits = Limits(**request["limits"])
    from claims.ingest import read_document  # import before the cap: the libraries are trusted

    _cap(limits)
    try:
        read = read_document(data, name=request["name"], limits=limits)
        answer: dict = {"read": read.__dict__}
    except IngestError as error:
        answer = {"error": {"code": error.code, "message": error.message}}
    except MemoryError:
        answer = {"error": {"code": "too_complex", "message": _memory_message(request, limits)}}
    sys.stdout.write(json.dumps(answer))
    sys.stdout.flush()


def _cap(limits: Limits) -> None:
    import resource

    cpu = max(1, int(limits.max_cpu_seconds))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    resource.setrlimit(resource.RLIMIT_AS, (limits.max_memory_bytes, limits.max_memory_bytes))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _memory_message(request: dict, limits: Limits) -> str:
    return (
        f"{_label(request['name'])} could not be read within "
        f"{limits.max_memory_bytes // 2**20:,} MiB of memory; it is refused."
    )


def _seconds(amount: float) -> str:
    return f"{amount:g} second{'' if amount == 1 else 's'}"


def _label(name: str) -> str:
    return f"The file “{name}”" if name else "The file"
