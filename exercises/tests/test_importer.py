"""import_exercises: content files → rows, all or nothing, through the management command."""

import time
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection
from django.test.utils import CaptureQueriesContext
from PIL import Image

from exercises import import_writes, importer
from exercises.models import FAQ, ContentVersion, Equipment, Exercise, Modification, Muscle, OldURL, Status, Step

from .content_files import write
from .factories import image_bytes, make_exercise

pytestmark = pytest.mark.django_db


def run(*args, **options):
    out = StringIO()
    call_command("import_exercises", *map(str, args), stdout=out, stderr=StringIO(), **options)
    return out.getvalue()


def fails(*args, **options):
    with pytest.raises(CommandError) as caught:
        run(*args, **options)
    return str(caught.value)


def exercise_file(title="Prone Leg Lift", extra=""):
    return f"---\ntitle: {title}\n{extra}---\n## Benefits\n\nStronger glutes.\n"


FULL = """---
title: Prone Leg Lift
translationKey: prone-leg-lift
description: Lift one straight leg while lying face down.
date: 2024-03-01T08:00:00+01:00
lastmod: 2024-04-01
weight: 2
author: Ana
difficulty: intermediate
duration: 60
video_id: https://www.youtube.com/watch?v=dQw4w9WgXcQ
keywords: [leg lift, glutes]
muscles: [Gluteus Maximus, Hamstrings]
equipment: [Mat]
aliases: [/old/prone-leg-lift/]
steps:
  - Lie face down.
  - Lift one leg.
modifications:
  - {name: Bent knee, level: easier, description: Bend the knee.}
  - {name: Ankle weight, level: harder}
faq:
  - {q: How many?, a: 10 to 15 per leg.}
series: legs
---
## Benefits

Stronger glutes.
"""


def test_import_creates_an_exercise_with_every_field(tmp_path):
    write(tmp_path, "exercises/prone-leg-lift.md", FULL)
    output = run(tmp_path)
    exercise = Exercise.objects.get()
    assert (exercise.language, exercise.slug, exercise.translation_key) == ("en", "prone-leg-lift", "prone-leg-lift")
    assert exercise.status == Status.PUBLISHED
    assert exercise.date.isoformat() == "2024-03-01T07:00:00+00:00"
    assert exercise.publish_at == exercise.date
    assert exercise.lastmod.isoformat() == "2024-04-01T00:00:00+00:00"
    assert (exercise.difficulty, exercise.duration, exercise.video_id) == ("intermediate", 60, "dQw4w9WgXcQ")
    assert (exercise.weight, exercise.author, exercise.keywords) == (2, "Ana", ["leg lift", "glutes"])
    assert exercise.extra == {"series": "legs"}
    assert exercise.body == "## Benefits\n\nStronger glutes."
    assert "<h2>Benefits</h2>" in exercise.body_html
    assert [s.text for s in exercise.steps.all()] == ["Lie face down.", "Lift one leg."]
    assert [(m.name, m.level, m.description) for m in exercise.modifications.all()] == [
        ("Bent knee", "easier", "Bend the knee."),
        ("Ankle weight", "harder", ""),
    ]
    assert [(f.question, f.answer) for f in exercise.faqs.all()] == [("How many?", "10 to 15 per leg.")]
    assert sorted(exercise.muscles.slugs()) == ["gluteus-maximus", "hamstrings"]
    assert list(exercise.equipment.names()) == ["Mat"]
    assert "1 created, 0 updated, 0 unchanged" in output


@pytest.mark.parametrize(
    "text",
    [
        '+++\ntitle = "Prone Leg Lift"\nduration = 60\nmuscles = ["Glutes"]\n+++\nBody.\n',
        '{"title": "Prone Leg Lift", "duration": 60, "muscles": ["Glutes"]}\nBody.\n',
        "\ufeff---\r\ntitle: Prone Leg Lift\r\nduration: 60\r\nmuscles: [Glutes]\r\n---\r\nBody.\r\n",
    ],
    ids=["toml", "json", "yaml-with-bom-and-crlf"],
)
def test_import_accepts_each_front_matter_format(tmp_path, text):
    write(tmp_path, "prone-leg-lift.md", text)
    run(tmp_path)
    exercise = Exercise.objects.get()
    assert (exercise.title, exercise.duration, exercise.body) == ("Prone Leg Lift", 60, "Body.")
    assert list(exercise.muscles.names()) == ["Glutes"]


