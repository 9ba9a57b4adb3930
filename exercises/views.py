"""The public site: home, list, detail, landing pages, sitemap, robots.txt and the error pages.

Every query for visitors starts from Exercise.objects.published(); each page stays within eight
SQL queries whatever the amount of content. The exercise page's context is built in detail.py.
"""

from django.http import (
    Http404,
    HttpResponse,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
    HttpResponseServerError,
)
from django.shortcuts import render
from django.template import loader
from django.templatetags.static import static
from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from publishing.redirects import old_url_target
from siteidentity import identity

from . import bodymap, caching, detail, filters, jsonld, suggestions
from .models import Difficulty, Equipment, Exercise, Muscle, TaggedEquipment
from .seo import PageMeta, absolute_crumbs, absolute_url, breadcrumbs, language_paths, page_meta
from .taxonomy import Taxonomy, kind_of

HOME_NEWEST = 6
HOME_FEATURED = 6


def public_exercises(language=None):
    return Exercise.objects.published().in_language(language or get_language())


def difficulty_counts(queryset):
    """[(level, label, count)] of the difficulties in use, easiest first."""
    counts = filters.difficulty_counts(queryset)
    return [(level, label, counts[level]) for level, label in Difficulty.choices if counts.get(level)]


@require_safe
def home(request):
    public = public_exercises()
    site = identity.current(request)
    muscles = bodymap.muscle_counts(public)
    featured = list(public.featured().with_body_map()[:HOME_FEATURED])
    context = {
        "muscles": [(slug, name, count) for slug, name, count, _region in muscles],
        # Ways in by body area: the same clickable map as /muscles/.
        "map_links": muscle_map_links(muscles),
        "featured": featured,
        # Not twice on one page: a featured exercise is not repeated among the newest.
        "newest": list(
            public.exclude(pk__in=[e.pk for e in featured])
            .order_by(*filters.SORTS["newest"])
            .with_body_map()[:HOME_NEWEST]
        ),
        "difficulties": difficulty_counts(public),
        "equipment": filters.tag_counts(TaggedEquipment, public),
        "meta": page_meta(
            request,
            site.name,
            site.tagline
            or _("Free step-by-step exercises with videos: filter by muscle, equipment, difficulty and time."),
            language_paths("exercises:home"),
        ),
    }
    context["json_ld"] = [
        {
            "@context": "https://schema.org",
            "@type": "WebSite",
            "name": site.name,
            "url": absolute_url(reverse("exercises:home")),
            "inLanguage": get_language(),
        }
    ]
    return render(request, "exercises/home.html", context)


def sort_options(selection):
    """(value, label, selected) for the sort menu; "best match" is offered only with a search."""
    options = [("", _("Best match"), not selection.sort)] if selection.q else []
    default = "" if selection.q else "newest"
    options += [
        (value, str(label), selection.sort == value or (not selection.sort and value == default))
        for value, label in filters.SORT_LABELS.items()
    ]
    return options


@require_safe
def exercise_list(request):
    results = filters.results(public_exercises(), request.GET, get_language())
    selection = results.selection
    if not filters.page_is_canonical(request.GET, results):
        return HttpResponseRedirect(request.path + selection.query_string())
    title = _("Exercises")
    if results.page > 1:
        title = _("Exercises, page %(page)s") % {"page": results.page}
    context = {
        "results": results,
        "sort_options": sort_options(selection),
        "list_path": request.path,
        "meta": page_meta(
            request,
            title,
            _("Browse every exercise; filter by muscle, equipment, difficulty and duration, or search."),
            language_paths("exercises:list"),
            canonical_query="" if selection.is_filtered else filters.Selection(page=results.page).query_string(),
            switch=switch_to_same_filters(results) if selection.is_filtered or selection.sort else None,
            noindex=selection.is_filtered or bool(selection.sort),
        ),
        "crumbs": breadcrumbs((_("Exercises"), reverse("exercises:list"))),
    }
    context["json_ld"] = [jsonld.breadcrumb_list(absolute_crumbs(request, context["crumbs"]))]
    if selection.q and not results.total:
        context.update(suggestions.context(selection.q, get_language()))
    return caching.cached_as(render(request, "exercises/list.html", context), selection)


