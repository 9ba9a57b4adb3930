import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from django.core.management import CommandError, call_command

from publisher.tests.conftest import _library

pytestmark = pytest.mark.django_db
LINK = re.compile(r'(?:href|src)="([^"#]*)"')


@pytest.fixture
def collected(settings, tmp_path):
    """Static files collected with hashed names, as in production."""
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", "--no-input", verbosity=0)
    _library()


def broken_links(root: Path) -> list[str]:
    """Internal links without a query string, in every exported page, that no exported file answers."""
    broken = []
    for page in root.rglob("*.html"):
        for url in LINK.findall(page.read_text()):
            parts = urlsplit(url)
            if parts.scheme or parts.netloc or parts.query or not parts.path.startswith("/"):
                continue
            path = unquote(parts.path)
            target = root / path.lstrip("/") / "index.html" if path.endswith("/") else root / path.lstrip("/")
            if not target.is_file():
                broken.append(f"{page.relative_to(root)} → {url}")
    return broken


def test_export_writes_every_public_page_and_its_static_files_with_no_broken_link(collected, tmp_path):
    out = tmp_path / "site"

    call_command("export_site", str(out), verbosity=0)

    for name in (
        "index.html",
        "es/index.html",
        "exercises/goblet-squat/index.html",
        "es/ejercicios/sentadilla/index.html",
        "muscles/hamstrings/index.html",
        "difficulties/beginner/index.html",
        "learn/breathing/index.html",
        "sitemap.xml",
        "index.xml",
        "robots.txt",
    ):
        assert (out / name).is_file(), name
    assert (out / "exercises/goblet-squat/index.html.gz").is_file()
    assert not (out / "exercises/secret-draft").exists()
    assert list((out / "static/css").glob("site.*.css"))
    # Crawled as a static host serves it: every internal link answers.
    assert broken_links(out) == []
    assert len(list(out.rglob("*.html"))) > 20


def test_search_and_filters_point_to_the_dynamic_origin(collected, tmp_path):
    out = tmp_path / "site"

    call_command("export_site", str(out), "--dynamic-origin", "https://app.example.org", verbosity=0)

    listing = (out / "exercises/index.html").read_text()
    assert re.search(r'action="https://app\.example\.org/exercises/(#result-count)?"', listing)
    assert not re.search(r'(href|action)="/[^"]*\?', listing)


def test_export_refuses_without_collected_static_files(tmp_path, settings):
    settings.STATIC_ROOT = tmp_path / "empty"

    with pytest.raises(CommandError, match="collectstatic"):
        call_command("export_site", str(tmp_path / "site"), verbosity=0)


def test_query_links_and_get_forms_are_sent_to_the_dynamic_origin_and_others_are_not():
    from publisher.export import to_dynamic_origin

    page = (
        '<a href="/exercises/?muscle=glutes&amp;page=2">Next</a> <a href="/exercises/squat/">Squat</a>'
        '<form action="/exercises/" method="get"><form action="/admin/logout/" method="post">'
    )

    sent = to_dynamic_origin(page, "https://app.example.org")

    assert 'href="https://app.example.org/exercises/?muscle=glutes&amp;page=2"' in sent
    assert 'href="/exercises/squat/"' in sent
    assert 'action="https://app.example.org/exercises/" method="get"' in sent
    assert 'action="/admin/logout/" method="post"' in sent


def test_links_that_are_not_site_paths_are_skipped_and_the_export_finishes(collected, tmp_path):
    from pages.tests.factories import make_page

    make_page("learn/odd-links", body="[up](/learn/../../outside/) · [hidden](/.well-known/x/) · [dot](/learn/./x/)")
    out = tmp_path / "site"

    call_command("export_site", str(out), verbosity=0)

    assert (out / "learn/odd-links/index.html").is_file()
    assert not (tmp_path / "outside").exists() and not (out / ".well-known").exists()
