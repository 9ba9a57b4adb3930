"""Page rows → Hugo content files: sections as folder/_index.md, pages as path.md."""

from pathlib import Path

from publishing.exporting import language_folder, render_file, row_front_matter, write_if_changed

from .mapping import PAGE_FIELDS
from .models import Kind, Page


def export_path(page: Page) -> Path:
    folder = language_folder(page.language)
    if page.kind == Kind.SECTION:
        return Path(f"{folder}{page.path}/_index.md".replace("//", "/").lstrip("/"))
    return Path(f"{folder}{page.path}.md")


def _aliases(page: Page) -> list[str]:
    here = {f"/{language_folder(page.language)}{page.path}/".replace("//", "/")}
    recorded = sorted(old.path for old in page.old_urls.all())
    return list(dict.fromkeys([*page.aliases, *(path for path in recorded if path not in here)]))


def export_pages(outdir: Path, result) -> None:
    for page in Page.objects.order_by("language", "path").prefetch_related("old_urls"):
        front_matter = row_front_matter(page, PAGE_FIELDS, aliases=_aliases(page))
        write_if_changed(outdir, export_path(page), render_file(front_matter, page.body), result)
