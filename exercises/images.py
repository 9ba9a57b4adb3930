"""Image uploads: strict checks before decoding, then a clean re-encode without EXIF."""

import warnings
from io import BytesIO
from pathlib import Path

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_IMAGE_BYTES = 10 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000
EXTENSION_FOR_FORMAT = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
SAVE_OPTIONS = {"JPEG": {"quality": 88, "optimize": True}, "PNG": {"optimize": True}, "WEBP": {"quality": 85}}


def clean_image_file(file, name: str | None = None) -> ContentFile:
    """Check an uploaded image and return it re-encoded, upright and without EXIF.

    Size, format and pixel count are checked before the pixels are decoded, so a
    decompression bomb never gets to allocate its memory. Raises ValidationError.
    """
    name = name or getattr(file, "name", None) or "image"
    size = getattr(file, "size", None)
    if size is None:
        file.seek(0, 2)
        size = file.tell()
    if size > MAX_IMAGE_BYTES:
        raise ValidationError(
            _("The image is %(size)s MB; the limit is 10 MB."),
            code="image_too_large",
            params={"size": f"{size / 1024 / 1024:.1f}"},
        )
    file.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(file, formats=list(EXTENSION_FOR_FORMAT))
            width, height = image.size
            if width * height > MAX_IMAGE_PIXELS:
                raise ValidationError(
                    _("The image is %(width)s×%(height)s pixels; the limit is 40 megapixels."),
                    code="image_too_many_pixels",
                    params={"width": width, "height": height},
                )
            image.load()  # a truncated or corrupt file fails here, not later on a page
    except ValidationError:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(
            _("This file is not a JPEG, PNG or WebP image, or it is too large to open."), code="invalid_image"
        )
    except (OSError, SyntaxError, ValueError, EOFError):
        raise ValidationError(_("The image file is damaged or incomplete."), code="broken_image")

    image_format = image.format
    upright = ImageOps.exif_transpose(image)
    output = BytesIO()
    options = dict(SAVE_OPTIONS[image_format])
    if icc_profile := image.info.get("icc_profile"):
        options["icc_profile"] = icc_profile
    if image_format == "JPEG" and upright.mode not in ("RGB", "L", "CMYK"):
        upright = upright.convert("RGB")
    # No exif= argument: Pillow writes no EXIF (location, camera serial) unless asked to.
    upright.save(output, format=image_format, **options)
    stem = Path(name).stem[:80] or "image"
    return ContentFile(output.getvalue(), name=f"{stem}.{EXTENSION_FOR_FORMAT[image_format]}")


class SafeImageField(forms.FileField):
    """An image upload field that applies clean_image_file instead of Django's own Pillow check."""

    default_error_messages = {"invalid_image": _("Upload a JPEG, PNG or WebP image.")}

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}))
        super().__init__(*args, **kwargs)

    def to_python(self, data):
        upload = super().to_python(data)
        if upload is None:
            return None
        return clean_image_file(upload)
