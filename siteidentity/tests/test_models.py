"""The checks an editor meets: a readable accent colour, a logo that cannot run or load anything."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from exercises.tests.factories import image_bytes
from siteidentity.colours import contrast, validate_accent
from siteidentity.logos import cleaned_logo, validate_logo


def svg(inner=b"<rect width='10' height='10'/>", attributes=b'viewBox="0 0 300 100"'):
    return SimpleUploadedFile(
        "logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg" ' + attributes + b">" + inner + b"</svg>"
    )


def test_contrast_of_black_on_white_is_21():
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0


@pytest.mark.parametrize("colour", ["#0b5d4b", "#6a1b9a", "#000000"])
def test_dark_accents_are_accepted(colour):
    validate_accent(colour)


@pytest.mark.parametrize("colour", ["#ffeb3b", "#7fbf7f", "#ffffff"])
def test_light_accents_are_refused_with_the_ratio(colour):
    with pytest.raises(ValidationError, match="too light"):
        validate_accent(colour)


@pytest.mark.parametrize("colour", ["red", "#abc", "0b5d4b", "#0b5d4g"])
def test_accents_that_are_not_six_hex_digits_are_refused(colour):
    with pytest.raises(ValidationError, match="six hexadecimal digits"):
        validate_accent(colour)


def test_a_plain_svg_logo_is_kept_with_its_proportions():
    stored, width, height = cleaned_logo(svg())
    assert (width, height) == (120, 40)
    assert stored.read().startswith(b"<svg")


@pytest.mark.parametrize(
    "inner, attributes",
    [
        (b"<script>alert(1)</script>", b""),
        (b"<rect onload='alert(1)'/>", b""),
        (b"<a href='javascript:alert(1)'><rect/></a>", b""),
        (b"<image href='https://tracker.example/x.png'/>", b""),
        (b"<foreignObject><p>hi</p></foreignObject>", b""),
        (b"<style>@import url(https://evil.example/x.css);</style>", b""),
        (b"<style>rect{fill:url(https://evil.example/x)}</style>", b""),
    ],
)
def test_svg_logos_that_run_or_load_something_are_refused(inner, attributes):
    with pytest.raises(ValidationError):
        validate_logo(svg(inner, attributes or b'viewBox="0 0 10 10"'))


def test_an_svg_with_entities_is_refused_before_parsing():
    bomb = b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>'
    with pytest.raises(ValidationError, match="DOCTYPE"):
        validate_logo(SimpleUploadedFile("logo.svg", bomb))


def test_a_raster_logo_is_reencoded_and_sized_to_the_header_height():
    stored, width, height = cleaned_logo(SimpleUploadedFile("logo.png", image_bytes("PNG", size=(200, 50))))
    assert (width, height) == (160, 40)
    assert stored.name.endswith(".png")


def test_a_file_that_is_not_an_image_is_refused():
    with pytest.raises(ValidationError):
        validate_logo(SimpleUploadedFile("logo.png", b"not an image"))
