"""The content-file format on its own: front matter, body sections, language and old URLs. No database."""

import datetime
import time
from pathlib import Path

import pytest

from exercises.content import (
    ContentError,
    Document,
    FAQDoc,
    LanguageError,
    ModificationDoc,
    SourceFile,
    detect_language,
    find_files,
    front_matter_from_document,
    hugo_url,
    parse_document,
    render_document,
    slug_from_name,
)

UTC = datetime.UTC


def parse(text, slug="leg-lift", language="en"):
    return parse_document(text, slug=slug, language=language)


def problems(text):
    with pytest.raises(ContentError) as caught:
        parse(text)
    return [(p.field, p.message, p.line) for p in caught.value.problems]


YAML = """---
title: Prone Leg Lift
difficulty: intermediate
duration: 60
muscles: [Glutes, Hamstrings]
steps:
  - Lie face down.
  - Lift one leg.
---
## Benefits

Stronger glutes.
"""
TOML = """+++
title = "Prone Leg Lift"
difficulty = "intermediate"
duration = 60
muscles = ["Glutes", "Hamstrings"]
steps = ["Lie face down.", "Lift one leg."]
+++
## Benefits

Stronger glutes.
"""
JSON = """{
  "title": "Prone Leg Lift",
  "difficulty": "intermediate",
  "duration": 60,
  "muscles": ["Glutes", "Hamstrings"],
  "steps": ["Lie face down.", "Lift one leg."]
}
## Benefits

Stronger glutes.
"""


@pytest.mark.parametrize("text", [YAML, TOML, JSON], ids=["yaml", "toml", "json"])
def test_yaml_toml_and_json_front_matter_give_the_same_document(text):
    document = parse(text)
    assert document == parse(YAML)
    assert document.title == "Prone Leg Lift"
    assert document.muscles == ["Glutes", "Hamstrings"]
    assert document.body == "## Benefits\n\nStronger glutes."


@pytest.mark.parametrize("text", [YAML, TOML, JSON], ids=["yaml", "toml", "json"])
def test_bom_and_crlf_line_endings_are_accepted(text):
    assert parse("\ufeff" + text.replace("\n", "\r\n")) == parse(YAML)


def test_body_keeps_no_carriage_returns():
    assert "\r" not in parse(YAML.replace("\n", "\r\n")).body


@pytest.mark.parametrize(
    "text, message",
    [
        ("---\ntitle: A\nbody without end\n", "never closed"),
        ('+++\ntitle = "A"\n', "never closed"),
        ('{"title": "A"\n', "never closed"),
    ],
    ids=["yaml", "toml", "json"],
)
def test_missing_closing_delimiter_is_an_error(text, message):
    [(field, found, line)] = problems(text)
    assert field == "front matter" and message in found and line == 1


def test_file_without_front_matter_is_an_error():
    [(field, message, _)] = problems("# Just Markdown\n")
    assert field == "front matter" and "must start with a ---" in message


def test_yaml_syntax_error_reports_the_file_line():
    [(field, message, line)] = problems("---\ntitle: A\nsteps: [one, two\n---\n")
    assert field == "front matter" and message.startswith("invalid YAML") and line in (3, 4)


def test_toml_syntax_error_reports_the_file_line():
    [(_, message, line)] = problems('+++\ntitle = "A"\nduration = = 3\n+++\n')
    assert message.startswith("invalid TOML") and line == 3


def test_json_syntax_error_reports_the_file_line():
    [(_, message, line)] = problems('{\n"title": "A",\n"x": nope\n}\n')
    assert message.startswith("invalid JSON") and line == 3


def test_yaml_alias_bomb_is_rejected_in_well_under_a_second():
    levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for n in range(1, 10):
        levels.append(f"{chr(97 + n)}: &{chr(97 + n)} [" + ",".join([f"*{chr(96 + n)}"] * 9) + "]")
    started = time.monotonic()
    [(field, message, line)] = problems("---\ntitle: Bomb\n" + "\n".join(levels) + "\n---\n")
    assert time.monotonic() - started < 0.5
    assert field == "front matter" and "anchors and aliases" in message and line == 3


