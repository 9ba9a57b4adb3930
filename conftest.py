import pytest

# One chromium for every app's browser tests: fixtures registered once, not re-imported per folder.
pytest_plugins = ["exercises.tests.browser.fixtures"]


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache, so cached pages never leak between tests."""
    from exercises import local_copies

    local_copies.clear_all()
    yield
    local_copies.clear_all()
