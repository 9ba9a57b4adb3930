"""Benchmark: generate N realistic content files and time import_exercises on a fresh SQLite database.

    .venv/bin/python bench/import_benchmark.py 1000 10000

Each size runs in its own process (so peak memory is its own) against a throwaway database in a temporary
folder. Files come in English/Spanish pairs with 5 steps, 3 modifications, 3 FAQs, 4 keywords, 3 muscles
from a pool of 40 and 1–2 pieces of equipment from 15. Reported: first import, re-import of the unchanged
files, and peak resident memory before and after importing.
"""

import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MUSCLES = [f"Muscle {name}" for name in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN"]
EQUIPMENT = [f"Equipment {n}" for n in range(15)]
LEVELS = {"en": ("easier", "harder", "easier"), "es": ("más fácil", "más difícil", "más fácil")}
DIFFICULTY = {"en": ("beginner", "intermediate", "advanced"), "es": ("principiante", "intermedio", "avanzado")}
PARAGRAPH = (
    "Keep the movement slow and controlled, breathe out as you lift and keep the lower back steady. "
    "Stop before your form changes, rest briefly between sets and progress gradually over the weeks."
)


def front_matter(n, language, rng, muscles=MUSCLES, equipment=EQUIPMENT, video_id=""):
    """Exercise n's front matter, tagged with 3 of `muscles` and 1–2 of `equipment` (names in `language`)."""
    slug = f"exercise-{n}" if language == "en" else f"ejercicio-{n}"
    chosen_muscles = ", ".join(rng.sample(muscles, 3))
    chosen_equipment = ", ".join(rng.sample(equipment, rng.randint(1, 2)))
    video = f"video_id: {video_id}\n" if video_id else ""
    steps = "".join(f'  - "Step {i} of exercise {n}: place, brace, lift and lower with control."\n' for i in range(5))
    modifications = "".join(
        f"  - name: Variation {i}\n    level: {level}\n    description: 'Change the lever or add load: step {i}.'\n"
        for i, level in enumerate(LEVELS[language])
    )
    faqs = "".join(f'  - q: "Question {i} about exercise {n}?"\n    a: "{PARAGRAPH}"\n' for i in range(3))
    return (
        f"---\ntitle: Exercise {n} ({language})\nslug: {slug}\ntranslationKey: exercise-{n}\n"
        f"description: A realistic description of exercise {n}, about one sentence long.\n"
        f"date: 2024-01-{1 + n % 28:02d}T08:00:00Z\ndifficulty: {DIFFICULTY[language][n % 3]}\n"
        f"duration: {30 + n % 90}\nkeywords: [leg lift {n}, glutes, core, mat exercise]\n"
        f"{video}muscles: [{chosen_muscles}]\nequipment: [{chosen_equipment}]\n"
        f"steps:\n{steps}modifications:\n{modifications}"
        f"faq:\n{faqs}aliases: [/old/{language}/{slug}/]\n---\n"
    )


def body():
    sections = ("Benefits", "Common Mistakes to Avoid", "Tips for Success", "Safety")
    return "\n".join(f"## {title}\n\n{PARAGRAPH}\n\n- {PARAGRAPH[:80]}\n- {PARAGRAPH[80:160]}\n" for title in sections)


def generate(folder: Path, count: int):
    rng = random.Random(count)
    (folder / "exercises").mkdir(parents=True)
    (folder / "es" / "ejercicios").mkdir(parents=True)
    text = body()
    for n in range(count // 2):
        (folder / "exercises" / f"exercise-{n}.md").write_text(front_matter(n, "en", rng) + text)
        (folder / "es" / "ejercicios" / f"ejercicio-{n}.md").write_text(front_matter(n, "es", rng) + text)


def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_one(count: int):
    with tempfile.TemporaryDirectory(prefix="import-bench-") as tmp:
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
        os.environ.setdefault("DJANGO_SECRET_KEY", "benchmark-only")
        os.environ["DJANGO_DEBUG"] = "0"  # debug mode keeps a log of every query
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
        os.environ["DJANGO_LOG_LEVEL"] = "WARNING"
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        from django.core.management import call_command

        from exercises.importer import import_exercises
        from exercises.models import Exercise

        call_command("migrate", verbosity=0)
        content = Path(tmp) / "content"
        generate(content, count)
        before = peak_mb()
        started = time.perf_counter()
        result = import_exercises([content])
        first = time.perf_counter() - started
        after = peak_mb()
        started = time.perf_counter()
        again = import_exercises([content])
        second = time.perf_counter() - started
        assert result.created == count == Exercise.objects.count() and again.unchanged == count
        print(
            f"{count:>6} files: import {first:6.1f} s ({count / first:5.0f} files/s), "
            f"unchanged re-import {second:5.1f} s, peak RSS {before:4.0f} MB before → {after:4.0f} MB after"
        )


def main(sizes):
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, SQLite")
    for size in sizes:
        subprocess.run([sys.executable, __file__, "--one", str(size)], check=True)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--one"]:
        run_one(int(sys.argv[2]))
    else:
        main([int(arg) for arg in sys.argv[1:]] or [1000, 10000])
