"""RSS feeds of sections at Hugo's addresses (<section>/index.xml): the newest pages, exercises and workouts."""

from django.contrib.syndication.views import Feed

from . import sections


class SectionFeed(Feed):
    """Called with the section page already found: SectionFeed()(request, section=page)."""

    def get_object(self, request, section):
        return section

    def title(self, section):
        return section.title

    def link(self, section):
        return section.get_absolute_url()

    def description(self, section):
        return section.description or section.title

    def items(self, section):
        return sections.newest_children(section)

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.description

    def item_link(self, item):
        return item.url

    def item_pubdate(self, item):
        return item.date
