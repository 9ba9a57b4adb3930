"""Every address the old Hugo site published answers: 200, or one 301 to a page that answers 200."""

from io import StringIO

import pytest
from django.core.management import call_command

from exercises.models import Exercise
from hugo.urls import published_urls
from pages.models import Page
from workouts.models import Workout

from .sites import write_site

pytestmark = pytest.mark.django_db


def crawl(client, urls):
    """{url: problem} for every URL that is not 200 or a single 301 to a 200."""
    problems = {}
    for url in urls:
        response = client.get(url)
        if response.status_code in (301, 302):
            target = client.get(response["Location"])
            if target.status_code != 200:
                problems[url] = f"{response.status_code} → {response['Location']} → {target.status_code}"
        elif response.status_code != 200:
            problems[url] = response.status_code
    return problems


def test_every_old_url_answers_after_a_whole_site_import(client, tmp_path):
    site = write_site(tmp_path / "site")
    call_command("import_content", str(site), stdout=StringIO())
    urls = published_urls([site])
    assert len(urls) > 40
    assert crawl(client, urls) == {}


def test_every_old_url_still_answers_after_export_and_import_into_an_empty_database(client, tmp_path):
    site = write_site(tmp_path / "site")
    call_command("import_content", str(site), stdout=StringIO())
    call_command("export_content", str(tmp_path / "out"), stdout=StringIO())
    for model in (Workout, Page, Exercise):
        model.objects.all().delete()
    call_command("import_content", str(tmp_path / "out"), stdout=StringIO())
    assert crawl(client, published_urls([site])) == {}


def test_the_generator_page_is_our_workout_builder_without_the_old_script(client, tmp_path):
    site = write_site(tmp_path / "site")
    call_command("import_content", str(site), stdout=StringIO())
    response = client.get("/generator/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<script>window.__xss" not in html and "onsubmit" not in html
    assert 'name="duration"' in html  # the builder's own GET form
