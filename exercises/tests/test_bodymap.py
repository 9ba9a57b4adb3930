"""The body map: which regions light up and how strongly, and the figure on detail pages, cards and /muscles/."""

import re

import pytest

from exercises.bodymap import BACK, DRAWN, FRONT, PRIMARY, SECONDARY, Figure, figure_of, levels
from exercises.models import BodyRegion, Exercise, Muscle, MuscleConcept

from .factories import make_exercise

P, S = PRIMARY, SECONDARY


def test_the_first_half_of_the_listed_muscles_is_primary_and_the_rest_secondary():
    found = levels(["glutes", "back-thighs", "lower-back", "abs", "lower-back"])
    assert found == {"glutes": P, "back-thighs": P, "lower-back": P, "abs": S}


def test_a_single_muscle_is_primary_and_of_two_only_the_first():
    assert levels(["abs"]) == {"abs": P}
    assert levels(["glutes", "back-thighs"]) == {"glutes": P, "back-thighs": S}


def test_a_region_keeps_the_stronger_level_of_its_muscles():
    assert levels(["abs", "hips", "abs"]) == {"abs": P, "hips": P}
    assert levels(["glutes", "chest", "abs", "chest"]) == {"glutes": P, "chest": P, "abs": S}


def test_whole_body_lights_every_drawn_region_at_its_level():
    assert levels(["whole-body"]) == dict.fromkeys(DRAWN, P)
    assert levels(["chest", "whole-body"]) == {**dict.fromkeys(DRAWN, S), "chest": P}


def test_a_muscle_without_a_region_counts_in_the_list_but_draws_nothing():
    assert levels(["", "glutes"]) == {"glutes": S}
    assert levels(["", "not-a-region"]) == {}
    assert levels([]) == {}


def test_every_region_but_whole_body_is_drawn_on_the_side_that_shows_it():
    front = {region for region, _path in FRONT}
    back = {region for region, _path in BACK}
    assert set(DRAWN) == set(BodyRegion.values) - {BodyRegion.WHOLE_BODY}
    assert (front | back) - {""} == set(DRAWN)
    assert {"chest", "abs", "obliques", "hips", "front-thighs"} <= front - back
    assert {"upper-back", "lower-back", "glutes", "back-thighs", "calves"} <= back - front
    assert {"neck", "shoulders", "arms", "inner-thighs", "outer-thighs", "feet"} <= front & back


def test_the_figure_names_main_and_other_muscles_and_the_classes_that_light_them():
    figure = Figure([("Gluteus Maximus", "glutes"), ("Hamstrings", "back-thighs"), ("Erector Spinae", "lower-back")])
    assert figure.label == "Body map. Main muscles: Gluteus Maximus, Hamstrings. Also: Erector Spinae."
    assert figure.classes.split() == ["p-glutes", "p-back-thighs", "s-lower-back"]
    assert Figure([]).label == "Body map: no muscles listed"


# Pages


def body_map_svg(html, css_class="body-map"):
    return re.search(rf'<svg class="{css_class}[^"]*"[^>]*>.*?</svg>', html, re.S).group(0)


def svg_classes(svg):
    return set(re.match(r'<svg class="([^"]*)"', svg).group(1).split())


@pytest.mark.django_db
def test_detail_page_lights_the_exercises_regions_and_names_its_muscles(client):
    make_exercise("Bridge", muscles=["Gluteus Maximus", "Hamstrings", "Back Extensors"])
    html = client.get("/exercises/bridge/").content.decode()
    svg = body_map_svg(html, "body-map body-map-detail")
    assert svg_classes(svg) == {"body-map", "body-map-detail", "p-glutes", "p-back-thighs", "s-lower-back"}
    assert 'role="img"><title>Body map. Main muscles: Gluteus Maximus, Hamstrings. Also: Back Extensors.</title>' in svg
    assert '<use href="#body-front"' in svg and '<use href="#body-back"' in svg
    assert html.count('<symbol id="body-front"') == 1  # the figure brings the symbols (no related cards here)