def switch_to_same_filters(results):
    """{language: the exercise list in that language with the same filters}, for the language switch."""
    current = get_language()
    return {
        code: path + filters.translated(results, code).query_string()
        for code, path in language_paths("exercises:list").items()
        if code != current
    }


def fetch_public_exercise(language, slug):
    """The public exercise with this slug and its public versions in other languages (one query)."""
    exercise, translations = Exercise.objects.with_translations(language, slug=slug)
    if exercise is None:
        raise Http404(_("No exercise here."))
    return exercise, translations


@require_safe
def exercise_detail(request, slug):
    exercise, translations = fetch_public_exercise(get_language(), slug)
    return render(request, "exercises/detail.html", detail.detail_context(request, exercise, translations))


def _landing(request, *, queryset, paths, title, description, index, filter_query, **extra):
    """A filtered list with its own title; `paths` are its addresses in the languages that have exercises here.

    `index` is (title, URL name) of the index page above it: the breadcrumb, and where the language switch
    leads in a language without this page.
    """
    index_title, index_url_name = index
    if get_language() not in paths:
        raise Http404(_("No exercises here in this language."))
    results = filters.page_results(queryset, request.GET)
    if not filters.page_is_canonical(request.GET, results):
        return HttpResponseRedirect(request.path + results.selection.query_string())
    crumbs = breadcrumbs((index_title, reverse(index_url_name)), (title, paths[get_language()]))
    context = {
        "results": results,
        "list_path": request.path,
        "heading": title,
        "intro": description,
        "filter_query": filter_query,
        "meta": page_meta(
            request,
            title if results.page == 1 else _("%(title)s, page %(page)s") % {"title": title, "page": results.page},
            description,
            paths,
            canonical_query=results.selection.query_string(),
            nearest=index_url_name,
        ),
        "crumbs": crumbs,
        "json_ld": [jsonld.breadcrumb_list(absolute_crumbs(request, crumbs))],
        **extra,
    }
    return caching.cached_as(render(request, "exercises/landing.html", context), results.selection)


def _tag_landing(request, tag_model, link_field, slug, index_url_name, index_title, texts):
    """A muscle's or equipment's page in the current language; an old or other spelling redirects to it."""
    tag = tag_model.objects.select_related("concept").filter(language=get_language(), slug=slug).first()
    if tag is None:
        return _moved_tag(tag_model, slug)
    title, description = texts(tag.name)
    # A muscle's page shows where the muscle is.
    extra = {"body_map": bodymap.term_figure(tag)} if tag_model is Muscle else {}
    return _landing(
        request,
        queryset=Exercise.objects.published().filter(**{link_field: tag}),
        paths=term_paths(tag_model.objects.with_public_exercises(tag.concept_id)),
        title=title,
        description=description,
        index=(index_title, index_url_name),
        filter_query=filters.Selection(**{link_field: (tag.slug,)}).query_string(),
        **extra,
    )


def term_paths(terms):
    return {term.language: term.get_absolute_url() for term in terms}


def _moved_tag(tag_model, slug):
    """301 to the term a spelling means in this language (an old Hugo term URL, a merged tag); else 404."""
    term = Taxonomy(kind_of(tag_model)).lookup(slug, get_language())
    if term is None or term.slug == slug:
        raise Http404(_("No such tag."))
    return HttpResponsePermanentRedirect(term.get_absolute_url())


@require_safe
def muscle(request, slug):
    return _tag_landing(
        request,
        Muscle,
        "muscles",
        slug,
        "exercises:muscles",
        _("Muscles"),
        lambda name: (
            _("Exercises for the %(muscle)s") % {"muscle": name},
            _("Exercises that work the %(muscle)s, with steps, videos and easier and harder versions.")
            % {"muscle": name},
        ),
    )


@require_safe
def equipment(request, slug):
    return _tag_landing(
        request,
        Equipment,
        "equipment",
        slug,
        "exercises:equipment_index",
        _("Equipment"),
        lambda name: (
            _("Exercises with %(equipment)s") % {"equipment": name},
            _("Exercises you can do with %(equipment)s, with steps, videos and easier and harder versions.")
            % {"equipment": name},
        ),
    )


