"""Render one public address through the whole Django stack, as an anonymous visitor would get it, recording
what it showed (dependencies.py) and which addresses it links to."""

import html
import re
from dataclasses import dataclass, field
from io import BytesIO
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.handlers.base import BaseHandler
from django.core.handlers.wsgi import WSGIRequest

from exercises.caching import PUBLISHER_RENDER  # the page cache lets these renders through to the view

from . import dependencies

LINK = re.compile(r"""(?:href|src)=["']([^"'#]+)|<(?:loc|link)>([^<]+)</(?:loc|link)>""")
PAGINATED = re.compile(r"page=\d+")
# What the front server sends for each published file name, and the responses that may be saved as it.
PUBLISHED_TYPES = {
    ".html": ("text/html",),
    ".xml": ("application/xml", "text/xml", "application/rss+xml"),
    ".txt": ("text/plain",),
}


@dataclass
class Rendered:
    path: str
    status: int
    content_type: str
    body: bytes
    shareable: bool
    keys: set = field(default_factory=set)
    links: set = field(default_factory=set)
    pages: set = field(default_factory=set)  # ?page=N addresses it links to: rendered to find content, never saved


class _Handler(BaseHandler):
    def __init__(self):
        super().__init__()
        self.load_middleware()


_handler = None


def _environ(path: str, query: str = "") -> dict:
    site = urlsplit(settings.SITE_URL)
    secure = site.scheme == "https"
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "SCRIPT_NAME": "",
        "QUERY_STRING": query,
        "SERVER_NAME": site.hostname,
        "SERVER_PORT": str(site.port or (443 if secure else 80)),
        "HTTP_HOST": site.netloc,
        "REMOTE_ADDR": "127.0.0.1",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.url_scheme": site.scheme,
        "wsgi.input": BytesIO(),
        "wsgi.errors": BytesIO(),
        "wsgi.version": (1, 0),
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        PUBLISHER_RENDER: True,
    }


def response_for(path: str, query: str = ""):
    """Django's response to an anonymous GET of `path`, through the middleware and views, without the page cache."""
    global _handler
    if _handler is None:
        _handler = _Handler()
    return _handler.get_response(WSGIRequest(_environ(path, query)))


def render(path: str, query: str = "") -> Rendered:
    """`path` rendered for saving: the response, what it showed and what it links to."""
    with dependencies.recording() as keys:
        response = response_for(path, query)
        body = b"" if response.streaming else response.content
    personal = bool(response.cookies) or response.has_header("Cache-Control")
    content_type = response.get("Content-Type", "").partition(";")[0].strip()
    rendered = Rendered(path, response.status_code, content_type, body, not personal and not response.streaming, keys)
    if response.status_code == 200:
        rendered.links, rendered.pages = links_in(body.decode("utf-8", "replace"), path)
    return rendered


def links_in(text: str, own_path: str) -> tuple[set, set]:
    """(site paths linked from `text`, ?page=N addresses of them), leaving out static files, media and the admin."""
    origin = settings.SITE_URL
    private = (settings.STATIC_URL, settings.MEDIA_URL, f"/{settings.ADMIN_URL}")
    paths, pages = set(), set()
    for match in LINK.finditer(text):
        url = html.unescape((match.group(1) or match.group(2)).strip())
        if url.startswith(origin + "/"):
            url = url[len(origin) :]
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or not parts.path.startswith("/") or parts.path.startswith(private):
            continue
        path = unquote(parts.path)
        if not parts.query:
            paths.add(path)
        elif PAGINATED.fullmatch(parts.query):
            pages.add((path, parts.query))
    return paths, pages


def is_publishable(rendered: Rendered, file_name: str) -> bool:
    """A complete public page of the type its file will be served as."""
    suffix = "." + file_name.rpartition(".")[2]
    return rendered.status == 200 and rendered.shareable and rendered.content_type in PUBLISHED_TYPES.get(suffix, ())
