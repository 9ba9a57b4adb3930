"""Which dependency keys a change touches: text edits name their row only; moves name the lists too."""

import pytest

from exercises.models import Exercise, Step
from exercises.tests.factories import make_exercise
from pages.tests.factories import make_page
from publisher import changes, dependencies

pytestmark = pytest.mark.django_db


@pytest.fixture
def noted(publish_root, monkeypatch):
    """The keys handed to the queue, instead of publishing them."""
    batches = []
    monkeypatch.setattr(changes.jobs, "enqueue", batches.append)
    return batches


def committed(make, noted, capture):
    """Run `make` as an earlier, committed request, and forget what it noted."""
    with capture(execute=True):
        made = make()
    noted.clear()
    return made


def keys_of(batches):
    return set().union(*map(set, batches))


def test_a_title_edit_touches_only_its_row(noted, django_capture_on_commit_callbacks):
    made = committed(lambda: make_exercise("Roll Up", muscles=("Abs",)), noted, django_capture_on_commit_callbacks)
    exercise = Exercise.objects.get(pk=made.pk)
    with django_capture_on_commit_callbacks(execute=True):
        exercise.title = "Roll-Up"
        exercise.save()

    assert keys_of(noted) == {dependencies.row_key(Exercise, exercise.pk)}


def test_a_step_edit_touches_its_exercise(noted, django_capture_on_commit_callbacks):
    exercise = committed(
        lambda: make_exercise("Roll Up", steps=("Sit tall.",)), noted, django_capture_on_commit_callbacks
    )
    with django_capture_on_commit_callbacks(execute=True):
        step = Step.objects.get(exercise=exercise)
        step.text = "Sit tall and breathe."
        step.save()

    assert keys_of(noted) == {dependencies.row_key(Exercise, exercise.pk)}


def test_unpublishing_touches_the_lists_translations_and_related_tags(noted, django_capture_on_commit_callbacks):
    made = committed(
        lambda: make_exercise("Roll Up", muscles=("Abs",), translation_key="roll-up"),
        noted,
        django_capture_on_commit_callbacks,
    )
    exercise = Exercise.objects.get(pk=made.pk)
    with django_capture_on_commit_callbacks(execute=True):
        exercise.status = "draft"
        exercise.save()

    abs_pk = exercise.muscles.get().pk
    assert keys_of(noted) == {
        dependencies.row_key(Exercise, exercise.pk),
        "set:exercises.exercise",
        "translations:exercises.exercise:roll-up",
        f"related:en:exercises.muscle:{abs_pk}",
    }


def test_a_new_top_level_page_touches_the_menu(noted, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make_page("contact")

    assert "menu:en" in keys_of(noted)


def test_a_page_deep_in_a_section_leaves_the_menu_alone(noted, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make_page("learn/breathing")

    assert "menu:en" not in keys_of(noted)


def test_one_transaction_is_one_job(noted, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make_exercise("Roll Up", steps=("One.", "Two."), muscles=("Abs",))

    assert len(noted) == 1


def test_a_rolled_back_change_publishes_nothing(noted, django_capture_on_commit_callbacks):
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            make_exercise("Roll Up")
            raise RuntimeError("the save fails")

    assert noted == []


def test_nothing_is_noted_when_publishing_is_off(settings, monkeypatch, django_capture_on_commit_callbacks):
    settings.PUBLISH_ROOT = ""
    batches = []
    monkeypatch.setattr(changes.jobs, "enqueue", batches.append)
    with django_capture_on_commit_callbacks(execute=True):
        make_exercise("Roll Up")

    assert batches == []
