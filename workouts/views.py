"""Workout pages: the list with facets, one workout, and the workout builder.

Every query for visitors starts from Workout.objects.published(); each page stays within eight SQL
queries whatever the number of workouts or items.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from exercises import jsonld
from exercises.models import Difficulty
from exercises.models import Status as ExerciseStatus
from exercises.seo import absolute_crumbs, absolute_url, breadcrumbs, language_paths, page_meta
from exercises.youtube import parse_video_id, thumbnail_url
from pages.models import Kind as PageKind
from pages.models import Page
from publishing.models import public_translations

from . import builder, filters
from .models import Kind, Workout

SAVE_PERMISSION = "workouts.add_workout"


def public_workouts(language=None):
    return Workout.objects.published().in_language(language or get_language())


def section_intro(language):
    """The published section page at the list's address (e.g. ‘entrenamientos’), if the site has one."""
    with translation.override(language):
        path = str(_("workouts/")).strip("/")
    return Page.objects.published().filter(language=language, kind=PageKind.SECTION, path=path).first()


@require_safe
def workout_list(request):
    language = get_language()
    results = filters.results(public_workouts(language), request.GET)
    intro = section_intro(language)
    title = intro.title if intro else _("Workouts")
    heading = title
    if results.page > 1:
        title = _("%(title)s, page %(page)s") % {"title": title, "page": results.page}
    crumbs = breadcrumbs((_("Workouts"), reverse("workouts:list")))
    context = {
        "results": results,
        "intro": intro,
        "heading": heading,
        "list_path": request.path,
        "meta": page_meta(
            request,
            title,
            (intro and intro.description) or _("Follow-along workouts: filter by duration, difficulty and focus."),
            language_paths("workouts:list"),
            canonical_query=filters.Selection(page=results.page).query_string(),
            noindex=results.selection.is_filtered,
        ),
        "crumbs": crumbs,
        "json_ld": [jsonld.breadcrumb_list(absolute_crumbs(request, crumbs))],
    }
    return render(request, "workouts/list.html", context)


def _exercise_url(exercise, language):
    """The linked exercise's page, if a visitor may see it in this language."""
    now = timezone.now()
    if exercise is None or exercise.language != language:
        return ""
    if exercise.status != ExerciseStatus.PUBLISHED or exercise.publish_at > now:
        return ""
    return exercise.get_absolute_url()


def item_groups(items, language):
    """[(part label, first number, [(item, exercise URL)])], warm-up to cool-down, numbered as one sequence."""
    groups, number = [], 1
    for kind, label in Kind.choices:
        part = [(item, _exercise_url(item.exercise, language)) for item in items if item.kind == kind]
        if part:
            groups.append((label, number, part))
            number += len(part)
    return groups


def related_videos(values):
    """(id, watch URL) for each related video that is a valid YouTube id or address."""
    videos = []
    for value in values if isinstance(values, list) else []:
        try:
            video_id = parse_video_id(str(value))
        except ValueError:
            continue
        videos.append((video_id, f"https://www.youtube.com/watch?v={video_id}"))
    return videos


@require_safe
def workout_detail(request, slug):
    workout = public_workouts(get_language()).with_items().filter(slug=slug).first()
    if workout is None:
        raise Http404(_("No workout here."))
    return render(request, "workouts/detail.html", detail_context(request, workout))


def detail_context(request, workout):
    """The detail template's context for a workout fetched `with_items()`; the admin's draft preview uses it too."""
    language = workout.language
    translations = public_translations(workout)
    items = list(workout.items.all())
    paths = {
        language: workout.get_absolute_url(),
        **{other.language: other.get_absolute_url() for other in translations},
    }
    crumbs = breadcrumbs((_("Workouts"), reverse("workouts:list")), (workout.title, paths[language]))
    thumbnail = thumbnail_url(workout.video_id)
    context = {
        "workout": workout,
        "groups": item_groups(items, language),
        "total_seconds": sum(item.duration or 0 for item in items) or workout.duration,
        "videos": related_videos(workout.related_videos),
        "thumbnail": thumbnail,
        "translations": [(other, capfirst(get_language_info(other.language)["name_local"])) for other in translations],
        "meta": page_meta(
            request,
            workout.title,
            workout.description or workout.title,
            paths,
            nearest="workouts:list",
            og_type="article",
            image=thumbnail,
        ),
        "crumbs": crumbs,
    }
    video = jsonld.video_object(
        workout, thumbnail, url=absolute_url(paths[language]), duration=context["total_seconds"]
    )
    context["json_ld"] = [data for data in (video, jsonld.breadcrumb_list(absolute_crumbs(request, crumbs))) if data]
    return context


def can_save_drafts(request):
    # Only with a session cookie: reading request.user otherwise would add `Vary: Cookie` to a public page.
    return settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.has_perm(SAVE_PERMISSION)


def builder_response(request, page=None):
    """The builder for this GET request; pages.views calls it for a Page whose layout is ‘workout-builder’."""
    language = get_language()
    routine = builder.build(language, request.GET)
    title = page.title if page else _("Workout builder")
    if page:
        translations = public_translations(page)
        paths = {language: request.path, **{other.language: other.get_absolute_url() for other in translations}}
        crumbs = breadcrumbs((title, request.path))
    else:
        paths = language_paths("workouts:builder")
        crumbs = breadcrumbs((_("Workouts"), reverse("workouts:list")), (title, request.path))
    description = (page and page.description) or _(
        "Pick a time, your equipment and level: get a warm-up, a main set and a cool-down from the exercise library."
    )
    context = {
        "page": page,
        "title": title,
        "description": description,
        "routine": routine,
        "groups": item_groups(routine.items, language),
        "minutes": builder.MINUTES,
        "levels": Difficulty.choices,
        "any": builder.ANY,
        "none": builder.NONE,
        "form_path": request.path,
        "can_save": can_save_drafts(request),
        "meta": page_meta(request, title, description, paths, noindex=bool(request.GET)),
        "crumbs": crumbs,
        "json_ld": [jsonld.breadcrumb_list(absolute_crumbs(request, crumbs))],
    }
    return render(request, "workouts/builder.html", context)


def admin_change_url(workout):
    try:
        return reverse("admin:workouts_workout_change", args=[workout.pk])
    except NoReverseMatch:  # the workout admin is not registered on this site
        return reverse("admin:index")


@require_http_methods(["GET", "HEAD", "POST"])
def workout_builder(request):
    if request.method != "POST":
        return builder_response(request)
    if not (request.user.is_authenticated and request.user.is_staff and request.user.has_perm(SAVE_PERMISSION)):
        raise PermissionDenied(_("Only editors can save workouts."))
    routine = builder.build(get_language(), request.POST)
    if not routine.items:
        return HttpResponseRedirect(request.path + routine.choices.query_string())
    workout = builder.save_draft(routine, get_language(), author=request.user.get_full_name())
    return HttpResponseRedirect(admin_change_url(workout))
