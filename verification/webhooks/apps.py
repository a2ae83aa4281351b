from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    name = "verification.webhooks"
    label = "webhooks"
    verbose_name = "Webhooks"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from claims import events
        from verification.webhooks import services

        events.subscribe(services.webhook_event_record)
