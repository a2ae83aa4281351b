from django.urls import path

from claims import api

urlpatterns = [
    path("letters/", api.LetterListCreate.as_view(), name="api-letter-list"),
    path("letters/<int:pk>/", api.LetterDetail.as_view(), name="api-letter-detail"),
    path(
        "letters/<int:pk>/original/",
        api.LetterOriginalDownload.as_view(),
        name="api-letter-original",
    ),
    path("letters/<int:pk>/claims/", api.LetterClaims.as_view(), name="api-letter-claims"),
]
