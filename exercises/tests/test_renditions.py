import json
import re

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import TestCase
from PIL import Image

from exercises import renditions

from .factories import assert_only_colour_profile_kept, colour_profile, image_bytes, make_exercise

pytestmark = pytest.mark.django_db


def exercise_with_image(format="JPEG", size=(1600, 1200), name="bridge.jpg"):
    """An exercise with an image, and its renditions: they are made once the save commits."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        exercise = make_exercise("Bridge", image_alt="A person lying on a mat, hips raised.")
        exercise.image.save(name, ContentFile(image_bytes(format, size=size)))  # saves the exercise too
    return exercise


def test_saving_an_image_makes_webp_and_original_format_renditions():
    exercise = exercise_with_image()
    manifest = renditions.manifest(exercise.image.name)
    assert manifest["width"] == 1600 and manifest["height"] == 1200
    assert [width for width, _ in manifest["sources"]["image/webp"]] == [320, 640, 960, 1280]
    assert [width for width, _ in manifest["sources"]["image/jpeg"]] == [320, 640, 960, 1280]
    width, name = manifest["sources"]["image/webp"][0]
    with default_storage.open(name) as file:
        image = Image.open(file)
        assert image.format == "WEBP"
        assert image.size == (320, 240)


def test_small_images_are_never_enlarged():
    exercise = exercise_with_image(size=(500, 300))
    manifest = renditions.manifest(exercise.image.name)
    assert [width for width, _ in manifest["sources"]["image/webp"]] == [320, 500]


def test_webp_original_gets_webp_renditions_only():
    exercise = exercise_with_image("WEBP", name="bridge.webp")
    assert list(renditions.manifest(exercise.image.name)["sources"]) == ["image/webp"]


def test_manifest_is_stored_next_to_the_renditions():
    exercise = exercise_with_image()
    with default_storage.open(renditions.manifest_name(exercise.image.name)) as file:
        assert json.load(file)["fallback"] == "image/jpeg"


def test_renditions_are_made_once_not_on_every_save(monkeypatch):
    exercise = exercise_with_image()
    calls = []
    monkeypatch.setattr(renditions, "generate", lambda name: calls.append(name))
    exercise.title = "Glute Bridge"
    exercise.save()
    assert calls == []


def test_pages_read_renditions_without_resizing(client, monkeypatch):
    exercise_with_image()
    monkeypatch.setattr(renditions, "generate", lambda name: pytest.fail("resized during a request"))
    html = client.get("/exercises/bridge/").content.decode()
    assert '<source type="image/webp" srcset="' in html
    assert " 320w, " in html and 'sizes="' in html
    assert 'width="1280" height="960"' in html
    assert 'alt="A person lying on a mat, hips raised."' in html


def test_detail_image_is_eager_without_video_and_lazy_below_a_video(client):
    exercise = exercise_with_image()
    assert (
        'loading="lazy"'
        not in client.get("/exercises/bridge/").content.decode().split('class="exercise-image"')[1][:2000]
    )
    exercise.video_id = "dQw4w9WgXcQ"
    exercise.save()
    assert (
        'loading="lazy"' in client.get("/exercises/bridge/").content.decode().split('class="exercise-image"')[1][:2000]
    )


def test_cards_use_lazy_renditions(client):
    exercise_with_image()
    html = client.get("/exercises/").content.decode()
    card = html.split('class="card"')[1]
    assert 'loading="lazy"' in card and "srcset=" in card


def test_broken_image_file_does_not_break_saving():
    exercise = make_exercise("Broken", image_alt="Nothing")
    with TestCase.captureOnCommitCallbacks(execute=True):
        exercise.image.save("broken.jpg", ContentFile(b"not an image"))
    assert renditions.manifest(exercise.image.name) is None


def test_image_without_renditions_still_renders(client):
    exercise = make_exercise("Bare", image_alt="Bare image")
    default_storage.save("exercises/bare.jpg", ContentFile(image_bytes()))
    type(exercise).objects.filter(pk=exercise.pk).update(image="exercises/bare.jpg")
    html = client.get("/exercises/bare/").content.decode()
    assert 'alt="Bare image"' in html


def test_structured_data_and_social_cards_use_the_largest_rendition(client):
    exercise = exercise_with_image()
    html = client.get(exercise.get_absolute_url()).content.decode()
    largest = renditions.manifest(exercise.image.name)["sources"]["image/jpeg"][-1][1]
    assert largest.endswith("-1280w.jpg")
    expected = f"http://testserver{default_storage.url(largest)}"
    assert f'<meta property="og:image" content="{expected}">' in html
    blocks = re.findall(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S)
    how_to = next(data for data in map(json.loads, blocks) if data.get("@type") == "HowTo")
    assert how_to["image"] == expected


def all_renditions(manifest):
    return [name for sources in manifest["sources"].values() for _width, name in sources]


@pytest.mark.parametrize("image_format", ["JPEG", "PNG", "WEBP"])
def test_renditions_keep_the_colour_profile_and_drop_comments_and_exif(image_format):
    exif = Image.Exif()
    exif[0x010F] = "SecretCameraMaker"
    options = {"comment": b"secret comment"} if image_format == "JPEG" else {}
    original = image_bytes(image_format, size=(700, 500), exif=exif, icc_profile=colour_profile(), **options)
    exercise = make_exercise("Bridge", image_alt="A bridge")
    with TestCase.captureOnCommitCallbacks(execute=True):  # a file stored before uploads were cleaned
        exercise.image.save(f"old.{image_format.lower()}", ContentFile(original))
    names = all_renditions(renditions.manifest(exercise.image.name))
    assert len(names) == (3 if image_format == "WEBP" else 6)  # 320, 640 and 700 pixels wide
    for name in names:
        with default_storage.open(name) as file:
            assert_only_colour_profile_kept(file.read(), colour_profile())


def test_large_jpeg_is_resized_from_a_reduced_decode_but_the_manifest_has_its_full_size():
    exercise = exercise_with_image(size=(4000, 3000))
    manifest = renditions.manifest(exercise.image.name)
    assert (manifest["width"], manifest["height"]) == (4000, 3000)
    width, name = manifest["sources"]["image/jpeg"][-1]
    with default_storage.open(name) as file:
        assert (width, Image.open(file).size) == (1280, (1280, 960))


def test_renditions_interrupted_halfway_are_removed_again(monkeypatch, settings, tmp_path):
    from exercises import images

    calls = []

    def encode_then_stop(*args, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return images.encode(*args, **kwargs)

    settings.MEDIA_ROOT = tmp_path
    name = default_storage.save("exercises/bridge.jpg", ContentFile(image_bytes(size=(1600, 1200))))
    monkeypatch.setattr(renditions, "encode", encode_then_stop)
    with pytest.raises(KeyboardInterrupt):
        renditions.generate(name)
    assert len(calls) == 3
    assert [path.name for path in tmp_path.rglob("*") if path.is_file()] == ["bridge.jpg"]