def test_draft_file_imports_as_a_draft_with_publish_date(tmp_path):
    write(tmp_path, "a.md", exercise_file(extra="draft: true\npublishDate: 2030-01-01\n"))
    run(tmp_path)
    exercise = Exercise.objects.get()
    assert exercise.status == Status.DRAFT
    assert exercise.publish_at.isoformat() == "2030-01-01T00:00:00+00:00"
    assert exercise.date is None


@pytest.mark.parametrize(
    "extra, field, message",
    [
        (
            "difficulty: expert\n",
            "difficulty",
            "“expert” is not one of: beginner, intermediate, advanced, principiante",
        ),
        ("modifications: [{name: x, level: medium}]\n", "modifications", "level “medium” is not one of: easier"),
        ("duration: -1\n", "duration", "0 or more"),
        ("video_id: https://vimeo.com/123\n", "video_id", "not a YouTube video id or URL"),
        ("video_id: abc\n", "video_id", "not a YouTube video id or URL"),
        ("muscles: glutes\n", "muscles", "must be a list of text values"),
        ("equipment: [mat, 2]\n", "equipment", "item 2 must be text"),
        ("date: someday\n", "date", "must be a date"),
        ("slug: not a slug!\n", "slug", "valid “slug”"),
        ("faq: [{q: Why?}]\n", "faq", "needs a"),
        (f"title: {'T' * 201}\n", "title", "at most 200 characters"),
        (f"muscles: [{'m' * 101}]\n", "muscles", "longer than 100 characters"),
    ],
    ids=lambda value: value if isinstance(value, str) and len(value) < 30 else None,
)
def test_invalid_file_is_reported_and_nothing_is_written(tmp_path, extra, field, message):
    write(tmp_path, "good.md", exercise_file("Good"))
    path = write(
        tmp_path, "bad.md", exercise_file(extra=extra) if not extra.startswith("title") else f"---\n{extra}---\n"
    )
    error = fails(tmp_path)
    assert f"{path}: {field}: " in error
    assert message in error
    assert "nothing was imported" in error
    assert Exercise.objects.count() == 0


def test_missing_title_is_reported(tmp_path):
    path = write(tmp_path, "a.md", "---\ndescription: x\n---\n")
    assert f"{path}: title: is required" in fails(tmp_path)


def test_every_problem_in_every_file_is_listed(tmp_path):
    first = write(tmp_path, "a.md", exercise_file(extra="duration: -1\ndifficulty: hard\n"))
    second = write(tmp_path, "b.md", "---\ntitle: B\nsteps: [one\n---\n")
    error = fails(tmp_path)
    assert error.startswith("3 problems found; nothing was imported.")
    assert f"{first}: duration:" in error and f"{first}: difficulty:" in error
    assert f"{second}:4: front matter: invalid YAML" in error or f"{second}:3: front matter: invalid YAML" in error


def test_alias_bomb_fails_fast_with_a_clear_message_and_writes_nothing(tmp_path):
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"{chr(97 + n)}: &{chr(97 + n)} [" + ",".join([f"*{chr(96 + n)}"] * 9) + "]" for n in range(1, 12)]
    path = write(tmp_path, "bomb.md", "---\ntitle: Bomb\n" + "\n".join(lines) + "\n---\n")
    started = time.monotonic()
    error = fails(tmp_path)
    assert time.monotonic() - started < 1
    assert f"{path}:3: front matter: invalid YAML: YAML anchors and aliases (&name, *name) are not allowed" in error
    assert Exercise.objects.count() == 0


