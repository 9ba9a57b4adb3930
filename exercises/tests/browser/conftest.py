"""Browser fixtures live in fixtures.py, registered once for every app by the root conftest."""
