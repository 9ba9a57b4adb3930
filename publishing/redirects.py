"""Old addresses of every content type, answered with one 301 to where the content lives now.

Each app registers its old-URL model in AppConfig.ready(); this module knows no content type.
"""

from urllib.parse import quote

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
