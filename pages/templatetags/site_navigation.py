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
