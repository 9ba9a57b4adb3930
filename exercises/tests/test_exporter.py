"""export_exercises: rows → a Hugo content tree that imports back to the same exercises."""

import datetime
from io import StringIO
from urllib.parse import unquote

import pytest
from django.core.management import CommandError, call_command

from exercises.exporter import export_path
from exercises.models import Exercise, Level, OldURL, Status

from .factories import make_exercise

pytestmark = pytest.mark.django_db


def export(outdir, **options):
    out = StringIO()
    call_command("export_exercises", str(outdir), stdout=out, **options)
    return out.getvalue()


def files(root):
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(root.rglob("*.md"))}


def full_library():
    english = make_exercise(
        "Prone Leg Lift",
        description="Lift one straight leg: face down.",
        body="## Benefits\n\nStronger glutes.\n\n## Safety\n\nStop if it hurts.",
        translation_key="prone-leg-lift",
        steps=("Lie face down.", "Lift one leg\nslowly."),
        modifications=(("Bent knee", Level.EASIER, "Bend the knee."), ("Ankle weight", Level.HARDER, "")),
        faqs=(("How many?", "10 to 15 per leg."), ("Yes?", "no")),
        muscles=("Gluteus Maximus", "Hamstrings", "Erector Spinae"),
        equipment=("Mat", "Ankle Weights"),
        difficulty="intermediate",
        duration=0,
        video_id="dQw4w9WgXcQ",
        image_path="/images/exercises/prone.jpg",
        image_alt="A person lying face down",
        author="Ana",
        keywords=["leg lift", "2024-01-01", "yes"],
        date=datetime.datetime(2024, 3, 1, 7, 0, 0, 123456, tzinfo=datetime.UTC),
        lastmod=datetime.datetime(2024, 4, 1, tzinfo=datetime.UTC),
        publish_at=datetime.datetime(2024, 3, 2, tzinfo=datetime.UTC),
        url="/pilates/prone-leg-lift/",
        aliases=["/old/prone/", "/older/prone/"],
        weight=-2,
        extra={"series": ["legs"], "params": {"hero": True, "n": 1.5}, "Zeta": None},
    )
    make_exercise(
        "Elevación de pierna prona",
        slug="elevación-de-pierna-prona",
        language="es",
        translation_key="prone-leg-lift",
        difficulty="advanced",
        modifications=(("Rodilla doblada", Level.EASIER, ""),),
        muscles=("Glúteo mayor",),
        status=Status.DRAFT,
        publish_at=datetime.datetime(2030, 1, 1, tzinfo=datetime.UTC),
    )
    return english


def snapshot():
    """Everything an exercise is, in a form that does not depend on primary keys."""
    rows = {}
    for e in Exercise.objects.prefetch_related("steps", "modifications", "faqs"):
        fields = {
            f.name: getattr(e, f.attname)
            for f in Exercise._meta.concrete_fields
            # section: the folder a file came from, which factory-made rows do not have
            if f.name not in {"id", "created", "updated", "image", "section", "edit_version"}
        }
        fields["steps"] = [s.text for s in e.steps.all()]
        fields["modifications"] = [(m.name, m.level, m.description) for m in e.modifications.all()]
        fields["faqs"] = [(f.question, f.answer) for f in e.faqs.all()]
        fields["muscles"] = [link.tag.name for link in e.muscle_links.order_by("id")]
        fields["equipment"] = [link.tag.name for link in e.equipment_links.order_by("id")]
        fields["translations"] = sorted(t.slug for t in e.translations())
        rows[(e.language, e.slug)] = fields
    return rows


def test_export_then_import_into_an_empty_database_is_lossless(tmp_path):
    full_library()
    before = snapshot()
    export(tmp_path)
    Exercise.objects.all().delete()
    call_command("import_exercises", str(tmp_path), stdout=StringIO())
    assert snapshot() == before


def test_exporting_twice_gives_byte_identical_files(tmp_path):
    full_library()
    export(tmp_path / "first")
    output = export(tmp_path / "second")
    again = export(tmp_path / "second")
    assert files(tmp_path / "first") == files(tmp_path / "second")
    assert "2 written, 0 already up to date" in output
    assert "0 written, 2 already up to date" in again


