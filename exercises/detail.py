"""The exercise page's context: its steps, ladder, FAQs, tags, body map, related exercises, meta and JSON-LD.

Shared by the public page and the admin's draft preview; a handful of queries whatever the amount of content.
"""

from django.db.models import F, Value, prefetch_related_objects
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _

from publisher import dependencies
from publishing.models import public_translations

from . import bodymap, jsonld, progressions, renditions
from .models import Equipment, Exercise, Level, Modification, Muscle, TaggedEquipment, TaggedMuscle
from .seo import absolute_crumbs, absolute_url, breadcrumbs, page_meta
from .youtube import thumbnail_url

RELATED_COUNT = 4

# A shared muscle outweighs any number of shared pieces of equipment.
MUSCLE_WEIGHT = 1000


def related_exercises(exercise, muscle_ids, equipment_ids):
    """Up to four public exercises in the same language sharing the most muscles, then equipment, then newest.

    One query that scores only the exercises linked to these tags (from the tag-link tables, which are
    small and indexed), rather than scoring every exercise of the language.
    """
    links = [(TaggedMuscle, muscle_ids, MUSCLE_WEIGHT), (TaggedEquipment, equipment_ids, 1)]
    scored = [
        (f"SELECT content_object_id AS exercise_id, {weight} AS weight FROM {model._meta.db_table} "
         f"WHERE tag_id IN ({', '.join(['%s'] * len(ids))})", list(ids))
        for model, ids, weight in links
        if ids
    ]  # fmt: skip
    if not scored:
        return []
    # Only an exercise sharing one of these tags can join the four: the page depends on those tags' sets.
    tag_keys = [
        dependencies.related_key(exercise.language, tag_model, pk)
        for (tag_model, ids) in ((Muscle, muscle_ids), (Equipment, equipment_ids))
        for pk in ids
    ]
    with dependencies.narrowed(*tag_keys):
        candidates = Exercise.objects.published().in_language(exercise.language).exclude(pk=exercise.pk).order_by()
    candidates_sql, candidates_params = candidates.values("pk").query.sql_with_params()
    table = Exercise._meta.db_table
    body_map_sql, body_map_params = annotation_sql(Exercise.objects.with_body_map(), "body_map_muscles")
    # Rank from the link tables and the candidates' index alone (ties: newest first), then read just the top rows.
    sql = (
        f"SELECT {table}.*, top.score, {body_map_sql} AS body_map_muscles FROM {table} JOIN ("
        f"SELECT exercise_id, SUM(weight) AS score FROM ({' UNION ALL '.join(part for part, _ in scored)}) links "
        f"WHERE exercise_id IN ({candidates_sql}) "
        f"GROUP BY exercise_id ORDER BY score DESC, exercise_id DESC LIMIT {RELATED_COUNT}"
        f") top ON top.exercise_id = {table}.id ORDER BY top.score DESC, {table}.id DESC"
    )
    params = [param for _, part_params in scored for param in part_params] + list(candidates_params)
    return list(Exercise.objects.raw(sql, [*body_map_params, *params]))


def annotation_sql(queryset, name):
    """(SQL, params) of one of `queryset`'s annotations, to select it in a raw query over the same table."""
    query = queryset.query
    return query.get_compiler(using=queryset.db).compile(query.annotations[name])


def tags_of(exercise):
    """(muscles, equipment) of an exercise, each by name, read in one query.

    Muscles also carry `listed` (their place in the exercise's list) and `body_region`, for the body map.
    """
    fields = ("kind", "pk", "name", "slug", "listed", "body_region")
    parts = [
        model.objects.filter(exercise_links__content_object=exercise)
        .annotate(kind=Value(kind), listed=F("exercise_links__id"), body_region=region)
        .values_list(*fields)
        for kind, model, region in (("muscle", Muscle, bodymap.region_of()), ("equipment", Equipment, Value("")))
    ]
    found = {"muscle": [], "equipment": []}
    rows = parts[0].order_by().union(parts[1].order_by(), all=True).order_by("kind", "name")
    for kind, pk, name, slug, listed, region in rows:
        tag = (Muscle if kind == "muscle" else Equipment)(pk=pk, name=name, slug=slug)
        tag.listed, tag.body_region = listed, region
        found[kind].append(tag)
    return found["muscle"], found["equipment"]


def body_map_of(muscles):
    """The figure of an exercise's muscles as tags_of reads them (in the order the exercise lists them)."""
    return bodymap.Figure([(tag.name, tag.body_region) for tag in sorted(muscles, key=lambda tag: tag.listed)])


def detail_context(request, exercise, translations=None):
    """Everything templates/exercises/detail.html needs for `exercise`, published or not.

    The admin's draft preview calls this too (and adds "preview": True). `translations` are the
    public versions in other languages; they are looked up when not given.
    """
    prefetch_related_objects([exercise], "steps", "faqs")
    if translations is None:
        translations = public_translations(exercise)
    steps = list(exercise.steps.all())
    modifications, easier_versions, harder_versions = progressions.ladder(
        exercise, Modification.objects.touching(exercise)
    )
    faqs = list(exercise.faqs.all())
    muscles, equipment = tags_of(exercise)
    with translation.override(exercise.language):
        paths = {exercise.language: exercise.get_absolute_url()}
        paths.update({other.language: other.get_absolute_url() for other in translations})
        crumbs = breadcrumbs((_("Exercises"), reverse("exercises:list")), (exercise.title, paths[exercise.language]))
        url = absolute_url(paths[exercise.language])
        image_url = absolute_url(renditions.largest_url(exercise.image.name)) if exercise.image else ""
        thumbnail = thumbnail_url(exercise.video_id)
        video = jsonld.video_object(exercise, thumbnail, url=url, duration=exercise.duration)
        meta = page_meta(
            request,
            exercise.title,
            exercise.description or exercise.title,
            paths,
            nearest="exercises:list",
            og_type="article",
            image=image_url or thumbnail,
        )
        meta.canonical = url
        json_ld = [
            jsonld.how_to(exercise, url=url, steps=steps, equipment=equipment, image_url=image_url, video=video),
            video,
            jsonld.faq_page(faqs),
            jsonld.breadcrumb_list(absolute_crumbs(request, crumbs)),
        ]
    body_before_steps, body = exercise.body_around_steps()
    # A modification's name links to its exercise when visitors can see that one.
    public = {row.pk: row for row in easier_versions + harder_versions}
    return {
        "exercise": exercise,
        "body_before_steps": body_before_steps,
        "body": body,
        "steps": steps,
        "easier": [(m, public.get(m.links_to_id)) for m in modifications if m.level == Level.EASIER],
        "harder": [(m, public.get(m.links_to_id)) for m in modifications if m.level == Level.HARDER],
        "easier_versions": easier_versions,
        "harder_versions": harder_versions,
        "faqs": faqs,
        "muscles": muscles,
        "body_map": body_map_of(muscles),
        "equipment": equipment,
        "translations": [(other, capfirst(get_language_info(other.language)["name_local"])) for other in translations],
        "related": related_exercises(exercise, [m.pk for m in muscles], [e.pk for e in equipment]),
        "thumbnail": thumbnail,
        "image_eager": not exercise.video_id,
        "meta": meta,
        "crumbs": crumbs,
        "json_ld": [data for data in json_ld if data],
    }
