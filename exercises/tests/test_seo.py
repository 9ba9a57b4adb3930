import json
import re
import runpy
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import ImproperlyConfigured

from exercises.models import Status

from .factories import make_exercise, make_full_exercise

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def json_ld_blocks(html):
    return [
        json.loads(block)
        for block in re.findall(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S)
    ]


def by_type(blocks, kind):
    return next(block for block in blocks if block["@type"] == kind)


@pytest.fixture
def pair():
    english = make_full_exercise("Leg Lift", slug="leg-lift", video_id="dQw4w9WgXcQ", duration=90)
    spanish = make_exercise(
        "Elevación de pierna",
        slug="elevación-de-pierna",
        language="es",
        translation_key="leg-lift",
        muscles=["Hamstrings"],
    )
    return english, spanish


def test_detail_head_has_title_description_canonical_and_social_tags(client, pair):
    html = client.get("/exercises/leg-lift/").content.decode()
    assert "<title>Leg Lift · Exercise Library</title>" in html
    assert '<meta name="description" content="Lift one straight leg while lying face down.">' in html
    assert '<link rel="canonical" href="http://testserver/exercises/leg-lift/">' in html
    assert '<meta property="og:title" content="Leg Lift">' in html
    assert '<meta property="og:type" content="article">' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html


def test_detail_hreflang_alternates_list_every_version_and_x_default(client, pair):
    spanish_url = f"http://testserver/es/ejercicios/{quote('elevación-de-pierna')}/"
    for path in ["/exercises/leg-lift/", f"/es/ejercicios/{quote('elevación-de-pierna')}/"]:
        html = client.get(path).content.decode()
        assert '<link rel="alternate" hreflang="en" href="http://testserver/exercises/leg-lift/">' in html
        assert f'<link rel="alternate" hreflang="es" href="{spanish_url}">' in html
        assert '<link rel="alternate" hreflang="x-default" href="http://testserver/exercises/leg-lift/">' in html


def test_exercise_without_translation_has_no_hreflang(client):
    make_exercise("Solo")
    assert 'hreflang="es" href="http' not in client.get("/exercises/solo/").content.decode()


def test_list_pages_have_translated_alternates(client):
    html = client.get("/es/ejercicios/").content.decode()
    assert '<link rel="alternate" hreflang="en" href="http://testserver/exercises/">' in html
    assert '<link rel="alternate" hreflang="es" href="http://testserver/es/ejercicios/">' in html


def test_filtered_list_is_noindex_with_canonical_to_the_plain_list(client):
    html = client.get("/exercises/?difficulty=beginner").content.decode()
    assert '<meta name="robots" content="noindex, follow">' in html
    assert '<link rel="canonical" href="http://testserver/exercises/">' in html


def test_detail_json_ld_is_howto_faq_and_breadcrumbs(client, pair):
    blocks = json_ld_blocks(client.get("/exercises/leg-lift/").content.decode())
    how_to = by_type(blocks, "HowTo")
    assert how_to["totalTime"] == "PT1M30S"
    assert [step["@type"] for step in how_to["step"]] == ["HowToStep"] * 3
    assert how_to["step"][0]["text"] == "Lie face down."
    assert how_to["tool"] == [{"@type": "HowToTool", "name": "Mat"}]
    assert how_to["video"]["@type"] == "VideoObject"
    assert how_to["video"]["embedUrl"] == "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
    faq = by_type(blocks, "FAQPage")
    assert faq["mainEntity"][0]["acceptedAnswer"]["text"] == "10 to 15 per leg."
    crumbs = by_type(blocks, "BreadcrumbList")["itemListElement"]
    assert [crumb["name"] for crumb in crumbs] == ["Home", "Exercises", "Leg Lift"]


def test_json_ld_cannot_be_closed_by_content(client):
    title = 'Evil </script><script>alert("x")</script> & <!-- Lift'
    make_exercise(title, slug="evil", faqs=[("</script>?", "<b>&</b>")])
    html = client.get("/exercises/evil/").content.decode()
    assert "<script>alert" not in html
    blocks = json_ld_blocks(html)
    assert by_type(blocks, "HowTo")["name"] == title
    assert by_type(blocks, "FAQPage")["mainEntity"][0]["name"] == "</script>?"


def test_json_ld_carries_the_csp_nonce(client):
    make_exercise()
    response = client.get("/exercises/prone-leg-lift/")
    html = response.content.decode()
    nonce = re.search(r'<script type="application/ld\+json" nonce="([^"]+)"', html)
    assert nonce is not None


