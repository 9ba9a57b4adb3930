"""Spellings → muscle and equipment terms, through the shipped vocabulary and the terms already stored.

The vocabulary (exercises/vocabulary.yaml) names the common concepts in every language with their usual
synonyms and misspellings. An import, the admin's tag fields and the landing pages' old addresses all ask a
Taxonomy for the term a spelling means in a language; it finds it among stored terms first (their names,
slugs and other spellings), then in the vocabulary, then among other languages' terms, and only then makes a
new concept.
"""

from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache
from pathlib import Path

import yaml
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils.text import slugify

from publishing.models import first_free

from .content.spelling import spelling_key
from .terms import BodyRegion, Equipment, EquipmentConcept, Muscle, MuscleConcept

VOCABULARY_FILE = Path(__file__).with_name("vocabulary.yaml")
KINDS = {"muscles": (Muscle, MuscleConcept), "equipment": (Equipment, EquipmentConcept)}
SINGULAR = {"muscles": "muscle", "equipment": "equipment"}


@dataclass(frozen=True)
class Entry:
    """One concept of the vocabulary: {language: [name, *other spellings]}, and for muscles where it sits."""

    key: str
    names: dict
    region: str = ""
    parent: str = ""


class UnknownTerm(ValueError):
    pass


def kind_of(term_model):
    return next(kind for kind, (model, _concept) in KINDS.items() if model is term_model)


def _entry(kind, key, value, path):
    if not isinstance(value, dict):
        raise ImproperlyConfigured(f"{path}: {kind}: {key}: must be a mapping of languages to name lists")
    names = {lang: spellings for lang, spellings in value.items() if lang not in ("region", "parent")}
    for language, spellings in names.items():
        if not (isinstance(spellings, list) and spellings and all(isinstance(s, str) and s.strip() for s in spellings)):
            raise ImproperlyConfigured(f"{path}: {kind}: {key}: {language}: must be a list of names (the first shown)")
    region = value.get("region", "")
    if region and region not in BodyRegion.values:
        raise ImproperlyConfigured(f"{path}: {kind}: {key}: region: “{region}” is not one of {BodyRegion.values}")
    return Entry(key, names, region, value.get("parent", ""))


