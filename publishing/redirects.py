"""Old addresses of every content type, answered with one 301 to where the content lives now.

Each app registers its old-URL model in AppConfig.ready(); this module knows no content type.
"""

from urllib.parse import quote, unquote, urlsplit

from django.conf import settings
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.translation import gettext as _

from exercises.content.tree import normalise_path

_OLD_URL_MODELS = []  # (model, name of its foreign key to the content row)


def register(model, target_field):
    if (model, target_field) not in _OLD_URL_MODELS:
        _OLD_URL_MODELS.append((model, target_field))


def path_variants(path: str) -> set[str]:
    """The spellings an old path may have been stored in: with or without slash, raw or percent-encoded."""
    stripped = path.rstrip("/")
    return {path, stripped, stripped + "/", quote(path), quote(stripped), quote(stripped) + "/"}


def old_url_target(path: str) -> str | None:
    """The current address of the public content an old address belongs to, or None."""
    candidates = path_variants(path)
    for model, target_field in _OLD_URL_MODELS:
        target_model = model._meta.get_field(target_field).related_model
        old = (
            model.objects.filter(path__in=candidates, **{f"{target_field}__in": target_model.objects.published()})
            .select_related(target_field)
            .first()
        )
        if old is not None:
            return getattr(old, target_field).get_absolute_url()
    return None


def address_problem(path: str, owner) -> str | None:
    """Why `path` cannot be an old address of `owner` (a content row), or None when it can: it must be a path
    on this site, not the address some content answers at now, and not another row's old address."""
    parts = urlsplit(path.strip())
    if parts.scheme or parts.netloc or path.strip().startswith("//") or "\\" in path:
        return _("Enter a path on this site such as ‘/old/roll-up/’, not an external address.")
    if parts.query or parts.fragment:
        return _("Enter the path alone, without ‘?’ or ‘#’.")
    path = normalise_path(path)
    if content_at(path) not in (None, owner):
        return _("‘%(path)s’ is the address of another page; an old address must not hide it.") % {"path": path}
    for model, target_field in _OLD_URL_MODELS:
        old = model.objects.filter(path__in=path_variants(path)).select_related(target_field).first()
        if old is not None and getattr(old, target_field) != owner:
            return _("‘%(path)s’ already redirects to “%(other)s”.") % {
                "path": path,
                "other": getattr(old, target_field),
            }
    return None


def content_at(path: str):
    """The content row whose own address is `path` (whatever its status), a placeholder object for an address
    the site's fixed pages answer (home, lists…), or None when nothing lives there."""
    language, match = _resolved(path)
    if match is None:
        return None
    identity = match.kwargs.get("slug") or match.kwargs.get("path")
    if identity is None:
        return match.view_name  # a fixed page: the home page, a list, a taxonomy page
    for model in {model._meta.get_field(field).related_model for model, field in _OLD_URL_MODELS}:
        field = model.identity_field() if hasattr(model, "identity_field") else "slug"
        row = model._default_manager.filter(language=language, **{field: identity.strip("/")}).first()
        if row is not None and unquote(row.get_absolute_url()) == unquote(path):
            return row
    return None


def answering(paths) -> set[str]:
    """The paths among `paths` at which a visitor gets a page (public content, a fixed page such as a list,
    or a redirect from an old address), found with a few queries per content type rather than per path."""
    identities, candidates, answered = {}, [], set()
    for path in set(paths):
        language, match = _resolved(path)
        if match is None:
            continue
        identity = match.kwargs.get("slug") or match.kwargs.get("path")
        if identity is None:
            answered.add(path)  # a fixed page: the home page, a list, a taxonomy page
        else:
            identities.setdefault(language, set()).add(identity.strip("/"))
            candidates.append(path)
    live = set()
    for model in {model._meta.get_field(field).related_model for model, field in _OLD_URL_MODELS}:
        field = model.identity_field() if hasattr(model, "identity_field") else "slug"
        for language, wanted in identities.items():
            for chunk in _chunks(sorted(wanted)):
                rows = model._default_manager.published().filter(language=language, **{f"{field}__in": chunk})
                live.update(unquote(row.get_absolute_url()) for row in rows)
    answered.update(path for path in candidates if unquote(path) in live)
    rest = {variant: path for path in set(paths) - answered for variant in path_variants(path)}
    for model, target_field in _OLD_URL_MODELS:
        target_model = model._meta.get_field(target_field).related_model
        for chunk in _chunks(sorted(rest)):
            found = model.objects.filter(path__in=chunk, **{f"{target_field}__in": target_model.objects.published()})
            answered.update(rest[old] for old in found.values_list("path", flat=True))
    return answered


def _resolved(path):
    language = next(
        (code for code, _name in settings.LANGUAGES if path.startswith(f"/{code}/")), settings.LANGUAGE_CODE
    )
    with translation.override(language):
        try:
            return language, resolve(path)
        except Resolver404:
            return language, None


def _chunks(items, size=500):
    for start in range(0, len(items), size):
        yield items[start : start + size]
