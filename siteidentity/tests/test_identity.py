"""The site identity as visitors meet it: name, tagline, logo, colour, menu and footer on every page, feeds
and structured data, per language, and a change shows at once although pages are cached."""

import json
import re

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from exercises.tests.factories import make_exercise
from siteidentity.models import Place, SiteIdentity, SiteLink, SiteText

pytestmark = pytest.mark.django_db

LOGO_SVG = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 40"><rect width="120" height="40"/></svg>'


def make_identity(**fields):
    fields.setdefault("name", "Studio Pilates")
    identity = SiteIdentity.objects.create(**fields)
    SiteText.objects.create(identity=identity, language="en", tagline="Pilates at home, step by step")
    SiteText.objects.create(identity=identity, language="es", name="Estudio Pilates", tagline="Pilates en casa")
    return identity


def add_link(identity, place, title, url, language="", column="", order=0):
    return SiteLink.objects.create(
        identity=identity, place=place, title=title, url=url, language=language, column=column, order=order
    )


JSON_LD = re.compile(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', re.S)


def json_ld(html):
    return [json.loads(block) for block in JSON_LD.findall(html)]


def test_without_a_record_pages_use_the_default_name(client):
    html = client.get("/").content.decode()
    assert "<title>Exercise Library</title>" in html
    assert 'class="site-name"' in html


def test_the_name_and_tagline_appear_in_title_header_footer_and_home_json_ld(client):
    make_identity()
    make_exercise("Plank")
    home = client.get("/").content.decode()
    assert "<title>Studio Pilates</title>" in home
    assert '<meta property="og:site_name" content="Studio Pilates">' in home
    assert "Pilates at home, step by step" in home
    assert {"@type": "WebSite", "name": "Studio Pilates"}.items() <= json_ld(home)[0].items()
    detail = client.get("/exercises/plank/").content.decode()
    assert "<title>Plank · Studio Pilates</title>" in detail
    assert "Exercise Library" not in detail


def test_each_language_has_its_own_name_tagline_and_menu(client):
    identity = make_identity()
    add_link(identity, Place.MENU, "Classes", "/classes/", language="en")
    add_link(identity, Place.MENU, "Clases", "/es/clases/", language="es")
    add_link(identity, Place.MENU, "Shop", "https://shop.example.org/")
    english = client.get("/").content.decode()
    spanish = client.get("/es/").content.decode()
    menu = re.search(r'<nav class="wrap main-nav".*?</nav>', english, re.S).group()
    assert ">Classes<" in menu and ">Shop<" in menu and "Clases" not in menu
    menu = re.search(r'<nav class="wrap main-nav".*?</nav>', spanish, re.S).group()
    assert ">Clases<" in menu and ">Shop<" in menu and "Classes" not in menu
    assert "<title>Estudio Pilates</title>" in spanish and "Pilates en casa" in spanish


def test_without_menu_links_the_menu_lists_the_site_sections(client):
    make_identity()
    html = client.get("/").content.decode()
    assert 'href="/exercises/"' in re.search(r'<nav class="wrap main-nav".*?</nav>', html, re.S).group()


def test_footer_columns_and_social_links_are_shown_in_order(client):
    identity = make_identity()
    add_link(identity, Place.FOOTER, "Privacy", "/privacy/", column="About", order=2)
    add_link(identity, Place.FOOTER, "Team", "/team/", column="About", order=1)
    add_link(identity, Place.FOOTER, "Beginners", "/learn/", column="Learn", order=3)
    add_link(identity, Place.SOCIAL, "Instagram", "https://instagram.com/studio")
    footer = client.get("/").content.decode().split('id="site-footer"')[1]
    assert footer.index("<h2>About</h2>") < footer.index(">Team<") < footer.index(">Privacy<")
    assert footer.index(">Privacy<") < footer.index("<h2>Learn</h2>") < footer.index(">Beginners<")
    assert 'href="https://instagram.com/studio" rel="me">Instagram<' in footer


def test_the_accent_colour_is_applied_with_a_darker_hover_shade(client):
    make_identity(accent="#6a1b9a")
    html = client.get("/").content.decode()
    assert "<style>:root{--brand:#6a1b9a;--brand-dark:#4a136c}</style>" in html
    assert '<meta name="theme-color" content="#6a1b9a">' in html


def test_the_house_colour_adds_no_inline_style(client):
    make_identity()
    assert "<style>" not in client.get("/").content.decode()


def test_the_logo_is_shown_with_its_size_in_the_header(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    make_identity(logo=SimpleUploadedFile("logo.svg", LOGO_SVG, content_type="image/svg+xml"))
    html = client.get("/").content.decode()
    assert re.search(r'<img class="site-logo" src="/media/site/logo[^"]*\.svg" alt="" width="120" height="40">', html)


def test_a_change_shows_at_once_on_a_cached_page(client):
    identity = make_identity()
    make_exercise("Plank")
    assert client.get("/exercises/plank/")["X-Cache"] == "MISS"
    assert client.get("/exercises/plank/")["X-Cache"] == "HIT"
    identity.name = "Core Club"
    identity.save()
    response = client.get("/exercises/plank/")
    assert response["X-Cache"] == "MISS"
    assert "<title>Plank · Core Club</title>" in response.content.decode()
    add_link(identity, Place.SOCIAL, "Mastodon", "https://social.example/@core")
    assert "Mastodon" in client.get("/exercises/plank/").content.decode()


def test_the_feed_is_titled_with_the_site_name(client):
    make_identity()
    make_exercise("Plank")
    feed = client.get("/index.xml").content.decode()
    assert "<title>Studio Pilates</title>" in feed


def test_the_identity_costs_pages_no_query(client):
    make_exercise("Plank")
    with CaptureQueriesContext(connection) as without:
        client.get("/exercises/plank/")
    identity = make_identity()
    add_link(identity, Place.FOOTER, "Team", "/team/", column="About")
    cache.clear()
    with CaptureQueriesContext(connection) as with_identity:
        response = client.get("/exercises/plank/")
    assert "Team" in response.content.decode()
    assert len(with_identity) == len(without)


def test_the_admin_saves_the_identity_with_its_links(admin_client):
    data = {
        "name": "Studio Pilates",
        "accent": "#0b5d4b",
        "texts-TOTAL_FORMS": "1",
        "texts-INITIAL_FORMS": "0",
        "texts-0-language": "es",
        "texts-0-tagline": "Pilates en casa",
        "links-TOTAL_FORMS": "1",
        "links-INITIAL_FORMS": "0",
        "links-0-place": "menu",
        "links-0-language": "",
        "links-0-title": "Classes",
        "links-0-url": "/classes/",
        "links-0-order": "1",
    }
    response = admin_client.post("/admin/siteidentity/siteidentity/add/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert admin_client.get("/admin/siteidentity/siteidentity/").url.endswith("/siteidentity/siteidentity/1/change/")
    assert admin_client.get("/admin/siteidentity/siteidentity/add/").status_code == 403
    assert "<title>Content | Studio Pilates</title>" in admin_client.get("/admin/").content.decode()
    spanish = admin_client.get("/es/").content.decode()
    assert "Pilates en casa" in spanish and ">Classes<" in spanish


def test_the_admin_refuses_a_link_that_is_not_an_address_and_keeps_the_record(admin_client):
    make_identity()
    data = {
        "name": "Renamed",
        "accent": "#0b5d4b",
        "texts-TOTAL_FORMS": "0",
        "texts-INITIAL_FORMS": "0",
        "links-TOTAL_FORMS": "1",
        "links-INITIAL_FORMS": "0",
        "links-0-place": "menu",
        "links-0-title": "Evil",
        "links-0-url": "javascript:alert(1)",
        "links-0-order": "0",
    }
    response = admin_client.post("/admin/siteidentity/siteidentity/1/change/", data)
    assert response.status_code == 200
    assert "Give a path on this site" in response.content.decode()
    assert SiteIdentity.objects.get().name == "Studio Pilates"
    assert not SiteLink.objects.exists()
