"""Where a content file sits in a Hugo content tree: its language, slug and the URL Hugo served it at."""

import posixpath
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from django.conf.locale import LANG_INFO

LIST_PAGE = "_index.md"
BUNDLE_PAGE = "index.md"


class LanguageError(ValueError):
    pass


@dataclass(frozen=True)
class SourceFile:
    path: Path
    root: Path | None  # the Hugo content folder, when known


def find_files(paths, content_root=None, *, list_pages=False) -> list[SourceFile]:
    """Every *.md file in the given files and folders (recursively); Hugo's _index.md list pages only
    with `list_pages`.

    A folder given on its own is its files' content root unless `content_root` is set.
    """
    found = {}
    for path in map(Path, paths):
        if path.is_dir():
            for file in sorted(path.rglob("*.md")):
                if (list_pages or file.name != LIST_PAGE) and file.is_file():
                    found.setdefault(file.resolve(), SourceFile(file, Path(content_root or path)))
        elif list_pages or path.name != LIST_PAGE:
            found.setdefault(path.resolve(), SourceFile(path, Path(content_root) if content_root else None))
    return list(found.values())


def _parts(source: SourceFile) -> list[str] | None:
    """The file's path below its content root, or None when the root is unknown or the file is not in it."""
    if source.root is None:
        return None
    try:
        return list(source.path.resolve().relative_to(source.root.resolve()).parts)
    except ValueError:
        return None


def is_list_page(source: SourceFile) -> bool:
    return source.path.name == LIST_PAGE or _stem_and_suffix(source.path.name)[0] == "_index"


def folder_path(source: SourceFile) -> str | None:
    """The folder a file sits in below the content root and its language folder, e.g. 'exercises/mat'.

    For a page bundle (x/index.md) that is the bundle's parent; None when the root is unknown.
    """
    parts = _parts(source)
    if parts is None:
        return None
    if len(parts) > 1 and parts[0].lower() in LANG_INFO:
        parts = parts[1:]
    folders = parts[:-1]
    if parts[-1] == BUNDLE_PAGE and folders:
        folders = folders[:-1]
    return "/".join(urlize(part) for part in folders)


def _stem_and_suffix(name: str):
    """'name.es.md' → ('name', 'es'); 'name.md' → ('name', None). Only known language codes count."""
    stem = name.removesuffix(".md")
    base, dot, suffix = stem.rpartition(".")
    if dot and suffix.lower() in LANG_INFO:
        return base, suffix.lower()
    return stem, None


def detect_language(source: SourceFile, enabled: list[str], fallback: str) -> str:
    """File-name suffix, else a language folder directly under the content root, else `fallback`."""
    parts = _parts(source) or [source.path.name]
    _, suffix = _stem_and_suffix(parts[-1])
    candidate = suffix or (parts[0].lower() if len(parts) > 1 and parts[0].lower() in LANG_INFO else None)
    if candidate is None:
        return fallback
    if candidate not in enabled:
        raise LanguageError(
            f"the language “{candidate}” is not enabled; enabled languages are {', '.join(enabled)} "
            "(the SITE_LANGUAGES setting)"
        )
    return candidate


def slug_from_name(source: SourceFile) -> str:
    """The file name without extension and language suffix; a page bundle's index.md uses its folder name."""
    name = source.path.parent.name if source.path.name == BUNDLE_PAGE else source.path.name
    stem, _ = _stem_and_suffix(name if name.endswith(".md") else f"{name}.md")
    return urlize(stem)


def urlize(text: str) -> str:
    return re.sub(r"\s+", "-", unicodedata.normalize("NFC", text).strip().lower())


def normalise_path(path: str) -> str:
    """An old site path as the public site compares it: leading slash, trailing slash unless it names a file."""
    path = "/" + path.strip().lstrip("/")
    if not posixpath.splitext(path)[1] and not path.endswith("/"):
        path += "/"
    return unicodedata.normalize("NFC", path)


def hugo_url(source: SourceFile, language: str, default_language: str, slug: str | None, url: str) -> str | None:
    """The URL Hugo served this file at, or None when the file's place in a content tree is unknown.

    The path below the content root without extension, lowercased, with the language prefix for a
    non-default language; front matter `slug` replaces the last segment and `url` the whole path.
    """
    if url:
        return normalise_path(url)
    parts = _parts(source)
    if parts is None:
        return None
    if len(parts) > 1 and parts[0].lower() in LANG_INFO:
        parts = parts[1:]
    if parts[-1] == BUNDLE_PAGE:
        parts = parts[:-1]
    else:
        parts[-1] = _stem_and_suffix(parts[-1])[0]
    if not parts:
        return None
    if slug:
        parts[-1] = slug
    if language != default_language:
        parts.insert(0, language)
    return normalise_path("/".join(urlize(part) for part in parts))
