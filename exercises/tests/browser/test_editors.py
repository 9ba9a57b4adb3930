"""The editors' admin in real Chromium: drag-and-drop order, Markdown preview, revert, the out-of-date
banner, the content-health dashboard and a form that fits a 1366 px screen."""

import pytest
import reversion
from django.urls import reverse

from exercises.models import Exercise, Status
from health.tests.test_health import EXPECTED, build_site_with_known_defects

from ..factories import make_editor, make_full_exercise, restore_editors_group

pytestmark = pytest.mark.browser

PASSWORD = "a long browser passphrase"


@pytest.fixture
def editor_page(make_page, site):
    """A page logged in to the admin as an editor, on a laptop-sized screen."""
    restore_editors_group()  # the live server's database is emptied between tests
    make_editor(password=PASSWORD)
    page, recorder = make_page(viewport={"width": 1366, "height": 768})
    page.goto(reverse("admin:login"))
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/")
    return page, recorder


def change_url(exercise):
    return reverse("admin:exercises_exercise_change", args=[exercise.pk])


def step_texts(page):
    return [page.locator(f"#{row.get_attribute('id')} textarea").input_value() for row in step_rows(page)]


def step_rows(page):
    return page.locator("#steps-group tbody tr.form-row.has_original").all()


def save(page):
    page.locator("input[name=_continue]").first.click()
    page.wait_for_selector(".messagelist .success")


def test_dragging_a_step_reorders_it_and_the_order_is_saved(editor_page):
    page, recorder = editor_page
    exercise = make_full_exercise()  # steps: Lie face down. / Lift one leg. / Lower it slowly.
    page.goto(change_url(exercise))
    last, first = step_rows(page)[2], step_rows(page)[0]
    last.locator(".reorder-handle").drag_to(first, target_position={"x": 200, "y": 5})
    assert step_texts(page) == ["Lower it slowly.", "Lie face down.", "Lift one leg."]
    save(page)
    assert [(s.order, s.text) for s in Exercise.objects.get().steps.all()] == [
        (1, "Lower it slowly."),
        (2, "Lie face down."),
        (3, "Lift one leg."),
    ]
    assert recorder.page_errors == [] and recorder.console_errors == []


def test_steps_move_with_the_keyboard_too(editor_page):
    page, _recorder = editor_page
    exercise = make_full_exercise()
    page.goto(change_url(exercise))
    step_rows(page)[1].locator(".reorder-up").focus()
    page.keyboard.press("Enter")
    # Three steps and the blank one for a new step.
    assert page.locator("#steps-group .reorder-status").inner_text() == "Moved to position 1 of 4."
    save(page)
    assert [s.text for s in Exercise.objects.get().steps.all()] == [
        "Lift one leg.",
        "Lie face down.",
        "Lower it slowly.",
    ]


def test_markdown_preview_renders_the_body_under_the_sites_csp(editor_page):
    page, recorder = editor_page
    exercise = make_full_exercise()
    page.goto(change_url(exercise))
    page.locator("#id_body").fill("## Breathing\n\nExhale **as you lift**.\n\n<script>window.pwned = 1</script>")
    page.get_by_role("button", name="Preview").click()
    preview = page.locator("#id_body_preview")
    assert preview.locator("h2").inner_text() == "Breathing"
    assert preview.locator("strong").inner_text() == "as you lift"
    assert page.evaluate("window.pwned") is None
    page.get_by_role("button", name="Edit", exact=True).click()
    assert page.locator("#id_body").is_visible()
    assert recorder.console_errors == []  # a CSP violation would be reported here


def test_revert_keeps_the_exercise_published(editor_page, client):
    page, _recorder = editor_page
    with reversion.create_revision():
        exercise = make_full_exercise("Old Title", status=Status.DRAFT)
    with reversion.create_revision():
        exercise.title, exercise.status = "New Title", Status.PUBLISHED
        exercise.save()
    page.goto(reverse("admin:exercises_exercise_history", args=[exercise.pk]))
    page.locator("#change-history tbody tr").first.get_by_role("link").click()
    assert "stays as it is now: Published" in page.locator(".editor-note").inner_text()
    page.locator("input[name=_save]").first.click()
    page.wait_for_selector(".messagelist")
    assert "the status is now: Published" in page.locator(".messagelist").inner_text()
    exercise.refresh_from_db()
    assert exercise.title == "Old Title" and exercise.status == Status.PUBLISHED
    assert client.get(exercise.get_absolute_url()).status_code == 200


