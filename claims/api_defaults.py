"""The API's defaults, named by dotted path in REST_FRAMEWORK settings: every API view gets the
role permission, the write throttle and page-number pagination unless it says otherwise.

DRF imports the default permission and throttle classes while it defines APIView, so this
module must not import rest_framework.views (or anything that does): that was a circular
import once, when these lived in config/.
"""

from django.http import Http404
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import BasePermission
from rest_framework.throttling import UserRateThrottle

from claims import permissions

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


class HasRole(BasePermission):
    """The default. Outsiders (no role) get 404 for everything; reading needs any role,
    writing a fact-checker or above."""

    def has_permission(self, request, view) -> bool:
        if not request.user.is_authenticated:
            return False
        if not permissions.can_view(request.user):
            raise Http404
        if request.method in SAFE_METHODS:
            return True
        return permissions.can_research(request.user)


class AnyRole(HasRole):
    """For views whose service decides who may write (exports, one's own notifications):
    outsiders still get 404, any role passes."""

    def has_permission(self, request, view) -> bool:
        if not request.user.is_authenticated:
            return False
        if not permissions.can_view(request.user):
            raise Http404
        return True


class WriteThrottle(UserRateThrottle):
    """The default. Applies to unsafe methods only, so reading is never throttled."""

    scope = "writes"

    def allow_request(self, request, view) -> bool:
        if request.method in SAFE_METHODS:
            return True
        return super().allow_request(request, view)


class LoginThrottle(UserRateThrottle):
    scope = "login"


class StandardPagination(PageNumberPagination):
    """The default."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
