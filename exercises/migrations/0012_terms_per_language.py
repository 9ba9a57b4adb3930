"""Each old tag becomes a term with its own concept, in the language of the exercises that use it.

A tag that exercises of two languages shared is split: one term per language, each language's links moved
to its own term. Merging spellings into one concept is left to a re-import (which maps them through the
vocabulary) or to the admin's merge action.
"""

from collections import Counter

from django.conf import settings
from django.db import migrations


def _free_key(slug, taken):
    key, number = slug or "concept", 2
    while key in taken:
        key, number = f"{slug}-{number}", number + 1
    taken.add(key)
    return key


def split_terms_by_language(apps, schema_editor):
    for term_name, concept_name, link_name in (
        ("Muscle", "MuscleConcept", "TaggedMuscle"),
        ("Equipment", "EquipmentConcept", "TaggedEquipment"),
    ):
        term_model, concept_model = apps.get_model("exercises", term_name), apps.get_model("exercises", concept_name)
        link_model = apps.get_model("exercises", link_name)
        taken = set(concept_model.objects.values_list("key", flat=True))
        for term in term_model.objects.filter(concept__isnull=True).order_by("pk"):
            used = Counter(link_model.objects.filter(tag=term).values_list("content_object__language", flat=True))
            languages = [language for language, _count in used.most_common()] or [settings.LANGUAGE_CODE]
            term.concept = concept_model.objects.create(key=_free_key(term.slug, taken))
            term.language = languages[0]
            term.save(update_fields=["concept", "language"])
            for language in languages[1:]:
                copy = term_model.objects.create(
                    name=term.name, slug=term.slug, language=language, concept=term.concept
                )
                link_model.objects.filter(tag=term, content_object__language=language).update(tag=copy)


class Migration(migrations.Migration):
    dependencies = [("exercises", "0011_taxonomy_concepts")]

    operations = [migrations.RunPython(split_terms_by_language, migrations.RunPython.noop)]
