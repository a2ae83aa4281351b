"""Admin: letters and claims are never deleted here; admins soft-delete and restore them."""

from django.contrib import admin, messages

from claims.audit import audit_record
from claims.models import AuditEvent, Claim, Letter, LetterOriginal


class SoftDeleteAdmin(admin.ModelAdmin):
    """Hides the hard delete; offers audited soft delete and restore instead."""

    actions = ["soft_delete", "restore"]

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def _set_deleted(self, request, queryset, deleted: bool) -> None:
        for obj in queryset.filter(is_deleted=not deleted):
            obj.is_deleted = deleted
            obj.save(update_fields=["is_deleted"])
            audit_record(
                actor=request.user,
                action=f"{type(obj).__name__.lower()}.{'deleted' if deleted else 'restored'}",
                target=obj,
                before={"is_deleted": not deleted},
                after={"is_deleted": deleted},
            )
        self.message_user(request, "Done; the change is in the audit trail.", messages.SUCCESS)

    @admin.action(description="Soft-delete (hide; can be restored)")
    def soft_delete(self, request, queryset) -> None:
        self._set_deleted(request, queryset, True)

    @admin.action(description="Restore")
    def restore(self, request, queryset) -> None:
        self._set_deleted(request, queryset, False)


@admin.register(Letter)
class LetterAdmin(SoftDeleteAdmin):
    list_display = ["id", "symbol", "letter_date", "sender", "status", "is_deleted"]
    list_filter = ["status", "is_deleted", "doc_type"]
    search_fields = ["symbol", "sender", "title"]
    readonly_fields = ["raw_text", "text", "text_version", "created_by", "created_at"]


@admin.register(Claim)
class ClaimAdmin(SoftDeleteAdmin):
    list_display = ["id", "letter", "kind", "claim_type", "state", "assignee", "is_deleted"]
    list_filter = ["state", "kind", "claim_type", "is_deleted"]
    search_fields = ["quote", "restatement"]
    raw_id_fields = ["letter", "assignee", "duplicate_of", "proposed_by", "created_by"]
    readonly_fields = ["state", "version", "start", "end", "quote"]


@admin.register(LetterOriginal)
class LetterOriginalAdmin(admin.ModelAdmin):
    """The original bytes are evidence: read-only."""

    list_display = ["filename", "sha256", "size", "media_type", "uploaded_by", "uploaded_at"]

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Append-only."""

    list_display = ["at", "actor", "action", "target_type", "target_id"]
    list_filter = ["action", "target_type"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
