"""The two ways a capture can end without a result."""


class CaptureRefused(Exception):
    """The URL breaks the capture policy. Retrying cannot help."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class CaptureFailed(Exception):
    """The fetch was allowed but did not produce a usable document."""

    def __init__(self, reason: str, *, transient: bool) -> None:
        super().__init__(reason)
        self.reason = reason
        self.transient = transient