def test_yaml_anchor_without_alias_is_rejected():
    [(_, message, _)] = problems("---\ntitle: &t A\n---\n")
    assert "anchors and aliases" in message


def test_yaml_python_tags_are_rejected():
    [(_, message, _)] = problems("---\ntitle: !!python/object/apply:os.system ['true']\n---\n")
    assert message.startswith("invalid YAML")


def test_yaml_duplicate_key_is_an_error():
    [(_, message, line)] = problems("---\ntitle: A\ntitle: B\n---\n")
    assert "appears twice" in message and line == 3


def test_keys_differing_only_in_case_are_an_error():
    [(field, message, _)] = problems("---\ntitle: A\nTitle: B\n---\n")
    assert field == "Title" and "given twice" in message


@pytest.mark.parametrize("opening, closing", [("---", "---"), ("+++", "+++")])
def test_front_matter_over_64_kb_is_rejected(opening, closing):
    filler = "x" * 100
    lines = [f'k{i} = "{filler}"' if opening == "+++" else f"k{i}: {filler}" for i in range(700)]
    [(field, message, _)] = problems(f"{opening}\n" + "\n".join(lines) + f"\n{closing}\n")
    assert field == "front matter" and "larger than 64 KB" in message


def test_json_front_matter_over_64_kb_is_rejected():
    [(_, message, _)] = problems('{"title": "A", "x": "' + "x" * 70_000 + '"}\n')
    assert "larger than 64 KB" in message


def test_front_matter_keys_are_matched_without_case():
    document = parse("---\nTitle: A\nTranslationKey: k\nPublishDate: 2024-01-01\n---\n")
    assert (document.title, document.translation_key) == ("A", "k")
    assert document.publish_date == datetime.datetime(2024, 1, 1, tzinfo=UTC)


def test_title_is_required():
    assert ("title", "is required", None) in problems("---\ndescription: no title\n---\n")


def test_front_matter_that_is_not_a_mapping_is_an_error():
    [(field, message, _)] = problems("---\n- a\n- b\n---\n")
    assert field == "front matter" and "mapping" in message


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2024-05-01", datetime.datetime(2024, 5, 1, tzinfo=UTC)),
        ("2024-05-01T09:30:00", datetime.datetime(2024, 5, 1, 9, 30, tzinfo=UTC)),
        ("2024-05-01T09:30:00+02:00", datetime.datetime(2024, 5, 1, 7, 30, tzinfo=UTC)),
        ("'2024-05-01T09:30:00Z'", datetime.datetime(2024, 5, 1, 9, 30, tzinfo=UTC)),
    ],
    ids=["date", "datetime-without-zone-is-utc", "datetime-with-zone", "quoted-string"],
)
def test_dates_with_or_without_time_zone(value, expected):
    assert parse(f"---\ntitle: A\ndate: {value}\n---\n").date == expected


def test_toml_dates_without_time_zone_are_utc():
    document = parse('+++\ntitle = "A"\ndate = 2024-05-01\nlastmod = 2024-05-02T10:00:00\n+++\n')
    assert document.date == datetime.datetime(2024, 5, 1, tzinfo=UTC)
    assert document.lastmod == datetime.datetime(2024, 5, 2, 10, tzinfo=UTC)


def test_json_dates_are_read_from_text():
    assert parse('{"title": "A", "date": "2024-05-01T09:30:00Z"}').date == datetime.datetime(
        2024, 5, 1, 9, 30, tzinfo=UTC
    )


