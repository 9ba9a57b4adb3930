"""Template helpers for the public site: structured data, responsive pictures, durations."""

import json

from django import template
from django.core.files.storage import default_storage
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext

from .. import renditions
from ..caching import PUBLISHER_RENDER

register = template.Library()

# As django.utils.html.json_script: no content can close the <script> element or open a comment.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_for_script(data) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str).translate(JSON_SCRIPT_ESCAPES)


@register.simple_tag(takes_context=True)
def json_ld(context, data):
    """A <script type="application/ld+json"> element, with the request's CSP nonce when there is one."""
    if not data:
        return ""
    request = context.get("request")
    # A published copy is sent by the front server with a fixed policy, which cannot name a nonce.
    published = request is not None and request.META.get(PUBLISHER_RENDER)
    nonce = None if published else getattr(request, "csp_nonce", None)
    # str() rather than a truth test: django-csp's lazy nonce is falsy until first read.
    nonce = str(nonce) if nonce is not None else ""
    nonce_attribute = format_html(' nonce="{}"', nonce) if nonce else ""
    return format_html(
        '<script type="application/ld+json"{}>{}</script>', nonce_attribute, mark_safe(json_for_script(data))
    )


@register.simple_tag
def picture(exercise, sizes="100vw", eager=False, css_class=""):
    """A <picture> with WebP and original-format srcsets, explicit size, lazy unless `eager`."""
    if not exercise.image:
        return ""
    manifest = renditions.manifest(exercise.image.name)
    loading = mark_safe(' fetchpriority="high"' if eager else ' loading="lazy"')
    class_attribute = format_html(' class="{}"', css_class) if css_class else ""
    if not manifest:
        return format_html(
            '<img src="{}" alt="{}"{} decoding="async"{}>',
            default_storage.url(exercise.image.name),
            exercise.image_alt,
            loading,
            class_attribute,
        )
    fallback = manifest["sources"][manifest["fallback"]]
    width, name = fallback[-1]
    height = round(manifest["height"] * width / manifest["width"])
    extra_sources = format_html_join(
        "",
        '<source type="{}" srcset="{}" sizes="{}">',
        (
            (mime, renditions.srcset(sources), sizes)
            for mime, sources in manifest["sources"].items()
            if mime != manifest["fallback"]
        ),
    )
    return format_html(
        '<picture>{}<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}"{} decoding="async"{}>'
        "</picture>",
        extra_sources,
        default_storage.url(name),
        renditions.srcset(fallback),
        sizes,
        width,
        height,
        exercise.image_alt,
        loading,
        class_attribute,
    )


@register.filter
def duration(seconds):
    """90 → '1 min 30 s'; 45 → '45 s'."""
    if not seconds:
        return ""
    minutes, rest = divmod(int(seconds), 60)
    parts = []
    if minutes:
        parts.append(ngettext("%(count)s min", "%(count)s min", minutes) % {"count": minutes})
    if rest:
        parts.append(gettext("%(count)s s") % {"count": rest})
    return " ".join(parts)
