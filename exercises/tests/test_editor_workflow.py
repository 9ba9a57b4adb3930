"""The editors' workflow in the exercise admin: status you can trust, revert, comparison, version bumps, old
addresses, order, Markdown preview and translations."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from exercises.models import Exercise, OldURL, Status

from .factories import make_editor, make_exercise, make_full_exercise
from .test_admin import ADD_URL, CHANGELIST_URL, change_url, edit_form, fill_new_exercise

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    client.force_login(make_editor())
    return client


def revision_url(exercise, version):
    return reverse("admin:exercises_exercise_revision", args=[exercise.pk, version.pk])


def versions_of(exercise):
    return list(Version.objects.get_for_object(exercise).order_by("pk"))


def save_through_admin(client, exercise, **changes):
    data = edit_form(client, change_url(exercise))
    data.update(changes)
    response = client.post(change_url(exercise), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    exercise.refresh_from_db()
    return response


# Status you can trust


def test_changelist_tells_draft_scheduled_and_published_apart(editor_client):
    make_exercise("Live One")
    make_exercise("Later One", publish_at=timezone.now() + timedelta(days=7))
    make_exercise("Draft One", status=Status.DRAFT)
    html = editor_client.get(CHANGELIST_URL).content.decode()
    assert "Scheduled (" in html and "Published" in html and "Draft" in html
    scheduled = editor_client.get(CHANGELIST_URL, {"publication": "scheduled"}).content.decode()
    assert "Later One" in scheduled and "Live One" not in scheduled and "Draft One" not in scheduled


def test_revert_restores_content_but_keeps_the_current_publication_state(editor_client):
    editor_client.post(ADD_URL, fill_new_exercise(edit_form(editor_client, ADD_URL), status="draft"))
    exercise = Exercise.objects.get()
    save_through_admin(editor_client, exercise, title="Published title", status="published")
    assert exercise.is_public

    first = versions_of(exercise)[0]
    form = edit_form(editor_client, revision_url(exercise, first))
    assert form["status"] == "published"  # the form shows today's state, not the old draft
    response = editor_client.post(revision_url(exercise, first), form, follow=True)
    exercise.refresh_from_db()
    assert exercise.title == "Side-Lying Leg Lift"
    assert exercise.status == Status.PUBLISHED and exercise.is_public
    assert "the status is now: Published" in response.content.decode()


def test_revert_restores_the_old_status_when_asked(editor_client):
    editor_client.post(ADD_URL, fill_new_exercise(edit_form(editor_client, ADD_URL), status="draft"))
    exercise = Exercise.objects.get()
    save_through_admin(editor_client, exercise, title="Published title", status="published")

    first = versions_of(exercise)[0]
    form = edit_form(editor_client, revision_url(exercise, first))
    assert "Also restore the status this version had: Draft" in editor_client.get(revision_url(exercise, first)).text
    editor_client.post(revision_url(exercise, first), {**form, "restore_status": "yes"})
    exercise.refresh_from_db()
    assert exercise.status == Status.DRAFT and exercise.title == "Side-Lying Leg Lift"


def test_history_compares_any_two_versions_word_by_word(editor_client):
    editor_client.post(ADD_URL, fill_new_exercise(edit_form(editor_client, ADD_URL)))
    exercise = Exercise.objects.get()
    save_through_admin(editor_client, exercise, title="Side-Lying Hip Lift", **{"steps-0-text": "Lie down."})
    first, second = versions_of(exercise)
    history = editor_client.get(reverse("admin:exercises_exercise_history", args=[exercise.pk])).text
    assert f'value="{first.pk}"' in history and f'value="{second.pk}"' in history
    compare = reverse("admin:exercises_exercise_compare", args=[exercise.pk])
    html = editor_client.get(compare, {"version": [second.pk, first.pk]}).text
    assert "<del>Leg</del><ins>Hip</ins>" in html
    assert "Lie <del>on your side</del><ins>down</ins>." in html
    assert "Difficulty" not in html  # unchanged fields are not listed


# Versions: every writer bumps them, so no save silently undoes another change


def test_publish_action_counts_as_a_change_for_the_conflict_check(editor_client):
    exercise = make_full_exercise(status=Status.PUBLISHED)
    form = edit_form(editor_client, change_url(exercise))  # an editor opens it
    editor_client.post(CHANGELIST_URL, {"action": "unpublish", "_selected_action": [exercise.pk]})
    response = editor_client.post(change_url(exercise), {**form, "title": "Later save"})
    assert "Someone else saved this exercise after you opened it" in response.text
    exercise.refresh_from_db()
    assert exercise.status == Status.DRAFT and exercise.title == "Prone Leg Lift"


def test_import_counts_as_a_change_for_the_conflict_check(editor_client, tmp_path):
    source = tmp_path / "roll-up.md"
    source.write_text("---\ntitle: Roll Up\n---\nBody.\n")
    call_command("import_exercises", str(source), stdout=StringIO())
    exercise = Exercise.objects.get()
    form = edit_form(editor_client, change_url(exercise))
    source.write_text("---\ntitle: Roll Up\n---\nA new body from the content repository.\n")
    call_command("import_exercises", str(source), stdout=StringIO())
    response = editor_client.post(change_url(exercise), {**form, "body": "My edit"})
    assert "Someone else saved this exercise after you opened it" in response.text
    assert Exercise.objects.get().body.startswith("A new body")


def test_refused_save_gives_its_version_back(editor_client):
    exercise = make_full_exercise()
    form = edit_form(editor_client, change_url(exercise))
    refused = editor_client.post(change_url(exercise), {**form, "video_id": "https://vimeo.com/1"})
    assert refused.status_code == 200
    assert editor_client.post(change_url(exercise), form).status_code == 302  # the same form still saves


# Old addresses typed in the admin


def test_aliases_typed_in_the_admin_redirect(editor_client, client):
    exercise = make_full_exercise()
    save_through_admin(editor_client, exercise, aliases='["/old/prone-leg-lift", "/pilates/leg-lift/"]')
    assert set(OldURL.objects.values_list("path", flat=True)) == {"/old/prone-leg-lift/", "/pilates/leg-lift/"}
    response = client.get("/old/prone-leg-lift/")
    assert response.status_code == 301 and response["Location"] == exercise.get_absolute_url()


@pytest.mark.parametrize(
    "alias, message",
    [
        ("https://elsewhere.example/roll-up/", "not an external address"),
        ("//elsewhere.example/roll-up/", "not an external address"),
        ("/exercises/roll-up/", "is the address of another page"),
        ("/exercises/", "is the address of another page"),
        ("/old/roll-up/", "already redirects to “Roll Up”"),
    ],
)
def test_aliases_that_would_hijack_or_leave_the_site_are_refused(editor_client, alias, message):
    other = make_exercise("Roll Up")
    OldURL.objects.create(path="/old/roll-up/", exercise=other)
    exercise = make_full_exercise()
    data = edit_form(editor_client, change_url(exercise))
    response = editor_client.post(change_url(exercise), {**data, "aliases": f'["{alias}"]'})
    assert response.status_code == 200 and message in response.text
    assert OldURL.objects.filter(exercise=exercise).count() == 0


def test_old_address_inline_rows_are_checked_too(editor_client):
    make_exercise("Roll Up")
    exercise = make_full_exercise()
    data = edit_form(editor_client, change_url(exercise))
    data.update({"old_urls-TOTAL_FORMS": "1", "old_urls-0-path": "/exercises/roll-up/"})
    response = editor_client.post(change_url(exercise), data)
    assert response.status_code == 200 and "is the address of another page" in response.text


def test_a_saved_old_address_is_not_checked_again_on_an_unrelated_edit(editor_client):
    exercise = make_full_exercise()
    OldURL.objects.create(exercise=exercise, path="/exercises/roll-up/")
    make_exercise("Roll Up")  # since then, other content answers at that address
    save_through_admin(editor_client, exercise, title="Prone Leg Lift, Straight")
    assert exercise.title == "Prone Leg Lift, Straight"


# Order and preview


def test_steps_are_saved_in_order_without_gaps(editor_client):
    exercise = make_full_exercise()
    data = edit_form(editor_client, change_url(exercise))
    data.update({"steps-0-order": "7", "steps-1-order": "3", "steps-2-DELETE": "on"})
    data.update({"steps-3-order": "0", "steps-3-text": "A new step, typed last."})
    save_through_admin(editor_client, exercise, **data)
    assert [(s.order, s.text) for s in exercise.steps.all()] == [
        (1, "A new step, typed last."),
        (2, "Lift one leg."),
        (3, "Lie face down."),
    ]


def test_markdown_preview_uses_the_sites_renderer_and_sanitiser(editor_client):
    url = reverse("admin:exercises_exercise_markdown")
    response = editor_client.post(url, {"text": "## Benefits\n\n<script>alert(1)</script>**strong**"})
    html = response.json()["html"]
    assert "<h2>Benefits</h2>" in html and "<strong>strong</strong>" in html and "<script" not in html
    assert editor_client.get(url).status_code == 405
    assert Client().post(url, {"text": "x"}).status_code == 302  # the login page, for anonymous visitors
    assert f'data-markdown="{url}"' in editor_client.get(ADD_URL).text


# Translations


def translate(client, exercise, **fields):
    url = reverse("admin:exercises_exercise_translate", args=[exercise.pk])
    data = {"language": "es", "title": "Elevación de pierna", "identity": "elevacion-de-pierna", **fields}
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return Exercise.objects.get(language="es")


def test_translation_shows_its_source_read_only(editor_client):
    original = make_full_exercise()
    copy = translate(editor_client, original)
    html = editor_client.get(change_url(copy)).text
    assert "Original (English), read-only" in html and "Lift one straight leg while lying face down." in html


def test_translation_goes_out_of_date_when_its_source_changes(editor_client):
    original = make_full_exercise()
    copy = translate(editor_client, original)
    out_of_date = {"translation": "out_of_date"}
    listed = ">Elevación de pierna</a></th>"
    assert listed not in editor_client.get(CHANGELIST_URL, out_of_date).text

    save_through_admin(editor_client, original, **{"steps-1-text": "Lift one leg high."})
    assert listed in editor_client.get(CHANGELIST_URL, out_of_date).text
    banner = editor_client.get(change_url(copy)).text
    assert "Out of date:" in banner and "Lift one leg<ins> high</ins>." in banner

    save_through_admin(editor_client, copy, mark_up_to_date="yes")
    assert listed not in editor_client.get(CHANGELIST_URL, out_of_date).text
    assert "Out of date:" not in editor_client.get(change_url(copy)).text


def test_a_status_change_of_the_source_does_not_make_translations_out_of_date(editor_client):
    original = make_full_exercise()
    copy = translate(editor_client, original)
    editor_client.post(CHANGELIST_URL, {"action": "unpublish", "_selected_action": [original.pk]})
    assert not copy.is_out_of_date


def test_publishing_an_untranslated_copy_asks_first(editor_client):
    original = make_full_exercise()
    copy = translate(editor_client, original, title=original.title)
    data = edit_form(editor_client, change_url(copy))
    refused = editor_client.post(change_url(copy), {**data, "status": "published"})
    assert refused.status_code == 200 and "still those of the original (English)" in refused.text
    accepted = editor_client.post(change_url(copy), {**data, "status": "published", "publish_untranslated": "on"})
    assert accepted.status_code == 302


def test_bulk_publish_of_an_untranslated_copy_asks_for_confirmation(editor_client):
    original = make_full_exercise()
    copy = translate(editor_client, original, title=original.title)
    action = {"action": "publish", "_selected_action": [copy.pk]}
    asked = editor_client.post(CHANGELIST_URL, action)
    assert asked.status_code == 200 and "Publish anyway" in asked.text
    copy.refresh_from_db()
    assert copy.status == Status.DRAFT
    editor_client.post(CHANGELIST_URL, {**action, "confirm_untranslated": "yes"})
    copy.refresh_from_db()
    assert copy.status == Status.PUBLISHED


def test_the_form_and_the_bulk_action_agree_on_what_is_untranslated(editor_client):
    original = make_full_exercise()
    copy = translate(editor_client, original, title=original.title)
    copy.steps.update(text="Túmbate boca abajo.")  # the steps translated; title, description and body not yet
    data = edit_form(editor_client, change_url(copy))
    refused = editor_client.post(change_url(copy), {**data, "status": "published"})
    assert refused.status_code == 200 and "still those of the original (English)" in refused.text
    asked = editor_client.post(CHANGELIST_URL, {"action": "publish", "_selected_action": [copy.pk]})
    assert asked.status_code == 200 and "Publish anyway" in asked.text


def test_an_import_that_changes_the_source_text_makes_translations_out_of_date(tmp_path):
    source = tmp_path / "roll-up.md"
    source.write_text("---\ntitle: Roll Up\naliases: [/old/roll-up/]\n---\nBody.\n")
    call_command("import_exercises", str(source), stdout=StringIO())
    copy = Exercise.objects.get().make_translation("es", "Enrollarse", "enrollarse")
    source.write_text("---\ntitle: Roll Up\naliases: [/old/roll-up/, /older/roll-up/]\n---\nBody.\n")
    call_command("import_exercises", str(source), stdout=StringIO())
    assert not copy.is_out_of_date  # a new old address is no change of text
    source.write_text("---\ntitle: Roll Up\naliases: [/old/roll-up/, /older/roll-up/]\n---\nA better body.\n")
    call_command("import_exercises", str(source), stdout=StringIO())
    assert copy.is_out_of_date


def test_an_alias_saved_before_and_moved_by_an_import_does_not_block_saving(editor_client):
    other = make_exercise("Roll Up")
    exercise = make_full_exercise(aliases=["/old/shared/"])
    OldURL.objects.create(path="/old/shared/", exercise=other)  # an import moved it to the other exercise
    save_through_admin(editor_client, exercise, title="Edited")
    assert OldURL.objects.get(path="/old/shared/").exercise == other


def test_an_exercise_added_in_a_popup_is_kept(editor_client):
    # A workout item's "+" opens the add form in a popup, whose successful save also answers 200.
    url = f"{ADD_URL}?_popup=1"
    data = fill_new_exercise(edit_form(editor_client, url), _popup="1")
    response = editor_client.post(url, data)
    assert response.status_code == 200 and "popup_response" in response.templates[0].name
    assert Exercise.objects.filter(slug="side-lying-leg-lift").exists()
