from django.contrib import admin

from verification.webhooks.models import WebhookDelivery, WebhookEndpoint


class DeliveryInline(admin.TabularInline):
    model = WebhookDelivery
    fields = ["created_at", "event", "status", "attempts", "last_status_code", "last_error"]
    readonly_fields = fields
    extra = 0
    max_num = 0
    ordering = ["-created_at"]
    show_change_link = True


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(admin.ModelAdmin):
    list_display = ["url", "description", "events", "is_active", "created_at"]
    readonly_fields = ["secret", "created_at"]
    inlines = [DeliveryInline]


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "event", "endpoint", "status", "attempts", "last_status_code"]
    list_filter = ["status", "event"]
    list_select_related = ["endpoint"]
    readonly_fields = [f.name for f in WebhookDelivery._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False
