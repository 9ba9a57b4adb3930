"""{% site_navigation as nav %}: the header menu and footer links of the current language (pages/navigation.py)."""

from django import template

from .. import navigation

register = template.Library()


@register.simple_tag(takes_context=True)
def site_navigation(context):
    request = context.get("request")
    if request is None:  # a template rendered outside a request (e-mail, tests of a fragment)
        return navigation.Navigation()
    return navigation.for_request(request)


@register.simple_tag(takes_context=True)
def section_page(context):
    """The top-level section page (Hugo's <section>/_index.md) at this address, e.g. the exercise list's
    introduction; read from the navigation, so it costs no query of its own."""
    request = context.get("request")
    return site_navigation(context).section_at(request.path) if request is not None else None
