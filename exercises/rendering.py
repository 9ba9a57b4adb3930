"""Markdown → safe HTML. The one sanitiser every piece of user-written HTML goes through."""

import threading

import markdown
import nh3

ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "code",
    "dd",
    "del",
    "dl",
    "dt",
    "em",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "li",
    "ol",
    "p",
    "pre",
    "s",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "ol": {"start"},
    "th": {"align"},
    "td": {"align"},
}
# No javascript:, data: or vbscript: URLs can survive: only these schemes (and relative URLs) do.
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
MARKDOWN_EXTENSIONS = ["extra", "sane_lists"]


def sanitize_html(html: str) -> str:
    """Strip everything not on the allow-list; links get rel="noopener noreferrer"."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


_local = threading.local()


def render_markdown(text: str) -> str:
    """Render Markdown to HTML that is safe to insert into a page unescaped."""
    # Building a Markdown converter costs more than most conversions; keep one per thread and reset it.
    converter = getattr(_local, "converter", None)
    if converter is None:
        converter = _local.converter = markdown.Markdown(extensions=MARKDOWN_EXTENSIONS, output_format="html")
    html = converter.reset().convert(text or "")
    return sanitize_html(html)
