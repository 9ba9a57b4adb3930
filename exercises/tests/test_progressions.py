"""Progressions: modifications that link to an exercise's easier or harder version."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from exercises import progressions
from exercises.models import Exercise, FoundBy, Level, Modification

from .content_files import export_folder, import_folder, write
from .factories import make_editor, make_exercise
from .test_admin import change_url, edit_form

pytestmark = pytest.mark.django_db


def exercise_file(title, extra=""):
    return f"---\ntitle: {title}\n{extra}---\n"


def links():
    return sorted(
        (m.exercise.slug, m.level, m.links_to.slug, m.found_by)
        for m in Modification.objects.filter(links_to__isnull=False).select_related("exercise", "links_to")
    )


# The pure rules


@pytest.mark.parametrize(
    "slugs, pairs",
    [
        (["roll-up", "roll-up-prep"], [("roll-up", "roll-up-prep")]),
        (["teaser", "teaser-advanced"], [("teaser-advanced", "teaser")]),
        (["puente", "puente-fácil"], [("puente", "puente-fácil")]),
        (["roll-up-prep"], []),
        (["prep", "roll-up"], []),
    ],
    ids=["prep", "advanced", "spanish-accent", "no-base", "unrelated"],
)
def test_slug_pairs_name_the_harder_exercise_first(slugs, pairs):
    assert progressions.slug_pairs(slugs) == pairs


def test_the_ladder_refuses_an_edge_that_closes_a_cycle_and_names_it():
    ladder = progressions.Ladder()
    assert ladder.add("c", "b") is None and ladder.add("b", "a") is None

    assert ladder.add("a", "c") == ["a", "c", "b", "a"]
    assert ladder.add("a", "a") == ["a", "a"]
    assert ladder.add("c", "a") is None  # c → a is already implied: no cycle


# Import


def test_import_links_a_prep_exercise_to_the_full_one_and_reports_it(tmp_path, client):
    write(tmp_path, "exercises/roll-up.md", exercise_file("Roll Up", "difficulty: intermediate\n"))
    write(tmp_path, "exercises/roll-up-prep.md", exercise_file("Roll Up Prep"))

    output = import_folder(tmp_path)

    assert links() == [("roll-up", Level.EASIER, "roll-up-prep", FoundBy.SLUG)]
    assert "Linked: “roll-up-prep” is an easier version of “roll-up” (en, by slug)" in output
    full = client.get("/exercises/roll-up/").context
    prep = client.get("/exercises/roll-up-prep/").context
    assert [e.slug for e in full["easier_versions"]] == ["roll-up-prep"] and full["harder_versions"] == []
    assert [e.slug for e in prep["harder_versions"]] == ["roll-up"] and prep["easier_versions"] == []


def test_import_links_a_modification_named_after_another_exercise(tmp_path, client):
    write(
        tmp_path,
        "exercises/teaser.md",
        exercise_file("Teaser", "modifications:\n- {name: Half Teaser, level: easier}\n"),
    )
    write(tmp_path, "exercises/half-teaser.md", exercise_file("Half Teaser"))

    output = import_folder(tmp_path)
    html = client.get("/exercises/teaser/").content.decode()

    assert links() == [("teaser", Level.EASIER, "half-teaser", FoundBy.NAME)]
    assert "(en, by name)" in output
    assert '<strong><a href="/exercises/half-teaser/">Half Teaser</a></strong>' in html


def test_reimporting_finds_the_same_links_without_adding_rows_or_reporting_them_again(tmp_path):
    write(
        tmp_path,
        "exercises/roll-up.md",
        exercise_file("Roll Up", "modifications:\n- {name: Roll Up Prep, level: easier}\n"),
    )
    write(tmp_path, "exercises/roll-up-prep.md", exercise_file("Roll Up Prep"))
    write(tmp_path, "exercises/teaser.md", exercise_file("Teaser"))
    write(tmp_path, "exercises/teaser-advanced.md", exercise_file("Teaser Advanced"))
    import_folder(tmp_path)
    first = links()

    output = import_folder(tmp_path)

    assert links() == first and Modification.objects.count() == 2
    assert "Linked:" not in output and "4 unchanged" in output


def test_a_file_names_its_linked_exercise_and_export_writes_it_back(tmp_path):
    text = exercise_file("Hundred", "modifications:\n- name: Knees bent\n  level: easier\n  exercise: hundred-prep\n")
    write(tmp_path / "in", "exercises/hundred.md", text)
    write(tmp_path / "in", "exercises/hundred-prep.md", exercise_file("Hundred Prep"))
    import_folder(tmp_path / "in")
    assert links() == [("hundred", Level.EASIER, "hundred-prep", FoundBy.HAND)]

    export_folder(tmp_path / "out")
    Exercise.objects.all().delete()
    import_folder(tmp_path / "out")

    assert "exercise: hundred-prep" in (tmp_path / "out/exercises/hundred.md").read_text()
    assert links() == [("hundred", Level.EASIER, "hundred-prep", FoundBy.HAND)]


def test_export_leaves_found_links_out_so_the_files_read_come_back_unchanged(tmp_path):
    teaser = exercise_file("Teaser", "modifications:\n- name: Half Teaser\n  level: easier\n")
    write(tmp_path / "in", "exercises/teaser.md", teaser)
    write(tmp_path / "in", "exercises/teaser-prep.md", exercise_file("Teaser Prep"))
    write(tmp_path / "in", "exercises/half-teaser.md", exercise_file("Half Teaser"))
    import_folder(tmp_path / "in")

    export_folder(tmp_path / "out")

    exported = (tmp_path / "out/exercises/teaser.md").read_text()
    assert "exercise:" not in exported and "Teaser Prep" not in exported
    assert "modifications:\n- name: Half Teaser\n  level: easier\n" in exported


def test_import_refuses_a_cycle_of_links_written_in_files_and_writes_nothing(tmp_path):
    write(tmp_path, "exercises/a.md", exercise_file("A", "modifications:\n- {name: B, level: easier, exercise: b}\n"))
    write(tmp_path, "exercises/b.md", exercise_file("B", "modifications:\n- {name: A, level: easier, exercise: a}\n"))

    with pytest.raises(CommandError) as refused:
        import_folder(tmp_path)

    assert "closes a circle" in str(refused.value)
    assert Exercise.objects.count() == 0


def test_import_refuses_a_link_to_an_exercise_that_does_not_exist(tmp_path):
    write(
        tmp_path, "exercises/a.md", exercise_file("A", "modifications:\n- {name: B, level: easier, exercise: nope}\n")
    )

    with pytest.raises(CommandError) as refused:
        import_folder(tmp_path)

    assert "a.md: modifications: item 1: exercise: no other exercise in “en” has the slug “nope”" in str(refused.value)
    assert Exercise.objects.count() == 0


def test_an_automatic_link_that_would_close_a_cycle_is_left_out_with_a_warning(tmp_path):
    # By hand: x-prep is harder than y, y harder than x; the slug pair would make x harder than x-prep.
    write(tmp_path, "exercises/x.md", exercise_file("X"))
    write(tmp_path, "exercises/x-prep.md", exercise_file("X Prep", "modifications:\n- {name: Y, level: easier}\n"))
    write(tmp_path, "exercises/y.md", exercise_file("Y", "modifications:\n- {name: X, level: easier}\n"))

    output = import_folder(tmp_path)

    assert links() == [("x-prep", Level.EASIER, "y", FoundBy.NAME), ("y", Level.EASIER, "x", FoundBy.NAME)]
    assert "Warning: x-prep: slug: linking “x-prep” closes a circle" in output


def test_import_warns_when_an_easier_version_has_a_harder_difficulty(tmp_path):
    write(tmp_path, "exercises/plank.md", exercise_file("Plank"))
    write(tmp_path, "exercises/plank-prep.md", exercise_file("Plank Prep", "difficulty: advanced\n"))

    output = import_folder(tmp_path)

    assert (
        "Warning: plank: modifications: “Plank Prep”: “plank-prep” (Advanced) is linked as an easier version" in output
    )


def test_links_stay_within_one_language(tmp_path):
    write(tmp_path, "exercises/roll-up.md", exercise_file("Roll Up"))
    write(tmp_path, "es/ejercicios/roll-up-prep.md", exercise_file("Roll Up Prep"))

    import_folder(tmp_path)

    assert links() == []


# Admin


@pytest.fixture
def editor_client(client):
    client.force_login(make_editor())
    return client


def link_in_admin(client, exercise, target, level="easier"):
    data = edit_form(client, change_url(exercise))
    free = data["modifications-INITIAL_FORMS"]  # the blank form after the existing rows
    data.update(
        {
            f"modifications-{free}-order": "1",
            f"modifications-{free}-name": target.title,
            f"modifications-{free}-level": level,
            f"modifications-{free}-links_to": str(target.pk),
        }
    )
    return client.post(change_url(exercise), data, follow=True)


def test_an_editor_links_a_modification_to_an_exercise(editor_client):
    full, prep = make_exercise("Swan"), make_exercise("Swan Prep")

    response = link_in_admin(editor_client, full, prep)

    assert response.redirect_chain
    assert links() == [("swan", Level.EASIER, "swan-prep", FoundBy.HAND)]


def test_the_admin_refuses_a_link_that_closes_a_cycle(editor_client):
    full, prep = make_exercise("Swan"), make_exercise("Swan Prep")
    Modification.objects.create(exercise=prep, name="Swan", level=Level.HARDER, links_to=full)

    response = link_in_admin(editor_client, prep, full, level="easier")

    assert not response.redirect_chain
    assert "closes a circle" in response.content.decode()
    assert links() == [("swan-prep", Level.HARDER, "swan", FoundBy.HAND)]


def test_the_admin_refuses_a_link_to_another_language(editor_client):
    full, other = make_exercise("Swan"), make_exercise("Cisne", language="es")

    response = link_in_admin(editor_client, full, other)

    assert not response.redirect_chain
    assert "is in another language" in response.content.decode()


def test_the_admin_warns_when_an_easier_version_is_harder(editor_client):
    full, prep = make_exercise("Swan"), make_exercise("Swan Prep", difficulty="advanced")

    response = link_in_admin(editor_client, full, prep)

    assert "“swan-prep” (Advanced) is linked as an easier version of “swan” (Beginner)" in response.content.decode()
    assert links() == [("swan", Level.EASIER, "swan-prep", FoundBy.HAND)]


def test_an_editor_changing_a_found_link_makes_it_theirs(editor_client):
    full, prep = make_exercise("Swan"), make_exercise("Swan Prep")
    Modification.objects.create(exercise=full, name="Swan Prep", level=Level.EASIER, links_to=prep, found_by="slug")
    data = edit_form(editor_client, change_url(full))
    data["modifications-0-description"] = "Keep the hands under the shoulders."

    editor_client.post(change_url(full), data)

    assert links() == [("swan", Level.EASIER, "swan-prep", FoundBy.HAND)]


# Translations


def test_add_translation_links_to_the_targets_translation_or_nothing():
    full = make_exercise("Swan", translation_key="swan")
    prep = make_exercise("Swan Prep", translation_key="swan-prep")
    dive = make_exercise("Swan Dive", translation_key="swan-dive")
    make_exercise("Cisne preparación", slug="cisne-prep", language="es", translation_key="swan-prep")
    Modification.objects.create(exercise=full, name="Prep", level=Level.EASIER, links_to=prep, order=0)
    Modification.objects.create(exercise=full, name="Dive", level=Level.HARDER, links_to=dive, order=1)

    copy = full.make_translation("es")

    assert [(m.name, m.links_to and m.links_to.slug) for m in copy.modifications.all()] == [
        ("Prep", "cisne-prep"),
        ("Dive", None),
    ]


def test_a_whole_site_import_links_and_reports_and_refuses_cycles_too(tmp_path):
    write(tmp_path, "content/exercises/roll-up.md", exercise_file("Roll Up"))
    write(tmp_path, "content/exercises/roll-up-prep.md", exercise_file("Roll Up Prep"))
    out = StringIO()
    call_command("import_content", str(tmp_path), stdout=out, stderr=StringIO())
    assert "Linked: “roll-up-prep” is an easier version of “roll-up” (en, by slug)" in out.getvalue()

    write(
        tmp_path,
        "content/exercises/a.md",
        exercise_file("A", "modifications:\n- {name: B, level: easier, exercise: b}\n"),
    )
    write(
        tmp_path,
        "content/exercises/b.md",
        exercise_file("B", "modifications:\n- {name: A, level: easier, exercise: a}\n"),
    )
    with pytest.raises(CommandError) as refused:
        call_command("import_content", str(tmp_path), stdout=StringIO(), stderr=StringIO())

    assert "closes a circle" in str(refused.value)
    assert links() == [("roll-up", Level.EASIER, "roll-up-prep", FoundBy.SLUG)]
    assert not Exercise.objects.filter(slug__in=["a", "b"]).exists()


def test_a_hand_link_against_the_slug_convention_wins_and_the_found_link_goes(tmp_path):
    write(tmp_path, "exercises/roll-up.md", exercise_file("Roll Up"))
    write(tmp_path, "exercises/roll-up-prep.md", exercise_file("Roll Up Prep"))
    import_folder(tmp_path)
    against = "modifications:\n- {name: Roll Up, level: easier, exercise: roll-up}\n"
    write(tmp_path, "exercises/roll-up-prep.md", exercise_file("Roll Up Prep", against))

    import_folder(tmp_path)

    assert links() == [("roll-up-prep", Level.EASIER, "roll-up", FoundBy.HAND)]
