"""RSS feeds at the Hugo site's addresses: /index.xml and /exercises/index.xml, in each language."""

import re
from html import unescape

import nh3
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .filters import SORTS
from .models import Exercise
from .seo import absolute_url

FEED_SIZE = 20
EXCERPT_WORDS = 50
# Where one block of HTML ends, words on either side must not run together once the tags are gone.
BLOCK_END = re.compile(r"(</(?:p|li|h[1-6]|blockquote|pre|dd|dt|td|th|tr)>|<br\s*/?>)", re.IGNORECASE)
MAX_UNESCAPE_ROUNDS = 5


def plain_text(html: str) -> str:
    """Text without markup, for a feed reader that renders a description as HTML.

    Tags (and script and style contents) are dropped and entities decoded, repeatedly, so that
    escaped markup such as `&lt;img onerror=…&gt;` cannot come back as a tag; whitespace is collapsed.
    """
    text = BLOCK_END.sub(r"\1 ", html or "")
    for _round in range(MAX_UNESCAPE_ROUNDS):
        stripped = unescape(nh3.clean(text, tags=set()))
        if stripped == text:
            break
        text = stripped
    else:  # escaped more deeply than any honest text is: give up on what might still be markup
        text = text.replace("<", " ")
    return " ".join(text.split())


class LatestExercisesFeed(Feed):
    title = _("Exercise Library")
    description = _("The newest exercises in the library.")
    link_name = "exercises:home"

    # Absolute links from SITE_URL: Django's default would build them from the request's Host header.
    def link(self):
        return absolute_url(reverse(self.link_name))

    def get_object(self, request, *args, **kwargs):
        return request.path  # the feed's own path, for feed_url (one instance serves every thread)

    def feed_url(self, path):
        return absolute_url(path)

    def item_link(self, item):
        return absolute_url(item.get_absolute_url())

    def items(self):
        return Exercise.objects.published().in_language(get_language()).order_by(*SORTS["newest"])[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        """The description, or the start of the body, as plain text."""
        return plain_text(item.description) or Truncator(plain_text(item.body_html)).words(EXCERPT_WORDS)

    def item_pubdate(self, item):
        """The date the file or editor gave; none otherwise (RSS allows an item without pubDate), since the
        moment it was imported is no publication date and would change with every fresh import."""
        return item.date

    def item_updateddate(self, item):
        return item.lastmod or item.date

    def item_author_name(self, item):
        return item.author or None


class ExerciseSectionFeed(LatestExercisesFeed):
    title = _("Exercises")
    link_name = "exercises:list"
