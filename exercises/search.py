"""Full-text search over exercises: PostgreSQL full-text + trigram, or plain substring tests on SQLite.

Both backends search `Exercise.search_text`, a stored copy of the exercise's title, description,
keywords, steps and tag names, normalised (lower case, no accents, one space between words) and kept
current by `refresh_search_text` (signals below, and the importer after its bulk writes). Case,
accents, hyphens and simple plurals are treated alike, so "leg lift", "Leg-Lift" and "leg lifts"
match the same exercises.
"""

import re
import unicodedata
from collections import defaultdict

from django.apps import apps as global_apps
from django.db import connection
from django.db.models import BooleanField, Case, F, FloatField, Func, Q, QuerySet, Value, When
from django.db.models.functions import StrIndex, Substr
from django.db.models.signals import m2m_changed, post_delete, post_save

MAX_QUERY_LENGTH = 200
MAX_TERMS = 8
TEXT_SEARCH_CONFIGS = {"en": "english", "es": "spanish"}
# Ends the title in search_text; normalise() never leaves one, so no term can contain or cross it.
TITLE_END = "|"
# The title part of search_text, as indexed for close words (migration 0017).
TITLE_PART = f"split_part({{text}}, '{TITLE_END}', 1)"
REFRESH_BATCH_SIZE = 500
NOT_WORD = re.compile(r"[\W_]+")


def normalise(text: str) -> str:
    """Lower-case, strip accents and turn everything that is not a letter or digit into one space."""
    text = text or ""
    if text.isascii():  # nothing to decompose: the common case, several times faster
        plain = text.lower()
    else:
        decomposed = unicodedata.normalize("NFKD", text)
        plain = "".join(char for char in decomposed if not unicodedata.combining(char)).lower()
    return " ".join(NOT_WORD.split(plain)).strip()


def stem(word: str) -> str:
    """A deliberately crude plural stripper shared by English and Spanish: lifts → lift, elevaciones → elevacion."""
    if len(word) > 4 and word.endswith("es"):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def search_terms(query: str) -> list[str]:
    """The distinct stemmed words of a query, at most MAX_TERMS of them."""
    words = normalise(query[:MAX_QUERY_LENGTH]).split()
    return list(dict.fromkeys(stem(word) for word in words))[:MAX_TERMS]


def search_text(title, description, keywords, steps=(), muscles=(), equipment=()) -> str:
    """The stored search document: ' title words | other words '.

    Words are kept whole, not stemmed: a query term is stemmed, and a stem is a prefix of its word,
    so a substring test finds "glute" in "glutes" and "lift" in "leg lifts" (stored stems would lose
    the first). The leading and trailing spaces let a test for " term" or " term " mean a word start or
    a whole word.
    """
    if not isinstance(keywords, list):
        keywords = [keywords] if isinstance(keywords, str) else []
    rest = [description, *(k for k in keywords if isinstance(k, str)), *steps, *muscles, *equipment]
    return f" {normalise(title)} {TITLE_END} {normalise(' '.join(rest))} "


def refresh_search_text(exercise_ids, apps=global_apps) -> dict[int, str]:
    """Recompute search_text of these exercises: five queries per REFRESH_BATCH_SIZE of them.

    Writes with bulk_update, which sends no signals, so the handlers below cannot recurse. Returns
    {id: search_text} of the exercises found. `apps` is for the data migration's historical models.
    """
    names = ("Exercise", "Step", "TaggedMuscle", "TaggedEquipment")
    models = {name: apps.get_model("exercises", name) for name in names}
    ids = sorted({pk for pk in exercise_ids if pk is not None})
    texts = {}
    for start in range(0, len(ids), REFRESH_BATCH_SIZE):
        texts.update(_refresh_batch(models, ids[start : start + REFRESH_BATCH_SIZE]))
    return texts


def _refresh_batch(models, ids):
    exercise_model = models["Exercise"]
    rows = list(exercise_model.objects.filter(pk__in=ids).only("title", "description", "keywords", "search_text"))
    if not rows:
        return {}
    steps = defaultdict(list)
    for owner, text in (
        models["Step"].objects.filter(exercise_id__in=ids).order_by("order", "id").values_list("exercise_id", "text")
    ):
        steps[owner].append(text)
    muscles, equipment = defaultdict(list), defaultdict(list)
    for names, link_model in ((muscles, models["TaggedMuscle"]), (equipment, models["TaggedEquipment"])):
        links = link_model.objects.filter(content_object_id__in=ids).order_by("tag__name")
        # A term's other spellings are searchable too ("quads" finds Quadriceps); the historical models of
        # the migration that first filled the search text have none.
        tag_fields = {f.name for f in link_model._meta.get_field("tag").related_model._meta.fields}
        fields = ["content_object_id", "tag__name", *(["tag__synonyms"] if "synonyms" in tag_fields else [])]
        for owner, tag_name, *synonyms in links.values_list(*fields):
            names[owner].append(" ".join([tag_name, *(s for s in (synonyms or [[]])[0] if isinstance(s, str))]))
    changed = []
    for row in rows:
        text = search_text(row.title, row.description, row.keywords, steps[row.pk], muscles[row.pk], equipment[row.pk])
        if text != row.search_text:
            row.search_text = text
            changed.append(row)
    exercise_model.objects.bulk_update(changed, ["search_text"], batch_size=REFRESH_BATCH_SIZE)
    return {row.pk: row.search_text for row in rows}


