from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.parsers import JSONParser
from rest_framework.permissions import AllowAny

from claims.api_defaults import LoginThrottle


class ThrottledObtainAuthToken(ObtainAuthToken):
    """POST username and password (JSON), get a token. Anonymous by nature; throttled against
    password guessing."""

    authentication_classes: list[type] = []
    permission_classes = [AllowAny]
    parser_classes = [JSONParser]
    throttle_classes = [LoginThrottle]
