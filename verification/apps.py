from django.apps import AppConfig
from django.db.models.signals import post_migrate


def repair_search_index(using="default", **_kwargs) -> None:
    """On SQLite, recreate full-text triggers that a table rebuild dropped, and refill that
    index (see verification/search_index.py). Nothing to do elsewhere or when all are there."""
    from django.apps import apps
    from django.db import connections

    from verification import search_index

    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")
        present = {row[0] for row in cursor.fetchall()}
        for (app, model_name, name), fields in search_index.FIELDS.items():
            fts = search_index.fts_table(name)
            if fts not in present:
                continue  # migration 0004 not applied yet
            if all(f"{fts}_{suffix}" in present for suffix in search_index.TRIGGERS):
                continue
            table = apps.get_model(app, model_name)._meta.db_table
            for statement in [
                *search_index.sqlite_triggers(table, name, fields),
                *search_index.sqlite_refill(table, name, fields),
            ]:
                cursor.execute(statement)


class VerificationConfig(AppConfig):
    name = "verification"
    verbose_name = "Verification"

    def ready(self) -> None:
        # Tasks the claims app asks for by name (it never imports verification) must be
        # registered in the web process too, so that eager runs and workers both know them.
        from verification import tasks  # noqa: F401

        post_migrate.connect(repair_search_index, sender=self)
