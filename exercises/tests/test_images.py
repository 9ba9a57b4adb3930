import struct
import time
import zlib
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from exercises.images import MAX_IMAGE_BYTES, clean_image_file

from .factories import image_bytes


def png_claiming_size(width, height):
    """A tiny valid PNG whose header claims `width`×`height` pixels: the shape of a decompression bomb."""
    png = bytearray(image_bytes("PNG", size=(1, 1)))
    ihdr_data_start = 16  # 8-byte signature, 4-byte length, 4-byte "IHDR"
    png[ihdr_data_start : ihdr_data_start + 8] = struct.pack(">II", width, height)
    crc = zlib.crc32(bytes(png[12 : ihdr_data_start + 13]))
    png[ihdr_data_start + 13 : ihdr_data_start + 17] = struct.pack(">I", crc)
    return bytes(png)


def upload(content, name="photo.png"):
    return SimpleUploadedFile(name, content)


@pytest.mark.parametrize("image_format", ["JPEG", "PNG", "WEBP"])
def test_allowed_formats_are_accepted_and_keep_their_format(image_format):
    cleaned = clean_image_file(upload(image_bytes(image_format), f"photo.{image_format.lower()}"))
    with Image.open(BytesIO(cleaned.read())) as image:
        assert image.format == image_format


@pytest.mark.parametrize("image_format", ["GIF", "BMP", "TIFF"])
def test_other_image_formats_are_rejected(image_format):
    with pytest.raises(ValidationError) as error:
        clean_image_file(upload(image_bytes(image_format)))
    assert error.value.code == "invalid_image"


def test_non_image_is_rejected():
    with pytest.raises(ValidationError) as error:
        clean_image_file(upload(b"%PDF-1.7 definitely not a picture"))
    assert error.value.code == "invalid_image"


def test_oversize_file_is_rejected_before_decoding():
    with pytest.raises(ValidationError) as error:
        clean_image_file(upload(b"\0" * (MAX_IMAGE_BYTES + 1)))
    assert error.value.code == "image_too_large"


def test_more_than_40_megapixels_is_rejected_without_decoding():
    started = time.perf_counter()
    with pytest.raises(ValidationError) as error:
        clean_image_file(upload(png_claiming_size(8000, 6000)))  # 48 MP
    assert error.value.code == "image_too_many_pixels"
    assert time.perf_counter() - started < 1


def test_decompression_bomb_is_rejected():
    with pytest.raises(ValidationError) as error:
        clean_image_file(upload(png_claiming_size(100_000, 100_000)))
    assert error.value.code == "invalid_image"


def test_truncated_image_is_rejected():
    whole = image_bytes("JPEG", size=(400, 300))
    with pytest.raises(ValidationError) as error:
        clean_image_file(upload(whole[: len(whole) // 2], "photo.jpg"))
    assert error.value.code == "broken_image"


def test_exif_is_removed_after_orientation_is_applied():
    exif = Image.Exif()
    exif[0x0112] = 8  # rotate 90° to display
    exif[0x8825] = {1: "N"}  # GPS
    cleaned = clean_image_file(upload(image_bytes("JPEG", size=(60, 20), exif=exif), "photo.jpg"))
    with Image.open(BytesIO(cleaned.read())) as image:
        assert image.size == (20, 60)
        assert not image.getexif()
    assert cleaned.name == "photo.jpg"
