"""Content health: what needs an editor's work, counted per kind of defect, each count a filter of the
exercise changelist. The admin index, `manage.py content_health` and the changelist filter read this table."""

import re
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage
from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import Length
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from exercises.models import Equipment, Exercise, Modification, Muscle
from exercises.taxonomy import near_duplicates
from publishing import redirects

# A video id on this many exercises or more is a placeholder, not a demonstration of each one.
SHARED_VIDEO_MIN = 3
# Shorter than this is "thin": too little for a search result or a page of its own.
SHORT_DESCRIPTION = 50
SHORT_BODY = 200
LOCAL_LINK = re.compile(r'href="(/[^"#?]*)')


@dataclass(frozen=True)
class Check:
    key: str
    label: str
    rows: Callable[[], "QuerySet"]  # noqa: F821 - the rows (exercises, or muscles / equipment) with this defect
    model: type = Exercise  # whose changelist the count links to

    @property
    def changelist(self):
        return reverse(f"admin:{self.model._meta.app_label}_{self.model._meta.model_name}_changelist")


def shared_video():
    shared = (
        Exercise.objects.exclude(video_id="")
        .values("video_id")
        .annotate(uses=Count("id"))
        .filter(uses__gte=SHARED_VIDEO_MIN)
        .values("video_id")
    )
    return Exercise.objects.filter(video_id__in=shared)


def missing_image():
    rows = Exercise.objects.filter(~Q(image="") | ~Q(image_path="")).only("id", "image", "image_path")
    missing = [row.pk for row in rows.iterator() if not _image_exists(row)]
    return Exercise.objects.filter(pk__in=missing)


def _image_exists(exercise):
    if exercise.image:
        return default_storage.exists(exercise.image.name)
    path = exercise.image_path.lstrip("/")
    if path.startswith(settings.STATIC_URL.lstrip("/")):
        path = path[len(settings.STATIC_URL.lstrip("/")) :]
    return bool(path) and (finders.find(path) is not None or default_storage.exists(path))


def untranslated(language):
    def rows():
        there = Exercise.objects.filter(language=language).values("translation_key")
        return Exercise.objects.exclude(language=language).exclude(translation_key__in=there)

    return rows


def out_of_date():
    return Exercise.objects.out_of_date()


def duplicate_key():
    shared = (
        Exercise.objects.values("language", "translation_key")
        .annotate(rows=Count("id"))
        .filter(rows__gt=1)
        .values("translation_key")
    )
    twins = Exercise.objects.filter(translation_key=OuterRef("translation_key"), language=OuterRef("language")).exclude(
        pk=OuterRef("pk")
    )
    return Exercise.objects.filter(translation_key__in=shared).filter(Exists(twins))


def thin():
    return (
        Exercise.objects.annotate(description_length=Length("description"), body_length=Length("body"))
        .filter(
            Q(steps__isnull=True)
            | Q(faqs__isnull=True)
            | Q(description_length__lt=SHORT_DESCRIPTION)
            | Q(body_length__lt=SHORT_BODY)
        )
        .distinct()
    )


def no_muscles():
    return Exercise.objects.filter(muscle_links__isnull=True)


def no_equipment():
    return Exercise.objects.filter(equipment_links__isnull=True)


def broken_links():
    rows = list(Exercise.objects.filter(body_html__contains='href="/').values_list("pk", "body_html"))
    links = {pk: set(LOCAL_LINK.findall(html)) for pk, html in rows}
    every_path = set().union(*links.values())
    answering = redirects.answering(every_path) | {path for path in every_path if _is_file(path)}
    return Exercise.objects.filter(pk__in=[pk for pk, paths in links.items() if paths - answering])


def _is_file(path):
    """A link to a static or uploaded file that exists."""
    for prefix, exists in ((settings.STATIC_URL, finders.find), (settings.MEDIA_URL, default_storage.exists)):
        if path.startswith(prefix) and exists(path[len(prefix) :]):
            return True
    return False


def linkable_modifications():
    same_name = Exercise.objects.filter(
        language=OuterRef("exercise__language"), title__iexact=OuterRef("name")
    ).exclude(pk=OuterRef("exercise_id"))
    # A modification that links to an exercise already (links_to) needs nothing.
    owners = Modification.objects.filter(links_to__isnull=True).filter(Exists(same_name)).values("exercise_id")
    return Exercise.objects.filter(pk__in=owners)


def used_once(term_model):
    def rows():
        return term_model.objects.annotate(uses=Count("exercise_links")).filter(uses=1)

    return rows


def near_duplicate_terms(term_model):
    def rows():
        return term_model.objects.filter(pk__in=[term.pk for group in near_duplicates(term_model) for term in group])

    return rows


def term_checks():
    """Muscles and equipment that may be spellings of one another: each count lists them for the merge action."""
    for model in (Muscle, Equipment):
        things = model._meta.verbose_name_plural
        yield Check(
            f"{model._meta.model_name}_near_duplicates",
            _("%(things)s with almost the same name (merge them?)") % {"things": capfirst(things)},
            near_duplicate_terms(model),
            model,
        )
        yield Check(
            f"{model._meta.model_name}_used_once",
            _("%(things)s used by one exercise only") % {"things": capfirst(things)},
            used_once(model),
            model,
        )


def checks() -> list[Check]:
    """Every check, in the order the dashboard shows them."""
    return [
        Check(
            "shared_video",
            _("Video shared by %(n)d or more exercises (a placeholder?)") % {"n": SHARED_VIDEO_MIN},
            shared_video,
        ),
        Check("missing_image", _("Image file missing"), missing_image),
        *(
            Check(
                f"untranslated_{code}", _("Not translated into %(language)s") % {"language": name}, untranslated(code)
            )
            for code, name in settings.LANGUAGES
        ),
        Check("out_of_date", _("Translation out of date"), out_of_date),
        Check("duplicate_key", _("Translation key shared within a language"), duplicate_key),
        Check("thin", _("Thin page (no steps, no FAQ, short description or body)"), thin),
        Check("no_muscles", _("No muscles"), no_muscles),
        Check("no_equipment", _("No equipment"), no_equipment),
        Check("broken_links", _("Broken internal link in the body"), broken_links),
        Check(
            "linkable_modifications",
            _("Modification named like an exercise (could link to it)"),
            linkable_modifications,
        ),
        *term_checks(),
    ]


def check_named(key) -> Check | None:
    return next((check for check in checks() if check.key == key), None)


def report() -> list[tuple[Check, int]]:
    """Each check with the number of rows it finds."""
    return [(check, check.rows().count()) for check in checks()]