def test_sitemap_lists_public_pages_with_lastmod_and_alternates(client, pair):
    make_exercise("Draft", status=Status.DRAFT)
    response = client.get("/sitemap.xml")
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    urls = {url.find(f"{SITEMAP}loc").text: url for url in root.findall(f"{SITEMAP}url")}
    assert "http://testserver/exercises/draft/" not in urls
    leg_lift = urls["http://testserver/exercises/leg-lift/"]
    assert leg_lift.find(f"{SITEMAP}lastmod").text
    alternates = {link.get("hreflang"): link.get("href") for link in leg_lift.findall(f"{XHTML}link")}
    assert alternates == {
        "en": "http://testserver/exercises/leg-lift/",
        "es": f"http://testserver/es/ejercicios/{quote('elevación-de-pierna')}/",
        "x-default": "http://testserver/exercises/leg-lift/",
    }
    for expected in [
        "http://testserver/",
        "http://testserver/es/",
        "http://testserver/es/ejercicios/",
        "http://testserver/muscles/hamstrings/",
        "http://testserver/es/muscles/isquiotibiales/",  # the same concept, named in Spanish
        "http://testserver/equipment/mat/",
        "http://testserver/difficulties/beginner/",
        "http://testserver/es/difficulties/beginner/",
    ]:
        assert expected in urls
    assert "http://testserver/es/equipment/mat/" not in urls


def test_every_sitemap_address_answers_200(client, pair):
    root = ET.fromstring(client.get("/sitemap.xml").content)
    for loc in root.iter(f"{SITEMAP}loc"):
        assert client.get(loc.text.removeprefix("http://testserver")).status_code == 200, loc.text


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()
    assert "Disallow: /\n" not in response.content.decode()


@pytest.mark.parametrize(
    "path, language, titles",
    [
        ("/index.xml", "en", ["Leg Lift"]),
        ("/exercises/index.xml", "en", ["Leg Lift"]),
        ("/es/index.xml", "es", ["Elevación de pierna"]),
        ("/es/ejercicios/index.xml", "es", ["Elevación de pierna"]),
    ],
)
def test_rss_feeds_are_valid_and_per_language(client, pair, path, language, titles):
    make_exercise("Draft", status=Status.DRAFT)
    response = client.get(path)
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    assert channel.find("language").text == language
    assert [item.find("title").text for item in channel.findall("item")] == titles
    assert channel.find("item/link").text.startswith("http://testserver/")


POISONED = "localhost:6666"
PUBLIC_URLS = ["/", "/exercises/", "/exercises/leg-lift/", "/muscles/hamstrings/", "/sitemap.xml", "/robots.txt"]
FEED_URLS = ["/index.xml", "/exercises/index.xml"]


@pytest.mark.parametrize("url", PUBLIC_URLS + FEED_URLS)
def test_an_allowed_host_with_another_port_never_reaches_links(client, pair, url):
    poisoned = client.get(url, headers={"host": POISONED})
    later = client.get(url)
    assert poisoned.status_code == later.status_code == 200
    for response in (poisoned, later):
        body = response.content.decode()
        assert "6666" not in body
        assert "http://testserver/" in body


@pytest.mark.parametrize("url", PUBLIC_URLS + FEED_URLS)
def test_x_forwarded_host_behind_the_proxy_never_reaches_links(client, pair, settings, url):
    settings.USE_X_FORWARDED_HOST = True
    poisoned = client.get(url, headers={"x-forwarded-host": POISONED})
    later = client.get(url)
    assert poisoned.status_code == later.status_code == 200
    for response in (poisoned, later):
        assert "6666" not in response.content.decode()


def settings_from_env(monkeypatch, **env):
    """config/settings.py as production would load it with these environment variables."""
    for name in ("DJANGO_DEBUG", "SITE_URL", "DJANGO_ALLOWED_HOSTS"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(Path(django_settings.BASE_DIR) / "config" / "settings.py"))


def test_site_url_comes_from_the_environment(monkeypatch):
    assert settings_from_env(monkeypatch, SITE_URL="https://exercises.example.org/")["SITE_URL"] == (
        "https://exercises.example.org"
    )


def test_without_site_url_production_links_to_the_first_allowed_host_over_https(monkeypatch):
    loaded = settings_from_env(monkeypatch, DJANGO_ALLOWED_HOSTS="exercises.example.org,www.example.org")
    assert loaded["SITE_URL"] == "https://exercises.example.org"


@pytest.mark.parametrize(
    "env", [{"SITE_URL": "exercises.example.org"}, {"SITE_URL": "https://x.org/sub"}, {"DJANGO_ALLOWED_HOSTS": "*"}]
)
def test_a_site_url_that_is_not_an_origin_is_refused(monkeypatch, env):
    with pytest.raises(ImproperlyConfigured, match="SITE_URL"):
        settings_from_env(monkeypatch, **env)
