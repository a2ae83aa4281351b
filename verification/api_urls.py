from django.urls import path, re_path

from verification.api import evidence as evidence_api
from verification.api import exports as exports_api
from verification.api import matching as matching_api
from verification.api import review as review_api
from verification.api import verdicts as verdicts_api

urlpatterns = [
    # Review workflow
    path("claims/", review_api.ClaimList.as_view(), name="api-claim-list"),
    path("claims/bulk/", review_api.ClaimBulk.as_view(), name="api-claim-bulk"),
    path("claims/<int:pk>/", review_api.ClaimDetail.as_view(), name="api-claim-detail"),
    re_path(
        r"^claims/(?P<pk>[0-9]+)/actions/(?P<action>[a-z_]+)/?$",
        review_api.ClaimAction.as_view(),
        name="api-claim-action",
    ),
    path(
        "claims/<int:pk>/comments/", review_api.ClaimComments.as_view(), name="api-claim-comments"
    ),
    path("claims/<int:pk>/history/", review_api.ClaimHistory.as_view(), name="api-claim-history"),
    path("notifications/", review_api.NotificationList.as_view(), name="api-notification-list"),
    re_path(
        r"^notifications/(?P<pk>[0-9]+)/read/?$",
        review_api.NotificationRead.as_view(),
        name="api-notification-read",
    ),
    # Sources and evidence
    path("sources/", evidence_api.SourceListCreate.as_view(), name="api-source-list"),
    path("sources/<int:pk>/", evidence_api.SourceDetail.as_view(), name="api-source-detail"),
    path(
        "sources/<int:pk>/evidence/",
        evidence_api.SourceEvidence.as_view(),
        name="api-source-evidence",
    ),
    path(
        "sources/<int:pk>/captures/",
        evidence_api.SourceCaptures.as_view(),
        name="api-source-captures",
    ),
    path(
        "captures/<int:pk>/download/",
        evidence_api.CaptureDownload.as_view(),
        name="api-capture-download",
    ),
    path(
        "claims/<int:pk>/evidence/", evidence_api.ClaimEvidence.as_view(), name="api-claim-evidence"
    ),
    path("evidence/<int:pk>/", evidence_api.EvidenceDetail.as_view(), name="api-evidence-detail"),
    # Verdicts, the rating scale and exports
    path(
        "claims/<int:pk>/verdicts/",
        verdicts_api.ClaimVerdictList.as_view(),
        name="api-claim-verdicts",
    ),
    path(
        "claims/<int:pk>/suggested-rating/",
        verdicts_api.ClaimSuggestedRating.as_view(),
        name="api-claim-suggested-rating",
    ),
    path("ratings/", verdicts_api.RatingListCreate.as_view(), name="api-rating-list"),
    path("ratings/reorder/", verdicts_api.RatingReorder.as_view(), name="api-rating-reorder"),
    path("ratings/<int:pk>/", verdicts_api.RatingDetail.as_view(), name="api-rating-detail"),
    path("exports/", exports_api.ExportListCreate.as_view(), name="api-export-list"),
    path("exports/<int:pk>/", exports_api.ExportDetail.as_view(), name="api-export-detail"),
    re_path(
        r"^exports/(?P<pk>[0-9]+)/download/?$",
        exports_api.ExportDownload.as_view(),
        name="api-export-download",
    ),
    # Matching: similar claims and incidents
    path(
        "claims/<int:pk>/similar/",
        matching_api.ClaimSimilarList.as_view(),
        name="api-claim-similar",
    ),
    re_path(
        r"^matches/(?P<pk>[0-9]+)/confirm/?$",
        matching_api.MatchConfirm.as_view(),
        name="api-match-confirm",
    ),
    re_path(
        r"^matches/(?P<pk>[0-9]+)/reject/?$",
        matching_api.MatchReject.as_view(),
        name="api-match-reject",
    ),
    path("incidents/", matching_api.IncidentList.as_view(), name="api-incident-list"),
    re_path(
        r"^incidents/merge/?$", matching_api.IncidentMerge.as_view(), name="api-incident-merge"
    ),
    path("incidents/<int:pk>/", matching_api.IncidentDetail.as_view(), name="api-incident-detail"),
    re_path(
        r"^incidents/(?P<pk>[0-9]+)/split/?$",
        matching_api.IncidentSplit.as_view(),
        name="api-incident-split",
    ),
]
