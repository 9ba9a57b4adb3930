"""/sitemap.xml: every public exercise and landing page in every language, with hreflang alternates.

Built by hand rather than with django.contrib.sitemaps' i18n mode, which assumes every item exists in
every language; here an exercise exists only in the languages it was written in.
"""

from collections import defaultdict

from django.conf import settings
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_safe

from .models import Difficulty, Equipment, Exercise, Muscle
from .seo import absolute_url

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def _localised(url_name, kwargs, languages):
    paths = {}
    for code in LANGUAGE_CODES:
        if code in languages:
            with translation.override(code):
                paths[code] = reverse(url_name, kwargs=kwargs)
    return paths


def _entries_for(paths, lastmod=None):
    """One sitemap entry per language version, each listing all versions (and x-default)."""
    alternates = [{"lang_code": code, "location": path} for code, path in paths.items()]
    if len(alternates) > 1 and settings.LANGUAGE_CODE in paths:
        alternates.append({"lang_code": "x-default", "location": paths[settings.LANGUAGE_CODE]})
    return [
        {"location": path, "lastmod": lastmod, "alternates": alternates if len(paths) > 1 else []}
        for path in paths.values()
    ]


def entries():
    """Sitemap entries with site-relative locations: four queries."""
    published = Exercise.objects.published()
    result = []
    for url_name in ("exercises:home", "exercises:list", "exercises:muscles", "exercises:equipment_index"):
        result += _entries_for(_localised(url_name, None, LANGUAGE_CODES))
    result += _entries_for(_localised("exercises:difficulties", None, LANGUAGE_CODES))

    levels = defaultdict(set)
    for level, language in published.order_by().values_list("difficulty", "language").distinct():
        levels[level].add(language)
    for level in Difficulty.values:
        if levels[level]:
            result += _entries_for(_localised("exercises:difficulty", {"level": level}, levels[level]))

    for term_model in (Muscle, Equipment):
        concepts = defaultdict(dict)
        for term in term_model.objects.with_public_exercises().order_by("concept_id", "language"):
            concepts[term.concept_id][term.language] = term.get_absolute_url()
        for paths in concepts.values():
            result += _entries_for({code: paths[code] for code in LANGUAGE_CODES if code in paths})

    versions = defaultdict(dict)
    exercises = published.order_by("translation_key", "language").only(
        "slug", "language", "translation_key", "lastmod", "date"
    )
    for exercise in exercises:
        versions[exercise.translation_key][exercise.language] = exercise
    for group in versions.values():
        paths = {code: group[code].get_absolute_url() for code in LANGUAGE_CODES if code in group}
        alternates = _entries_for(paths)
        for entry, code in zip(alternates, paths, strict=True):
            # None (no <lastmod>) for a file that gave no date: its import time is not a change of the page.
            entry["lastmod"] = group[code].lastmod or group[code].date
        result += alternates
    return result


@require_safe
def sitemap(request):
    urlset = []
    for entry in entries():
        urlset.append(
            {
                **entry,
                "location": absolute_url(entry["location"]),
                "alternates": [{**alt, "location": absolute_url(alt["location"])} for alt in entry["alternates"]],
            }
        )
    return render(request, "sitemap.xml", {"urlset": urlset}, content_type="application/xml")
