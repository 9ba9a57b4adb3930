"""Image uploads through the admin: what is stored, what the editor is told, and when renditions appear."""

from threading import current_thread

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models.signals import post_save

from exercises import renditions
from exercises.admin import ExerciseAdmin
from exercises.models import ContentVersion, Exercise

from .factories import assert_only_colour_profile_kept, camera_jpeg, colour_profile, make_editor, make_exercise
from .test_admin import ADD_URL, edit_form, fill_new_exercise
from .test_images import jpeg_claiming_size

pytestmark = pytest.mark.django_db


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def editor(client, media_root):
    client.force_login(make_editor())
    return client


def files_under(root):
    return sorted(path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file())


def post_new_exercise(client, image, name="photo.jpg", **changes):
    upload = SimpleUploadedFile(name, image, "image/jpeg")
    data = fill_new_exercise(edit_form(client, ADD_URL), image=upload, image_alt="A person on a mat", **changes)
    return client.post(ADD_URL, data)


def test_uploaded_photo_and_its_renditions_keep_the_colour_profile_and_nothing_else(
    editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert post_new_exercise(editor, camera_jpeg()).status_code == 302
    image = Exercise.objects.get().image.name
    made = renditions.manifest(image)
    names = [image, *(name for sources in made["sources"].values() for _width, name in sources)]
    assert len(names) == 1 + 2 * 3  # WebP and JPEG at 320, 640 and 800 pixels
    for name in names:
        with default_storage.open(name) as file:
            assert_only_colour_profile_kept(file.read(), colour_profile())


def test_20000_by_20000_jpeg_upload_shows_the_megapixel_limit(editor, media_root):
    response = post_new_exercise(editor, jpeg_claiming_size(20_000, 20_000))
    assert response.status_code == 200
    assert "The image is 20000×20000 pixels; the limit is 40 megapixels." in response.content.decode()
    assert not Exercise.objects.exists() and files_under(media_root) == []


def test_upload_request_makes_no_renditions_they_follow_the_commit(editor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as after_commit:
        assert post_new_exercise(editor, camera_jpeg()).status_code == 302
    exercise = Exercise.objects.get()
    assert renditions.stored_manifest(exercise.image.name) is None
    page = editor.get(exercise.get_absolute_url()).content.decode()
    assert f'<img src="{exercise.image.url}" alt="A person on a mat"' in page

    for callback in after_commit:
        callback()
    assert renditions.stored_manifest(exercise.image.name)["width"] == 800
    assert 'srcset="' in editor.get(exercise.get_absolute_url()).content.decode()


def fail(*args, **kwargs):
    raise RuntimeError("the disk is full")


def test_admin_save_that_fails_after_the_image_is_written_leaves_no_file(editor, media_root, monkeypatch):
    monkeypatch.setattr(ExerciseAdmin, "save_related", fail)
    with pytest.raises(RuntimeError):
        post_new_exercise(editor, camera_jpeg())
    assert not Exercise.objects.exists()
    assert files_under(media_root) == []


def test_admin_save_that_fails_inside_the_row_save_leaves_no_file(editor, media_root):
    post_save.connect(fail, sender=Exercise, dispatch_uid="test-fail")
    try:
        with pytest.raises(RuntimeError):
            post_new_exercise(editor, camera_jpeg())
    finally:
        post_save.disconnect(dispatch_uid="test-fail", sender=Exercise)
    assert not Exercise.objects.exists()
    assert files_under(media_root) == []


def test_admin_save_refused_by_a_step_error_leaves_no_file(editor, media_root):
    response = post_new_exercise(editor, camera_jpeg(), **{"steps-0-order": "first"})
    assert response.status_code == 200 and "Enter a whole number" in response.content.decode()
    assert files_under(media_root) == []


@pytest.mark.django_db(transaction=True)
def test_renditions_are_made_in_a_background_thread_and_refresh_cached_pages(settings, media_root, monkeypatch):
    settings.RENDITIONS_IN_BACKGROUND = True
    threads, generate = [], renditions.generate
    monkeypatch.setattr(renditions, "generate", lambda name: threads.append(current_thread()) or generate(name))
    exercise = make_exercise("Bridge", image_alt="A bridge")
    version = ContentVersion.objects.get(pk=1).version
    exercise.image.save("bridge.jpg", ContentFile(camera_jpeg()))  # autocommit: the commit is now
    renditions.wait(timeout=30)
    assert renditions.stored_manifest(exercise.image.name)["width"] == 800
    assert threads and threads[0] is not current_thread()
    assert ContentVersion.objects.get(pk=1).version > version
