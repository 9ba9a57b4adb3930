"""A trigram index on the title part of search_text, for PostgreSQL's close-word (typo) match. Nothing on SQLite.

The expression must stay identical to TITLE_PART in exercises/search.py, or PostgreSQL will not use it.
"""

from django.db import migrations

INDEX = "exercise_search_title_trgm"
DEFINITION = "gin (split_part(search_text, '|', 1) gin_trgm_ops)"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON exercises_exercise USING {DEFINITION}")


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("exercises", "0016_editor_versions")]

    operations = [migrations.RunPython(create_index, drop_index)]
