"""Settings for the test suite: production settings with a throwaway key and fast hashing."""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-secret-key-not-for-production-7f3a9c1e5b2d8a4f6e0c")

from config.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Tests run without collectstatic, so no manifest exists.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
SECURE_SSL_REDIRECT = False

# Uploaded files land in a throwaway folder, never in the project.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="exercise-media-"))
STATIC_ROOT = Path(tempfile.mkdtemp(prefix="exercise-static-"))

# The test client's default host; tests that send another Host check it never reaches a page.
SITE_URL = "http://testserver"

# Renditions run inline when the on_commit callbacks run, so a test decides when they are made.
RENDITIONS_IN_BACKGROUND = False
# Tests publish inline when the on_commit callbacks run, also when REDIS_URL is set (no worker runs there).
PUBLISH_WITH_QUEUE = False
PUBLISH_IN_BACKGROUND = False
PUBLISH_ROOT = ""
# ANALYZE's row counts outlive a rolled-back test: a table analysed while empty would be planned as a one-row
# table in every later test (nested loops over joins, minutes per query). Its own test runs in a scratch database.
PLANNER_STATISTICS_AFTER_ROWS = None
