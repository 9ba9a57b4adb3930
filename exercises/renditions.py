"""Responsive image renditions: several widths in WebP and in the original format, made once per image.

Renditions are written next to a small JSON manifest in default storage when an exercise is saved
with a new image (the admin and the importer both save through the model). Pages only read the
manifest, and cache it, so no request ever resizes an image.
"""

import json
import logging
from io import BytesIO
from pathlib import PurePosixPath

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models.signals import post_save
from django.dispatch import receiver
from PIL import Image, ImageOps

from .images import SAVE_OPTIONS

logger = logging.getLogger(__name__)

WIDTHS = (320, 640, 960, 1280)
ROOT = "renditions"
FORMATS = {"JPEG": ("image/jpeg", "jpg"), "PNG": ("image/png", "png"), "WEBP": ("image/webp", "webp")}
CACHE_PREFIX = "renditions:"


def manifest_name(image_name: str) -> str:
    return f"{ROOT}/{image_name}.json"


def _widths(original_width: int) -> list[int]:
    widths = [width for width in WIDTHS if width < original_width]
    return sorted({*widths, min(original_width, WIDTHS[-1])})


def generate(image_name: str, storage=None) -> dict:
    """Write the renditions of a stored image and its manifest; return the manifest.

    Manifest: {"width", "height", "sources": {mime type: [[width, name], …]}, "fallback": mime type}.
    """
    storage = storage or default_storage
    with storage.open(image_name, "rb") as file:
        image = Image.open(file)
        image_format = image.format if image.format in FORMATS else "JPEG"
        image = ImageOps.exif_transpose(image)
        image.load()
    width, height = image.size
    stem = str(PurePosixPath(ROOT) / PurePosixPath(image_name).with_suffix(""))
    formats = ["WEBP"] + ([image_format] if image_format != "WEBP" else [])
    sources = {}
    for rendition_format in formats:
        mime, extension = FORMATS[rendition_format]
        sources[mime] = []
        for target in _widths(width):
            resized = (
                image if target == width else image.resize((target, round(height * target / width)), Image.LANCZOS)
            )
            if rendition_format == "JPEG" and resized.mode not in ("RGB", "L"):
                resized = resized.convert("RGB")
            output = BytesIO()
            resized.save(output, format=rendition_format, **SAVE_OPTIONS[rendition_format])
            name = storage.save(f"{stem}-{target}w.{extension}", ContentFile(output.getvalue()))
            sources[mime].append([target, name])
    manifest = {"width": width, "height": height, "sources": sources, "fallback": FORMATS[image_format][0]}
    name = manifest_name(image_name)
    if storage.exists(name):
        storage.delete(name)
    storage.save(name, ContentFile(json.dumps(manifest).encode()))
    cache.set(CACHE_PREFIX + image_name, manifest, None)
    return manifest


def manifest(image_name: str) -> dict | None:
    """The renditions of an image, or None when there are none (yet)."""
    if not image_name:
        return None
    key = CACHE_PREFIX + image_name
    found = cache.get(key)
    if found is None:
        try:
            with default_storage.open(manifest_name(image_name), "rb") as file:
                found = json.load(file)
        except (OSError, ValueError):
            found = {}
        cache.set(key, found, None if found else 60)
    return found or None


def largest_url(image_name: str) -> str:
    """The URL of the largest rendition in the image's own format, or of the image itself if there is none."""
    found = manifest(image_name)
    if not found:
        return default_storage.url(image_name)
    _width, name = found["sources"][found["fallback"]][-1]
    return default_storage.url(name)


def ensure(exercise) -> dict | None:
    """Make the renditions of the exercise's image unless they already exist."""
    return ensure_image(exercise.image.name if exercise.image else "")


def ensure_image(name: str) -> dict | None:
    """Make the renditions of a stored image unless they already exist; log (not raise) a failure."""
    if not name or default_storage.exists(manifest_name(name)):
        return manifest(name)
    try:
        return generate(name)
    except (OSError, ValueError, Image.DecompressionBombError) as error:
        logger.warning("Could not make renditions of %s: %s", name, error)
        return None


@receiver(post_save, sender="exercises.Exercise", dispatch_uid="exercise_image_renditions")
def _make_renditions_on_save(sender, instance, raw=False, **kwargs):
    if not raw:
        ensure(instance)


def srcset(sources: list) -> str:
    return ", ".join(f"{default_storage.url(name)} {width}w" for width, name in sources)
