"""The body map's template tags: the shared symbols (once per page), a card's figure, an inline figure."""

from django import template
from django.template.loader import render_to_string

from ..bodymap import VIEW_BOX, Figure, figure_of

register = template.Library()


def _render(mode, **context):
    return render_to_string("exercises/_body_map.html", {"mode": mode, "view_box": VIEW_BOX, **context})


@register.simple_tag(takes_context=True)
def body_map_symbols(context):
    """The front and back figures as symbols that cards `<use>`; rendered once per page, however many card
    lists include it (ids must be unique)."""
    request = context.get("request")
    if request is not None:
        if getattr(request, "body_map_symbols_sent", False):
            return ""
        request.body_map_symbols_sent = True
    return _render("symbols", sides=Figure().sides())


@register.simple_tag
def card_body_map(exercise):
    """A card's figure, drawn from the shared symbols; nothing when the row was read without its muscles."""
    figure = figure_of(exercise)
    return _render("card", figure=figure) if figure is not None else ""


@register.simple_tag
def body_map(figure):
    """An exercise's whole figure inline, each region labelled with its name and how much it works."""
    return _render("inline", figure=figure, title=figure.label, sides=figure.sides())


@register.simple_tag
def muscle_map(links, title):
    """The figure as a map: each region in `links` ({region: (url, label)}) links to its muscle page."""
    return _render("map", title=title, sides=Figure().sides(links))
