"""Responsive image renditions: several widths in WebP and in the original format, made once per image.

Renditions are written next to a small JSON manifest in default storage, after the save that stored
a new image commits, in a background thread: no request waits for them, and pages show the original
image until they exist. Pages only read the manifest, and cache it, so no request ever resizes an image.
"""

import json
import logging
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import wait as wait_for_futures
from functools import partial
from pathlib import PurePosixPath

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import DatabaseError, connections, transaction
from PIL import Image, ImageOps

from publisher import changes as publisher_changes

from .caching import bump_content_version
from .images import SAVE_OPTIONS, encode

logger = logging.getLogger(__name__)

WIDTHS = (320, 640, 960, 1280)
ROOT = "renditions"
FORMATS = {"JPEG": ("image/jpeg", "jpg"), "PNG": ("image/png", "png"), "WEBP": ("image/webp", "webp")}
CACHE_PREFIX = "renditions:"

# One worker: renditions of a 40-megapixel image take seconds of CPU and hundreds of MB; never several at once.
_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="renditions")
_pending: set[Future] = set()


def manifest_name(image_name: str) -> str:
    return f"{ROOT}/{image_name}.json"


def _widths(original_width: int) -> list[int]:
    widths = [width for width in WIDTHS if width < original_width]
    return sorted({*widths, min(original_width, WIDTHS[-1])})


def _open_upright(image_name: str, storage) -> tuple[Image.Image, str, tuple[int, int]]:
    """(pixels, format, full size): a large JPEG is decoded at 1/2, 1/4 or 1/8 scale, still at least WIDTHS[-1]."""
    with storage.open(image_name, "rb") as file:
        image = Image.open(file)
        image_format = image.format if image.format in FORMATS else "JPEG"
        full_size = image.size
        image.draft(image.mode, (WIDTHS[-1], WIDTHS[-1]))
        drafted = image.size
        ImageOps.exif_transpose(image, in_place=True)  # images stored before EXIF was stripped may still be turned
        image.load()
    if image.size != drafted:
        full_size = full_size[::-1]
    return image, image_format, full_size


def generate(image_name: str, storage=None) -> dict:
    """Write the renditions of a stored image and its manifest; return the manifest.

    Manifest: {"width", "height", "sources": {mime type: [[width, name], …]}, "fallback": mime type}.
    On any failure, interruption included, the renditions written so far are deleted again.
    """
    storage = storage or default_storage
    image, image_format, (full_width, full_height) = _open_upright(image_name, storage)
    width, height = image.size
    stem = str(PurePosixPath(ROOT) / PurePosixPath(image_name).with_suffix(""))
    formats = ["WEBP"] + ([image_format] if image_format != "WEBP" else [])
    sources = {FORMATS[rendition_format][0]: [] for rendition_format in formats}
    written = []
    try:
        for target in _widths(width):
            resized = (
                image
                if target == width
                else image.resize((target, round(height * target / width)), Image.LANCZOS, reducing_gap=3.0)
            )
            for rendition_format in formats:
                mime, extension = FORMATS[rendition_format]
                data = encode(resized, rendition_format, **SAVE_OPTIONS[rendition_format])
                written.append(storage.save(f"{stem}-{target}w.{extension}", ContentFile(data)))
                sources[mime].append([target, written[-1]])
        fallback = FORMATS[image_format][0]
        manifest = {"width": full_width, "height": full_height, "sources": sources, "fallback": fallback}
        name = manifest_name(image_name)
        if storage.exists(name):
            storage.delete(name)
        storage.save(name, ContentFile(json.dumps(manifest).encode()))
    except BaseException:
        for name in written:
            storage.delete(name)
        raise
    cache.set(CACHE_PREFIX + image_name, manifest, None)
    return manifest


def manifest(image_name: str) -> dict | None:
    """The renditions of an image, or None when there are none (yet)."""
    if not image_name:
        return None
    key = CACHE_PREFIX + image_name
    found = cache.get(key)
    if found is None:
        found = stored_manifest(image_name) or {}
        cache.set(key, found, None if found else 60)
    return found or None


def stored_manifest(image_name: str) -> dict | None:
    """The manifest as stored, without the cache; None when there is none or it cannot be read."""
    try:
        with default_storage.open(manifest_name(image_name), "rb") as file:
            return json.load(file)
    except (OSError, ValueError):
        return None


def largest_url(image_name: str) -> str:
    """The URL of the largest rendition in the image's own format, or of the image itself if there is none."""
    found = manifest(image_name)
    if not found:
        return default_storage.url(image_name)
    _width, name = found["sources"][found["fallback"]][-1]
    return default_storage.url(name)


def ensure_images(names) -> None:
    """Make the renditions of stored images that have none; log (not raise) a failure.

    Pages cached while an image had no renditions showed the original, so they are made stale.
    """
    made = 0
    for name in names:
        if not name or default_storage.exists(manifest_name(name)):
            continue
        try:
            generate(name)
            made += 1
        except (OSError, ValueError, Image.DecompressionBombError) as error:
            logger.warning("Could not make renditions of %s: %s", name, error)
    if made:
        try:
            bump_content_version()
            publisher_changes.images_changed(names)
        except DatabaseError as error:  # e.g. SQLite busy with an import: pages refresh on the next change
            logger.warning("Renditions made, but cached pages were not refreshed: %s", error)


def make_after_commit(name: str) -> None:
    """Make an image's renditions once the current transaction commits, in the background thread."""
    transaction.on_commit(partial(_start, name))


def _start(name: str) -> None:
    if not settings.RENDITIONS_IN_BACKGROUND:
        ensure_images([name])
        return
    future = _executor.submit(_make_in_thread, name)
    _pending.add(future)
    future.add_done_callback(_pending.discard)


def _make_in_thread(name: str) -> None:
    try:
        ensure_images([name])
    except Exception:  # nobody waits for this thread to hear of it
        logger.exception("Could not make renditions of %s", name)
    finally:
        connections.close_all()  # this thread's own connections only


def wait(timeout: float | None = None) -> None:
    """Block until the renditions asked for so far are made."""
    wait_for_futures(list(_pending), timeout)


def make_renditions_on_save(sender, instance, raw=False, **kwargs):
    """post_save of an exercise (connected in signals.py): its image's renditions, after the commit."""
    name = instance.image.name if instance.image else ""
    if not raw and name and not default_storage.exists(manifest_name(name)):
        make_after_commit(name)


def srcset(sources: list) -> str:
    return ", ".join(f"{default_storage.url(name)} {width}w" for width, name in sources)
