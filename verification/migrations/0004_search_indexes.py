"""Full-text search indexes, one per searchable table, outside the model state.

PostgreSQL: a GIN index on exactly the SearchVector that verification.selectors.search uses
(built from Django's own SQL for that expression, so the planner matches it).
SQLite: an FTS5 table over each real table (external content: the text is not copied), with
triggers that keep it current on insert, update of the indexed columns, soft delete and delete.
"""

from django.db import migrations

from verification import search_index


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for (app, model_name, name), fields in search_index.FIELDS.items():
        model = apps.get_model(app, model_name)
        if vendor == "postgresql":
            from django.contrib.postgres.indexes import GinIndex
            from django.contrib.postgres.search import SearchVector

            vector = SearchVector(*fields, config=search_index.CONFIG)
            index = GinIndex(vector, name=f"search_{name}_gin")
            schema_editor.execute(index.create_sql(model, schema_editor))
        elif vendor == "sqlite":
            table = model._meta.db_table
            schema_editor.execute(search_index.sqlite_create_table(table, name, fields))
            for statement in [
                *search_index.sqlite_refill(table, name, fields),
                *search_index.sqlite_triggers(table, name, fields),
            ]:
                schema_editor.execute(statement)


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for (_app, _model, name), _fields in search_index.FIELDS.items():
        if vendor == "postgresql":
            schema_editor.execute(f"DROP INDEX IF EXISTS search_{name}_gin")
        elif vendor == "sqlite":
            for statement in search_index.sqlite_drop(name):
                schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0001_initial"),
        ("verification", "0003_publication"),
    ]

    operations = [migrations.RunPython(create, drop)]
