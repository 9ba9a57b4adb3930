"""Editors may add, change, delete and view muscle and equipment concepts."""

from django.db import migrations

from publishing.editors import grant_to_editors, revoke_from_editors

MODELS = ["muscleconcept", "equipmentconcept"]


class Migration(migrations.Migration):
    dependencies = [
        ("exercises", "0013_term_constraints"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(
            lambda apps, schema_editor: grant_to_editors(apps, "exercises", MODELS),
            lambda apps, schema_editor: revoke_from_editors(apps, "exercises", MODELS),
        )
    ]