def _exercise_saved(sender, instance, **kwargs):
    # Also after reversion's raw saves: a revert must not keep the search text of the reverted-from state.
    texts = refresh_search_text([instance.pk])
    if instance.pk in texts:
        instance.search_text = texts[instance.pk]


def _child_changed(sender, instance, **kwargs):
    owner = "exercise_id" if hasattr(instance, "exercise_id") else "content_object_id"
    refresh_search_text([getattr(instance, owner)])


def _tags_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        refresh_search_text([instance.pk])
    elif pk_set:
        refresh_search_text(pk_set)


def _tag_saved(sender, instance, created, **kwargs):
    # A renamed tag changes the text of every exercise that uses it; a new one is used by none yet.
    if not created:
        refresh_search_text(instance.exercise_links.values_list("content_object_id", flat=True))


def connect_signals():
    from .models import Equipment, Exercise, Muscle, Step, TaggedEquipment, TaggedMuscle

    post_save.connect(_exercise_saved, sender=Exercise, dispatch_uid="search-save-Exercise")
    for model in (Step, TaggedMuscle, TaggedEquipment):
        post_save.connect(_child_changed, sender=model, dispatch_uid=f"search-save-{model.__name__}")
        post_delete.connect(_child_changed, sender=model, dispatch_uid=f"search-delete-{model.__name__}")
    for through in (TaggedMuscle, TaggedEquipment):
        m2m_changed.connect(_tags_changed, sender=through, dispatch_uid=f"search-m2m-{through.__name__}")
    for tag_model in (Muscle, Equipment):
        post_save.connect(_tag_saved, sender=tag_model, dispatch_uid=f"search-rename-{tag_model.__name__}")


def search(queryset: QuerySet, query: str, language: str) -> QuerySet:
    """Filter `queryset` to exercises matching `query`, annotated with `search_rank` (higher is better).

    An empty or punctuation-only query returns the queryset unchanged (rank 0).
    """
    terms = search_terms(query)
    if not terms:
        return queryset.annotate(search_rank=Value(0.0, output_field=FloatField()))
    if connection.vendor == "postgresql":
        return _search_postgresql(queryset, query, terms, language)
    return _search_sqlite(queryset, query, terms)


def _every_term(terms):
    return Q(*[Q(search_text__contains=term) for term in terms])


def _with_title_rank(queryset, terms, text):
    """Annotate search_rank (cheap: no per-row scoring): 3 when the title is the query (`text`, normalised),
    2 when it starts with it, 1 when every term is in the title, else 0."""
    title = Substr(F("search_text"), 1, StrIndex(F("search_text"), Value(TITLE_END)))
    in_title = {f"search_title_has_{i}": StrIndex(title, Value(term)) for i, term in enumerate(terms)}
    return queryset.alias(**in_title).annotate(
        search_rank=Case(
            When(search_text__startswith=f" {text} {TITLE_END}", then=Value(3.0)),
            When(search_text__startswith=f" {text}", then=Value(2.0)),
            When(Q(*[Q(**{f"{name}__gt": 0}) for name in in_title]), then=Value(1.0)),
            default=Value(0.0),
            output_field=FloatField(),
        )
    )


def _search_sqlite(queryset, query, terms):
    """Every term as a substring of the stored text."""
    return _with_title_rank(queryset.filter(_every_term(terms)), terms, normalise(query[:MAX_QUERY_LENGTH]))


class _SearchTextSQL(Func):
    """SQL over search_text ({text}) and the normalised query ({query}).

    The text-search configuration is written into the SQL rather than passed as a parameter: PostgreSQL
    uses an expression index (migration 0008) only for the very same expression.
    """

    def __init__(self, sql, query, output_field):
        super().__init__(F("search_text"), Value(query), output_field=output_field)
        self.sql = sql

    def as_sql(self, compiler, connection, **extra_context):
        compiled = dict(zip(("text", "query"), map(compiler.compile, self.source_expressions), strict=True))
        params = []

        def substitute(match):
            sql, part_params = compiled[match.group(1)]
            params.extend(part_params)
            return sql

        return re.sub(r"\{(text|query)\}", substitute, self.sql), params


def _search_postgresql(queryset, query, terms, language):
    """Every term as a substring (as on SQLite), or full-text with the language's stemmer, or a close word.

    All three are answered from GIN indexes on search_text (trigram, and full-text per language), so a
    search costs little more than a filter, even one that matches nothing.
    """
    config = TEXT_SEARCH_CONFIGS.get(language, "simple")
    vector = f"to_tsvector('{config}'::regconfig, {{text}})"
    tsquery = f"plainto_tsquery('{config}'::regconfig, {{query}})"
    text = normalise(query[:MAX_QUERY_LENGTH])
    full_text = _SearchTextSQL(f"{vector} @@ {tsquery}", text, BooleanField())
    # `<%`: word similarity above pg_trgm.word_similarity_threshold (settings.SEARCH_TYPO_THRESHOLD), against
    # the title only: a close word anywhere in the long text made nearly every row a candidate.
    close_word = _SearchTextSQL(f"{{query}} <%% {TITLE_PART}", text, BooleanField())
    # The full text is matched in its own subquery, from its index alone. As a third branch of one OR it was
    # computed in the recheck of every candidate the lossy trigram index gave and the two tests before it
    # refused: all 10,000 rows for a typo of a word every title contains (0.4 s per query, 40 ms this way).
    stemmed = queryset.model._default_manager.filter(full_text).values("pk")
    found = _every_term(terms) | Q(close_word) | Q(pk__in=stemmed)
    return _with_title_rank(queryset.filter(found), terms, text)
