"""The library `make audit` serves: the starter fixtures/ plus N generated exercises in English and Spanish.

The generated exercises are import_benchmark's files (5 steps, 3 modifications, 3 FAQs, a four-section
body), in translation pairs linked by translationKey, tagged with muscles and equipment of the shipped
vocabulary (a pair names the same concepts, each in its own language) and every fifth pair with a video.
They go beside the fixtures' own exercises, so `manage.py import_content` takes the whole folder at once.
"""

import random
import shutil
from functools import cache
from pathlib import Path

import yaml

from bench.import_benchmark import body, front_matter
from bench.site_content import EXERCISE_SECTIONS, PREFIX, exercise_slug

ROOT = Path(__file__).resolve().parent.parent
VOCABULARY_FILE = ROOT / "exercises" / "vocabulary.yaml"
LANGUAGES = ("en", "es")
VIDEO_EVERY = 5


@cache
def vocabulary_names(kind, language):
    """The shown name (first spelling) in `language` of each concept of `kind`, in the file's order, so the
    same index is the same concept in every language. "No equipment" is left out: it is not something to pick
    beside a mat."""
    entries = yaml.safe_load(VOCABULARY_FILE.read_text(encoding="utf-8"))[kind]
    return [entry[language][0] for key, entry in entries.items() if key != "none"]


def video_id(n):
    """An 11-character id of YouTube's shape, one per pair that has a video."""
    return f"audit{n:06d}" if n % VIDEO_EVERY == 0 else ""


def exercise_file(n, language, text):
    """(path below content/, file text) of generated exercise n in `language`."""
    # One random stream per pair, so both languages pick the same concepts.
    rng = random.Random(n)
    head = front_matter(
        n,
        language,
        rng,
        muscles=vocabulary_names("muscles", language),
        equipment=vocabulary_names("equipment", language),
        video_id=video_id(n),
    )
    # The fixtures' exercise folder in each language (exercises/, es/ejercicios/).
    section = EXERCISE_SECTIONS[language][0].split("/")[0]
    return f"{PREFIX[language]}{section}/{exercise_slug(n, language)}.md", head + text


def write_library(content: Path, exercises: int, fixtures: Path = ROOT / "fixtures") -> int:
    """Copy fixtures/ into `content` and add `exercises` generated exercises (half in each language);
    return the number of generated files."""
    shutil.copytree(fixtures, content, dirs_exist_ok=True)
    text = body()
    written = 0
    for n in range(exercises // len(LANGUAGES)):
        for language in LANGUAGES:
            relative, file_text = exercise_file(n, language, text)
            path = content / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(file_text, encoding="utf-8")
            written += 1
    return written
