from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from exercises.models import Exercise, Status

from .factories import image_bytes, make_editor, make_exercise, make_full_exercise
from .html_forms import form_values

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:exercises_exercise_add")
CHANGELIST_URL = reverse("admin:exercises_exercise_changelist")


def change_url(exercise):
    return reverse("admin:exercises_exercise_change", args=[exercise.pk])


@pytest.fixture
def editor_client(client):
    client.force_login(make_editor())
    return client


def edit_form(client, url):
    """The admin form at `url` with its current values, ready to change and submit."""
    response = client.get(url)
    assert response.status_code == 200
    return {
        name: values if len(values) > 1 else values[0]
        for name, values in form_values(response.content.decode(), "exercise_form").items()
    }


def fill_new_exercise(data, **changes):
    data.update(
        {
            "title": "Side-Lying Leg Lift",
            "slug": "side-lying-leg-lift",
            "language": "en",
            "difficulty": "beginner",
            "description": "Lift the top leg while lying on your side.",
            "body": "## Benefits\n\nWorks the gluteus medius.",
            "video_id": "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=10",
            "keywords": "side leg lift, hip abduction",
            "new_muscles": "Gluteus Medius, hip-flexors",
            "new_equipment": "Mat",
            "status": "published",
            "steps-0-order": "1",
            "steps-0-text": "Lie on your side.",
            "modifications-0-order": "1",
            "modifications-0-name": "Smaller range",
            "modifications-0-level": "easier",
            "modifications-0-description": "Lift only a little.",
            "faqs-0-order": "1",
            "faqs-0-question": "Which muscle works?",
            "faqs-0-answer": "The gluteus medius.",
            **changes,
        }
    )
    return data


def test_admin_requires_login(client):
    response = client.get(CHANGELIST_URL)
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_editor_logs_in_with_password(client):
    make_editor(password="a long passphrase")
    response = client.post(
        reverse("admin:login"), {"username": "editor", "password": "a long passphrase", "next": CHANGELIST_URL}
    )
    assert response.status_code == 302
    assert client.get(CHANGELIST_URL).status_code == 200


