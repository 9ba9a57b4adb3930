"""Editors may add, change, delete and view pages and their old addresses."""

from django.db import migrations

from publishing.editors import grant_to_editors, revoke_from_editors

MODELS = ["page", "pageoldurl"]


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0002_page_type"),
        ("exercises", "0002_editors_group"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(
            lambda apps, schema_editor: grant_to_editors(apps, "pages", MODELS),
            lambda apps, schema_editor: revoke_from_editors(apps, "pages", MODELS),
        )
    ]
