"""pgvector for claim vectors on PostgreSQL, when the extension is installed.

Adds `claims_claimembedding.embedding vector(384)` (the MiniLM's dimension) with an HNSW index
for cosine distance, and fills it from the stored float32 bytes. A no-op on SQLite and on a
PostgreSQL without pgvector (scripts/build_pgvector.sh installs it): matching then keeps its
in-process index (claims/matching_pgvector.py). The Django model does not know the column.
"""

from django.db import migrations

DIM = 384
BATCH = 1000


def has_pgvector(schema_editor) -> bool:
    if schema_editor.connection.vendor != "postgresql":
        return False
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'vector'")
        return cursor.fetchone() is not None


def add_column(apps, schema_editor):
    if not has_pgvector(schema_editor):
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS vector")
    schema_editor.execute(
        f"ALTER TABLE claims_claimembedding ADD COLUMN IF NOT EXISTS embedding vector({DIM})"
    )
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS claims_claimembedding_embedding_hnsw"
        " ON claims_claimembedding USING hnsw (embedding vector_cosine_ops)"
    )
    ClaimEmbedding = apps.get_model("claims", "ClaimEmbedding")
    rows = ClaimEmbedding.objects.values_list("pk", "vector").order_by("pk")
    batch = []
    for pk, data in rows.iterator(chunk_size=BATCH):
        values = memoryview(bytes(data)).cast("f")
        if len(values) == DIM:
            batch.append(("[" + ",".join(f"{x:.8g}" for x in values) + "]", pk))
        if len(batch) == BATCH:
            _fill(schema_editor, batch)
            batch = []
    _fill(schema_editor, batch)


def _fill(schema_editor, batch):
    if batch:
        with schema_editor.connection.cursor() as cursor:
            cursor.executemany(
                "UPDATE claims_claimembedding SET embedding = %s::vector WHERE id = %s", batch
            )


def drop_column(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS claims_claimembedding_embedding_hnsw")
        schema_editor.execute("ALTER TABLE claims_claimembedding DROP COLUMN IF EXISTS embedding")


class Migration(migrations.Migration):
    dependencies = [("claims", "0002_letter_language_status_and_processing_attempts")]

    operations = [migrations.RunPython(add_column, drop_column, elidable=False)]
