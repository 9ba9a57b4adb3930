"""Page files (articles, profiles, legal pages, section `_index.md` files) → Page rows."""

from django.conf import settings

from exercises.content import Problem, hugo_url
from exercises.content.tree import folder_path, is_list_page
from publishing.importing import Checked, model_problems, old_paths, row_values, write_rows

from .models import Kind, Page

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


def check(reads) -> tuple[list[Checked], list[tuple]]:
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
        # A page answers at its Hugo address itself: only its aliases are old addresses.
        paths = old_paths(None, read.values.get("aliases", []), row.get_absolute_url())
        checked.append(Checked(read, path, {"path": path, "section": section, "kind": kind}, paths))
    return checked, problems


def write(checked, result, dry_run=False, only_new=False):
    write_rows(checked, Page, "path", result, dry_run=dry_run, only_new=only_new)
