"""GIN indexes that let PostgreSQL answer searches without reading every row. Nothing on SQLite.

The full-text expressions must stay identical to those in exercises/search.py, or PostgreSQL will
not use them.
"""

from django.db import migrations

INDEXES = {
    "exercise_search_trgm": "gin (search_text gin_trgm_ops)",
    "exercise_search_fts_en": "gin (to_tsvector('english'::regconfig, search_text))",
    "exercise_search_fts_es": "gin (to_tsvector('spanish'::regconfig, search_text))",
    "exercise_search_fts_simple": "gin (to_tsvector('simple'::regconfig, search_text))",
}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, definition in INDEXES.items():
            schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON exercises_exercise USING {definition}")


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("exercises", "0007_fill_search_text")]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