@pytest.mark.parametrize(
    "line, field",
    [
        ("date: 0001-01-01T00:00:00+01:00", "date"),
        ("publishDate: 9999-12-31T22:00:00-03:00", "publishDate"),
        ("lastmod: 1899-12-31T23:59:59Z", "lastmod"),
        ("date: '9001-01-01'", "date"),
    ],
    ids=["year-0-in-utc", "year-10000-in-utc", "before-1900", "after-9000-as-text"],
)
def test_dates_outside_1900_to_9000_utc_are_refused(line, field):
    [(found, message, _)] = problems(f"---\ntitle: A\n{line}\n---\n")
    assert found == field and message.startswith("must be between 1900-01-01 and 9000-12-31 (UTC)")


def test_dates_at_the_edges_of_the_range_are_kept():
    document = parse("---\ntitle: A\ndate: 1900-01-01T00:00:00Z\nlastmod: 9000-12-31T23:59:59Z\n---\n")
    assert (document.date.year, document.lastmod.year) == (1900, 9000)


@pytest.mark.parametrize(
    "text, message",
    [
        ("---\ntitle: A\ndate: 2024-02-30\n---\n", "invalid YAML: “2024-02-30” cannot be read: day is out of range"),
        ("---\ntitle: A\ndate: 0000-01-01\n---\n", "invalid YAML: “0000-01-01” cannot be read: year 0 is out of range"),
        ("---\ntitle: A\nweight: " + "1" * 5000 + "\n---\n", "a number has more than 4300 digits"),
        ('+++\ntitle = "A"\nweight = ' + "1" * 5000 + "\n+++\n", "invalid TOML: a number has more than 4300"),
        ('{"title": "A", "weight": ' + "1" * 5000 + "}\n", "invalid JSON: a number has more than 4300 digits"),
        ("---\ntitle: A\nx: " + "[" * 30_000 + "]" * 30_000 + "\n---\n", "invalid YAML: lists and mappings are"),
        ('+++\ntitle = "A"\nx = ' + "[" * 30_000 + "]" * 30_000 + "\n+++\n", "invalid TOML: lists and mappings"),
        ('{"title": "A", "x": ' + "[" * 30_000 + "]" * 30_000 + "}\n", "invalid JSON: lists and mappings are"),
        ('{"title": "A", "x": ' + "[" * 21 + "]" * 21 + "}\n", "nested more than 20 levels deep"),
    ],
    ids=[
        "yaml-february-30", "yaml-year-0", "yaml-5000-digits", "toml-5000-digits", "json-5000-digits",
        "yaml-30000-deep", "toml-30000-deep", "json-30000-deep", "json-21-deep",
    ],
)  # fmt: skip
def test_values_python_cannot_build_are_front_matter_errors(text, message):
    [(field, found, line)] = problems(text)
    assert field == "front matter" and message in found and line


def test_hex_number_too_long_to_print_is_refused_in_extra():
    [(field, message, _)] = problems("---\ntitle: A\nseries: 0x" + "f" * 5000 + "\n---\n")
    assert field == "series" and message == "holds a number larger than 9223372036854775807"


@pytest.mark.parametrize("key", ["pubdate", "published"])
def test_hugo_other_names_for_publish_date_are_read_as_it(key):
    assert parse(f"---\ntitle: A\n{key}: 2024-01-01\n---\n").publish_date == datetime.datetime(2024, 1, 1, tzinfo=UTC)


def test_publish_date_under_two_hugo_names_is_given_twice():
    [(field, message, _)] = problems("---\ntitle: A\npublishDate: 2024-01-01\npubdate: 2025-01-01\n---\n")
    assert field == "pubdate" and "given twice (also as “publishDate”)" in message