@require_safe
def difficulty(request, level):
    if level not in Difficulty.values:
        raise Http404(_("No such difficulty."))
    label = Difficulty(level).label
    graded = Exercise.objects.published().filter(difficulty=level)
    languages = set(graded.order_by().values_list("language", flat=True).distinct())
    return _landing(
        request,
        queryset=graded.in_language(get_language()),
        paths=language_paths("exercises:difficulty", {"level": level}, languages),
        title=_("%(difficulty)s exercises") % {"difficulty": label},
        description=_("Exercises at %(difficulty)s level, with steps, videos and easier and harder versions.")
        % {"difficulty": str(label).lower()},
        index=(_("Difficulties"), "exercises:difficulties"),
        filter_query=filters.Selection(difficulties=(level,)).query_string(),
    )


def _index(request, *, title, description, url_name, items, item_url_name, **extra):
    crumbs = breadcrumbs((title, reverse(url_name)))
    context = {
        **extra,
        "heading": title,
        "intro": description,
        "items": [(name, reverse(item_url_name, kwargs=kwargs), count) for name, kwargs, count in items],
        "meta": page_meta(request, title, description, language_paths(url_name)),
        "crumbs": crumbs,
        "json_ld": [jsonld.breadcrumb_list(absolute_crumbs(request, crumbs))],
    }
    return render(request, "exercises/index.html", context)


def _tag_index(request, link_model, *, title, description, url_name, item_url_name):
    counts = filters.tag_counts(link_model, public_exercises())
    items = [(name, {"slug": slug}, count) for slug, name, count in counts]
    return _index(
        request, title=title, description=description, url_name=url_name, items=items, item_url_name=item_url_name
    )


def muscle_map_links(counts):
    """The clickable body map's links, each region to its muscle's page (home and /muscles/)."""
    return bodymap.region_links(counts, lambda slug: reverse("exercises:muscle", kwargs={"slug": slug}))


@require_safe
def muscle_index(request):
    """The muscles of this language's exercises, as a list and as a body map linking each region to one."""
    counts = bodymap.muscle_counts(public_exercises())
    return _index(
        request,
        title=_("Muscles"),
        description=_("Find exercises by the muscle they work."),
        url_name="exercises:muscles",
        items=[(name, {"slug": slug}, count) for slug, name, count, _region in counts],
        item_url_name="exercises:muscle",
        map_links=muscle_map_links(counts),
    )


@require_safe
def equipment_index(request):
    return _tag_index(
        request,
        TaggedEquipment,
        title=_("Equipment"),
        description=_("Find exercises by the equipment they need."),
        url_name="exercises:equipment_index",
        item_url_name="exercises:equipment",
    )


@require_safe
def difficulty_index(request):
    return _index(
        request,
        title=_("Difficulties"),
        description=_("Find exercises for your level, from beginner to advanced."),
        url_name="exercises:difficulties",
        items=[(label, {"level": level}, count) for level, label, count in difficulty_counts(public_exercises())],
        item_url_name="exercises:difficulty",
    )


@require_safe
def robots_txt(request):
    sitemap = absolute_url(reverse("sitemap"))
    return HttpResponse(f"User-agent: *\nAllow: /\n\nSitemap: {sitemap}\n", content_type="text/plain; charset=utf-8")


def page_not_found(request, exception=None):
    """handler404: redirect recorded old addresses (301), otherwise the designed 404 page."""
    target = old_url_target(request.path)
    if target and target != request.path:
        return HttpResponsePermanentRedirect(target)
    return not_found_response(request)


def not_found_response(request):
    """The designed 404 page, for handlers that have already tried everything else."""
    try:
        home_path = reverse("exercises:home")
    except NoReverseMatch:
        home_path = "/"
    context = {
        "meta": PageMeta(
            title=_("Page not found"),
            description="",
            canonical="",
            noindex=True,
            site_name=identity.current(request).name,
        ),
        "home_path": home_path,
    }
    return render(request, "404.html", context, status=404)


def server_error(request):
    """handler500: a static page that needs neither the database nor the request context."""
    context = {
        "stylesheet": static("css/site.css"),
        "language": get_language(),
        "home_path": reverse("exercises:home"),
        "site_name": identity.remembered(request).name,
    }
    html = loader.render_to_string("500.html", context)
    return HttpResponseServerError(html)