def test_translation_shows_the_out_of_date_banner_after_its_source_changes(editor_page):
    page, _recorder = editor_page
    original = make_full_exercise()
    copy = original.make_translation("es", "Elevación de pierna", "elevacion-de-pierna")
    page.goto(change_url(copy))
    assert page.locator(".out-of-date-banner").count() == 0
    assert "Original (English), read-only" in page.locator(".source-text summary").inner_text()

    page.goto(change_url(original))
    page.locator("#id_description").fill("Lift one straight leg, slowly, while lying face down.")
    save(page)

    page.goto(change_url(copy))
    banner = page.locator(".out-of-date-banner")
    assert "the original (English) changed" in banner.inner_text()
    assert banner.locator("ins").first.inner_text().strip() == ", slowly,"


def test_dashboard_counts_link_to_the_right_changelist_filters(editor_page):
    page, _recorder = editor_page
    build_site_with_known_defects()
    page.goto(reverse("admin:index"))
    panel = page.locator("#content-health")
    for key, count in EXPECTED.items():
        assert panel.locator(f"tr:has(a[data-health={key}]) td.count").inner_text() == str(count)
    panel.locator("a[data-health=out_of_date]").click()
    page.wait_for_url("**/exercise/?health=out_of_date")
    assert page.locator("#result_list tbody tr").count() == EXPECTED["out_of_date"]
    assert page.locator("#result_list tbody th.field-title").inner_text() == "Ej 4"
    page.go_back()
    panel.locator("a[data-health=shared_video]").click()
    page.wait_for_url("**/exercise/?health=shared_video")
    assert page.locator("#result_list tbody tr").count() == EXPECTED["shared_video"]


@pytest.mark.parametrize("add_view", ["exercises_exercise_add", "workouts_workout_add", "pages_page_add"])
def test_the_add_forms_fit_a_1366_px_screen(editor_page, add_view):
    page, _recorder = editor_page
    page.goto(reverse(f"admin:{add_view}"))
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    # No inline table scrolls sideways inside its box either.
    assert page.evaluate("[...document.querySelectorAll('.tabular')].every(t => t.scrollWidth <= t.clientWidth)")
    first_fieldset = page.locator("fieldset").first
    assert first_fieldset.get_by_label("Status").is_visible()
    assert first_fieldset.locator("#id_publish_at_0").is_visible()  # the publish date, beside the status


def test_a_new_step_moved_to_the_top_survives_deleting_another_new_row(editor_page):
    page, recorder = editor_page
    exercise = make_full_exercise()
    page.goto(change_url(exercise))
    page.get_by_role("button", name="Add another Step").click()  # rows: 3 saved, 1 blank, 1 new
    new_row, blank_row = page.locator("#steps-4"), page.locator("#steps-3")
    new_row.locator("textarea").fill("Breathe in first.")
    for _ in range(4):
        new_row.locator(".reorder-up").click()
    assert step_rows(page)[0].get_attribute("id") == "steps-0"  # saved rows keep their numbers…
    assert page.locator("#steps-group tbody tr.form-row").first.get_attribute("id") == "steps-4"  # …new one on top
    blank_row.locator(".inline-deletelink").click()  # Django renumbers the rows' fields here
    save(page)
    assert [s.text for s in Exercise.objects.get().steps.all()] == [
        "Breathe in first.",
        "Lie face down.",
        "Lift one leg.",
        "Lower it slowly.",
    ]
    assert recorder.page_errors == []


def test_faqs_in_stacked_blocks_reorder_too(editor_page):
    page, _recorder = editor_page
    exercise = make_full_exercise()
    exercise.faqs.create(question="Second question?", answer="Yes.", order=2)
    page.goto(change_url(exercise))
    page.locator("#faqs-1 .reorder-up").click()
    save(page)
    assert [faq.question for faq in Exercise.objects.get().faqs.all()] == ["Second question?", "How many?"]
