"""When a search finds nothing: "Did you mean …?" from the titles and tag names, and how many results the
other languages have for the same words.

Both come from one query, run only for a search without results. Typos are corrected word by word with an
optimal-string-alignment distance (RapidFuzz): a swapped pair of letters ("plnak") counts as one edit.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Exists, F, IntegerField, OuterRef, Value
from django.utils.text import capfirst
from django.utils.translation import get_language_info, ngettext
from rapidfuzz import process
from rapidfuzz.distance import OSA

from .filters import Selection
from .models import Equipment, Exercise, Muscle, TaggedEquipment, TaggedMuscle
from .search import normalise, search
from .seo import language_paths

MIN_WORD_LENGTH = 3
MAX_QUERY_WORDS = 8


@dataclass
class Alternatives:
    suggestion: str = ""  # a corrected query, as the visitor would read it
    other_languages: list[tuple[str, int]] = field(default_factory=list)  # (language code, results)


def max_edits(word: str) -> int:
    """Edits forgiven in a word: one up to five letters, two beyond (short words have many neighbours)."""
    return 1 if len(word) <= 5 else 2


def _rows(public, query, language):
    """(kind, text, number) rows: each title and used tag name of `language`, and each other language's count."""
    fields = ("kind", "text", "number")
    current = public.in_language(language)
    zero = Value(0, output_field=IntegerField())
    parts = [current.order_by().annotate(kind=Value("title"), text=F("title"), number=zero).values_list(*fields)]
    for tag_model, link_model in ((Muscle, TaggedMuscle), (Equipment, TaggedEquipment)):
        used = Exists(link_model.objects.filter(tag=OuterRef("pk"), content_object__in=current.values("pk")))
        parts.append(
            tag_model.objects.filter(used).order_by().annotate(kind=Value("tag"), text=F("name"), number=zero)
            .values_list(*fields)
        )  # fmt: skip
    for code, _name in settings.LANGUAGES:
        if code != language:
            found = search(public.in_language(code), query, code).order_by().values("language")
            parts.append(
                found.annotate(kind=Value("count"), text=F("language"), number=Count("pk")).values_list(*fields)
            )
    return parts[0].union(*parts[1:], all=True)


def correct(query: str, titles: dict[str, str], words: set[str]) -> str:
    """The query with each unknown word replaced by the closest known one; '' when nothing changes.

    `titles` maps each normalised title to the title: a correction that spells one is given as written
    ("plnak" → "Plank").
    """
    corrected, changed = [], False
    for word in normalise(query).split()[:MAX_QUERY_WORDS]:
        if word in words or len(word) < MIN_WORD_LENGTH:
            corrected.append(word)
            continue
        match = process.extractOne(word, words, scorer=OSA.distance, score_cutoff=max_edits(word))
        corrected.append(match[0] if match else word)
        changed = changed or bool(match)
    if not changed:
        return ""
    text = " ".join(corrected)
    # A whole title as it is written; else the words, which find every title holding them ("hundred").
    return titles.get(text, text)


def alternatives(public, query: str, language: str) -> Alternatives:
    """What to offer when `query` finds nothing among `public` (published, every language) in `language`."""
    titles, words, counts = {}, set(), []
    for kind, text, number in _rows(public, query, language):
        if kind == "count":
            if number:
                counts.append((text, number))
            continue
        normalised = normalise(text)
        if kind == "title":
            titles.setdefault(normalised, text)
        words.update(word for word in normalised.split() if len(word) >= MIN_WORD_LENGTH)
    order = [code for code, _name in settings.LANGUAGES]
    return Alternatives(correct(query, titles, words), sorted(counts, key=lambda pair: order.index(pair[0])))


def context(query: str, language: str) -> dict:
    """What the list page shows for a search without results: a corrected query to follow, and a link to each
    other language's results for the same words."""
    found = alternatives(Exercise.objects.published(), query, language)
    other_languages = []
    for code, count in found.other_languages:
        name = capfirst(get_language_info(code)["name_local"])
        text = ngettext("%(count)s result in %(language)s", "%(count)s results in %(language)s", count)
        url = language_paths("exercises:list", languages={code})[code] + Selection(q=query).query_string()
        other_languages.append((code, text % {"count": count, "language": name}, url))
    return {
        "suggestion": found.suggestion,
        "suggestion_query": Selection(q=found.suggestion).query_string(),
        "other_languages": other_languages,
    }
