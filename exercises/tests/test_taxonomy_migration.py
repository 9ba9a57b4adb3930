"""Upgrading a database whose tags were shared by both languages: one term per language, links kept."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("exercises", "0011_taxonomy_concepts")]
AFTER = [("exercises", "0013_term_constraints")]


@pytest.mark.django_db(transaction=True)
def test_shared_tags_split_into_one_term_per_language():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    exercise_model, muscle_model = old.get_model("exercises", "Exercise"), old.get_model("exercises", "Muscle")
    link_model = old.get_model("exercises", "TaggedMuscle")
    core = muscle_model.objects.create(name="Core", slug="core", language="en")
    unused = muscle_model.objects.create(name="Neck", slug="neck", language="en")
    english = exercise_model.objects.create(title="Hundred", slug="hundred", language="en", translation_key="h")
    spanish = exercise_model.objects.create(title="Cien", slug="cien", language="es", translation_key="h")
    other = exercise_model.objects.create(title="Roll", slug="roll", language="es", translation_key="r")
    for exercise in (english, spanish, other):
        link_model.objects.create(content_object=exercise, tag=core)

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    muscle_model, link_model = new.get_model("exercises", "Muscle"), new.get_model("exercises", "TaggedMuscle")
    terms = {term.language: term for term in muscle_model.objects.filter(slug="core")}
    assert set(terms) == {"en", "es"} and terms["en"].concept_id == terms["es"].concept_id
    assert terms["es"].pk == core.pk  # the language most of its exercises use keeps the row
    links = {link.content_object.slug: link.tag.language for link in link_model.objects.select_related("tag")}
    assert links == {"hundred": "en", "cien": "es", "roll": "es"}
    assert muscle_model.objects.get(pk=unused.pk).language == "en"

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