def test_front_matter_over_64_kb_is_rejected(tmp_path):
    path = write(tmp_path, "big.md", "---\ntitle: Big\ndescription: " + "x" * 70_000 + "\n---\n")
    assert f"{path}:1: front matter: front matter is larger than 64 KB" in fails(tmp_path)
    assert Exercise.objects.count() == 0


def test_missing_closing_delimiter_is_rejected(tmp_path):
    path = write(tmp_path, "open.md", "---\ntitle: Open\n\nBody.\n")
    assert f"{path}:1: front matter: YAML front matter opened with --- on line 1 is never closed" in fails(tmp_path)


def test_file_that_is_not_utf8_is_rejected(tmp_path):
    (tmp_path / "latin1.md").write_bytes("---\ntitle: Elevación\n---\n".encode("latin-1"))
    assert "file: is not UTF-8 text" in fails(tmp_path)


def test_file_with_a_nul_character_is_rejected(tmp_path):
    (tmp_path / "a.md").write_bytes(b"---\ntitle: A\x00B\n---\n")
    assert "file: contains a NUL character" in fails(tmp_path)


def test_language_comes_from_file_name_suffix(tmp_path):
    write(tmp_path, "exercises/elevacion.es.md", exercise_file("Elevación"))
    run(tmp_path)
    assert Exercise.objects.get().language == "es"


def test_language_comes_from_folder_under_content_root(tmp_path):
    write(tmp_path, "es/ejercicios/elevacion.md", exercise_file("Elevación"))
    run(tmp_path)
    assert Exercise.objects.get().language == "es"


def test_language_option_applies_to_files_that_do_not_say(tmp_path):
    write(tmp_path, "exercises/elevacion.md", exercise_file("Elevación"))
    run(tmp_path, language="es")
    assert Exercise.objects.get().language == "es"


def test_language_defaults_to_the_site_default(tmp_path):
    write(tmp_path, "exercises/leg-lift.md", exercise_file())
    run(tmp_path)
    assert Exercise.objects.get().language == "en"


def test_language_that_is_not_enabled_names_the_file_and_setting(tmp_path):
    path = write(tmp_path, "exercises/leg-lift.fr.md", exercise_file())
    error = fails(tmp_path)
    assert f"{path}: language: the language “fr” is not enabled" in error and "SITE_LANGUAGES" in error
    assert Exercise.objects.count() == 0


def test_language_option_that_is_not_enabled_is_an_error(tmp_path):
    write(tmp_path, "a.md", exercise_file())
    assert "--language de is not enabled" in fails(tmp_path, language="de")


def test_missing_path_is_an_error(tmp_path):
    assert f"{tmp_path / 'nope'} does not exist" in fails(tmp_path / "nope")


def test_same_slug_twice_in_one_language_is_an_error_naming_both(tmp_path):
    first = write(tmp_path, "a/leg-lift.md", exercise_file())
    second = write(tmp_path, "b/leg-lift.md", exercise_file())
    error = fails(tmp_path)
    assert str(first) in error and str(second) in error and "slug:" in error


def test_duplicate_translation_key_in_one_language_warns_and_imports_both(tmp_path):
    first = write(tmp_path, "a.md", exercise_file("A", "translationKey: leg-lift\n"))
    second = write(tmp_path, "b.md", exercise_file("B", "translationKey: leg-lift\n"))
    output = run(tmp_path)
    assert dict(Exercise.objects.values_list("slug", "translation_key")) == {"a": "leg-lift", "b": "leg-lift-b"}
    assert f"Warning: {second}: translationKey: “leg-lift” (en) is also used by {first}, the translation" in output
    assert "imported on its own as “leg-lift-b”" in output


def test_slug_comes_from_front_matter_else_file_name_else_bundle_folder(tmp_path):
    write(tmp_path, "a.md", exercise_file("A", "slug: custom-slug\n"))
    write(tmp_path, "Plank Leg Lift.md", exercise_file("B"))
    write(tmp_path, "hanging-leg-raise/index.md", exercise_file("C"))
    run(tmp_path)
    assert set(Exercise.objects.values_list("slug", flat=True)) == {
        "custom-slug",
        "plank-leg-lift",
        "hanging-leg-raise",
    }


