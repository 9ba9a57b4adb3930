"""Two editors saving at the same moment, in two real threads with their own database connections."""

import sqlite3
import threading

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from exercises.models import Exercise
from publishing.forms import PublishableAdminForm

from .factories import make_editor, make_full_exercise, restore_editors_group
from .test_admin import ADD_URL, edit_form, fill_new_exercise

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("database_file"),
]


@pytest.fixture
def database_file(tmp_path):
    """On SQLite, run the test on a copy of the test database in a file, as the site runs (WAL, BEGIN
    IMMEDIATE): the test database lives in shared-cache memory, where a second writer fails at once instead
    of waiting for the lock."""
    restore_editors_group()  # transactional tests empty the database, the migrations' group too
    if connection.vendor != "sqlite":
        yield
        return
    connection.ensure_connection()
    with sqlite3.connect(tmp_path / "db.sqlite3") as copy:
        connection.connection.backup(copy)
    settings_dict = connections.settings["default"]
    memory_name, memory_connection = settings_dict["NAME"], connection.connection
    settings_dict["NAME"] = connection.settings_dict["NAME"] = str(tmp_path / "db.sqlite3")
    connection.connection = None  # the next query opens the file; the memory database stays open meanwhile
    yield
    connection.close()
    settings_dict["NAME"] = connection.settings_dict["NAME"] = memory_name
    connection.connection = memory_connection


def post_together(monkeypatch, method_name, posts):
    """POST each (url, data) from its own thread and client; both threads meet just before `method_name` of the
    admin form runs, so the two saves reach the database at the same moment."""
    barrier = threading.Barrier(len(posts), timeout=3)
    original = getattr(PublishableAdminForm, method_name)

    def meet_then_run(form, *args):
        try:
            barrier.wait()
        except threading.BrokenBarrierError:
            # SQLite runs write transactions one at a time: the other thread cannot start before this one ends.
            pass
        return original(form, *args)

    monkeypatch.setattr(PublishableAdminForm, method_name, meet_then_run)
    editor = make_editor()
    responses = [None] * len(posts)

    def post(number, url, data):
        try:
            client = Client()
            client.force_login(editor)
            responses[number] = client.post(url, data)
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=(n, url, data)) for n, (url, data) in enumerate(posts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return responses


def test_two_simultaneous_saves_one_wins_the_other_gets_the_conflict_message(client, monkeypatch):
    exercise = make_full_exercise("Prone Leg Lift")
    url = reverse("admin:exercises_exercise_change", args=[exercise.pk])
    client.force_login(make_editor("opener"))
    form = edit_form(client, url)  # both editors opened the same version
    posts = [(url, {**form, "title": "Title of editor A"}), (url, {**form, "title": "Title of editor B"})]

    responses = post_together(monkeypatch, "claim_version", posts)

    assert sorted(response.status_code for response in responses) == [200, 302]
    loser = next(response for response in responses if response.status_code == 200)
    assert "Someone else saved this exercise after you opened it" in loser.content.decode()
    winner_title = posts[[r.status_code for r in responses].index(302)][1]["title"]
    exercise.refresh_from_db()
    assert exercise.title == winner_title
    assert exercise.edit_version == form_version(form) + 2  # claimed once, saved once; the loser left no trace


def form_version(form):
    return int(form["loaded_version"])


def test_two_simultaneous_adds_of_one_slug_give_a_form_error_not_a_crash(client, monkeypatch):
    client.force_login(make_editor("opener"))
    form = fill_new_exercise(edit_form(client, ADD_URL))
    posts = [(ADD_URL, {**form, "title": "First"}), (ADD_URL, {**form, "title": "Second"})]

    responses = post_together(monkeypatch, "wait_for_identity", posts)

    assert sorted(response.status_code for response in responses) == [200, 302]
    loser = next(response for response in responses if response.status_code == 200)
    assert "Exercise with this Language and Slug already exists." in loser.content.decode()
    assert Exercise.objects.filter(slug=form["slug"]).count() == 1
