"""Whole-site figures for `make bench`: import a generated Hugo site, then render workout and section pages.

The site (bench/site_content.py) is imported with the import_content command into a fresh database in a
worker process (wall time, peak resident memory); then each page type is rendered in-process the same way
as the exercise pages (bench/inprocess.py's time_pages).
"""

from pathlib import Path

from bench.inprocess import render_cell, setup_django, time_pages, timed
from bench.site_content import ITEMS_PER_WORKOUT, LEARN_SECTIONS

PAGE_LABELS = {
    "workout": f"workout page ({ITEMS_PER_WORKOUT} items)",
    "workout_list": "workouts list",
    "section": f"section page ({LEARN_SECTIONS['en'][0]})",
    "exercise_section": "section page (exercises/mat)",
}


def worker_import(site: str):
    setup_django()
    from django.core.management import call_command

    figures = timed(lambda: call_command("import_content", site, verbosity=0))
    figures.pop("result")
    figures["files"] = sum(1 for _ in Path(site, "content").rglob("*.md"))
    return figures


def pick_paths(language="en"):
    """Workouts with ITEMS_PER_WORKOUT items, the workouts list, and two section pages."""
    from django.db.models import Count
    from django.urls import reverse
    from django.utils import translation

    from pages.models import Page
    from workouts.models import Workout

    workouts = (
        Workout.objects.published()
        .in_language(language)
        .annotate(item_count=Count("items"))
        .filter(item_count=ITEMS_PER_WORKOUT)
        .order_by("?")[:200]
    )
    sections = Page.objects.published().filter(language=language)
    with translation.override(language):
        return {
            "workout": [workout.get_absolute_url() for workout in workouts],
            "workout_list": [reverse("workouts:list")],
            "section": [sections.get(path=LEARN_SECTIONS[language][0]).get_absolute_url()],
            "exercise_section": [sections.get(path="exercises/mat").get_absolute_url()],
        }


def worker_render(requests: str):
    setup_django()
    # Their views are young: a page that does not answer 200 is reported as such rather than stopping the run.
    return time_pages(pick_paths(), int(requests), optional=PAGE_LABELS)


def rows(row, requests: int):
    """The table rows of the site columns; `row(label, cell, target)` as in bench/run.py's table."""
    row(
        "whole site: import_content time",
        lambda c: f"{c['import_site']['seconds']:.1f} s ({c['import_site']['files']:,} files)",
    )
    row("whole site: import peak memory (process RSS)", lambda c: f"{c['import_site']['peak_rss_mb']:.0f} MB")
    for page, label in PAGE_LABELS.items():
        row(
            f"{label}: p50 / p95 · SQL queries",
            lambda c, page=page: render_cell(c["render_site"][page], requests),
            "≤ 8 queries",
        )
