"""Page rows → Hugo content files: sections as folder/_index.md, pages as path.md."""

from pathlib import Path

from publishing.exporting import aliases_with_old_urls, language_folder, render_file, row_front_matter, write_if_changed

from .mapping import PAGE_FIELDS
from .models import Kind, Page


def export_path(page: Page) -> Path:
    folder = language_folder(page.language)
    if page.kind == Kind.SECTION:
        return Path(f"{folder}{page.path}/_index.md".replace("//", "/").lstrip("/"))
    return Path(f"{folder}{page.path}.md")


def export_pages(outdir: Path, result) -> None:
    for page in Page.objects.order_by("language", "path").prefetch_related("old_urls"):
        relative = export_path(page)
        front_matter = row_front_matter(page, PAGE_FIELDS, aliases=aliases_with_old_urls(page, relative))
        write_if_changed(outdir, relative, render_file(front_matter, page.body), result)
