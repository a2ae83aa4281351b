"""Safe capture of user-supplied URLs: fetch and archive sources without SSRF.

``capture_url`` fetches one http(s) URL under a ``CapturePolicy``; it refuses
(``CaptureRefused``) anything that could reach the server's own network and reports
other problems as ``CaptureFailed`` with a ``transient`` flag for retry decisions.
``readable_text`` turns a captured document into plain text for matching.
"""

from verification.capture.addresses import check_address
from verification.capture.errors import CaptureFailed, CaptureRefused
from verification.capture.fetch import (
    ALLOWED_MEDIA_TYPES,
    DEFAULT_POLICY,
    CapturePolicy,
    CaptureResult,
    capture_url,
)
from verification.capture.text import readable_text

__all__ = [
    "ALLOWED_MEDIA_TYPES",
    "DEFAULT_POLICY",
    "CaptureFailed",
    "CapturePolicy",
    "CaptureRefused",
    "CaptureResult",
    "capture_url",
    "check_address",
    "readable_text",
]
