"""Small factory functions for tests: build exactly the rows a test needs."""

from datetime import timedelta
from io import BytesIO

from django.contrib.auth.models import Group, User
from django.utils import timezone
from PIL import Image

from exercises.models import FAQ, Exercise, Level, Modification, Status, Step
from exercises.search import refresh_search_text


def make_exercise(title="Prone Leg Lift", *, steps=(), modifications=(), faqs=(), muscles=(), equipment=(), **fields):
    """Create an exercise; published and public now unless fields say otherwise."""
    fields.setdefault("slug", title.lower().replace(" ", "-"))
    fields.setdefault("language", "en")
    fields.setdefault("status", Status.PUBLISHED)
    fields.setdefault("publish_at", timezone.now() - timedelta(days=1))
    exercise = Exercise.objects.create(title=title, **fields)
    Step.objects.bulk_create(Step(exercise=exercise, text=text, order=i) for i, text in enumerate(steps))
    Modification.objects.bulk_create(
        Modification(exercise=exercise, name=name, level=level, description=description, order=i)
        for i, (name, level, description) in enumerate(modifications)
    )
    FAQ.objects.bulk_create(FAQ(exercise=exercise, question=q, answer=a, order=i) for i, (q, a) in enumerate(faqs))
    if muscles:
        exercise.muscles.set(list(muscles))
    if equipment:
        exercise.equipment.set(list(equipment))
    exercise.search_text = refresh_search_text([exercise.pk])[exercise.pk]  # bulk_create sends no signals
    return exercise


def make_full_exercise(title="Prone Leg Lift", **fields):
    return make_exercise(
        title,
        description="Lift one straight leg while lying face down.",
        body="## Benefits\n\nStronger glutes.",
        steps=("Lie face down.", "Lift one leg.", "Lower it slowly."),
        modifications=(("Bent knee", Level.EASIER, "Bend the knee."), ("Ankle weight", Level.HARDER, "Add weight.")),
        faqs=(("How many?", "10 to 15 per leg."),),
        muscles=("Gluteus Maximus", "Hamstrings"),
        equipment=("Mat",),
        **fields,
    )


def make_editor(username="editor", password="correct horse battery"):
    user = User.objects.create_user(username, password=password, is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def image_bytes(format="JPEG", size=(64, 48), color=(200, 80, 40), **save_options):
    buffer = BytesIO()
    Image.new("RGB", size, color).save(buffer, format=format, **save_options)
    return buffer.getvalue()
