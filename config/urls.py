from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)

from config.api_auth import ThrottledObtainAuthToken
from config.health import healthz
from config.login import ThrottledLoginView
from config.metrics import metrics_view
from verification.views.schemas import report_schema

api_v1 = [
    path("auth/token/", ThrottledObtainAuthToken.as_view(), name="api-token"),
    path("", include("claims.api_urls")),
    path("", include("verification.api_urls")),
]

urlpatterns = [
    path("login/", ThrottledLoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("favicon.ico", RedirectView.as_view(url=static("favicon.svg"), permanent=True)),
    path("metrics", metrics_view, name="metrics"),
    path("api/v1/", include(api_v1)),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves its start-up script from a URL, so the docs need no inline script.
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("api/redoc/", SpectacularRedocView.as_view(url_name="api-schema"), name="api-redoc"),
    path("api/schemas/<str:name>", report_schema, name="report_schema"),
    path("", include("claims.urls")),
    path("", include("verification.urls")),
]

# JSON errors under /api/ (unknown URLs, crashes), Django's HTML pages elsewhere.
handler400 = "config.api_errors.bad_request"
handler403 = "config.api_errors.permission_denied"
handler404 = "config.api_errors.not_found"
handler500 = "config.api_errors.server_error"
