from django.urls import path

from verification.views import pages

urlpatterns = [
    path("", pages.dashboard_page, name="dashboard"),
    path("claims/<int:pk>/", pages.claim_detail, name="claim_detail"),
]