@pytest.mark.parametrize(
    "line, field, message",
    [
        ("date: yesterday", "date", "must be a date"),
        ("publishDate: 12", "publishDate", "must be a date"),
        ("draft: maybe", "draft", "true or false"),
        ("duration: -5", "duration", "0 or more"),
        ("duration: '60'", "duration", "whole number of seconds"),
        ("weight: heavy", "weight", "whole number"),
        ("muscles: glutes", "muscles", "must be a list of text values"),
        ("keywords: [leg, 3]", "keywords", "item 2 must be text"),
        ("aliases: [/a/, [/b/]]", "aliases", "item 2 must be text"),
        ("steps: [{a: 1}]", "steps", "item 1 must be text"),
        ("modifications: [{name: x}]", "modifications", "needs level"),
        ("modifications: [{name: x, level: easier, how: y}]", "modifications", "unknown key(s) how"),
        ("faq: [{q: Why?}]", "faq", "needs a"),
        ("faq: Why?", "faq", "must be a list"),
        ("title: [A]", "title", "must be text"),
    ],
)
def test_field_shape_rules(line, field, message):
    found = problems(f"---\ntitle: A\n{line}\n---\n" if not line.startswith("title") else f"---\n{line}\n---\n")
    assert any(f == field and message in m for f, m, _ in found), found


def test_every_problem_in_a_file_is_reported():
    found = problems("---\ndraft: maybe\nduration: -1\nmuscles: glutes\n---\n")
    assert {field for field, _, _ in found} == {"draft", "duration", "muscles", "title"}


def test_spanish_values_map_to_stored_values():
    document = parse(
        "---\ntitle: A\ndifficulty: Avanzado\nmodifications:\n"
        "  - {name: Rodilla doblada, level: más fácil}\n  - {name: Tobillera, level: Más Difícil}\n---\n",
        language="es",
    )
    assert document.difficulty == "advanced"
    assert [m.level for m in document.modifications] == ["easier", "harder"]


def test_unknown_keys_are_kept_as_extra_values_with_dates_as_text():
    document = parse("---\ntitle: A\nseries: [legs]\nparams: {since: 2020-01-02, n: 3}\n---\n")
    assert document.extra == {"series": ["legs"], "params": {"since": "2020-01-02", "n": 3}}


def test_numbered_steps_section_is_lifted_from_the_body():
    document = parse(
        "---\ntitle: A\n---\nIntro.\n\n## Steps\n\n1. Lie face down.\n2. Lift one leg\n   slowly.\n\n"
        "## Benefits\n\nGood.\n"
    )
    assert document.steps == ["Lie face down.", "Lift one leg slowly."]
    assert document.body == "Intro.\n\n<!-- steps -->\n\n## Benefits\n\nGood."
    assert document.lifted


def test_modification_bullets_are_lifted_from_the_body():
    document = parse(
        "---\ntitle: A\n---\n## Modifications\n\n- **Easier:** Bent knee — bend the knee.\n- **Harder:** Ankle weight\n"
    )
    assert document.modifications == [
        ModificationDoc("Bent knee", "easier", "bend the knee."),
        ModificationDoc("Ankle weight", "harder", ""),
    ]
    assert document.body == ""


@pytest.mark.parametrize(
    "bullet, name, description",
    [
        ("**Easier:** Bend your knees, keeping both feet on the mat.", "Bend your knees",
         "Bend your knees, keeping both feet on the mat."),
        ("**Easier:** Keep the bottom knee bent on the floor for a more stable base.", "Easier",
         "Keep the bottom knee bent on the floor for a more stable base."),
        ("**Harder:** Lift. Then hold the top position for three full breaths.", "Lift",
         "Lift. Then hold the top position for three full breaths."),
        ("**Más fácil:** Apoya el antebrazo en la esterilla durante todo el movimiento.", "Más fácil",
         "Apoya el antebrazo en la esterilla durante todo el movimiento."),
        ("**Harder:** Ankle weight", "Ankle weight", ""),
        ("**Easier:** Bent knee: bend the knee.", "Bent knee", "bend the knee."),
    ],
    ids=["first-clause", "level-label", "first-sentence", "spanish-label", "already-a-name", "named"],
)  # fmt: skip
def test_a_modification_written_as_a_sentence_gets_a_short_name_and_the_sentence(bullet, name, description):
    document = parse(f"---\ntitle: A\n---\n## Modifications\n\n- {bullet}\n")
    [modification] = document.modifications
    assert (modification.name, modification.description) == (name, description)


