"""The content-health panel of the admin index: counts, links to the filtered changelist, an SVG bar chart."""

from django import template
from django.core.cache import cache

from exercises.caching import current_content_version

from ..checks import report

register = template.Library()

BAR_WIDTH = 240  # pixels for the largest count
ROW_HEIGHT = 22
CACHE_SECONDS = 600


@register.inclusion_tag("admin/health/panel.html", takes_context=True)
def content_health(context):
    user = context["request"].user
    if not user.has_perm("exercises.view_exercise"):
        return {"rows": None}
    rows = health_rows()
    return {"rows": rows, "height": ROW_HEIGHT * len(rows), "bar_width": BAR_WIDTH}


def health_rows():
    """The report as the panel draws it; counted again only when the content changes (or after ten minutes,
    for files that vanish without a save)."""
    version = current_content_version()[0]
    key = f"content-health:{version}"
    counts = cache.get(key) if version is not None else None
    if counts is None:
        counts = [(check.key, str(check.label), check.changelist, count) for check, count in report()]
        if version is not None:
            cache.set(key, counts, CACHE_SECONDS)
    largest = max((count for *_rest, count in counts), default=0) or 1
    return [
        {
            "key": key,
            "label": label,
            "count": count,
            "url": f"{changelist}?health={key}",
            "y": index * ROW_HEIGHT,
            "width": round(BAR_WIDTH * count / largest),
        }
        for index, (key, label, changelist, count) in enumerate(counts)
    ]
