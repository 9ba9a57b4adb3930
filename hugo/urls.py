"""The addresses a Hugo site publishes, so a takeover can be checked: every one must answer here."""

from django.conf import settings

from exercises.content import ContentError, detect_language, hugo_url, normalise_path
from exercises.content.tree import folder_path, is_list_page, urlize
from publishing.importing import front_matter_of

from .site import locate, section_of

TAXONOMIES = ("muscles", "equipment")


def _prefix(language):
    return "" if language == settings.LANGUAGE_CODE else f"/{language}"


def published_urls(paths, languages=None) -> list[str]:
    """Home, section lists and their feeds, pages, aliases and taxonomy pages of the published files."""
    languages = languages or [code for code, _ in settings.LANGUAGES]
    site = locate(paths)
    urls = set()
    for language in languages:
        urls |= {f"{_prefix(language)}/", f"{_prefix(language)}/index.xml"}
    for source in site.sources:
        try:
            data, _body, _digest = front_matter_of(source)
            language = detect_language(source, languages, settings.LANGUAGE_CODE)
        except (ContentError, ValueError):
            continue
        if data.get("draft") is True:
            continue
        prefix = _prefix(language)
        section = section_of(source)
        if section:
            urls |= {f"{prefix}/{section}/", f"{prefix}/{section}/index.xml"}
        if is_list_page(source):
            url = f"{prefix}/{folder_path(source)}/".replace("//", "/")
            urls |= {url, f"{url}index.xml"}
        else:
            slug = data.get("slug") if isinstance(data.get("slug"), str) else None
            url = data.get("url") if isinstance(data.get("url"), str) else ""
            urls.add(hugo_url(source, language, settings.LANGUAGE_CODE, slug, url))
        for alias in data.get("aliases") or []:
            if isinstance(alias, str):
                urls.add(normalise_path(alias))
        for taxonomy in TAXONOMIES:
            terms = data.get(taxonomy) or []
            if isinstance(terms, list) and terms:
                urls.add(f"{prefix}/{taxonomy}/")
                urls |= {f"{prefix}/{taxonomy}/{urlize(term)}/" for term in terms if isinstance(term, str)}
    return sorted(url for url in urls if url)
