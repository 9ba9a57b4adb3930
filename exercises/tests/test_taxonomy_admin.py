"""Editors merge spellings in the admin, and can undo a merge from the history."""

import pytest
from django.urls import reverse
from reversion.models import Version

from exercises.models import Exercise, Muscle, MuscleConcept

from .factories import make_editor, make_exercise
from .html_forms import form_values

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:exercises_muscle_changelist")


@pytest.fixture
def editor_client(client):
    client.force_login(make_editor())
    return client


def stray_term(name, language="en"):
    """A term made outside the vocabulary, as an old import that kept every spelling did."""
    concept = MuscleConcept.objects.create(key=f"stray-{name.lower().replace(' ', '-')}")
    return Muscle.objects.create(name=name, slug=name.lower().replace(" ", "-"), language=language, concept=concept)


@pytest.fixture
def spellings():
    glutes = make_exercise("Bridge", muscles=["Glutes"]).muscles.get()
    bum = stray_term("Bum Muscles")
    make_exercise("Squat").muscles.add(bum)
    both = make_exercise("Clam", muscles=["Glutes"])
    both.muscles.add(bum)
    nalgas = stray_term("Nalgas Fuertes", "es")
    make_exercise("Puente", slug="puente", language="es").muscles.add(nalgas)
    return glutes, bum, nalgas


def merge(client, target, *terms):
    data = {"action": "merge_selected", "_selected_action": [t.pk for t in (target, *terms)]}
    page = client.post(CHANGELIST, data)
    assert page.status_code == 200 and "Merge into" in page.content.decode()
    return client.post(CHANGELIST, {**data, "target": target.pk, "confirm": "yes"}, follow=True)


def test_merge_moves_links_keeps_spellings_and_redirects(editor_client, spellings):
    glutes, bum, nalgas = spellings
    response = merge(editor_client, glutes, bum, nalgas)
    assert "Merged 2 into “Glutes”." in response.content.decode()
    assert not Muscle.objects.filter(pk=bum.pk).exists()
    glutes.refresh_from_db()
    assert "Bum Muscles" in glutes.synonyms  # its slug has the same spelling key, so it is not listed twice
    assert sorted(Exercise.objects.filter(muscles=glutes).values_list("title", flat=True)) == [
        "Bridge",
        "Clam",
        "Squat",
    ]
    nalgas.refresh_from_db()
    assert nalgas.concept_id == glutes.concept_id  # now the concept's Spanish name
    assert not MuscleConcept.objects.filter(key__startswith="stray-").exists()
    assert editor_client.get("/muscles/bum-muscles/")["Location"] == "/muscles/glutes/"
    assert (
        'hreflang="es" href="http://testserver/es/muscles/nalgas-fuertes/"'
        in editor_client.get("/muscles/glutes/").content.decode()
    )


def test_merge_into_a_concept_that_has_the_language_merges_the_names(editor_client, spellings):
    glutes, _bum, nalgas = spellings
    spanish = make_exercise("Clamshell", slug="almeja", language="es", muscles=["Glúteos"]).muscles.get()
    merge(editor_client, glutes, nalgas)
    assert not Muscle.objects.filter(pk=nalgas.pk).exists()
    spanish.refresh_from_db()
    assert "Nalgas Fuertes" in spanish.synonyms
    assert Exercise.objects.get(slug="puente").muscles.get() == spanish


def test_a_merge_is_undone_from_the_target_history(editor_client, spellings):
    glutes, bum, nalgas = spellings
    merge(editor_client, glutes, bum, nalgas)
    version = Version.objects.get_for_object(glutes).order_by("-pk").first()
    assert version.revision.comment.startswith("Before merging")
    history = reverse("admin:exercises_muscle_history", args=[glutes.pk])
    assert "Before merging Bum Muscles, Nalgas Fuertes into Glutes" in editor_client.get(history).content.decode()
    version.revision.revert(delete=False)
    bum = Muscle.objects.get(pk=bum.pk)
    assert sorted(Exercise.objects.filter(muscles=bum).values_list("title", flat=True)) == ["Clam", "Squat"]
    assert sorted(Exercise.objects.filter(muscles=glutes).values_list("title", flat=True)) == ["Bridge", "Clam"]
    glutes.refresh_from_db()
    assert glutes.synonyms == [] or "Bum Muscles" not in glutes.synonyms
    assert Muscle.objects.get(pk=nalgas.pk).concept.key == "stray-nalgas-fuertes"


