"""What a page shows, recorded while it renders, so an edit re-renders exactly the pages that showed it.

Two kinds of key:

- a row key, ``exercises.exercise:12``: every content row built while the page renders (post_init), and the
  rows a section lists from plain values (``record_row``). An edit of that row's text re-renders the page.
- a set key, ``set:exercises.exercise``: the page ran a ``published()`` query of that type, so a row
  joining or leaving the public set (published, unpublished, created, deleted, re-tagged, moved)
  may change what it lists. Lookups that cannot gain members that way record a narrower key instead
  (``narrowed``): a detail page's translations, its related exercises by tag, the site menu.

Outside a recording (every ordinary request) each hook is one context-variable read.
"""

from contextlib import contextmanager
from contextvars import ContextVar

_keys: ContextVar[set | None] = ContextVar("publisher_keys", default=None)
_narrowed: ContextVar[bool] = ContextVar("publisher_narrowed", default=False)


# Keys naming a set of rows rather than one row.
SET_KEY_PREFIXES = ("set:", "translations:", "related:", "menu:", "own:")


def row_key(model, pk) -> str:
    return f"{model._meta.label_lower}:{pk}"


def own_page_key(model, pk) -> str:
    """Recorded by a row's own page (its detail page): re-rendered first when the row changes."""
    return own_key(row_key(model, pk))


def own_key(key: str) -> str:
    return "own:" + key


def set_key(model) -> str:
    return f"set:{model._meta.label_lower}"


def translations_key(model, translation_key) -> str:
    return f"translations:{model._meta.label_lower}:{translation_key}"


def related_key(language, tag_model, tag_pk) -> str:
    return f"related:{language}:{tag_model._meta.label_lower}:{tag_pk}"


def menu_key(language) -> str:
    return f"menu:{language}"


@contextmanager
def recording():
    """Collect the keys of everything rendered inside the block into the yielded set."""
    keys = set()
    token = _keys.set(keys)
    try:
        yield keys
    finally:
        _keys.reset(token)


def record(key: str):
    keys = _keys.get()
    if keys is not None:
        keys.add(key)


def record_row(model, pk):
    if _keys.get() is not None:
        record(row_key(model, pk))


def record_public_set(model):
    """Called by every published() query: the page lists that type, unless the lookup is narrowed."""
    if _keys.get() is not None and not _narrowed.get():
        record(set_key(model))


@contextmanager
def narrowed(*keys: str):
    """Inside the block, published() queries record `keys` instead of their whole type's set key."""
    for key in keys:
        record(key)
    token = _narrowed.set(True)
    try:
        yield
    finally:
        _narrowed.reset(token)


def record_instance(sender, instance, **kwargs):
    """post_init receiver for the content models."""
    if _keys.get() is not None and instance.pk is not None:
        record(row_key(sender, instance.pk))
