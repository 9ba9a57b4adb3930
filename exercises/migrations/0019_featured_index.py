from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("exercises", "0018_exercise_featured"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="exercise",
            index=models.Index(
                condition=models.Q(("featured", True)),
                fields=["language", "status", "publish_at"],
                name="exercise_featured_idx",
            ),
        ),
    ]
