"""A generated bilingual (en/es) Hugo site of about N files, shaped like a real one, for `make bench`.

Of N files, 60 % are exercises (import_benchmark's files, in section folders such as exercises/mat and
es/ejercicios/pelota), 1/6 are workouts (half list their ~10 items in front matter, naming library exercises
by title or by `exercise:` slug; half name a record in data/workouts.json, with `_es` keys for Spanish),
a couple of dozen are section `_index.md` files, and the rest are pages: learn articles in learn/<topic>/,
teacher profiles and legal pages. Every file has its translation; all are valid, so the import writes them all.
"""

import json
import random
from pathlib import Path

import yaml

from bench.import_benchmark import PARAGRAPH, body, front_matter

LANGUAGES = ("en", "es")
PREFIX = {"en": "", "es": "es/"}
EXERCISE_SECTIONS = {
    "en": ("exercises/mat", "exercises/ball", "exercises/standing"),
    "es": ("ejercicios/suelo", "ejercicios/pelota", "ejercicios/de-pie"),
}
LEARN_SECTIONS = {
    "en": ("learn/fundamentals", "learn/technique", "learn/programming"),
    "es": ("aprender/fundamentos", "aprender/tecnica", "aprender/programacion"),
}
WORKOUTS = {"en": "workouts", "es": "entrenamientos"}
TEACHERS = {"en": "teachers", "es": "profesores"}
LEGAL = {"en": ("about", "privacy", "terms", "cookies"), "es": ("acerca-de", "privacidad", "terminos", "cookies")}
KINDS = {"en": ("warm-up", "main", "cool-down"), "es": ("calentamiento", "principal", "enfriamiento")}
ITEMS_PER_WORKOUT = 10
SECTION_FOLDERS = {
    language: (
        "",
        EXERCISE_SECTIONS[language][0].split("/")[0],
        *EXERCISE_SECTIONS[language],
        LEARN_SECTIONS[language][0].split("/")[0],
        *LEARN_SECTIONS[language],
        TEACHERS[language],
        WORKOUTS[language],
    )
    for language in LANGUAGES
}


def exercise_title(n, language):
    return f"Exercise {n} ({language})"


def exercise_slug(n, language):
    return f"exercise-{n}" if language == "en" else f"ejercicio-{n}"


def items(k, language, exercises):
    """~10 items: 2 warm-up, 6 main, 2 cool-down, each naming a library exercise (by title or by slug)."""
    rows = []
    for i in range(ITEMS_PER_WORKOUT):
        n = (k * 7 + i * 13) % exercises
        kind = KINDS[language][0 if i < 2 else 1 if i < 8 else 2]
        row = {"name": exercise_title(n, language), "kind": kind, "duration": 60 + 30 * (i % 4)}
        if i % 3 == 0:
            row["exercise"] = exercise_slug(n, language)
        if kind == KINDS[language][1]:
            row["reps"] = f"3 × {8 + i}"
            row["instructions"] = [f"{sentence}." for sentence in PARAGRAPH.rstrip(".").split(". ")]
        rows.append(row)
    return rows


def workout_file(k, language, exercises, records):
    slug = f"workout-{k}" if language == "en" else f"entrenamiento-{k}"
    head = {
        "title": f"Workout {k} ({language})",
        "slug": slug,
        "translationKey": f"workout-{k}",
        "date": f"2024-02-{1 + k % 28:02d}T08:00:00Z",
    }
    if k % 2:  # the record in data/workouts.json holds the rest, in both languages
        head["workout_id"] = f"workout-{k}"
        if language == "en":
            records[f"workout-{k}"] = {
                "description": f"Workout {k}: twenty minutes for the hips and core.",
                "description_es": f"Entrenamiento {k}: veinte minutos para cadera y abdomen.",
                "difficulty": "intermediate",
                "duration": 1200,
                "equipment": ["Mat", "Ball"],
                "items": items(k, "en", exercises),
                "items_es": items(k, "es", exercises),
            }
    else:
        head.update(
            description=f"Workout {k}, a balanced session.",
            difficulty="beginner",
            duration=900,
            equipment=["Mat"],
            focus=["glutes", "core"],
            items=items(k, language, exercises),
        )
    text = "---\n" + yaml.safe_dump(head, allow_unicode=True, sort_keys=False, width=200) + "---\n" + PARAGRAPH
    return f"{PREFIX[language]}{WORKOUTS[language]}/{slug}.md", text


def article(j, language, exercises):
    section = LEARN_SECTIONS[language][j % 3]
    slug = f"article-{j}" if language == "en" else f"articulo-{j}"
    n = j % exercises
    link = f"/{PREFIX[language]}{EXERCISE_SECTIONS[language][n % 3]}/{exercise_slug(n, language)}/"
    text = (
        f"---\ntitle: Article {j} ({language})\nslug: {slug}\ntranslationKey: article-{j}\n"
        f"description: A guide to the details of exercise {n}.\ndate: 2024-03-{1 + j % 28:02d}T09:00:00Z\n"
        f"author: Teacher {j % 10}\ncategories: [{section.split('/')[1]}]\n---\n\n"
        f"Start with [{exercise_title(n, language)}]({link}).\n\n" + body()
    )
    return f"{PREFIX[language]}{section}/{slug}.md", text


def teacher(j, language):
    slug = f"teacher-{j}" if language == "en" else f"profesor-{j}"
    text = f"---\ntitle: Teacher {j}\nslug: {slug}\ntranslationKey: teacher-{j}\n---\n{PARAGRAPH}\n"
    return f"{PREFIX[language]}{TEACHERS[language]}/{slug}.md", text


def site_files(files: int, records: dict):
    """(path below content/, text) of every file of a site of about `files` files; fills `records`."""
    exercise_pairs, workout_pairs = round(files * 0.3), round(files / 12)
    index_files = sum(len(folders) for folders in SECTION_FOLDERS.values())
    page_pairs = max(len(LEGAL["en"]), (files - 2 * (exercise_pairs + workout_pairs) - index_files) // 2)
    teacher_pairs = page_pairs // 8
    rng, text = random.Random(files), body()
    for language in LANGUAGES:
        prefix = PREFIX[language]
        for folder in SECTION_FOLDERS[language]:
            name = folder.rsplit("/", 1)[-1] or "home"
            head = f"title: {name.replace('-', ' ').capitalize()}\ntranslationKey: section-{folder or 'home'}"
            yield f"{prefix}{folder}/_index.md".lstrip("/"), f"---\n{head}\n---\n{PARAGRAPH}\n"
        for n in range(exercise_pairs):
            section = EXERCISE_SECTIONS[language][n % 3]
            yield f"{prefix}{section}/{exercise_slug(n, language)}.md", front_matter(n, language, rng) + text
        for k in range(workout_pairs):
            yield workout_file(k, language, exercise_pairs, records)
        for j in range(page_pairs - teacher_pairs - len(LEGAL["en"])):
            yield article(j, language, exercise_pairs)
        for j in range(teacher_pairs):
            yield teacher(j, language)
        for name, key in zip(LEGAL[language], LEGAL["en"], strict=True):
            yield f"{prefix}{name}.md", f"---\ntitle: {name.capitalize()}\nslug: {name}\ntranslationKey: {key}\n---\n"


def generate_site(root: Path, files: int) -> int:
    """Write the site under root (content/ and data/workouts.json); return the number of content files."""
    records, written = {}, 0
    for relative, text in site_files(files, records):
        path = root / "content" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written += 1
    (root / "data").mkdir(parents=True, exist_ok=True)
    (root / "data" / "workouts.json").write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    return written
