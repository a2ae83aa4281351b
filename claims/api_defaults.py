"""The API's defaults, named by dotted path in REST_FRAMEWORK settings: every API view gets the
role permission, the write throttle and page-number pagination unless it says otherwise.

DRF imports the default permission and throttle classes while it defines APIView, so this
module must not import rest_framework.views (or anything that does): that was a circular
import once, when these lived in config/.
"""

from django.http import Http404
from rest_framework.exceptions import NotFound, ValidationError
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
    """The default, and the one pagination style of every API list: page numbers.

    {"count", "next", "previous", "results"}; `page` (from 1) and `page_size` (1 to 200, default
    50). A page or page size that cannot be read, or a page past the end, is a 400 naming the
    parameter (DRF answers 404 for a bad page, which a client cannot tell from a missing list).
    """

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200

    def get_page_size(self, request) -> int:
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None or raw == "":
            return self.page_size
        if not raw.isdigit() or int(raw) < 1:
            message = f"Give a whole number from 1 to {self.max_page_size}."
            raise ValidationError({"page_size": [message]})
        return min(int(raw), self.max_page_size)

    def paginate_queryset(self, queryset, request, view=None):
        raw = request.query_params.get(self.page_query_param, "")
        if raw not in ("", "last") and (not raw.isdigit() or int(raw) < 1):
            raise ValidationError({"page": ["Give a page number from 1."]})
        try:
            return super().paginate_queryset(queryset, request, view)
        except NotFound as exc:
            raise ValidationError({"page": [str(exc.detail)]}) from exc
