"""What a page's <head> says about it: title, description, canonical URL, language versions, breadcrumbs."""

from dataclasses import dataclass, field
from urllib.parse import urljoin

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import iri_to_uri
from django.utils.text import capfirst
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext as _

OG_LOCALES = {"en": "en_US", "es": "es_ES"}


@dataclass
class PageMeta:
    """What the <head> says about a page: title, description, canonical URL and language versions."""

    title: str
    description: str
    canonical: str
    alternates: list = field(default_factory=list)  # (language code, absolute URL)
    switcher: list = field(default_factory=list)  # (language code, name, path, is current)
    x_default: str = ""
    noindex: bool = False
    og_type: str = "website"
    image: str = ""

    @property
    def head_title(self):
        site = _("Exercise Library")
        return self.title if self.title == site else f"{self.title} · {site}"

    @property
    def og_locale(self):
        return OG_LOCALES.get(get_language(), get_language())


def absolute_url(path: str) -> str:
    """`path` on the configured origin (SITE_URL): never the request's Host header, which a visitor controls."""
    return urljoin(settings.SITE_URL + "/", iri_to_uri(path))


def language_paths(url_name, kwargs=None, languages=None):
    """{language: path} of a named page in each language (all site languages unless `languages`)."""
    paths = {}
    for code, _name in settings.LANGUAGES:
        if languages is None or code in languages:
            with translation.override(code):
                paths[code] = reverse(url_name, kwargs=kwargs)
    return paths


def page_meta(request, title, description, paths, *, canonical_query="", switch=None, nearest="", **extra):
    """Build PageMeta; `paths` maps language codes to the paths of this page's language versions.

    The language switch leads to `switch[code]` when given (the same filtered list, say), else to the page's
    version in that language, else to the nearest page that language has (`nearest`, a URL name; home).
    """
    current = get_language()
    alternates = [(code, absolute_url(path)) for code, path in paths.items()]
    switch = {**paths, **(switch or {})}
    switcher = []
    for code, _name in settings.LANGUAGES:
        if code in switch:
            path = switch[code]
        else:
            with translation.override(code):
                path = reverse(nearest or "exercises:home")
        switcher.append((code, capfirst(get_language_info(code)["name_local"]), path, code == current))
    default = paths.get(settings.LANGUAGE_CODE)
    return PageMeta(
        title=str(title),
        description=str(description)[:300],
        canonical=absolute_url(request.path) + canonical_query,
        alternates=alternates if len(alternates) > 1 else [],
        switcher=switcher,
        x_default=absolute_url(default) if default and len(alternates) > 1 else "",
        **extra,
    )


def breadcrumbs(*crumbs):
    """Home first, then (name, path) pairs."""
    return [(_("Home"), reverse("exercises:home")), *crumbs]


def absolute_crumbs(request, crumbs):
    return [(name, absolute_url(path)) for name, path in crumbs]
