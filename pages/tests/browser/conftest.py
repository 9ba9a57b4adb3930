"""The exercise app's browser fixtures (one chromium, offline routes, axe), reused for page tests."""

from exercises.tests.browser.conftest import axe_script, browser, make_page, page, site  # noqa: F401