def test_reimport_updates_in_place(tmp_path):
    path = write(tmp_path, "leg-lift.md", exercise_file("Old title", "steps: [One]\nmuscles: [Glutes]\n"))
    run(tmp_path)
    original = Exercise.objects.get()
    write(tmp_path, "leg-lift.md", exercise_file("New title", "steps: [One, Two]\nmuscles: [Hamstrings]\n"))
    output = run(path)
    exercise = Exercise.objects.get()
    assert exercise.pk == original.pk and exercise.title == "New title"
    assert list(exercise.steps.values_list("text", flat=True)) == ["One", "Two"]
    assert list(exercise.muscles.names()) == ["Hamstrings"]
    assert "0 created, 1 updated, 0 unchanged" in output


def test_unchanged_file_writes_nothing(tmp_path):
    write(tmp_path, "exercises/leg-lift.md", FULL)
    write(tmp_path, "es/ejercicios/elevacion.md", exercise_file("Elevación", "image: /missing.jpg\n"))
    run(tmp_path)
    updated = Exercise.objects.get(language="en").updated
    with CaptureQueriesContext(connection) as queries:
        output = run(tmp_path)
    writes = [q["sql"] for q in queries if q["sql"].split()[0].upper() in {"INSERT", "UPDATE", "DELETE"}]
    assert writes == []
    assert Exercise.objects.get(language="en").updated == updated
    assert "0 created, 0 updated, 2 unchanged" in output


def test_file_without_dates_keeps_its_publish_date_on_reimport(tmp_path):
    write(tmp_path, "a.md", exercise_file())
    run(tmp_path)
    first = Exercise.objects.get().publish_at
    assert "1 unchanged" in run(tmp_path)
    assert Exercise.objects.get().publish_at == first


def test_tag_spelling_variants_become_one_tag(tmp_path):
    write(tmp_path, "a.md", exercise_file("A", "muscles: [Hip Flexors]\n"))
    write(tmp_path, "b.md", exercise_file("B", "muscles: [hip flexors, hip-flexors]\n"))
    write(tmp_path, "c.md", exercise_file("C", "equipment: [Ankle  Weights]\nmuscles: [HIP FLEXORS]\n"))
    run(tmp_path)
    assert Muscle.objects.count() == 1
    assert all(list(e.muscles.slugs()) == ["hip-flexors"] for e in Exercise.objects.all())
    assert list(Equipment.objects.values_list("slug", flat=True)) == ["ankle-weights"]


def test_existing_tag_keeps_its_name(tmp_path):
    make_exercise("Existing", muscles=["Hip Flexors"])
    write(tmp_path, "a.md", exercise_file("A", "muscles: [hip-flexors]\n"))
    run(tmp_path)
    assert list(Muscle.objects.values_list("name", flat=True)) == ["Hip Flexors"]


def test_old_urls_record_the_hugo_path_and_aliases(tmp_path):
    write(tmp_path, "es/ejercicios/mat/El-Cien.md", exercise_file("El cien", "aliases: [/old/cien, /es/viejo/]\n"))
    run(tmp_path)
    exercise = Exercise.objects.get()
    assert set(exercise.old_urls.values_list("path", flat=True)) == {
        "/es/ejercicios/mat/el-cien/",
        "/old/cien/",
        "/es/viejo/",
    }
    assert exercise.aliases == ["/old/cien", "/es/viejo/"]


def test_old_url_uses_slug_for_last_segment_and_url_for_whole_path(tmp_path):
    write(tmp_path, "es/ejercicios/mat/cien.md", exercise_file("El cien", "slug: el-cien-clasico\n"))
    write(tmp_path, "exercises/hundred.md", exercise_file("Hundred", "url: /pilates/the-hundred/\n"))
    run(tmp_path)
    paths = set(OldURL.objects.values_list("path", flat=True))
    assert paths == {"/es/ejercicios/mat/el-cien-clasico/", "/pilates/the-hundred/"}
    assert Exercise.objects.get(slug="hundred").url == "/pilates/the-hundred/"


