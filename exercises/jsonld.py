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


def video_object(item, thumbnail_url: str, *, url: str = "", duration: int | None = None) -> dict | None:
    """A VideoObject for an exercise's or workout's YouTube video: what Google still shows as a rich result.

    `duration` is the content's own length (the exercise's or the workout's time): the video's length is
    not stored, and a follow-along video runs as long as what it follows. `url` is the page, to give the
    video an @id a HowTo can point to.
    """
    if not VIDEO_ID.fullmatch(item.video_id or ""):
        return None
    uploaded = item.date or item.publish_at
    return _compact(
        {
            "@context": "https://schema.org",
            "@type": "VideoObject",
            "@id": f"{url}#video" if url else None,
            "name": item.title,
            "description": item.description or item.title,
            "thumbnailUrl": thumbnail_url,
            "embedUrl": f"https://www.youtube-nocookie.com/embed/{item.video_id}",
            "contentUrl": f"https://www.youtube.com/watch?v={item.video_id}",
            "uploadDate": uploaded.isoformat() if uploaded else None,
            "duration": iso_duration(duration),
            "inLanguage": item.language,
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
            "video": {"@id": video["@id"]} if video else None,
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
