from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from exercises.models import Exercise
from hugo.urls import published_urls
from pages.models import Kind, Page
from workouts.models import Workout

from .sites import EXERCISE_FILES, write_site

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(tmp_path):
    return write_site(tmp_path / "site")


def run(*args):
    out = StringIO()
    call_command("import_content", *map(str, args), stdout=out)
    return out.getvalue()


def test_whole_site_imports_in_one_command_with_a_summary_per_type(site):
    output = run(site)
    assert "Exercises: 4 created" in output
    assert "Workouts: 3 created" in output
    assert "Pages: " in output and "Imported" in output


def test_only_files_in_exercise_sections_become_exercises(site):
    run(site)
    assert Exercise.objects.count() == EXERCISE_FILES
    assert set(Exercise.objects.values_list("section", flat=True)) == {
        "exercises/mat",
        "ejercicios/pelota",
        "ejercicios",
    }


def test_same_slug_in_two_sections_coexists(site):
    run(site)
    assert Exercise.objects.filter(language="en", slug="roll-up").exists()
    assert Page.objects.filter(language="en", path="learn/fundamentals/roll-up").exists()
    assert Page.objects.filter(language="es", path="aprender/roll-up").exists()


def test_sections_become_section_pages_in_a_tree(site):
    run(site)
    mat = Page.objects.get(language="en", path="exercises/mat")
    assert mat.kind == Kind.SECTION and mat.section == "exercises" and "Mat work" in mat.body_html
    article = Page.objects.get(language="en", path="learn/fundamentals/roll-up")
    assert article.kind == Kind.PAGE and article.section == "learn/fundamentals" and article.author == "Ana"
    assert Page.objects.get(language="es", path="pelota".join(["ejercicios/", ""])).kind == Kind.SECTION


def test_workout_items_come_from_the_data_file_record_with_spanish_keys(site):
    run(site)
    english = Workout.objects.get(language="en", slug="hip-opener")
    spanish = Workout.objects.get(language="es", slug="apertura-de-cadera")
    assert english.description == "Ten minutes for the hips." and english.data_file == "workouts.json"
    assert spanish.title == "Apertura de cadera" and spanish.description == "Diez minutos para las caderas."
    assert [item.kind for item in spanish.items.all()] == ["warm-up", "main", "cool-down"]
    assert english.total_seconds == 600 and english.duration == 600


def test_workout_items_link_to_library_exercises_in_the_same_language(site):
    run(site)
    items = list(Workout.objects.get(language="en", slug="core-blast").items.all())
    assert items[0].exercise.slug == "roll-up" and items[0].exercise.language == "en"
    assert items[1].exercise.slug == "hundred" and items[1].reps == "10 breaths"
    assert items[2].exercise is None and items[2].name == "Child pose"
    spanish = Workout.objects.get(language="es", slug="apertura-de-cadera").items.first()
    assert spanish.exercise.language == "es"


def test_reimport_changes_nothing(site):
    run(site)
    output = run(site)
    assert "Exercises: 0 created, 0 updated, 4 unchanged" in output
    assert "Workouts: 0 created, 0 updated, 3 unchanged" in output
    assert "Pages: 0 created, 0 updated" in output


def test_dry_run_writes_nothing(site):
    output = run("--dry-run", site)
    assert "Dry run" in output
    assert not Exercise.objects.exists() and not Page.objects.exists() and not Workout.objects.exists()


def test_a_bad_file_of_any_type_refuses_the_whole_site(site):
    (site / "content/learn/broken.md").write_text("---\ntitle: [unclosed\n---\n")
    (site / "content/workouts/bad.md").write_text("---\ntitle: Bad\nitems: [{name: X, duration: -5}]\n---\n")
    with pytest.raises(CommandError) as error:
        run(site)
    message = str(error.value)
    assert "learn/broken.md:3: front matter: invalid YAML" in message
    assert "workouts/bad.md: items: item 1" in message
    assert not Exercise.objects.exists() and not Page.objects.exists() and not Workout.objects.exists()


def test_a_missing_data_record_is_a_clear_error(site):
    (site / "content/workouts/ghost.md").write_text("---\ntitle: Ghost\nworkout_id: nope\n---\n")
    with pytest.raises(CommandError, match="workout_id: “nope” is not a record in the site's data files"):
        run(site)


