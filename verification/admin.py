from django.contrib import admin

from claims.admin import SoftDeleteAdmin
from verification.models import Comment, Evidence, Incident, Rating, Source


@admin.register(Source)
class SourceAdmin(SoftDeleteAdmin):
    list_display = ["id", "title", "kind", "publisher", "reliability", "is_deleted"]
    list_filter = ["kind", "reliability", "is_deleted"]
    search_fields = ["title", "publisher", "url"]


@admin.register(Evidence)
class EvidenceAdmin(SoftDeleteAdmin):
    list_display = ["id", "claim", "source", "stance", "credibility", "is_deleted"]
    raw_id_fields = ["claim", "source", "added_by"]


@admin.register(Comment)
class CommentAdmin(SoftDeleteAdmin):
    list_display = ["id", "claim", "author", "created_at", "is_deleted"]
    raw_id_fields = ["claim", "author"]


@admin.register(Incident)
class IncidentAdmin(SoftDeleteAdmin):
    list_display = ["id", "title", "event_date", "is_deleted"]


@admin.register(Rating)
class RatingAdmin(admin.ModelAdmin):
    list_display = ["label", "order", "value", "colour", "is_active"]

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
