"""schema.org structured data for exercise pages, as plain dicts (serialised by the json_ld template tag)."""

from django.utils.html import strip_tags

from .youtube import VIDEO_ID


def iso_duration(seconds: int | None) -> str | None:
    """ISO 8601 duration: 90 → 'PT1M30S', 3600 → 'PT1H'."""
    if not seconds:
        return None
    hours, rest = divmod(int(seconds), 3600)
    minutes, seconds = divmod(rest, 60)
    parts = [f"{value}{unit}" for value, unit in ((hours, "H"), (minutes, "M"), (seconds, "S")) if value]
    return "PT" + "".join(parts)


def _iso(moment) -> str | None:
    return moment.isoformat() if moment else None


def _compact(data: dict) -> dict:
    return {key: value for key, value in data.items() if value not in (None, "", [])}


def video_object(exercise, thumbnail_url: str) -> dict | None:
    if not VIDEO_ID.fullmatch(exercise.video_id or ""):
        return None
    return _compact(
        {
            "@type": "VideoObject",
            "name": exercise.title,
            "description": exercise.description or exercise.title,
            "thumbnailUrl": thumbnail_url,
            "embedUrl": f"https://www.youtube-nocookie.com/embed/{exercise.video_id}",
            "contentUrl": f"https://www.youtube.com/watch?v={exercise.video_id}",
            "uploadDate": exercise.date.isoformat() if exercise.date else None,
        }
    )


def how_to(exercise, *, url: str, steps, equipment, image_url: str = "", video: dict | None = None) -> dict:
    return _compact(
        {
            "@context": "https://schema.org",
            "@type": "HowTo",
            "name": exercise.title,
            "description": exercise.description,
            "url": url,
            "inLanguage": exercise.language,
            "image": image_url,
            "totalTime": iso_duration(exercise.duration),
            "tool": [{"@type": "HowToTool", "name": tag.name} for tag in equipment],
            "supply": [],
            "step": [
                {"@type": "HowToStep", "position": number, "text": step.text, "url": f"{url}#step-{number}"}
                for number, step in enumerate(steps, start=1)
            ],
            "video": video,
            "author": {"@type": "Person", "name": exercise.author} if exercise.author else None,
            "datePublished": _iso(exercise.date),
            # Only dates the content gave: an undated file's import time would change on every fresh import.
            "dateModified": _iso(exercise.lastmod or exercise.date),
        }
    )


def faq_page(faqs) -> dict | None:
    if not faqs:
        return None
    return {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "mainEntity": [
            {
                "@type": "Question",
                "name": faq.question,
                "acceptedAnswer": {"@type": "Answer", "text": strip_tags(faq.answer)},
            }
            for faq in faqs
        ],
    }


def breadcrumb_list(crumbs) -> dict | None:
    """`crumbs`: (name, absolute URL) pairs from the home page down to the current page."""
    if not crumbs:
        return None
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": number, "name": str(name), "item": url}
            for number, (name, url) in enumerate(crumbs, start=1)
        ],
    }
