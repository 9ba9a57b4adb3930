"""YouTube video ids: the one format we store, and the URL shapes editors paste."""

import re
from urllib.parse import parse_qs, urlsplit

VIDEO_ID = re.compile(r"[A-Za-z0-9_-]{11}")
YOUTUBE_HOSTS = {
    "youtube.com",
    "www.youtube.com",
    "m.youtube.com",
    "youtube-nocookie.com",
    "www.youtube-nocookie.com",
    "youtu.be",
    "www.youtu.be",
}
PATH_PREFIXES = ("/embed/", "/shorts/", "/live/", "/v/")


def parse_video_id(value: str) -> str:
    """Return the 11-character id from a bare id or a YouTube URL; raise ValueError otherwise.

    Accepts watch?v=, youtu.be/, embed/ and shorts/ URLs, with or without a scheme.
    """
    value = (value or "").strip()
    if VIDEO_ID.fullmatch(value):
        return value
    url = value if "://" in value else f"https://{value}"
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if host not in YOUTUBE_HOSTS:
        raise ValueError(f"“{value[:100]}” is not a YouTube video id or URL.")
    if host.endswith("youtu.be"):
        candidate = parts.path.strip("/").split("/")[0]
    elif parts.path == "/watch":
        candidate = parse_qs(parts.query).get("v", [""])[0]
    else:
        candidate = next(
            (parts.path[len(prefix) :].split("/")[0] for prefix in PATH_PREFIXES if parts.path.startswith(prefix)),
            "",
        )
    if not VIDEO_ID.fullmatch(candidate):
        raise ValueError(f"“{value[:100]}” has no valid YouTube video id (11 letters, digits, - or _).")
    return candidate


def thumbnail_url(video_id: str) -> str:
    """YouTube's still of a video, shown before play (no request to YouTube until then); '' without a video."""
    return f"https://i.ytimg.com/vi/{video_id}/hqdefault.jpg" if video_id else ""
