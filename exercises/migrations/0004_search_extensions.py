"""PostgreSQL extensions for search: pg_trgm (typo-tolerant similarity) and unaccent. Nothing on SQLite."""

from django.db import migrations

EXTENSIONS = ("pg_trgm", "unaccent")


def create_extensions(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in EXTENSIONS:
            schema_editor.execute(f"CREATE EXTENSION IF NOT EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("exercises", "0003_content_version")]

    operations = [migrations.RunPython(create_extensions, migrations.RunPython.noop, elidable=True)]
