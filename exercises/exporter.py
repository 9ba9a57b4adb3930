"""Exercise rows → content files: a Hugo content tree with one Markdown file per exercise.

Each file sits where Hugo would serve it at the URL this site uses (the default language unprefixed,
others under their code), with YAML front matter in a fixed key order, so exporting twice gives
byte-identical files and importing the export gives back the same exercises.
"""

import datetime
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from django.conf import settings
from django.db.models import Prefetch

from .content import Document, FAQDoc, ModificationDoc, render_document
from .models import Exercise, Status, TaggedEquipment, TaggedMuscle

CHUNK_SIZE = 500


@dataclass
class ExportResult:
    written: int = 0
    unchanged: int = 0


def _utc(value):
    return value.astimezone(datetime.UTC) if value else None


def document_from_exercise(exercise: Exercise) -> Document:
    """The Document for an exercise whose children and tag links are prefetched (see exercises_to_export)."""
    return Document(
        title=exercise.title,
        slug=exercise.slug,
        language=exercise.language,
        translation_key=exercise.translation_key,
        description=exercise.description,
        body=exercise.body.strip("\n").rstrip(),
        date=_utc(exercise.date),
        lastmod=_utc(exercise.lastmod),
        # Hugo and the importer both take publishDate from date when it is missing.
        publish_date=None if exercise.publish_at == exercise.date else _utc(exercise.publish_at),
        draft=exercise.status == Status.DRAFT,
        weight=exercise.weight,
        url=exercise.url,
        aliases=_aliases(exercise),
        author=exercise.author,
        image=exercise.image_path or (exercise.image.url if exercise.image else ""),
        image_alt=exercise.image_alt,
        video_id=exercise.video_id,
        difficulty=exercise.difficulty,
        duration=exercise.duration,
        keywords=list(exercise.keywords),
        muscles=[link.tag.name for link in exercise.muscle_links.all()],
        equipment=[link.tag.name for link in exercise.equipment_links.all()],
        steps=[step.text for step in exercise.steps.all()],
        modifications=[ModificationDoc(m.name, m.level, m.description) for m in exercise.modifications.all()],
        faqs=[FAQDoc(faq.question, faq.answer) for faq in exercise.faqs.all()],
        extra=dict(exercise.extra),
    )


def _aliases(exercise: Exercise) -> list[str]:
    """The exercise's aliases plus every recorded old address its file's place will not give back on import,
    so that export → import keeps every old URL answering."""
    from_place = {hugo_url_of(exercise), unquote(exercise.get_absolute_url())}
    recorded = sorted(old.path for old in exercise.old_urls.all())
    return list(dict.fromkeys([*exercise.aliases, *(path for path in recorded if path not in from_place)]))


def hugo_url_of(exercise: Exercise) -> str:
    return "/" + export_path(exercise).with_suffix("").as_posix() + "/"


def exercises_to_export(language=None):
    exercises = Exercise.objects.order_by("language", "slug").prefetch_related(
        "old_urls",
        "steps",
        "modifications",
        "faqs",
        Prefetch("muscle_links", TaggedMuscle.objects.select_related("tag").order_by("id")),
        Prefetch("equipment_links", TaggedEquipment.objects.select_related("tag").order_by("id")),
    )
    return exercises.filter(language=language) if language else exercises


def export_path(exercise: Exercise) -> Path:
    """Where the file goes: in its old section's folder when it came from one (es/ejercicios/mat/x.md), else
    where Hugo serves a file at the exercise's URL on this site (/es/ejercicios/x/ → es/ejercicios/x.md)."""
    if exercise.section:
        prefix = "" if exercise.language == settings.LANGUAGE_CODE else f"{exercise.language}/"
        return Path(f"{prefix}{exercise.section}/{exercise.slug}.md")
    return Path(unquote(exercise.get_absolute_url()).strip("/") + ".md")


def export_exercises(outdir, language=None) -> ExportResult:
    """Write every exercise (or those in `language`) under `outdir`; files already up to date are left alone."""
    outdir = Path(outdir)
    result = ExportResult()
    for exercise in exercises_to_export(language).iterator(chunk_size=CHUNK_SIZE):
        target = outdir / export_path(exercise)
        if not target.resolve().is_relative_to(outdir.resolve()):
            raise ValueError(
                f"the exercise “{exercise.slug}” ({exercise.language}) has a URL outside the export folder"
            )
        content = render_document(document_from_exercise(exercise)).encode()
        if target.is_file() and target.read_bytes() == content:
            result.unchanged += 1
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        result.written += 1
    return result