def test_old_url_is_not_recorded_when_it_is_the_current_address(tmp_path):
    write(tmp_path, "a.md", exercise_file("A"))
    exercise_path = Exercise(language="en", slug="a").get_absolute_url().strip("/")
    write(tmp_path, f"{exercise_path}.md", exercise_file("Same place"))
    (tmp_path / "a.md").unlink()
    run(tmp_path)
    assert OldURL.objects.count() == 0


def test_content_root_option_sets_language_and_old_urls_for_a_subfolder(tmp_path):
    write(tmp_path, "es/ejercicios/mat/cien.md", exercise_file("Cien"))
    run(tmp_path / "es" / "ejercicios", content_root=tmp_path)
    exercise = Exercise.objects.get()
    assert exercise.language == "es"
    assert list(exercise.old_urls.values_list("path", flat=True)) == ["/es/ejercicios/mat/cien/"]


def test_steps_and_modifications_in_the_body_are_lifted_and_counted(tmp_path):
    write(
        tmp_path,
        "es/ejercicios/elevacion.md",
        "---\ntitle: Elevación\n---\n## Pasos\n\n1. Túmbate.\n2. Eleva.\n\n## Modificaciones\n\n"
        "- **Más fácil:** Rodilla doblada\n- **Más difícil:** Tobillera\n\n## Beneficios\n\nGlúteos.\n",
    )
    output = run(tmp_path)
    exercise = Exercise.objects.get()
    assert list(exercise.steps.values_list("text", flat=True)) == ["Túmbate.", "Eleva."]
    assert list(exercise.modifications.values_list("level", flat=True)) == ["easier", "harder"]
    assert exercise.body == "## Beneficios\n\nGlúteos."
    assert "taken from the body of 1 file." in output


def test_missing_image_is_a_warning_and_the_path_is_kept(tmp_path):
    path = write(tmp_path, "a.md", exercise_file(extra="image: /images/exercises/a.jpg\n"))
    (tmp_path / "static").mkdir()
    output = run(tmp_path, static_root=tmp_path / "static")
    exercise = Exercise.objects.get()
    assert exercise.image_path == "/images/exercises/a.jpg" and not exercise.image
    assert f"Warning: {path}: image: “/images/exercises/a.jpg” was not found under --static-root" in output


def test_image_under_static_root_is_stored_without_exif(tmp_path):
    (tmp_path / "static/images").mkdir(parents=True)
    exif = Image.Exif()
    exif[0x010F] = "SecretCameraMaker"
    (tmp_path / "static/images/a.jpg").write_bytes(image_bytes(exif=exif.tobytes()))
    write(tmp_path, "content/a.md", exercise_file(extra="image: /images/a.jpg\nimage_alt: A person lifting\n"))
    run(tmp_path / "content", static_root=tmp_path / "static")
    exercise = Exercise.objects.get()
    assert exercise.image.name.startswith("exercises/") and exercise.image.name.endswith(".jpg")
    assert b"SecretCameraMaker" not in exercise.image.read()
    assert (exercise.image_path, exercise.image_alt) == ("/images/a.jpg", "A person lifting")


def test_page_bundle_image_beside_the_file_is_stored(tmp_path):
    (tmp_path / "plank").mkdir()
    (tmp_path / "plank/photo.png").write_bytes(image_bytes("PNG"))
    write(tmp_path, "plank/index.md", exercise_file("Plank", "image: photo.png\n"))
    output = run(tmp_path)
    exercise = Exercise.objects.get()
    assert exercise.slug == "plank" and exercise.image.name.endswith(".png")
    assert exercise.image_alt == "Plank"
    assert "image_alt: missing; the title is used" in output