def read_vocabulary(path=VOCABULARY_FILE) -> dict[str, list[Entry]]:
    """{kind: [Entry]}; raise ImproperlyConfigured, naming the file, when it is malformed or ambiguous."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    vocabulary = {}
    for kind in KINDS:
        entries = [_entry(kind, key, value, path) for key, value in (data.get(kind) or {}).items()]
        keys = {entry.key for entry in entries}
        owners = {}
        for entry in entries:
            if entry.parent and entry.parent not in keys:
                raise ImproperlyConfigured(f"{path}: {kind}: {entry.key}: parent “{entry.parent}” is not in the file")
            for spelling in (s for spellings in entry.names.values() for s in spellings):
                owner = owners.setdefault(spelling_key(spelling), entry.key)
                if owner != entry.key:
                    raise ImproperlyConfigured(f"{path}: {kind}: “{spelling}” names both {owner} and {entry.key}")
        vocabulary[kind] = entries
    return vocabulary


@cache
def vocabulary() -> dict[str, list[Entry]]:
    return read_vocabulary()


def spelling_index(entries) -> dict:
    """{spelling key: entry} of every spelling of these vocabulary entries."""
    return {
        spelling_key(spelling): entry
        for entry in entries
        for spelling in (s for spellings in entry.names.values() for s in spellings)
    }


@cache
def _vocabulary_index(kind) -> dict:
    # Read-only once built: Taxonomy looks spellings up in it and never changes it.
    return spelling_index(vocabulary()[kind])


def term_spellings(term):
    return [term.name, term.slug, *(s for s in term.synonyms if isinstance(s, str))]


class Taxonomy:
    """The terms of one kind ("muscles" or "equipment"), loaded once, with new ones made as needed.

    With `dry_run`, new terms are made but not saved (so a dry run reports them and writes nothing); with
    `strict`, a spelling nobody knows raises UnknownTerm instead of making a concept.
    """

    def __init__(self, kind, *, dry_run=False, strict=False, entries=None):
        self.kind = kind
        self.term_model, self.concept_model = KINDS[kind]
        self.dry_run, self.strict = dry_run, strict
        self.entries = _vocabulary_index(kind) if entries is None else spelling_index(entries)
        self.by_entry = {entry.key: entry for entry in self.entries.values()}
        self.terms = {}  # (language, spelling key) → term
        self.by_concept = {}  # (concept key, language) → term
        self.concepts = {}  # concept key → concept
        self.new_terms = []  # "new muscle: “x” (es)", for the import summary
        for term in self.term_model.objects.select_related("concept"):
            self._remember(term)

    def _remember(self, term):
        self.concepts[term.concept.key] = term.concept
        self.by_concept[(term.concept.key, term.language)] = term
        for spelling in term_spellings(term):
            self.terms.setdefault((term.language, spelling_key(spelling)), term)

    def lookup(self, spelling, language):
        """The stored term a spelling means in `language`, or None."""
        key = spelling_key(spelling)
        if (term := self.terms.get((language, key))) is not None:
            return term
        concept_key = self._concept_key(key)
        return self.by_concept.get((concept_key, language)) if concept_key else None

    def knows(self, spelling):
        """Whether a spelling names a stored term (in any language) or a vocabulary entry."""
        key = spelling_key(spelling)
        return not key or bool(self._concept_key(key))

    def _concept_key(self, key):
        if (entry := self.entries.get(key)) is not None:
            return entry.key
        others = [term for (_, spelling), term in self.terms.items() if spelling == key]
        return others[0].concept.key if others else ""

    def terms_for(self, names, language) -> list:
        """The terms for these spellings in `language`, in order and without repeats, making what is missing."""
        found = []
        for name in names:
            name = " ".join(str(name).split())
            if spelling_key(name) and (term := self.term_for(name, language)) not in found:
                found.append(term)
        return found

    def term_for(self, name, language):
        if (term := self.lookup(name, language)) is not None:
            return term
        key = spelling_key(name)
        concept_key = self._concept_key(key)
        if not concept_key and self.strict:
            raise UnknownTerm(f"“{name}” is not in the vocabulary or among the stored {self.kind}")
        entry = self.by_entry.get(concept_key) or self.entries.get(key)
        concept = self._concept(concept_key or _free_key(name, self.concepts, self.concept_model), entry)
        names = (entry.names.get(language) if entry else None) or [name]
        term = self.term_model(concept=concept, language=language, name=names[0][:100], synonyms=names[1:])
        term.slug = self._free_slug(term.name, language)
        if not concept_key:
            self.new_terms.append(f"new {SINGULAR[self.kind]}: “{name}” ({language})")
        if not self.dry_run:
            term.save()
        self._remember(term)
        return term

    def _concept(self, key, entry):
        if key in self.concepts:
            return self.concepts[key]
        concept = self.concept_model.objects.filter(key=key).first() or self.concept_model(key=key)
        if entry is not None and self.concept_model is MuscleConcept:
            concept.region = entry.region
            if entry.parent:
                concept.parent = self._concept(entry.parent, self.by_entry.get(entry.parent))
        if not self.dry_run and concept.pk is None:
            concept.save()
        self.concepts[key] = concept
        return concept

    def _free_slug(self, name, language):
        base = (slugify(name) or slugify(name, allow_unicode=True))[:90] or "term"
        taken = {term.slug for (lang, _), term in self.terms.items() if lang == language}
        stored = self.term_model.objects.filter(language=language, slug__startswith=base)
        taken |= set(stored.values_list("slug", flat=True))
        return first_free(base, taken.__contains__)


def _free_key(name, concepts, concept_model):
    base = slugify(name)[:90] or slugify(name, allow_unicode=True)[:90] or "concept"
    return first_free(base, lambda key: key in concepts or concept_model.objects.filter(key=key).exists())


def translated_terms(terms, language):
    """The same concepts' terms in `language` (made from the vocabulary or the source names when missing)."""
    by_kind = {}
    for term in terms:
        kind = kind_of(type(term))
        if kind not in by_kind:  # not setdefault: that would load every term again for each one translated
            by_kind[kind] = Taxonomy(kind)
        taxonomy = by_kind[kind]
        found = taxonomy.by_concept.get((term.concept.key, language))
        if found is None:
            entry = taxonomy.by_entry.get(term.concept.key)
            names = entry.names.get(language) if entry else None
            found = taxonomy.term_for(names[0] if names else term.name, language)
        yield found


