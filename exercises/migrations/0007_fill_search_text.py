"""Fill Exercise.search_text for the exercises that existed before it, a batch at a time."""

from django.db import migrations

BATCH_SIZE = 500


def fill_search_text(apps, schema_editor):
    from exercises.search import refresh_search_text

    Exercise = apps.get_model("exercises", "Exercise")
    last = 0
    while ids := list(Exercise.objects.filter(pk__gt=last).order_by("pk").values_list("pk", flat=True)[:BATCH_SIZE]):
        refresh_search_text(ids, apps=apps)
        last = ids[-1]


class Migration(migrations.Migration):
    dependencies = [("exercises", "0006_exercise_search_text")]

    operations = [migrations.RunPython(fill_search_text, migrations.RunPython.noop)]
