"""No query string and no path gives a server error: hypothesis throws random and malformed input at the
public pages (list, search, landing pages, home, detail) and every answer must be below 500.

Input is sent the way a WSGI server would pass it: percent-encoded bytes, which may be invalid UTF-8
(an escaped lone surrogate, an overlong sequence), NUL, right-to-left marks, huge or negative numbers.
The page cache is cleared before each request so that every example reaches the view.
"""

from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exercises import local_copies

from .factories import make_full_exercise

pytestmark = pytest.mark.django_db

FUZZ_SETTINGS = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

KNOWN_KEYS = ["muscle", "equipment", "difficulty", "max_duration", "q", "sort", "page", "lang", "language"]
NASTY_TEXT = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\u202eevil\u202c",  # right-to-left override
    "\u200f\u200e",
    "%",
    "%%",
    "%zz",
    "'; DROP TABLE exercises_exercise; --",
    '"><script>alert(1)</script>',
    "../../etc/passwd",
    "none",
    "beginner",
    "gluteus-maximus",
    "\ufeff",
    "🏋️‍♀️",
    "Ω" * 300,
]
# Escapes that decode to no valid UTF-8: a lone surrogate, an overlong slash, a stray continuation byte.
RAW_ESCAPES = ["%ED%A0%80", "%C0%AF", "%80", "%FF%FE", "%F4%90%80%80", "%00", "%E2%80%AE"]
NUMBERS = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(["-0", "0", "1e308", "-1e308", "nan", "inf", "-inf", "0x10", "1_000", " 7 ", "٣", "1.5", "10**9"]),
)


def encoded(text: str) -> str:
    return quote(text, safe="", errors="surrogatepass")


text = st.text(max_size=60).map(encoded)
surrogates = st.text(alphabet=st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF), min_size=1, max_size=4)
value = st.one_of(
    text,
    st.sampled_from(NASTY_TEXT).map(encoded),
    st.sampled_from(RAW_ESCAPES),
    surrogates.map(encoded),
    st.binary(max_size=40).map(lambda raw: quote(raw, safe="")),
    NUMBERS.map(encoded),
    st.sampled_from([10_000, 100_000]).map(lambda size: "x" * size),
)
key = st.one_of(st.sampled_from(KNOWN_KEYS), text, st.sampled_from(RAW_ESCAPES))
pair = st.tuples(key, value).map(lambda kv: f"{kv[0]}={kv[1]}")
# Repeated keys come naturally from the list; bare keys, empty pairs and stray separators are added.
query_string = st.lists(st.one_of(pair, key, st.sampled_from(["", "=", "&", "==", "?"])), max_size=12).map("&".join)
segment = st.one_of(
    text.filter(lambda s: s not in ("", ".", "..")),
    st.sampled_from(RAW_ESCAPES),
    surrogates.map(encoded),
    st.sampled_from([300, 5_000]).map(lambda size: "s" * size),
    st.sampled_from(NASTY_TEXT[1:]).map(encoded),
)
language = st.one_of(st.sampled_from(["en", "es", "fr", "EN", "es-ES", "zz", "x" * 100, "%00"]), segment)


@pytest.fixture
def library():
    make_full_exercise()
    make_full_exercise("Side Leg Lift", slug="side-leg-lift", difficulty="advanced", duration=90)
    make_full_exercise("Elevación", slug="elevación", language="es", translation_key="prone-leg-lift")


def assert_no_server_error(client, url):
    local_copies.clear_all()
    response = client.get(url)
    assert response.status_code < 500, url


LIST_PAGES = [
    "/",
    "/exercises/",
    "/es/ejercicios/",
    "/muscles/hamstrings/",
    "/equipment/mat/",
    "/difficulties/beginner/",
]


@FUZZ_SETTINGS
@given(page=st.sampled_from(LIST_PAGES), query=query_string)
def test_random_query_strings_never_cause_a_server_error(client, library, page, query):
    assert_no_server_error(client, f"{page}?{query}")


@FUZZ_SETTINGS
@given(
    page=st.sampled_from(["/exercises/", "/es/ejercicios/"]),
    q=value,
    sort=value,
    numbers=st.lists(st.tuples(st.sampled_from(["page", "max_duration"]), NUMBERS.map(encoded)), max_size=4),
    tags=st.lists(st.tuples(st.sampled_from(["muscle", "equipment", "difficulty"]), value), max_size=25),
)
def test_search_with_malformed_filters_never_causes_a_server_error(client, library, page, q, sort, numbers, tags):
    pairs = [("q", q), ("sort", sort), *numbers, *tags]
    assert_no_server_error(client, page + "?" + "&".join(f"{k}={v}" for k, v in pairs))


@FUZZ_SETTINGS
@given(
    template=st.sampled_from(
        [
            "/exercises/{}/",
            "/{}/",
            "/{}/exercises/",
            "/{}/exercises/prone-leg-lift/",
            "/es/ejercicios/{}/",
            "/muscles/{}/",
            "/equipment/{}/",
            "/difficulties/{}/",
            "/{}/{}/",
            "/exercises/{}",
            "/{}",
        ]
    ),
    first=st.one_of(segment, language),
    second=segment,
    query=query_string,
)
def test_unicode_and_long_values_in_any_path_position_never_cause_a_server_error(
    client, library, template, first, second, query
):
    assert_no_server_error(client, template.format(first, second) + (f"?{query}" if query else ""))


@pytest.mark.parametrize(
    "url",
    [
        "/exercises/" + "a" * 10_000 + "/",
        "/exercises/%ED%A0%80/",
        "/exercises/%00/",
        "/muscles/%C0%AF/",
        "/zz/exercises/",
        "/exercises/?page=-1",
        "/exercises/?page=99999999999999999999999999",
        "/exercises/?max_duration=-60",
        "/exercises/?max_duration=1e308",
        "/exercises/?sort=random&sort=title",
        "/exercises/?q=%00&q=%ED%A0%80",
        "/exercises/?muscle=" + "m" * 100_000,
        "/?" + "&".join(["muscle=a"] * 2000),
    ],
)
def test_known_awkward_requests_are_answered_without_a_server_error(client, library, url):
    assert_no_server_error(client, url)