@pytest.mark.django_db
def test_each_region_of_the_symbols_is_labelled_in_the_pages_language(client):
    make_exercise("Bridge", muscles=["Gluteus Maximus"])
    make_exercise("Puente", slug="puente", language="es", muscles=["Glúteos", "Isquiotibiales"])
    english = body_map_svg(client.get("/exercises/bridge/").content.decode(), "body-symbols")
    spanish = client.get("/es/ejercicios/puente/").content.decode()
    assert re.search(r'<path class="bm-glutes" d="[^"]+"><title>Glutes</title></path>', english)
    assert re.search(r'<path class="bm-back-thighs" d="[^"]+"><title>Back of the thighs</title></path>', english)
    assert english.count("<title>") == len(DRAWN) + 6  # neck, shoulders, arms, both thighs' sides, feet: twice
    assert "<title>Mapa corporal. Músculos principales: Glúteos. También: Isquiotibiales.</title>" in spanish
    assert re.search(r'<path class="bm-back-thighs" d="[^"]+"><title>Parte posterior de los muslos</title>', spanish)


@pytest.mark.django_db
def test_list_cards_use_one_symbol_set_and_light_each_exercises_own_regions(client):
    make_exercise("Bridge", muscles=["Gluteus Maximus"])
    make_exercise("Push-up", muscles=["Chest", "Triceps"])
    make_exercise("Stretch")
    html = client.get("/exercises/").content.decode()
    assert html.count('<symbol id="body-front"') == 1 and html.count('<symbol id="body-back"') == 1
    cards = dict(re.findall(r'<svg class="body-map ?([^"]*)"[^>]*role="img"><title>([^<]*)</title><use', html))
    assert cards == {
        "p-glutes": "Body map. Main muscles: Gluteus Maximus.",
        "p-chest s-arms": "Body map. Main muscles: Chest. Also: Triceps.",
        "": "Body map: no muscles listed",
    }


@pytest.mark.django_db
def test_related_cards_on_the_detail_page_carry_their_own_body_map(client):
    make_exercise("Bridge", muscles=["Gluteus Maximus", "Hamstrings"])
    make_exercise("Squat", muscles=["Quadriceps", "Gluteus Maximus"])
    html = client.get("/exercises/bridge/").content.decode()
    related = html[html.index('id="related"') :]
    assert '<svg class="body-map p-front-thighs s-glutes"' in related
    assert "Main muscles: Quadriceps. Also: Gluteus Maximus." in related
    assert html.count('<symbol id="body-front"') == 1


@pytest.mark.django_db
def test_home_and_landing_cards_have_the_body_map(client):
    make_exercise("Bridge", muscles=["Gluteus Maximus"])
    for url in ("/", "/muscles/gluteus-maximus/"):
        assert '<svg class="body-map p-glutes"' in client.get(url).content.decode(), url


@pytest.mark.django_db
def test_a_muscle_without_a_region_is_drawn_at_its_groups_region(client):
    glutes = MuscleConcept.objects.create(key="glutes-group", region=BodyRegion.GLUTES)
    piriformis = MuscleConcept.objects.create(key="piriformis", parent=glutes)
    Muscle.objects.create(concept=piriformis, language="en", name="Piriformis", slug="piriformis")
    make_exercise("Clam", muscles=["Piriformis"])
    assert '<svg class="body-map p-glutes"' in client.get("/exercises/").content.decode()


@pytest.mark.django_db
def test_the_exercises_list_order_decides_what_is_main(client):
    make_exercise("Hollow", muscles=["Hip Flexors", "Rectus Abdominis", "Obliques"])
    exercise = Exercise.objects.with_body_map().get(slug="hollow")
    assert figure_of(exercise).muscles == [
        ("Hip Flexors", "hips"),
        ("Rectus Abdominis", "abs"),
        ("Obliques", "obliques"),
    ]
    assert figure_of(exercise).levels == {"hips": P, "abs": P, "obliques": S}


