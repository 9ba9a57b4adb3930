"""No address under the pages catch-all gives a server error: hypothesis builds odd paths (section
paths, Hugo pagination, feeds, language prefixes, broken escapes, NUL, huge segments) and every answer
must be below 500."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exercises.tests.factories import make_exercise
from exercises.tests.test_fuzz import FUZZ_SETTINGS, NUMBERS, assert_no_server_error, encoded, language, segment

from .factories import make_page, make_section

pytestmark = pytest.mark.django_db

TEMPLATES = [
    "/{}/",
    "/{}/{}/",
    "/learn/{}/",
    "/learn/{}/page/{}/",
    "/{}/page/{}/",
    "/learn/page/{}/",
    "/exercises/mat/page/{}/",
    "/{}/index.xml",
    "/learn/{}/index.xml",
    "/muscles/{}/index.xml",
    "/{}/{}/index.xml",
    "/exercises/{}/{}/",
    "/{}/learn/",
    "/{}/aprender/{}/",
]


@pytest.fixture
def site_tree():
    make_section("learn", "Learn")
    make_page("learn/guide", "Guide")
    make_section("exercises/mat", "Mat", section="exercises")
    make_section("aprender", "Aprender", language="es")
    make_exercise("Hundred", section="exercises/mat", muscles=["Glutes"])


@FUZZ_SETTINGS
@given(
    template=st.sampled_from(TEMPLATES),
    parts=st.lists(st.one_of(segment, language, NUMBERS.map(encoded)), min_size=2, max_size=2),
    query=st.sampled_from(["", "?page=2", "?page=-1", "?page=99999999999", "?page=%00"]),
)
def test_odd_paths_under_the_catch_all_never_cause_a_server_error(client, site_tree, template, parts, query):
    assert_no_server_error(client, template.format(*parts) + query)
