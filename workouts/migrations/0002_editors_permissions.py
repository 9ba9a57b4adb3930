"""Editors may add, change, delete and view workouts, their items and their old addresses."""

from django.db import migrations

from publishing.editors import grant_to_editors, revoke_from_editors

MODELS = ["workout", "workoutitem", "workoutoldurl"]


class Migration(migrations.Migration):
    dependencies = [
        ("workouts", "0001_initial"),
        ("exercises", "0002_editors_group"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(
            lambda apps, schema_editor: grant_to_editors(apps, "workouts", MODELS),
            lambda apps, schema_editor: revoke_from_editors(apps, "workouts", MODELS),
        )
    ]
