import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from reversion.models import Version

from exercises.caching import current_content_version
from exercises.tests.factories import make_editor, make_exercise
from publishing.models import Status
from publishing.testing import admin_form
from workouts.models import Workout
from workouts.tests import factories

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:workouts_workout_add")
CHANGELIST_URL = reverse("admin:workouts_workout_changelist")


def make_workout(title="Ten-Minute Core", items=(), **fields):
    """A public workout with items given as (name, seconds) pairs."""
    return factories.make_workout(title, items=[{"name": n, "duration": s} for n, s in items], **fields)


def change_url(workout):
    return reverse("admin:workouts_workout_change", args=[workout.pk])


@pytest.fixture
def editor_client(client):
    client.force_login(make_editor())
    return client


def item_rows(workout):
    return [(item.order, item.name, item.kind, item.duration, item.instructions) for item in workout.items.all()]


def new_workout_form(client, **changes):
    data = admin_form(client, ADD_URL, "workout_form")
    data.update(
        {
            "title": "Ten-Minute Core",
            "slug": "ten-minute-core",
            "language": "en",
            "difficulty": "beginner",
            "video_id": "https://youtu.be/dQw4w9WgXcQ",
            "equipment": "mat, ball",
            "items-TOTAL_FORMS": "2",
            "items-0-order": "1",
            "items-0-name": "Cat-cow",
            "items-0-kind": "warm-up",
            "items-0-duration": "60",
            "items-0-instructions": "Slowly.\n\nBreathe out as you round.",
            "items-1-order": "2",
            "items-1-name": "Prone Leg Lift",
            "items-1-kind": "main",
            "items-1-duration": "45",
            "items-1-reps": "10 each side",
            **changes,
        }
    )
    return data


def test_editors_group_has_workout_permissions():
    codenames = set(Group.objects.get(name="Editors").permissions.values_list("codename", flat=True))
    assert {"add_workout", "change_workout", "delete_workout", "view_workout", "add_workoutitem"} <= codenames
    assert "delete_workoutoldurl" in codenames


def test_editor_adds_a_workout_with_items(editor_client):
    exercise = make_exercise("Prone Leg Lift")
    response = editor_client.post(ADD_URL, new_workout_form(editor_client, **{"items-1-exercise": str(exercise.pk)}))
    assert response.status_code == 302, response.content.decode()[:3000]
    workout = Workout.objects.get()
    assert workout.video_id == "dQw4w9WgXcQ" and workout.equipment == ["mat", "ball"]
    assert item_rows(workout) == [
        (1, "Cat-cow", "warm-up", 60, ["Slowly.", "Breathe out as you round."]),
        (2, "Prone Leg Lift", "main", 45, []),
    ]
    assert workout.items.get(order=2).exercise == exercise
    assert workout.total_seconds == 105


def test_item_exercise_is_picked_with_autocomplete(editor_client):
    make_exercise("Prone Leg Lift")
    html = editor_client.get(ADD_URL).content.decode()
    assert "admin-autocomplete" in html
    search = editor_client.get(
        reverse("admin:autocomplete"),
        {"term": "prone", "app_label": "workouts", "model_name": "workoutitem", "field_name": "exercise"},
    )
    assert search.status_code == 200 and "Prone Leg Lift" in search.content.decode()


def test_extra_front_matter_with_a_core_key_is_refused(editor_client):
    response = editor_client.post(ADD_URL, new_workout_form(editor_client, extra='{"workout_id": "x"}'))
    assert response.status_code == 200
    assert (
        "These keys have their own fields on this form; set them there and remove them here: workout_id."
        in response.content.decode()
    )
    assert not Workout.objects.exists()


def test_changelist_filters_by_difficulty_and_searches(editor_client):
    make_workout("Gentle Start", difficulty="beginner")
    make_workout("Hard Circuit", difficulty="advanced")
    easy = editor_client.get(CHANGELIST_URL, {"difficulty__exact": "beginner"}).content.decode()
    assert ">Gentle Start<" in easy and ">Hard Circuit<" not in easy
    found = editor_client.get(CHANGELIST_URL, {"q": "circuit"}).content.decode()
    assert ">Hard Circuit<" in found and ">Gentle Start<" not in found


