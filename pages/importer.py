"""Page files (articles, profiles, legal pages, section `_index.md` files) → Page rows."""

from django.conf import settings

from exercises.content import Problem, hugo_url
from exercises.content.tree import folder_path, is_list_page
from publishing.importing import Checked, model_problems, old_paths, row_values, unchanged, write_old_urls

from .models import Kind, Page, PageOldURL

FRONT_MATTER_KEY = {"publish_at": "publishDate", "image_path": "image", "translation_key": "translationKey"}


def _strip_language(url: str, language: str) -> str:
    path = url.strip("/")
    if language != settings.LANGUAGE_CODE and (path == language or path.startswith(f"{language}/")):
        path = path[len(language) :].lstrip("/")
    return path


def page_place(read) -> tuple[str, str, str]:
    """(path, section, kind) of a page file, as Hugo would serve it."""
    folder = folder_path(read.source) or ""
    if is_list_page(read.source):
        path = _strip_language(read.values.get("url", ""), read.language) or folder
        return path, path.rpartition("/")[0], Kind.SECTION
    url = hugo_url(
        read.source, read.language, settings.LANGUAGE_CODE, read.values.get("slug"), read.values.get("url", "")
    )
    path = _strip_language(url or read.values.get("slug") or read.source.path.stem, read.language)
    return path, folder, Kind.PAGE


def check(reads, result) -> tuple[list[Checked], list[tuple]]:
    """Checked pages and (file, Problem) pairs."""
    checked, problems, owners = [], [], {}
    for read in reads:
        path, section, kind = page_place(read)
        identity = (read.language, path)
        if identity in owners:
            problems.append(
                (read.source, Problem("url", f"“/{path}/” ({read.language}) is also the address of {owners[identity]}"))
            )
            continue
        owners[identity] = read.source.path
        row = Page(path=path, section=section, kind=kind, **row_values(read, Page))
        found = model_problems(row, FRONT_MATTER_KEY, exclude=["path", "section"])
        if found:
            problems.extend((read.source, problem) for problem in found)
            continue
        hugo_path = f"/{read.language}/{path}/" if read.language != settings.LANGUAGE_CODE else f"/{path}/"
        paths = old_paths(hugo_path.replace("//", "/"), read.values.get("aliases", []), row.get_absolute_url())
        checked.append(Checked(read, path, section, paths))
    return checked, problems


def write(checked, result, dry_run=False, only_new=False):
    existing = {
        (row.language, row.path): row
        for row in Page.objects.filter(
            language__in={c.read.language for c in checked}, path__in={c.identity for c in checked}
        )
    }
    for item in checked:
        row = existing.get((item.read.language, item.identity))
        if row is not None and only_new:
            result.count("page", "unchanged")
            continue
        kind = "section" if is_list_page(item.read.source) else "page"
        values = {**row_values(item.read, Page, row), "path": item.identity, "section": item.section, "kind": kind}
        have = set(row.old_urls.values_list("path", flat=True)) if row else set()
        if row is not None and unchanged(row, values) and not set(item.old_paths) - have:
            result.count("page", "unchanged")
            continue
        result.count("page", "created" if row is None else "updated")
        if dry_run:
            continue
        row = row or Page()
        for name, value in values.items():
            setattr(row, name, value)
        row.save()
        write_old_urls(PageOldURL, "page", row, item.old_paths, result)
