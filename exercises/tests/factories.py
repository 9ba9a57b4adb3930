"""Small factory functions for tests: build exactly the rows a test needs."""

import struct
from datetime import timedelta
from functools import cache
from io import BytesIO

from django.contrib.auth.models import Group, Permission, User
from django.utils import timezone
from PIL import Image

from exercises.models import FAQ, Exercise, Level, Modification, Status, Step
from exercises.search import refresh_search_text


def make_exercise(title="Prone Leg Lift", *, steps=(), modifications=(), faqs=(), muscles=(), equipment=(), **fields):
    """Create an exercise; published and public now unless fields say otherwise."""
    fields.setdefault("slug", title.lower().replace(" ", "-"))
    fields.setdefault("language", "en")
    fields.setdefault("status", Status.PUBLISHED)
    fields.setdefault("publish_at", timezone.now() - timedelta(days=1))
    exercise = Exercise.objects.create(title=title, **fields)
    Step.objects.bulk_create(Step(exercise=exercise, text=text, order=i) for i, text in enumerate(steps))
    Modification.objects.bulk_create(
        Modification(exercise=exercise, name=name, level=level, description=description, order=i)
        for i, (name, level, description) in enumerate(modifications)
    )
    FAQ.objects.bulk_create(FAQ(exercise=exercise, question=q, answer=a, order=i) for i, (q, a) in enumerate(faqs))
    if muscles:
        exercise.muscles.set(list(muscles))
    if equipment:
        exercise.equipment.set(list(equipment))
    exercise.search_text = refresh_search_text([exercise.pk])[exercise.pk]  # bulk_create sends no signals
    return exercise


def make_full_exercise(title="Prone Leg Lift", **fields):
    return make_exercise(
        title,
        description="Lift one straight leg while lying face down.",
        body="## Benefits\n\nStronger glutes.",
        steps=("Lie face down.", "Lift one leg.", "Lower it slowly."),
        modifications=(("Bent knee", Level.EASIER, "Bend the knee."), ("Ankle weight", Level.HARDER, "Add weight.")),
        faqs=(("How many?", "10 to 15 per leg."),),
        muscles=("Gluteus Maximus", "Hamstrings"),
        equipment=("Mat",),
        **fields,
    )


def restore_editors_group():
    """Recreate the Editors group of the data migration, which tests on a flushed database lose."""
    group, _created = Group.objects.get_or_create(name="Editors")
    group.permissions.set(Permission.objects.filter(content_type__app_label__in=["exercises", "workouts", "pages"]))


def make_editor(username="editor", password="correct horse battery"):
    user = User.objects.create_user(username, password=password, is_staff=True)
    if not Group.objects.filter(name="Editors").exists():  # a transactional test before this one flushed it
        restore_editors_group()
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def image_bytes(format="JPEG", size=(64, 48), color=(200, 80, 40), **save_options):
    buffer = BytesIO()
    Image.new("RGB", size, color).save(buffer, format=format, **save_options)
    return buffer.getvalue()


SECRETS = (b"secret comment", b"secret-xmp", b"secret-caption", b"SecretCameraMaker")


@cache  # a new profile carries its creation time, so two calls a second apart differ
def colour_profile():
    from PIL import ImageCms

    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def camera_jpeg(size=(800, 600)):
    """A JPEG as a phone writes it: EXIF with a GPS position, XMP, IPTC, a comment and a colour profile."""
    exif = Image.Exif()
    exif[0x010F] = "SecretCameraMaker"
    exif[0x8825] = {1: "N", 2: (51.0, 30.0, 12.0)}  # GPS latitude
    caption = b"secret-caption"
    iptc = b"\x1c\x02\x78" + struct.pack(">H", len(caption)) + caption
    resource = b"8BIM\x04\x04\x00\x00" + struct.pack(">I", len(iptc)) + iptc + b"\x00" * (len(iptc) % 2)
    app13 = b"Photoshop 3.0\x00" + resource
    return image_bytes(
        "JPEG",
        size=size,
        exif=exif,
        comment=SECRETS[0],
        xmp=b'<x:xmpmeta xmlns:x="adobe:ns:meta/">secret-xmp</x:xmpmeta>',
        icc_profile=colour_profile(),
        extra=b"\xff\xed" + struct.pack(">H", len(app13) + 2) + app13,
    )


def assert_only_colour_profile_kept(data: bytes, icc_profile: bytes | None):
    """No EXIF, XMP, IPTC, comment or text in the file's bytes or in what Pillow reads; the profile if one was given."""
    for secret in SECRETS:
        assert secret not in data
    assert b"Exif\x00\x00" not in data and b"xmpmeta" not in data and b"Photoshop 3.0" not in data
    with Image.open(BytesIO(data)) as image:
        assert not image.getexif()
        assert not {"exif", "xmp", "comment", "photoshop", "XML:com.adobe.xmp", "Description"} & set(image.info)
        assert image.info.get("icc_profile") == icc_profile
