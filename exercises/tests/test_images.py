import struct
import time
import zlib
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from exercises.images import MAX_IMAGE_BYTES, clean_image_file

from .factories import assert_only_colour_profile_kept, camera_jpeg, colour_profile, image_bytes


def png_claiming_size(width, height):
    """A tiny valid PNG whose header claims `width`×`height` pixels: the shape of a decompression bomb."""
    png = bytearray(image_bytes("PNG", size=(1, 1)))
    ihdr_data_start = 16  # 8-byte signature, 4-byte length, 4-byte "IHDR"
    png[ihdr_data_start : ihdr_data_start + 8] = struct.pack(">II", width, height)
    crc = zlib.crc32(bytes(png[12 : ihdr_data_start + 13]))
    png[ihdr_data_start + 13 : ihdr_data_start + 17] = struct.pack(">I", crc)
    return bytes(png)


def jpeg_claiming_size(width, height):
    """A tiny JPEG whose frame header (SOF0) claims `width`×`height` pixels."""
    jpeg = bytearray(image_bytes("JPEG", size=(8, 8)))
    sof = jpeg.index(b"\xff\xc0")
    jpeg[sof + 5 : sof + 9] = struct.pack(">HH", height, width)
    return bytes(jpeg)


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


def test_decompression_bomb_is_rejected_with_the_megapixel_limit():
    with pytest.raises(ValidationError) as error:
        clean_image_file(upload(png_claiming_size(100_000, 100_000)))
    assert error.value.code == "image_too_many_pixels"


def test_huge_jpeg_is_rejected_with_its_size_and_the_limit_without_decoding():
    started = time.perf_counter()
    with pytest.raises(ValidationError) as error:
        clean_image_file(upload(jpeg_claiming_size(20_000, 20_000), "huge.jpg"))
    assert error.value.messages == ["The image is 20000×20000 pixels; the limit is 40 megapixels."]
    assert time.perf_counter() - started < 1


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


def test_jpeg_keeps_its_colour_profile_and_loses_comment_exif_xmp_and_iptc():
    cleaned = clean_image_file(upload(camera_jpeg(), "photo.jpg"))
    assert_only_colour_profile_kept(cleaned.read(), colour_profile())


def test_png_loses_text_exif_and_xmp_chunks_but_keeps_its_colour_profile():
    from PIL.PngImagePlugin import PngInfo

    text = PngInfo()
    text.add_text("Description", "secret comment")
    text.add_text("XML:com.adobe.xmp", "<x:xmpmeta>secret-xmp</x:xmpmeta>", zip=True)
    text.add_itxt("Comment", "secret-caption", lang="en")
    exif = Image.Exif()
    exif[0x010F] = "SecretCameraMaker"
    png = image_bytes("PNG", pnginfo=text, exif=exif, icc_profile=colour_profile())
    assert_only_colour_profile_kept(clean_image_file(upload(png, "photo.png")).read(), colour_profile())


def test_webp_loses_exif_and_xmp_but_keeps_its_colour_profile():
    exif = Image.Exif()
    exif[0x010F] = "SecretCameraMaker"
    webp = image_bytes("WEBP", exif=exif, xmp=b"<x:xmpmeta>secret-xmp</x:xmpmeta>", icc_profile=colour_profile())
    assert_only_colour_profile_kept(clean_image_file(upload(webp, "photo.webp")).read(), colour_profile())


def test_image_without_a_colour_profile_gets_none():
    assert_only_colour_profile_kept(clean_image_file(upload(image_bytes("JPEG"), "photo.jpg")).read(), None)
