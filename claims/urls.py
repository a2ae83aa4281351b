from django.urls import path

from claims import views

urlpatterns = [
    path("letters/", views.letter_list, name="letter_list"),
    path("letters/upload/", views.letter_upload, name="letter_upload"),
    path("letters/paste/", views.letter_paste, name="letter_paste"),
    path("letters/<int:pk>/", views.letter_detail, name="letter_detail"),
    path("letters/<int:pk>/status/", views.letter_status, name="letter_status"),
    path("letters/<int:pk>/original/", views.letter_original, name="letter_original"),
    path("letters/<int:pk>/edit/", views.letter_edit, name="letter_edit"),
    path("letters/<int:pk>/reextract/", views.letter_reextract, name="letter_reextract"),
    path("letters/<int:pk>/retry/", views.letter_retry, name="letter_retry"),
    path("letters/<int:pk>/claims/add/", views.claim_add, name="claim_add"),
    path("letters/<int:pk>/claims/merge/", views.claims_merge, name="claims_merge"),
    path("claims/<int:pk>/edit/", views.claim_edit, name="claim_edit"),
    path("claims/<int:pk>/split/", views.claim_split, name="claim_split"),
]