def _spellings_to_keep(target, source):
    """The source's spellings the target does not already answer to, for its other-spellings list."""
    known = {spelling_key(s) for s in term_spellings(target)}
    kept = []
    for spelling in term_spellings(source):
        if spelling_key(spelling) not in known:
            known.add(spelling_key(spelling))
            kept.append(spelling)
    return kept


def _merge_same_language(target, source):
    target.synonyms = [*target.synonyms, *_spellings_to_keep(target, source)]
    target.save(update_fields=["synonyms"])
    linked = set(target.exercise_links.values_list("content_object_id", flat=True))
    for link in source.exercise_links.all():
        if link.content_object_id in linked:
            link.delete()
        else:
            link.tag = target
            link.save(update_fields=["tag"])
    source.delete()


def _drop_if_unused(concept, into):
    if concept.pk != into.pk and not concept.terms.exists():
        if isinstance(concept, MuscleConcept):
            concept.parts.update(parent=into)
        concept.delete()


def merge_terms(target, sources, user=None):
    """Merge `sources` into `target`: one concept, their links moved, their names and slugs kept as spellings.

    A source in the target's language becomes part of the target (its old address then redirects there);
    a source in another language becomes the target concept's name in that language (or is merged into
    it, when the concept already has one). The state before the merge is saved as one revision, so the
    target's history can revert it.
    """
    import reversion

    sources = [source for source in sources if source.pk != target.pk]
    concepts = {term.concept for term in [target, *sources]}
    with transaction.atomic():
        with reversion.create_revision():
            reversion.set_comment(f"Before merging {', '.join(str(s) for s in sources)} into {target}")
            if user is not None:
                reversion.set_user(user)
            for term in [target, *sources]:
                reversion.add_to_revision(term)
                for link in term.exercise_links.all():
                    reversion.add_to_revision(link)
            for concept in concepts:
                reversion.add_to_revision(concept)
        for source in sources:
            same_language = type(target).objects.filter(concept=target.concept, language=source.language).first()
            old_concept = source.concept
            if same_language is not None:
                _merge_same_language(same_language, source)
            else:
                source.concept = target.concept
                source.save(update_fields=["concept"])
            _drop_if_unused(old_concept, target.concept)


def near_duplicates(term_model, similarity=0.85):
    """Groups of same-language terms whose spellings are (almost) the same, for editors to merge.

    Compared by spelling key, so "Hip-Flexors" and "hip flexors" always group; "muslo interno" and
    "muslos internos" too; a typo ("hamstirngs") groups when the keys are at least `similarity` alike.
    """
    by_language = {}
    for term in term_model.objects.order_by("language", "name"):
        by_language.setdefault(term.language, []).append((spelling_key(term.name), term))
    groups = []
    for terms in by_language.values():
        seen = set()
        for index, (key, term) in enumerate(terms):
            if term.pk in seen:
                continue
            group = [term] + [
                other
                for other_key, other in terms[index + 1 :]
                if other.pk not in seen and SequenceMatcher(None, key, other_key).ratio() >= similarity
            ]
            if len(group) > 1:
                seen.update(t.pk for t in group)
                groups.append(group)
    return groups