def test_text_before_the_steps_section_keeps_its_place_with_a_marker():
    document = parse(
        "---\ntitle: A\n---\n## Starting Position\n\nLie on your side.\n\n## Execution\n\n1. Lift.\n2. Lower.\n"
    )
    assert document.body == "## Starting Position\n\nLie on your side.\n\n<!-- steps -->"


def test_a_steps_section_first_in_the_body_leaves_no_marker():
    document = parse("---\ntitle: A\n---\n## Steps\n\n1. Lift.\n\n## Benefits\n\nGood.\n")
    assert document.body == "## Benefits\n\nGood."


def test_spanish_sections_are_lifted():
    document = parse(
        "---\ntitle: A\n---\n## Ejecución\n\n1. Túmbate.\n2) Eleva.\n\n## Modificaciones\n\n"
        "* **Más fácil:** Rodilla doblada\n* **Más difícil**: Tobillera\n",
        language="es",
    )
    assert document.steps == ["Túmbate.", "Eleva."]
    assert [(m.name, m.level) for m in document.modifications] == [
        ("Rodilla doblada", "easier"),
        ("Tobillera", "harder"),
    ]


def test_front_matter_steps_win_over_a_steps_section():
    document = parse("---\ntitle: A\nsteps: [From front matter]\n---\n## Steps\n\n1. From body\n")
    assert document.steps == ["From front matter"]
    assert "## Steps" in document.body and not document.lifted


def test_steps_section_with_other_text_stays_in_the_body_with_a_note():
    document = parse("---\ntitle: A\n---\n## Instructions\n\nWarm up first.\n\n1. Lift.\n")
    assert document.steps == [] and "## Instructions" in document.body
    assert "stays in the body" in document.notes[0]


def test_headings_inside_code_blocks_are_not_sections():
    document = parse("---\ntitle: A\n---\n```\n## Steps\n1. not a step\n```\n")
    assert document.steps == []


def full_document(**overrides):
    fields = dict(
        title="Elevación de pierna prona",
        slug="elevación-de-pierna-prona",
        language="es",
        translation_key="prone-leg-lift",
        description="Una línea: con dos puntos",
        body="## Beneficios\n\nGlúteos.",
        date=datetime.datetime(2024, 1, 2, 3, 4, 5, 123456, tzinfo=UTC),
        lastmod=datetime.datetime(2024, 2, 1, tzinfo=UTC),
        publish_date=datetime.datetime(2024, 1, 3, tzinfo=UTC),
        draft=True,
        weight=3,
        url="/pilates/elevacion/",
        aliases=["/old/a/", "/old/b/"],
        author="Ana",
        image="/images/x.jpg",
        image_alt="Una persona",
        video_id="dQw4w9WgXcQ",
        difficulty="advanced",
        duration=0,
        keywords=["yes", "2024-01-01"],
        muscles=["Glúteo mayor"],
        equipment=["Esterilla"],
        steps=["Uno.", "Dos:\nmás líneas."],
        modifications=[ModificationDoc("Rodilla", "easier", "Dobla."), ModificationDoc("Peso", "harder")],
        faqs=[FAQDoc("¿Cuántas?", "10–15")],
        extra={"zeta": True, "alpha": {"b": [1, "2"]}},
    )
    return Document(**{**fields, **overrides})


def test_rendered_document_reads_back_the_same():
    document = full_document()
    assert parse(render_document(document), slug="other", language="es") == document


def test_rendered_front_matter_has_a_fixed_key_order_with_extras_last_and_sorted():
    keys = list(front_matter_from_document(full_document()))
    assert keys[:3] == ["title", "slug", "translationKey"]
    assert keys[-2:] == ["alpha", "zeta"]