def test_a_merge_needs_two_terms(editor_client, spellings):
    glutes, *_ = spellings
    response = editor_client.post(
        CHANGELIST, {"action": "merge_selected", "_selected_action": [glutes.pk]}, follow=True
    )
    assert "Select two or more to merge." in response.content.decode()


def test_concept_admin_lists_names_in_every_language(editor_client, spellings):
    glutes, *_ = spellings
    make_exercise("Puente 2", slug="puente-2", language="es", muscles=["glúteos"])
    page = editor_client.get(reverse("admin:exercises_muscleconcept_changelist")).content.decode()
    assert "Glutes (en), Glúteos (es)" in page
    assert (
        editor_client.get(reverse("admin:exercises_muscleconcept_change", args=[glutes.concept_id])).status_code == 200
    )


def test_a_merge_is_undone_through_the_admin_revert_page(editor_client, spellings):
    glutes, bum, _nalgas = spellings
    merge(editor_client, glutes, bum)
    version = Version.objects.get_for_object(glutes).order_by("-pk").first()
    url = reverse("admin:exercises_muscle_revision", args=[glutes.pk, version.pk])
    page = editor_client.get(url)
    assert page.status_code == 200
    data = {name: values[0] for name, values in form_values(page.content.decode(), "muscle_form").items()}
    assert editor_client.post(url, data).status_code == 302
    bum = Muscle.objects.get(pk=bum.pk)
    assert sorted(Exercise.objects.filter(muscles=bum).values_list("title", flat=True)) == ["Clam", "Squat"]
    assert editor_client.get("/muscles/bum-muscles/").status_code == 200


AUTOCOMPLETE = reverse("admin:autocomplete")


def autocomplete(client, term, field="muscles"):
    params = {"term": term, "app_label": "exercises", "model_name": "exercise", "field_name": field}
    response = client.get(AUTOCOMPLETE, params)
    assert response.status_code == 200
    return [result["text"] for result in response.json()["results"]]


def test_autocomplete_finds_names_and_other_spellings(editor_client):
    make_exercise("Squat", muscles=["Quadriceps"], equipment=["Magic Circle"])
    make_exercise("Sentadilla", slug="sentadilla", language="es", muscles=["cuádriceps"])
    assert set(autocomplete(editor_client, "quad")) == {"Quadriceps", "Cuádriceps"}
    assert set(autocomplete(editor_client, "quads")) == {"Quadriceps"}  # a listed other spelling
    assert autocomplete(editor_client, "cuád") == ["Cuádriceps"]
    assert autocomplete(editor_client, "ring", "equipment") == ["Magic Circle"]


def test_picked_terms_are_stored_in_the_exercise_language(editor_client):
    quadriceps = make_exercise("Squat", muscles=["Quadriceps"]).muscles.get()
    spanish = make_exercise("Sentadilla", slug="sentadilla", language="es", status="draft")
    url = reverse("admin:exercises_exercise_change", args=[spanish.pk])
    page = editor_client.get(url)
    data = {
        name: values if len(values) > 1 else values[0]
        for name, values in form_values(page.content.decode(), "exercise_form").items()
    }
    data.update({"muscles": [str(quadriceps.pk)], "new_muscles": "isquios, Músculo nuevo"})
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    names = sorted(spanish.muscles.values_list("name", flat=True))
    assert names == ["Cuádriceps", "Isquiotibiales", "Músculo nuevo"]
    assert spanish.muscles.get(name="Cuádriceps").concept_id == quadriceps.concept_id


def test_a_value_that_is_not_a_term_is_a_form_error_not_a_server_error(editor_client):
    exercise = make_exercise("Squat", muscles=["Quadriceps"], status="draft")
    url = reverse("admin:exercises_exercise_change", args=[exercise.pk])
    page = editor_client.get(url)
    data = {
        name: values if len(values) > 1 else values[0]
        for name, values in form_values(page.content.decode(), "exercise_form").items()
    }
    data["muscles"] = ["Glutes, quads", "999999"]
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode() or "is not a valid value" in response.content.decode()


def test_exercise_list_filter_shows_the_chosen_language_names(editor_client):
    make_exercise("Squat", muscles=["Quadriceps"])
    make_exercise("Sentadilla", slug="sentadilla", language="es", muscles=["cuádriceps"])
    changelist = reverse("admin:exercises_exercise_changelist")
    everything = editor_client.get(changelist).content.decode()
    assert "Quadriceps (en)" in everything and "Cuádriceps (es)" in everything
    spanish = editor_client.get(changelist, {"language__exact": "es"}).content.decode()
    assert "Cuádriceps" in spanish and "Quadriceps" not in spanish
