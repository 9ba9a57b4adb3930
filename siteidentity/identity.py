"""What pages show of the site identity, for the current language.

Pages read a snapshot: the identity row, its texts and its links as plain data, kept in the row itself and
rebuilt on every change (signals.py). The page-cache middleware reads it together with the content version,
in the one query every public request already makes, so the identity costs no query of its own; elsewhere
(the admin, the feeds when the middleware did not run) it is one query.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import get_language

from . import colours
from .models import DEFAULT_ACCENT, IDENTITY_PK, Place, SiteIdentity

REQUEST_ATTRIBUTE = "_site_identity_snapshot"
LINK_FIELDS = ("place", "language", "column", "title", "url")


@dataclass(frozen=True)
class Link:
    title: str
    url: str
    current: str = ""  # aria-current


@dataclass(frozen=True)
class Column:
    heading: str
    links: list[Link]


@dataclass
class Identity:
    name: str
    tagline: str = ""
    logo_url: str = ""
    logo_width: int | None = None
    logo_height: int | None = None
    accent: str = DEFAULT_ACCENT
    menu: list[Link] = field(default_factory=list)
    footer: list[Column] = field(default_factory=list)
    social: list[Link] = field(default_factory=list)

    @property
    def accent_dark(self) -> str:
        return colours.darker(self.accent)

    @property
    def custom_accent(self) -> bool:
        return self.accent != DEFAULT_ACCENT


def build_snapshot(identity: SiteIdentity) -> dict:
    """The identity as plain data (what `current` reads back)."""
    return {
        "name": identity.name,
        "logo": identity.logo.url if identity.logo else "",
        "logo_size": [identity.logo_width, identity.logo_height],
        "accent": identity.accent,
        "texts": {text.language: {"name": text.name, "tagline": text.tagline} for text in identity.texts.all()},
        "links": [
            {field: getattr(link, field) for field in LINK_FIELDS}
            for link in identity.links.order_by("place", "order", "id")
        ],
    }


def refresh_snapshot():
    """Rebuild the stored snapshot after a change to the identity, a text or a link."""
    identity = SiteIdentity.objects.filter(pk=IDENTITY_PK).first()
    if identity is not None:
        SiteIdentity.objects.filter(pk=IDENTITY_PK).update(snapshot=build_snapshot(identity))


def remember(request, snapshot):
    """Keep the snapshot read with the content version for this request's templates."""
    setattr(request, REQUEST_ATTRIBUTE, snapshot or {})


def _snapshot_of(request) -> dict:
    if request is not None and hasattr(request, REQUEST_ATTRIBUTE):
        return getattr(request, REQUEST_ATTRIBUTE)
    snapshot = SiteIdentity.objects.filter(pk=IDENTITY_PK).values_list("snapshot", flat=True).first() or {}
    if request is not None:
        remember(request, snapshot)
    return snapshot


def _mark_current(links, path):
    def current(url):
        if url == path:
            return "page"
        return "true" if path and url.startswith("/") and url != "/" and path.startswith(url) else ""

    return [Link(link.title, link.url, current(link.url)) for link in links]


def from_snapshot(snapshot: dict, language: str, path: str = "") -> Identity:
    """The identity in `language`; defaults (settings.SITE_NAME, the house colour) where nothing is set."""
    text = snapshot.get("texts", {}).get(language, {})
    links = [link for link in snapshot.get("links", []) if link["language"] in ("", language)]

    def placed(place):
        return [Link(link["title"], link["url"]) for link in links if link["place"] == place]

    columns: dict[str, list[Link]] = {}
    for link in links:
        if link["place"] == Place.FOOTER:
            columns.setdefault(link["column"], []).append(Link(link["title"], link["url"]))
    width, height = snapshot.get("logo_size") or [None, None]
    return Identity(
        name=text.get("name") or snapshot.get("name") or str(settings.SITE_NAME),
        tagline=text.get("tagline", ""),
        logo_url=snapshot.get("logo", ""),
        logo_width=width,
        logo_height=height,
        accent=snapshot.get("accent") or DEFAULT_ACCENT,
        menu=_mark_current(placed(Place.MENU), path),
        footer=[Column(heading, column_links) for heading, column_links in columns.items()],
        social=placed(Place.SOCIAL),
    )


def remembered(request) -> Identity:
    """The identity as read with the content version for this request, or the defaults: never a query
    (for the server-error page, which must not need the database)."""
    snapshot = getattr(request, REQUEST_ATTRIBUTE, None) or {}
    return from_snapshot(snapshot, get_language() or settings.LANGUAGE_CODE)


def current(request=None) -> Identity:
    """The identity for this request (or, without one, as stored) in the active language."""
    return from_snapshot(_snapshot_of(request), get_language() or settings.LANGUAGE_CODE, getattr(request, "path", ""))
