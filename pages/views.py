"""Pages at their old site's addresses, section lists and feeds, and the last word on any other address.

A page costs four queries (content version, the page with its translations, its ancestors, the
navigation); a section page two more (count and one page of children).
"""

import re

from django.conf import settings
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.urls import Resolver404, resolve, reverse
from django.utils import translation
from django.utils.translation import get_language, get_language_from_path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from exercises import jsonld
from exercises.seo import absolute_crumbs, breadcrumbs, page_meta
from exercises.views import not_found_response
from publishing.models import public_translations
from publishing.redirects import old_url_target

from . import feeds, sections
from .models import Kind, Page

MAX_PATH_LENGTH = 500
# Hugo's list pages beyond the first: /learn/page/2/ (the section is /learn/).
HUGO_PAGINATION = re.compile(r"^(?P<base>/(?:.+/)?)page/(?P<number>\d{1,6})/$")


def fetch_public_page(language, path):
    """The public page at (language, path) and its public versions in other languages (one query)."""
    path = path.strip("/")
    if len(path) > MAX_PATH_LENGTH or "\x00" in path:
        return None, []
    page, translations = Page.objects.with_translations(language, path=path)
    if page is None:
        return sections.implicit_section(language, path), []
    return page, translations


@require_safe
def page(request, path):
    found, translations = fetch_public_page(get_language(), path)
    if found is None:
        request.page_lookup_done = True  # the 404 handler need not look again
        raise Http404(_("No page here."))
    return render_page(request, found, translations)


def _workout_builder():
    """workouts.views.builder_response, when the workouts app provides it."""
    from workouts import views as workout_views

    return getattr(workout_views, "builder_response", None)


def render_page(request, page, translations=None, *, preview=False):
    """The page's own template: the workout builder, a section's list, or an article.

    `translations` are its public versions in other languages, looked up when not given; the admin's
    draft preview passes `preview=True`.
    """
    if page.feature == "workout-builder" and (builder := _workout_builder()) is not None:
        return builder(request, page=page)
    if translations is None:
        translations = public_translations(page)
    with translation.override(page.language):
        return _render_in_language(request, page, translations, preview)


def _render_in_language(request, page, translations, preview):
    context = page_context(request, page, translations)
    if preview:
        context["preview"] = context["meta"].noindex = True
    if page.kind == Kind.SECTION:
        results = sections.page_of_children(page, request.GET)
        context.update(results=results, children=results.exercises, list_path=request.path)
        if results.page > 1:
            context["meta"].title = _("%(title)s, page %(page)s") % {"title": page.title, "page": results.page}
            context["meta"].canonical += results.selection.query_string()
        return render(request, "pages/section.html", context)
    return render(request, "pages/page.html", context)


def image_url(request, page):
    """The page's image as an absolute URL; only site paths and http(s) addresses count."""
    if page.image_path.startswith("/") and not page.image_path.startswith("//"):
        return request.build_absolute_uri(page.image_path)
    return page.image_path if page.image_path.startswith(("https://", "http://")) else ""


def article_json_ld(page, url, image):
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": page.title[:110],
        "description": page.description,
        "url": url,
        "inLanguage": page.language,
        "image": image,
        "author": {"@type": "Person", "name": page.author} if page.author else None,
        "datePublished": page.date.isoformat(),
        "dateModified": (page.lastmod or page.date).isoformat(),
    }
    return {key: value for key, value in data.items() if value not in (None, "")}


def is_article(page):
    """A dated page inside a section; top-level pages (about, privacy) get their date on import, not from
    the author, so they show none."""
    return page.kind == Kind.PAGE and bool(page.section) and page.date is not None


def page_context(request, page, translations):
    """What templates/pages/page.html needs: the page, its breadcrumbs, head and structured data."""
    article = is_article(page)
    paths = {page.language: page.get_absolute_url()}
    paths.update({other.language: other.get_absolute_url() for other in translations})
    ancestors = [(above.title, above.get_absolute_url()) for above in Page.objects.ancestors_of(page) if above.path]
    crumbs = breadcrumbs(*ancestors, (page.title, paths[page.language]))
    image = image_url(request, page)
    meta = page_meta(
        request,
        page.title,
        page.description or page.title,
        paths,
        og_type="article" if article else "website",
        image=image,
    )
    meta.canonical = request.build_absolute_uri(paths[page.language])
    json_ld = [jsonld.breadcrumb_list(absolute_crumbs(request, crumbs))]
    if article:
        json_ld.append(article_json_ld(page, meta.canonical, image))
    return {
        "page": page,
        "is_article": article,
        "image_src": page.image_path if image else "",
        "meta": meta,
        "crumbs": crumbs,
        "json_ld": json_ld,
        "feed_url": reverse("pages:section_feed", kwargs={"path": page.path}) if page.kind == Kind.SECTION else "",
    }


@require_safe
def section_feed(request, path):
    """RSS of a section's children at Hugo's <section>/index.xml; a taxonomy term's feed goes to its page."""
    section, _translations = fetch_public_page(get_language(), path)
    if section is None or section.kind != Kind.SECTION:
        listing = request.path.removesuffix("index.xml")
        if _answers(request, get_language(), listing):
            return HttpResponsePermanentRedirect(listing)
        raise Http404(_("No section here."))
    return feeds.SectionFeed()(request, section=section)


def split_language(path_info):
    """(language, path below the language prefix) of a request path; no prefix means the default language."""
    language = get_language_from_path(path_info)
    if language and language != settings.LANGUAGE_CODE:
        return language, path_info[len(language) + 1 :]
    return settings.LANGUAGE_CODE, path_info


def _answers(request, language, path):
    """Whether `path` (with its language prefix) shows something: a public page, or another view's 200."""
    with translation.override(language):
        if fetch_public_page(language, split_language(path)[1])[0] is not None:
            return True
        try:
            match = resolve(path)
        except Resolver404:
            return False
        if match.view_name == "pages:page":
            return False
        try:
            return match.func(request, *match.args, **match.kwargs).status_code == 200
        except Http404:
            return False


def hugo_pagination_target(request, language):
    """Hugo's /<list>/page/<n>/ → /<list>/?page=n, when /<list>/ shows something."""
    match = HUGO_PAGINATION.match(request.path)
    if match is None or not _answers(request, language, match["base"]):
        return None
    number = int(match["number"])
    return match["base"] + (f"?page={number}" if number > 1 else "")


def page_not_found(request, exception=None):
    """handler404: a page another app's pattern shadowed (200), an old address (301), Hugo's pagination
    (301), else the designed 404."""
    language, path = split_language(request.path_info)
    if path.endswith("/") and not getattr(request, "page_lookup_done", False):
        with translation.override(language):
            found, translations = fetch_public_page(language, path)
            if found is not None:
                return render_page(request, found, translations)
    target = old_url_target(request.path)
    if target and target != request.path:
        return HttpResponsePermanentRedirect(target)
    target = hugo_pagination_target(request, language)
    if target:
        return HttpResponsePermanentRedirect(target)
    return not_found_response(request)
