"""No query string gives the workout list or builder a server error: hypothesis sends random and malformed
parameters (invalid UTF-8 escapes, NUL, huge numbers, repeated keys) and every answer must be below 500."""

from urllib.parse import quote

import pytest
from django.core.cache import cache
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exercises.tests.factories import make_exercise

from .factories import make_workout

pytestmark = pytest.mark.django_db

KEYS = ["duration", "difficulty", "equipment", "focus", "page", "q", "level"]
RAW_ESCAPES = ["%ED%A0%80", "%C0%AF", "%80", "%FF%FE", "%00", "%E2%80%AE"]
VALUES = st.one_of(
    st.sampled_from(["", "none", "any", "mat", "core", "0-10", "30-", "beginner", "45", "-1", "1e9", "Ω" * 300]),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.text(max_size=40).map(lambda text: quote(text, safe="")),
    st.sampled_from(RAW_ESCAPES),
)
QUERIES = st.lists(st.tuples(st.sampled_from(KEYS), VALUES), max_size=8).map(
    lambda pairs: "&".join(f"{key}={value}" for key, value in pairs)
)
FUZZ = settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck))


@pytest.fixture
def content():
    make_exercise("Bridge", muscles=("Glutes",), equipment=("Mat",), duration=45)
    make_workout("Core", equipment=["Mat"], focus=["core"], items=[{"name": "Bridge", "duration": 60}])


@pytest.mark.parametrize(
    "path", ["/workouts/", "/es/entrenamientos/", "/workouts/builder/", "/es/entrenamientos/generador/"]
)
@FUZZ
@given(query=QUERIES)
def test_random_query_strings_never_give_a_server_error(client, content, path, query):
    cache.clear()

    response = client.get(f"{path}?{query}")

    assert response.status_code < 500, f"{path}?{query}"
