from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from exercises.tests.factories import make_editor
from pages.models import Page
from publishing.models import Status
from publishing.testing import admin_form

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:pages_page_add")
CHANGELIST_URL = reverse("admin:pages_page_changelist")


def make_page(title="Roll-Up", path="learn/roll-up", **fields):
    fields.setdefault("language", "en")
    fields.setdefault("status", Status.PUBLISHED)
    fields.setdefault("publish_at", timezone.now() - timedelta(days=1))
    return Page.objects.create(title=title, path=path, body="Curl up slowly.", **fields)


def change_url(page):
    return reverse("admin:pages_page_change", args=[page.pk])


@pytest.fixture
def editor_client(client):
    client.force_login(make_editor())
    return client


def new_page_form(client, **changes):
    data = admin_form(client, ADD_URL, "page_form")
    data.update({"title": "Roll-Up", "path": "learn/fundamentals/roll-up", "language": "en", "body": "## Why\n\nCore."})
    data.update(changes)
    return data


def test_editors_group_has_page_permissions():
    codenames = set(Group.objects.get(name="Editors").permissions.values_list("codename", flat=True))
    assert {"add_page", "change_page", "delete_page", "view_page", "delete_pageoldurl"} <= codenames


def test_editor_adds_a_page_and_its_section_comes_from_the_path(editor_client):
    response = editor_client.post(ADD_URL, new_page_form(editor_client, layout="generator"))
    assert response.status_code == 302, response.content.decode()[:3000]
    page = Page.objects.get()
    assert page.section == "learn/fundamentals"
    assert page.layout == "generator" and page.feature == "workout-builder"
    assert page.status == Status.DRAFT and "<h2>Why</h2>" in page.body_html
    assert page.translation_key == "learn/fundamentals/roll-up"


def test_layout_choices_keep_an_existing_unknown_layout(editor_client):
    page = make_page(layout="old-gallery")
    html = editor_client.get(change_url(page)).content.decode()
    assert '<option value="old-gallery" selected>' in html and '<option value="workout-builder">' in html


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/learn/roll-up", "without a slash at the start or end"),
        ("learn/roll-up/", "without a slash at the start or end"),
        ("learn//roll-up", "has an empty part"),
        ("learn/../admin", "may not contain"),
        ("admin/roll-up", "belong to the site itself"),
        ("static/site.css", "belong to the site itself"),
        ("media", "belong to the site itself"),
    ],
)
def test_invalid_path_is_refused_with_a_message(editor_client, path, message):
    response = editor_client.post(ADD_URL, new_page_form(editor_client, path=path))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Page.objects.exists()


def test_path_is_unique_per_language(editor_client):
    make_page(path="learn/fundamentals/roll-up")
    response = editor_client.post(ADD_URL, new_page_form(editor_client))
    assert response.status_code == 200
    assert "Page with this Language and Path already exists" in response.content.decode()
    assert editor_client.post(ADD_URL, new_page_form(editor_client, language="es")).status_code == 302


def test_extra_front_matter_with_a_core_key_is_refused(editor_client):
    data = new_page_form(editor_client, extra='{"subtitle": "Easy", "Layout": "x", "translationKey": "y"}')
    response = editor_client.post(ADD_URL, data)
    assert response.status_code == 200
    assert (
        "These keys have their own fields on this form; set them there and remove them here: Layout, translationKey."
        in (response.content.decode())
    )
    assert not Page.objects.exists()


def test_extra_front_matter_with_other_keys_is_kept(editor_client):
    assert editor_client.post(ADD_URL, new_page_form(editor_client, extra='{"subtitle": "Easy"}')).status_code == 302
    assert Page.objects.get().extra == {"subtitle": "Easy"}


def test_changelist_filters_by_kind_and_searches_paths(editor_client):
    make_page("Learn", path="learn", kind="section")
    make_page("Roll-Up", path="learn/roll-up")
    sections = editor_client.get(CHANGELIST_URL, {"kind__exact": "section"}).content.decode()
    assert ">Learn<" in sections and ">Roll-Up<" not in sections
    found = editor_client.get(CHANGELIST_URL, {"q": "roll-up"}).content.decode()
    assert ">Roll-Up<" in found and ">Learn<" not in found


def test_publish_and_unpublish_actions(editor_client):
    draft = make_page(status=Status.DRAFT)
    response = editor_client.post(CHANGELIST_URL, {"action": "publish", "_selected_action": [draft.pk]}, follow=True)
    assert "1 page published." in response.content.decode()
    assert "Publish selected pages" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED and draft.date is not None
    assert editor_client.get(draft.get_absolute_url()).status_code == 200
    editor_client.post(CHANGELIST_URL, {"action": "unpublish", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_view_on_site_points_drafts_to_the_staff_preview(editor_client):
    draft = make_page(status=Status.DRAFT)
    public = make_page("About", path="about")
    assert reverse("admin:pages_page_preview", args=[draft.pk]) in editor_client.get(change_url(draft)).content.decode()
    assert f'href="{public.get_absolute_url()}"' in editor_client.get(change_url(public)).content.decode()


def test_draft_preview_is_for_staff_only(client, editor_client):
    draft = make_page("Secret Draft", status=Status.DRAFT)
    preview_url = reverse("admin:pages_page_preview", args=[draft.pk])
    response = editor_client.get(preview_url)
    assert response.status_code == 200 and "Secret Draft" in response.content.decode()
    client.logout()
    response = client.get(preview_url)
    assert response.status_code == 302 and reverse("admin:login") in response["Location"]
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_add_translation_makes_a_linked_draft_at_a_free_path(editor_client):
    original = make_page(path="about", translation_key="about")
    make_page("Otra", path="about", language="es", translation_key="other")
    translate_url = reverse("admin:pages_page_translate", args=[original.pk])
    response = editor_client.post(translate_url, admin_form(editor_client, translate_url, "translate_form"))
    copy = Page.objects.get(language="es", translation_key="about")
    assert response.status_code == 302 and response["Location"] == change_url(copy)
    assert copy.path == "about-2" and copy.status == Status.DRAFT and copy.title == original.title
    assert list(original.translations()) == [copy]


def test_stale_save_is_refused(editor_client):
    page = make_page()
    data = admin_form(editor_client, change_url(page), "page_form")
    Page.objects.get(pk=page.pk).save()  # someone else saves first
    data["title"] = "Mine"
    response = editor_client.post(change_url(page), data)
    assert response.status_code == 200
    assert "Someone else saved this page after you opened it" in response.content.decode()
    page.refresh_from_db()
    assert page.title == "Roll-Up"


def test_page_form_refuses_dates_outside_the_importers_range(editor_client):
    data = new_page_form(editor_client, publish_at_0="9999-12-31", publish_at_1="22:00:00")
    response = editor_client.post(ADD_URL, data)
    assert response.status_code == 200
    assert "Enter a date between 1900-01-01 and 9000-12-31 (UTC)." in response.content.decode()
    assert not Page.objects.exists()


def test_page_form_refuses_extra_json_nested_too_deep(editor_client):
    response = editor_client.post(ADD_URL, new_page_form(editor_client, extra="[" * 30 + "]" * 30))
    assert response.status_code == 200
    assert "nest at most" in response.content.decode()
    assert not Page.objects.exists()
