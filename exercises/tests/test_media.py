"""Files nothing refers to: none left by a refused or interrupted import, and clean_media for the rest."""

import os
from io import StringIO

import pytest
import reversion
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.test import TestCase

from exercises import renditions
from exercises.models import Exercise

from .factories import image_bytes, make_exercise
from .test_importer import exercise_file, fails, write

pytestmark = pytest.mark.django_db


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def files_under(root):
    return sorted(path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file())


def clean_media(*args):
    out = StringIO()
    call_command("clean_media", *args, stdout=out)
    return out.getvalue()


def exercise_with_renditions(title="Bridge", image="bridge.jpg"):
    exercise = make_exercise(title, image_alt="A bridge")
    with TestCase.captureOnCommitCallbacks(execute=True):
        exercise.image.save(image, ContentFile(image_bytes(size=(700, 500))))
    return exercise


def stored_files(exercise):
    made = renditions.stored_manifest(exercise.image.name)
    return [
        exercise.image.name,
        renditions.manifest_name(exercise.image.name),
        *(name for sources in made["sources"].values() for _width, name in sources),
    ]


@pytest.fixture
def orphans(media_root):
    """Two unreferenced files in the exercise folders, and one elsewhere in MEDIA_ROOT that is not ours."""
    names = [
        default_storage.save("exercises/2024/01/gone.jpg", ContentFile(image_bytes())),
        default_storage.save("renditions/exercises/2024/01/gone-320w.webp", ContentFile(b"webp")),
    ]
    default_storage.save("documents/keep.pdf", ContentFile(b"%PDF"))
    return names


def test_refused_import_with_images_leaves_no_new_files(tmp_path, media_root):
    for name in ("a", "b", "c"):
        (tmp_path / "content" / name).mkdir(parents=True)
        (tmp_path / "content" / name / "photo.jpg").write_bytes(image_bytes(size=(700, 500)))
        difficulty = "impossible" if name == "b" else "beginner"
        front_matter = f"image: photo.jpg\ndifficulty: {difficulty}\n"
        write(tmp_path, f"content/{name}/index.md", exercise_file(name, front_matter))
    assert "difficulty: “impossible” is not one of" in fails(tmp_path / "content")
    assert not Exercise.objects.exists() and files_under(media_root) == []


def test_import_interrupted_while_making_renditions_leaves_no_partial_renditions(tmp_path, media_root, monkeypatch):
    (tmp_path / "plank").mkdir()
    (tmp_path / "plank/photo.jpg").write_bytes(image_bytes(size=(1600, 1200)))
    write(tmp_path, "plank/index.md", exercise_file("Plank", "image: photo.jpg\nimage_alt: A plank\n"))
    encode, calls = renditions.encode, []

    def stop_at_the_third(*args, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise KeyboardInterrupt  # Ctrl-C
        return encode(*args, **kwargs)

    monkeypatch.setattr(renditions, "encode", stop_at_the_third)
    assert "Interrupted" in fails(tmp_path)
    assert files_under(media_root) == [Exercise.objects.get().image.name]  # the committed row keeps its image


def test_dry_run_lists_unreferenced_files_and_removes_nothing(media_root, orphans):
    kept = stored_files(exercise_with_renditions())
    output = clean_media("--dry-run", "--min-age", "0")
    assert output.splitlines() == [
        *(f"Would remove {media_root / name}" for name in orphans),
        "Dry run: 2 unreferenced files (0.0 MB) would be removed.",
    ]
    assert files_under(media_root) == sorted([*kept, *orphans, "documents/keep.pdf"])


def test_clean_media_removes_unreferenced_files_and_keeps_images_and_their_renditions(media_root, orphans):
    kept = stored_files(exercise_with_renditions())
    assert len(kept) == 2 + 6
    output = clean_media("--min-age", "0")
    assert f"Removed {media_root / orphans[0]}" in output and "Removed 2 unreferenced files" in output
    assert files_under(media_root) == sorted([*kept, "documents/keep.pdf"])


def test_clean_media_keeps_the_image_of_an_older_revision(media_root):
    with reversion.create_revision():
        exercise = exercise_with_renditions()
    old = stored_files(exercise)
    with reversion.create_revision():
        exercise.image.save("new.jpg", ContentFile(image_bytes()))
    clean_media("--min-age", "0")
    assert set(old) <= set(files_under(media_root))


def test_clean_media_leaves_recent_files_alone(media_root, orphans):
    assert clean_media().splitlines() == ["Removed 0 unreferenced files (0.0 MB)."]
    assert set(orphans) <= set(files_under(media_root))


def test_clean_media_never_follows_or_removes_links(tmp_path, media_root, orphans):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.jpg").write_bytes(b"not ours")
    os.symlink(outside, media_root / "exercises" / "linked-folder")
    os.symlink(outside / "secret.jpg", media_root / "exercises" / "linked.jpg")
    clean_media("--min-age", "0")
    assert (outside / "secret.jpg").read_bytes() == b"not ours"
    assert (media_root / "exercises" / "linked.jpg").is_symlink()
    assert (media_root / "exercises" / "linked-folder").is_symlink()
    assert files_under(media_root) == ["documents/keep.pdf", "exercises/linked.jpg"]


def test_clean_media_refuses_a_linked_folder(tmp_path, media_root):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "photo.jpg").write_bytes(b"x")
    media_root.mkdir()
    os.symlink(elsewhere, media_root / "renditions")
    clean_media("--min-age", "0")
    assert (elsewhere / "photo.jpg").exists()


def test_negative_min_age_is_an_error(media_root):
    with pytest.raises(CommandError, match="--min-age must be 0 or more"):
        clean_media("--min-age", "-1")