@pytest.mark.parametrize("value", ["../../etc/passwd", "/../../etc/passwd", "sub/../../../x.jpg"])
def test_image_path_leaving_its_folder_is_an_error(tmp_path, value):
    (tmp_path / "static").mkdir()
    path = write(tmp_path, "content/a.md", exercise_file(extra=f"image: {value}\n"))
    error = fails(tmp_path / "content", static_root=tmp_path / "static")
    assert f"{path}: image: “{value}” points outside" in error
    assert Exercise.objects.count() == 0


def test_image_symlink_leaving_its_folder_is_an_error(tmp_path):
    (tmp_path / "secret.jpg").write_bytes(image_bytes())
    (tmp_path / "content").mkdir()
    (tmp_path / "content/photo.jpg").symlink_to(tmp_path / "secret.jpg")
    write(tmp_path, "content/a.md", exercise_file(extra="image: photo.jpg\n"))
    assert "points outside the file's folder" in fails(tmp_path / "content")


def test_image_that_is_not_an_image_is_an_error(tmp_path):
    (tmp_path / "photo.jpg").write_bytes(b"<?php echo 1; ?>")
    path = write(tmp_path, "a.md", exercise_file(extra="image: photo.jpg\n"))
    assert f"{path}: image: This file is not a JPEG, PNG or WebP image" in fails(tmp_path)
    assert Exercise.objects.count() == 0


def test_dry_run_validates_and_writes_nothing(tmp_path):
    write(tmp_path, "a.md", FULL)
    output = run(tmp_path, dry_run=True)
    assert "Dry run: 1 files are valid (1 created, 0 updated, 0 unchanged if imported). Nothing was written." in output
    assert (Exercise.objects.count(), Muscle.objects.count(), OldURL.objects.count()) == (0, 0, 0)


def test_dry_run_still_reports_invalid_files(tmp_path):
    write(tmp_path, "a.md", exercise_file(extra="duration: -1\n"))
    assert "duration:" in fails(tmp_path, dry_run=True)


def many_files(root, count, prefix="exercise"):
    for n in range(count):
        write(
            root,
            f"exercises/{prefix}-{n}.md",
            exercise_file(
                f"{prefix} {n}",
                "steps: [a, b]\nmodifications: [{name: m, level: easier}]\nfaq: [{q: q, a: a}]\n"
                f"muscles: [Glutes, Hamstrings]\nequipment: [Mat]\naliases: [/old/{prefix}-{n}/]\n",
            ),
        )


def test_interrupted_import_leaves_the_database_as_it_was(tmp_path, monkeypatch):
    make_exercise("Exercise 0", slug="exercise-0", steps=["Original"])
    many_files(tmp_path, 5)
    monkeypatch.setattr(importer, "BATCH_SIZE", 2)
    calls = []

    def interrupt_on_second_batch(*args):
        calls.append(1)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return original(*args)

    original = import_writes.write_tags
    monkeypatch.setattr(import_writes, "write_tags", interrupt_on_second_batch)
    error = fails(tmp_path)
    assert "Interrupted: the import was rolled back and the database is as it was." in error
    assert list(Exercise.objects.values_list("slug", flat=True)) == ["exercise-0"]
    assert list(Step.objects.values_list("text", flat=True)) == ["Original"]
    assert (Muscle.objects.count(), OldURL.objects.count(), FAQ.objects.count()) == (0, 0, 0)


def test_database_error_mid_import_leaves_the_database_as_it_was(tmp_path, monkeypatch):
    many_files(tmp_path, 3)

    def broken(old_urls):
        raise DatabaseError("disk full")

    monkeypatch.setattr(import_writes, "write_old_urls", broken)
    error = fails(tmp_path)
    assert "Database error (disk full): the import was rolled back" in error
    assert (Exercise.objects.count(), Modification.objects.count()) == (0, 0)