def test_publish_and_unpublish_actions(editor_client):
    draft = make_workout(status=Status.DRAFT)
    response = editor_client.post(CHANGELIST_URL, {"action": "publish", "_selected_action": [draft.pk]}, follow=True)
    assert "1 workout published." in response.content.decode()
    assert editor_client.get(draft.get_absolute_url()).status_code == 200
    editor_client.post(CHANGELIST_URL, {"action": "unpublish", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    assert editor_client.get(draft.get_absolute_url()).status_code == 404


def test_draft_preview_is_for_staff_only(client, editor_client):
    draft = make_workout("Secret Routine", items=[("Dead bug", 30)], status=Status.DRAFT)
    preview_url = reverse("admin:workouts_workout_preview", args=[draft.pk])
    assert preview_url in editor_client.get(change_url(draft)).content.decode()
    page = editor_client.get(preview_url)
    assert page.status_code == 200
    assert "Secret Routine" in page.content.decode() and "Dead bug" in page.content.decode()
    client.logout()
    response = client.get(preview_url)
    assert response.status_code == 302 and reverse("admin:login") in response["Location"]
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_add_translation_copies_items_as_a_linked_draft(editor_client):
    original = make_workout(items=[("Cat-cow", 60), ("Plank", 30)], translation_key="core-10")
    make_workout("Otro", slug="ten-minute-core", language="es")
    translate_url = reverse("admin:workouts_workout_translate", args=[original.pk])
    proposed = admin_form(editor_client, translate_url, "translate_form")
    assert proposed["identity"] == "ten-minute-core-2"  # the original's slug is taken in Spanish
    taken = editor_client.post(translate_url, {"language": "es", "title": "Núcleo", "identity": "ten-minute-core"})
    assert taken.status_code == 200 and "already uses this address" in taken.content.decode()
    response = editor_client.post(translate_url, {**proposed, "language": "es"})
    copy = Workout.objects.get(language="es", translation_key="core-10")
    assert response.status_code == 302 and response["Location"] == change_url(copy)
    assert copy.slug == "ten-minute-core-2" and copy.status == Status.DRAFT
    assert [(i.name, i.duration) for i in copy.items.all()] == [("Cat-cow", 60), ("Plank", 30)]
    assert original.items.count() == 2
    assert list(original.translations()) == [copy]


def test_revert_restores_items_and_old_urls(editor_client):
    editor_client.post(
        ADD_URL, new_workout_form(editor_client, **{"old_urls-TOTAL_FORMS": "1", "old_urls-0-path": "/old/core/"})
    )
    workout = Workout.objects.get()
    before = item_rows(workout)

    data = admin_form(editor_client, change_url(workout), "workout_form")
    data.update({"items-0-DELETE": "on", "items-1-duration": "90", "old_urls-0-DELETE": "on"})
    assert editor_client.post(change_url(workout), data).status_code == 302
    workout.refresh_from_db()
    assert workout.items.count() == 1 and workout.total_seconds == 90 and not workout.old_urls.exists()

    version_before_revert = current_content_version()[0]
    first = Version.objects.get_for_object(workout).order_by("pk").first()
    revert_url = reverse("admin:workouts_workout_revision", args=[workout.pk, first.pk])
    response = editor_client.post(revert_url, admin_form(editor_client, revert_url, "workout_form"))
    assert response.status_code == 302
    workout.refresh_from_db()
    assert item_rows(workout) == before and workout.total_seconds == 105
    assert [old.path for old in workout.old_urls.all()] == ["/old/core/"]
    assert current_content_version()[0] > version_before_revert


def test_stale_save_is_refused(editor_client):
    workout = make_workout(items=[("Plank", 30)])
    data = admin_form(editor_client, change_url(workout), "workout_form")
    Workout.objects.get(pk=workout.pk).save()  # someone else saves first
    data["title"] = "Mine"
    response = editor_client.post(change_url(workout), data)
    assert response.status_code == 200
    assert "Someone else saved this workout after you opened it" in response.content.decode()
    workout.refresh_from_db()
    assert workout.title == "Ten-Minute Core"


def test_saving_an_unchanged_form_twice_in_a_row_works(editor_client):
    workout = make_workout(items=[("Plank", 30)])
    for _ in range(2):
        assert (
            editor_client.post(
                change_url(workout), admin_form(editor_client, change_url(workout), "workout_form")
            ).status_code
            == 302
        )


def test_workout_form_refuses_dates_outside_the_importers_range(editor_client):
    data = new_workout_form(editor_client, date_0="0001-01-01", date_1="00:00:00")
    response = editor_client.post(ADD_URL, data)
    assert response.status_code == 200
    assert "Enter a date between 1900-01-01 and 9000-12-31 (UTC)." in response.content.decode()
    assert not Workout.objects.exists()


def test_items_are_saved_in_the_order_given_without_gaps(editor_client):
    response = editor_client.post(
        ADD_URL, new_workout_form(editor_client, **{"items-0-order": "9", "items-1-order": "4"})
    )
    assert response.status_code == 302
    assert [(order, name) for order, name, *_ in item_rows(Workout.objects.get())] == [
        (1, "Prone Leg Lift"),
        (2, "Cat-cow"),
    ]


def test_workout_list_marks_a_translation_out_of_date_when_its_source_text_changes(editor_client):
    original = factories.make_workout(translation_key="core-10")
    copy = original.make_translation("es", "Núcleo en diez minutos", "nucleo-diez")
    changelist = reverse("admin:workouts_workout_changelist")
    assert ">Núcleo en diez minutos</a></th>" not in editor_client.get(changelist, {"translation": "out_of_date"}).text
    original.body = "A new introduction."
    original.save()
    original.mark_content_changed()
    page = editor_client.get(changelist, {"translation": "out_of_date"}).text
    assert ">Núcleo en diez minutos</a></th>" in page and "Out of date" in page
    assert copy.is_out_of_date
