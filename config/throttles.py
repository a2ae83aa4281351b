"""Throttles named in REST_FRAMEWORK settings. Keep this module free of rest_framework.views:
DRF imports it while defining APIView, so importing views here would be circular."""

from rest_framework.throttling import UserRateThrottle


class WriteThrottle(UserRateThrottle):
    """Applies to unsafe methods only, so reading is never throttled."""

    scope = "writes"

    def allow_request(self, request, view) -> bool:
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return True
        return super().allow_request(request, view)


class LoginThrottle(UserRateThrottle):
    scope = "login"