def test_reimporting_an_export_only_adds_the_old_urls_it_names(tmp_path):
    full_library()
    before = snapshot()
    export(tmp_path)
    call_command("import_exercises", str(tmp_path), stdout=StringIO())
    assert snapshot() == before
    assert set(OldURL.objects.values_list("path", flat=True)) == {
        "/old/prone/",
        "/older/prone/",
        "/pilates/prone-leg-lift/",
    }
    out = StringIO()
    call_command("import_exercises", str(tmp_path), stdout=out)
    assert "0 created, 0 updated, 2 unchanged" in out.getvalue()


def test_files_are_laid_out_at_the_site_urls(tmp_path):
    full_library()
    export(tmp_path)
    spanish = Exercise.objects.get(language="es")
    expected_spanish = unquote(spanish.get_absolute_url()).strip("/") + ".md"
    assert set(files(tmp_path)) == {"exercises/prone-leg-lift.md", expected_spanish}
    assert expected_spanish.startswith("es/") and expected_spanish.endswith("/elevación-de-pierna-prona.md")
    assert export_path(spanish).as_posix() == expected_spanish


def test_export_writes_yaml_front_matter_in_a_fixed_order_with_extras_last(tmp_path):
    full_library()
    export(tmp_path)
    text = (tmp_path / "exercises/prone-leg-lift.md").read_text()
    keys = [line.split(":")[0] for line in text.split("---\n")[1].splitlines() if line[:1].isalpha()]
    assert keys[:4] == ["title", "slug", "translationKey", "description"]
    assert keys[-3:] == ["Zeta", "params", "series"]
    assert "date: 2024-03-01T07:00:00.123456Z" in text
    assert text.endswith("## Safety\n\nStop if it hurts.\n")


def test_spanish_export_uses_spanish_values_and_draft(tmp_path):
    full_library()
    export(tmp_path)
    text = next(tmp_path.glob("es/*/*.md")).read_text()
    assert "difficulty: avanzado" in text and "level: más fácil" in text and "draft: true" in text


def test_export_of_one_language(tmp_path):
    full_library()
    export(tmp_path, language="es")
    assert [path.split("/")[0] for path in files(tmp_path)] == ["es"]


def test_export_of_a_language_that_is_not_enabled_is_an_error(tmp_path):
    with pytest.raises(CommandError, match="--language fr is not enabled"):
        export(tmp_path, language="fr")


def test_export_into_a_file_is_an_error(tmp_path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(CommandError, match="is not a folder"):
        export(tmp_path / "file")


def test_export_keeps_old_urls_recorded_from_file_places_as_aliases(tmp_path):
    exercise = make_exercise("Leg Lift")
    OldURL.objects.create(path="/old/section/leg-lift/", exercise=exercise)
    export(tmp_path)
    assert "- /old/section/leg-lift/" in (tmp_path / "exercises/leg-lift.md").read_text()
    Exercise.objects.all().delete()
    call_command("import_exercises", str(tmp_path), stdout=StringIO())
    assert OldURL.objects.get(path="/old/section/leg-lift/").exercise.slug == "leg-lift"


def test_an_exercise_from_a_section_folder_is_exported_back_into_it(tmp_path):
    make_exercise("Roll Up", section="exercises/mat")
    export(tmp_path)
    assert "exercises/mat/roll-up.md" in files(tmp_path)


def test_extra_keys_naming_exercise_fields_never_override_them_on_export(tmp_path):
    exercise = make_exercise("Leg Lift", status=Status.DRAFT)
    shadow = {"draft": False, "Slug": "x", "publishDate": "2000-01-01T00:00:00Z", "series": "legs"}
    Exercise.objects.filter(pk=exercise.pk).update(extra=shadow)  # as a script or an old admin could have stored
    export(tmp_path)
    text = (tmp_path / "exercises/leg-lift.md").read_text()
    assert "draft: true" in text and "slug: leg-lift" in text and "series: legs" in text
    assert "draft: false" not in text and "Slug:" not in text and "2000-01-01" not in text
    Exercise.objects.all().delete()
    call_command("import_exercises", str(tmp_path), stdout=StringIO())
    assert Exercise.objects.get().status == Status.DRAFT