def test_editor_adds_exercise_with_steps_modifications_and_faqs(editor_client):
    data = fill_new_exercise(edit_form(editor_client, ADD_URL))
    data["steps-1-order"], data["steps-1-text"] = "2", "Raise the top leg."
    data["steps-TOTAL_FORMS"] = "2"
    response = editor_client.post(ADD_URL, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    exercise = Exercise.objects.get(slug="side-lying-leg-lift")
    assert exercise.video_id == "dQw4w9WgXcQ"
    assert exercise.keywords == ["side leg lift", "hip abduction"]
    assert sorted(exercise.muscles.slugs()) == ["gluteus-medius", "hip-flexors"]
    assert [step.text for step in exercise.steps.all()] == ["Lie on your side.", "Raise the top leg."]
    assert exercise.modifications.get().level == "easier"
    assert exercise.faqs.get().answer == "The gluteus medius."
    assert "<h2>Benefits</h2>" in exercise.body_html


@pytest.mark.parametrize(
    "pasted",
    [
        "dQw4w9WgXcQ",
        "https://youtu.be/dQw4w9WgXcQ",
        "https://www.youtube.com/embed/dQw4w9WgXcQ",
        "https://youtube.com/shorts/dQw4w9WgXcQ?feature=share",
        "www.youtube.com/watch?v=dQw4w9WgXcQ",
    ],
)
def test_admin_stores_video_id_from_any_youtube_url(editor_client, pasted):
    response = editor_client.post(ADD_URL, fill_new_exercise(edit_form(editor_client, ADD_URL), video_id=pasted))
    assert response.status_code == 302
    assert Exercise.objects.get().video_id == "dQw4w9WgXcQ"


def test_admin_rejects_a_non_youtube_video(editor_client):
    data = fill_new_exercise(edit_form(editor_client, ADD_URL), video_id="https://vimeo.com/123456")
    response = editor_client.post(ADD_URL, data)
    assert response.status_code == 200
    assert "is not a YouTube video id or URL" in response.content.decode()
    assert not Exercise.objects.exists()


def test_admin_rejects_duplicate_slug_in_same_language(editor_client):
    make_exercise("Side-Lying Leg Lift", slug="side-lying-leg-lift")
    response = editor_client.post(ADD_URL, fill_new_exercise(edit_form(editor_client, ADD_URL)))
    assert response.status_code == 200
    assert Exercise.objects.count() == 1


def test_image_upload_is_stored_without_exif(editor_client):
    from io import BytesIO

    from PIL import Image

    exif = Image.Exif()
    exif[0x010F] = "SecretCameraMaker"
    exif[0x0112] = 6  # rotated: the stored image must come out upright (portrait)
    upload = SimpleUploadedFile("photo.jpg", image_bytes("JPEG", size=(80, 40), exif=exif), "image/jpeg")
    data = fill_new_exercise(edit_form(editor_client, ADD_URL), image=upload, image_alt="A person lying on a mat")
    response = editor_client.post(ADD_URL, data)
    assert response.status_code == 302
    exercise = Exercise.objects.get()
    with Image.open(BytesIO(exercise.image.read())) as stored:
        assert stored.size == (40, 80)
        assert not stored.getexif()


def test_image_upload_without_alt_text_is_refused(editor_client):
    upload = SimpleUploadedFile("photo.png", image_bytes("PNG"), "image/png")
    response = editor_client.post(ADD_URL, fill_new_exercise(edit_form(editor_client, ADD_URL), image=upload))
    assert response.status_code == 200
    assert "Describe the image" in response.content.decode()
    assert not Exercise.objects.exists()


def test_non_image_upload_gets_a_form_error(editor_client):
    upload = SimpleUploadedFile("photo.jpg", b"<?php echo 'not an image'; ?>", "image/jpeg")
    data = fill_new_exercise(edit_form(editor_client, ADD_URL), image=upload, image_alt="x")
    response = editor_client.post(ADD_URL, data)
    assert response.status_code == 200
    assert "not a JPEG, PNG or WebP image" in response.content.decode()
    assert not Exercise.objects.exists()


def test_changelist_shows_columns_and_filters_by_muscle_and_status(editor_client):
    make_full_exercise("Prone Leg Lift")
    make_exercise("Hanging Leg Raise", muscles=["Rectus Abdominis"], status=Status.DRAFT)
    response = editor_client.get(CHANGELIST_URL)
    page = response.content.decode()
    assert "Prone Leg Lift" in page and "Hanging Leg Raise" in page
    assert "Publish date" in page and "Last content change" in page

    muscle_slug = "rectus-abdominis"
    from exercises.models import Muscle

    muscle = Muscle.objects.get(slug=muscle_slug)
    filtered = editor_client.get(CHANGELIST_URL, {"muscles__id__exact": muscle.pk}).content.decode()
    assert "Hanging Leg Raise" in filtered and "Prone Leg Lift" not in filtered

    drafts = editor_client.get(CHANGELIST_URL, {"status__exact": "draft"}).content.decode()
    assert "Hanging Leg Raise" in drafts and "Prone Leg Lift" not in drafts


def test_changelist_search_finds_keywords(editor_client):
    make_exercise("Prone Leg Lift", keywords=["glute bridge alternative"])
    make_exercise("Plank")
    page = editor_client.get(CHANGELIST_URL, {"q": "bridge alternative"}).content.decode()
    assert "Prone Leg Lift" in page and ">Plank<" not in page


def test_publish_and_unpublish_actions(editor_client):
    draft = make_exercise("Draft", status=Status.DRAFT)
    editor_client.post(CHANGELIST_URL, {"action": "publish", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED and draft.date is not None
    editor_client.post(CHANGELIST_URL, {"action": "unpublish", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_editors_cannot_manage_users_or_groups(editor_client):
    assert editor_client.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert editor_client.get(reverse("admin:auth_group_changelist")).status_code == 403
    assert editor_client.get(reverse("admin:exercises_muscle_add")).status_code == 200


def test_editors_group_has_exercise_and_tag_permissions():
    codenames = set(Group.objects.get(name="Editors").permissions.values_list("codename", flat=True))
    assert {"add_exercise", "change_exercise", "delete_exercise", "add_muscle", "delete_equipment"} <= codenames
    assert not any(code.endswith("_user") or code.endswith("_group") for code in codenames)


def test_staff_without_permissions_cannot_edit(client):
    client.force_login(User.objects.create_user("visitor", password="x", is_staff=True))
    assert client.get(CHANGELIST_URL).status_code == 403


def test_view_on_site_points_drafts_to_the_staff_preview(editor_client):
    draft = make_exercise("Draft Lift", status=Status.DRAFT)
    public = make_exercise("Public Lift")
    draft_page = editor_client.get(change_url(draft)).content.decode()
    assert reverse("admin:exercises_exercise_preview", args=[draft.pk]) in draft_page
    assert f'href="{public.get_absolute_url()}"' in editor_client.get(change_url(public)).content.decode()


def test_scheduled_exercise_is_hidden_until_its_publish_date(client):
    scheduled = make_exercise("Tomorrow", publish_at=timezone.now() + timedelta(days=1))
    assert client.get(scheduled.get_absolute_url()).status_code == 404
    Exercise.objects.filter(pk=scheduled.pk).update(publish_at=timezone.now() - timedelta(minutes=1))
    assert client.get(scheduled.get_absolute_url()).status_code == 200


def test_add_translation_copies_children_and_tags_as_linked_draft(editor_client):
    original = make_full_exercise("Prone Leg Lift", translation_key="prone-leg-lift")
    translate_url = reverse("admin:exercises_exercise_translate", args=[original.pk])
    assert '<option value="es">' in editor_client.get(translate_url).content.decode()
    response = editor_client.post(translate_url, {"language": "es"})
    copy = Exercise.objects.get(language="es")
    assert response.status_code == 302 and response["Location"] == change_url(copy)
    assert copy.status == Status.DRAFT
    assert copy.translation_key == "prone-leg-lift"
    assert copy.steps.count() == 3 and copy.modifications.count() == 2 and copy.faqs.count() == 1
    # The same concepts, named in Spanish (through the vocabulary).
    assert sorted(copy.muscles.names()) == ["Glúteo mayor", "Isquiotibiales"]
    assert original.steps.count() == 3  # the original keeps its own rows
    assert list(original.translations()) == [copy]


def test_add_translation_refuses_a_language_that_exists(editor_client):
    original = make_exercise("Leg Lift", translation_key="leg-lift")
    make_exercise("Elevación", slug="elevacion", language="es", translation_key="leg-lift")
    response = editor_client.post(reverse("admin:exercises_exercise_translate", args=[original.pk]), {"language": "es"})
    assert response.status_code == 200
    assert Exercise.objects.filter(language="es").count() == 1


def test_revert_restores_exercise_with_its_inlines(editor_client):
    editor_client.post(ADD_URL, fill_new_exercise(edit_form(editor_client, ADD_URL)))
    exercise = Exercise.objects.get()

    data = edit_form(editor_client, change_url(exercise))
    data.update({"title": "Changed title", "steps-0-DELETE": "on", "faqs-0-answer": "Changed answer."})
    data.update(
        {
            "modifications-1-order": "2",
            "modifications-1-name": "Ankle weight",
            "modifications-1-level": "harder",
            "modifications-1-description": "Add weight.",
        }
    )
    assert editor_client.post(change_url(exercise), data).status_code == 302
    exercise.refresh_from_db()
    assert exercise.title == "Changed title" and exercise.steps.count() == 0 and exercise.modifications.count() == 2

    first_version = Version.objects.get_for_object(exercise).order_by("pk").first()
    revert_url = reverse("admin:exercises_exercise_revision", args=[exercise.pk, first_version.pk])
    response = editor_client.post(revert_url, edit_form(editor_client, revert_url))
    assert response.status_code == 302
    exercise.refresh_from_db()
    assert exercise.title == "Side-Lying Leg Lift"
    assert [step.text for step in exercise.steps.all()] == ["Lie on your side."]
    assert [m.name for m in exercise.modifications.all()] == ["Smaller range"]
    assert exercise.faqs.get().answer == "The gluteus medius."
    assert sorted(exercise.muscles.slugs()) == ["gluteus-medius", "hip-flexors"]


def test_concurrent_edit_is_refused_not_silently_overwritten(editor_client):
    exercise = make_full_exercise("Prone Leg Lift")
    data = edit_form(editor_client, change_url(exercise))  # editor A opens the form

    other = Exercise.objects.get(pk=exercise.pk)  # editor B saves first
    other.title = "Saved by someone else"
    other.save()

    data["title"] = "Editor A's title"
    response = editor_client.post(change_url(exercise), data)
    assert response.status_code == 200
    assert "Someone else saved this exercise after you opened it" in response.content.decode()
    exercise.refresh_from_db()
    assert exercise.title == "Saved by someone else"


def test_saving_an_unchanged_form_twice_in_a_row_works(editor_client):
    exercise = make_full_exercise("Prone Leg Lift")
    assert editor_client.post(change_url(exercise), edit_form(editor_client, change_url(exercise))).status_code == 302
    assert editor_client.post(change_url(exercise), edit_form(editor_client, change_url(exercise))).status_code == 302


def test_draft_preview_is_for_staff_only(client, editor_client):
    draft = make_full_exercise("Secret Draft", status=Status.DRAFT)
    preview_url = reverse("admin:exercises_exercise_preview", args=[draft.pk])
    response = editor_client.get(preview_url)
    assert response.status_code == 200
    assert "Secret Draft" in response.content.decode()
    client.logout()
    assert client.get(preview_url).status_code == 302  # to the login page
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_editing_a_step_in_the_admin_updates_the_search_text(editor_client):
    editor_client.post(ADD_URL, fill_new_exercise(edit_form(editor_client, ADD_URL)))
    exercise = Exercise.objects.get()
    data = edit_form(editor_client, change_url(exercise))
    data.update({"steps-0-text": "Squeeze the kettlebell.", "muscles": [], "new_muscles": "Obliques"})
    assert editor_client.post(change_url(exercise), data).status_code == 302
    exercise.refresh_from_db()
    assert " squeeze the kettlebell " in exercise.search_text
    assert " obliques " in exercise.search_text and "gluteus" not in exercise.search_text


@pytest.mark.parametrize(
    "changes",
    [
        {"publish_at_0": "9999-12-31", "publish_at_1": "22:00:00"},
        {"date_0": "0001-01-01", "date_1": "00:00:00"},
        {"lastmod_0": "1899-12-31", "lastmod_1": "23:59:59"},
    ],
    ids=["publish_at", "date", "lastmod"],
)
def test_admin_refuses_a_date_outside_1900_to_9000(editor_client, changes):
    response = editor_client.post(ADD_URL, fill_new_exercise(edit_form(editor_client, ADD_URL), **changes))
    assert response.status_code == 200
    assert "Enter a date between 1900-01-01 and 9000-12-31 (UTC)." in response.content.decode()
    assert not Exercise.objects.exists()


def test_changelist_shows_an_exercise_at_the_latest_allowed_date(editor_client):
    latest = datetime(9000, 12, 31, 23, 59, tzinfo=UTC)
    make_exercise("Far Future", status=Status.DRAFT, publish_at=latest, date=latest, lastmod=latest)
    response = editor_client.get(CHANGELIST_URL)
    assert response.status_code == 200
    assert "Far Future" in response.content.decode()


def test_admin_refuses_extra_front_matter_that_sets_exercise_fields(editor_client):
    extra = '{"draft": false, "Slug": "x", "publishdate": "2000-01-01", "pubdate": "2000-01-01", "series": "legs"}'
    response = editor_client.post(ADD_URL, fill_new_exercise(edit_form(editor_client, ADD_URL), extra=extra))
    assert response.status_code == 200
    assert (
        "These keys have their own fields on this form; set them there and remove them here: "
        "Slug, draft, pubdate, publishdate." in response.content.decode()
    )
    assert not Exercise.objects.exists()


def test_admin_keeps_extra_front_matter_for_keys_without_a_field(editor_client):
    data = fill_new_exercise(edit_form(editor_client, ADD_URL), extra='{"series": "legs", "params": {"n": 3}}')
    assert editor_client.post(ADD_URL, data).status_code == 302
    assert Exercise.objects.get().extra == {"series": "legs", "params": {"n": 3}}


@pytest.mark.parametrize(
    "extra",
    ['{"x": ' + "1" * 5000 + "}", '{"x": ' + "[" * 30_000 + "]" * 30_000 + "}", '{"x": ' + "[" * 21 + "]" * 21 + "}"],
    ids=["5000-digit-number", "30000-deep", "21-deep"],
)
def test_admin_refuses_extra_json_it_cannot_keep_with_a_form_error(editor_client, extra):
    response = editor_client.post(ADD_URL, fill_new_exercise(edit_form(editor_client, ADD_URL), extra=extra))
    assert response.status_code == 200
    assert "Enter JSON whose numbers have at most 4300 digits" in response.content.decode()
    assert not Exercise.objects.exists()
