"""Exercise rows → content files: a Hugo content tree with one Markdown file per exercise.

Each file sits where Hugo would serve it at the URL this site uses (the default language unprefixed,
others under their code), with YAML front matter in a fixed key order, so exporting twice gives
byte-identical files and importing the export gives back the same exercises.
"""

from pathlib import Path

from django.db.models import Prefetch

from publishing.exporting import ExportResult, aliases_with_old_urls, section_file, utc, write_if_changed
from publishing.mapping import publish_date_to_write

from .content import Document, FAQDoc, ModificationDoc, render_document
from .models import Exercise, FoundBy, Modification, Status, TaggedEquipment, TaggedMuscle
from .progressions import written_link

CHUNK_SIZE = 500


def document_from_exercise(exercise: Exercise) -> Document:
    """The Document for an exercise whose children and tag links are prefetched (see exercises_to_export)."""
    return Document(
        title=exercise.title,
        slug=exercise.slug,
        language=exercise.language,
        translation_key=exercise.translation_key,
        description=exercise.description,
        body=exercise.body.strip("\n").rstrip(),
        date=utc(exercise.date),
        lastmod=utc(exercise.lastmod),
        publish_date=utc(publish_date_to_write(exercise)),
        draft=exercise.status == Status.DRAFT,
        weight=exercise.weight,
        featured=exercise.featured,
        url=exercise.url,
        aliases=aliases_with_old_urls(exercise, export_path(exercise)),
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
        modifications=[
            ModificationDoc(m.name, m.level, m.description, written_link(m))
            for m in exercise.modifications.all()
            if m.found_by != FoundBy.SLUG  # added by the importer for a slug pair; the next import adds it again
        ],
        faqs=[FAQDoc(faq.question, faq.answer) for faq in exercise.faqs.all()],
        extra=dict(exercise.extra),
    )


def exercises_to_export(language=None):
    exercises = Exercise.objects.order_by("language", "slug").prefetch_related(
        "old_urls",
        "steps",
        Prefetch("modifications", Modification.objects.select_related("links_to")),
        "faqs",
        Prefetch("muscle_links", TaggedMuscle.objects.select_related("tag").order_by("id")),
        Prefetch("equipment_links", TaggedEquipment.objects.select_related("tag").order_by("id")),
    )
    return exercises.filter(language=language) if language else exercises


def export_path(exercise: Exercise) -> Path:
    return section_file(exercise, exercise.slug)


def export_exercises(outdir, language=None, result=None) -> ExportResult:
    """Write every exercise (or those in `language`) under `outdir`; files already up to date are left alone."""
    outdir, result = Path(outdir), result or ExportResult()
    for exercise in exercises_to_export(language).iterator(chunk_size=CHUNK_SIZE):
        content = render_document(document_from_exercise(exercise)).encode()
        write_if_changed(outdir, export_path(exercise), content, result)
    return result