@pytest.mark.django_db
def test_muscle_index_map_links_each_region_to_its_most_used_muscle(client):
    make_exercise("Bridge", muscles=["Gluteus Maximus", "Hamstrings"])
    make_exercise("Clam", muscles=["Gluteus Medius"])
    make_exercise("Hip thrust", muscles=["Gluteus Maximus"])
    make_exercise("Puente", slug="puente", language="es", muscles=["Glúteo medio"])
    html = client.get("/muscles/").content.decode()
    svg = body_map_svg(html, "body-map body-map-map")
    links = dict(re.findall(r'<a href="([^"]+)" aria-label="([^"]+)">', svg))
    assert links == {
        "/muscles/gluteus-maximus/": "Glutes: Gluteus Maximus, 2 exercises",
        "/muscles/hamstrings/": "Back of the thighs: Hamstrings, 1 exercise",
    }
    assert 'role="img"' not in svg  # its links must stay reachable
    assert '<path class="bm-chest" d="' in svg  # regions without exercises are drawn, not linked

    spanish = body_map_svg(client.get("/es/muscles/").content.decode(), "body-map body-map-map")
    assert re.findall(r'<a href="([^"]+)" aria-label', spanish) == ["/es/muscles/gluteo-medio/"]


@pytest.mark.django_db
def test_a_region_both_sides_show_is_one_stop_for_keyboards_and_screen_readers(client):
    make_exercise("Shrug", muscles=["Shoulders"])
    svg = body_map_svg(client.get("/muscles/").content.decode(), "body-map body-map-map")
    assert svg.count('<a href="/muscles/shoulders/" aria-label="Shoulders: Shoulders, 1 exercise">') == 1
    assert svg.count('<a href="/muscles/shoulders/" tabindex="-1" aria-hidden="true">') == 1


@pytest.mark.django_db
def test_muscle_index_has_no_map_without_exercises(client):
    html = client.get("/muscles/").content.decode()
    assert "body-map" not in html and "Nothing here yet." in html


@pytest.mark.django_db
def test_a_translation_keeps_the_muscles_listed_order_so_the_same_regions_are_main():
    original = make_exercise("Hollow", muscles=["Rectus Abdominis", "Hip Flexors", "Gluteus Maximus"])
    copy = original.make_translation("es")
    figure = figure_of(Exercise.objects.with_body_map().get(pk=copy.pk))
    assert [name for name, _region in figure.muscles] == ["Recto abdominal", "Flexores de cadera", "Glúteo mayor"]
    assert figure.levels == {"abs": P, "hips": P, "glutes": S}


@pytest.mark.django_db
def test_a_muscle_page_shows_where_the_muscle_is(client):
    make_exercise("Bridge", muscles=["Hamstrings"])
    make_exercise("Puente", slug="puente", language="es", muscles=["Isquiotibiales"])
    svg = body_map_svg(client.get("/muscles/hamstrings/").content.decode(), "body-map body-map-detail")
    assert svg_classes(svg) == {"body-map", "body-map-detail", "p-back-thighs"}
    assert "<title>Body map. Main muscles: Hamstrings.</title>" in svg
    spanish = client.get("/es/muscles/isquiotibiales/").content.decode()
    assert "<title>Mapa corporal. Músculos principales: Isquiotibiales.</title>" in spanish
    assert spanish.count('<symbol id="body-front"') == 1  # shared by the figure and the cards


@pytest.mark.django_db
def test_equipment_pages_have_no_body_map_of_their_own(client):
    make_exercise("Bridge", muscles=["Hamstrings"], equipment=["Mat"])
    html = client.get("/equipment/mat/").content.decode()
    assert "body-map-detail" not in html and '<svg class="body-map p-back-thighs"' in html
