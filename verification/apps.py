from django.apps import AppConfig


class VerificationConfig(AppConfig):
    name = "verification"
    verbose_name = "Verification"

    def ready(self) -> None:
        # Tasks the claims app asks for by name (it never imports verification) must be
        # registered in the web process too, so that eager runs and workers both know them.
        from verification import tasks  # noqa: F401
