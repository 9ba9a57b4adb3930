"""Pages at their old site's addresses, and the last word on any other address (old URLs, 404)."""

from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from exercises.views import page_not_found as designed_not_found
from publishing.redirects import old_url_target

from .models import Page


def _public_page(language, path):
    return Page.objects.published().at(language, path.strip("/")).first()


@require_safe
def page(request, path):
    found = _public_page(get_language(), path)
    if found is None:
        raise Http404("No page here.")
    return render_page(request, found)


def render_page(request, page):
    return render(request, "pages/page.html", {"page": page})


def page_not_found(request, exception=None):
    """handler404: a page that another app's address pattern shadowed, else an old address (301), else 404."""
    target = old_url_target(request.path)
    if target and target != request.path:
        return HttpResponsePermanentRedirect(target)
    return designed_not_found(request, exception)
