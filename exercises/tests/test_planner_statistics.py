"""A large import refreshes PostgreSQL's planner statistics at once; a small one leaves them to autovacuum.

Runs the commands with production settings in a scratch database of its own: ANALYZE's row counts survive a
rolled-back test, and tables analysed while empty would make PostgreSQL plan every later test's queries as for
one-row tables (the test settings switch it off).
"""

import os
from pathlib import Path

import psycopg
import pytest

from config import servers
from config.settings import PLANNER_STATISTICS_AFTER_ROWS as LARGE

from .content_files import write

DATABASE_URL = os.environ.get("DATABASE_URL", "")
pytestmark = pytest.mark.skipif(
    not DATABASE_URL.startswith(("postgres://", "postgresql://")), reason="SQLite keeps no planner statistics"
)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory):
    """(environment for manage.py, database URL) of a migrated scratch database."""
    static_root = tmp_path_factory.mktemp("static")
    with servers.scratch_postgres(DATABASE_URL) as url:
        env = servers.production_env(url, static_root)
        servers.manage(env, "migrate", "--no-input")
        yield env, url


def last_analysed(url):
    """When exercises_exercise was last analysed by a command (None: never)."""
    with psycopg.connect(url) as connection:
        query = "SELECT last_analyze FROM pg_stat_user_tables WHERE relname = 'exercises_exercise'"
        return connection.execute(query).fetchone()[0]


def write_exercises(root: Path, count, prefix):
    for number in range(count):
        write(root, f"exercises/{prefix}-{number}.md", f"---\ntitle: {prefix} {number}\n---\nBody.\n")
    return root


def test_a_small_import_leaves_the_statistics_alone_and_a_large_one_analyses(scratch, tmp_path):
    env, url = scratch
    servers.manage(env, "import_exercises", str(write_exercises(tmp_path / "small", 10, "small")))
    assert last_analysed(url) is None

    servers.manage(env, "import_exercises", str(write_exercises(tmp_path / "large", LARGE, "large")))
    first = last_analysed(url)
    assert first is not None

    servers.manage(env, "import_content", str(write_exercises(tmp_path / "site", LARGE, "site")))
    assert last_analysed(url) > first
