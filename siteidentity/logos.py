"""Logo uploads: an SVG without anything that could run or load (scripts, event handlers, outside references),
or a raster image cleaned like every other upload (exercises/images.py)."""

import re
from pathlib import Path
from xml.etree import ElementTree

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image

from exercises.images import clean_image_file

MAX_SVG_BYTES = 200 * 1024
LOGO_HEIGHT = 40  # CSS pixels in the header; width follows the logo's proportions
SVG_NAMESPACE = "{http://www.w3.org/2000/svg}"
FORBIDDEN_ELEMENTS = {"script", "foreignobject", "iframe", "embed", "object", "use", "image", "a", "animate", "set"}
NUMBER = re.compile(r"[0-9.]+")


def _is_svg(file) -> bool:
    return Path(getattr(file, "name", "") or "").suffix.lower() == ".svg"


def _read(file) -> bytes:
    file.seek(0)
    data = file.read()
    file.seek(0)
    return data


def _local_name(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].lower()


def _svg_root(data: bytes):
    """The parsed SVG, refused if it declares entities or holds anything active."""
    if len(data) > MAX_SVG_BYTES:
        raise ValidationError(_("An SVG logo may be at most 200 KB."), code="svg_too_large")
    if b"<!DOCTYPE" in data.upper() or b"<!ENTITY" in data.upper():
        raise ValidationError(_("The SVG declares a DOCTYPE or entities; save it without them."), code="svg_doctype")
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as error:
        raise ValidationError(_("This is not a valid SVG file (%(error)s)."), params={"error": error}) from None
    if root.tag not in (f"{SVG_NAMESPACE}svg", "svg"):
        raise ValidationError(_("This file is not an SVG image."), code="not_svg")
    for element in root.iter():
        _check_element(element)
    return root


def _check_element(element):
    name = _local_name(element.tag)
    if name in FORBIDDEN_ELEMENTS:
        raise ValidationError(
            _("The SVG contains a <%(element)s> element; logos may hold only shapes, text and styles."),
            code="svg_active",
            params={"element": name},
        )
    for attribute, value in element.attrib.items():
        attribute = _local_name(attribute)
        lowered = value.strip().lower()
        outside_reference = attribute == "href" and not lowered.startswith("#")
        if attribute.startswith("on") or "javascript:" in lowered or outside_reference:
            raise ValidationError(
                _("The SVG has an attribute that runs or loads something (%(attribute)s)."),
                code="svg_active",
                params={"attribute": attribute},
            )
    text = (element.text or "").lower()
    if name == "style" and ("@import" in text or re.search(r"url\(\s*['\"]?(?!#)", text)):
        raise ValidationError(_("The SVG's styles load something from elsewhere."), code="svg_active")


def _svg_size(root) -> tuple[int, int]:
    """Width and height at LOGO_HEIGHT, from the viewBox or the width and height attributes."""
    box = root.get("viewBox", "").replace(",", " ").split()
    try:
        width, height = (
            (float(box[2]), float(box[3]))
            if len(box) == 4
            else (
                float(NUMBER.match(root.get("width", "")).group()),
                float(NUMBER.match(root.get("height", "")).group()),
            )
        )
    except (AttributeError, ValueError):
        width = height = 1.0
    if width <= 0 or height <= 0:
        width = height = 1.0
    return round(LOGO_HEIGHT * width / height), LOGO_HEIGHT


def validate_logo(file):
    if getattr(file, "_committed", False):  # already stored, so already checked
        return
    if _is_svg(file):
        _svg_root(_read(file))
    else:
        clean_image_file(file)


def cleaned_logo(file) -> tuple:
    """(file to store, width, height in CSS pixels at LOGO_HEIGHT)."""
    if _is_svg(file):
        root = _svg_root(_read(file))
        width, height = _svg_size(root)
        return ContentFile(_read(file), name=Path(file.name).name), width, height
    cleaned = clean_image_file(file)
    with Image.open(cleaned) as image:
        width, height = image.size
    cleaned.seek(0)
    return cleaned, round(LOGO_HEIGHT * width / max(height, 1)), LOGO_HEIGHT
