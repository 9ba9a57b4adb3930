"""Keep the publish folder equal to what Django would answer: re-render the pages that depend on changed keys,
save new pages they link to, remove pages that no longer answer 200.

A full publish starts from every language's home, the sitemap, the feeds and robots.txt and follows every
internal link (also through ?page=N lists, which are rendered to find content but never saved), so every
public address a visitor can reach is saved; addresses it no longer reaches are removed.
"""

import hashlib
import logging
from collections import Counter, defaultdict, deque
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.timezone import now

from . import dependencies, files, rendering
from .changes import EVERYTHING
from .models import Dependency, PublishedPage

logger = logging.getLogger("publisher")
# Lists and indexes after single pages: an edited page is visible before the lists that mention it.
LATE = ("sitemap.xml", "index.xml")


@dataclass
class Report:
    outcomes: Counter = field(default_factory=Counter)

    def counts(self) -> dict:
        return dict(self.outcomes)


def root() -> Path:
    return Path(settings.PUBLISH_ROOT)


def seeds() -> list[str]:
    """The addresses a full publish starts from."""
    paths = ["/robots.txt", reverse("sitemap")]
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            paths += [reverse("exercises:home"), reverse("exercises:feed")]
    return paths


def _order(path: str) -> tuple:
    return (path.endswith(LATE), path.count("/") < 2, path)


def publish(keys, more=None) -> Report:
    """Bring the pages that depend on `keys` up to date (all pages for "*").

    `more()`, asked between pages, gives keys changed meanwhile: their rows' pages are rendered next, ahead of
    the lists still due, and pages already rendered in this run are rendered again if they depend on them.
    """
    if EVERYTHING in keys:
        return publish_all()
    report = Report()
    known = set(PublishedPage.objects.values_list("path", flat=True))
    everything_changed = False

    def jump_ahead():
        nonlocal everything_changed
        keys = more() if more else []
        everything_changed = everything_changed or EVERYTHING in keys
        return _planned(keys) if keys and not everything_changed else ([], [])

    first, last = _planned(keys)
    crawl([*first, *last], report, partial(_save_or_remove, report=report), known=known, jump_ahead=jump_ahead)
    if everything_changed:
        report.outcomes.update(publish_all().outcomes)
    return report


def _planned(keys) -> tuple[list[str], list[str]]:
    """The pages depending on `keys`: (the changed rows' own pages, then the other pages that showed them;
    the lists they may join or leave). The editor looks at the first next."""
    rows = [key for key in keys if not key.startswith(dependencies.SET_KEY_PREFIXES)]
    paths = _dependent_paths([*map(dependencies.own_key, rows), *keys])
    own = paths(map(dependencies.own_key, rows))
    showed = paths(rows) - own
    listed = paths(set(keys) - set(rows)) - showed - own
    return [*sorted(own, key=_order), *sorted(showed, key=_order)], sorted(listed, key=_order)


def _dependent_paths(keys):
    """A function giving the paths of the pages that depend on any of some of `keys` (read in one query)."""
    by_key = defaultdict(set)
    for key, path in Dependency.objects.filter(key__in=keys).values_list("key", "page__path"):
        by_key[key].add(path)
    return lambda some: set().union(*(by_key[key] for key in some))


def publish_all() -> Report:
    """Render every reachable public address and remove saved pages no longer reached."""
    report = Report()
    known = set(PublishedPage.objects.values_list("path", flat=True))
    reached = crawl(seeds(), report, partial(_save_or_remove, report=report))
    for path in sorted(known - reached):
        _unpublish(path, report)
    return report


def crawl(start, report: Report, save, known=None, jump_ahead=None) -> set[str]:
    """Render the addresses in `start` and hand each (without a query) to `save`; follow the links they hold.

    With `known` (a re-publish) only links to addresses not in it are followed; without it (a full publish or
    an export) every link is, also through ?page=N lists, which are rendered to find content but not saved.
    `jump_ahead()`, asked before each page, gives (addresses to render next, addresses to render last).
    Returns the addresses that answered 200.
    """
    queue, seen, reached = deque(start), set(), set()
    while queue:
        if jump_ahead is not None:
            first, last = jump_ahead()
            seen.difference_update(first, last)  # rendered before that change: render again
            queue.extendleft(reversed(first))
            queue.extend(last)
        item = queue.popleft()
        if item in seen:
            continue
        seen.add(item)
        path, query = item if isinstance(item, tuple) else (item, "")
        rendered = _render(path, query, report)
        if rendered is None:
            continue
        if not query:
            save(rendered)
        if rendered.status == 200:
            reached.add(path)
            new_links = rendered.links - known if known is not None else rendered.links
            queue.extend(sorted(link for link in new_links if link not in seen))
            if known is None:
                queue.extend(sorted(rendered.pages - seen))
    return reached


def _render(path, query, report):
    try:
        return rendering.render(path, query)
    except files.UnsafePath:
        return None
    except Exception:
        # A page that fails to render keeps its previous version; the error is logged with its address.
        logger.exception("Could not render %s", path)
        report.outcomes["failed"] += 1
        return None


def _save_or_remove(rendered, *, report):
    name = files.saved_name(rendered.path)
    if name is None:
        return
    if rendered.status >= 500:
        report.outcomes["failed"] += 1
        return
    if not rendering.is_publishable(rendered, name):
        _unpublish(rendered.path, report)
        return
    digest = hashlib.sha256(rendered.body).hexdigest()
    page = PublishedPage.objects.filter(path=rendered.path).first()
    unchanged = page is not None and page.digest == digest and files.exists(root(), name)
    if not unchanged:
        files.write(root(), name, rendered.body)
    with transaction.atomic():
        page, _ = PublishedPage.objects.update_or_create(
            path=rendered.path, defaults={"digest": digest, "published_at": now()}
        )
        _store_dependencies(page, rendered.keys)
    report.outcomes["unchanged" if unchanged else "written"] += 1


def _store_dependencies(page, keys):
    stored = set(page.dependencies.values_list("key", flat=True))
    if stored != keys:
        page.dependencies.exclude(key__in=keys).delete()
        Dependency.objects.bulk_create([Dependency(page=page, key=key) for key in keys - stored], batch_size=1000)


def _unpublish(path, report):
    name = files.file_name(path)
    deleted, _ = PublishedPage.objects.filter(path=path).delete()
    if name and (deleted or files.exists(root(), name)):
        files.remove(root(), name)
        report.outcomes["removed"] += 1
