"""Muscles and equipment as concepts named per language: spellings, import, landing pages, old addresses."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command

from exercises.content.spelling import spelling_key
from exercises.exporter import export_exercises
from exercises.models import Exercise, Muscle, MuscleConcept
from exercises.taxonomy import near_duplicates, read_vocabulary

from .factories import make_exercise

# The spellings met on a real bilingual site, in pairs that must end up as one concept.
SAME_CONCEPT = [
    ("en", "quads", "en", "Quadriceps"),
    ("en", "hip flexors", "en", "hip-flexors"),
    ("es", "gluteos", "es", "glúteos"),
    ("es", "flexores-cadera", "es", "flexores de cadera"),
    ("es", "muslo-interno", "es", "muslos-internos"),
    ("en", "Glutes", "es", "Glúteos"),
    ("en", "lats", "es", "dorsal ancho"),
    ("en", "core", "es", "centro"),
    ("en", "ring", "es", "aro mágico"),
]


def exercise_file(title, language_folder, muscles, equipment=()):
    muscles = ", ".join(f'"{m}"' for m in muscles)
    equipment = ", ".join(f'"{e}"' for e in equipment)
    return f"---\ntitle: {title}\nmuscles: [{muscles}]\nequipment: [{equipment}]\n---\nBody.\n"


def write_site(root: Path, files: dict) -> Path:
    for relative, text in files.items():
        path = root / "content" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def run(*args):
    out = StringIO()
    call_command("import_content", *map(str, args), stdout=out)
    return out.getvalue()


def folder(language):
    return "exercises" if language == "en" else "es/ejercicios"


@pytest.mark.parametrize(
    "first, second",
    [("Hip-Flexors", "hip flexors"), ("muslo-interno", "muslos internos"), ("Glúteos", "gluteo"), ("QUADS", "quad")],
)
def test_spelling_key_ignores_case_accents_hyphens_and_plurals(first, second):
    assert spelling_key(first) == spelling_key(second)


def test_spelling_key_keeps_different_words_apart():
    assert spelling_key("hip flexors") != spelling_key("hips")
    assert spelling_key("muslo interno") != spelling_key("muslos")


@pytest.mark.django_db
def test_every_spelling_of_a_concept_imports_as_one_term_per_language(tmp_path):
    files = {}
    for number, (lang_a, a, lang_b, b) in enumerate(SAME_CONCEPT):
        kind = "equipment" if a == "ring" else "muscles"
        for lang, name, side in ((lang_a, a, "a"), (lang_b, b, "b")):
            muscles, equipment = ([], [name]) if kind == "equipment" else ([name], [])
            files[f"{folder(lang)}/x{number}{side}.md"] = exercise_file(f"X {number} {side}", lang, muscles, equipment)
    run(write_site(tmp_path / "site", files))
    for number, (lang_a, _a, lang_b, _b) in enumerate(SAME_CONCEPT):
        first = Exercise.objects.get(slug=f"x{number}a")
        second = Exercise.objects.get(slug=f"x{number}b")
        terms_a = [*first.muscles.all(), *first.equipment.all()]
        terms_b = [*second.muscles.all(), *second.equipment.all()]
        assert len(terms_a) == len(terms_b) == 1
        assert terms_a[0].concept_id == terms_b[0].concept_id, SAME_CONCEPT[number]
        assert terms_a[0].language == lang_a and terms_b[0].language == lang_b
        if lang_a == lang_b:
            assert terms_a[0] == terms_b[0]
    assert Muscle.objects.get(language="es", concept__key="glutes").slug == "gluteos"
    assert Muscle.objects.get(language="en", concept__key="quadriceps").name == "Quadriceps"


@pytest.mark.django_db
def test_unknown_spelling_makes_a_new_concept_reported_in_the_summary(tmp_path):
    site = write_site(tmp_path / "site", {"exercises/a.md": exercise_file("A", "en", ["Glutes", "Serratus Posterior"])})
    output = run(site)
    assert "New muscle: “Serratus Posterior” (en)" in output
    term = Muscle.objects.get(name="Serratus Posterior")
    assert term.concept.key == "serratus-posterior" and term.language == "en"
    assert "New muscle" not in run(site)  # known now


@pytest.mark.django_db
def test_strict_tags_refuses_unknown_spellings_and_writes_nothing(tmp_path):
    site = write_site(tmp_path / "site", {"exercises/a.md": exercise_file("A", "en", ["Glutes", "Wibble"], ["Mat"])})
    with pytest.raises(CommandError) as raised:
        run(site, "--strict-tags")
    message = str(raised.value)
    assert "exercises/a.md: muscles: new muscle: “Wibble” is not in the vocabulary" in message
    assert "Glutes" not in message
    assert not Exercise.objects.exists() and not Muscle.objects.exists() and not MuscleConcept.objects.exists()


@pytest.mark.django_db
def test_dry_run_reports_new_terms_and_writes_none(tmp_path):
    site = write_site(tmp_path / "site", {"exercises/a.md": exercise_file("A", "en", ["Glutes", "Wibble"])})
    output = run(site, "--dry-run")
    assert "New muscle: “Wibble” (en)" in output
    assert not Muscle.objects.exists() and not MuscleConcept.objects.exists()


@pytest.mark.django_db
def test_tag_field_matches_existing_terms_in_the_exercise_language():
    glutes = make_exercise("Bridge", muscles=["Gluteus Maximus"]).muscles.get()
    spanish = make_exercise("Puente", slug="puente", language="es", muscles=["glúteo máximo", "Isquios"])
    assert {term.name for term in spanish.muscles.all()} == {"Glúteo mayor", "Isquiotibiales"}
    assert spanish.muscles.get(name="Glúteo mayor").concept_id == glutes.concept_id
    english = make_exercise("Lift", muscles=["gluteus maximus", "GLUTE MAX"])
    assert list(english.muscles.all()) == [glutes]


@pytest.mark.django_db
def test_export_writes_each_term_in_the_file_language(tmp_path):
    make_exercise("Squat", muscles=["quads"], equipment=["ring"])
    make_exercise("Sentadilla", slug="sentadilla", language="es", muscles=["quads"], equipment=["ring"])
    export_exercises(tmp_path)
    english = (tmp_path / "exercises" / "squat.md").read_text(encoding="utf-8")
    spanish = next(tmp_path.rglob("sentadilla*.md")).read_text(encoding="utf-8")
    assert "Quadriceps" in english and "Magic Circle" in english
    assert "Cuádriceps" in spanish and "Aro mágico" in spanish


@pytest.mark.django_db
def test_term_pages_link_their_other_language(client):
    make_exercise("Bridge", muscles=["Glutes"])
    make_exercise("Puente", slug="puente", language="es", muscles=["Glúteos"])
    english = client.get("/muscles/glutes/").content.decode()
    spanish = client.get("/es/muscles/gluteos/").content.decode()
    assert 'hreflang="es" href="http://testserver/es/muscles/gluteos/"' in english
    assert 'hreflang="en" href="http://testserver/muscles/glutes/"' in spanish
    assert "Glúteos" in spanish and "Puente" in spanish and "Bridge" not in spanish


@pytest.mark.django_db
@pytest.mark.parametrize(
    "old, new",
    [
        ("/muscles/quads/", "/muscles/quadriceps/"),
        ("/muscles/Hip-Flexors/", "/muscles/hip-flexors/"),
        ("/es/muscles/gl%C3%BAteos/", "/es/muscles/gluteos/"),
        ("/es/muscles/flexores-cadera/", "/es/muscles/flexores-de-cadera/"),
        ("/es/muscles/glutes/", "/es/muscles/gluteos/"),  # the English spelling on the Spanish site
        ("/equipment/ring/", "/equipment/magic-circle/"),
    ],
)
def test_old_term_urls_of_every_spelling_redirect_to_the_concept_page(client, old, new):
    make_exercise("Bridge", muscles=["Glutes", "Quadriceps", "Hip Flexors"], equipment=["Magic Circle"])
    make_exercise("Puente", slug="puente", language="es", muscles=["Glúteos", "Flexores de cadera"])
    response = client.get(old)
    assert response.status_code == 301 and response["Location"] == new
    assert client.get(new).status_code == 200


@pytest.mark.django_db
def test_unknown_term_urls_are_404(client):
    make_exercise("Bridge", muscles=["Glutes"])
    assert client.get("/muscles/wibble/").status_code == 404
    assert client.get("/equipment/glutes/").status_code == 404


def write_vocabulary(tmp_path, text):
    path = tmp_path / "vocabulary.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "text, message",
    [
        ("muscles:\n  a:\n    en: [Glutes]\n  b:\n    en: [Bum, glute]\n", "“glute” names both a and b"),
        ("muscles:\n  a:\n    region: elbow\n    en: [A]\n", "region: “elbow” is not one of"),
        ("muscles:\n  a:\n    parent: b\n    en: [A]\n", "parent “b” is not in the file"),
        ("equipment:\n  a:\n    en: Mat\n", "must be a list of names"),
    ],
)
def test_a_malformed_vocabulary_is_refused_with_its_reason(tmp_path, text, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        read_vocabulary(write_vocabulary(tmp_path, text))


def test_the_shipped_vocabulary_reads():
    vocabulary = read_vocabulary()
    assert 20 <= len(vocabulary["muscles"]) <= 40 and len(vocabulary["equipment"]) >= 7


@pytest.mark.django_db
def test_one_slug_may_name_a_concept_in_two_languages(client):
    make_exercise("Hundred", muscles=["Core"])
    make_exercise("Cien", slug="cien", language="es", muscles=["core"])
    english, spanish = Muscle.objects.get(language="en"), Muscle.objects.get(language="es")
    assert english.slug == spanish.slug == "core" and english.concept_id == spanish.concept_id
    assert "Cien" in client.get("/es/muscles/core/").content.decode()


@pytest.mark.django_db
def test_near_duplicates_groups_same_language_spellings_for_merging():
    def stray(name, language="en"):
        concept = MuscleConcept.objects.create(key=f"k-{Muscle.objects.count()}")
        return Muscle.objects.create(name=name, slug=f"s-{concept.key}", language=language, concept=concept)

    hamstrings, typo = stray("Hamstrings"), stray("Hamstirngs")
    inner, inner_plural = stray("muslo interno", "es"), stray("muslos internos", "es")
    stray("Glutes")
    stray("Hamstrings", "es")  # another language: not a duplicate
    groups = [{term.pk for term in group} for group in near_duplicates(Muscle)]
    assert sorted(groups, key=min) == sorted([{hamstrings.pk, typo.pk}, {inner.pk, inner_plural.pk}], key=min)
