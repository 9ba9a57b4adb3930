"""RSS feeds at the Hugo site's addresses: /index.xml and /exercises/index.xml, in each language."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .models import Exercise
from .seo import absolute_url

FEED_SIZE = 20


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
        return Exercise.objects.published().in_language(get_language()).order_by("-publish_at", "-id")[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.description

    def item_pubdate(self, item):
        return item.date or item.publish_at

    def item_updateddate(self, item):
        return item.lastmod or item.updated

    def item_author_name(self, item):
        return item.author or None


class ExerciseSectionFeed(LatestExercisesFeed):
    title = _("Exercises")
    link_name = "exercises:list"
