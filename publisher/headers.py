"""The headers Django sends with every public page, for the front server to send with the published copies."""

from exercises.caching import PUBLIC_CACHE_CONTROL

from . import rendering

# Security and caching headers; Content-Type, ETag and Last-Modified come from the file itself.
PAGE_HEADERS = (
    "Content-Security-Policy",
    "Content-Security-Policy-Report-Only",
    "Cross-Origin-Opener-Policy",
    "Referrer-Policy",
    "Strict-Transport-Security",
    "X-Content-Type-Options",
    "X-Frame-Options",
)


def page_headers() -> dict[str, str]:
    """The headers above as Django sends them with robots.txt (no database needed), plus Cache-Control."""
    response = rendering.response_for("/robots.txt")
    headers = {name: response[name] for name in PAGE_HEADERS if response.has_header(name)}
    headers["Cache-Control"] = PUBLIC_CACHE_CONTROL
    return headers