def test_images_stored_before_a_failure_are_removed(tmp_path, monkeypatch):
    from django.core.files.storage import default_storage

    (tmp_path / "photo.jpg").write_bytes(image_bytes())
    write(tmp_path, "a.md", exercise_file(extra="image: photo.jpg\nimage_alt: x\n"))
    stored = []
    original_save = default_storage.save
    monkeypatch.setattr(
        default_storage,
        "save",
        lambda name, content, **kw: stored.append(original_save(name, content, **kw)) or stored[-1],
    )
    monkeypatch.setattr(import_writes, "write_old_urls", lambda old: (_ for _ in ()).throw(DatabaseError("x")))
    fails(tmp_path)
    assert stored and not any(default_storage.exists(name) for name in stored)


def test_long_import_shows_progress(tmp_path, monkeypatch):
    monkeypatch.setattr(importer, "BATCH_SIZE", 2)
    monkeypatch.setattr("exercises.management.commands.import_exercises.BATCH_SIZE", 2)
    many_files(tmp_path, 5)
    output = run(tmp_path)
    assert "Checked 2/5 files…" in output and "Imported 4/5 files…" in output and "Imported 5/5 files…" in output


def test_verbosity_zero_prints_nothing(tmp_path):
    write(tmp_path, "a.md", exercise_file(extra="image: /missing.jpg\n"))
    assert run(tmp_path, verbosity=0) == ""
    assert Exercise.objects.count() == 1


def test_query_count_does_not_grow_with_the_number_of_files(tmp_path):
    make_exercise("Tags exist", muscles=["Glutes", "Hamstrings"], equipment=["Mat"])
    many_files(tmp_path / "small", 10)
    many_files(tmp_path / "large", 40, prefix="other")
    with CaptureQueriesContext(connection) as queries_10:
        run(tmp_path / "small")
    with CaptureQueriesContext(connection) as queries_40:
        run(tmp_path / "large")
    # SQLite splits a large INSERT into two, so allow a couple more; per-row queries would add 30 or more.
    assert len(queries_10) < 30 and len(queries_40) <= len(queries_10) + 3


def test_reimport_that_changes_every_file_stays_batched(tmp_path):
    many_files(tmp_path, 30)
    run(tmp_path)
    for path in (tmp_path / "exercises").glob("*.md"):
        path.write_text(path.read_text().replace("steps: [a, b]", "steps: [a, b, c]").replace("Mat", "Band"))
    with CaptureQueriesContext(connection) as queries:
        output = run(tmp_path)
    assert "0 created, 30 updated, 0 unchanged" in output
    assert len(queries) < 40
    assert Step.objects.count() == 90 and not Equipment.objects.get(slug="resistance-band").exercise_links.count() < 30


def test_import_bumps_the_content_version_once(tmp_path):
    write(tmp_path, "a.md", exercise_file())
    before = ContentVersion.objects.filter(pk=1).values_list("version", flat=True).first() or 0
    run(tmp_path)
    after = ContentVersion.objects.get(pk=1).version
    assert after > before
    run(tmp_path)
    assert ContentVersion.objects.get(pk=1).version == after


def test_imported_image_gets_responsive_renditions(tmp_path):
    from exercises import renditions

    (tmp_path / "plank").mkdir()
    (tmp_path / "plank/photo.jpg").write_bytes(image_bytes("JPEG", size=(800, 600)))
    write(tmp_path, "plank/index.md", exercise_file("Plank", "image: photo.jpg\nimage_alt: A plank\n"))
    run(tmp_path)
    made = renditions.manifest(Exercise.objects.get().image.name)
    assert made is not None
    assert "image/webp" in made["sources"]


def test_imports_are_logged_as_structured_records(tmp_path, caplog):
    write(tmp_path, "a.md", exercise_file())
    with caplog.at_level("INFO", logger="exercises.importer"):
        run(tmp_path)
    record = next(r for r in caplog.records if r.getMessage() == "import finished")
    assert (record.files, record.exercises_created, record.exercises_updated) == (1, 1, 0)


