import xml.etree.ElementTree as ET

import pytest

from exercises.feeds import plain_text

from .factories import make_exercise

pytestmark = pytest.mark.django_db
HOSTILE = "<b>Bold</b>   move\n<script>alert(1)</script> &lt;img src=x onerror=alert(1)&gt; Tom &amp; Jerry"


def feed_descriptions(client, path="/index.xml"):
    channel = ET.fromstring(client.get(path).content).find("channel")
    return {item.find("title").text: item.find("description").text for item in channel.findall("item")}


@pytest.mark.parametrize("path", ["/index.xml", "/exercises/index.xml"])
def test_feed_description_is_plain_text_without_markup(client, path):
    make_exercise("Hostile", description=HOSTILE)
    description = feed_descriptions(client, path)["Hostile"]
    assert "<" not in description and ">" not in description
    assert "alert" not in description and "onerror" not in description
    assert description == "Bold move Tom & Jerry"


def test_feed_falls_back_to_a_plain_text_body_excerpt(client):
    body = "## Benefits\n\n<b>Bold</b> move &lt;img src=x onerror=alert(1)&gt; Tom &amp; Jerry\n\n" + "word " * 80
    make_exercise("Body Only", description="", body=body)
    description = feed_descriptions(client)["Body Only"]
    assert "<" not in description and "onerror" not in description
    assert description.startswith("Benefits Bold move Tom & Jerry word")
    assert description.endswith("…") and len(description.split()) == 50


@pytest.mark.parametrize(
    "html, text",
    [
        ("<p>One</p><p>Two</p>", "One Two"),
        ("reps < 10 & rest > 30s", "reps < 10 & rest > 30s"),
        ("&amp;lt;img src=x onerror=alert(1)&amp;gt;", ""),
        ("<style>p {}</style>Café&nbsp;au\tlait", "Café au lait"),
    ],
)
def test_plain_text(html, text):
    assert plain_text(html) == text
