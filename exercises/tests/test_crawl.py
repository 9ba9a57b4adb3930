"""Follow every internal link from each language's home page: nothing may answer 404 or 500."""

from html.parser import HTMLParser
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from django.conf import settings

from exercises.models import OldURL, Status

from .factories import make_exercise, make_full_exercise

pytestmark = pytest.mark.django_db

SKIPPED_PREFIXES = ("/static/", "/media/", "/" + settings.ADMIN_URL)


class LinkParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []  # (href, hreflang)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in ("a", "link") and attributes.get("href"):
            if tag == "link" and attributes.get("rel") not in ("alternate", "canonical"):
                return
            self.links.append((attributes["href"], attributes.get("hreflang")))


def internal_links(page_url, html):
    parser = LinkParser()
    parser.feed(html)
    for href, hreflang in parser.links:
        url = urlsplit(urljoin("http://testserver" + page_url, href))
        if url.netloc == "testserver" and not url.path.startswith(SKIPPED_PREFIXES):
            yield url.path + (f"?{url.query}" if url.query else ""), hreflang


def crawl(client, start, limit=400):
    seen, queue, problems = set(), [start], []
    while queue and len(seen) < limit:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code != 200:
            problems.append((url, response.status_code))
            continue
        if not response["Content-Type"].startswith("text/html"):
            continue
        is_spanish = unquote(url).startswith("/es/")
        for link, hreflang in internal_links(url, response.content.decode()):
            # A Spanish page may reach English pages only through language links (hreflang="en").
            if is_spanish and not link.startswith("/es/") and hreflang is None:
                problems.append((url, f"links to non-Spanish {link}"))
            queue.append(link)
    return seen, problems


@pytest.fixture
def site():
    for number in range(14):
        make_full_exercise(f"Lift {number}", slug=f"lift-{number}", duration=30 * number, video_id="dQw4w9WgXcQ")
    make_exercise("Bridge", muscles=["Glutes"], equipment=["Band"], difficulty="advanced", translation_key="bridge")
    make_exercise("Puente", slug="puente", language="es", muscles=["Glutes"], translation_key="bridge")
    make_exercise(
        "Tirón de cuello", slug="tirón-de-cuello", language="es", muscles=["Cuello"], difficulty="intermediate"
    )
    make_exercise("Solo en español", slug="solo", language="es", equipment=["Esterilla"])
    draft = make_exercise("Hidden", slug="hidden", muscles=["Secret"], status=Status.DRAFT)
    OldURL.objects.create(path="/old/hidden/", exercise=draft)


@pytest.mark.parametrize("home", ["/", "/es/"])
def test_crawl_from_each_home_finds_no_broken_link(client, site, home):
    seen, problems = crawl(client, home)
    assert problems == []
    assert len(seen) > 20


def test_crawl_reaches_every_page_type(client, site):
    seen, _ = crawl(client, "/")
    seen = {unquote(url) for url in seen}
    for expected in [
        "/exercises/",
        "/exercises/?page=2",
        "/exercises/lift-3/",
        "/muscles/",
        "/muscles/glutes/",
        "/equipment/mat/",
        "/difficulties/advanced/",
        "/es/",
        "/es/ejercicios/puente/",
        "/es/ejercicios/tirón-de-cuello/",
    ]:
        assert expected in seen