def test_a_refused_import_is_logged(tmp_path, caplog):
    write(tmp_path, "a.md", "---\ntitle: [unclosed\n---\n")
    with caplog.at_level("WARNING", logger="exercises.importer"), pytest.raises(CommandError):
        run(tmp_path)
    assert any(r.getMessage() == "import refused" and r.problems == 1 for r in caplog.records)


@pytest.mark.parametrize(
    "extra, field",
    [
        ("date: 0001-01-01T00:00:00+01:00\n", "date"),
        ("draft: true\npublishDate: 9999-12-31T22:00:00-03:00\n", "publishDate"),
        ("lastmod: 1899-12-31\n", "lastmod"),
    ],
    ids=["year-0-in-utc", "year-10000-in-utc", "before-1900"],
)
def test_import_refuses_a_date_outside_1900_to_9000_utc_and_writes_nothing(tmp_path, extra, field):
    write(tmp_path, "good.md", exercise_file("Good"))
    path = write(tmp_path, "bad.md", exercise_file(extra=extra))
    error = fails(tmp_path)
    assert f"{path}: {field}: must be between 1900-01-01 and 9000-12-31 (UTC)" in error
    assert "nothing was imported" in error
    assert Exercise.objects.count() == 0


HOSTILE = {
    "yaml-30000-deep": (
        "---\ntitle: X\nx: " + "[" * 30_000 + "]" * 30_000 + "\n---\n",
        ":2: front matter: invalid YAML: lists and mappings are nested too deeply",
    ),
    "toml-30000-deep": (
        '+++\ntitle = "X"\nx = ' + "[" * 30_000 + "]" * 30_000 + "\n+++\n",
        ":2: front matter: invalid TOML: lists and mappings are nested too deeply",
    ),
    "json-30000-deep": ('{"title": "X", "x": ' + "[" * 30_000 + "]" * 30_000 + "}\n", ":1: front matter: invalid JSON"),
    "json-100-deep": ('{"title": "X", "x": ' + "[" * 100 + "]" * 100 + "}\n", ":1: front matter: lists and mappings"),
    "yaml-5000-digits": ("---\ntitle: X\nweight: " + "1" * 5000 + "\n---\n", ":3: front matter: invalid YAML: “111"),
    "toml-5000-digits": ('+++\ntitle = "X"\nweight = ' + "1" * 5000 + "\n+++\n", ":2: front matter: invalid TOML: a"),
    "json-5000-digits": ('{"title": "X", "weight": ' + "1" * 5000 + "}\n", ":1: front matter: invalid JSON: a number"),
    "yaml-hex-in-extra": ("---\ntitle: X\nseries: 0x" + "f" * 5000 + "\n---\n", ": series: holds a number larger"),
    "yaml-february-30": ("---\ntitle: X\ndate: 2024-02-30\n---\n", ":3: front matter: invalid YAML: “2024-02-30”"),
    "yaml-year-0": ("---\ntitle: X\ndate: 0000-01-01\n---\n", ":3: front matter: invalid YAML: “0000-01-01”"),
    "yaml-year-10000": ("---\ntitle: X\ndate: 10000-01-01\n---\n", ": date: must be a date"),
    "toml-february-30": ('+++\ntitle = "X"\ndate = 2024-02-30\n+++\n', ":3: front matter: invalid TOML"),
    "toml-year-0": ('+++\ntitle = "X"\ndate = 0000-01-01\n+++\n', ":3: front matter: invalid TOML"),
    "toml-year-10000-in-utc": ('+++\ntitle = "X"\ndate = 9999-12-31T23:00:00-03:00\n+++\n', ": date: must be"),
}


@pytest.mark.parametrize("text, message", HOSTILE.values(), ids=HOSTILE.keys())
def test_import_reports_a_hostile_file_beside_a_good_one_and_writes_nothing(tmp_path, text, message):
    write(tmp_path, "good.md", exercise_file("Good"))
    path = write(tmp_path, "hostile.md", text)
    error = fails(tmp_path)
    assert error.startswith("1 problem found; nothing was imported.")
    assert f"{path}{message}" in error
    assert Exercise.objects.count() == 0