def test_type_in_front_matter_overrides_the_section(site):
    (site / "content/learn/bridge.md").write_text("---\ntitle: Bridge\ntype: exercise\nmuscles: [Glutes]\n---\n")
    run(site)
    assert Exercise.objects.filter(slug="bridge", section="learn").exists()


def test_raw_html_in_page_bodies_is_sanitised(site):
    run(site)
    generator = Page.objects.get(language="en", path="generator")
    assert "<script" not in generator.body_html and "onsubmit" not in generator.body_html
    assert generator.feature == "workout-builder"


def test_import_exercises_still_imports_an_exercise_folder(site):
    out = StringIO()
    call_command("import_exercises", str(site / "content/exercises"), stdout=out)
    assert "2 created" in out.getvalue()


def test_published_urls_lists_what_hugo_would_serve(site):
    urls = published_urls([site])
    for expected in (
        "/",
        "/es/",
        "/index.xml",
        "/exercises/mat/",
        "/exercises/mat/index.xml",
        "/exercises/mat/roll-up/",
        "/pilates/roll-up/",
        "/es/ejercicios/pelota/",
        "/learn/fundamentals/roll-up/",
        "/workouts/hip-opener/",
        "/es/entrenamientos/apertura-de-cadera/",
        "/teachers/ana/",
        "/muscles/abs/",
        "/generator/",
    ):
        assert expected in urls, expected
    assert "/learn/fundamentals/draft-notes/" not in urls


def content_snapshot():
    """Every row of every type, without primary keys or timestamps."""
    skip = {"id", "created", "updated", "image", "search_text", "body_html", "aliases"}

    def fields(row):
        # A file without a date went public when it was imported: that moment is not content, and is not exported.
        left_out = skip | ({"publish_at"} if row.date is None else set())
        return {f.name: getattr(row, f.attname) for f in type(row)._meta.concrete_fields if f.name not in left_out}

    return {
        "exercises": sorted((e.language, e.slug, str(fields(e))) for e in Exercise.objects.all()),
        "pages": sorted((p.language, p.path, str(fields(p))) for p in Page.objects.all()),
        "workouts": sorted(
            (w.language, w.slug, str(fields(w)), str([(i.name, i.kind, i.duration, i.reps) for i in w.items.all()]))
            for w in Workout.objects.all()
        ),
        "linked items": sorted(
            (w.slug, [i.exercise.slug if i.exercise else None for i in w.items.all()]) for w in Workout.objects.all()
        ),
    }


def old_urls():
    from exercises.models import OldURL
    from pages.models import PageOldURL
    from workouts.models import WorkoutOldURL

    return {old.path for model in (OldURL, PageOldURL, WorkoutOldURL) for old in model.objects.all()}


def test_export_then_import_into_an_empty_database_gives_the_same_content_and_old_urls(site, tmp_path):
    run(site)
    before, paths_before = content_snapshot(), old_urls()
    call_command("export_content", str(tmp_path / "out"), stdout=StringIO())
    assert (tmp_path / "out/data/workouts.json").is_file()
    for model in (Workout, Page, Exercise):
        model.objects.all().delete()
    run(tmp_path / "out")
    assert content_snapshot() == before
    assert old_urls() >= paths_before


def test_exporting_twice_gives_identical_files(site, tmp_path):
    run(site)
    call_command("export_content", str(tmp_path / "a"), stdout=StringIO())
    out = StringIO()
    call_command("export_content", str(tmp_path / "a"), stdout=out)
    assert " 0 written" in out.getvalue() or out.getvalue().startswith("0 written")


def test_hugo_other_date_names_are_read_alike_for_every_type(site):
    (site / "content/learn/later.md").write_text("---\ntitle: Later\npubdate: 2030-01-01\nmodified: 2029-12-01\n---\n")
    run(site)
    later = Page.objects.get(language="en", path="learn/later")
    assert later.publish_at.year == 2030 and later.lastmod.year == 2029 and not later.extra


def test_a_page_file_without_a_date_gets_none_on_import_or_export(site, tmp_path):
    (site / "content/learn/undated.md").write_text("---\ntitle: Someday\n---\nText.\n")
    run(site)
    assert Page.objects.get(language="en", path="learn/undated").date is None  # not the import time
    call_command("export_content", str(tmp_path / "out"), stdout=StringIO())
    exported = next((tmp_path / "out").rglob("undated*.md"))
    assert "date:" not in exported.read_text().lower()
    assert "Pages: 0 created, 0 updated" in run(site)  # and a re-import finds nothing changed
