"""Full-text search over exercises: PostgreSQL full-text + trigram, or a simple SQLite fallback.

Both backends see the same text — title, description, keywords, steps and tag names — and treat
case, accents, hyphens and simple plurals alike, so "leg lift", "Leg-Lift" and "leg lifts" match
the same exercises.
"""

import re
import unicodedata

from django.db import connection
from django.db.models import (
    Aggregate,
    BooleanField,
    F,
    FloatField,
    Func,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    TextField,
    Value,
)
from django.db.models.functions import Cast, Coalesce, Lower

from .models import Step, TaggedEquipment, TaggedMuscle

MAX_QUERY_LENGTH = 200
MAX_TERMS = 8
# Trigram word similarity above this counts as a typo-tolerant match ("hamstirng" → "hamstring").
TRIGRAM_THRESHOLD = 0.45
TEXT_SEARCH_CONFIGS = {"en": "english", "es": "spanish"}
SQLITE_MATCH_FUNCTION = "exercise_search_match"


def normalise(text: str) -> str:
    """Lower-case, strip accents and turn everything that is not a letter or digit into one space."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    plain = "".join(char for char in decomposed if not unicodedata.combining(char)).lower()
    return " ".join(re.split(r"[\W_]+", plain)).strip()


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


def matches(document: str | None, terms: str | None) -> bool:
    """True when every space-separated term occurs in the normalised document (the SQLite function)."""
    if not terms:
        return False
    text = normalise(document or "")
    return all(term in text for term in terms.split())


def document_expression():
    """One text value per exercise holding everything search looks at."""
    parts = [
        F("title"),
        F("description"),
        F("keywords"),
        _aggregate(Step.objects, "exercise", "text"),
        _aggregate(TaggedMuscle.objects, "content_object", "tag__name"),
        _aggregate(TaggedEquipment.objects, "content_object", "tag__name"),
    ]
    # Every piece as text, so the database never has to reconcile CharField, TextField and JSON.
    return _JoinWithSpaces(*[Coalesce(Cast(part, TextField()), Value("", output_field=TextField())) for part in parts])


def _aggregate(manager, owner, field):
    """A correlated subquery joining `field` of the rows that belong to the outer exercise."""
    rows = manager.filter(**{owner: OuterRef("pk")}).order_by().values(owner)
    if connection.vendor == "postgresql":
        from django.contrib.postgres.aggregates import StringAgg

        joined = StringAgg(field, delimiter=" ")
    else:
        joined = _GroupConcat(field)
    return Subquery(rows.annotate(joined=joined).values("joined")[:1], output_field=TextField())


def search(queryset: QuerySet, query: str, language: str) -> QuerySet:
    """Filter `queryset` to exercises matching `query`, annotated with `search_rank` (higher is better).

    An empty or punctuation-only query returns the queryset unchanged (rank 0).
    """
    terms = search_terms(query)
    if not terms:
        return queryset.annotate(search_rank=Value(0.0, output_field=FloatField()))
    if connection.vendor == "postgresql":
        return _search_postgresql(queryset, query, terms, language)
    return _search_sqlite(queryset, terms)


def _search_sqlite(queryset, terms):
    _register_sqlite_function()
    joined = Value(" ".join(terms))

    def match(expression):
        return _Match(expression, joined)

    return queryset.annotate(
        search_document=document_expression(),
        search_hit=match(F("search_document")),
        search_rank=Cast(match(F("title")), FloatField()),
    ).filter(search_hit=True)


def _register_sqlite_function():
    # Registered on the live connection each time: cheap, and safe however the connection was opened.
    connection.ensure_connection()
    connection.connection.create_function(SQLITE_MATCH_FUNCTION, 2, matches, deterministic=True)


def _search_postgresql(queryset, query, terms, language):
    """Every term as a substring (as on SQLite), or full-text with the language's stemmer, or a near title."""
    from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector, TrigramWordSimilarity

    config = TEXT_SEARCH_CONFIGS.get(language, "simple")
    text = normalise(query[:MAX_QUERY_LENGTH])

    def unaccent(expression):
        return Func(expression, function="unaccent", output_field=TextField())

    document = unaccent(document_expression())
    vector = SearchVector(unaccent(F("title")), weight="A", config=config) + SearchVector(
        document, weight="B", config=config
    )
    search_query = SearchQuery(text, config=config, search_type="plain")
    every_term = Q(*[Q(search_plain__contains=term) for term in terms])
    return (
        queryset.annotate(
            search_plain=Lower(document),
            search_vector=vector,
            search_similarity=TrigramWordSimilarity(Value(text), Lower(unaccent(F("title")))),
        )
        .filter(every_term | Q(search_vector=search_query) | Q(search_similarity__gt=TRIGRAM_THRESHOLD))
        .annotate(search_rank=SearchRank(F("search_vector"), search_query) + F("search_similarity"))
    )


class _Match(Func):
    """exercise_search_match(document, terms) as a boolean SQL expression (SQLite only)."""

    function = SQLITE_MATCH_FUNCTION
    output_field = BooleanField()


class _JoinWithSpaces(Func):
    """a || ' ' || b || …: flat, where Concat nests one function call per piece."""

    template = "(%(expressions)s)"
    arg_joiner = " || ' ' || "
    output_field = TextField()


class _GroupConcat(Aggregate):
    function = "GROUP_CONCAT"
    output_field = TextField()
