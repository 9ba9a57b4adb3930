"""The body map's template tags: the shared symbols (once per page), an exercise's figure, the muscle map.

The SVG is written here rather than in a template: a template loop over the figure's shapes cost a few
milliseconds per page. Shapes and region names are the module's own constants; labels and addresses (which
carry muscle names) go through format_html.
"""

from functools import cache

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from ..bodymap import HEIGHT, SIDE_WIDTH, VIEW_BOX, drawing, figure_of

register = template.Library()

_USES = mark_safe(
    f'<use href="#body-front" width="{SIDE_WIDTH}" height="{HEIGHT}"/>'
    f'<use href="#body-back" x="{SIDE_WIDTH}" width="{SIDE_WIDTH}" height="{HEIGHT}"/>'
)


def _path(part, extra_class=""):
    title = format_html("<title>{}</title>", part.label) if part.label else ""
    return format_html('<path class="bm-{}{}" d="{}">{}</path>', part.region or "base", extra_class, part.path, title)


@cache
def _symbols(language):
    """The symbols with each region's name in `language` (the same for every page of that language)."""
    symbols = "".join(
        f'<symbol id="body-{side}" viewBox="0 0 {SIDE_WIDTH} {HEIGHT}">' + "".join(map(_path, parts)) + "</symbol>"
        for side, _offset, parts in drawing()
    )
    return mark_safe(f'<svg class="body-symbols" aria-hidden="true" focusable="false">{symbols}</svg>')


@register.simple_tag(takes_context=True)
def body_map_symbols(context):
    """The front and back figures as symbols that exercise figures `<use>`; written once per page, however
    many card lists and figures ask (ids must be unique)."""
    request = context.get("request")
    if request is not None:
        if getattr(request, "body_map_symbols_sent", False):
            return ""
        request.body_map_symbols_sent = True
    return _symbols(get_language())


def _figure(figure, css_class="body-map"):
    return format_html(
        '<svg class="{}" viewBox="{}" role="img"><title>{}</title>{}</svg>',
        f"{css_class} {figure.classes}".strip(),
        VIEW_BOX,
        figure.label,
        _USES,
    )


@register.simple_tag
def card_body_map(exercise):
    """A card's figure; nothing when the row was read without its muscles (see ExerciseQuerySet.with_body_map)."""
    figure = figure_of(exercise)
    return _figure(figure) if figure is not None else ""


@register.simple_tag(takes_context=True)
def body_map(context, figure):
    """An exercise's figure at full size, with the symbols it uses when the page has none yet."""
    return body_map_symbols(context) + _figure(figure, "body-map body-map-detail")


def _region(part):
    if part.url and part.repeat:
        return format_html('<a href="{}" tabindex="-1" aria-hidden="true">{}</a>', part.url, _path(part, " bm-link"))
    if part.url:
        return format_html('<a href="{}" aria-label="{}">{}</a>', part.url, part.label, _path(part, " bm-link"))
    return _path(part)


@register.simple_tag
def muscle_map(links, title):
    """The figure drawn inline as a map: each region in `links` ({region: (url, label)}) links to its page."""
    sides = "".join(
        (f'<g transform="translate({offset})">' if offset else "<g>") + "".join(map(_region, parts)) + "</g>"
        for _side, offset, parts in drawing(links)
    )
    return format_html(
        '<svg class="body-map body-map-map" viewBox="{}" id="body-map"><title>{}</title>{}</svg>',
        VIEW_BOX,
        title,
        mark_safe(sides),
    )
