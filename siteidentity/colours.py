"""The accent colour: checked for contrast, since white header text sits on it and links in it sit on the page."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
# The lightest backgrounds the accent meets: the page (white) and the footer's tint (static/css/site.css).
BACKGROUNDS = ("#ffffff", "#f1f5f3")
MIN_CONTRAST = 4.5  # WCAG AA for normal text


def _luminance(colour: str) -> float:
    def channel(hex_pair):
        value = int(hex_pair, 16) / 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(colour[i : i + 2]) for i in (1, 3, 5))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first: str, second: str) -> float:
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def darker(colour: str, factor: float = 0.7) -> str:
    """The hover shade: each channel scaled towards black."""
    return "#" + "".join(f"{round(int(colour[i : i + 2], 16) * factor):02x}" for i in (1, 3, 5))


def validate_accent(value: str):
    if not HEX_COLOUR.fullmatch(value or ""):
        raise ValidationError(_("Write the colour as # and six hexadecimal digits, e.g. #0b5d4b."), code="bad_colour")
    worst = min(contrast(value, background) for background in BACKGROUNDS)
    if worst < MIN_CONTRAST:
        raise ValidationError(
            _(
                "%(colour)s is too light: its contrast with the page is %(ratio).1f:1, and text needs 4.5:1. "
                "Pick a darker shade."
            ),
            code="low_contrast",
            params={"colour": value, "ratio": worst},
        )
