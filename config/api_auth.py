from rest_framework.authtoken.views import ObtainAuthToken

from claims.api_defaults import LoginThrottle


class ThrottledObtainAuthToken(ObtainAuthToken):
    """POST username and password, get a token. Throttled against password guessing."""

    throttle_classes = [LoginThrottle]
