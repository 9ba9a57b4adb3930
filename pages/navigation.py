"""The site's header menu and footer, built from the top-level pages of the current language.

One query per request (remembered on the request, so the exercise and workout lists can read their
section's introduction from it for free); every public page renders base.html, so this is the one
query every page's budget includes.
"""

from dataclasses import dataclass, field, replace

from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from publisher import dependencies

from .models import Kind, Page

# Our own list pages, always in the menu; a section page at the same address is shown in their place.
OWN_LINKS = [
    ("exercises:list", _("Exercises")),
    ("workouts:list", _("Workouts")),
    ("exercises:muscles", _("Muscles")),
    ("exercises:equipment_index", _("Equipment")),
    ("exercises:difficulties", _("Difficulties")),
]
REQUEST_ATTRIBUTE = "_site_navigation"


@dataclass(frozen=True)
class Link:
    title: str
    url: str
    current: str = ""  # aria-current: "page" on the link's own address, "true" anywhere below it


@dataclass
class Navigation:
    menu: list[Link] = field(default_factory=list)
    footer: list[Link] = field(default_factory=list)
    sections: dict[str, Page] = field(default_factory=dict)  # top-level section pages by URL

    def section_at(self, url: str) -> Page | None:
        """The top-level section page served at `url` (e.g. the exercise list's address), if any."""
        return self.sections.get(url)


def _own_links() -> list[Link]:
    links = []
    for url_name, title in OWN_LINKS:
        try:
            links.append(Link(str(title), reverse(url_name)))
        except NoReverseMatch:  # an app not installed in this configuration
            continue
    return links


def build(language: str) -> Navigation:
    """The menu (sections by weight, then our own lists not already there) and the footer (single pages)."""
    with dependencies.narrowed(dependencies.menu_key(language)):
        public = Page.objects.published()
    top = list(
        public.in_language(language)
        .filter(section="")
        .exclude(path="")
        .exclude(path__contains="/")
        .only("title", "path", "kind", "language", "weight", "description", "body_html")
        .order_by("weight", "title", "id")
    )
    sections = {page.get_absolute_url(): page for page in top if page.kind == Kind.SECTION}
    menu = [Link(page.title, url) for url, page in sections.items()]
    menu += [link for link in _own_links() if link.url not in sections]
    footer = [Link(page.title, page.get_absolute_url()) for page in top if page.kind == Kind.PAGE]
    return Navigation(menu=menu, footer=footer, sections=sections)


def mark_current(links, path) -> list[Link]:
    def current(url):
        return "page" if url == path else "true" if path.startswith(url) else ""

    return [replace(link, current=current(link.url)) for link in links]


def for_request(request) -> Navigation:
    """The navigation of the request's language, built once per request, its current section marked."""
    language = get_language()
    cached = getattr(request, REQUEST_ATTRIBUTE, None)
    if cached is None or cached[0] != language:
        navigation = build(language)
        navigation.menu = mark_current(navigation.menu, request.path)
        cached = (language, navigation)
        setattr(request, REQUEST_ATTRIBUTE, cached)
    return cached[1]
