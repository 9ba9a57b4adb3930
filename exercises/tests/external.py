"""Tests that need a program from outside Python (chromium, nginx): a skip locally, a failure in CI."""

import os

import pytest


def tools_required():
    """CI sets REQUIRE_BROWSER=1: every external tool the suite uses must then be installed."""
    return os.environ.get("REQUIRE_BROWSER", "").strip().lower() in {"1", "true", "yes", "on"}


def missing(reason):
    """Skip locally; in CI (REQUIRE_BROWSER=1) a missing tool is a failure."""
    if tools_required():
        pytest.fail(f"{reason} (REQUIRE_BROWSER is set, so this is a failure, not a skip)", pytrace=False)
    pytest.skip(reason)