def test_extra_keys_naming_fields_never_override_them_in_rendered_front_matter():
    extra = {"Draft": False, "slug": "x", "publishdate": "2000-01-01", "series": "legs"}
    data = front_matter_from_document(full_document(extra=extra))
    publish = datetime.datetime(2024, 1, 3, tzinfo=UTC)
    assert (data["slug"], data["publishDate"], data["series"]) == ("elevación-de-pierna-prona", publish, "legs")
    assert not {"Draft", "publishdate"} & set(data)
    assert parse(render_document(full_document(extra=extra)), slug="y", language="es").draft is True


def test_rendered_spanish_document_uses_spanish_values():
    text = render_document(full_document())
    assert "difficulty: avanzado" in text and "level: más fácil" in text


def test_rendering_is_stable():
    assert render_document(full_document()) == render_document(full_document())


def source(tmp_path, relative, root=True):
    path = tmp_path / relative
    return SourceFile(path, tmp_path if root else None)


LANGUAGES = ["en", "es"]


def test_language_from_file_name_suffix(tmp_path):
    assert detect_language(source(tmp_path, "exercises/leg-lift.es.md"), LANGUAGES, "en") == "es"


def test_language_from_folder_under_content_root(tmp_path):
    assert detect_language(source(tmp_path, "es/ejercicios/leg-lift.md"), LANGUAGES, "en") == "es"


def test_language_falls_back_when_name_and_folder_say_nothing(tmp_path):
    assert detect_language(source(tmp_path, "exercises/leg-lift.md"), LANGUAGES, "es") == "es"


def test_language_that_is_not_enabled_is_an_error(tmp_path):
    with pytest.raises(LanguageError, match="“fr” is not enabled.*SITE_LANGUAGES"):
        detect_language(source(tmp_path, "exercises/leg-lift.fr.md"), LANGUAGES, "en")


def test_slug_comes_from_file_name_or_bundle_folder(tmp_path):
    assert slug_from_name(source(tmp_path, "exercises/Prone Leg Lift.es.md")) == "prone-leg-lift"
    assert slug_from_name(source(tmp_path, "exercises/plank-leg-lift/index.md")) == "plank-leg-lift"


def test_hugo_url_of_a_file_in_a_language_folder(tmp_path):
    found = hugo_url(source(tmp_path, "es/ejercicios/mat/El-Cien.md"), "es", "en", "el-cien", "")
    assert found == "/es/ejercicios/mat/el-cien/"


def test_hugo_url_uses_slug_for_the_last_segment_and_prefixes_suffix_languages(tmp_path):
    assert hugo_url(source(tmp_path, "exercises/old-name.es.md"), "es", "en", "nuevo", "") == "/es/exercises/nuevo/"


def test_hugo_url_of_default_language_has_no_prefix(tmp_path):
    assert hugo_url(source(tmp_path, "en/exercises/x/index.md"), "en", "en", "x", "") == "/exercises/x/"


def test_hugo_url_is_replaced_by_front_matter_url(tmp_path):
    assert hugo_url(source(tmp_path, "exercises/x.md"), "en", "en", "x", "pilates/the-hundred") == (
        "/pilates/the-hundred/"
    )


def test_hugo_url_is_unknown_for_a_file_outside_a_content_tree(tmp_path):
    assert hugo_url(source(tmp_path, "x.md", root=False), "en", "en", "x", "") is None


def test_find_files_recurses_and_skips_list_pages(tmp_path):
    for name in ("exercises/_index.md", "exercises/a.md", "exercises/b/index.md", "exercises/notes.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    found = sorted(Path(f.path).relative_to(tmp_path).as_posix() for f in find_files([tmp_path]))
    assert found == ["exercises/a.md", "exercises/b/index.md"]


def test_hugo_url_is_unknown_for_a_file_outside_the_given_content_root(tmp_path):
    outside = SourceFile(tmp_path / "elsewhere/x.md", tmp_path / "content")
    assert hugo_url(outside, "en", "en", "x", "") is None
