from django.urls import path

from verification.views import compare as compare_views
from verification.views import evidence as evidence_views
from verification.views import exports as export_views
from verification.views import map as map_views
from verification.views import matching as matching_views
from verification.views import pages
from verification.views import publishing as publishing_views
from verification.views import repeats as repeats_views
from verification.views import review as review_views
from verification.views import search as search_views
from verification.views import timeline as timeline_views
from verification.views import verdicts as verdict_views

urlpatterns = [
    path("", pages.dashboard_page, name="dashboard"),
    path("claims/<int:pk>/", pages.claim_detail, name="claim_detail"),
    path("search/", search_views.search_page, name="search"),
    path("timeline/", timeline_views.timeline_page, name="timeline"),
    path("map/", map_views.map_page, name="map"),
    path("letters/compare/", compare_views.letters_compare, name="letters_compare"),
    path(
        "claims/<int:pk>/adopt-evidence",
        repeats_views.claim_adopt_evidence,
        name="claim_adopt_evidence",
    ),
    path("timeline/data.json", timeline_views.timeline_json, name="timeline_json"),
    path("timeline/bar", timeline_views.timeline_bar, name="timeline_bar"),
    # Review workflow
    path("queues/", review_views.queue_page, name="queue_default"),
    path("queues/<slug:queue>/", review_views.queue_page, name="queue"),
    path("claims/bulk/", review_views.bulk_action, name="claims_bulk"),
    path("claims/<int:pk>/actions/<slug:action>/", review_views.claim_action, name="claim_action"),
    path("claims/<int:pk>/comments/", review_views.claim_comments_section, name="claim_comments"),
    path("claims/<int:pk>/comments/new/", review_views.comment_post, name="comment_post"),
    path("triage/", review_views.triage_page, name="triage"),
    path("triage/<int:pk>/<slug:action>/", review_views.triage_act, name="triage_act"),
    path("notifications/", review_views.notifications_page, name="notifications"),
    path("notifications/<int:pk>/read/", review_views.notification_read, name="notification_read"),
    path(
        "notifications/read-all/",
        review_views.notifications_read_all,
        name="notifications_read_all",
    ),
    # Sources and evidence
    path("sources/", evidence_views.source_list_page, name="source_list"),
    path("sources/new", evidence_views.source_create_page, name="source_create"),
    path("sources/<int:pk>/", evidence_views.source_detail_page, name="source_detail"),
    path("sources/<int:pk>/edit", evidence_views.source_edit_page, name="source_edit"),
    path("sources/<int:pk>/capture", evidence_views.source_capture_again, name="source_capture"),
    path("captures/<int:pk>/download", evidence_views.capture_download, name="capture_download"),
    path("captures/<int:pk>/status", evidence_views.capture_status, name="capture_status"),
    path("claims/<int:pk>/evidence/", evidence_views.claim_evidence_section, name="claim_evidence"),
    path("claims/<int:pk>/evidence/add", evidence_views.claim_evidence_add, name="evidence_add"),
    path(
        "claims/<int:pk>/evidence/sources",
        evidence_views.evidence_source_search,
        name="evidence_source_search",
    ),
    path(
        "claims/<int:pk>/evidence/letter",
        evidence_views.evidence_letter_picker,
        name="evidence_letter_picker",
    ),
    path("evidence/<int:pk>/edit", evidence_views.evidence_edit, name="evidence_edit"),
    path("evidence/<int:pk>/delete", evidence_views.evidence_remove, name="evidence_delete"),
    # Rating scale and exports
    path("ratings/", verdict_views.rating_scale_page, name="rating_scale"),
    path("ratings/new", verdict_views.rating_create, name="rating_create"),
    path("ratings/<int:pk>/edit", verdict_views.rating_edit, name="rating_edit"),
    path("ratings/<int:pk>/deactivate", verdict_views.rating_deactivate, name="rating_deactivate"),
    path("ratings/<int:pk>/move", verdict_views.rating_move, name="rating_move"),
    path("exports/", export_views.export_list_page, name="export_list"),
    path("exports/new", export_views.export_create, name="export_create"),
    path("exports/<int:pk>/row", export_views.export_row, name="export_row"),
    path("exports/<int:pk>/download", export_views.export_download, name="export_download"),
    # Matching: similar claims and incidents
    path(
        "claims/<int:pk>/matching/",
        matching_views.claim_matching_section,
        name="claim_matching",
    ),
    path(
        "claims/<int:pk>/matching/propose",
        matching_views.claim_propose_linked_verdict,
        name="claim_propose_linked_verdict",
    ),
    path(
        "matches/<int:pk>/<slug:decision>",
        matching_views.match_decide,
        name="match_decide",
    ),
    path("incidents/", matching_views.incident_list_page, name="incident_list"),
    path("incidents/merge", matching_views.incident_merge_page, name="incident_merge"),
    path("incidents/<int:pk>/", matching_views.incident_detail_page, name="incident_detail"),
    # Publishing: public fact-check pages (no login)
    path("fact-checks/<slug:slug>/", publishing_views.fact_check_page, name="fact_check"),
    path("claims/<int:pk>/publish", publishing_views.claim_publish, name="claim_publish"),
    path("claims/<int:pk>/unpublish", publishing_views.claim_unpublish, name="claim_unpublish"),
    path("incidents/<int:pk>/split", matching_views.incident_split_page, name="incident_split"),
]
