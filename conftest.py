import pytest

# One chromium for every app's browser tests: fixtures registered once, not re-imported per folder.
pytest_plugins = ["exercises.tests.browser.fixtures"]


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache, so cached pages never leak between tests."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
