"""A large import refreshes PostgreSQL's planner statistics at once; a small one leaves them to autovacuum."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from exercises.import_writes import BATCH_SIZE

from .content_files import write

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite keeps no planner statistics"),
]


def estimated_exercise_rows():
    """What the planner believes exercises_exercise holds (-1: never analysed)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'exercises_exercise'")
        return cursor.fetchone()[0]


def write_exercises(root, count):
    for number in range(count):
        write(root, f"exercises/exercise-{number}.md", f"---\ntitle: Exercise {number}\n---\nBody.\n")


@pytest.mark.parametrize("command", ["import_exercises", "import_content"])
def test_a_large_import_analyses_the_tables(tmp_path, command):
    write_exercises(tmp_path, BATCH_SIZE)
    call_command(command, str(tmp_path), stdout=StringIO())
    # The rows are not committed yet (the test's transaction), so only this import's ANALYZE can count them.
    assert estimated_exercise_rows() >= BATCH_SIZE


def test_a_small_import_leaves_the_statistics_alone(tmp_path):
    before = estimated_exercise_rows()
    write_exercises(tmp_path, 10)
    call_command("import_exercises", str(tmp_path), stdout=StringIO())
    assert estimated_exercise_rows() == before
